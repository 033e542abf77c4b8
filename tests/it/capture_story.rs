//! The story of a lab's set-up and capture, on one temp-dir database: the lab is created,
//! its roster imported with the real `labinov` binary, 50 ideas captured across the
//! agencies, some edited, trashed, restored, merged and unmerged, and more ideas imported
//! from a CSV and an XLSX file that both carry bad rows. The core API (`Store`) is used
//! where the app's window would call it; the CLI where a person would type a command.
//! Every count is checked exactly, and every failed or dry-run import is checked to have
//! written nothing at all (not one change record).

use std::collections::HashSet;
use std::path::Path;

use labinov_core::{ChangeOp, ChangeRecord, Idea, IdeaInput, IdeaPatch, NewLab, Store};
use labinov_tests::{cli, cli_ok, workspace_root};
use serde_json::{json, Value};

/// One captured idea: agency code, title, digital or not, tags.
type Capture = (&'static str, &'static str, bool, &'static [&'static str]);

/// The 50 ideas of the lab, in the order they are captured. 34 agencies take part; SETWAN,
/// KESBANGPOL and DISNAKER have no idea yet.
#[rustfmt::skip]
const CAPTURES: &[Capture] = &[
    ("SETDA",          "Rapat Pimpinan Tanpa Kertas", true, &["paperless"]),
    ("SETDA",          "Bantuan Hukum Gratis bagi Warga", false, &["hukum"]),
    ("INSP",           "Whistleblowing System Terpadu", true, &["integritas"]),
    ("BAPPEDA",        "Dasbor Kinerja Pembangunan Daerah", true, &["data", "kinerja"]),
    ("BAPPEDA",        "Musrenbang Digital Kelurahan", true, &["partisipasi"]),
    ("BKPSDM",         "Kenaikan Pangkat Otomatis ASN", true, &["asn"]),
    ("BPKAD",          "Aset Daerah dalam Genggaman", true, &["aset"]),
    ("BPKAD",          "Gaji Tepat Waktu Tanpa Berkas", true, &["paperless"]),
    ("BAPENDA",        "Pembayaran PBB lewat QRIS", true, &["pajak", "qris"]),
    ("BAPENDA",        "Penagihan Pajak Restoran Elektronik", true, &["pajak"]),
    ("BPBD",           "Peringatan Dini Banjir Berbasis Sensor", true, &["bencana", "banjir"]),
    ("DINDIKBUD",      "Pendaftaran Sekolah Tanpa Antre", true, &["sekolah"]),
    ("DINDIKBUD",      "Guru Penggerak Literasi Digital", false, &["literasi"]),
    ("DINKES",         "Antrean Puskesmas Daring", true, &["puskesmas", "antrean"]),
    ("DINKES",         "Posyandu Digital Cegah Stunting", true, &["stunting", "gizi"]),
    ("DINKES",         "Skrining TBC Keliling", false, &["tbc"]),
    ("DPUPR",          "Aplikasi Pengaduan Jalan Rusak", true, &["jalan"]),
    ("DPKP",           "Rumah Layak Huni Tepat Sasaran", false, &["rutilahu"]),
    ("SATPOLPP",       "Patroli Ketertiban Berbasis Peta", true, &["trantibum"]),
    ("DINSOS",         "Data Terpadu Kesejahteraan Sosial Mandiri", true, &["dtks"]),
    ("DINSOS",         "Lansia Sehat Terlayani", false, &["lansia"]),
    ("DLH",            "Bank Sampah Digital", true, &["sampah"]),
    ("DLH",            "Uji Emisi Kendaraan Keliling", false, &["emisi", "udara"]),
    ("DISDUKCAPIL",    "Pelayanan Adminduk Keliling", false, &["adminduk"]),
    ("DISDUKCAPIL",    "Akta Kelahiran Langsung Jadi", false, &["akta"]),
    ("DP3AP2KB",       "Ruang Aman Perempuan dan Anak", false, &["perlindungan anak"]),
    ("DISHUB",         "Angkot Pintar Terintegrasi", true, &["angkot"]),
    ("DISHUB",         "Parkir Elektronik Tepi Jalan", true, &["parkir"]),
    ("DISKOMINFO",     "Satu Data Kota", true, &["data"]),
    ("DISKOMINFO",     "Wifi Publik di Taman Kota", true, &["internet"]),
    ("DKUKM",          "Klinik UMKM Naik Kelas", false, &["umkm"]),
    ("DPMPTSP",        "Perizinan Berusaha Satu Hari", true, &["izin", "investasi"]),
    ("DISPORAPAR",     "Kalender Wisata Terpadu", true, &["wisata"]),
    ("DISPUSIP",       "Arsip Digital Kelurahan", true, &["arsip"]),
    ("DKPP",           "Pasar Tani Daring", true, &["pangan"]),
    ("DISPERINDAG",    "Harga Pangan Harian Terbuka", true, &["pangan", "harga"]),
    ("DPMK",           "Kelurahan Tangguh Bencana", false, &["bencana"]),
    ("RSUD",           "Rekam Medis Elektronik Terpadu", true, &["rme"]),
    ("RSUD",           "Ambulans Gratis Panggilan Cepat", false, &["ambulans"]),
    ("KEC-CIBEBER",    "Akta Lahir Langsung Jadi di Kecamatan", false, &["akta"]),
    ("KEC-CILEGON",    "Kecamatan Tanpa Antre", true, &["antrean"]),
    ("KEC-CITANGKIL",  "Surat Keterangan Daring", true, &["surat"]),
    ("KEC-CIWANDAN",   "Gerakan Lorong Bersih", false, &["kebersihan"]),
    ("KEC-GROGOL",     "Sapa Warga Setiap Jumat", false, &["warga"]),
    ("KEC-JOMBANG",    "Taman Baca Kecamatan", false, &["literasi"]),
    ("KEC-PULOMERAK",  "Nelayan Sejahtera Berbasis Koperasi", false, &["nelayan"]),
    ("KEC-PURWAKARTA", "PATEN Keliling", false, &["paten"]),
    ("DP3AP2KB",       "Sekolah Ramah Anak Terpantau", true, &["anak"]),
    ("DPUPR",          "Peta Drainase Kota Terbuka", true, &["drainase", "banjir"]),
    ("BKPSDM",         "Absensi ASN Berbasis Lokasi", true, &["asn"]),
];

/// Agencies of the sample roster with no idea once the story is over.
const WITHOUT_IDEA_AT_THE_END: &[&str] = &["SETWAN", "KEC-GROGOL"];

const TAHAPAN: [&str; 3] = ["inisiatif", "uji_coba", "penerapan"];
const INTERNAL: &[&str] = &["SETDA", "INSP", "BAPPEDA", "BKPSDM", "BPKAD"];

fn roster_path() -> std::path::PathBuf {
    workspace_root().join("crates/labinov-core/data/opd-sample.csv")
}

/// The sample roster's codes, read with an independent CSV parser, in file order.
fn roster_codes() -> Vec<String> {
    csv::Reader::from_path(roster_path())
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_owned())
        .collect()
}

struct Lab<'a> {
    store: &'a Store,
    id: String,
    db: &'a Path,
}

impl Lab<'_> {
    fn agency(&self, code: &str) -> String {
        self.store
            .list_agencies(&self.id)
            .unwrap()
            .into_iter()
            .find(|a| a.code == code)
            .unwrap_or_else(|| panic!("no agency {code}"))
            .id
    }

    fn live(&self) -> Vec<Idea> {
        self.store.list_ideas(&self.id).unwrap()
    }

    fn by_title(&self, title: &str) -> Idea {
        self.live()
            .into_iter()
            .find(|i| i.fields.title == title)
            .unwrap_or_else(|| panic!("no live idea {title:?}"))
    }

    fn titles(&self) -> HashSet<String> {
        self.live().into_iter().map(|i| i.fields.title).collect()
    }

    fn changes(&self) -> u64 {
        self.store.change_count().unwrap()
    }

    /// What the real binary lists, as JSON.
    fn cli_list(&self) -> Vec<Value> {
        serde_json::from_str(&cli_ok(
            self.db,
            &["list", "--lab", &self.id, "--format", "json"],
        ))
        .unwrap()
    }

    /// The counts every view must agree on: the idea list, the board, the lab picker and
    /// the CLI, plus the trash.
    fn assert_counts(&self, live: usize, trash: usize, without_idea: u32, when: &str) {
        assert_eq!(self.live().len(), live, "{when}: list_ideas");
        let board = self.store.board(&self.id).unwrap();
        assert_eq!(board.idea_count as usize, live, "{when}: board");
        let on_board: usize = board.groups.iter().map(|g| g.ideas.len()).sum();
        assert_eq!(on_board, live, "{when}: ideas in the board's groups");
        assert_eq!(
            board.agencies_without_idea, without_idea,
            "{when}: agencies without idea"
        );
        let summary = self
            .store
            .list_labs()
            .unwrap()
            .into_iter()
            .find(|s| s.lab.id == self.id)
            .unwrap();
        assert_eq!(
            summary.idea_count as usize, live,
            "{when}: the lab picker's count"
        );
        assert_eq!(summary.agency_count, 37, "{when}: agencies");
        assert_eq!(
            self.store.idea_listing(&self.id).unwrap().len(),
            live,
            "{when}: listing"
        );
        assert_eq!(
            self.store.list_trash(&self.id).unwrap().len(),
            trash,
            "{when}: trash"
        );
    }
}

/// SQLite's own check of the whole database, search index included.
fn healthy(store: &Store, when: &str) {
    assert_eq!(store.integrity_check().unwrap(), "ok", "{when}");
}

fn ops(history: &[ChangeRecord]) -> Vec<ChangeOp> {
    history.iter().map(|c| c.op).collect()
}

/// Every record of a history is stamped with this installation, in time order.
fn assert_stamped_in_order(history: &[ChangeRecord], installation: &str) {
    for pair in history.windows(2) {
        assert!(pair[0].seq < pair[1].seq, "{history:#?}");
        assert!(pair[0].at <= pair[1].at, "times in order: {history:#?}");
    }
    for c in history {
        assert_eq!(c.installation_id, installation);
        assert!(
            c.at.ends_with('Z') && c.at.len() == 24,
            "UTC, milliseconds: {}",
            c.at
        );
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// The report lines (`line N ...`) of a CLI import, by line number.
fn report_lines(text: &str) -> Vec<(u32, String)> {
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("line ")?;
            let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((n.parse().ok()?, l.to_owned()))
        })
        .collect()
}

/// Checks a refused import's report names exactly `bad` (line, field), each once.
fn assert_report(text: &str, bad: &[(u32, &str)]) {
    let lines = report_lines(text);
    let reported: Vec<u32> = lines.iter().map(|(n, _)| *n).collect();
    let expected: Vec<u32> = bad.iter().map(|(n, _)| *n).collect();
    assert_eq!(reported, expected, "report:\n{text}");
    for ((_, line), (n, field)) in lines.iter().zip(bad) {
        assert!(
            line.contains(&format!(": {field}: ")),
            "line {n} names {field}:\n{text}"
        );
    }
}

fn xlsx(rows: &[Vec<XCell>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                XCell::Text(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                XCell::Number(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                XCell::Date(y, m, d) => {
                    let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet.write_datetime_with_format(r, c, &dt, &date).unwrap();
                }
                XCell::Empty => {}
            }
        }
    }
    book.save_to_buffer().unwrap()
}

enum XCell {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
    Empty,
}

#[test]
fn a_lab_is_set_up_and_its_ideas_captured_edited_trashed_merged_and_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("labinov.db");
    let store = Store::open(&db).unwrap();

    // 1. The lab.
    let created = store
        .create_lab(NewLab {
            name: "Executive Laboratorium Inovasi Kota Cilegon 2026".into(),
            organiser: "Bappedalitbang Kota Cilegon".into(),
            city: "Cilegon".into(),
            venue: "Aula Sekretariat Daerah".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 50,
            time_zone: Some("Asia/Jakarta".into()),
        })
        .unwrap();
    store.open_lab(&created.id).unwrap();
    let lab = Lab {
        store: &store,
        id: created.id.clone(),
        db: &db,
    };
    let installation = store.installation_id().to_owned();
    let info: Value = serde_json::from_str(&cli_ok(&db, &["info"])).unwrap();
    assert_eq!(info["installationId"], installation.as_str());
    assert_eq!(info["lastLabId"], lab.id.as_str());
    assert_eq!(lab.changes(), 1);

    healthy(&store, "before step 2");
    // 2. The roster, through the CLI: a dry run first, then the import.
    let roster = roster_path();
    let roster = roster.to_str().unwrap();
    let out = cli_ok(&db, &["import-agencies", "--dry-run", roster]);
    assert!(
        out.contains(
            "good rows: 37 new, 0 changed, 0 unchanged\n37 rows: 37 good, 0 refused; checked"
        ),
        "{out}"
    );
    assert!(
        out.contains("line 2 \"Sekretariat Daerah\": new\n"),
        "{out}"
    );
    assert!(store.list_agencies(&lab.id).unwrap().is_empty());
    let out = cli(&db, &["import-agencies", "--lab", &lab.id, roster]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout(&out).contains("37 rows: 37 good, 0 refused; imported"),
        "{out:?}"
    );
    let codes: Vec<String> = store
        .list_agencies(&lab.id)
        .unwrap()
        .into_iter()
        .map(|a| a.code)
        .collect();
    assert_eq!(codes, roster_codes(), "all 37, in the roster's order");
    assert_eq!(lab.changes(), 1 + 37);
    // The same roster again: every row unchanged, nothing written, a success.
    let out = cli(&db, &["import-agencies", roster]);
    let text = stdout(&out);
    assert!(out.status.success(), "{out:?}");
    let lines = report_lines(&text);
    assert_eq!(lines.len(), 37, "{text}");
    assert!(
        lines.iter().all(|(_, l)| l.ends_with(": unchanged")),
        "{text}"
    );
    assert!(
        text.contains("good rows: 0 new, 0 changed, 37 unchanged\n37 rows: 37 good, 0 refused; nothing to change"),
        "{text}"
    );
    assert_eq!(lab.changes(), 1 + 37);

    healthy(&store, "before step 3");
    // 3. Capture 50 ideas across 34 agencies, in three lab days.
    assert_eq!(CAPTURES.len(), 50);
    let agencies: HashSet<&str> = CAPTURES.iter().map(|c| c.0).collect();
    assert_eq!(agencies.len(), 34);
    lab.assert_counts(0, 0, 37, "before capture");
    let mut captured = Vec::new();
    for (i, (code, title, digital, tags)) in CAPTURES.iter().enumerate() {
        let day = 1 + (i * 3 / CAPTURES.len()) as u32;
        let input = IdeaInput {
            agency_id: lab.agency(code),
            title: (*title).into(),
            proposer_name: format!("Kepala {code}"),
            proposer_position: "Kepala Perangkat Daerah".into(),
            problem: format!("Warga mengeluhkan layanan {code} yang lambat dan berbelit."),
            stage: if day == 1 { "diagnose" } else { "design" }.into(),
            lab_day: Some(day),
            tahapan: TAHAPAN[i % 3].into(),
            jenis: if *digital { "digital" } else { "non_digital" }.into(),
            bentuk: if INTERNAL.contains(code) {
                "tata_kelola"
            } else {
                "pelayanan_publik"
            }
            .into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        };
        let idea = store.add_idea(&lab.id, input.clone()).unwrap();
        // As typed; a status left empty is stored as "captured".
        let typed = IdeaInput {
            status: "captured".into(),
            ..input.clone()
        };
        assert_eq!(idea.fields, typed, "stored as typed: {title}");
        captured.push(idea);
    }
    lab.assert_counts(50, 0, 3, "after capture");
    assert_eq!(lab.changes(), 38 + 50);
    let days: Vec<usize> = (1..=3)
        .map(|d| {
            captured
                .iter()
                .filter(|i| i.fields.lab_day == Some(d))
                .count()
        })
        .collect();
    assert_eq!(days, [17, 17, 16]);
    // The CLI sees the same 50, agencies spelled out.
    let listed = lab.cli_list();
    assert_eq!(listed.len(), 50);
    let posyandu = listed
        .iter()
        .find(|i| i["title"] == "Posyandu Digital Cegah Stunting")
        .unwrap();
    assert_eq!(posyandu["agencyCode"], "DINKES");
    assert_eq!(posyandu["agencyName"], "Dinas Kesehatan");
    assert_eq!(posyandu["tags"], json!(["stunting", "gizi"]));
    assert_eq!(posyandu["jenis"], "digital");
    assert_eq!(posyandu["labDay"], 1);

    healthy(&store, "before step 4");
    // 4. The duplicate hint: affixed and case-changed forms find the existing idea.
    let similar = |text: &str, exclude: Option<&str>| -> Vec<String> {
        store
            .similar_ideas(&lab.id, text, exclude, 5)
            .unwrap()
            .into_iter()
            .map(|s| s.title)
            .collect()
    };
    for (typed, existing) in [
        ("layanan adminduk keliling", "Pelayanan Adminduk Keliling"),
        ("PENGADUAN JALAN RUSAK", "Aplikasi Pengaduan Jalan Rusak"),
        ("aduan jalan rusak", "Aplikasi Pengaduan Jalan Rusak"),
        ("pendaftar sekolah", "Pendaftaran Sekolah Tanpa Antre"),
        (
            "PERINGATAN dini BANJIR",
            "Peringatan Dini Banjir Berbasis Sensor",
        ),
    ] {
        let hits = similar(typed, None);
        assert_eq!(
            hits.first().map(String::as_str),
            Some(existing),
            "{typed}: {hits:?}"
        );
    }
    let akta = lab.by_title("Akta Kelahiran Langsung Jadi");
    let akta_kec = lab.by_title("Akta Lahir Langsung Jadi di Kecamatan");
    assert_eq!(
        similar(&akta.fields.title, Some(&akta.id))[0],
        akta_kec.fields.title,
        "the idea being edited is left out; its duplicate is found"
    );

    healthy(&store, "before step 5");
    // 5. Edits: only real changes are recorded, stamped with the installation and time.
    let bank = lab.by_title("Bank Sampah Digital");
    let bank_at = CAPTURES
        .iter()
        .position(|c| c.1 == "Bank Sampah Digital")
        .unwrap();
    assert_ne!(TAHAPAN[bank_at % 3], "uji_coba");
    store
        .update_idea(
            &bank.id,
            IdeaPatch::new()
                .set("title", "Bank Sampah Digital (BASADI)")
                .set("tahapan", "uji_coba"),
        )
        .unwrap();
    store
        .update_idea(
            &bank.id,
            IdeaPatch::new()
                .set("tags", json!(["sampah", "ekonomi sirkular"]))
                .set("manfaat", "Sampah terpilah, warga mendapat tabungan."),
        )
        .unwrap();
    let before = lab.changes();
    store
        .update_idea(
            &bank.id,
            IdeaPatch::new().set("title", "  Bank Sampah Digital (BASADI) "),
        )
        .unwrap();
    assert_eq!(lab.changes(), before, "an edit that changes nothing");
    let tbc = lab.by_title("Skrining TBC Keliling");
    store
        .update_idea(&tbc.id, IdeaPatch::new().set("proposerName", "dr. Ani"))
        .unwrap();
    let pbb = lab.by_title("Pembayaran PBB lewat QRIS");
    store
        .update_idea(&pbb.id, IdeaPatch::new().set("tahapan", "uji_coba"))
        .unwrap();
    assert_eq!(lab.changes(), 88 + 4);

    let history = store.history(&bank.id).unwrap();
    assert_eq!(
        ops(&history),
        [ChangeOp::Create, ChangeOp::Update, ChangeOp::Update]
    );
    assert_stamped_in_order(&history, &installation);
    assert_eq!(
        history[1].changes,
        json!({
            "title": {"old": "Bank Sampah Digital", "new": "Bank Sampah Digital (BASADI)"},
            "tahapan": {"old": TAHAPAN[bank_at % 3], "new": "uji_coba"},
        })
    );
    assert_eq!(
        history[2].changes,
        json!({
            "tags": {"old": ["sampah"], "new": ["sampah", "ekonomi sirkular"]},
            "manfaat": {"old": "", "new": "Sampah terpilah, warga mendapat tabungan."},
        })
    );
    assert_eq!(history[0].changes["title"]["new"], "Bank Sampah Digital");
    let bank = store.get_idea(&bank.id).unwrap();
    assert_eq!(bank.fields.title, "Bank Sampah Digital (BASADI)");
    assert!(bank.updated_at > bank.created_at);

    healthy(&store, "before step 6");
    // 6. Trash: two ideas deleted, one restored.
    let emisi = lab.by_title("Uji Emisi Kendaraan Keliling");
    let sapa = lab.by_title("Sapa Warga Setiap Jumat"); // KEC-GROGOL's only idea
    store.delete_idea(&emisi.id).unwrap();
    store.delete_idea(&sapa.id).unwrap();
    lab.assert_counts(48, 2, 4, "two in the trash");
    assert!(similar("uji emisi kendaraan", None)
        .iter()
        .all(|t| t != &emisi.fields.title));
    let back = store.restore_idea(&emisi.id).unwrap();
    assert_eq!(back.fields, emisi.fields, "restored with everything it had");
    lab.assert_counts(49, 1, 4, "one restored");
    assert_eq!(store.list_trash(&lab.id).unwrap()[0].id, sapa.id);
    assert_eq!(lab.cli_list().len(), 49);
    let history = store.history(&emisi.id).unwrap();
    assert_eq!(
        ops(&history),
        [ChangeOp::Create, ChangeOp::Delete, ChangeOp::Update]
    );
    assert_stamped_in_order(&history, &installation);
    assert!(history[1].changes["deletedAt"]["new"].is_string());
    assert_eq!(history[2].changes["deletedAt"]["new"], Value::Null);
    assert_eq!(
        ops(&store.history(&sapa.id).unwrap()),
        [ChangeOp::Create, ChangeOp::Delete]
    );
    assert_eq!(lab.changes(), 92 + 3);

    healthy(&store, "before step 7");
    // 7. Merge the two birth-certificate ideas, then undo it.
    store.merge_ideas(&akta.id, &akta_kec.id).unwrap();
    lab.assert_counts(48, 1, 5, "merged"); // KEC-CIBEBER's only idea
    assert!(!lab.titles().contains(&akta_kec.fields.title));
    assert!(lab
        .cli_list()
        .iter()
        .all(|i| i["id"] != akta_kec.id.as_str()));
    assert!(!similar("akta lahir kecamatan", None).contains(&akta_kec.fields.title));
    assert_eq!(
        store.merged_into(&akta.id).unwrap()[0].id,
        akta_kec.id,
        "the absorbed idea is kept, pointing at its target"
    );
    assert_eq!(
        store.get_idea(&akta_kec.id).unwrap().merged_into.as_deref(),
        Some(akta.id.as_str())
    );
    let cibeber = store
        .board(&lab.id)
        .unwrap()
        .groups
        .into_iter()
        .find(|g| g.agency.code == "KEC-CIBEBER")
        .unwrap();
    assert!(cibeber.ideas.is_empty(), "the merged idea left the board");

    let unmerged = store.unmerge_idea(&akta_kec.id).unwrap();
    assert_eq!(unmerged.fields, akta_kec.fields);
    lab.assert_counts(49, 1, 4, "merge undone");
    assert!(store.merged_into(&akta.id).unwrap().is_empty());
    assert!(similar("akta lahir kecamatan", None).contains(&akta_kec.fields.title));
    let target = store.history(&akta.id).unwrap();
    let source = store.history(&akta_kec.id).unwrap();
    assert_stamped_in_order(&target, &installation);
    assert_stamped_in_order(&source, &installation);
    assert_eq!(target.len(), 3, "create, absorbed, released");
    assert_eq!(target[1].changes["absorbed"]["new"], akta_kec.id.as_str());
    assert_eq!(target[2].changes["released"]["new"], akta_kec.id.as_str());
    assert_eq!(source.len(), 3, "create, merged, unmerged");
    assert_eq!(
        source[1].changes["mergedInto"],
        json!({"old": null, "new": akta.id})
    );
    assert_eq!(
        source[2].changes["mergedInto"],
        json!({"old": akta.id, "new": null})
    );
    assert_eq!(lab.changes(), 95 + 4);

    healthy(&store, "before step 8");
    // 8. Ideas from a CSV saved by Excel in an Indonesian locale (`;`), with bad rows:
    //    a missing title, an unknown agency, a bad date and a cell that is not UTF-8.
    let mut csv = Vec::new();
    csv.extend_from_slice(
        "OPD;Nama Inovasi;Pengusul;Tahapan;Jenis;Bentuk Inovasi;Hari;Waktu Uji Coba;Tag\n\
         DISNAKER;Pelatihan Kerja Sesuai Kebutuhan Industri;Bu Rina;Inisiatif;Non digital;Inovasi pelayanan publik;2;2027-03-01;kerja, pelatihan\n\
         Dishub;Halte Pintar Terintegrasi;;uji_coba;Digital;pelayanan_publik;3;;angkot\n\
         DLH;;Pak Budi;;;;;;\n\
         DINAS-X;Ide dari Dinas yang Tidak Ada;;;;;;;\n\
         DINKES;Puskesmas Ramah Lansia;;;;;1;akhir 2027;lansia\n"
            .as_bytes(),
    );
    // Latin-1 "é": what a CSV saved as "CSV (MS-DOS)" carries.
    csv.extend_from_slice(b"DINSOS;Kartu Lansia Sejahtera;Bapak Sut\xE9jo;;;;;;\n");
    csv.extend_from_slice("Kecamatan Cibeber;Posyandu Remaja Kecamatan;;;;;;;remaja\n".as_bytes());
    let csv_path = dir.path().join("ide-tambahan.csv");
    std::fs::write(&csv_path, &csv).unwrap();
    let csv_path = csv_path.to_str().unwrap();
    let csv_bad = [
        (4, "title"),
        (5, "agencyId"),
        (6, "trialDate"),
        (7, "proposerName"),
    ];
    let csv_good = [
        "Pelatihan Kerja Sesuai Kebutuhan Industri",
        "Halte Pintar Terintegrasi",
        "Posyandu Remaja Kecamatan",
    ];

    let before = lab.changes();
    let out = cli(&db, &["import-ideas", "--lab", &lab.id, csv_path]);
    let text = stdout(&out);
    assert!(
        !out.status.success(),
        "refused rows fail the import:\n{text}"
    );
    assert_report(&text, &csv_bad);
    assert!(text.contains("line 7 \"Kartu Lansia Sejahtera\": proposerName: the text is not UTF-8"));
    assert!(text.contains("DINAS-X"), "{text}");
    assert!(text.contains("akhir 2027"), "{text}");
    assert!(
        text.contains("7 rows: 3 good, 4 refused; NOTHING imported"),
        "{text}"
    );
    assert_eq!(lab.changes(), before, "all or nothing: nothing");
    lab.assert_counts(49, 1, 4, "refused CSV");

    let out = cli(&db, &["import-ideas", "--dry-run", csv_path]);
    let text = stdout(&out);
    assert!(!out.status.success(), "a dry run with refused rows says so");
    assert_report(&text, &csv_bad);
    assert!(
        text.contains("checked (dry run, nothing imported)"),
        "{text}"
    );
    assert_eq!(lab.changes(), before, "a dry run writes nothing");

    let out = cli(&db, &["import-ideas", "--skip-refused", csv_path]);
    let text = stdout(&out);
    assert_report(&text, &csv_bad);
    assert!(
        text.contains("7 rows: 3 good, 4 refused; imported"),
        "{text}"
    );
    assert!(
        !out.status.success(),
        "the exit status still reports the refused rows"
    );
    assert_eq!(lab.changes(), before + 3);
    lab.assert_counts(52, 1, 3, "CSV good rows"); // DISNAKER has its first idea
    let pelatihan = lab.by_title(csv_good[0]);
    assert_eq!(pelatihan.fields.agency_id, lab.agency("DISNAKER"));
    assert_eq!(
        (
            pelatihan.fields.tahapan.as_str(),
            pelatihan.fields.jenis.as_str(),
            pelatihan.fields.bentuk.as_str()
        ),
        ("inisiatif", "non_digital", "pelayanan_publik")
    );
    assert_eq!(pelatihan.fields.lab_day, Some(2));
    assert_eq!(pelatihan.fields.trial_date, "2027-03-01");
    assert_eq!(pelatihan.fields.tags, ["kerja", "pelatihan"]);
    assert_eq!(
        lab.by_title(csv_good[1]).fields.agency_id,
        lab.agency("DISHUB"),
        "found by short name"
    );
    assert_eq!(
        lab.by_title(csv_good[2]).fields.agency_id,
        lab.agency("KEC-CIBEBER"),
        "found by full name"
    );
    for bad in [
        "Ide dari Dinas yang Tidak Ada",
        "Puskesmas Ramah Lansia",
        "Kartu Lansia Sejahtera",
    ] {
        assert!(!lab.titles().contains(bad), "{bad} was refused");
    }
    let history = store.history(&pelatihan.id).unwrap();
    assert_eq!(ops(&history), [ChangeOp::Create]);
    assert_stamped_in_order(&history, &installation);
    // The same file again: the good rows are duplicates now; nothing more is written.
    let out = cli(&db, &["import-ideas", "--skip-refused", csv_path]);
    assert!(stdout(&out).contains("7 rows: 0 good, 7 refused; NOTHING imported"));
    assert_eq!(lab.changes(), before + 3);

    healthy(&store, "before step 9");
    // 9. Ideas from an XLSX workbook: real date and number cells, and bad rows.
    use XCell::{Date, Empty, Number, Text};
    let book = xlsx(&[
        vec![
            Text("Kode OPD"),
            Text("Judul"),
            Text("Permasalahan"),
            Text("Tahapan Inovasi"),
            Text("Jenis Inovasi"),
            Text("Hari ke"),
            Text("Waktu Penerapan"),
            Text("Kata Kunci"),
            Text("Catatan Fasilitator"),
        ],
        vec![
            Text("BAPENDA"),
            Text("Pajak Daerah dalam Satu Aplikasi"),
            Text("Wajib pajak harus datang ke kantor"),
            Text("Penerapan"),
            Text("digital"),
            Number(3.0),
            Date(2027, 7, 1),
            Text("pajak; aplikasi"),
            Text("dipresentasikan hari ke-3"),
        ],
        vec![
            Text("DLH"),
            Empty,
            Text("Tanpa judul"),
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
        ],
        vec![
            Text("BPOM"),
            Text("Pengawasan Obat Keliling"),
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
        ],
        vec![
            Text("DISPUSIP"),
            Text("Pojok Baca Digital"),
            Empty,
            Empty,
            Empty,
            Empty,
            Text("2027-02-30"),
            Empty,
            Empty,
        ],
        vec![
            Text("KESBANGPOL"),
            Text("Forum Kerukunan Warga Daring"),
            Text("Konflik warga terlambat diketahui"),
            Text("inisiatif"),
            Text("Digital"),
            Number(1.0),
            Empty,
            Empty,
            Empty,
        ],
        // Already captured in step 3 for the same agency.
        vec![
            Text("DINKES"),
            Text("antrean puskesmas daring"),
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
        ],
    ]);
    let xlsx_path = dir.path().join("ide-hari-3.xlsx");
    std::fs::write(&xlsx_path, &book).unwrap();
    let xlsx_path = xlsx_path.to_str().unwrap();
    let xlsx_bad = [
        (3, "title"),
        (4, "agencyId"),
        (5, "rolloutDate"),
        (7, "title"),
    ];

    let before = lab.changes();
    let out = cli(&db, &["import-ideas", xlsx_path]);
    let text = stdout(&out);
    assert!(!out.status.success());
    assert_report(&text, &xlsx_bad);
    assert!(
        text.contains("already has an idea with this title"),
        "{text}"
    );
    assert!(
        text.contains("columns not used: Catatan Fasilitator"),
        "{text}"
    );
    assert!(
        text.contains("6 rows: 2 good, 4 refused; NOTHING imported"),
        "{text}"
    );
    assert_eq!(lab.changes(), before);

    let out = cli(&db, &["import-ideas", "--dry-run", xlsx_path]);
    assert_report(&stdout(&out), &xlsx_bad);
    assert_eq!(lab.changes(), before, "a dry run writes nothing");
    lab.assert_counts(52, 1, 3, "refused XLSX");

    let out = cli(&db, &["import-ideas", "--skip-refused", xlsx_path]);
    assert!(stdout(&out).contains("6 rows: 2 good, 4 refused; imported"));
    assert_eq!(lab.changes(), before + 2);
    let pajak = lab.by_title("Pajak Daerah dalam Satu Aplikasi");
    assert_eq!(
        pajak.fields.rollout_date, "2027-07-01",
        "an Excel date cell"
    );
    assert_eq!(pajak.fields.lab_day, Some(3), "an Excel number cell");
    assert_eq!(pajak.fields.tahapan, "penerapan");
    assert_eq!(pajak.fields.tags, ["pajak", "aplikasi"]);
    assert_eq!(
        lab.by_title("Forum Kerukunan Warga Daring")
            .fields
            .agency_id,
        lab.agency("KESBANGPOL")
    );

    healthy(&store, "before step 10");
    // 10. The end: 54 live ideas, one in the trash, two agencies still without an idea.
    lab.assert_counts(54, 1, 2, "the end");
    let board = store.board(&lab.id).unwrap();
    let empty: Vec<&str> = board
        .groups
        .iter()
        .filter(|g| g.ideas.is_empty())
        .map(|g| g.agency.code.as_str())
        .collect();
    assert_eq!(empty, WITHOUT_IDEA_AT_THE_END);
    let listed = lab.cli_list();
    assert_eq!(listed.len(), 54);
    let ids: HashSet<&str> = listed.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 54);
    // lab 1 + agencies 37 + captured 50 + edits 4 + trash 3 + merge 2 + undo 2 + imports 5.
    assert_eq!(lab.changes(), 104);
    healthy(&store, "the end");
}

/// The morning of the lab: a corrected roster imported again into the demo lab, through
/// the CLI. A name changed, one agency added, one bad row, one agency left out: the report
/// says which row is which, the exit status says a row was refused, and only the good
/// rows are written (with their history).
#[test]
fn a_corrected_roster_imported_again_reports_each_row_and_updates_the_lab() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("labinov.db");
    cli_ok(&db, &["demo"]);
    let store = Store::open(&db).unwrap();
    let lab = store.default_lab().unwrap().id;
    let before = store.change_count().unwrap();

    // The sample roster again: all unchanged, exit 0, nothing written.
    let roster = roster_path();
    let out = cli(&db, &["import-agencies", roster.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains(
        "good rows: 0 new, 0 changed, 37 unchanged\n37 rows: 37 good, 0 refused; nothing to change"
    ));
    assert_eq!(store.change_count().unwrap(), before);

    let sample = std::fs::read_to_string(&roster).unwrap();
    let corrected = sample
        .replace(
            "DINKES,Dinas Kesehatan,Dinkes,Dinas",
            "dinkes ,Dinas Kesehatan Kota Cilegon,Dinkes,Dinas",
        )
        .replace("RSUD,Rumah Sakit Umum Daerah,RSUD,Rumah Sakit\n", "")
        + "BRIDA,Badan Riset dan Inovasi Daerah,BRIDA,Badan\nBARU,,Baru,Dinas\n";
    let path = dir.path().join("opd-perbaikan.csv");
    std::fs::write(&path, corrected).unwrap();
    let path = path.to_str().unwrap();

    let out = cli(&db, &["import-agencies", "--preview", path]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "a refused row: exit 1\n{text}");
    let lines = report_lines(&text);
    assert_eq!(lines.len(), 38, "one line per row:\n{text}");
    let line = |n: u32| lines.iter().find(|(l, _)| *l == n).unwrap().1.as_str();
    assert_eq!(
        line(12),
        "line 12 \"Dinas Kesehatan Kota Cilegon\": changed: name \"Dinas Kesehatan\" -> \"Dinas Kesehatan Kota Cilegon\""
    );
    assert_eq!(line(38), "line 38 \"Badan Riset dan Inovasi Daerah\": new");
    assert_eq!(line(39), "line 39 \"BARU\": name: is required");
    assert_eq!(line(2), "line 2 \"Sekretariat Daerah\": unchanged");
    assert!(
        text.contains("not in the file, left as they are (1): Rumah Sakit Umum Daerah (RSUD)"),
        "{text}"
    );
    assert!(
        text.contains("good rows: 1 new, 1 changed, 35 unchanged\n38 rows: 37 good, 1 refused; checked (dry run, nothing imported)"),
        "{text}"
    );
    assert_eq!(
        store.change_count().unwrap(),
        before,
        "a preview writes nothing"
    );

    // All or nothing: refused, nothing written.
    let out = cli(&db, &["import-agencies", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("38 rows: 37 good, 1 refused; NOTHING imported"));
    assert_eq!(store.change_count().unwrap(), before);

    // The good rows: one update, one new agency; RSUD stays; exit 1 still says a row
    // was refused.
    let out = cli(&db, &["import-agencies", "--skip-refused", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(
        "good rows: 1 new, 1 changed, 35 unchanged\n38 rows: 37 good, 1 refused; imported"
    ));
    assert_eq!(store.change_count().unwrap(), before + 2);
    let agencies = store.list_agencies(&lab).unwrap();
    assert_eq!(agencies.len(), 38);
    let dinkes = agencies.iter().find(|a| a.code == "DINKES").unwrap();
    assert_eq!(dinkes.name, "Dinas Kesehatan Kota Cilegon");
    assert!(agencies
        .iter()
        .any(|a| a.code == "RSUD" && a.retired_at.is_none()));
    let history = store.history(&dinkes.id).unwrap();
    assert_eq!(ops(&history), [ChangeOp::Create, ChangeOp::Update]);
    assert_eq!(
        history[1].changes,
        json!({"name": {"old": "Dinas Kesehatan", "new": "Dinas Kesehatan Kota Cilegon"}})
    );
}
