// Bahasa Indonesia: import & merge of bundles from other laptops, the conflict log, and
// the rolling backups (Data screen tabs "Impor & gabung" and "Cadangan").

export const transferId = {
  "data.tab.import": "Impor & gabung",
  "data.tab.backups": "Cadangan",

  "import.title": "Impor & gabung dari laptop lain",
  "import.intro":
    "Pilih bundel lab (.labinov) yang diekspor laptop lain. Labinov menunjukkan dulu apa yang akan berubah; data di laptop ini baru diubah setelah Anda menekan “Gabungkan”.",
  "import.pick": "Pilih bundel…",
  "import.found": "Bundel di flashdisk",
  "import.foundNone": "Tidak ada bundel di flashdisk yang tercolok.",
  "import.foundRefresh": "Cari lagi",
  "import.check": "Periksa",
  "import.foundMeta": "{drive} · {size} · {at}",
  "import.pickTitle": "Pilih bundel lab (.labinov)",
  "import.filter": "Bundel Labinov",
  "import.file": "Bundel: {path}",
  "import.checking": "Memeriksa bundel…",
  "import.previewTitle": "Yang akan digabungkan",
  "import.lab": "Lab: {lab}",
  "import.labNew": "Lab ini belum ada di laptop ini dan akan dibuat.",
  "import.from": "Dari laptop {id}, dibuat {at}",
  "import.count.new": "Ide baru",
  "import.count.changed": "Ide berubah",
  "import.count.deleted": "Ide dihapus",
  "import.count.conflicts": "Konflik",
  "import.list.new": "Ide baru ({n})",
  "import.list.changed": "Ide yang berubah ({n})",
  "import.list.deleted": "Ide yang dihapus ({n})",
  "import.deletedForGood": "(dihapus permanen)",
  "import.nothing": "Tidak ada yang baru: laptop ini sudah memuat semua isi bundel ini.",
  "import.go": "Gabungkan",
  "import.merging": "Menggabungkan…",
  "import.done":
    "Tergabung: {new} ide baru, {changed} berubah, {deleted} dihapus, {conflicts} konflik dicatat.",
  "import.otherLab": "Bundel ini berisi lab lain ({lab}). Buka lab itu dari daftar lab untuk melihatnya.",
  "import.clockAhead": "Bundel ini tidak digabungkan: jam laptop {laptop} yang membuatnya terlalu cepat (menunjukkan {at}).",
  "import.clockAheadOther":
    "Bundel ini tidak digabungkan: isinya memuat data dari laptop {laptop}, yang jamnya terlalu cepat (menunjukkan {at}).",
  "import.clockAheadFix":
    "Periksa tanggal dan jam kedua laptop. Bila jam laptop ini yang terlambat, betulkan lalu coba lagi. Bila jam laptop {laptop} yang terlalu cepat, betulkan juga; data yang ditulisnya tetap ditolak laptop lain sampai waktu itu, jadi kumpulkan data di laptop {laptop}: gabungkan bundel laptop-laptop lain ke sana.",

  "conflicts.title": "Catatan konflik",
  "conflicts.intro":
    "Bila dua laptop mengubah isian yang sama, perubahan yang terakhir dipakai. Nilai yang kalah disimpan di sini dan bisa dipulihkan.",
  "conflicts.none": "Tidak ada konflik yang perlu diperiksa.",
  "conflicts.field": "Isian: {field}",
  "conflicts.lost": "Nilai yang kalah",
  "conflicts.now": "Nilai sekarang",
  "conflicts.from": "dari laptop {id}, {at}",
  "conflicts.restore": "Pulihkan nilai ini",
  "conflicts.restored": "Nilai dipulihkan.",
  "conflicts.notRestorable": "Nilai ini tidak bisa dipulihkan otomatis; ketik ulang bila perlu.",
  "conflicts.empty": "(kosong)",

  "backups.title": "Cadangan otomatis",
  "backups.intro":
    "Selama Labinov terbuka, salinan seluruh basis data disimpan setiap beberapa menit bila ada perubahan, dan sekali lagi saat aplikasi ditutup. {n} cadangan terakhir disimpan di folder “backups” di samping basis data.",
  "backups.none": "Belum ada cadangan. Cadangan pertama dibuat beberapa menit setelah ada perubahan.",
  "backups.taken": "Waktu",
  "backups.size": "Ukuran",
  "backups.restore": "Pulihkan",
  "backups.confirm":
    "Pulihkan cadangan {at}? Semua lab kembali ke keadaan saat itu. Keadaan sekarang disimpan dulu sebagai cadangan, jadi langkah ini bisa dibatalkan.",
  "backups.confirmYes": "Ya, pulihkan",
  "backups.restoring": "Memulihkan…",
  "backups.restored": "Cadangan {at} dipulihkan. Keadaan sebelumnya tersimpan sebagai cadangan {before}.",
} as const;
