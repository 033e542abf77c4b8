// Bahasa Indonesia: the public gallery and posters (Data → Galeri, and their export boxes).

export const galleryId = {
  "data.tab.gallery": "Galeri",
  "export.format.gallery": "Galeri inovasi (situs statis untuk publik, folder galeri/)",
  "export.format.posters": "Poster A4 per inovasi (PDF, folder poster/)",
  "gallery.title": "Galeri inovasi dan poster",
  "gallery.intro":
    "Pilih apa yang boleh dilihat publik. Galeri dan poster hanya memuat kolom dan ide yang dicentang di sini; review, nilai, komentar, catatan dan daftar orang tidak pernah ikut.",
  "gallery.fields": "Kolom yang dipublikasikan",
  "gallery.fieldsNote":
    "Nama dan jabatan pengusul, anggaran, hari lab dan status tidak dipublikasikan kecuali Anda mencentangnya.",
  "gallery.photos": "Foto",
  "gallery.progress": "Perkembangan setelah lab (laporan terakhir dan tonggak tahapan)",
  "gallery.always": "selalu tampil",
  "gallery.defaultPublic": "bawaan: tampil",
  "gallery.defaultPrivate": "bawaan: tidak tampil",
  "gallery.ideas": "Ide yang dipublikasikan",
  "gallery.filter": "Saring",
  "gallery.show": "Tampilkan",
  "gallery.show.all": "Semua ide",
  "gallery.show.published": "Yang dipublikasikan",
  "gallery.show.hidden": "Yang disembunyikan",
  "gallery.publishShown": "Publikasikan {n} ide yang tampil",
  "gallery.hideShown": "Sembunyikan {n} ide yang tampil",
  "gallery.noIdeas": "Tidak ada ide yang cocok dengan saringan.",
  "gallery.preview": "Pratinjau: yang akan keluar",
  "gallery.previewCounts": "{ideas} inovasi dari {agencies} perangkat daerah akan dipublikasikan; {hidden} ide disembunyikan.",
  "gallery.previewFields": "Kolom yang tampil:",
  "gallery.previewIdeaFields": "{n} kolom terisi",
  "gallery.previewPhotos": "{n} foto",
};
