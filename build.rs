//! Build script: deflate the built-in fonts once, at compile time, into a small zip archive
//! (`$OUT_DIR/epub-fonts.zip`, entries named as they sit in an EPUB). The EPUB packager copies
//! these entries raw, so no build of a book ever spends time compressing 2.8 MB of fonts.

use std::io::Write;
use std::path::PathBuf;

/// The same list as `src/fonts.rs`; a unit test there checks the two agree.
const FONTS: [&str; 7] = [
    "LinLibertine_R.otf",
    "LinLibertine_RI.otf",
    "LinLibertine_RB.otf",
    "LinLibertine_RBI.otf",
    "LinBiolinum_RB.otf",
    "LinBiolinum_R.otf",
    "DejaVuSansMono.ttf",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for name in FONTS {
        let path = PathBuf::from("fonts").join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        let bytes = std::fs::read(&path).expect("a built-in font file");
        zip.start_file(format!("OEBPS/fonts/{name}"), options)
            .expect("start a zip entry");
        zip.write_all(&bytes).expect("deflate a font");
    }
    let archive = zip.finish().expect("finish the font archive").into_inner();
    std::fs::write(out.join("epub-fonts.zip"), archive).expect("write the font archive");
    println!("cargo::rerun-if-changed=build.rs");
}
