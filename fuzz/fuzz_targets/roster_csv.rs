//! Roster import from CSV bytes: the parsing layer (`table.rs`) and every row's checks
//! on a real store, as a preview.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    labinov_fuzz::import(false, "file.csv", data);
});
