import { useEffect, useRef, useState } from "preact/hooks";
import {
  ApiError,
  addIdeaNote,
  buildPitchQueue,
  finishPitch,
  listIdeaNotes,
  movePitchSlot,
  openProjector,
  pausePitch,
  pitchSession,
  requeuePitch,
  resumePitch,
  setPitchDuration,
  setResultsReleased,
  setShowMode,
  setShowTheme,
  showState,
  shufflePitchQueue,
  skipPitch,
  startPitch,
} from "../../api";
import type { IdeaNote } from "../../bindings/IdeaNote";
import type { Lab } from "../../bindings/Lab";
import type { PitchSession } from "../../bindings/PitchSession";
import type { ShowMode } from "../../bindings/ShowMode";
import type { ShowState } from "../../bindings/ShowState";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Loading } from "../../components/Loading";
import { useChanged } from "../../hooks/useChanged";
import { formatDateTime, t } from "../../i18n";
import { formatClock, timerPhase, useRemaining } from "../../pitchClock";
import { isSaveChord } from "../../shortcuts";
import { beep } from "./beep";
import { PitchReview } from "./PitchReview";
import { ShowRoom } from "../room/ShowRoom";

type Props = { lab: Lab; onReady: () => void; onOpenIdea: (ideaId: string) => void };

const MODES: ShowMode[] = ["wall", "spotlight", "progress", "agenda", "results", "plan"];
const SOUND_KEY = "labinov.pitchSound";
const noteKey = (ideaId: string) => `labinov.pitchNote.${ideaId}`;

/** Whether the keyboard is in a text field (then single-letter keys are typing). */
const typing = (e: KeyboardEvent) =>
  e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;

/**
 * "Presentasi": what the projector shows, and the pitch session — the queue, the timer
 * and notes on the idea being pitched. Every change is stored, and the projector window
 * follows by the change event.
 */
export function Show({ lab, onReady, onOpenIdea }: Props) {
  const [show, setShow] = useState<ShowState | null>(null);
  const [session, setSession] = useState<PitchSession | null>(null);
  const [readAt, setReadAt] = useState(Date.now());
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === "1");
  const ready = useRef(false);
  const root = useRef<HTMLElement>(null);

  useChanged(lab.id, () => setVersion((v) => v + 1));

  useEffect(() => {
    let current = true;
    Promise.all([showState(lab.id), pitchSession(lab.id)]).then(
      ([s, p]) => {
        if (!current) return;
        setShow(s);
        setSession(p);
        setReadAt(Date.now());
        if (!ready.current) {
          ready.current = true;
          onReady();
          // Space and N work at once, without first clicking into the screen. Without
          // scrolling: on a 768 px high screen the header (and its tabs) would leave the view.
          setTimeout(() => root.current?.focus({ preventScroll: true }));
        }
      },
      (reason: unknown) => current && setError(ApiError.from(reason)),
    );
    return () => {
      current = false;
    };
  }, [lab.id, version]);

  const run = <T,>(op: () => Promise<T>, then?: (value: T) => void) =>
    op().then(
      (value) => {
        setError(null);
        then?.(value);
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );
  const pitch = (op: () => Promise<PitchSession>) =>
    run(op, (p) => {
      setSession(p);
      setReadAt(Date.now());
    });
  const showing = (op: () => Promise<ShowState>) => run(op, setShow);

  const left = useRemaining(session, readAt);
  const current = session?.slots.find((s) => s.ideaId === session.current) ?? null;
  const phase = session ? timerPhase(session.timer, left, !!current) : "idle";

  // The optional sound, once, when a running pitch reaches zero.
  const wasOver = useRef(false);
  useEffect(() => {
    const over = phase === "over" && !!session?.timer.running;
    if (over && !wasOver.current && sound) beep();
    wasOver.current = over;
  }, [phase]);

  const next = session?.slots.find((s) => s.state === "waiting");
  const onKeyDown = (e: KeyboardEvent) => {
    if (typing(e) || e.ctrlKey || e.altKey || e.metaKey || !session) return;
    if (e.key === " " && current) {
      e.preventDefault();
      pitch(() => (session.timer.running ? pausePitch(lab.id) : resumePitch(lab.id)));
    } else if ((e.key === "n" || e.key === "N") && next) {
      e.preventDefault();
      pitch(() => startPitch(lab.id, next.ideaId));
    }
  };

  if (!show || !session) return error ? <ErrorBanner error={error} /> : <Loading />;

  const slots = session.slots;
  return (
    <section class="show" data-testid="show" aria-labelledby="show-title" onKeyDown={onKeyDown} tabIndex={-1} ref={root}>
      <div class="show__head">
        <h1 id="show-title" class="setup__title">
          {t("show.title")}
        </h1>
        <p class="setup__intro">{t("show.intro")}</p>
      </div>
      {error && <ErrorBanner error={error} />}

      <div class="show__grid">
        <section class="card show__projector" aria-labelledby="show-projector">
          <h2 id="show-projector" class="card__title">
            {t("show.projector")}
          </h2>
          <button
            type="button"
            class="button button--primary"
            data-testid="show-open-projector"
            onClick={() => run(openProjector)}
          >
            {t("show.openProjector")} <kbd class="kbd">F5</kbd>
          </button>
          <p class="card__note">{t("show.projectorHint")}</p>
          <div class="segmented segmented--wrap" role="group" aria-label={t("show.mode")}>
            {MODES.map((m) => (
              <button
                key={m}
                type="button"
                class={show.mode === m ? "segmented__item is-on" : "segmented__item"}
                aria-pressed={show.mode === m}
                data-testid={`show-mode-${m}`}
                onClick={() => showing(() => setShowMode(lab.id, m))}
              >
                {t(`show.mode.${m}`)}
              </button>
            ))}
          </div>
          <div class="segmented" role="group" aria-label={t("show.theme")}>
            {(["dark", "light"] as const).map((th) => (
              <button
                key={th}
                type="button"
                class={show.theme === th ? "segmented__item is-on" : "segmented__item"}
                aria-pressed={show.theme === th}
                data-testid={`show-theme-${th}`}
                onClick={() => showing(() => setShowTheme(lab.id, th))}
              >
                {t(`show.theme.${th}`)}
              </button>
            ))}
          </div>
          <label class="check show__release">
            <input
              type="checkbox"
              data-testid="show-release"
              checked={show.resultsReleased}
              onChange={(e) => showing(() => setResultsReleased(lab.id, e.currentTarget.checked))}
            />
            <span>{t("show.release")}</span>
          </label>
        </section>

        <section class={`card show__current is-${phase}`} aria-labelledby="show-current" data-testid="show-current">
          <h2 id="show-current" class="card__title">
            {t("show.current")}
          </h2>
          {current ? (
            <>
              <p class="show__who">{current.agencyShortName}</p>
              <p class="show__what">{current.title}</p>
              <p class="show__timer" data-testid="show-timer" aria-live="off">
                {formatClock(left)}
              </p>
              <p class="show__phase" role="status">
                {phase === "over" && t("show.timeUp")}
                {phase === "paused" && t("show.paused")}
              </p>
              <div class="show__controls">
                {session.timer.running ? (
                  <button type="button" class="button button--secondary" data-testid="pitch-pause" onClick={() => pitch(() => pausePitch(lab.id))}>
                    {t("show.pause")} <kbd class="kbd">Spasi</kbd>
                  </button>
                ) : (
                  <button type="button" class="button button--secondary" data-testid="pitch-resume" onClick={() => pitch(() => resumePitch(lab.id))}>
                    {t("show.resume")} <kbd class="kbd">Spasi</kbd>
                  </button>
                )}
                <button type="button" class="button button--primary" data-testid="pitch-finish" onClick={() => pitch(() => finishPitch(lab.id))}>
                  {t("show.finish")}
                </button>
                {next && (
                  <button type="button" class="button button--secondary" onClick={() => pitch(() => startPitch(lab.id, next.ideaId))}>
                    {t("show.next")} <kbd class="kbd">N</kbd>
                  </button>
                )}
                <button type="button" class="button button--quiet-dark" onClick={() => onOpenIdea(current.ideaId)}>
                  {t("show.open")}
                </button>
              </div>
              <Notes ideaId={current.ideaId} timeZone={lab.timeZone} version={version} />
              <PitchReview labId={lab.id} ideaId={current.ideaId} ideaTitle={current.title} version={version} />
            </>
          ) : (
            <p class="card__note">{t("show.noCurrent")}</p>
          )}
          <label class="check">
            <input
              type="checkbox"
              checked={sound}
              onChange={(e) => {
                setSound(e.currentTarget.checked);
                localStorage.setItem(SOUND_KEY, e.currentTarget.checked ? "1" : "0");
              }}
            />
            <span>{t("show.sound")}</span>
          </label>
          <p class="card__note">{t("show.keys")}</p>
        </section>

        <section class="card show__queue" aria-labelledby="show-queue">
          <h2 id="show-queue" class="card__title">
            {t("show.queue")}
          </h2>
          <div class="show__queue-tools">
            <button type="button" class="button button--secondary" data-testid="pitch-build" onClick={() => pitch(() => buildPitchQueue(lab.id))}>
              {t("show.build")}
            </button>
            <button
              type="button"
              class="button button--secondary"
              disabled={slots.length < 2}
              onClick={() => pitch(() => shufflePitchQueue(lab.id, Math.floor(Math.random() * 2 ** 31)))}
            >
              {t("show.shuffle")}
            </button>
            <label class="filter">
              <span class="filter__label">{t("show.duration")}</span>
              <input
                class="input show__minutes"
                type="number"
                min={1}
                max={60}
                data-testid="pitch-minutes"
                value={Math.round(session.timer.durationMs / 60_000)}
                onChange={(e) => {
                  const minutes = Number(e.currentTarget.value);
                  if (Number.isFinite(minutes)) pitch(() => setPitchDuration(lab.id, Math.round(minutes * 60_000)));
                }}
              />
            </label>
          </div>
          {slots.length === 0 ? (
            <p class="card__note">{t("show.queueEmpty")}</p>
          ) : (
            <ol class="queue" data-testid="pitch-queue">
              {slots.map((slot, i) => (
                <li key={slot.ideaId} class={`queue__item is-${slot.state}`} data-testid="pitch-slot">
                  <span class="queue__pos">{i + 1}</span>
                  <span class="queue__text">
                    <span class="queue__agency">{slot.agencyShortName}</span> {slot.title}
                  </span>
                  <span class="queue__state">{t(`show.state.${slot.state}`)}</span>
                  <span class="queue__actions">
                    {slot.state === "waiting" && (
                      <>
                        <button type="button" class="button button--small button--primary" data-testid="pitch-start" onClick={() => pitch(() => startPitch(lab.id, slot.ideaId))}>
                          {t("show.start")}
                        </button>
                        <button type="button" class="button button--small button--secondary" onClick={() => pitch(() => skipPitch(lab.id, slot.ideaId))}>
                          {t("show.skip")}
                        </button>
                        <button
                          type="button"
                          class="button button--small button--secondary"
                          aria-label={t("show.up", { title: slot.title })}
                          disabled={i === 0}
                          onClick={() => pitch(() => movePitchSlot(lab.id, slot.ideaId, Math.max(0, slot.position - 1)))}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          class="button button--small button--secondary"
                          aria-label={t("show.down", { title: slot.title })}
                          disabled={i === slots.length - 1}
                          onClick={() => pitch(() => movePitchSlot(lab.id, slot.ideaId, slot.position + 1))}
                        >
                          ↓
                        </button>
                      </>
                    )}
                    {(slot.state === "done" || slot.state === "skipped") && (
                      <button type="button" class="button button--small button--secondary" onClick={() => pitch(() => requeuePitch(lab.id, slot.ideaId))}>
                        {t("show.requeue")}
                      </button>
                    )}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <ShowRoom lab={lab} />
    </section>
  );
}

/**
 * Notes typed during a pitch, attached to the idea being pitched. What is being typed is
 * kept on this laptop (local storage) until it is saved, so closing the window keeps it.
 */
function Notes({ ideaId, timeZone, version }: { ideaId: string; timeZone: string; version: number }) {
  const [notes, setNotes] = useState<IdeaNote[]>([]);
  const [text, setText] = useState(() => localStorage.getItem(noteKey(ideaId)) ?? "");
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => setText(localStorage.getItem(noteKey(ideaId)) ?? ""), [ideaId]);
  useEffect(() => {
    listIdeaNotes(ideaId).then(setNotes, (reason: unknown) => setError(ApiError.from(reason)));
  }, [ideaId, version]);

  const keep = (value: string) => {
    setText(value);
    try {
      if (value) localStorage.setItem(noteKey(ideaId), value);
      else localStorage.removeItem(noteKey(ideaId));
    } catch {
      // Storage full or off: the text is still on screen.
    }
  };
  const save = () => {
    if (!text.trim()) return;
    addIdeaNote(ideaId, text).then(
      (note) => {
        setNotes((n) => [...n, note]);
        keep("");
        setError(null);
      },
      (reason: unknown) => setError(ApiError.from(reason)),
    );
  };

  return (
    <div class="notes" data-testid="pitch-notes">
      <h3 class="details__heading">{t("show.notes")}</h3>
      {notes.length === 0 ? (
        <p class="card__note">{t("show.noNotes")}</p>
      ) : (
        <ul class="notes__list">
          {notes.map((n) => (
            <li key={n.id} class="notes__item">
              <span>{n.text}</span>
              <time class="history__meta" dateTime={n.createdAt}>
                {formatDateTime(n.createdAt, timeZone)}
              </time>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorBanner error={error} />}
      <label class="field__label" for="pitch-note">
        {t("show.noteLabel")}
      </label>
      <textarea
        id="pitch-note"
        class="input"
        rows={3}
        data-testid="pitch-note"
        value={text}
        onInput={(e) => keep(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (isSaveChord(e)) {
            e.preventDefault();
            save();
          }
        }}
      />
      <p class="field__hint">{t("show.noteHint")}</p>
      <button type="button" class="button button--secondary" data-testid="pitch-add-note" onClick={save}>
        {t("show.addNote")}
      </button>
    </div>
  );
}
