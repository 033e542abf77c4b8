//! The words of the exported files, in Indonesian and English.
//!
//! The core has no i18n catalogue (that lives in the UI), so the few dozen words the
//! report, the spreadsheet and the CSV use are here, in one table. Indonesian is the
//! default. The idea fields' headers live in the field table (`crate::fields`), where the
//! idea import's header names are too, so an exported sheet can be imported back.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The language of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" | "in" | "indonesia" => Some(Lang::Id),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// `(key, Indonesian, English)`.
const WORDS: &[(&str, &str, &str)] = &[
    ("report", "Laporan Laboratorium Inovasi", "Innovation Lab Report"),
    ("organiser", "Penyelenggara", "Organiser"),
    ("city", "Kota/Kabupaten", "City/Regency"),
    ("venue", "Tempat", "Venue"),
    ("dates", "Tanggal", "Dates"),
    ("days", "hari", "days"),
    ("target", "Target ide", "Idea target"),
    ("ideas_count", "Jumlah ide", "Ideas"),
    ("agencies_count", "Perangkat daerah", "Agencies"),
    ("agencies_without", "Perangkat daerah tanpa ide", "Agencies without an idea"),
    ("agencies_with", "Perangkat daerah dengan ide", "Agencies with an idea"),
    ("exported_at", "Diekspor pada", "Exported at"),
    ("contents", "Daftar isi", "Contents"),
    ("summary", "Ringkasan", "Summary"),
    ("agenda", "Agenda", "Agenda"),
    ("day", "Hari", "Day"),
    ("time", "Waktu", "Time"),
    ("session", "Sesi", "Session"),
    ("stage", "Tahap 5D", "5D stage"),
    ("ideas_by_agency", "Ide per perangkat daerah", "Ideas by agency"),
    ("charts", "Grafik", "Charts"),
    ("chart_agency", "Ide per perangkat daerah (10 terbanyak)", "Ideas per agency (top 10)"),
    ("chart_day", "Ide per hari", "Ideas per day"),
    ("chart_per_agency", "Ide per perangkat daerah", "Ideas per agency"),
    ("chart_coverage", "Perangkat daerah dengan ide", "Agencies with an idea"),
    ("chart_votes", "Hasil pemungutan suara", "Voting results"),
    ("chart_bentuk", "Ide per bentuk inovasi", "Ideas per form of innovation"),
    ("no_day", "Tanpa hari", "No day"),
    ("review", "Hasil review dan peringkat", "Review results and ranking"),
    ("rank", "Peringkat", "Rank"),
    ("mean", "Nilai rata-rata (0-100)", "Mean score (0-100)"),
    ("reviewers", "Reviewer", "Reviewers"),
    ("spread", "Selisih", "Spread"),
    ("disagreement", "Penilaian sangat berbeda", "Reviewers disagree"),
    ("no_reviews", "Belum ada review yang dihitung.", "No counted review yet."),
    ("ranking_rules", "Nilai total berbobot pada skala 0-100; hanya review lengkap yang sudah dikirim yang dihitung; nilai sama berbagi peringkat; selisih 25 poin atau lebih ditandai.", "Weighted totals on 0-100; only complete submitted reviews count; equal marks share a rank; a spread of 25 points or more is marked."),
    ("votes", "Hasil pemungutan suara (dot voting)", "Dot-voting results"),
    ("no_votes", "Belum ada putaran pemungutan suara yang ditutup.", "No voting round closed yet."),
    ("round", "Putaran", "Round"),
    ("ballots", "Jumlah pemilih", "Ballots"),
    ("dots", "Titik", "Dots"),
    ("photos", "Foto", "Photos"),
    ("photos_note", "Foto ditampilkan sebagai gambar kecil (320 piksel); foto asli ada di berkas bundel .labinov.", "Photos are shown as thumbnails (320 px); the originals are in the .labinov bundle."),
    ("notes", "Catatan presentasi", "Pitch notes"),
    ("comment", "Komentar", "Comment"),
    ("recommendation", "Rekomendasi", "Recommendation"),
    ("rec_lanjutkan", "Lanjutkan", "Continue"),
    ("rec_perbaiki", "Perbaiki", "Improve"),
    ("rec_tidak", "Tidak dilanjutkan", "Do not continue"),
    ("score", "Nilai", "Score"),
    ("total", "Total", "Total"),
    ("no_ideas", "Belum ada ide.", "No ideas yet."),
    ("page", "Halaman", "Page"),
    ("of", "dari", "of"),
    ("yes", "Ya", "Yes"),
    ("no", "Tidak", "No"),
    // The idea table's own columns; each field's header is in its row of `fields.rs`.
    ("col_no", "No", "No"),
    ("col_agency_name", "Nama Perangkat Daerah", "Agency name"),
    ("col_id", "ID Ide", "Idea ID"),
    ("col_created", "Dicatat", "Captured at"),
    // Other sheets.
    ("sheet_ideas", "Ide Inovasi", "Ideas"),
    ("sheet_review", "Review", "Review"),
    ("sheet_agencies", "Perangkat Daerah", "Agencies"),
    ("col_group", "Kelompok", "Group"),
    ("col_short", "Singkatan", "Short name"),
    ("col_idea_count", "Jumlah Ide", "Ideas"),
    ("col_reviewer", "Reviewer", "Reviewer"),
    // The activity report (laporan kegiatan, `activity.rs`).
    ("act_title", "Laporan Kegiatan", "Activity Report"),
    ("act_intro", "Pendahuluan", "Introduction"),
    ("act_basis", "Dasar Pelaksanaan", "Basis"),
    ("act_purpose", "Maksud dan Tujuan", "Purpose and Aims"),
    ("act_not_filled", "(Belum diisi pada pengaturan laporan.)", "(Not filled in the report settings yet.)"),
    ("act_conduct", "Pelaksanaan Kegiatan", "Conduct of the Lab"),
    ("act_time_place", "Waktu dan Tempat", "Time and Place"),
    ("act_no_agenda", "Agenda belum diisi.", "No agenda yet."),
    ("act_present", "Hadir", "Present"),
    ("act_stages", "Tahapan 5D yang Dilaksanakan", "5D Stages Covered"),
    ("act_stages_lead", "Tahapan metode 5D yang dilaksanakan dalam agenda:", "Stages of the 5D method the agenda covered:"),
    ("act_covered", "Dilaksanakan", "Covered"),
    ("act_not_covered", "Tidak dalam agenda", "Not on the agenda"),
    ("act_status", "Keterangan", "Status"),
    ("act_sessions", "Jumlah sesi", "Sessions"),
    ("act_on_days", "Pada hari ke", "On days"),
    ("act_attendance", "Kehadiran Peserta", "Attendance"),
    ("act_no_attendance", "Daftar hadir belum diisi.", "No attendance recorded yet."),
    ("act_attendance_lead", "Kegiatan dihadiri oleh", "The lab was attended by"),
    ("act_people_from", "orang dari", "people from"),
    ("act_agencies", "perangkat daerah", "agencies"),
    ("act_attendance_rule", "Setiap orang dihitung satu kali per hari dan satu kali dalam total, walaupun hadir di beberapa sesi.", "Each person counts once per day and once in the total, however many sessions they attended."),
    ("act_people", "Jumlah hadir (orang)", "People present"),
    ("act_people_short", "orang", "people"),
    ("act_no_agency", "Fasilitator, coach dan tamu", "Facilitators, coaches and guests"),
    ("act_results", "Hasil Kegiatan", "Results"),
    ("act_ideas", "Ide Inovasi", "Innovation Ideas"),
    ("act_ideas_lead", "Laboratorium menghasilkan", "The lab produced"),
    ("act_ideas_from", "ide inovasi dari", "innovation ideas from"),
    ("act_pitches", "Presentasi Ide", "Pitches"),
    ("act_pitches_lead", "Jumlah ide yang dipresentasikan", "Ideas pitched"),
    ("act_no_pitches", "Belum ada ide yang dipresentasikan.", "No idea has been pitched yet."),
    ("act_presenter", "Penyaji", "Presenter"),
    ("act_criterion", "Kriteria penilaian", "Criterion"),
    ("act_weight", "Bobot", "Weight"),
    ("act_scale", "Skala", "Scale"),
    ("act_follow_up", "Tindak Lanjut", "Follow-up"),
    ("act_closing", "Penutup", "Closing"),
    ("act_closing_text", "Demikian laporan kegiatan ini dibuat untuk dipergunakan sebagaimana mestinya.", "This report is made to be used as appropriate."),
    ("act_appendix", "Lampiran: Daftar Hadir", "Appendix: Attendance Lists"),
    ("act_name", "Nama", "Name"),
    ("chart_attendance_day", "Peserta hadir per hari", "People present per day"),
    ("chart_attendance_agency", "Peserta hadir per perangkat daerah", "People present per agency"),
    ("truncated", "… (terpotong; teks lengkap ada di ide-inovasi.csv dan data.json)", "… (cut; the full text is in ide-inovasi.csv and data.json)"),
    // The gallery (a static site) and the posters.
    ("gallery", "Galeri Inovasi", "Innovation Gallery"),
    ("g_skip", "Langsung ke isi", "Skip to content"),
    ("g_home", "Beranda", "Home"),
    ("g_menu", "Menu utama", "Main menu"),
    ("g_search", "Cari", "Search"),
    ("g_search_label", "Cari inovasi", "Search innovations"),
    ("g_search_hint", "Ketik kata dari judul, perangkat daerah atau isi inovasi; imbuhan tidak perlu tepat (layanan, pelayanan, melayani).", "Type words from a title, an agency or an innovation's text; Indonesian affixes need not match (layanan, pelayanan, melayani)."),
    ("g_search_none", "Tidak ada inovasi yang cocok dengan pencarian ini.", "No innovation matches this search."),
    ("g_search_found", "inovasi ditemukan", "innovations found"),
    ("g_search_needs_js", "Pencarian memerlukan JavaScript. Semua inovasi dapat dibuka dari halaman perangkat daerah di beranda.", "Search needs JavaScript. Every innovation can be opened from its agency's page on the home page."),
    ("g_innovations", "Inovasi", "Innovations"),
    ("g_all_agencies", "Perangkat daerah dan inovasinya", "Agencies and their innovations"),
    ("g_innovations_of", "Inovasi dari", "Innovations of"),
    ("g_photo_of", "Foto inovasi", "Photo of the innovation"),
    ("g_breadcrumb", "Lokasi halaman", "Where this page is"),
    ("g_made_with", "Dibuat dengan Labinov", "Made with Labinov"),
    ("g_no_public", "Belum ada inovasi yang dipublikasikan.", "No innovation is published yet."),
    ("g_photos_note", "Foto ditampilkan dalam ukuran kecil (320 piksel).", "Photos are shown small (320 px)."),
    ("g_progress", "Perkembangan setelah lab", "Progress after the lab"),
    ("g_progress_latest", "Laporan terakhir", "Latest report"),
    ("g_progress_stage", "Tahap yang dicapai", "Stage reached"),
    ("g_progress_percent", "Kemajuan", "Progress"),
    ("g_progress_done", "Yang sudah dikerjakan", "What was done"),
    ("g_milestones", "Tonggak tahapan", "Milestones"),
    ("g_planned", "Rencana", "Planned"),
    ("g_reached", "Tercapai", "Reached"),
    ("g_all_labs", "Semua lab", "All labs"),
    ("g_city_gallery", "Galeri Inovasi", "Innovation Gallery"),
    ("g_labs", "Lab", "Labs"),
    ("g_labs_by_year", "Lab per tahun", "Labs by year"),
    ("g_agencies_across", "Perangkat daerah di semua lab", "Agencies across every lab"),
    ("g_per_lab", "Per lab (tahun)", "Per lab (year)"),
    ("g_continues", "Lanjutan dari", "Continues"),
    ("g_continued_in", "Dilanjutkan di", "Continued in"),
    ("poster_from", "Inovasi dari", "An innovation of"),
    // The follow-up section of the report and the innovation profiles.
    ("fu_title", "Tindak Lanjut", "Follow-up"),
    ("fu_none", "Belum ada tindak lanjut (rencana aksi, laporan kemajuan, bukti dukung) yang dicatat untuk lab ini.", "No follow-up (action plan, progress report, evidence) has been recorded for this lab yet."),
    ("fu_lead", "Keadaan per {date}: {n} dari {m} ide inovasi memiliki tindak lanjut; {k} dari {a} perangkat daerah memiliki inovasi yang melewati tahap {stage}; {o} langkah atau tonggak terlambat.", "As of {date}: {n} of {m} innovation ideas have a follow-up; {k} of {a} agencies have an innovation past the stage {stage}; {o} steps or milestones are overdue."),
    ("fu_estimate_note", "Skor dan predikat Indeks Inovasi Daerah (IID) di sini adalah PERKIRAAN Labinov dari daftar periksa indikator tahun {year} dan bukti dukung yang ditautkan, bukan hasil penilaian resmi.", "The regional innovation index (IID) scores and bands here are Labinov's ESTIMATE from the {year} indicator checklist and the evidence linked, not the official assessment."),
    ("fu_by_agency", "Per perangkat daerah", "By agency"),
    ("fu_by_idea", "Per inovasi", "By innovation"),
    ("fu_overdue", "Terlambat", "Overdue"),
    ("fu_overdue_list", "Langkah dan tonggak yang terlambat", "Overdue steps and milestones"),
    ("fu_days_late", "Hari terlambat", "Days late"),
    ("fu_not_past", "Perangkat daerah tanpa inovasi yang melewati tahap {stage}", "Agencies with no innovation past the stage {stage}"),
    ("fu_what", "Langkah atau tonggak", "Step or milestone"),
    ("fu_step", "Langkah", "Step"),
    ("fu_owner", "Pelaksana", "Owner"),
    ("fu_start", "Mulai", "Start"),
    ("fu_due", "Tenggat", "Due"),
    ("fu_status", "Status", "Status"),
    ("fu_status_belum", "Belum", "Not started"),
    ("fu_status_berjalan", "Berjalan", "Under way"),
    ("fu_status_selesai", "Selesai", "Done"),
    ("fu_status_tertunda", "Tertunda", "Put off"),
    ("fu_lead_agency", "Perangkat daerah pemimpin", "Lead agency"),
    ("fu_partners", "OPD mitra", "Partner agencies"),
    ("fu_responsible", "Penanggung jawab", "Person responsible"),
    ("fu_evidence", "Bukti dukung", "Evidence"),
    ("fu_no_evidence", "Belum ada bukti dukung.", "No evidence yet."),
    ("fu_coach_notes", "Catatan pendampingan", "Coaching notes"),
    ("fu_index", "Indeks (perkiraan)", "Index (estimate)"),
    ("fu_band", "Predikat (perkiraan)", "Band (estimate)"),
    ("fu_with_followup", "Dengan tindak lanjut", "With follow-up"),
    ("fu_mean_percent", "Rata-rata kemajuan (%)", "Mean progress (%)"),
    ("fu_yes", "Ya", "Yes"),
    ("fu_no", "Tidak", "No"),
    ("prof_title", "Profil Inovasi", "Innovation Profile"),
    ("prof_iid", "Indikator Indeks Inovasi Daerah (IID {year})", "Regional Innovation Index Indicators (IID {year})"),
    ("prof_indicator", "Indikator", "Indicator"),
    ("prof_parameter", "Parameter dipilih", "Parameter chosen"),
    ("prof_counted", "Dihitung", "Counted"),
    ("prof_not_answered", "Belum dijawab", "Not answered"),
    ("prof_counted_of", "{c} dari {n} indikator dihitung (dipilih dan didukung bukti).", "{c} of {n} indicators counted (chosen and supported by evidence)."),
    ("prof_next", "Yang kurang untuk predikat {band}", "Missing for the band {band}"),
    ("prof_link_evidence", "tautkan bukti dukung untuk parameter {p}", "link evidence for parameter {p}"),
    ("prof_choose", "pilih parameter {p} dan tautkan bukti dukung", "choose parameter {p} and link evidence"),
    ("prof_raise", "naikkan dari parameter {from} ke {p} dengan bukti dukung", "raise from parameter {from} to {p} with evidence"),
    ("prof_top_band", "Sudah pada predikat tertinggi.", "Already in the highest band."),
    ("prof_unreachable", "Predikat berikutnya tidak tercapai walau semua indikator dinaikkan.", "The next band is out of reach even with every indicator raised."),
    ("prof_uncertain", "Bobot dan parameter bertanda * berasal dari sumber pihak ketiga: periksa dengan pedoman resmi tahun berjalan.", "Weights and parameters marked * come from a third-party source: check them against the year's official guide."),
    ("prof_supports", "Mendukung", "Supports"),
    ("prof_file", "Berkas", "File"),
    ("prof_size", "Ukuran", "Size"),
    ("chart_progress", "Rata-rata kemajuan inovasi per bulan (%)", "Mean progress of the innovations per month (%)"),
    ("chart_agency_progress", "Rata-rata kemajuan inovasi OPD per bulan (%)", "Mean progress of the agency's innovations per month (%)"),
    ("chart_per_year", "Inovasi per tahun", "Innovations per year"),
];

/// The word for `key` in `lang`; an unknown key is a programming error caught by tests.
pub fn w(lang: Lang, key: &str) -> &'static str {
    let (_, id, en) = WORDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .unwrap_or_else(|| panic!("no export word {key:?}"));
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_has_both_languages() {
        for (i, (k, id, en)) in WORDS.iter().enumerate() {
            assert!(!id.is_empty() && !en.is_empty(), "{k}");
            assert!(!WORDS[..i].iter().any(|(k2, _, _)| k2 == k), "{k} twice");
        }
    }
}
