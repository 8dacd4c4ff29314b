//! Stream compression: every stream the writer makes (content, font programs, ToUnicode maps)
//! goes through [`compress`] on whichever thread made it, so the work is spread with the rest.

use std::io::Write;

/// zlib level for the streams. Measured on the writer's own streams (content with glyphs as
/// literal-string bytes, ToUnicode maps, font subsets), deflating on one core with zlib-rs,
/// the fastest of 200 (guide) or 20 (50x book) runs:
///
/// | level | guide   | guide bytes | 50x book | 50x book bytes |
/// |-------|---------|-------------|----------|----------------|
/// | 1     | 0.60 ms | 82.0 KB     | 10.5 ms  | 1,180 KB       |
/// | 2     | 1.40 ms | 68.8 KB     | 23.2 ms  | 913 KB         |
/// | 3     | 1.57 ms | 67.3 KB     | 28.0 ms  | 863 KB         |
/// | 4     | 1.68 ms | 67.0 KB     | 29.6 ms  | 857 KB         |
/// | 6     | 1.81 ms | 66.7 KB     | 32.0 ms  | 846 KB         |
///
/// Level 1 is zlib-rs's quick mode (static Huffman codes only): 40% bigger on long books,
/// whose PDF would then outgrow printpdf's old output. Level 2 keeps the streams within 3%
/// (guide) and 8% (50x book) of level 6 in 77% (guide) and 73% (50x book) of its time.
/// (Glyphs as hex strings, as the writer had them before, took 2.04 ms and 43.7 ms at
/// level 6, for 68.0 KB and 908 KB.)
const LEVEL: u32 = 2;

/// A stream shorter than this stays as it is: the Filter entry and zlib's header and checksum
/// would cost more than deflate saves.
const MIN_COMPRESSED_LEN: usize = 64;

/// `bytes` deflated, or None when that would not make them shorter.
pub(super) fn compress(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < MIN_COMPRESSED_LEN {
        return None;
    }
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(bytes.len() / 2),
        flate2::Compression::new(LEVEL),
    );
    // Writing into a Vec cannot fail; on the impossible error the stream stays as it is.
    let compressed = encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .ok()?;
    (compressed.len() < bytes.len()).then_some(compressed)
}

/// A lopdf stream of `dict` and `bytes`, deflated (with its /Filter) when that is shorter.
pub(super) fn stream(mut dict: lopdf::Dictionary, bytes: Vec<u8>) -> lopdf::Stream {
    let content = match compress(&bytes) {
        Some(compressed) => {
            dict.set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            compressed
        }
        None => bytes,
    };
    // Already as small as it gets: lopdf must not compress it again.
    lopdf::Stream::new(dict, content).with_compression(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn compressed_streams_inflate_back_and_short_ones_stay() {
        let text = b"BT /QUIREA 10 Tf [<0001000200030004>]TJ ET\n".repeat(20);
        let compressed = compress(&text).expect("repetitive text compresses");
        assert!(compressed.len() < text.len());
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&compressed[..])
            .read_to_end(&mut back)
            .expect("inflates");
        assert_eq!(back, text);
        assert_eq!(compress(b"q Q"), None);
        let stream = stream(lopdf::Dictionary::new(), text.clone());
        assert!(stream.dict.get(b"Filter").is_ok());
        let short = super::stream(lopdf::Dictionary::new(), b"q Q".to_vec());
        assert!(short.dict.get(b"Filter").is_err());
        assert_eq!(short.content, b"q Q");
    }
}
