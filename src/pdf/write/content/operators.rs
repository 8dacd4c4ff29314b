//! How a content stream writes its operands: numbers in their shortest form, colours (greys
//! as DeviceGray), glyph ids inside literal strings, text as UTF-16 hex strings.

use crate::pdf::page::Rgb;

/// Writes `text` as a hex string of UTF-16BE with a byte order mark (`()` when empty).
pub(super) fn hex_text(out: &mut Vec<u8>, text: &str) {
    if text.is_empty() {
        out.extend_from_slice(b"()");
        return;
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(b"<FEFF");
    for unit in text.encode_utf16() {
        for byte in unit.to_be_bytes() {
            out.push(HEX[usize::from(byte >> 4)]);
            out.push(HEX[usize::from(byte & 0xF)]);
        }
    }
    out.push(b'>');
}

/// Whether a colour operator sets the fill or the stroke colour.
#[derive(Clone, Copy)]
pub(super) enum Paint {
    Fill,
    Stroke,
}

/// Writes a colour operator, each channel clamped to 0..=1 (NaN becomes 0): a neutral grey (three
/// equal channels) as DeviceGray (`g`/`G`), which a press prints on the black plate alone and a
/// viewer shows the same, any other colour as DeviceRGB (`rg`/`RG`).
pub(super) fn color_op(out: &mut Vec<u8>, color: Rgb, paint: Paint) {
    let channel = |v: f32| if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
    let (r, g, b) = (channel(color.0), channel(color.1), channel(color.2));
    let neutral = r == g && g == b;
    let op: &[u8] = match (neutral, paint) {
        (true, Paint::Fill) => b"g\n",
        (true, Paint::Stroke) => b"G\n",
        (false, Paint::Fill) => b"rg\n",
        (false, Paint::Stroke) => b"RG\n",
    };
    if neutral {
        numbers(out, &[r], op);
    } else {
        numbers(out, &[r, g, b], op);
    }
}

/// Writes each number followed by a space, then `op`.
pub(super) fn numbers(out: &mut Vec<u8>, values: &[f32], op: &[u8]) {
    for v in values {
        number(out, *v);
        out.push(b' ');
    }
    out.extend_from_slice(op);
}

/// Decimal places written for a number: a thousandth of a point in positions, of a text-space
/// unit in TJ adjustments (a millionth of an em), far below what any device shows.
const DECIMALS: u32 = 3;

/// Writes `value` in the shortest form with at most [`DECIMALS`] decimals ("12", "-0.5").
/// Callers pass finite values. Digits are written straight into `out`: a page has thousands
/// of numbers, and formatting each through a String was a good part of the writer's time.
pub(super) fn number(out: &mut Vec<u8>, value: f32) {
    let scale = 10u64.pow(DECIMALS);
    let scaled = (f64::from(value) * scale as f64).round() as i64;
    if scaled < 0 {
        out.push(b'-');
    }
    let magnitude = scaled.unsigned_abs();
    digits(out, magnitude / scale, 1);
    let mut fraction = magnitude % scale;
    if fraction != 0 {
        out.push(b'.');
        let mut width = DECIMALS as usize;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            width -= 1;
        }
        digits(out, fraction, width);
    }
}

/// Writes `value` in decimal, with leading zeros up to `width` digits.
pub(in crate::pdf::write) fn digits(out: &mut Vec<u8>, mut value: u64, width: usize) {
    let mut buffer = [b'0'; 20];
    let mut start = buffer.len();
    while value > 0 {
        start -= 1;
        buffer[start] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    start = start.min(buffer.len() - width.min(buffer.len()));
    out.extend_from_slice(&buffer[start..]);
}

/// Writes a CID as its two bytes inside a literal string, escaping the bytes that would end
/// or escape the string, and CR, which a reader would take for a line end and turn into LF
/// (ISO 32000-1, 7.3.4.2).
pub(super) fn cid_bytes(out: &mut Vec<u8>, cid: u16) {
    for byte in cid.to_be_bytes() {
        match byte {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(byte),
        }
    }
}
