// English: the public gallery and posters (Data → Gallery, and their export boxes).

import type { galleryId } from "./gallery.id";

export const galleryEn: Record<keyof typeof galleryId, string> = {
  "data.tab.gallery": "Gallery",
  "export.format.gallery": "Innovation gallery (a static site for the public, folder galeri/)",
  "export.format.posters": "An A4 poster per innovation (PDF, folder poster/)",
  "gallery.title": "Innovation gallery and posters",
  "gallery.intro":
    "Choose what the public may see. The gallery and the posters hold only the fields and ideas ticked here; reviews, scores, comments, notes and the people list never go out.",
  "gallery.fields": "Published fields",
  "gallery.fieldsNote":
    "The proposer's name and position, the budget, the lab day and the status are not published unless you tick them.",
  "gallery.photos": "Photos",
  "gallery.progress": "Progress after the lab (latest report and milestones)",
  "gallery.always": "always shown",
  "gallery.defaultPublic": "default: shown",
  "gallery.defaultPrivate": "default: not shown",
  "gallery.ideas": "Published ideas",
  "gallery.filter": "Filter",
  "gallery.show": "Show",
  "gallery.show.all": "All ideas",
  "gallery.show.published": "Published",
  "gallery.show.hidden": "Hidden",
  "gallery.publishShown": "Publish the {n} ideas shown",
  "gallery.hideShown": "Hide the {n} ideas shown",
  "gallery.noIdeas": "No idea matches the filter.",
  "gallery.preview": "Preview: what goes out",
  "gallery.previewCounts": "{ideas} innovations of {agencies} agencies will be published; {hidden} ideas are hidden.",
  "gallery.previewFields": "Fields shown:",
  "gallery.previewIdeaFields": "{n} fields filled in",
  "gallery.previewPhotos": "{n} photos",
};
