//! The fields of an idea, said once.
//!
//! [`idea_fields!`] below lists every field an idea has, one row each: its Rust name and
//! type (the SQL column has the same name), the name the UI, the change log and the merge
//! registers use, its kind, option list, section of the capture form, export header (id,
//! en) and the import headers it is recognised by. From that one list come:
//!
//! - the struct [`IdeaInput`] (and so its TypeScript twin);
//! - [`IDEA_FIELDS`], the table the rest reads: the row mapping and the `SELECT` list
//!   (`store/capture/ideas.rs`, columns read by name), validation (`clean_fields`, through
//!   `validate.rs`), the merge registers (`store/sync/spec.rs`), the export columns and the
//!   report's field lists (`export/data.rs`, `labinov-render`), the import's header map
//!   (`store/setup/import.rs`), and the UI's field list (`ui/src/bindings/ideaFieldTable.ts`,
//!   written by [`crate::bindings`]).
//!
//! The table's order is the export order (the official innovation form's, then what the lab
//! adds). Adding a field is one row here plus a migration (`store/migrations/`) that adds
//! its column, and its labels in the UI's catalogue (`field.<key>`).

use rusqlite::types::Value as SqlValue;
use rusqlite::Row;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::validate::{MAX_LINE, MAX_TEXT};

/// What a field holds, which decides how it is stored, checked, shown and typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum FieldKind {
    /// The agency (OPD) id; exported as the agency's code and name.
    Agency,
    /// One line of text.
    Line,
    /// Several lines of text.
    Text,
    /// `YYYY-MM-DD` or empty.
    Date,
    /// One option code of the field's list, or empty.
    Code,
    /// Option codes of the field's list (stored as a JSON array).
    Codes,
    /// A lab day from 1, or none.
    Day,
    /// Free tags (stored as a JSON array).
    Tags,
}

impl FieldKind {
    /// The longest value, in characters (per tag for tags), if the kind has a limit.
    pub const fn max_len(self) -> Option<usize> {
        match self {
            FieldKind::Line | FieldKind::Agency => Some(MAX_LINE),
            FieldKind::Text => Some(MAX_TEXT),
            FieldKind::Tags => Some(MAX_TAG_LEN),
            FieldKind::Date => Some(10),
            FieldKind::Code | FieldKind::Codes | FieldKind::Day => None,
        }
    }

    /// The column's value in a database written before the field existed (its migration's
    /// `DEFAULT`), as an SQL expression.
    pub const fn sql_default(self) -> &'static str {
        match self {
            FieldKind::Codes | FieldKind::Tags => "'[]'",
            FieldKind::Day => "NULL",
            _ => "''",
        }
    }
}

/// Longest tag, in characters.
pub const MAX_TAG_LEN: usize = 60;
/// Most tags an idea may carry.
pub const MAX_TAGS: usize = 30;

/// The option lists a field can draw from (`option_item.list`; the strings are stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OptionList {
    Stage,
    Tahapan,
    Inisiator,
    Jenis,
    Bentuk,
    Urusan,
    Tematik,
    Benefit,
    Status,
}

impl OptionList {
    /// The list's name as stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            OptionList::Stage => "stage",
            OptionList::Tahapan => "tahapan",
            OptionList::Inisiator => "inisiator",
            OptionList::Jenis => "jenis",
            OptionList::Bentuk => "bentuk",
            OptionList::Urusan => "urusan",
            OptionList::Tematik => "tematik",
            OptionList::Benefit => "benefit",
            OptionList::Status => "status",
        }
    }
}

/// Where the capture form shows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum FormSection {
    /// Always open: who, what, why.
    Main,
    /// The regional innovation form, behind a disclosure.
    Form,
    /// Benefit and tags, at the end of the disclosure.
    Benefit,
    /// Not on the form (set elsewhere, e.g. the status by the board).
    None,
}

/// Whether a field is shown to the public (the gallery, the posters) when the facilitator
/// has not decided otherwise for the lab. Contact details and what reviewers or the board
/// decide are private by default; the gallery cannot be drawn without a title and an
/// agency, so those always go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Publicity {
    /// Always public: the gallery is organised by it (the title, the agency).
    Always,
    /// Public unless the facilitator hides it.
    Public,
    /// Private unless the facilitator publishes it.
    Private,
}

impl Publicity {
    /// The choice when the lab has not made one.
    pub const fn default_public(self) -> bool {
        !matches!(self, Publicity::Private)
    }
}

/// One field of an idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    /// The name in `IdeaInput`'s JSON, the change log, the merge registers and refusals.
    pub key: &'static str,
    /// The SQL column of table `idea`.
    pub column: &'static str,
    pub kind: FieldKind,
    /// The option list, for `Code` and `Codes`.
    pub list: Option<OptionList>,
    pub required: bool,
    pub section: FormSection,
    /// Whether the field goes into the public gallery by default (the facilitator
    /// decides per lab, see `store/gallery.rs`).
    pub public: Publicity,
    /// Whether the UI catalogue has a hint under the field (`field.<key>Hint`).
    pub hint: bool,
    /// The exported column's header: Indonesian, English.
    pub header: (&'static str, &'static str),
    /// The import headers that mean this field (compared loosely, see `Table::column`).
    pub aliases: &'static [&'static str],
}

impl FieldDef {
    /// The longest value, in characters, if the kind has a limit.
    pub const fn max_len(&self) -> Option<usize> {
        self.kind.max_len()
    }

    /// The exported column's header in `lang`.
    pub fn header(&self, lang: crate::export::Lang) -> &'static str {
        match lang {
            crate::export::Lang::Id => self.header.0,
            crate::export::Lang::En => self.header.1,
        }
    }

    /// The option list's stored name, or "" for a field without one.
    pub fn list_name(&self) -> &'static str {
        self.list.map(OptionList::as_str).unwrap_or("")
    }
}

/// A field's value, borrowed from an [`IdeaInput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    Text(&'a str),
    List(&'a [String]),
    Day(Option<u32>),
}

/// How a field's Rust type goes to and from its SQL column.
pub(crate) trait SqlField: Sized {
    /// Reads the value at column `i` of the row.
    fn read(r: &Row<'_>, i: usize) -> rusqlite::Result<Self>;
    fn to_sql(&self) -> SqlValue;
    fn value(&self) -> FieldValue<'_>;
}

impl SqlField for String {
    fn read(r: &Row<'_>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn to_sql(&self) -> SqlValue {
        SqlValue::Text(self.clone())
    }
    fn value(&self) -> FieldValue<'_> {
        FieldValue::Text(self)
    }
}

impl SqlField for Vec<String> {
    fn read(r: &Row<'_>, i: usize) -> rusqlite::Result<Self> {
        let text: String = r.get(i)?;
        serde_json::from_str(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    }
    fn to_sql(&self) -> SqlValue {
        SqlValue::Text(serde_json::to_string(self).expect("a list of strings"))
    }
    fn value(&self) -> FieldValue<'_> {
        FieldValue::List(self)
    }
}

impl SqlField for Option<u32> {
    fn read(r: &Row<'_>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn to_sql(&self) -> SqlValue {
        self.map_or(SqlValue::Null, |d| SqlValue::Integer(d.into()))
    }
    fn value(&self) -> FieldValue<'_> {
        FieldValue::Day(*self)
    }
}

/// Cleans one field's value of a given Rust type (see `Tx::clean_fields`).
pub(crate) trait CleanField<T> {
    fn clean_field(&self, def: &FieldDef, value: T, old: Option<&T>) -> crate::Result<T>;
}

/// Declares [`IdeaInput`] and [`IDEA_FIELDS`] from one list of rows.
macro_rules! idea_fields {
    ($(
        $(#[doc = $doc:literal])*
        $field:ident: $ty:ty {
            key: $key:literal,
            kind: $kind:ident,
            $(list: $list:ident,)?
            $(required: $required:literal,)?
            section: $section:ident,
            public: $public:ident,
            $(hint: $hint:literal,)?
            header: ($hid:literal, $hen:literal),
            aliases: [$($alias:literal),* $(,)?] $(,)?
        }
    )*) => {
        /// The fields of an idea, from the regional innovation proposal form plus what the
        /// lab needs (declared with the field table, [`IDEA_FIELDS`]). Only `agencyId` and
        /// `title` are required. `Code` and `Codes` fields hold option codes of the lab's
        /// lists (see [`crate::model::OptionItem`]).
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(rename_all = "camelCase", default)]
        pub struct IdeaInput {
            $(
                $(#[doc = $doc])*
                pub $field: $ty,
            )*
        }

        /// Every field of an idea, in export order.
        pub const IDEA_FIELDS: &[FieldDef] = &[$(
            FieldDef {
                key: $key,
                column: stringify!($field),
                kind: FieldKind::$kind,
                list: idea_fields!(@list $($list)?),
                required: idea_fields!(@flag $($required)?),
                section: FormSection::$section,
                public: Publicity::$public,
                hint: idea_fields!(@flag $($hint)?),
                header: ($hid, $hen),
                aliases: &[$($alias),*],
            },
        )*];

        impl IdeaInput {
            /// Reads the fields from a row whose columns from `first` on are those of
            /// [`IDEA_FIELDS`], in that order (by position: looking columns up by name
            /// was a tenth of the time of reading an idea).
            pub(crate) fn from_row(r: &Row<'_>, first: usize) -> rusqlite::Result<IdeaInput> {
                let mut column = first..;
                Ok(IdeaInput {
                    $($field: SqlField::read(r, column.next().unwrap_or(first))?,)*
                })
            }

            /// The values as SQL parameters, in [`IDEA_FIELDS`] order.
            pub(crate) fn sql_values(&self) -> Vec<SqlValue> {
                vec![$(SqlField::to_sql(&self.$field)),*]
            }

            /// The value of the field named `key` (as in [`FieldDef::key`]).
            pub fn value(&self, key: &str) -> Option<FieldValue<'_>> {
                match key {
                    $($key => Some(SqlField::value(&self.$field)),)*
                    _ => None,
                }
            }

            /// Cleans every field with `c`, in table order (the first refusal wins).
            pub(crate) fn clean_with<C>(self, c: &C, old: Option<&IdeaInput>) -> crate::Result<IdeaInput>
            where
                C: CleanField<String> + CleanField<Vec<String>> + CleanField<Option<u32>>,
            {
                let mut defs = IDEA_FIELDS.iter();
                Ok(IdeaInput {$(
                    $field: c.clean_field(
                        defs.next().expect("one row per field"),
                        self.$field,
                        old.map(|o| &o.$field),
                    )?,
                )*})
            }
        }
    };
    (@list) => { None };
    (@list $list:ident) => { Some(OptionList::$list) };
    (@flag) => { false };
    (@flag $v:literal) => { $v };
}

idea_fields! {
    /// The agency (OPD) the idea comes from.
    agency_id: String {
        key: "agencyId",
        kind: Agency,
        required: true,
        section: Main,
        public: Always,
        header: ("Kode OPD", "Agency code"),
        aliases: ["opd", "kode opd", "kode", "perangkat daerah", "agency", "agency code", "instansi"],
    }
    /// Nama inovasi.
    title: String {
        key: "title",
        kind: Line,
        required: true,
        section: Main,
        public: Always,
        header: ("Nama Inovasi", "Title"),
        aliases: ["judul", "nama inovasi", "inovasi", "title", "judul ide", "ide"],
    }
    proposer_name: String {
        key: "proposerName",
        kind: Line,
        section: Main,
        public: Private,
        header: ("Pengusul", "Proposer name"),
        aliases: ["pengusul", "nama pengusul", "proposer", "proposer name"],
    }
    proposer_position: String {
        key: "proposerPosition",
        kind: Line,
        section: Main,
        public: Private,
        header: ("Jabatan Pengusul", "Proposer position"),
        aliases: ["jabatan", "jabatan pengusul", "position", "proposer position"],
    }
    /// Tahapan inovasi: inisiatif / uji coba / penerapan.
    tahapan: String {
        key: "tahapan",
        kind: Code,
        list: Tahapan,
        section: Form,
        public: Public,
        header: ("Tahapan Inovasi", "Tahapan"),
        aliases: ["tahapan", "tahapan inovasi"],
    }
    inisiator: String {
        key: "inisiator",
        kind: Code,
        list: Inisiator,
        section: Form,
        public: Public,
        header: ("Inisiator Inovasi", "Initiator"),
        aliases: ["inisiator", "inisiator inovasi", "initiator"],
    }
    /// Jenis: digital / non digital.
    jenis: String {
        key: "jenis",
        kind: Code,
        list: Jenis,
        section: Form,
        public: Public,
        header: ("Jenis Inovasi", "Type"),
        aliases: ["jenis", "jenis inovasi", "type"],
    }
    /// Bentuk: tata kelola / pelayanan publik / lainnya.
    bentuk: String {
        key: "bentuk",
        kind: Code,
        list: Bentuk,
        section: Form,
        public: Public,
        header: ("Bentuk Inovasi", "Form"),
        aliases: ["bentuk", "bentuk inovasi", "form"],
    }
    /// Main urusan pemerintahan.
    urusan: String {
        key: "urusan",
        kind: Code,
        list: Urusan,
        section: Form,
        public: Public,
        header: ("Urusan Pemerintahan", "Urusan"),
        aliases: ["urusan", "urusan pemerintahan", "urusan utama"],
    }
    /// Overlapping urusan.
    urusan_lain: Vec<String> {
        key: "urusanLain",
        kind: Codes,
        list: Urusan,
        section: Form,
        public: Public,
        header: ("Urusan Beririsan", "Urusan lain"),
        aliases: ["urusan lain", "urusan beririsan", "urusan lainnya"],
    }
    tematik: String {
        key: "tematik",
        kind: Code,
        list: Tematik,
        section: Form,
        public: Public,
        header: ("Tematik", "Theme"),
        aliases: ["tematik", "tema", "theme"],
    }
    /// Waktu uji coba, `YYYY-MM-DD` or empty.
    trial_date: String {
        key: "trialDate",
        kind: Date,
        section: Form,
        public: Public,
        header: ("Waktu Uji Coba", "Trial date"),
        aliases: ["waktu uji coba", "tanggal uji coba", "uji coba", "trial date"],
    }
    /// Waktu penerapan, `YYYY-MM-DD` or empty.
    rollout_date: String {
        key: "rolloutDate",
        kind: Date,
        section: Form,
        public: Public,
        header: ("Waktu Penerapan", "Rollout date"),
        aliases: ["waktu penerapan", "tanggal penerapan", "penerapan", "rollout date"],
    }
    /// Rancang bangun dan pokok perubahan.
    rancang_bangun: String {
        key: "rancangBangun",
        kind: Text,
        section: Form,
        public: Public,
        hint: true,
        header: ("Rancang Bangun", "Design"),
        aliases: ["rancang bangun", "rancang bangun dan pokok perubahan", "design"],
    }
    tujuan: String {
        key: "tujuan",
        kind: Text,
        section: Form,
        public: Public,
        header: ("Tujuan", "Goals"),
        aliases: ["tujuan", "tujuan inovasi", "goals"],
    }
    manfaat: String {
        key: "manfaat",
        kind: Text,
        section: Form,
        public: Public,
        header: ("Manfaat", "Benefits"),
        aliases: ["manfaat", "manfaat inovasi", "benefits"],
    }
    /// Hasil inovasi.
    hasil: String {
        key: "hasil",
        kind: Text,
        section: Form,
        public: Public,
        header: ("Hasil Inovasi", "Results"),
        aliases: ["hasil", "hasil inovasi", "results"],
    }
    /// Anggaran, as people write it (amount and source).
    anggaran: String {
        key: "anggaran",
        kind: Line,
        section: Form,
        public: Private,
        hint: true,
        header: ("Anggaran", "Budget"),
        aliases: ["anggaran", "biaya", "budget"],
    }
    /// Rencana aksi: the action plan the Design stage makes for the idea (LAN-RI's 5D).
    rencana_aksi: String {
        key: "rencanaAksi",
        kind: Text,
        section: Form,
        public: Public,
        header: ("Rencana Aksi", "Action plan"),
        aliases: ["rencana aksi", "rencana aksi inovasi", "action plan"],
    }
    /// Who benefits.
    beneficiaries: String {
        key: "beneficiaries",
        kind: Text,
        section: Benefit,
        public: Public,
        header: ("Penerima Manfaat", "Beneficiaries"),
        aliases: ["penerima manfaat", "sasaran", "beneficiaries"],
    }
    /// Kinds of benefit (list `benefit`).
    benefit_types: Vec<String> {
        key: "benefitTypes",
        kind: Codes,
        list: Benefit,
        section: Benefit,
        public: Public,
        header: ("Jenis Manfaat", "Benefit types"),
        aliases: ["jenis manfaat", "kategori manfaat", "benefit types"],
    }
    /// The problem the idea answers (permasalahan).
    problem: String {
        key: "problem",
        kind: Text,
        section: Main,
        public: Public,
        header: ("Permasalahan", "Problem"),
        aliases: ["permasalahan", "masalah", "problem"],
    }
    /// A short description of the idea.
    description: String {
        key: "description",
        kind: Text,
        section: Main,
        public: Public,
        header: ("Deskripsi", "Description"),
        aliases: ["deskripsi", "uraian", "description"],
    }
    /// The 5D stage of the lab the idea was born in (list `stage`).
    stage: String {
        key: "stage",
        kind: Code,
        list: Stage,
        section: Form,
        public: Public,
        header: ("Tahap 5D", "Stage"),
        aliases: ["tahap 5d", "tahap lab", "stage"],
    }
    /// The lab day the idea was born on, from 1.
    lab_day: Option<u32> {
        key: "labDay",
        kind: Day,
        section: Form,
        public: Private,
        header: ("Hari", "Lab day"),
        aliases: ["hari", "hari ke", "day", "lab day"],
    }
    /// Free tags.
    tags: Vec<String> {
        key: "tags",
        kind: Tags,
        section: Benefit,
        public: Public,
        header: ("Tag", "Tags"),
        aliases: ["tag", "tags", "label", "kata kunci"],
    }
    /// Where the idea stands (list `status`): captured → shortlisted → reviewed →
    /// selected. Empty on input means captured.
    status: String {
        key: "status",
        kind: Code,
        list: Status,
        section: None,
        public: Private,
        header: ("Status", "Status"),
        aliases: ["status", "status ide"],
    }
}

/// The field named `key`; an unknown key is a programming error.
pub fn field(key: &str) -> &'static FieldDef {
    IDEA_FIELDS
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("no idea field {key:?}"))
}

/// What the UI needs of a field, as written to `ui/src/bindings/ideaFieldTable.ts`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UiField {
    key: &'static str,
    kind: FieldKind,
    list: Option<OptionList>,
    required: bool,
    max_length: Option<usize>,
    section: FormSection,
    public: Publicity,
    label: String,
    hint: Option<String>,
    header: Header,
}

/// An export header, which the import recognises too.
#[derive(Serialize)]
struct Header {
    id: &'static str,
    en: &'static str,
}

/// The text of `ui/src/bindings/ideaFieldTable.ts`: the field table as the UI reads it.
pub fn typescript_field_table() -> String {
    let rows: Vec<String> = IDEA_FIELDS
        .iter()
        .map(|f| {
            let ui = UiField {
                key: f.key,
                kind: f.kind,
                list: f.list,
                required: f.required,
                max_length: f.max_len(),
                section: f.section,
                public: f.public,
                label: format!("field.{}", f.key),
                hint: f.hint.then(|| format!("field.{}Hint", f.key)),
                header: Header {
                    id: f.header.0,
                    en: f.header.1,
                },
            };
            format!(
                "  {},",
                serde_json::to_string(&ui).expect("a field serialises")
            )
        })
        .collect();
    format!(
        "// This file was generated from labinov-core's field table (src/fields.rs). Do not edit this file manually.\n\
         import type {{ FieldKind }} from \"./FieldKind\";\n\
         import type {{ FormSection }} from \"./FormSection\";\n\
         import type {{ IdeaInput }} from \"./IdeaInput\";\n\
         import type {{ OptionList }} from \"./OptionList\";\n\
         import type {{ Publicity }} from \"./Publicity\";\n\
         \n\
         /** One field of an idea: how the capture form shows it and its catalogue keys. */\n\
         export type IdeaFieldDef = {{\n\
         \x20 key: keyof IdeaInput;\n\
         \x20 kind: FieldKind;\n\
         \x20 list: OptionList | null;\n\
         \x20 required: boolean;\n\
         \x20 maxLength: number | null;\n\
         \x20 section: FormSection;\n\
         \x20 /** Whether the public gallery shows it unless the lab decides otherwise. */\n\
         \x20 public: Publicity;\n\
         \x20 label: string;\n\
         \x20 hint: string | null;\n\
         \x20 /** The exported column's header, which the import recognises. */\n\
         \x20 header: {{ id: string; en: string }};\n\
         }};\n\
         \n\
         /** Every field of an idea, in the core's table order (the export order). */\n\
         export const IDEA_FIELD_TABLE: readonly IdeaFieldDef[] = [\n{}\n];\n",
        rows.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_columns_and_aliases_are_unique() {
        for (i, f) in IDEA_FIELDS.iter().enumerate() {
            let before = &IDEA_FIELDS[..i];
            assert!(!before.iter().any(|g| g.key == f.key), "{}", f.key);
            assert!(!before.iter().any(|g| g.column == f.column), "{}", f.column);
            assert_eq!(
                f.list.is_some(),
                matches!(f.kind, FieldKind::Code | FieldKind::Codes),
                "{}",
                f.key
            );
            for a in f.aliases {
                assert!(
                    !before.iter().any(|g| g.aliases.contains(a)),
                    "{a:?} names two fields"
                );
            }
        }
    }

    #[test]
    fn every_export_header_imports_back() {
        for f in IDEA_FIELDS {
            for header in [f.header.0, f.header.1] {
                let t = crate::table::Table {
                    headers: vec![header.to_owned()],
                    rows: vec![],
                };
                assert_eq!(t.column(f.aliases), Some(0), "{header:?} of {}", f.key);
            }
        }
    }

    #[test]
    fn the_struct_and_the_table_agree() {
        let json = serde_json::to_value(IdeaInput::default()).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut table: Vec<&str> = IDEA_FIELDS.iter().map(|f| f.key).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        table.sort_unstable();
        assert_eq!(sorted, table);
        for f in IDEA_FIELDS {
            assert!(IdeaInput::default().value(f.key).is_some(), "{}", f.key);
        }
    }
}
