// Bahasa Indonesia: the Data screen (export to a USB stick; import, merge and backups
// add their own keys in their own files).

export const dataId = {
  "nav.data": "Data",
  "data.title": "Data lab",
  "data.intro": "Bawa hasil lab {lab} keluar ruangan dengan flashdisk, atau gabungkan data dari laptop lain.",
  "data.tabsLabel": "Bagian data lab",
  "data.tab.export": "Ekspor",

  "export.title": "Ekspor ke USB",
  "export.intro":
    "Laporan, lembar kerja, dan bundel lab ditulis ke satu folder baru di flashdisk. Setiap berkas dibaca ulang dan diperiksa; data di laptop ini tidak diubah.",
  "export.drives": "Tujuan",
  "export.refresh": "Muat ulang daftar",
  "export.pickFolder": "Pilih folder lain…",
  "export.pickTitle": "Pilih folder tujuan ekspor",
  "export.noDrives":
    "Tidak ada flashdisk yang terdeteksi. Colokkan flashdisk lalu tekan “Muat ulang daftar”, atau pilih folder lain.",
  "export.free": "{free} kosong dari {total}",
  "export.readOnly": "hanya-baca, tidak bisa ditulisi",
  "export.chosenFolder": "Folder pilihan",
  "export.formats": "Isi ekspor",
  "export.format.html": "Laporan (HTML, dibuka di peramban apa pun)",
  "export.format.pdf": "Laporan (PDF, siap cetak)",
  "export.format.xlsx": "Ide inovasi (Excel: ide, review, perangkat daerah)",
  "export.format.csv": "Ide inovasi (CSV)",
  "export.format.json": "Data lengkap (JSON)",
  "export.format.bundle": "Bundel lab untuk laptop lain (.labinov)",
  "export.lang": "Bahasa laporan",
  "export.lang.id": "Bahasa Indonesia",
  "export.lang.en": "English",
  "export.go": "Ekspor ke USB",
  "export.needDest": "Pilih flashdisk atau folder tujuan dulu.",
  "export.needFormat": "Pilih setidaknya satu isi ekspor.",
  "export.progressLabel": "Kemajuan ekspor",
  "export.step.snapshot": "Menyiapkan salinan data…",
  "export.step.file": "Menulis dan memeriksa {file}…",
  "export.step.sums": "Menulis daftar checksum…",
  "export.step.finish": "Memberi nama akhir dan memeriksa…",
  "export.stepCount": "langkah {done} dari {total}",
  "export.done": "Ekspor selesai: {ideas} ide ditulis ke folder {folder}.",
  "export.where": "Letak folder: {path}",
  "export.verified": "terverifikasi",
  "export.notVerified": "tidak terverifikasi",
  "export.failed": "Ekspor gagal.",

  "logs.title": "Log aplikasi",
  "logs.intro":
    "Labinov mencatat kejadian penting (mulai, cadangan, ekspor, penggabungan, kesalahan) ke file log, tanpa isi ide. Kirim folder ini bila diminta oleh tim pendukung.",
  "logs.where": "Folder log:",
  "logs.open": "Buka folder log",
  "logs.openFailed": "Folder log tidak bisa dibuka di pengelola berkas. Buka sendiri folder di atas.",
};
