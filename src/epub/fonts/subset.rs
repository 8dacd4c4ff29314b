//! A built-in font cut down to the glyphs of some characters, as an OpenType file a reading
//! system can use on its own. The glyphs come from `subsetter`, as for the PDF (it renumbers
//! them in the order asked, `.notdef` first); since a PDF needs no `cmap` or `OS/2` table,
//! subsetter leaves them out, and they are added here: a `cmap` (format 4) from the characters
//! to the new glyph numbers, and the font's own `OS/2` (its metrics and embedding flags). The
//! layout tables (`GSUB`, `GPOS`) are left out: they name glyphs by the original numbering. What
//! is lost is kerning, the `fi`-style ligatures and old-style figures, which reading systems
//! apply unevenly anyway; the saving is most of each file.

use std::collections::BTreeSet;

use rustybuzz::ttf_parser;

use crate::fonts::FontFile;

/// The offset of `checkSumAdjustment` in the `head` table.
const CHECKSUM_ADJUSTMENT_AT: usize = 8;
/// What the whole font's checksum plus `checkSumAdjustment` must make (OpenType, `head`).
const CHECKSUM_MAGIC: u32 = 0xB1B0_AFBA;

/// Whether the font has a glyph for any of `chars`.
pub fn draws_any(file: FontFile, chars: &BTreeSet<char>) -> bool {
    let Ok(face) = ttf_parser::Face::parse(file.bytes, 0) else {
        return false;
    };
    chars.iter().any(|&c| face.glyph_index(c).is_some())
}

/// The subset of `file` drawing `chars`; the whole file if it cannot be subset (a built-in
/// font always can: the tests subset each of them).
pub fn subset(file: FontFile, chars: &BTreeSet<char>) -> Vec<u8> {
    try_subset(file, chars).unwrap_or_else(|| file.bytes.to_vec())
}

fn try_subset(file: FontFile, chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(file.bytes, 0).ok()?;
    let mapped: Vec<(char, u16)> = chars
        .iter()
        .filter_map(|&c| Some((c, face.glyph_index(c)?.0)))
        .collect();
    let mut glyphs: Vec<u16> = mapped.iter().map(|(_, g)| *g).collect();
    glyphs.push(0);
    glyphs.sort_unstable();
    glyphs.dedup();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs(&glyphs);
    let font = subsetter::subset(file.bytes, 0, &remapper).ok()?;
    let new_id = |old: u16| {
        glyphs
            .binary_search(&old)
            .ok()
            .and_then(|i| u16::try_from(i).ok())
    };
    let pairs: Vec<(u32, u16)> = mapped
        .iter()
        .filter_map(|&(c, g)| Some((c as u32, new_id(g)?)))
        .collect();
    let cmap = cmap(&pairs);
    let os2 = face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))?;
    with_tables(&font, &[(*b"cmap", cmap), (*b"OS/2", os2.to_vec())])
}

/// A `cmap` table with a format 4 subtable (Windows, Unicode BMP) for the characters of the
/// BMP and, when there are others (emoji), a format 12 one (Windows, full Unicode) for all.
fn cmap(pairs: &[(u32, u16)]) -> Vec<u8> {
    let bmp = format_4(
        pairs
            .iter()
            .filter_map(|&(c, g)| Some((u16::try_from(c).ok()?, g))),
    );
    let beyond = pairs.iter().any(|(c, _)| *c > 0xFFFF);
    let records: u16 = if beyond { 2 } else { 1 };
    let header = 4 + 8 * u32::from(records);
    let mut table = Vec::new();
    for v in [0u16, records, 3, 1] {
        table.extend(v.to_be_bytes());
    }
    table.extend(header.to_be_bytes());
    if beyond {
        let after_bmp = header + u32::try_from(bmp.len()).unwrap_or(u32::MAX);
        table.extend(3u16.to_be_bytes());
        table.extend(10u16.to_be_bytes());
        table.extend(after_bmp.to_be_bytes());
    }
    table.extend(bmp);
    if beyond {
        table.extend(format_12(pairs));
    }
    table
}

/// A format 12 subtable: one group per character.
fn format_12(pairs: &[(u32, u16)]) -> Vec<u8> {
    let mut pairs = pairs.to_vec();
    pairs.sort_unstable();
    let groups = u32::try_from(pairs.len()).unwrap_or(u32::MAX);
    let length = 16 + 12 * groups;
    let mut sub = Vec::new();
    sub.extend(12u16.to_be_bytes());
    sub.extend(0u16.to_be_bytes());
    for v in [length, 0, groups] {
        sub.extend(v.to_be_bytes());
    }
    for (c, g) in pairs {
        for v in [c, c, u32::from(g)] {
            sub.extend(v.to_be_bytes());
        }
    }
    sub
}

/// A format 4 subtable: one segment per character, ending with the required 0xFFFF segment.
fn format_4(pairs: impl Iterator<Item = (u16, u16)>) -> Vec<u8> {
    let mut pairs: Vec<(u16, u16)> = pairs.filter(|(c, _)| *c != 0xFFFF).collect();
    pairs.sort_unstable();
    pairs.push((0xFFFF, 0));
    let segments = pairs.len() as u16;
    let entry_selector = 15 - segments.leading_zeros() as u16;
    let search_range = 2 << entry_selector;
    let length = 16 + 8 * segments;
    let mut sub = Vec::with_capacity(usize::from(length));
    for v in [4, length, 0, segments * 2, search_range, entry_selector] {
        sub.extend(v.to_be_bytes());
    }
    sub.extend((segments * 2 - search_range).to_be_bytes());
    sub.extend(pairs.iter().flat_map(|(c, _)| c.to_be_bytes()));
    sub.extend(0u16.to_be_bytes());
    sub.extend(pairs.iter().flat_map(|(c, _)| c.to_be_bytes()));
    let delta = |(c, g): &(u16, u16)| if *c == 0xFFFF { 1 } else { g.wrapping_sub(*c) };
    sub.extend(pairs.iter().flat_map(|p| delta(p).to_be_bytes()));
    sub.extend(pairs.iter().flat_map(|_| 0u16.to_be_bytes()));
    sub
}

/// `font` with `extra` tables added, its table directory and checksums rewritten.
fn with_tables(font: &[u8], extra: &[([u8; 4], Vec<u8>)]) -> Option<Vec<u8>> {
    let count = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::with_capacity(count + extra.len());
    for i in 0..count {
        let record = font.get(12 + 16 * i..28 + 16 * i)?;
        let tag: [u8; 4] = record[..4].try_into().ok()?;
        let offset = u32::from_be_bytes(record[8..12].try_into().ok()?) as usize;
        let length = u32::from_be_bytes(record[12..16].try_into().ok()?) as usize;
        tables.push((tag, font.get(offset..offset + length)?));
    }
    tables.extend(extra.iter().map(|(tag, data)| (*tag, data.as_slice())));
    tables.sort_by_key(|(tag, _)| *tag);
    let count = tables.len() as u16;
    let entry_selector = 15 - count.leading_zeros() as u16;
    let search_range = 16u16 << entry_selector;
    let mut out = font[..4].to_vec();
    for v in [
        count,
        search_range,
        entry_selector,
        count * 16 - search_range,
    ] {
        out.extend(v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &tables {
        let mut data = data.to_vec();
        if tag == b"head" {
            data.get_mut(CHECKSUM_ADJUSTMENT_AT..CHECKSUM_ADJUSTMENT_AT + 4)?
                .fill(0);
            head_at = Some(offset + CHECKSUM_ADJUSTMENT_AT);
        }
        out.extend(tag);
        out.extend(checksum(&data).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (tag, data) in &tables {
        let start = out.len();
        out.extend(*data);
        if tag == b"head" {
            out[start + CHECKSUM_ADJUSTMENT_AT..start + CHECKSUM_ADJUSTMENT_AT + 4].fill(0);
        }
        out.resize(out.len().next_multiple_of(4), 0);
    }
    let at = head_at?;
    let adjustment = CHECKSUM_MAGIC.wrapping_sub(checksum(&out));
    out[at..at + 4].copy_from_slice(&adjustment.to_be_bytes());
    Some(out)
}

/// The OpenType checksum: the sum of big-endian 32-bit words, the last one zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_font_subsets_to_a_smaller_font_that_maps_the_characters() {
        let chars: BTreeSet<char> = "Quire ’—é-".chars().collect();
        for file in crate::fonts::ALL {
            let bytes = try_subset(file, &chars).expect(file.file_name);
            assert!(bytes.len() * 10 < file.bytes.len(), "{}", file.file_name);
            let face = ttf_parser::Face::parse(&bytes, 0).unwrap();
            let original = ttf_parser::Face::parse(file.bytes, 0).unwrap();
            for &c in &chars {
                let glyph = face.glyph_index(c).expect("mapped");
                let was = original.glyph_index(c).unwrap();
                assert_eq!(
                    face.glyph_hor_advance(glyph),
                    original.glyph_hor_advance(was),
                    "{c} in {}",
                    file.file_name
                );
            }
            assert!(face.glyph_index('z').is_none());
            assert!(face.tables().os2.is_some());
            assert_eq!(checksum(&bytes), CHECKSUM_MAGIC, "{}", file.file_name);
        }
    }
}
