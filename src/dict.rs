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

/// Does a dictionary word of 2-4 characters span the boundary between `a` and `b` (水电|站)?
/// Looks at the Han characters at `a`'s end and `b`'s start.
pub fn spans_word(a: &str, b: &str) -> bool {
    let t: Vec<char> = crate::text::han_tail(a, 3).chars().collect();
    let h: Vec<char> = b.chars().take_while(|c| crate::text::is_han(*c)).take(3).collect();
    (1..=t.len()).any(|k| {
        (1..=h.len()).filter(|m| k + m <= 4).any(|m| {
            let w: String = t[t.len() - k..].iter().chain(&h[..m]).collect();
            freq(&w).is_some()
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn knows_common_words_and_not_junk() {
        assert!(super::freq("水电站").is_some());
        assert!(super::freq("建成").unwrap() > super::freq("建站").unwrap_or(0));
        assert!(super::freq("信站").is_none());
    }

    #[test]
    fn a_word_across_a_line_break_is_seen() {
        assert!(super::spans_word("关于进一步保障和改善民", "生 着力解决群众急难愁盼"));
        assert!(!super::spans_word("猪肉供应将显著增加", "爱心接力温暖归途"));
    }
}
