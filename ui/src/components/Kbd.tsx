import type { Shortcut } from "../shortcuts";

/** A keyboard shortcut as a key cap. */
export function Kbd({ shortcut }: { shortcut: Shortcut }) {
  return <kbd class="kbd">{shortcut.label}</kbd>;
}
