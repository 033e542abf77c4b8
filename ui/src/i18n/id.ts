// Bahasa Indonesia: the default language and the reference catalogue. Every other
// catalogue must have exactly these keys (see `Messages`). `{name}` marks a parameter.

import { ideaId } from "./idea.id";
import { projectorId } from "./projector.id";
import { boardId } from "./board.id";
import { reviewId } from "./review.id";
import { setupId } from "./setup.id";
import { dataId } from "./data.id";
import { transferId } from "./transfer.id";
import { reasonId } from "./reason.id";
import { archiveId } from "./archive.id";
import { reportId } from "./report.id";
import { roomId } from "./room.id";
import { galleryId } from "./gallery.id";
import { followupId } from "./followup.id";

export const id = {
  ...ideaId,
  ...projectorId,
  ...boardId,
  ...reviewId,
  ...setupId,
  ...dataId,
  ...transferId,
  ...reasonId,
  ...archiveId,
  ...reportId,
  ...roomId,
  ...galleryId,
  ...followupId,
  "app.name": "Labinov",
  "app.tagline": "Laboratorium Inovasi",
  "common.loading": "Memuat…",
  "common.retry": "Coba lagi",
  "common.detail": "Detail teknis: {message}",
  "common.cancel": "Batal",
  "common.required": "wajib",

  "lang.switch": "Bahasa: Indonesia. Tekan untuk beralih ke English.",
  "nav.label": "Menu utama",
  "nav.capture": "Catat ide",
  "nav.board": "Papan ide",
  "nav.newIdea": "Ide baru",
  "nav.setup": "Persiapan",
  "nav.show": "Presentasi",
  "nav.trash": "Sampah",
  "nav.switchLab": "Ganti lab",
  "nav.shortcut": "Pintasan: {keys}",

  "welcome.title": "Selamat datang di Labinov",
  "welcome.intro":
    "Labinov membantu fasilitator Laboratorium Inovasi mencatat ide inovasi dari setiap OPD dan menampilkannya di papan ide. Semua data tersimpan di laptop ini, tanpa internet.",
  "welcome.demoTitle": "Coba dulu dengan lab demo",
  "welcome.demoText":
    "Lab contoh berisi 37 OPD dan 50 ide, untuk berlatih sebelum acara dimulai.",
  "welcome.openDemo": "Buka lab demo",
  "welcome.openingDemo": "Menyiapkan lab demo…",

  "newLab.title": "Buat lab baru",
  "newLab.intro": "Isi data acara. Hanya nama lab yang wajib; yang lain bisa dilengkapi nanti.",
  "newLab.organiserHint": "Biasanya Bappeda atau Bappedalitbang.",
  "newLab.dateHint": "Format: tahun-bulan-tanggal, misalnya 2026-11-28.",
  "newLab.submit": "Buat lab",
  "newLab.submitting": "Membuat lab…",

  "labs.title": "Pilih lab",
  "labs.intro": "Lab yang tersimpan di laptop ini, yang terbaru di atas.",
  "labs.new": "Buat lab baru",
  "labs.schedule.one": "{date} · {count} hari",
  "labs.schedule.other": "{date} · {count} hari",
  "labs.place": "{venue}, {city}",
  "labs.ideas.one": "{count} ide dari target {target}",
  "labs.ideas.other": "{count} ide dari target {target}",
  "labs.agencies.one": "{count} OPD",
  "labs.agencies.other": "{count} OPD",

  "field.agencyId": "OPD pengusul",
  "field.title": "Nama inovasi",
  "field.proposerName": "Nama pengusul",
  "field.proposerPosition": "Jabatan",
  "field.problem": "Permasalahan",
  "field.description": "Deskripsi / rancang bangun singkat",
  "field.name": "Nama lab",
  "field.organiser": "Penyelenggara",
  "field.city": "Kota / kabupaten",
  "field.venue": "Tempat",
  "field.startDate": "Tanggal mulai",
  "field.days": "Jumlah hari",
  "field.ideaTarget": "Target jumlah ide",
  "field.timeZone": "Zona waktu",

  "picker.placeholder": "Ketik kode atau nama OPD",
  "picker.hint": "Ketik untuk mencari, ↑ ↓ untuk memilih, Enter untuk memakai.",
  "picker.noMatch": "Tidak ada OPD yang cocok dengan “{query}”.",
  "picker.listLabel": "Daftar OPD",

  "capture.newTitle": "Ide baru",
  "capture.editTitle": "Ubah ide",
  "capture.editNote": "Mengubah ide yang dicatat {time}. Hanya kolom yang diubah yang disimpan.",
  "capture.save": "Simpan",
  "capture.saveChanges": "Simpan perubahan",
  "capture.saving": "Menyimpan…",
  "capture.saveHint": "Ctrl+Enter menyimpan dari kolom mana pun.",
  "capture.saved": "Ide tersimpan: {title}",
  "capture.updated": "Perubahan tersimpan: {title}",
  "capture.noChanges": "Tidak ada perubahan untuk disimpan.",
  "capture.latestTitle": "Ide terbaru",
  "capture.latestHint": "Pilih ide untuk mengubahnya.",
  "capture.latestEmpty": "Belum ada ide. Ide yang disimpan akan muncul di sini.",
  "capture.latestMore": "{count} ide lainnya ada di Papan ide (Alt+2).",
  "capture.noProposer": "Pengusul belum diisi",

  "board.title": "Papan ide",
  "board.count": "{count} / {target} ide",
  "board.progress": "Kemajuan menuju target ide",
  "board.reached": "Target tercapai!",
  "board.withoutIdea.one": "{count} OPD belum punya ide",
  "board.withoutIdea.other": "{count} OPD belum punya ide",
  "board.allHaveIdeas": "Semua OPD sudah punya ide",
  "board.showWithout": "Lihat nama OPD yang belum punya ide",
  "board.groupCount.one": "{count} ide",
  "board.groupCount.other": "{count} ide",
  "board.empty": "Belum ada ide. Catat ide pertama di layar “Catat ide”.",

  "reason.other": "{label}: {text}",

  "error.newer_schema":
    "Data ini dibuat oleh Labinov versi yang lebih baru. Perbarui Labinov di laptop ini untuk membukanya; datanya tetap aman.",
  "error.not_found":
    "Data yang dicari sudah tidak ada. Kembali ke daftar lab dengan “Ganti lab”, lalu coba lagi.",
  "error.invalid_input": "Ada isian yang belum benar. Periksa kolom yang ditandai, lalu simpan lagi.",
  "error.duplicate": "Data yang sama sudah ada. Ubah isiannya agar berbeda, lalu simpan lagi.",
  "error.storage_full":
    "Penyimpanan laptop penuh. Isian belum tersimpan; kosongkan ruang disk lalu coba simpan lagi.",
  "error.storage_unavailable":
    "Labinov tidak dapat menulis ke folder datanya (tidak ada izin, atau disk hanya bisa dibaca). Isian belum tersimpan; minta bantuan teknisi untuk memeriksa folder data.",
  "error.storage_busy":
    "Data sedang dipakai program lain. Isian belum tersimpan; tunggu sebentar lalu coba lagi.",
  "error.not_a_database":
    "Berkas data Labinov rusak atau bukan berkas Labinov. Jangan hapus berkasnya; minta bantuan teknisi.",
  "error.storage":
    "Ada masalah saat membaca atau menyimpan data. Coba lagi; jika masih terjadi, tutup lalu buka kembali Labinov.",
  "error.file_not_found": "Berkas yang dipilih tidak ditemukan. Periksa letaknya, lalu pilih lagi.",
  "error.bad_file": "Isi berkas tidak dapat dibaca karena formatnya tidak sesuai. Periksa berkasnya, lalu coba lagi.",
  "error.io": "Ada masalah saat membaca atau menulis berkas. Coba lagi.",
  "error.internal":
    "Terjadi kesalahan tak terduga di Labinov. Data yang sudah tersimpan tetap aman; coba lagi, dan jika masih terjadi, tutup lalu buka kembali Labinov.",
  "error.drive_full":
    "Flashdisk atau folder tujuan penuh. Tidak ada berkas setengah jadi yang tertinggal dan data di laptop tetap aman; kosongkan ruang atau pakai flashdisk lain, lalu ekspor lagi.",
  "error.drive_read_only":
    "Flashdisk atau folder tujuan tidak bisa ditulisi (hanya-baca, terkunci, atau tanpa izin). Data di laptop tetap aman; buka kunci flashdisk atau pilih folder lain, lalu ekspor lagi.",
  "error.drive_removed":
    "Flashdisk tercabut atau berhenti merespons saat ditulisi. Data di laptop tetap aman; pasang kembali flashdisk, lalu ekspor lagi.",
};

/** The shape every catalogue has: the keys of the Indonesian one. */
export type Messages = Record<keyof typeof id, string>;
