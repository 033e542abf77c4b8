//! The demo lab: the sample roster and 50 plausible ideas, for first starts and tests.
//!
//! The ideas are invented but read like a real Executive Laboratorium Inovasi: each agency
//! head proposes a change to a service their agency runs. Two agencies (Kecamatan Jombang and Purwakarta) are left without
//! an idea so the board's "no idea yet" list has something to show; eight ideas are
//! shortlisted, the rest captured. The lab has its attendance (daftar hadir) ticked and
//! its activity report settings filled in, so the activity report shows them, and a small
//! follow-up for three ideas (`demo/followup.rs`).

mod archive;
mod followup;
pub use archive::create_demo_archive;
pub use followup::DEMO_EVIDENCE_FILE;

use crate::error::Result;
use crate::model::{
    AgendaInput, AttendanceInput, IdeaInput, ImportMode, Lab, NewLab, PersonInput, PersonRole,
    ReportSettings,
};
use crate::roster::{SAMPLE_ROSTER_CSV, SAMPLE_ROSTER_FILE};
use crate::store::Store;

/// (agency code, title, problem, description)
const IDEAS: &[(&str, &str, &str, &str)] = &[
    ("SETDA", "SIGAP: Sistem Informasi Agenda Pimpinan Terpadu", "Jadwal pimpinan sering bentrok karena undangan dicatat di beberapa buku agenda.", "Satu kalender bersama untuk pimpinan dan OPD, dengan notifikasi WhatsApp untuk perubahan jadwal."),
    ("SETDA", "Naskah Dinas Tanpa Kertas (NADIKA)", "Surat dinas berjalan lambat karena harus diparaf manual di setiap meja.", "Tata naskah dinas elektronik dengan tanda tangan elektronik tersertifikasi BSrE."),
    ("SETWAN", "Rumah Aspirasi Digital DPRD", "Aspirasi warga saat reses tercatat di kertas dan sulit ditindaklanjuti.", "Formulir aspirasi daring yang terhubung ke pokok-pokok pikiran DPRD dan dapat dilacak warga."),
    ("INSP", "Klinik Konsultasi Pengadaan (KLIK PBJ)", "Temuan pemeriksaan berulang pada pengadaan barang dan jasa di OPD.", "Layanan konsultasi terjadwal bagi PPK sebelum kontrak ditandatangani, dengan daftar periksa risiko."),
    ("BAPPEDA", "Dasbor Indikator Kinerja Daerah (DIKDA)", "Data capaian RPJMD tersebar di 37 OPD dan terlambat dikompilasi.", "Dasbor bersama yang diisi OPD tiap triwulan dan menampilkan capaian indikator secara langsung."),
    ("BAPPEDA", "Musrenbang Warga Daring (MUSRENWA)", "Usulan musrenbang kelurahan hilang di tengah jalan dan warga tidak tahu nasibnya.", "Usulan dicatat sejak tingkat RT dan statusnya dapat dipantau hingga penetapan APBD."),
    ("BKPSDM", "Layanan Kenaikan Pangkat Tanpa Antre (LAKSANA)", "ASN harus datang berkali-kali membawa berkas kenaikan pangkat.", "Unggah berkas sekali, verifikasi daring, dan pemberitahuan status melalui pesan singkat."),
    ("BKPSDM", "ASN Belajar 20 Jam (ABJ-20)", "Pemenuhan 20 jam pelajaran pengembangan kompetensi ASN tidak terpantau.", "Katalog pelatihan mandiri dan pencatatan jam pelajaran otomatis per ASN."),
    ("BPKAD", "Aset Terlacak dengan Kode QR (ASTRA)", "Barang milik daerah sering tidak ditemukan saat inventarisasi.", "Setiap aset diberi kode QR; pemindaian mencatat lokasi, kondisi dan pemegang."),
    ("BAPENDA", "Bayar PBB dari Warung (BAPER)", "Warga di pinggiran kota enggan ke bank hanya untuk membayar PBB.", "Kerja sama dengan agen laku pandai dan warung agar PBB bisa dibayar di dekat rumah."),
    ("BAPENDA", "Pajak Restoran Tercatat Otomatis (PARTO)", "Omzet restoran yang dilaporkan lebih kecil dari kenyataan.", "Alat perekam transaksi di kasir restoran yang terhubung ke sistem pajak daerah."),
    ("BPBD", "Peringatan Dini Banjir Berbasis Warga (PEDULI BANJIR)", "Informasi kenaikan air sungai terlambat sampai ke warga bantaran.", "Sensor ketinggian air sederhana dan grup relawan RT yang meneruskan peringatan."),
    ("KESBANGPOL", "Peta Rawan Konflik Sosial (PETAKA)", "Potensi konflik sosial terlambat terdeteksi.", "Pelaporan cepat dari kelurahan dan forum kewaspadaan dini yang dipetakan per wilayah."),
    ("DINDIKBUD", "Sekolah Ramah Anak Tanpa Perundungan (SERASI)", "Kasus perundungan di sekolah tidak dilaporkan karena siswa takut.", "Kanal pelaporan anonim untuk siswa dan tim penanganan di setiap sekolah."),
    ("DINDIKBUD", "Pendaftaran Sekolah Satu Pintu (PESONA)", "Orang tua antre sejak subuh saat penerimaan peserta didik baru.", "Pendaftaran daring dengan zonasi otomatis dan posko bantuan di kelurahan."),
    ("DINKES", "Posyandu Digital Cegah Stunting (POSDIGI)", "Data tumbuh kembang balita dicatat di buku dan terlambat sampai ke puskesmas.", "Kader posyandu mencatat berat dan tinggi badan di aplikasi; balita berisiko langsung ditandai."),
    ("DINKES", "Antrean Puskesmas dari Rumah (ANTAR)", "Antrean panjang di puskesmas sejak pagi.", "Ambil nomor antrean dari rumah dan pantau giliran melalui pesan singkat."),
    ("DPUPR", "Lapor Jalan Rusak 1x24 Jam (LAJU)", "Jalan berlubang lama diperbaiki karena laporan tidak sampai ke bidang terkait.", "Warga memotret lubang jalan; laporan terpetakan dan tim reaksi cepat menambal dalam 24 jam."),
    ("DPUPR", "Izin PBG Terpandu (IZIN KITA)", "Pemohon persetujuan bangunan gedung bingung dengan persyaratan teknis.", "Pendampingan teknis daring dan daftar periksa dokumen sebelum pengajuan."),
    ("DPKP", "Rumah Layak Huni Terpadu (RUMAH KITA)", "Data rumah tidak layak huni berbeda antara dinas dan kelurahan.", "Satu basis data by-name by-address yang diverifikasi bersama kelurahan."),
    ("SATPOLPP", "Penertiban Humanis dengan Dialog (PENA)", "Penertiban pedagang kaki lima sering berujung bentrok.", "Pendekatan dialog, relokasi terjadwal dan pendampingan usaha bersama DKUKM."),
    ("DINSOS", "Bansos Tepat Sasaran (BANTAS)", "Penerima bantuan sosial tidak sesuai kondisi terkini.", "Verifikasi lapangan oleh pendamping dengan foto dan titik lokasi, diperbarui tiap semester."),
    ("DINSOS", "Layanan Disabilitas Jemput Bola (LADJU)", "Penyandang disabilitas sulit datang ke kantor untuk layanan administrasi.", "Petugas mendatangi rumah untuk pendataan dan penerbitan kartu disabilitas."),
    ("DISNAKER", "Bursa Kerja Lokal Daring (BURSAKU)", "Industri sulit menemukan tenaga kerja lokal yang sesuai.", "Portal lowongan yang mencocokkan keterampilan pencari kerja dengan kebutuhan industri."),
    ("DLH", "Bank Sampah Digital (BASADI)", "Sampah rumah tangga belum terpilah dan nilai ekonominya hilang.", "Tabungan sampah tercatat di aplikasi, dapat ditukar dengan pembayaran PBB atau listrik."),
    ("DLH", "Uji Emisi Keliling (UJEMIL)", "Kualitas udara menurun di kawasan industri.", "Uji emisi kendaraan gratis berkeliling kelurahan dengan stiker lulus uji."),
    ("DISDUKCAPIL", "Akta Kelahiran Langsung dari Rumah Sakit (AKRAB)", "Bayi baru lahir terlambat mendapat akta kelahiran.", "Akta, KK dan KIA diterbitkan sebelum ibu dan bayi pulang dari rumah sakit."),
    ("DISDUKCAPIL", "Adminduk Malam Hari (ADEM)", "Pekerja tidak bisa mengurus dokumen kependudukan di jam kerja.", "Layanan dokumen kependudukan dibuka hingga pukul 21.00 dua kali seminggu."),
    ("DP3AP2KB", "Ruang Aman Perempuan dan Anak (RUANG AMAN)", "Korban kekerasan tidak tahu ke mana melapor.", "Layanan pengaduan 24 jam dengan pendampingan hukum dan psikologis."),
    ("DISHUB", "Angkot Pintar Terjadwal (ANTARA)", "Warga menunggu angkutan kota tanpa kepastian waktu.", "Pelacak posisi angkot dan jadwal kedatangan di halte utama."),
    ("DISHUB", "Parkir Nontunai (PARKIRKU)", "Retribusi parkir bocor karena pembayaran tunai.", "Pembayaran parkir dengan kode QR dan juru parkir bergaji tetap."),
    ("DISKOMINFO", "Satu Data Kota (SADAKO)", "Setiap OPD mempunyai data sendiri yang tidak saling terhubung.", "Portal satu data dengan standar metadata dan wali data di tiap OPD."),
    ("DISKOMINFO", "Wi-Fi Publik untuk Belajar (WIFI BELAJAR)", "Siswa di permukiman padat tidak punya akses internet.", "Titik Wi-Fi gratis di balai warga dan taman baca dengan jam belajar."),
    ("DKUKM", "Kurasi Produk UMKM Naik Kelas (KURASI)", "Produk UMKM belum memenuhi standar ritel modern.", "Pendampingan kemasan, perizinan dan sertifikasi halal, lalu kurasi ke gerai modern."),
    ("DPMPTSP", "Perizinan Berusaha Dijemput (PERIZINAN JEMPUT)", "Pelaku usaha mikro tidak mengurus NIB karena dianggap rumit.", "Petugas mendatangi pasar dan sentra usaha untuk menerbitkan NIB di tempat."),
    ("DPMPTSP", "Mal Pelayanan Publik Mini di Kecamatan (MPP MINI)", "Warga harus ke pusat kota untuk layanan perizinan.", "Gerai layanan terpadu di kantor kecamatan dengan layanan lintas OPD."),
    ("DISPORAPAR", "Kalender Wisata dan Event Kota (KAWAN)", "Wisatawan tidak mengetahui agenda acara di kota.", "Kalender acara bersama yang diisi penyelenggara dan dipromosikan lewat media sosial."),
    ("DISPUSIP", "Perpustakaan Keliling ke Sekolah (PUSLING)", "Minat baca anak rendah di sekolah tanpa perpustakaan.", "Mobil perpustakaan terjadwal dan pinjam buku digital dengan kartu pelajar."),
    ("DISPUSIP", "Arsip Dinas Digital (ARDIGI)", "Arsip penting rusak dan sulit dicari saat dibutuhkan.", "Alih media arsip vital dan pencarian arsip berbasis kata kunci."),
    ("DKPP", "Pekarangan Pangan Lestari (P2L Kota)", "Ketergantungan pangan dari luar daerah tinggi.", "Kelompok wanita tani mengelola pekarangan dengan bibit dan pendampingan penyuluh."),
    ("DISPERINDAG", "Harga Pasar Hari Ini (HARPA)", "Warga dan pedagang tidak mendapat informasi harga bahan pokok yang akurat.", "Pemantauan harga harian di pasar induk yang diumumkan di papan digital dan daring."),
    ("DPMK", "Kelurahan Tanggap Aduan (KETAN)", "Aduan warga di kelurahan tidak tercatat dan tidak ada batas waktu penyelesaian.", "Buku aduan elektronik dengan standar waktu tanggapan dan rekap bulanan."),
    ("RSUD", "Resep Obat Diantar (REDI)", "Pasien lansia lama menunggu obat di farmasi rumah sakit.", "Obat pasien kontrol rutin diantar ke rumah oleh kurir rumah sakit."),
    ("RSUD", "Informasi Tempat Tidur Real-time (SIRANJANG)", "Keluarga pasien tidak tahu ketersediaan kamar rawat inap.", "Papan informasi ketersediaan tempat tidur yang diperbarui setiap pergantian jaga."),
    ("KEC-CIBEBER", "Kecamatan Tanpa Pungli (KETAN PULI)", "Warga ragu atas biaya layanan administrasi di kecamatan.", "Daftar biaya dan waktu layanan dipampang, dengan survei kepuasan di setiap loket."),
    ("KEC-CILEGON", "Posyandu Lansia Terpadu (POLITA)", "Lansia di kecamatan jarang memeriksakan kesehatan.", "Posyandu lansia bulanan dengan senam, cek tekanan darah dan gula darah."),
    ("KEC-CITANGKIL", "Gerakan Kampung Bersih (GAMBIR)", "Sampah menumpuk di saluran air saat musim hujan.", "Lomba kebersihan antar-RW dan jadwal kerja bakti yang dicatat."),
    ("KEC-CIWANDAN", "Layanan Administrasi Keliling Kampung (LAKI)", "Warga di wilayah jauh kesulitan mencapai kantor kecamatan.", "Petugas kecamatan membuka layanan di balai RW secara bergilir."),
    ("KEC-GROGOL", "Ruang Kreatif Pemuda (RUPA)", "Pemuda tidak memiliki ruang kegiatan positif.", "Pemanfaatan aset kecamatan sebagai ruang kreatif dan pelatihan keterampilan."),
    ("KEC-PULOMERAK", "Wisata Bahari Berbasis Warga (WIBAWA)", "Potensi wisata pantai belum dikelola masyarakat.", "Kelompok sadar wisata mengelola paket wisata pantai dengan pendampingan."),
];

const PROPOSERS: &[&str] = &[
    "Drs. H. Ahmad Syahrudin, M.Si.",
    "Dr. Rina Marlina, S.E., M.M.",
    "Ir. Budi Santoso, M.T.",
    "Hj. Siti Nurhalimah, S.Sos.",
    "Dedi Kurniawan, S.STP., M.Si.",
    "dr. Yuliana Permatasari, M.Kes.",
    "Agus Salim, S.H., M.H.",
    "Nurul Hidayah, S.Pd., M.Pd.",
    "H. Muhammad Ridwan, S.IP.",
    "Tb. Fajar Maulana, S.T.",
];

const BENEFITS: &[&str] = &[
    "mempersingkat_waktu",
    "memberikan_kemudahan",
    "memangkas_birokrasi",
    "menurunkan_biaya",
];

fn looks_digital(title: &str, description: &str) -> bool {
    let text = format!("{title} {description}").to_lowercase();
    [
        "digital",
        "daring",
        "aplikasi",
        "portal",
        "dasbor",
        "qr",
        "elektronik",
        "sensor",
        "wi-fi",
        "pesan singkat",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// What the head of an agency is called: most are "Kepala ...", some have titles of
/// their own.
fn head_title(code: &str, name: &str) -> String {
    match code {
        "SETDA" => "Sekretaris Daerah".into(),
        "SETWAN" => "Sekretaris DPRD".into(),
        "INSP" => "Inspektur".into(),
        "RSUD" => format!("Direktur {name}"),
        _ => match name.strip_prefix("Kecamatan ") {
            Some(place) => format!("Camat {place}"),
            None => format!("Kepala {name}"),
        },
    }
}

/// Creates the demo lab with the sample roster and its 50 ideas, all in the store's change
/// log like any other lab, and a few months of follow-up for three of them.
pub fn create_demo_lab(store: &Store) -> Result<Lab> {
    let lab = create_demo_lab_at_lab_end(store)?;
    let agencies = store.list_agencies(&lab.id)?;
    followup::add_demo_followup(store, &lab, &agencies)?;
    Ok(lab)
}

/// The demo lab as it stands when its three days end: everything [`create_demo_lab`]
/// makes but the follow-up (`labinov demo --at-lab-end`: the months after the lab start
/// from nothing).
pub fn create_demo_lab_at_lab_end(store: &Store) -> Result<Lab> {
    let lab = store.create_lab(NewLab {
        name: "Executive Laboratorium Inovasi (Demo)".into(),
        organiser: "Bappedalitbang Kota Cilegon".into(),
        city: "Kota Cilegon".into(),
        venue: "Aula Bappedalitbang".into(),
        start_date: "2026-11-02".into(),
        days: 3,
        idea_target: 50,
        time_zone: Some("Asia/Jakarta".into()),
    })?;
    let report = store.import_agencies(
        &lab.id,
        SAMPLE_ROSTER_FILE,
        SAMPLE_ROSTER_CSV.as_bytes(),
        ImportMode::AllOrNothing,
    )?;
    debug_assert!(
        report.applied,
        "the sample roster imports as is: {report:?}"
    );
    let agencies = store.list_agencies(&lab.id)?;
    for (i, (code, title, problem, description)) in IDEAS.iter().enumerate() {
        let agency = agencies
            .iter()
            .find(|a| a.code == *code)
            .unwrap_or_else(|| panic!("demo idea for unknown agency {code}"));
        store.add_idea(
            &lab.id,
            IdeaInput {
                agency_id: agency.id.clone(),
                title: (*title).into(),
                proposer_name: PROPOSERS[i % PROPOSERS.len()].into(),
                proposer_position: head_title(&agency.code, &agency.name),
                problem: (*problem).into(),
                description: (*description).into(),
                // Ideas arrive over the three days, from the diagnose and design sessions.
                lab_day: Some(1 + (i as u32 * 3) / IDEAS.len() as u32),
                stage: if i < 20 { "diagnose" } else { "design" }.into(),
                tahapan: "inisiatif".into(),
                inisiator: "opd".into(),
                jenis: if looks_digital(title, description) {
                    "digital"
                } else {
                    "non_digital"
                }
                .into(),
                bentuk: if agency.group == "Sekretariat" || agency.group == "Inspektorat" {
                    "tata_kelola"
                } else {
                    "pelayanan_publik"
                }
                .into(),
                benefit_types: vec![BENEFITS[i % BENEFITS.len()].into()],
                // Eight ideas (every sixth, from the third) already made the shortlist,
                // so the board's status view has two columns with cards.
                status: if i % 6 == 2 {
                    "shortlisted"
                } else {
                    "captured"
                }
                .into(),
                ..Default::default()
            },
        )?;
    }
    for (day, starts_at, ends_at, title, stage) in AGENDA {
        store.add_session(
            &lab.id,
            AgendaInput {
                day: *day,
                starts_at: (*starts_at).into(),
                ends_at: (*ends_at).into(),
                title: (*title).into(),
                stage: (*stage).into(),
            },
        )?;
    }
    let mut team = Vec::new();
    for (name, position, role) in TEAM {
        team.push(store.add_person(
            &lab.id,
            PersonInput {
                agency_id: None,
                name: (*name).into(),
                position: (*position).into(),
                role: *role,
            },
        )?);
    }
    demo_attendance(store, &lab, &agencies, &team)?;
    store.set_report_settings(&lab.id, demo_report_settings())?;
    Ok(lab)
}

/// The daftar hadir of the demo lab, in one transaction: the heads of agency are not on
/// the roster, so each is written in with their agency (a name of their own); most come
/// to every session, a few miss one or a whole day, and two agencies
/// never come. The team is on the roster: facilitators at every session, coaches from
/// the afternoon of day 1, the reviewer on day 3.
fn demo_attendance(
    store: &Store,
    lab: &Lab,
    agencies: &[crate::model::Agency],
    team: &[crate::model::Person],
) -> Result<()> {
    let agenda = store.agenda(&lab.id)?;
    let ideas = store.list_ideas(&lab.id)?;
    store.write(|tx| {
        for (s, session) in agenda.iter().enumerate() {
            for (i, agency) in agencies.iter().enumerate() {
                if !ideas.iter().any(|x| x.fields.agency_id == agency.id) {
                    continue;
                }
                // Absent: every 13th agency on day 2, and now and then one session.
                let away = (agency.code.len() + i) % 13 == 0 && session.day == 2
                    || (i * 7 + s * 3) % 17 == 0;
                if away {
                    continue;
                }
                // The head of each agency has a name of their own (the ideas' proposer
                // names repeat across agencies).
                tx.set_attendance(
                    &session.id,
                    &AttendanceInput {
                        name: format!(
                            "{} {}",
                            GIVEN_NAMES[i % GIVEN_NAMES.len()],
                            FAMILY_NAMES[(i / GIVEN_NAMES.len()) % FAMILY_NAMES.len()]
                        ),
                        agency_id: Some(agency.id.clone()),
                        present: true,
                        ..Default::default()
                    },
                )?;
            }
            for p in team {
                let here = match p.role {
                    PersonRole::Facilitator => true,
                    PersonRole::Coach => s >= 2,
                    _ => session.day == 3,
                };
                if here {
                    tx.set_attendance(
                        &session.id,
                        &AttendanceInput {
                            person_id: Some(p.id.clone()),
                            present: true,
                            ..Default::default()
                        },
                    )?;
                }
            }
        }
        Ok(())
    })
}

/// Names of the heads of agency in the daftar hadir: 12 × 4 different ones.
const GIVEN_NAMES: [&str; 12] = [
    "Ahmad", "Siti", "Budi", "Dewi", "Eko", "Fitri", "Hendra", "Indah", "Joko", "Kartika",
    "Lukman", "Maya",
];
const FAMILY_NAMES: [&str; 4] = ["Saputra", "Lestari", "Hidayat", "Wulandari"];

fn demo_report_settings() -> ReportSettings {
    ReportSettings {
        basis: "1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;\n\
                2. Peraturan Pemerintah Nomor 38 Tahun 2017 tentang Inovasi Daerah;\n\
                3. Peraturan Wali Kota Cilegon tentang Inovasi Daerah;\n\
                4. Surat Tugas Kepala Bappedalitbang Kota Cilegon."
            .into(),
        purpose: "Maksud kegiatan ini adalah menumbuhkan budaya kerja inovatif di perangkat \
                  daerah. Tujuannya: memfasilitasi dan mendampingi kepala perangkat daerah \
                  merumuskan ide inovasi, membangun kolaborasi antarperangkat daerah, dan \
                  menyebarluaskan hasilnya kepada pemangku kepentingan dan masyarakat."
            .into(),
        follow_up: "1. Setiap perangkat daerah menyusun rencana aksi ide inovasinya paling lambat \
                    satu bulan setelah kegiatan.\n\
                    2. Bappedalitbang mendampingi uji coba ide yang masuk daftar pendek.\n\
                    3. Hasil dipamerkan dalam Galeri Inovasi Kota pada bulan Mei."
            .into(),
        signer_name: "Ir. Bambang Sutrisno, M.T.".into(),
        signer_position: "Kepala Bappedalitbang Kota Cilegon".into(),
        signer_nip: "197204151998031006".into(),
        sign_place: "Cilegon".into(),
        sign_date: "2026-11-04".into(),
    }
}

/// Three days of an executive lab: drum-up and diagnose, then design, then pitches.
const AGENDA: &[(u32, &str, &str, &str, &str)] = &[
    (
        1,
        "08:00",
        "09:30",
        "Pembukaan dan arahan Wali Kota",
        "drum_up",
    ),
    (
        1,
        "09:30",
        "12:00",
        "Kesiapan berinovasi dan daftar masalah",
        "diagnose",
    ),
    (
        1,
        "13:00",
        "16:00",
        "Prioritas masalah dan ide inovasi",
        "diagnose",
    ),
    (
        2,
        "08:00",
        "12:00",
        "Merancang inovasi bersama coach",
        "design",
    ),
    (2, "13:00", "16:00", "Rencana aksi per ide", "design"),
    (
        3,
        "08:00",
        "12:00",
        "Pitching ide kepala OPD dan review",
        "design",
    ),
    (
        3,
        "13:00",
        "15:00",
        "Penutupan dan dokumentasi",
        "dokumentasi",
    ),
];

const TEAM: &[(&str, &str, PersonRole)] = &[
    (
        "Rahmat Hidayat, S.Sos., M.Si.",
        "Kepala Bidang Litbang",
        PersonRole::Facilitator,
    ),
    (
        "Siti Nurjanah, S.E.",
        "Analis Kebijakan",
        PersonRole::Facilitator,
    ),
    ("Dr. Andi Wijaya", "Coach Inovasi LAN RI", PersonRole::Coach),
    (
        "Maya Kartika, M.P.A.",
        "Coach Inovasi LAN RI",
        PersonRole::Coach,
    ),
    (
        "Prof. Dr. Hendra Gunawan",
        "Reviewer senior",
        PersonRole::Reviewer,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_ideas_with_some_agencies_left_empty() {
        assert_eq!(IDEAS.len(), 50);
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("demo.db")).unwrap();
        let lab = create_demo_lab(&store).unwrap();
        let board = store.board(&lab.id).unwrap();
        assert_eq!(board.idea_count, 50);
        assert_eq!(board.groups.len(), 37);
        assert_eq!(board.agencies_without_idea, 2);
        let ideas = store.list_ideas(&lab.id).unwrap();
        let shortlisted = ideas
            .iter()
            .filter(|i| i.fields.status == "shortlisted")
            .count();
        assert_eq!(shortlisted, 8, "the rest are captured");
        assert!(ideas
            .iter()
            .all(|i| ["captured", "shortlisted"].contains(&i.fields.status.as_str())));
        let agenda = store.agenda(&lab.id).unwrap();
        assert_eq!(agenda.len(), 7);
        assert!(agenda.iter().any(|s| s.day == 3 && s.stage == "design"));
        assert_eq!(store.list_people(&lab.id).unwrap().len(), 5);
        // Attendance: the heads of the 35 agencies with an idea and the team of five.
        let counts = store.attendance_counts(&lab.id).unwrap();
        assert_eq!(counts.agencies_present, 35);
        assert_eq!(counts.per_session.len(), 7);
        assert!(counts.per_session.iter().all(|s| s.present > 30));
        assert!(counts.per_day[1].people < counts.per_day[0].people);
        assert_eq!(counts.people, 35 + 5);
        let settings = store.report_settings(&lab.id).unwrap();
        assert_eq!(settings.signer_nip.len(), 18);
        assert!(settings.basis.contains("38 Tahun 2017"));
        let dinkes = board
            .groups
            .iter()
            .find(|g| g.agency.code == "DINKES")
            .unwrap();
        assert_eq!(
            dinkes.ideas[0].fields.proposer_position,
            "Kepala Dinas Kesehatan"
        );
    }
}
