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

/// The best dictionary word across a cut between the characters `t` (before) and `h`
/// (after): 2-4 characters, at least one from each side, scored by length and frequency
/// (0 when none: 信|站). The cut signal of joins and heading-line wraps share it.
pub fn across(t: &[char], h: &[char]) -> f64 {
    let mut best: f64 = 0.0;
    for k in 1..=t.len() {
        for m in (1..=h.len()).filter(|m| k + m <= 4) {
            let mut buf = [0u8; 16];
            let mut len = 0;
            for c in t[t.len() - k..].iter().chain(h[..m].iter()) {
                len += c.encode_utf8(&mut buf[len..]).len();
            }
            if let Some(f) = freq(std::str::from_utf8(&buf[..len]).unwrap_or("")) {
                best = best.max((k + m) as f64 / 3.0 * (1.0 + (f as f64).ln() / 8.0).min(1.6));
            }
        }
    }
    best
}

/// Does a dictionary word of 2-4 characters span the boundary between `a` and `b` (水电|站)?
/// Looks at the Han characters at `a`'s end and `b`'s start.
pub fn spans_word(a: &str, b: &str) -> bool {
    let t: Vec<char> = crate::text::han_tail(a, 3).chars().collect();
    let h: Vec<char> = b.chars().take_while(|c| crate::text::is_han(*c)).take(3).collect();
    across(&t, &h) > 0.0
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
        assert!(super::spans_word("全面推进乡村振兴的实施意", "见 加快农业发展"));
        assert!(!super::spans_word("粮食产量稳步增加", "山区公路全线通车"));
    }
}
