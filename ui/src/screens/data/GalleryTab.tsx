import { useEffect, useState } from "preact/hooks";
import { ApiError, galleryChoices, galleryPreview, setGalleryField, setIdeasPublished } from "../../api";
import type { Gallery } from "../../bindings/Gallery";
import type { GalleryChoices } from "../../bindings/GalleryChoices";
import type { GalleryField } from "../../bindings/GalleryField";
import type { Lab } from "../../bindings/Lab";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatNumber, getLocale, t, type MessageKey } from "../../i18n";

/** A field's name as the capture form shows it (`photos` and `progress` are not idea fields). */
export function fieldLabel(key: string): string {
  if (key === "photos") return t("gallery.photos");
  if (key === "progress") return t("gallery.progress");
  return t(`field.${key}` as MessageKey);
}

type Show = "all" | "published" | "hidden";

/**
 * "Galeri": what the lab's public gallery and posters show. Fields are ticked on or off
 * for the whole lab; ideas one by one or all those the filter shows; the preview below is
 * the core's own value (`gallery_preview`), exactly what an export writes.
 */
export function GalleryTab({ lab }: { lab: Lab }) {
  const [choices, setChoices] = useState<GalleryChoices | null>(null);
  const [preview, setPreview] = useState<Gallery | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [filter, setFilter] = useState("");
  const [show, setShow] = useState<Show>("all");
  const [busy, setBusy] = useState(false);
  const fail = (reason: unknown) => setError(ApiError.from(reason));

  const load = () =>
    Promise.all([galleryChoices(lab.id), galleryPreview(lab.id, getLocale())]).then(([c, p]) => {
      setChoices(c);
      setPreview(p);
    }, fail);
  useEffect(() => {
    void load();
  }, [lab.id]);

  const run = (p: Promise<unknown>) => {
    setBusy(true);
    setError(null);
    return p
      .then(load, fail)
      .finally(() => setBusy(false));
  };

  const toggleField = (f: GalleryField) => run(setGalleryField(lab.id, f.key, !f.public));

  if (!choices || !preview) {
    return (
      <div data-testid="gallery-tab">
        {error ? <ErrorBanner error={error} /> : <p>{t("common.loading")}</p>}
      </div>
    );
  }

  const needle = filter.trim().toLocaleLowerCase();
  const shown = choices.ideas.filter(
    (i) =>
      (show === "all" || (show === "published") === i.published) &&
      (!needle || `${i.title} ${i.agencyName} ${i.agencyShortName}`.toLocaleLowerCase().includes(needle)),
  );
  const publicFields = preview.fields.filter((k) => k !== "title" && k !== "agencyId");

  return (
    <div class="gallery-tab" data-testid="gallery-tab">
      <h2 class="export__title">{t("gallery.title")}</h2>
      <p class="card__note">{t("gallery.intro")}</p>
      {error && <ErrorBanner error={error} />}

      <fieldset class="export__group" disabled={busy}>
        <legend>{t("gallery.fields")}</legend>
        <p class="card__note">{t("gallery.fieldsNote")}</p>
        <ul class="gallery-tab__fields">
          {choices.fields.map((f) => (
            <li key={f.key}>
              <label>
                <input
                  type="checkbox"
                  checked={f.public}
                  disabled={f.always}
                  data-testid={`gallery-field-${f.key}`}
                  onChange={() => void toggleField(f)}
                />{" "}
                {fieldLabel(f.key)}
                {f.always ? (
                  <span class="gallery-tab__hint"> · {t("gallery.always")}</span>
                ) : (
                  f.public !== f.defaultPublic && (
                    <span class="gallery-tab__hint">
                      {" "}
                      · {t(f.defaultPublic ? "gallery.defaultPublic" : "gallery.defaultPrivate")}
                    </span>
                  )
                )}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset class="export__group" disabled={busy}>
        <legend>{t("gallery.ideas")}</legend>
        <div class="export__row gallery-tab__filters">
          <label>
            {t("gallery.filter")}{" "}
            <input
              type="search"
              value={filter}
              data-testid="gallery-filter"
              onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
            />
          </label>
          <label>
            {t("gallery.show")}{" "}
            <select value={show} data-testid="gallery-show" onChange={(e) => setShow((e.target as HTMLSelectElement).value as Show)}>
              <option value="all">{t("gallery.show.all")}</option>
              <option value="published">{t("gallery.show.published")}</option>
              <option value="hidden">{t("gallery.show.hidden")}</option>
            </select>
          </label>
        </div>
        <div class="export__row">
          <button
            type="button"
            class="button button--secondary"
            data-testid="gallery-publish-shown"
            disabled={shown.length === 0}
            onClick={() => void run(setIdeasPublished(lab.id, shown.map((i) => i.id), true))}
          >
            {t("gallery.publishShown", { n: formatNumber(shown.length) })}
          </button>
          <button
            type="button"
            class="button button--secondary"
            data-testid="gallery-hide-shown"
            disabled={shown.length === 0}
            onClick={() => void run(setIdeasPublished(lab.id, shown.map((i) => i.id), false))}
          >
            {t("gallery.hideShown", { n: formatNumber(shown.length) })}
          </button>
        </div>
        {shown.length === 0 && <p class="empty">{t("gallery.noIdeas")}</p>}
        <ul class="gallery-tab__ideas">
          {shown.map((i) => (
            <li key={i.id}>
              <label data-testid="gallery-idea">
                <input
                  type="checkbox"
                  checked={i.published}
                  data-testid={`gallery-idea-${i.id}`}
                  onChange={() => void run(setIdeasPublished(lab.id, [i.id], !i.published))}
                />{" "}
                <span class="gallery-tab__idea-title">{i.title}</span>
                <span class="gallery-tab__hint"> · {i.agencyShortName || i.agencyName}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <section class="export__group gallery-tab__preview" aria-labelledby="gallery-preview-title" data-testid="gallery-preview">
        <h3 id="gallery-preview-title">{t("gallery.preview")}</h3>
        <p role="status">
          {t("gallery.previewCounts", {
            ideas: formatNumber(preview.ideas.length),
            agencies: formatNumber(preview.agencies.length),
            hidden: formatNumber(preview.hiddenIdeas),
          })}
        </p>
        <p>
          <strong>{t("gallery.previewFields")}</strong>{" "}
          <span data-testid="gallery-preview-fields">
            {[t("field.title"), t("field.agencyId"), ...publicFields.map(fieldLabel), ...(preview.photos ? [t("gallery.photos")] : [])].join(", ")}
          </span>
        </p>
        {preview.agencies.map((a) => (
          <div key={a.id} class="gallery-tab__agency">
            <h4>
              {a.name} ({formatNumber(a.ideas)})
            </h4>
            <ul>
              {preview.ideas
                .filter((i) => i.agencyId === a.id)
                .map((i) => (
                  <li key={i.id} data-testid="gallery-preview-idea">
                    {i.title}
                    <span class="gallery-tab__hint">
                      {" "}
                      · {t("gallery.previewIdeaFields", { n: formatNumber(i.fields.length) })}
                      {i.photos.length > 0 && ` · ${t("gallery.previewPhotos", { n: formatNumber(i.photos.length) })}`}
                    </span>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}
