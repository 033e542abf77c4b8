import { useEffect, useState } from "preact/hooks";
import { roomStatus, shownQuestions } from "../api";
import type { RoomQuestion } from "../bindings/RoomQuestion";
import type { RoomStatus } from "../bindings/RoomStatus";
import { t } from "../i18n";
import { ROOM_POLL_MS, qrSource } from "../roomShared";

/** Questions shown at once on the projector. */
const SHOWN = 3;

/**
 * While the room for phones is open: its QR code, address, join code and the live count
 * of joined phones in a corner of every mode, and the approved questions of the pitch
 * going on. Reads only (`room_status`, `shown_questions`), on every change and every few
 * seconds (phones join without a change event).
 */
export function RoomCorner({
  labId,
  version,
  onOpen,
}: {
  labId: string;
  version: number;
  /** Told whether the room is open, so the modes leave the corner's band free. */
  onOpen?: (open: boolean) => void;
}) {
  const [status, setStatus] = useState<RoomStatus | null>(null);
  const open = status?.open ?? false;
  useEffect(() => onOpen?.(open), [open]);
  const [questions, setQuestions] = useState<RoomQuestion[]>([]);
  useEffect(() => {
    const read = () => {
      roomStatus(labId).then(setStatus, () => undefined);
      shownQuestions(labId).then(setQuestions, () => undefined);
    };
    read();
    const timer = setInterval(read, ROOM_POLL_MS);
    return () => clearInterval(timer);
  }, [labId, version]);
  if (!status || !open) return null;
  return (
    <aside class="projector-room" data-testid="projector-room" aria-label={t("room.projectorJoin")}>
      {status.qrSvg && <img class="projector-room__qr" src={qrSource(status.qrSvg)} alt={t("room.qr")} />}
      <div class="projector-room__text">
        <p class="projector-room__title">{t("room.projectorJoin")}</p>
        <p class="projector-room__url">{t("room.projectorOpen", { url: (status.url ?? "").replace(/\/$/, "") })}</p>
        <p class="projector-room__code">{status.joinCode}</p>
        <p data-testid="projector-room-joined">{t("room.projectorJoined", { count: status.joined })}</p>
      </div>
      {questions.length > 0 && (
        <div class="projector-room__asked">
          <p class="projector-room__title">{t("room.projectorQuestions")}</p>
          <ul class="projector-room__questions">
            {questions.slice(0, SHOWN).map((q) => (
              <li key={q.id}>
                {q.text} <span class="projector-room__plus">+{q.plusOnes}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  );
}
