import { useEffect, useState } from "preact/hooks";
import { ApiError, closeRoom, openRoom, roomAddresses, roomStatus } from "../../api";
import type { Lab } from "../../bindings/Lab";
import type { RoomAddress } from "../../bindings/RoomAddress";
import type { RoomStatus } from "../../bindings/RoomStatus";
import { RoomError } from "./RoomError";
import { t } from "../../i18n";
import { ROOM_POLL_MS, qrSource } from "../../roomShared";


type Props = { lab: Lab; onStatus?: (status: RoomStatus) => void };

/**
 * "Buka untuk peserta": off by default. The facilitator picks one of the laptop's
 * addresses (the hotspot's) and opens the room; then the panel shows the address, the
 * QR code, the join code, how many phones joined, and a button to close it.
 */
export function RoomPanel({ lab, onStatus }: Props) {
  const [status, setStatus] = useState<RoomStatus | null>(null);
  const [addresses, setAddresses] = useState<RoomAddress[] | null>(null);
  const [address, setAddress] = useState("");
  const [askName, setAskName] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const show = (s: RoomStatus) => {
    setStatus(s);
    onStatus?.(s);
  };
  const loadAddresses = () =>
    roomAddresses().then((list) => {
      setAddresses(list);
      setAddress((chosen) => (list.some((a) => a.ip === chosen) ? chosen : (list[0]?.ip ?? "")));
    }, setError);

  useEffect(() => {
    roomStatus(lab.id).then(show, setError);
    void loadAddresses();
  }, [lab.id]);

  // While open, the joined count and the waiting queue are read every few seconds
  // (phones write through the service, which tells no window).
  const open = status?.open ?? false;
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => roomStatus(lab.id).then(show, () => undefined), ROOM_POLL_MS);
    return () => clearInterval(timer);
  }, [lab.id, open]);

  const act = (f: () => Promise<RoomStatus>) => {
    setBusy(true);
    setError(null);
    f().then(show, setError).finally(() => setBusy(false));
  };

  return (
    <section class="card room" aria-labelledby="room-title" data-testid="room-panel">
      <h2 id="room-title" class="card__title">
        {open ? t("room.isOpen") : t("room.title")}
      </h2>
      {error && <RoomError error={error} />}
      {!open && (
        <>
          <p class="card__note">{t("room.intro")}</p>
          {addresses && addresses.length === 0 && <p class="card__note">{t("room.addressNone")}</p>}
          <label class="field">
            <span class="field__label">{t("room.address")}</span>
            <select
              class="input"
              value={address}
              data-testid="room-address"
              onChange={(e) => setAddress((e.target as HTMLSelectElement).value)}
            >
              {(addresses ?? []).map((a) => (
                <option key={a.ip} value={a.ip}>
                  {a.loopback ? t("room.addressLoopback", { ip: a.ip }) : `${a.ip} (${a.interface})`}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={askName} onChange={(e) => setAskName((e.target as HTMLInputElement).checked)} />
            {t("room.askName")}
          </label>
          <div class="room__actions">
            <button
              type="button"
              class="button button--primary"
              data-testid="room-open"
              disabled={busy || !address}
              onClick={() => act(() => openRoom(lab.id, address, 0, askName))}
            >
              {t("room.open")}
            </button>
            <button type="button" class="button button--secondary" onClick={() => void loadAddresses()}>
              {t("room.reloadAddresses")}
            </button>
          </div>
        </>
      )}
      {open && status && (
        <div class="room__open">
          {status.qrSvg && <img class="room__qr" src={qrSource(status.qrSvg)} alt={t("room.qr")} data-testid="room-qr" />}
          <dl class="room__facts">
            <dt>{t("room.url")}</dt>
            <dd class="room__url" data-testid="room-url">
              {status.url}
            </dd>
            <dt>{t("room.code")}</dt>
            <dd class="room__code" data-testid="room-code">
              {status.joinCode}
            </dd>
          </dl>
          <p role="status" data-testid="room-joined">
            {t("room.joined", { count: status.joined })}
          </p>
          <p class="card__note">
            {t("room.pending", { proposals: status.pendingProposals, questions: status.pendingQuestions })}
          </p>
          <button
            type="button"
            class="button button--secondary"
            data-testid="room-close"
            disabled={busy}
            onClick={() => act(() => closeRoom(lab.id))}
          >
            {t("room.close")}
          </button>
        </div>
      )}
    </section>
  );
}
