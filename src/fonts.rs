//! The open-licensed fonts shipped in `fonts/`, compiled into the binary so that quire needs no
//! font installation. Licenses: `fonts/LICENSE-LinuxLibertine.txt` (OFL 1.1 / GPL with font
//! exception), `fonts/LICENSE-DejaVu.txt` (Bitstream Vera licence).

/// One font file: its file name in `fonts/` and its bytes.
#[derive(Debug, Clone, Copy)]
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
