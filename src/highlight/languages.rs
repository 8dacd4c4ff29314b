//! The [`Language`] tables of the programming languages quire highlights: the C family and the
//! languages like it here, the scripting languages in `languages/scripts.rs`.

use super::code::{BlockComment, Habits, Interpolation, Language, StringKind};
use super::scan::Escapes;

mod scripts;

pub(super) use scripts::{DOCKERFILE, LUA, MAKEFILE, PHP, PYTHON, RUBY, SHELL, SQL};

/// A table with nothing in it, which each language's table fills in.
#[rustfmt::skip]
const BASE: Language = Language {
    line_comments: &[],
    comment_at_word_start: false,
    block_comments: &[],
    strings: &[],
    string_prefixes: &[],
    keywords: &[&[]],
    command_keywords: &[],
    case_insensitive: false,
    function_definers: &[],
    type_definers: &[],
    types: &[&[]],
    constants: &[],
    capitalised_types: false,
    capital_constants: false,
    word_starts: "",
    word_chars: "",
    word_ends: "",
    habits: NO_HABITS,
};

const NO_HABITS: Habits = Habits {
    hash_attributes: false,
    decorators: false,
    preprocessor: false,
    lifetimes: false,
    hashed_raw_strings: false,
    char_literals: false,
    format_strings: false,
    regex_literals: false,
    macros: false,
    dollar_variables: false,
    commands: false,
    symbols: false,
    targets: false,
};

/// A string between `quote`s with escapes, on one line (C's, Java's, JavaScript's).
const fn quoted(quote: &'static str) -> StringKind {
    StringKind {
        open: quote,
        close: quote,
        escapes: Escapes::Coloured,
        multiline: false,
        interpolation: Interpolation::None,
    }
}

/// [`quoted`], over any number of lines (Rust's strings, Python's `"""`).
const fn multiline(quote: &'static str) -> StringKind {
    StringKind {
        multiline: true,
        ..quoted(quote)
    }
}

pub(super) const C_COMMENT: BlockComment = BlockComment {
    open: "/*",
    close: "*/",
    nests: false,
};

const NESTED_C_COMMENT: BlockComment = BlockComment {
    nests: true,
    ..C_COMMENT
};

#[rustfmt::skip]
const C_KEYWORDS: &[&str] = &[
    "auto", "break", "case", "const", "continue", "default", "do", "else", "enum", "extern",
    "for", "goto", "if", "inline", "register", "restrict", "return", "sizeof", "static", "struct",
    "switch", "typedef", "union", "volatile", "while", "_Alignas", "_Alignof", "_Atomic",
    "_Generic", "_Noreturn", "_Static_assert", "_Thread_local",
];

#[rustfmt::skip]
const C_TYPES: &[&str] = &[
    "char", "double", "float", "int", "long", "short", "signed", "unsigned", "void", "bool",
    "size_t", "ssize_t", "ptrdiff_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t",
    "uint16_t", "uint32_t", "uint64_t", "FILE", "_Bool",
];

#[rustfmt::skip]
pub(super) const C: Language = Language {
    line_comments: &["//"],
    block_comments: &[C_COMMENT],
    strings: &[quoted("\"")],
    string_prefixes: &["L", "u", "U", "u8"],
    keywords: &[C_KEYWORDS],
    type_definers: &["struct", "enum", "union"],
    types: &[C_TYPES],
    constants: &["NULL", "true", "false", "EOF", "stdin", "stdout", "stderr"],
    capital_constants: true,
    habits: Habits {
        preprocessor: true,
        char_literals: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(super) const CPP: Language = Language {
    keywords: &[C_KEYWORDS, &[
        "alignas", "alignof", "and", "asm", "catch", "class", "consteval", "constexpr",
        "constinit", "const_cast", "co_await", "co_return", "co_yield", "decltype", "delete",
        "dynamic_cast", "explicit", "export", "friend", "mutable", "namespace", "new", "noexcept",
        "not", "operator", "or", "private", "protected", "public", "reinterpret_cast",
        "static_assert", "static_cast", "template", "this", "throw", "try", "typeid", "typename",
        "using", "virtual", "override", "final", "requires", "concept",
    ]],
    type_definers: &["struct", "enum", "union", "class", "namespace", "concept"],
    types: &[C_TYPES, &[
        "char8_t", "char16_t", "char32_t", "wchar_t", "string", "vector", "map", "set",
        "unordered_map", "unordered_set", "array", "optional", "unique_ptr", "shared_ptr",
        "string_view", "pair", "tuple",
    ]],
    constants: &["nullptr", "NULL", "true", "false"],
    ..C
};

#[rustfmt::skip]
pub(super) const RUST: Language = Language {
    line_comments: &["//"],
    block_comments: &[NESTED_C_COMMENT],
    strings: &[multiline("\"")],
    string_prefixes: &["b", "r", "br", "c", "cr"],
    keywords: &[&[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
        "pub", "ref", "return", "self", "static", "struct", "super", "trait", "type", "union",
        "unsafe", "use", "where", "while", "yield", "macro_rules",
    ]],
    function_definers: &["fn"],
    type_definers: &["struct", "enum", "trait", "type", "union", "impl"],
    types: &[&[
        "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
        "i64", "i128", "isize", "f32", "f64",
    ]],
    constants: &["true", "false"],
    capitalised_types: true,
    capital_constants: true,
    habits: Habits {
        hash_attributes: true,
        lifetimes: true,
        hashed_raw_strings: true,
        macros: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
const JS_KEYWORDS: &[&str] = &[
    "async", "await", "break", "case", "catch", "class", "const", "continue", "debugger",
    "default", "delete", "do", "else", "export", "extends", "finally", "for", "from", "function",
    "get", "if", "import", "in", "instanceof", "let", "new", "of", "return", "set", "static",
    "super", "switch", "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield",
];

/// JavaScript's template literal, `` `…${code}…` ``.
const TEMPLATE: StringKind = StringKind {
    interpolation: Interpolation::Code {
        open: "${",
        close: '}',
    },
    ..multiline("`")
};

#[rustfmt::skip]
const JS_CONSTANTS: &[&str] = &["true", "false", "null", "undefined", "NaN", "Infinity"];

#[rustfmt::skip]
pub(super) const JAVASCRIPT: Language = Language {
    line_comments: &["//"],
    block_comments: &[C_COMMENT],
    strings: &[quoted("\""), quoted("'"), TEMPLATE],
    keywords: &[JS_KEYWORDS],
    function_definers: &["function"],
    type_definers: &["class", "extends"],
    constants: JS_CONSTANTS,
    capitalised_types: true,
    capital_constants: true,
    word_starts: "$",
    word_chars: "$",
    habits: Habits {
        decorators: true,
        regex_literals: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(super) const TYPESCRIPT: Language = Language {
    keywords: &[JS_KEYWORDS, &[
        "abstract", "as", "declare", "enum", "implements", "interface", "is", "keyof",
        "namespace", "private", "protected", "public", "readonly", "satisfies", "type",
    ]],
    type_definers: &[
        "class", "extends", "interface", "type", "enum", "implements",
    ],
    types: &[&[
        "any", "bigint", "boolean", "never", "number", "object", "string", "symbol", "unknown",
        "void",
    ]],
    ..JAVASCRIPT
};

#[rustfmt::skip]
pub(super) const JAVA: Language = Language {
    line_comments: &["//"],
    block_comments: &[C_COMMENT],
    strings: &[multiline("\"\"\""), quoted("\"")],
    keywords: &[&[
        "abstract", "assert", "break", "case", "catch", "class", "continue", "default", "do",
        "else", "enum", "extends", "final", "finally", "for", "if", "implements", "import",
        "instanceof", "interface", "new", "package", "private", "protected", "public", "record",
        "return", "static", "super", "switch", "synchronized", "this", "throw", "throws",
        "transient", "try", "var", "volatile", "while", "yield", "sealed", "permits",
    ]],
    type_definers: &[
        "class", "interface", "enum", "record", "extends", "implements",
    ],
    types: &[&[
        "boolean", "byte", "char", "double", "float", "int", "long", "short", "void",
    ]],
    constants: &["true", "false", "null"],
    capitalised_types: true,
    capital_constants: true,
    habits: Habits {
        decorators: true,
        char_literals: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(super) const KOTLIN: Language = Language {
    strings: &[
        StringKind {
            interpolation: Interpolation::Variables,
            ..multiline("\"\"\"")
        },
        StringKind {
            interpolation: Interpolation::Variables,
            ..quoted("\"")
        },
    ],
    keywords: &[&[
        "abstract", "as", "break", "by", "catch", "class", "companion", "const", "constructor",
        "continue", "data", "do", "else", "enum", "false", "final", "finally", "for", "fun", "if",
        "import", "in", "init", "inline", "interface", "internal", "is", "lateinit", "object",
        "open", "operator", "out", "override", "package", "private", "protected", "public",
        "return", "sealed", "super", "suspend", "this", "throw", "try", "typealias", "val", "var",
        "when", "where", "while",
    ]],
    function_definers: &["fun"],
    type_definers: &["class", "interface", "object", "typealias"],
    types: &[&[]],
    constants: &["true", "false", "null"],
    ..JAVA
};

#[rustfmt::skip]
pub(super) const SWIFT: Language = Language {
    block_comments: &[NESTED_C_COMMENT],
    strings: &[
        StringKind {
            interpolation: Interpolation::Code {
                open: "\\(",
                close: ')',
            },
            ..multiline("\"\"\"")
        },
        StringKind {
            interpolation: Interpolation::Code {
                open: "\\(",
                close: ')',
            },
            ..quoted("\"")
        },
    ],
    keywords: &[&[
        "actor", "as", "associatedtype", "async", "await", "break", "case", "catch", "class",
        "continue", "default", "defer", "deinit", "do", "else", "enum", "extension",
        "fallthrough", "fileprivate", "for", "func", "guard", "if", "import", "in", "init",
        "inout", "internal", "is", "let", "mutating", "open", "operator", "override", "private",
        "protocol", "public", "repeat", "rethrows", "return", "self", "Self", "static", "struct",
        "subscript", "super", "switch", "throw", "throws", "try", "typealias", "var", "where",
        "while",
    ]],
    function_definers: &["func"],
    type_definers: &[
        "class", "struct", "enum", "protocol", "extension", "typealias", "actor",
    ],
    constants: &["true", "false", "nil"],
    habits: Habits {
        decorators: true,
        ..NO_HABITS
    },
    ..KOTLIN
};

#[rustfmt::skip]
pub(super) const CSHARP: Language = Language {
    strings: &[
        StringKind {
            open: "@\"",
            escapes: Escapes::None,
            ..multiline("\"")
        },
        StringKind {
            open: "$\"",
            interpolation: super::code::FORMAT_FIELD,
            ..quoted("\"")
        },
        quoted("\""),
    ],
    keywords: &[&[
        "abstract", "as", "async", "await", "base", "break", "case", "catch", "checked", "class",
        "const", "continue", "default", "delegate", "do", "else", "enum", "event", "explicit",
        "extern", "finally", "fixed", "for", "foreach", "get", "goto", "if", "implicit", "in",
        "init", "interface", "internal", "is", "lock", "namespace", "new", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "record", "ref",
        "return", "sealed", "set", "sizeof", "stackalloc", "static", "struct", "switch", "this",
        "throw", "try", "typeof", "unchecked", "unsafe", "using", "var", "virtual", "volatile",
        "when", "where", "while", "yield",
    ]],
    function_definers: &[],
    type_definers: &[
        "class", "struct", "interface", "enum", "record", "namespace",
    ],
    types: &[&[
        "bool", "byte", "char", "decimal", "double", "dynamic", "float", "int", "long", "object",
        "sbyte", "short", "string", "uint", "ulong", "ushort", "void",
    ]],
    constants: &["true", "false", "null"],
    capitalised_types: false,
    habits: Habits {
        preprocessor: true,
        char_literals: true,
        ..NO_HABITS
    },
    ..JAVA
};

#[rustfmt::skip]
pub(super) const GO: Language = Language {
    line_comments: &["//"],
    block_comments: &[C_COMMENT],
    strings: &[
        quoted("\""),
        StringKind {
            escapes: Escapes::None,
            ..multiline("`")
        },
    ],
    keywords: &[&[
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
        "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
        "return", "select", "struct", "switch", "type", "var",
    ]],
    function_definers: &["func"],
    type_definers: &["type"],
    types: &[&[
        "bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int", "int8",
        "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32",
        "uint64", "uintptr", "any",
    ]],
    constants: &["true", "false", "nil", "iota"],
    habits: Habits {
        char_literals: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(super) const HASKELL: Language = Language {
    line_comments: &["--"],
    block_comments: &[BlockComment {
        open: "{-",
        close: "-}",
        nests: true,
    }],
    strings: &[quoted("\"")],
    keywords: &[&[
        "case", "class", "data", "default", "deriving", "do", "else", "family", "forall",
        "foreign", "if", "import", "in", "infix", "infixl", "infixr", "instance", "let", "module",
        "newtype", "of", "qualified", "then", "type", "where", "as", "hiding",
    ]],
    type_definers: &["data", "newtype", "type", "class", "instance"],
    constants: &["True", "False", "Nothing", "otherwise"],
    capitalised_types: true,
    word_chars: "'",
    habits: Habits {
        char_literals: true,
        ..NO_HABITS
    },
    ..BASE
};
