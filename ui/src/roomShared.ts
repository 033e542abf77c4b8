// What the room's panel (screens/room) and the projector's join corner share, without
// any command: the projector imports no write wrapper, even through another module.

/** How often the room's status and queue are read while it is open (phones write through
 * the participant service, which sends the windows no change event). */
export const ROOM_POLL_MS = 3000;

/** The QR code (an SVG document made by the Rust side) as an image source. */
export const qrSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
