import { render } from "preact";
import { App } from "./app";
import { ProjectorApp } from "./projector/ProjectorApp";
import "./styles.css";

// The same page serves both windows: the projector window opens `index.html#projector`.
const root = document.getElementById("app");
if (root) render(location.hash === "#projector" ? <ProjectorApp /> : <App />, root);
