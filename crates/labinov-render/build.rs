//! Compresses the PDF's two fonts (`assets/fonts`, 1.47 MB of TrueType) with brotli into
//! `OUT_DIR`: the binary carries them at about 40 % of their size (issue 13's binary size
//! goal), and `pdf.rs` decompresses them once, the first time a PDF is made. brotli is the
//! compressor Tauri already builds its embedded UI with, and its decompressor is already in
//! the app, so nothing new is compiled.

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        let src = Path::new("assets/fonts").join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let font = std::fs::read(&src).expect("the vendored font");
        let params = brotli::enc::BrotliEncoderParams {
            quality: 9,
            lgwin: 22,
            ..Default::default()
        };
        let mut packed = Vec::new();
        brotli::BrotliCompress(&mut font.as_slice(), &mut packed, &params)
            .expect("compressing in memory");
        std::fs::write(out.join(format!("{name}.br")), packed).expect("writing OUT_DIR");
    }
}
