//! Stream compression: every stream the writer makes (content, font programs, ToUnicode maps)
//! goes through [`compress`] on whichever thread made it, so the work is spread with the rest.

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};

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

/// PDF's FlateDecode reads zlib streams (header and Adler-32 checksum), not raw deflate.
const ZLIB_HEADER: bool = true;

/// A stream shorter than this stays as it is: the Filter entry and zlib's header and checksum
/// would cost more than deflate saves.
const MIN_COMPRESSED_LEN: usize = 64;

thread_local! {
    /// Each thread's compressor, reset between streams: a new one allocates (and the kernel
    /// zeroes) some hundreds of kilobytes of window and hash tables, which for the guide's few
    /// dozen streams cost more than compressing them.
    static COMPRESSOR: RefCell<Option<Compress>> = const { RefCell::new(None) };
}

/// `bytes` deflated, or None when that would not make them shorter.
pub(super) fn compress(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < MIN_COMPRESSED_LEN {
        return None;
    }
    COMPRESSOR.with(|slot| {
        let mut slot = slot.borrow_mut();
        let compressor =
            slot.get_or_insert_with(|| Compress::new(Compression::new(LEVEL), ZLIB_HEADER));
        compressor.reset();
        let mut out = Vec::with_capacity(bytes.len() / 2 + MIN_COMPRESSED_LEN);
        loop {
            let consumed = usize::try_from(compressor.total_in()).ok()?;
            let status = compressor
                .compress_vec(bytes.get(consumed..)?, &mut out, FlushCompress::Finish)
                .ok()?;
            if status == Status::StreamEnd {
                break;
            }
            // The output is full: room for as much again.
            out.reserve(out.capacity());
        }
        (out.len() < bytes.len()).then_some(out)
    })
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

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(bytes)
            .read_to_end(&mut back)
            .expect("inflates");
        back
    }

    #[test]
    fn compressed_streams_inflate_back_and_short_ones_stay() {
        let text = b"BT /QUIREA 10 Tf [<0001000200030004>]TJ ET\n".repeat(20);
        let compressed = compress(&text).expect("repetitive text compresses");
        assert!(compressed.len() < text.len());
        assert_eq!(inflate(&compressed), text);
        // The reused compressor starts afresh for the next stream.
        let other = b"0 0 1 rg 10 10 200 20 re f\n".repeat(40);
        assert_eq!(inflate(&compress(&other).expect("compresses")), other);
        assert_eq!(compress(b"q Q"), None);
        let stream = stream(lopdf::Dictionary::new(), text.clone());
        assert!(stream.dict.get(b"Filter").is_ok());
        let short = super::stream(lopdf::Dictionary::new(), b"q Q".to_vec());
        assert!(short.dict.get(b"Filter").is_err());
        assert_eq!(short.content, b"q Q");
    }

    #[test]
    fn output_grows_past_its_first_guess_and_noise_stays_as_it_is() {
        // A xorshift sequence: deflate cannot shrink it, and its output outgrows half the input.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let noise: Vec<u8> = (0..50_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        assert_eq!(compress(&noise), None);
        let mut half = noise[..25_000].to_vec();
        half.extend(std::iter::repeat_n(b'x', 25_000));
        let compressed = compress(&half).expect("the repeated half compresses");
        assert!(compressed.len() > half.len() / 2 + MIN_COMPRESSED_LEN);
        assert_eq!(inflate(&compressed), half);
    }
}
