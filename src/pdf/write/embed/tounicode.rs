//! The ToUnicode CMap of a font (ISO 32000-1, 9.10.3): the text each CID stands for, so that
//! text copies and searches as the letters it shows.
//!
//! Codes are the two-byte CIDs of /Identity-H. A CID whose text is one UTF-16 unit following on
//! from the previous CID's goes into a `bfrange`; every other one (a ligature's several
//! letters, an astral character's surrogate pair) gets a `bfchar`. A CID without text gets no
//! entry, so extraction adds nothing for it.

use std::fmt::Write;

/// Entries per `beginbfchar`/`beginbfrange` block: the most a CMap block may hold.
const MAX_BLOCK_ENTRIES: usize = 100;

/// UTF-16 units kept of one CID's text: a destination string may be at most 512 bytes.
const MAX_UNITS: usize = 256;

/// The CMap for `texts`: (CID, text) pairs in ascending CID order.
pub(super) fn cmap(texts: &[(u16, &str)]) -> Vec<u8> {
    let mut singles: Vec<(u16, Vec<u16>)> = Vec::new();
    let mut ranges: Vec<(u16, u16, u16)> = Vec::new();
    let mut pending: Option<(u16, u16, u16)> = None;
    for &(cid, text) in texts {
        let units = utf16(text);
        if units.is_empty() {
            continue;
        }
        // One unit, not a surrogate: it may extend or start a range.
        if let [unit] = units[..] {
            if let Some((first, last, start)) = pending.as_mut()
                && extends(*first, *last, *start, cid, unit)
            {
                *last = cid;
                continue;
            }
            if let Some(run) = pending.take() {
                flush(run, &mut ranges, &mut singles);
            }
            pending = Some((cid, cid, unit));
            continue;
        }
        if let Some(run) = pending.take() {
            flush(run, &mut ranges, &mut singles);
        }
        singles.push((cid, units));
    }
    if let Some(run) = pending {
        flush(run, &mut ranges, &mut singles);
    }
    write(&singles, &ranges)
}

/// Whether `cid` mapping to `unit` continues the range `first..=last` -> `start..`: the next
/// code and the next unit, with the low byte of neither wrapping (a range may only vary the
/// last byte of its codes and of its destination).
fn extends(first: u16, last: u16, start: u16, cid: u16, unit: u16) -> bool {
    let next = last.wrapping_add(1);
    let next_unit = start.wrapping_add(next.wrapping_sub(first));
    cid == next && unit == next_unit && cid >> 8 == first >> 8 && unit >> 8 == start >> 8
}

/// A range of one CID is a `bfchar`.
fn flush(
    (first, last, start): (u16, u16, u16),
    ranges: &mut Vec<(u16, u16, u16)>,
    singles: &mut Vec<(u16, Vec<u16>)>,
) {
    if first == last {
        singles.push((first, vec![start]));
    } else {
        ranges.push((first, last, start));
    }
}

/// `text` as UTF-16 code units, at most [`MAX_UNITS`] of them (never half a surrogate pair).
fn utf16(text: &str) -> Vec<u16> {
    let mut units = Vec::with_capacity(text.len());
    for c in text.chars() {
        let mut buffer = [0u16; 2];
        let encoded = c.encode_utf16(&mut buffer);
        if units.len() + encoded.len() > MAX_UNITS {
            break;
        }
        units.extend_from_slice(encoded);
    }
    units
}

fn write(singles: &[(u16, Vec<u16>)], ranges: &[(u16, u16, u16)]) -> Vec<u8> {
    let mut out = String::with_capacity(512 + 20 * (singles.len() + ranges.len()));
    out.push_str(
        "/CIDInit /ProcSet findresource begin\n\
         12 dict begin\n\
         begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n\
         /CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in singles.chunks(MAX_BLOCK_ENTRIES) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for (cid, units) in block {
            let _ = write!(out, "<{cid:04X}> <");
            for unit in units {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    for block in ranges.chunks(MAX_BLOCK_ENTRIES) {
        let _ = writeln!(out, "{} beginbfrange", block.len());
        for (first, last, start) in block {
            let _ = writeln!(out, "<{first:04X}> <{last:04X}> <{start:04X}>");
        }
        out.push_str("endbfrange\n");
    }
    out.push_str(
        "endcmap\n\
         CMapName currentdict /CMapResource defineresource pop\n\
         end\n\
         end\n",
    );
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cmap: &[u8]) -> String {
        String::from_utf8(cmap.to_vec()).expect("ASCII")
    }

    /// The lines between `begin<what>` and `end<what>`, over all blocks.
    fn entries(cmap: &str, what: &str) -> Vec<String> {
        let mut inside = false;
        let mut lines = Vec::new();
        for line in cmap.lines() {
            if line.ends_with(&format!("begin{what}")) {
                inside = true;
            } else if line == format!("end{what}") {
                inside = false;
            } else if inside {
                lines.push(line.to_string());
            }
        }
        lines
    }

    #[test]
    fn ligatures_map_to_several_letters_and_astral_chars_to_surrogate_pairs() {
        let out = text(&cmap(&[
            (1, "f"),
            (2, "ffi"),
            (3, "\u{1D400}"),
            (4, "é"),
            (5, ""),
            (6, "e\u{301}"),
        ]));
        assert_eq!(
            entries(&out, "bfchar"),
            [
                "<0001> <0066>",
                "<0002> <006600660069>",
                "<0003> <D835DC00>",
                "<0004> <00E9>",
                "<0006> <00650301>",
            ]
        );
        assert!(entries(&out, "bfrange").is_empty());
        assert!(out.contains("<0000> <FFFF>"));
        assert!(out.contains("/CMapType 2"));
    }

    #[test]
    fn consecutive_letters_make_ranges_within_one_low_byte() {
        let out = text(&cmap(&[
            (1, "a"),
            (2, "b"),
            (3, "c"),
            (4, "x"),
            (0xFE, "\u{1FE}"),
            (0xFF, "\u{1FF}"),
            (0x100, "\u{200}"),
            (0x101, "\u{201}"),
        ]));
        assert_eq!(
            entries(&out, "bfrange"),
            [
                "<0001> <0003> <0061>",
                "<00FE> <00FF> <01FE>",
                "<0100> <0101> <0200>"
            ]
        );
        assert_eq!(entries(&out, "bfchar"), ["<0004> <0078>"]);
        // A destination whose low byte would wrap starts a new range.
        let out = text(&cmap(&[(1, "\u{FF}"), (2, "\u{100}")]));
        assert_eq!(entries(&out, "bfchar"), ["<0001> <00FF>", "<0002> <0100>"]);
    }

    #[test]
    fn blocks_hold_at_most_a_hundred_entries() {
        // Every other letter: no ranges, 250 bfchars in three blocks.
        let letters: Vec<String> = (0..250u32)
            .map(|i| char::from_u32(0x4E00 + 2 * i).expect("CJK").to_string())
            .collect();
        let texts: Vec<(u16, &str)> = letters
            .iter()
            .enumerate()
            .map(|(i, t)| (i as u16 + 1, t.as_str()))
            .collect();
        let out = text(&cmap(&texts));
        assert_eq!(entries(&out, "bfchar").len(), 250);
        let blocks: Vec<&str> = out.lines().filter(|l| l.ends_with("beginbfchar")).collect();
        assert_eq!(
            blocks,
            ["100 beginbfchar", "100 beginbfchar", "50 beginbfchar"]
        );
        let long = "x".repeat(1000);
        let out = text(&cmap(&[(1, &long)]));
        assert_eq!(
            entries(&out, "bfchar")[0].len(),
            "<0001> <>".len() + 4 * MAX_UNITS
        );
    }
}
