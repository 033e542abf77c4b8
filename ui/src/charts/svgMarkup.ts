// A chart as standalone SVG text (for saving or printing), drawn by Preact into a detached
// element: no render-to-string package needed, and the markup is exactly what the window shows.

import { type VNode, render } from "preact";

export function svgMarkup(chart: VNode): string {
  const host = document.createElement("div");
  render(chart, host);
  const markup = host.innerHTML;
  render(null, host);
  return markup;
}
