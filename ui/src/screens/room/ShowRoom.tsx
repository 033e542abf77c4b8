import { useState } from "preact/hooks";
import type { Lab } from "../../bindings/Lab";
import { Moderation } from "./Moderation";
import { RoomPanel } from "./RoomPanel";

/** The room for phones on the Presentasi screen: the panel, and the queue beside it. */
export function ShowRoom({ lab }: { lab: Lab }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="room-grid" data-testid="show-room">
      <RoomPanel lab={lab} onStatus={(s) => setOpen(s.open)} />
      <Moderation lab={lab} open={open} />
    </div>
  );
}
