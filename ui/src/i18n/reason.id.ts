// Why the backend refused an input or a file (`Reason` in the core, by its `kind`).
// {label}: the field's name as the form shows it; the other parameters are the reason's.

import type { Reason } from "../bindings/Reason";

export const reasonId = {
  "reason.required": "{label} wajib diisi.",
  "reason.tooLong": "{label} terlalu panjang ({length} karakter; paling banyak {max} karakter). Persingkat isiannya.",
  "reason.controlCharacter":
    "{label} berisi karakter tak terlihat ({codePoint}), biasanya terbawa saat menyalin. Ketik ulang isian ini.",
  "reason.notAWholeNumber": "{label} harus berupa bilangan bulat, hanya angka tanpa titik atau huruf.",
  "reason.notADate": "{label} harus berupa tanggal, misalnya 2026-11-28 atau 28/11/2026.",
  "reason.notATime": "{label} harus berupa jam, misalnya 08.30.",
  "reason.notADayNumber": "“{value}” bukan nomor hari. Tulis angkanya saja, misalnya 1.",
  "reason.unknownTimeZone": "Zona waktu “{value}” tidak dikenal. Pilih zona waktu dari daftar.",
  "reason.notOneOf": "{label} “{value}” tidak dikenal. Pilih salah satu: {allowed}.",
  "reason.notAnOption":
    "“{value}” tidak ada di daftar pilihan {label}. Pakai salah satu pilihan yang ada di bagian “Pilihan isian”.",
  "reason.optionRetired": "Pilihan {label} “{value}” sudah tidak ditawarkan lagi. Pilih yang lain.",
  "reason.notAnOptionList": "“{list}” bukan nama daftar pilihan.",
  "reason.optionCodeCharacters":
    "{label} hanya boleh berisi huruf kecil, angka, dan garis bawah (_), misalnya uji_coba.",
  "reason.dayOutOfRange": "{label} harus antara 1 dan {days}, sesuai jumlah hari lab.",
  "reason.labDays": "Lab berlangsung 1 sampai {max} hari.",
  "reason.ideaTargetTooLarge": "Target ide paling banyak {max}.",
  "reason.daysInUse":
    "Jumlah hari belum dapat dikurangi menjadi {days}: {ideas} ide dan {sessions} sesi agenda masih berada di hari sesudahnya. Pindahkan dulu ke hari yang lebih awal.",
  "reason.endsBeforeStart": "Jam selesai harus setelah jam mulai.",
  "reason.agencyOfOtherLab": "OPD ini milik lab lain. Pilih OPD dari daftar lab ini.",
  "reason.agencyRetired": "OPD ini sudah dinonaktifkan. Aktifkan lagi di daftar OPD, atau pilih OPD lain.",
  "reason.chooseAgency": "Pilih OPD dari daftar.",
  "reason.participantNeedsAgency": "Kepala OPD dan staf harus dipilih OPD-nya.",
  "reason.noAgencyCalled":
    "Tidak ada OPD aktif bernama “{value}” di lab ini. Tulis kode, singkatan, atau nama OPD persis seperti di daftar OPD.",
  "reason.tagTooLong": "Satu label paling banyak {max} karakter. Persingkat labelnya.",
  "reason.tooManyTags": "Paling banyak {max} label. Hapus sebagian.",
  "reason.sameTitle": "OPD ini sudah punya ide dengan nama yang sama, jadi baris ini dilewati.",
  "reason.mergeIntoItself": "Ide tidak dapat digabungkan dengan dirinya sendiri.",
  "reason.mergeDifferentLabs": "Kedua ide berasal dari lab yang berbeda, jadi tidak dapat digabungkan.",
  "reason.mergeTargetGone": "Gabungkan ke ide yang masih ada di papan.",
  "reason.alreadyMerged": "Ide ini sudah digabungkan.",
  "reason.notMerged": "Ide ini tidak sedang digabungkan.",
  "reason.carryIntoSameLab": "Ide ini sudah ada di lab tersebut.",
  "reason.alreadyCarriedForward": "Ide ini sudah dilanjutkan ke lab tersebut.",
  "reason.carryNoAgency": "Lab tujuan belum punya instansi berkode “{code}”: tambahkan dulu di daftar instansi lab itu.",
  "reason.draftTooLarge": "Isian formulir terlalu besar (lebih dari {maxBytes}). Persingkat isiannya.",
  "reason.codeRepeated":
    "{label} “{value}” sudah ada di baris {line} berkas ini. Setiap OPD hanya boleh ada sekali di berkas: hapus atau perbaiki salah satu dari kedua baris itu.",
  "reason.inRow": "Baris {row}: {reason}",
  "reason.noColumn":
    "Berkas ini tidak punya kolom “{column}”. Pastikan baris pertama berkas berisi judul kolom, lalu pilih berkas itu lagi.",
  "reason.fileTooLarge": "Berkas terlalu besar (lebih dari {maxBytes}). Pisahkan isinya menjadi beberapa berkas.",
  "reason.tooManyRows":
    "Berkas berisi terlalu banyak baris (lebih dari {max}). Pisahkan isinya menjadi beberapa berkas.",
  "reason.wrongFileType": "Jenis berkas ini tidak bisa dibaca. Pilih berkas Excel (.xlsx) atau CSV.",
  "reason.emptyFile": "Berkas ini kosong. Periksa apakah berkas yang dipilih sudah benar.",
  "reason.unreadableSpreadsheet":
    "Isi berkas tidak dapat dibaca. Buka berkasnya di Excel, simpan ulang sebagai .xlsx atau “CSV UTF-8”, lalu pilih lagi.",
  "reason.notUtf8": "Huruf di baris ini tidak terbaca. Simpan berkas sebagai “CSV UTF-8”, lalu pilih lagi.",
  "reason.excelError":
    "Sel ini berisi galat Excel ({detail}). Perbaiki selnya di Excel, lalu pilih berkas lagi.",
  "reason.notAFolder": "Tujuan yang dipilih bukan folder. Pilih sebuah folder.",
  "reason.photoTooLarge":
    "Foto terlalu besar ({sizeBytes}; paling besar {maxBytes}). Pilih foto yang lebih kecil.",
  "reason.notAPhoto": "Hanya foto yang dapat dilampirkan (JPEG, PNG, WebP, atau GIF).",
  "reason.photoUnreadable": "Foto ini tidak dapat dibaca. Mungkin berkasnya rusak; pilih foto lain.",
  "reason.notInPitchQueue": "Ide ini tidak ada di antrean presentasi.",
  "reason.chooseIdea": "Pilih ide dari lab ini.",
  "reason.pitchDuration": "Waktu presentasi antara {minSeconds} detik dan {maxMinutes} menit.",
  "reason.rubricEmpty": "Rubrik harus punya paling sedikit satu kriteria.",
  "reason.confirmRubricChange": "Sudah ada penilaian. Konfirmasi dulu perubahan rubrik.",
  "reason.weightRange": "Bobot harus lebih dari 0 dan paling besar {max}.",
  "reason.scaleRange": "Skala nilai berakhir di antara {min} dan {max}.",
  "reason.chooseReviewer": "Pilih penilai dari lab ini.",
  "reason.notACriterion": "“{criterion}” bukan kriteria rubrik ini.",
  "reason.scoreRange": "Nilai {criterion} antara 1 dan {max}.",
  "reason.dotsRange": "Berikan 1 sampai {max} titik.",
  "reason.voteNeedsTwo": "Pemungutan suara memerlukan paling sedikit dua ide.",
  "reason.voteClosed": "Pemungutan suara ini sudah ditutup.",
  "reason.notACandidate": "Ide ini bukan pilihan dalam pemungutan suara ini.",
  "reason.tallyAfterClose": "Hasil penghitungan ditampilkan setelah pemungutan suara ditutup.",
  "reason.cannotRestore": "Nilai ini tidak dapat dipulihkan di sini. Isikan lagi secara langsung.",
  "reason.oldValueDoesNotFit": "Nilai lama ini tidak lagi sesuai dengan isiannya. Isikan lagi secara langsung.",
  "reason.notABackup": "Ini bukan nama cadangan.",
  "reason.backupDamaged": "Cadangan ini rusak dan tidak dapat dipulihkan. Pilih cadangan lain.",
  "reason.notAFile": "Yang dipilih adalah folder, bukan berkas bundel.",
  "reason.bundleTooLarge": "Berkas terlalu besar untuk sebuah bundel (paling besar {maxBytes}).",
  "reason.notABundle": "Berkas ini bukan bundel Labinov. Pilih berkas .labinov yang diekspor dari Labinov.",
  "reason.bundleFormat":
    "Format bundel ini ({found}) tidak dapat dibaca versi Labinov ini. Samakan versi Labinov di kedua laptop.",
  "reason.bundleOlderSchema":
    "Bundel ini dibuat Labinov versi lama. Perbarui Labinov di laptop pengirim, lalu ekspor lagi.",
  "reason.bundleInvalid": "Bundel ini rusak atau berisi data yang tidak sah, jadi tidak digabungkan. Ekspor lagi dari laptop pengirim.",
  "reason.clockAhead": "Jam laptop {laptop} terlalu cepat (menunjukkan {claims}), jadi bundel ini tidak digabungkan.",
  "reason.taken": "{label} “{value}” sudah dipakai. Pakai yang berbeda.",
  "reason.internal": "{label} tidak dapat diproses karena kesalahan program. Coba lagi; bila berulang, laporkan ke pengelola.",
  "reason.chooseSession": "Pilih sesi dari agenda lab ini.",
  "reason.choosePerson": "Pilih orang dari daftar orang lab ini, atau tulis nama dan perangkat daerahnya.",
  "reason.nipDigits": "{label} harus 18 angka; yang diisi {length} angka.",
  "reason.nipParts":
    "{label} tidak terbaca sebagai NIP: 8 angka tanggal lahir (TTTTBBHH), 6 angka tahun dan bulan pengangkatan, 1 atau 2, lalu 3 angka nomor urut.",
  "reason.joinCodeWrong": "Kode bergabung ini bukan kode ruang yang sedang dibuka. Periksa kode di layar proyektor.",
  "reason.notJoined": "Ponsel ini belum bergabung ke ruang yang sedang dibuka. Bergabung lagi.",
  "reason.alreadyVoted": "Ponsel ini sudah memberikan suara di putaran ini.",
  "reason.alreadyDecided": "Usulan atau pertanyaan ini sudah diputuskan.",
  "reason.submissionId": "Kiriman ini tidak dikenali. Muat ulang halaman, lalu kirim lagi.",
  "reason.questionNotShown": "Pertanyaan ini tidak (lagi) ditampilkan ke ruangan.",
  "reason.addressUnavailable": "Ruang peserta tidak dapat dibuka di alamat {address}. Pilih alamat atau port lain.",
} satisfies Record<`reason.${Reason["kind"]}`, string>;
