//! The open-licensed fonts shipped in `fonts/`, compiled into the binary so that quire needs no
//! font installation. Licenses: `fonts/LICENSE-LinuxLibertine.txt` (OFL 1.1 / GPL with font
//! exception), `fonts/LICENSE-DejaVu.txt` (Bitstream Vera licence). A print style may replace
//! any of the seven faces with a file of the book's, read at load time ([`FaceFile`]).

use std::fmt;
use std::sync::Arc;

/// One font file: its file name in `fonts/` and its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontFile {
    pub file_name: &'static str,
    pub bytes: &'static [u8],
}

/// A built-in face. Its bytes are a static, not part of the constant: a constant is copied
/// into every code unit that names it, and the faces were in the binary three or four times
/// over (2.8 MB each time).
macro_rules! font {
    ($name:literal) => {
        FontFile {
            file_name: $name,
            bytes: {
                const FILE: &[u8] = include_bytes!(concat!("../fonts/", $name));
                static BYTES: [u8; FILE.len()] = *include_bytes!(concat!("../fonts/", $name));
                &BYTES
            },
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

/// The most fallback faces a print style may have (`[fonts] fallback` and those
/// `fallback-system` finds): enough for the scripts of one book.
pub const MAX_FALLBACKS: usize = 8;

/// The seven faces a book is set in, then its fallback faces. `FontKey as usize` indexes
/// [`FontKey::EVERY`], a print style's faces (the seven, then the fallbacks) and the font list
/// of a laid-out document before it is compacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontKey {
    Regular,
    Italic,
    Bold,
    BoldItalic,
    HeadingBold,
    HeadingRegular,
    Mono,
    Fallback0,
    Fallback1,
    Fallback2,
    Fallback3,
    Fallback4,
    Fallback5,
    Fallback6,
    Fallback7,
}

impl FontKey {
    /// The fallback faces, in the order they are tried.
    pub const FALLBACKS: [FontKey; MAX_FALLBACKS] = [
        FontKey::Fallback0,
        FontKey::Fallback1,
        FontKey::Fallback2,
        FontKey::Fallback3,
        FontKey::Fallback4,
        FontKey::Fallback5,
        FontKey::Fallback6,
        FontKey::Fallback7,
    ];

    /// Every face: the seven, then the fallbacks.
    pub const EVERY: [FontKey; 7 + MAX_FALLBACKS] = {
        let mut every = [FontKey::Regular; 7 + MAX_FALLBACKS];
        let mut i = 0;
        while i < every.len() {
            every[i] = if i < 7 {
                FontKey::ALL[i]
            } else {
                FontKey::FALLBACKS[i - 7]
            };
            i += 1;
        }
        every
    };

    /// The seven faces a book is set in.
    pub const ALL: [FontKey; 7] = [
        FontKey::Regular,
        FontKey::Italic,
        FontKey::Bold,
        FontKey::BoldItalic,
        FontKey::HeadingBold,
        FontKey::HeadingRegular,
        FontKey::Mono,
    ];

    /// The built-in file of this face (a fallback face has none: the body's stands for it).
    pub fn file(self) -> FontFile {
        match self {
            FontKey::Regular | FontKey::Fallback0 | FontKey::Fallback1 => BODY_REGULAR,
            FontKey::Fallback2 | FontKey::Fallback3 | FontKey::Fallback4 => BODY_REGULAR,
            FontKey::Fallback5 | FontKey::Fallback6 | FontKey::Fallback7 => BODY_REGULAR,
            FontKey::Italic => BODY_ITALIC,
            FontKey::Bold => BODY_BOLD,
            FontKey::BoldItalic => BODY_BOLD_ITALIC,
            FontKey::HeadingBold => HEADING_BOLD,
            FontKey::HeadingRegular => HEADING_REGULAR,
            FontKey::Mono => MONO,
        }
    }
}

/// The file a face is set in: compiled into quire, or read from the book's folders at load time
/// (and checked there to be a font).
#[derive(Clone, PartialEq, Eq)]
pub enum FaceFile {
    BuiltIn(FontFile),
    Book(BookFont),
}

/// The faces a print style names: the seven, and the fallbacks tried in order for characters
/// the seven lack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleFonts {
    pub faces: [FaceFile; 7],
    pub fallbacks: Vec<FaceFile>,
}

impl StyleFonts {
    /// The built-in faces, with no fallbacks.
    pub fn built_in() -> StyleFonts {
        StyleFonts {
            faces: FaceFile::built_in(),
            fallbacks: Vec::new(),
        }
    }
}

/// A font file a book's print style names, owned by the book.
#[derive(Clone, PartialEq, Eq)]
pub struct BookFont {
    /// The file's name without its folder, for the embedded font's name.
    pub file_name: String,
    pub bytes: Arc<[u8]>,
}

impl FaceFile {
    /// The built-in file of every face.
    pub fn built_in() -> [FaceFile; 7] {
        FontKey::ALL.map(|key| FaceFile::BuiltIn(key.file()))
    }

    pub fn file_name(&self) -> &str {
        match self {
            FaceFile::BuiltIn(file) => file.file_name,
            FaceFile::Book(font) => &font.file_name,
        }
    }

    pub fn bytes(&self) -> &[u8] {
        match self {
            FaceFile::BuiltIn(file) => file.bytes,
            FaceFile::Book(font) => &font.bytes,
        }
    }
}

/// The name and size only: a font's bytes would fill pages of a book's debug output.
impl fmt::Debug for FaceFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = match self {
            FaceFile::BuiltIn(_) => "built in",
            FaceFile::Book(_) => "from the book",
        };
        write!(
            f,
            "{} ({origin}, {} bytes)",
            self.file_name(),
            self.bytes().len()
        )
    }
}

/// A font licence, packaged beside the fonts it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Licence {
    pub file_name: &'static str,
    pub text: &'static str,
}

pub const LIBERTINE_LICENCE: Licence = Licence {
    file_name: "LICENSE-LinuxLibertine.txt",
    text: include_str!("../fonts/LICENSE-LinuxLibertine.txt"),
};
pub const DEJAVU_LICENCE: Licence = Licence {
    file_name: "LICENSE-DejaVu.txt",
    text: include_str!("../fonts/LICENSE-DejaVu.txt"),
};

/// The licence of a built-in font: Linux Libertine and Biolinum, or DejaVu.
pub fn licence(file: FontFile) -> Licence {
    if file == MONO {
        DEJAVU_LICENCE
    } else {
        LIBERTINE_LICENCE
    }
}
