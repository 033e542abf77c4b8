// The idea being presented, in large type, with the pitch timer while it is pitched.

import { useEffect, useState } from "preact/hooks";
import { attachmentBytes, getIdea, listAgencies, listAttachments, listOptions, pitchSession } from "../api";
import type { Attachment } from "../bindings/Attachment";
import type { Idea } from "../bindings/Idea";
import type { Lab } from "../bindings/Lab";
import type { OptionItem } from "../bindings/OptionItem";
import type { PitchSession } from "../bindings/PitchSession";
import { optionLabel } from "../components/Choice";
import { t } from "../i18n";
import { formatClock, timerPhase, useRemaining } from "../pitchClock";
import { Ready, shorten, useData } from "./shared";

type Spot = {
  idea: Idea | null;
  agencyName: string;
  options: OptionItem[];
  photo: Attachment | null;
  session: PitchSession;
  /** This window's clock when `session` was read, for the timer's skew. */
  readAt: number;
};

async function loadSpot(labId: string, ideaId: string | null): Promise<Spot> {
  const timed = pitchSession(labId).then((session) => ({ session, readAt: Date.now() }));
  // An idea deleted (or merged) while it is spotlit shows the calm placeholder.
  const idea = ideaId ? await getIdea(ideaId).catch(() => null) : null;
  if (!idea || idea.deletedAt || idea.mergedInto) {
    return { idea: null, agencyName: "", options: [], photo: null, ...(await timed) };
  }
  const [agencies, options, photos, clock] = await Promise.all([
    listAgencies(labId),
    listOptions(labId),
    listAttachments(idea.id).catch(() => [] as Attachment[]),
    timed,
  ]);
  return {
    idea,
    agencyName: agencies.find((a) => a.id === idea.agencyId)?.name ?? "",
    options,
    photo: photos.find((p) => p.mime.startsWith("image/")) ?? null,
    ...clock,
  };
}

export function Spotlight({ lab, ideaId, version }: { lab: Lab; ideaId: string | null; version: number }) {
  const data = useData(() => loadSpot(lab.id, ideaId), [lab.id, ideaId, version]);
  const pitching = data?.idea && data.session.current === data.idea.id ? data.session : null;
  const left = useRemaining(pitching, data?.readAt ?? 0);
  if (!data) return null;
  const { idea, agencyName, options, photo } = data;
  if (!idea) {
    return (
      <Ready mode="spotlight">
        <p class="projector__empty">{t("projector.spotlightEmpty")}</p>
      </Ready>
    );
  }
  const label = (list: string, code: string) => {
    const o = code ? options.find((x) => x.list === list && x.code === code) : undefined;
    return o ? optionLabel(o) : "";
  };
  const chips = [label("tahapan", idea.tahapan), label("jenis", idea.jenis), label("bentuk", idea.bentuk)].filter(Boolean);
  const about = idea.description || idea.rancangBangun;
  const who = [idea.proposerName, idea.proposerPosition].filter(Boolean).join(", ");
  return (
    <Ready mode="spotlight" class={photo || pitching ? "spot spot--aside" : "spot"}>
      <div class="spot__main">
        {agencyName && <p class="spot__agency">{agencyName}</p>}
        <h1 class="spot__title" data-testid="projector-spotlight-title">
          {idea.title}
        </h1>
        {who && <p class="spot__who">{who}</p>}
        {chips.length > 0 && (
          <ul class="spot__chips">
            {chips.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        )}
        {(idea.problem || about) && (
          <div class="spot__body">
            {idea.problem && (
              <section>
                <h2>{t("projector.problem")}</h2>
                <p>{shorten(idea.problem, 220)}</p>
              </section>
            )}
            {about && (
              <section>
                <h2>{t("projector.idea")}</h2>
                <p>{shorten(about, 220)}</p>
              </section>
            )}
          </div>
        )}
      </div>
      {(photo || pitching) && (
        <div class="spot__aside">
          {photo && <Photo attachment={photo} title={idea.title} />}
          {pitching && <Timer session={pitching} left={left} />}
        </div>
      )}
    </Ready>
  );
}

/** The pitch timer: big m:ss; a warning in the last minute, "Waktu habis" at 0, "Jeda" when paused. */
function Timer({ session, left }: { session: PitchSession; left: number }) {
  const phase = timerPhase(session.timer, left, true);
  return (
    <div class={`spot__timer is-${phase}`} data-testid="projector-timer" data-phase={phase} role="timer" aria-label={t("projector.timer")}>
      <span class="spot__clock">{formatClock(left)}</span>
      {phase === "over" && <span class="spot__phase">{t("projector.timeUp")}</span>}
      {phase === "paused" && <span class="spot__phase">{t("projector.paused")}</span>}
    </div>
  );
}

/** The idea's first photo, from its stored thumbnail (read again only when the photo changes). */
function Photo({ attachment, title }: { attachment: Attachment; title: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let current = true;
    attachmentBytes(attachment.id).then(
      (bytes) => {
        if (!current) return;
        made = URL.createObjectURL(new Blob([bytes], { type: "image/jpeg" }));
        setUrl(made);
      },
      () => setUrl(null),
    );
    return () => {
      current = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [attachment.id]);
  if (!url) return null;
  return <img class="spot__photo" src={url} alt={t("projector.photo", { title })} data-testid="projector-photo" />;
}
