//! The Chinese word dictionary, compiled into an FST at build time (see `build.rs`).

use std::sync::OnceLock;

static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));

fn map() -> &'static fst::Map<&'static [u8]> {
    static MAP: OnceLock<fst::Map<&'static [u8]>> = OnceLock::new();
    MAP.get_or_init(|| fst::Map::new(WORDS).expect("build.rs writes a valid FST"))
}

/// Corpus frequency of a word of 2-4 Chinese characters, if the dictionary knows it.
pub fn freq(word: &str) -> Option<u64> {
    map().get(word)
}

#[cfg(test)]
mod tests {
    #[test]
    fn knows_common_words_and_not_junk() {
        assert!(super::freq("水电站").is_some());
        assert!(super::freq("建成").unwrap() > super::freq("建站").unwrap_or(0));
        assert!(super::freq("信站").is_none());
    }
}
