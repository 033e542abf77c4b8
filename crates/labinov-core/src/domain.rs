//! The default option lists of a lab, from the regional innovation proposal form and the
//! lab method (see `shared/domain/README.md`).
//!
//! They are data, not code: each lab gets its own copy when it is created and may add,
//! relabel or retire options. Ideas store the option's `code`; people see its label in
//! their language. Lists marked [3P] or [I] in the domain reference (`tematik`, `urusan`)
//! are the ones most likely to be adjusted.

/// `(list, code, Indonesian label, English label)`.
pub type OptionDef = (&'static str, &'static str, &'static str, &'static str);

/// The lists an idea's fields draw from.
pub const LISTS: &[&str] = &[
    "stage",
    "tahapan",
    "inisiator",
    "jenis",
    "bentuk",
    "urusan",
    "tematik",
    "benefit",
    "status",
];

pub const DEFAULT_OPTIONS: &[OptionDef] = &[
    // The 5D (+1) lab stages an idea can be born in.
    ("stage", "drum_up", "Drum-up", "Drum-up"),
    ("stage", "diagnose", "Diagnose", "Diagnose"),
    ("stage", "design", "Design", "Design"),
    ("stage", "deliver", "Deliver", "Deliver"),
    ("stage", "display", "Display", "Display"),
    ("stage", "dokumentasi", "Dokumentasi", "Documentation"),
    // Tahapan inovasi.
    ("tahapan", "inisiatif", "Inisiatif", "Initiative"),
    ("tahapan", "uji_coba", "Uji coba", "Trial"),
    ("tahapan", "penerapan", "Penerapan", "Implementation"),
    // Inisiator.
    (
        "inisiator",
        "kepala_daerah",
        "Kepala Daerah",
        "Regional head",
    ),
    (
        "inisiator",
        "anggota_dprd",
        "Anggota DPRD",
        "Council member",
    ),
    (
        "inisiator",
        "opd",
        "Perangkat Daerah (OPD)",
        "Regional agency (OPD)",
    ),
    ("inisiator", "asn", "ASN", "Civil servant"),
    ("inisiator", "masyarakat", "Masyarakat", "Public"),
    // Jenis inovasi.
    ("jenis", "digital", "Digital", "Digital"),
    ("jenis", "non_digital", "Non digital", "Non-digital"),
    // Bentuk inovasi.
    (
        "bentuk",
        "tata_kelola",
        "Inovasi tata kelola pemerintahan daerah",
        "Regional governance innovation",
    ),
    (
        "bentuk",
        "pelayanan_publik",
        "Inovasi pelayanan publik",
        "Public service innovation",
    ),
    (
        "bentuk",
        "lainnya",
        "Inovasi daerah lainnya sesuai urusan pemerintahan",
        "Other regional innovation within a government affair",
    ),
    // Urusan pemerintahan (main areas; a lab may add the rest).
    ("urusan", "pendidikan", "Pendidikan", "Education"),
    ("urusan", "kesehatan", "Kesehatan", "Health"),
    (
        "urusan",
        "pupr",
        "Pekerjaan umum dan penataan ruang",
        "Public works and spatial planning",
    ),
    (
        "urusan",
        "perumahan",
        "Perumahan rakyat dan kawasan permukiman",
        "Housing and settlements",
    ),
    (
        "urusan",
        "trantibum",
        "Ketenteraman, ketertiban umum dan pelindungan masyarakat",
        "Public order and protection",
    ),
    ("urusan", "sosial", "Sosial", "Social affairs"),
    ("urusan", "tenaga_kerja", "Tenaga kerja", "Labour"),
    (
        "urusan",
        "pemberdayaan_perempuan",
        "Pemberdayaan perempuan dan pelindungan anak",
        "Women's empowerment and child protection",
    ),
    ("urusan", "pangan", "Pangan", "Food"),
    (
        "urusan",
        "lingkungan_hidup",
        "Lingkungan hidup",
        "Environment",
    ),
    (
        "urusan",
        "adminduk",
        "Administrasi kependudukan dan pencatatan sipil",
        "Population administration and civil registry",
    ),
    (
        "urusan",
        "pemberdayaan_masyarakat",
        "Pemberdayaan masyarakat dan desa",
        "Community and village empowerment",
    ),
    (
        "urusan",
        "pengendalian_penduduk",
        "Pengendalian penduduk dan keluarga berencana",
        "Population control and family planning",
    ),
    ("urusan", "perhubungan", "Perhubungan", "Transport"),
    (
        "urusan",
        "kominfo",
        "Komunikasi dan informatika",
        "Communication and informatics",
    ),
    (
        "urusan",
        "koperasi_ukm",
        "Koperasi, usaha kecil dan menengah",
        "Cooperatives and small businesses",
    ),
    ("urusan", "penanaman_modal", "Penanaman modal", "Investment"),
    (
        "urusan",
        "kepemudaan_olahraga",
        "Kepemudaan dan olahraga",
        "Youth and sport",
    ),
    ("urusan", "statistik", "Statistik", "Statistics"),
    ("urusan", "persandian", "Persandian", "Cryptography"),
    ("urusan", "kebudayaan", "Kebudayaan", "Culture"),
    ("urusan", "perpustakaan", "Perpustakaan", "Libraries"),
    ("urusan", "kearsipan", "Kearsipan", "Archives"),
    ("urusan", "pariwisata", "Pariwisata", "Tourism"),
    ("urusan", "pertanian", "Pertanian", "Agriculture"),
    ("urusan", "perdagangan", "Perdagangan", "Trade"),
    ("urusan", "perindustrian", "Perindustrian", "Industry"),
    ("urusan", "perencanaan", "Perencanaan", "Planning"),
    ("urusan", "keuangan", "Keuangan", "Finance"),
    ("urusan", "kepegawaian", "Kepegawaian", "Civil service"),
    (
        "urusan",
        "penelitian_pengembangan",
        "Penelitian dan pengembangan",
        "Research and development",
    ),
    ("urusan", "pengawasan", "Pengawasan", "Oversight"),
    (
        "urusan",
        "kesekretariatan",
        "Kesekretariatan",
        "Secretariat",
    ),
    // Tematik [3P].
    (
        "tematik",
        "digitalisasi_layanan",
        "Digitalisasi layanan pemerintahan",
        "Digitalising government services",
    ),
    (
        "tematik",
        "penanggulangan_kemiskinan",
        "Penanggulangan kemiskinan",
        "Poverty reduction",
    ),
    (
        "tematik",
        "kemudahan_investasi",
        "Kemudahan investasi",
        "Ease of investment",
    ),
    (
        "tematik",
        "prioritas_presiden",
        "Prioritas aktual presiden",
        "Current presidential priorities",
    ),
    ("tematik", "non_tematik", "Non tematik", "No theme"),
    // Benefit types the sector speaks of.
    (
        "benefit",
        "menurunkan_biaya",
        "Menurunkan biaya",
        "Lower cost",
    ),
    (
        "benefit",
        "mempersingkat_waktu",
        "Mempersingkat waktu layanan",
        "Faster service",
    ),
    (
        "benefit",
        "memangkas_birokrasi",
        "Memangkas birokrasi",
        "Less red tape",
    ),
    (
        "benefit",
        "memberikan_kemudahan",
        "Memberikan kemudahan akses",
        "Easier access",
    ),
    ("benefit", "lainnya", "Lainnya", "Other"),
    // Where an idea stands on the board's status view.
    ("status", "captured", "Tercatat", "Captured"),
    (
        "status",
        "shortlisted",
        "Masuk daftar pendek",
        "Shortlisted",
    ),
    ("status", "reviewed", "Sudah direview", "Reviewed"),
    ("status", "selected", "Terpilih", "Selected"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_belongs_to_a_list_and_codes_are_unique_per_list() {
        let mut seen = std::collections::HashSet::new();
        for (list, code, id, en) in DEFAULT_OPTIONS {
            assert!(LISTS.contains(list), "{list}");
            assert!(seen.insert((list, code)), "duplicate {list}/{code}");
            assert!(!id.is_empty() && !en.is_empty());
        }
        for list in LISTS {
            assert!(
                DEFAULT_OPTIONS.iter().any(|o| o.0 == *list),
                "{list} has no options"
            );
        }
    }
}
