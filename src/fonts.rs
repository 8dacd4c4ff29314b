//! The open-licensed fonts shipped in `fonts/`, compiled into the binary so that quire needs no
//! font installation. Licenses: `fonts/LICENSE-LinuxLibertine.txt` (OFL 1.1 / GPL with font
//! exception), `fonts/LICENSE-DejaVu.txt` (Bitstream Vera licence).

/// One font file: its file name in `fonts/` and its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontFile {
    pub file_name: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! font {
    ($name:literal) => {
        FontFile {
            file_name: $name,
            bytes: include_bytes!(concat!("../fonts/", $name)),
        }
    };
}

pub const BODY_REGULAR: FontFile = font!("LinLibertine_R.otf");
pub const BODY_ITALIC: FontFile = font!("LinLibertine_RI.otf");
pub const BODY_BOLD: FontFile = font!("LinLibertine_RB.otf");
pub const BODY_BOLD_ITALIC: FontFile = font!("LinLibertine_RBI.otf");
pub const HEADING_BOLD: FontFile = font!("LinBiolinum_RB.otf");
pub const HEADING_REGULAR: FontFile = font!("LinBiolinum_R.otf");
pub const MONO: FontFile = font!("DejaVuSansMono.ttf");

/// The built-in fonts deflated at compile time by `build.rs`, as a zip archive whose entries are
/// named `OEBPS/fonts/<file_name>`: the EPUB packager copies them without compressing again.
pub const EPUB_FONT_ARCHIVE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/epub-fonts.zip"));

/// Every built-in font file.
pub const ALL: [FontFile; 7] = [
    BODY_REGULAR,
    BODY_ITALIC,
    BODY_BOLD,
    BODY_BOLD_ITALIC,
    HEADING_BOLD,
    HEADING_REGULAR,
    MONO,
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_precompressed_archive_holds_exactly_the_built_in_fonts() {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(EPUB_FONT_ARCHIVE)).unwrap();
        assert_eq!(archive.len(), ALL.len());
        for font in ALL {
            let mut entry = archive
                .by_name(&format!("OEBPS/fonts/{}", font.file_name))
                .unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            assert!(bytes == font.bytes, "{} matches fonts/", font.file_name);
        }
    }
}
