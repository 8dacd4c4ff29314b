//! The [`Language`] tables of the scripting languages, the shell and its kin, and SQL.

use super::{BASE, C_COMMENT, NO_HABITS, multiline, quoted};
use crate::highlight::code::{BlockComment, Habits, Interpolation, Language, StringKind};
use crate::highlight::scan::Escapes;

/// A string of the shell's kin: `"…"` with `$VAR` in it, over lines.
const SHELL_DOUBLE: StringKind = StringKind {
    interpolation: Interpolation::Variables,
    ..multiline("\"")
};

/// The shell's `'…'`: no escapes, no variables.
const SHELL_SINGLE: StringKind = StringKind {
    escapes: Escapes::None,
    ..multiline("'")
};

#[rustfmt::skip]
pub(in crate::highlight) const PYTHON: Language = Language {
    line_comments: &["#"],
    strings: &[
        multiline("\"\"\""),
        multiline("'''"),
        quoted("\""),
        quoted("'"),
    ],
    string_prefixes: &["f", "r", "b", "u", "rb", "br", "fr", "rf"],
    keywords: &[&[
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "match", "case", "nonlocal", "not", "or", "pass", "raise", "return", "try",
        "while", "with", "yield",
    ]],
    function_definers: &["def"],
    type_definers: &["class"],
    types: &[&[
        "int", "float", "str", "bool", "bytes", "list", "dict", "set", "tuple", "object",
        "complex", "frozenset",
    ]],
    constants: &[
        "True", "False", "None", "self", "cls", "NotImplemented", "Ellipsis",
    ],
    capitalised_types: true,
    capital_constants: true,
    habits: Habits {
        decorators: true,
        format_strings: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(in crate::highlight) const RUBY: Language = Language {
    line_comments: &["#"],
    block_comments: &[BlockComment {
        open: "=begin",
        close: "=end",
        nests: false,
    }],
    strings: &[
        StringKind {
            interpolation: Interpolation::Code {
                open: "#{",
                close: '}',
            },
            ..multiline("\"")
        },
        StringKind {
            escapes: Escapes::Kept,
            ..multiline("'")
        },
    ],
    keywords: &[&[
        "alias", "and", "begin", "break", "case", "class", "def", "defined?", "do", "else",
        "elsif", "end", "ensure", "for", "if", "in", "module", "next", "not", "or", "redo",
        "rescue", "retry", "return", "self", "super", "then", "undef", "unless", "until", "when",
        "while", "yield", "require", "require_relative", "attr_reader", "attr_writer",
        "attr_accessor", "include", "extend", "private", "protected", "public", "raise",
    ]],
    function_definers: &["def"],
    type_definers: &["class", "module"],
    constants: &["true", "false", "nil", "__FILE__", "__LINE__"],
    capitalised_types: true,
    capital_constants: true,
    word_starts: "@$",
    word_chars: "@",
    word_ends: "?!",
    habits: Habits {
        symbols: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(in crate::highlight) const PHP: Language = Language {
    line_comments: &["//", "#"],
    block_comments: &[C_COMMENT],
    strings: &[
        StringKind {
            interpolation: Interpolation::Variables,
            ..multiline("\"")
        },
        StringKind {
            escapes: Escapes::Kept,
            ..multiline("'")
        },
    ],
    keywords: &[&[
        "abstract", "and", "as", "break", "case", "catch", "class", "clone", "const", "continue",
        "declare", "default", "do", "echo", "else", "elseif", "empty", "enum", "extends", "final",
        "finally", "fn", "for", "foreach", "function", "global", "if", "implements", "include",
        "include_once", "instanceof", "interface", "isset", "list", "match", "namespace", "new",
        "or", "print", "private", "protected", "public", "readonly", "require", "require_once",
        "return", "static", "switch", "throw", "trait", "try", "unset", "use", "var", "while",
        "yield", "php",
    ]],
    case_insensitive: true,
    function_definers: &["function", "fn"],
    type_definers: &[
        "class", "interface", "trait", "enum", "extends", "implements",
    ],
    types: &[&[
        "int", "float", "string", "bool", "array", "void", "mixed", "object", "never",
    ]],
    constants: &["true", "false", "null", "$this"],
    capitalised_types: true,
    capital_constants: true,
    word_starts: "$",
    habits: Habits {
        decorators: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(in crate::highlight) const LUA: Language = Language {
    line_comments: &["--"],
    block_comments: &[BlockComment {
        open: "--[[",
        close: "]]",
        nests: false,
    }],
    strings: &[
        StringKind {
            escapes: Escapes::None,
            close: "]]",
            ..multiline("[[")
        },
        quoted("\""),
        quoted("'"),
    ],
    keywords: &[&[
        "and", "break", "do", "else", "elseif", "end", "for", "function", "goto", "if", "in",
        "local", "not", "or", "repeat", "return", "then", "until", "while",
    ]],
    function_definers: &["function"],
    constants: &["true", "false", "nil", "self"],
    ..BASE
};

#[rustfmt::skip]
const SHELL_KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "in", "function", "select", "time",
];

#[rustfmt::skip]
pub(in crate::highlight) const SHELL: Language = Language {
    line_comments: &["#"],
    comment_at_word_start: true,
    strings: &[SHELL_DOUBLE, SHELL_SINGLE],
    keywords: &[SHELL_KEYWORDS],
    command_keywords: &["if", "then", "else", "elif", "while", "until", "do", "time"],
    function_definers: &["function"],
    constants: &["true", "false"],
    word_chars: "-.",
    habits: Habits {
        dollar_variables: true,
        commands: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(in crate::highlight) const MAKEFILE: Language = Language {
    line_comments: &["#"],
    strings: &[SHELL_DOUBLE, SHELL_SINGLE],
    keywords: &[&[
        "ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include", "define", "endef",
        "export", "unexport", "override", "vpath", "-include",
    ]],
    word_starts: ".",
    word_chars: "-.",
    habits: Habits {
        dollar_variables: true,
        targets: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(in crate::highlight) const DOCKERFILE: Language = Language {
    line_comments: &["#"],
    comment_at_word_start: true,
    strings: &[SHELL_DOUBLE, SHELL_SINGLE],
    keywords: &[&[
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
        "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "AS",
    ]],
    word_chars: "-.",
    habits: Habits {
        dollar_variables: true,
        ..NO_HABITS
    },
    ..BASE
};

#[rustfmt::skip]
pub(in crate::highlight) const SQL: Language = Language {
    line_comments: &["--"],
    block_comments: &[C_COMMENT],
    strings: &[
        StringKind {
            escapes: Escapes::None,
            ..multiline("'")
        },
        StringKind {
            escapes: Escapes::None,
            ..multiline("\"")
        },
    ],
    keywords: &[&[
        "add", "all", "alter", "and", "any", "as", "asc", "begin", "between", "by", "case",
        "check", "column", "commit", "constraint", "create", "cross", "database", "default",
        "delete", "desc", "distinct", "drop", "else", "end", "exists", "foreign", "from", "full",
        "group", "having", "if", "in", "index", "inner", "insert", "interval", "into", "is",
        "join", "key", "left", "like", "limit", "not", "null", "offset", "on", "or", "order",
        "outer", "over", "partition", "primary", "references", "returning", "right", "rollback",
        "select", "set", "table", "then", "transaction", "union", "unique", "update", "using",
        "values", "view", "when", "where", "with", "window", "recursive",
    ]],
    case_insensitive: true,
    type_definers: &["table", "view", "index"],
    types: &[&[
        "int", "integer", "bigint", "smallint", "serial", "text", "varchar", "char", "boolean",
        "date", "timestamp", "timestamptz", "numeric", "decimal", "real", "float", "double",
        "uuid", "json", "jsonb", "blob",
    ]],
    constants: &["true", "false", "current_date", "current_timestamp"],
    ..BASE
};
