//! See `labinov_fuzz_targets::ideas_xlsx` (crates/labinov-fuzz-targets): the body lives there so
//! that `make test` replays the committed inputs through the same code.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labinov_fuzz_targets::ideas_xlsx(data));
