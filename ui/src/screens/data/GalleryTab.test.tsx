import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { Gallery } from "../../bindings/Gallery";
import type { GalleryChoices } from "../../bindings/GalleryChoices";
import { setLocale } from "../../i18n";
import { LAB, fakeBackend } from "../../test/fixtures";
import { GalleryTab } from "./GalleryTab";

/** A small backend that keeps the choices and computes the preview from them. */
function backend() {
  const state: GalleryChoices = {
    fields: [
      { key: "agencyId", public: true, defaultPublic: true, always: true },
      { key: "title", public: true, defaultPublic: true, always: true },
      { key: "proposerName", public: false, defaultPublic: false, always: false },
      { key: "description", public: true, defaultPublic: true, always: false },
      { key: "photos", public: true, defaultPublic: true, always: false },
    ],
    ideas: [
      { id: "i1", title: "Posyandu digital", agencyId: "a1", agencyName: "Dinas Kesehatan", agencyShortName: "Dinkes", status: "captured", published: true, chosen: false },
      { id: "i2", title: "Ambulans 24 jam", agencyId: "a1", agencyName: "Dinas Kesehatan", agencyShortName: "Dinkes", status: "captured", published: true, chosen: false },
      { id: "i3", title: "Bus sekolah gratis", agencyId: "a2", agencyName: "Dinas Perhubungan", agencyShortName: "Dishub", status: "selected", published: true, chosen: false },
    ],
  };
  const preview = (): Gallery => {
    const ideas = state.ideas.filter((i) => i.published);
    const agencies = [...new Set(ideas.map((i) => i.agencyId))].map((id) => {
      const first = ideas.find((i) => i.agencyId === id)!;
      return { id, code: id.toUpperCase(), name: first.agencyName, shortName: first.agencyShortName, group: "Dinas", ideas: ideas.filter((i) => i.agencyId === id).length };
    });
    return {
      lang: "id",
      lab: { name: LAB.name, organiser: LAB.organiser, city: LAB.city, venue: LAB.venue, startDate: LAB.startDate, days: LAB.days },
      fields: state.fields.filter((f) => f.public && f.key !== "photos").map((f) => f.key),
      photos: state.fields.some((f) => f.key === "photos" && f.public),
      agencies,
      ideas: ideas.map((i) => ({ id: i.id, title: i.title, agencyId: i.agencyId, agencyName: i.agencyName, agencyShortName: i.agencyShortName, fields: [], photos: [], progress: null, continues: null })),
      charts: [],
      hiddenIdeas: state.ideas.length - ideas.length,
    };
  };
  const calls = fakeBackend({
    gallery_choices: () => structuredClone(state),
    gallery_preview: () => preview(),
    set_gallery_field: (_c, a) => {
      const f = state.fields.find((x) => x.key === a.field)!;
      f.public = a.shown as boolean;
      return structuredClone(state);
    },
    set_ideas_published: (_c, a) => {
      for (const id of a.ideaIds as string[]) {
        const i = state.ideas.find((x) => x.id === id)!;
        i.published = a.published as boolean;
        i.chosen = true;
      }
      return (a.ideaIds as string[]).length;
    },
  });
  return calls;
}

describe("Galeri: what goes out", () => {
  it("shows the fields with their defaults, the title and agency fixed, and the preview", async () => {
    setLocale("id");
    backend();
    render(<GalleryTab lab={LAB} />);
    const title = await screen.findByTestId<HTMLInputElement>("gallery-field-title");
    expect(title.checked && title.disabled).toBe(true);
    expect(screen.getByTestId<HTMLInputElement>("gallery-field-proposerName").checked).toBe(false);
    expect(screen.getByTestId("gallery-preview").textContent).toContain(
      "3 inovasi dari 2 perangkat daerah akan dipublikasikan; 0 ide disembunyikan.",
    );
    expect(screen.getByTestId("gallery-preview-fields").textContent).toBe("Nama inovasi, OPD pengusul, Deskripsi / rancang bangun singkat, Foto");
  });

  it("publishes a private field and the preview follows", async () => {
    const calls = backend();
    render(<GalleryTab lab={LAB} />);
    fireEvent.click(await screen.findByTestId("gallery-field-proposerName"));
    await waitFor(() => expect(screen.getByTestId("gallery-preview-fields").textContent).toContain("Nama pengusul"));
    expect(calls.filter((c) => c.cmd === "set_gallery_field").map((c) => c.args)).toEqual([
      { labId: LAB.id, field: "proposerName", shown: true },
    ]);
    expect(screen.getByTestId("gallery-field-proposerName").parentElement!.textContent).toContain("bawaan: tidak tampil");
  });

  it("hides one idea, then every idea the filter shows, and the preview lists only what goes out", async () => {
    const calls = backend();
    render(<GalleryTab lab={LAB} />);
    fireEvent.click(await screen.findByTestId("gallery-idea-i3"));
    await waitFor(() =>
      expect(screen.getByTestId("gallery-preview").textContent).toContain("2 inovasi dari 1 perangkat daerah akan dipublikasikan; 1 ide disembunyikan."),
    );
    fireEvent.input(screen.getByTestId("gallery-filter"), { target: { value: "ambulans" } });
    expect(screen.getAllByTestId("gallery-idea").map((l) => l.textContent?.trim())).toEqual(["Ambulans 24 jam · Dinkes"]);
    fireEvent.click(screen.getByTestId("gallery-hide-shown"));
    await waitFor(() =>
      expect(screen.getAllByTestId("gallery-preview-idea").map((l) => l.firstChild?.textContent)).toEqual([
        "Posyandu digital",
      ]),
    );
    expect(calls.filter((c) => c.cmd === "set_ideas_published").map((c) => c.args)).toEqual([
      { labId: LAB.id, ideaIds: ["i3"], published: false },
      { labId: LAB.id, ideaIds: ["i2"], published: false },
    ]);
    // The hidden ones can be listed and published again.
    fireEvent.input(screen.getByTestId("gallery-filter"), { target: { value: "" } });
    fireEvent.change(screen.getByTestId("gallery-show"), { target: { value: "hidden" } });
    expect(screen.getAllByTestId("gallery-idea")).toHaveLength(2);
  });

  it("speaks English", async () => {
    setLocale("en");
    backend();
    render(<GalleryTab lab={LAB} />);
    expect((await screen.findByTestId("gallery-preview")).textContent).toContain("3 innovations of 2 agencies will be published");
    setLocale("id");
  });
});
