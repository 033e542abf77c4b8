import { render } from "preact";
import { App } from "./app";
import { ProjectorApp } from "./projector/ProjectorApp";
import { captureKey, loadCapture } from "./screens/capture/Capture";
import { markPlatform } from "./platform";
import { beginLaunch, preload } from "./startup";
import "./styles.css";

// The interface font is the platform's own (styles.css), known before the first layout.
markPlatform();
// The same page serves both windows: the projector window opens `index.html#projector`.
const projector = location.hash === "#projector";
// The main window asks for the last lab and the capture screen's data before it first
// renders: each would otherwise wait for the frame before it.
if (!projector) beginLaunch((labId) => preload(captureKey(labId), () => loadCapture(labId)));
const root = document.getElementById("app");
if (root) render(projector ? <ProjectorApp /> : <App />, root);
