//! The Chinese word dictionary, compiled into an FST at build time (see `build.rs`).

use std::sync::OnceLock;

static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));

fn map() -> &'static fst::Map<&'static [u8]> {
    static MAP: OnceLock<fst::Map<&'static [u8]>> = OnceLock::new();
    MAP.get_or_init(|| fst::Map::new(WORDS).expect("build.rs writes a valid FST"))
}

/// Corpus frequency of a word of 2-4 Chinese characters, if the dictionary knows it.
pub fn freq(word: &str) -> Option<u64> {
    // (single characters are in the map for the reading of `logp`, but are no words here)
    word.chars().nth(1)?;
    map().get(word)
}

/// Unigram log-probability of a word of 1-4 characters. A single character the dictionary
/// does not know counts as seen half a time; a longer string it does not know is no word.
fn logp(word: &[char]) -> Option<f64> {
    static TOTAL: OnceLock<f64> = OnceLock::new();
    let total = *TOTAL.get_or_init(|| env!("UNWEAVE_WORDS_TOTAL").parse::<f64>().unwrap_or(1.0).max(1.0));
    let mut buf = [0u8; 16];
    let mut len = 0;
    for c in word {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    match map().get(std::str::from_utf8(&buf[..len]).unwrap_or("")) {
        Some(f) if f > 0 => Some((f as f64 / total).ln()),
        _ => (word.len() == 1).then(|| (0.5 / total).ln()),
    }
}

/// Characters a reading takes at most: four either side of a cut.
const READ_MAX: usize = 8;

/// The log-probability of every word of 1-4 characters in `s` (at most [`READ_MAX`]
/// characters), by start and length less one; `None` where the dictionary knows no such word.
fn word_table(s: &[char]) -> [[Option<f64>; 4]; READ_MAX] {
    let n = s.len().min(READ_MAX);
    let mut words = [[None; 4]; READ_MAX];
    for (i, row) in words.iter_mut().enumerate().take(n) {
        for (k, w) in row.iter_mut().enumerate().take(4.min(n - i)) {
            *w = logp(&s[i..i + k + 1]);
        }
    }
    words
}

/// The length in characters of the first word of the likeliest reading of `text`'s opening
/// Han characters (up to six; 0 when it opens with none): 1 for 的支持下, 2 for 的确是.
pub fn first_word_len(text: &str) -> usize {
    let mut s = ['\0'; READ_MAX];
    let mut n = 0;
    for c in text.chars().take_while(|c| crate::text::is_han(*c)).take(6) {
        s[n] = c;
        n += 1;
    }
    let words = word_table(&s[..n]);
    // the best reading of s[i..] and the length of its first word, from the end
    let mut best = [f64::NEG_INFINITY; READ_MAX + 1];
    let mut first = [0usize; READ_MAX + 1];
    best[n] = 0.0;
    for i in (0..n).rev() {
        for (k, w) in words[i].iter().enumerate().take(4.min(n - i)) {
            if let Some(lp) = w {
                if best[i + k + 1] + lp > best[i] {
                    best[i] = best[i + k + 1] + lp;
                    first[i] = k + 1;
                }
            }
        }
    }
    first[0]
}

/// The length in characters of the last word of the likeliest reading of `text`'s closing
/// Han characters (up to six; 0 when it ends with none): 1 for 工作的, 4 for 大有可为.
pub fn last_word_len(text: &str) -> usize {
    let mut s = ['\0'; READ_MAX];
    let tail: Vec<char> = text.chars().rev().take_while(|c| crate::text::is_han(*c)).take(6).collect();
    let n = tail.len();
    for (i, c) in tail.into_iter().rev().enumerate() {
        s[i] = c;
    }
    let words = word_table(&s[..n]);
    // the best reading of s[..i] and the length of its last word, from the start
    let mut best = [f64::NEG_INFINITY; READ_MAX + 1];
    let mut last = [0usize; READ_MAX + 1];
    best[0] = 0.0;
    for i in 0..n {
        if best[i] == f64::NEG_INFINITY {
            continue;
        }
        for (k, w) in words[i].iter().enumerate().take(4.min(n - i)) {
            if let Some(lp) = w {
                if best[i] + lp > best[i + k + 1] {
                    best[i + k + 1] = best[i] + lp;
                    last[i + k + 1] = k + 1;
                }
            }
        }
    }
    last[n]
}

/// Does the likeliest reading of the characters around a cut (`t` before it, `h` after; the
/// last and first four) put a word across it? A word that merely can be read across (总|库 in
/// 结婚的和|尚未结婚, where 和 and 尚未 read better) is no sign that the text was cut inside a
/// word. Two Viterbi passes over words of 1-4 characters, one free and one with a word
/// boundary at the cut, share one table of the words' log-probabilities.
pub fn reads_across(t: &[char], h: &[char]) -> bool {
    if t.is_empty() || h.is_empty() {
        return false;
    }
    let side = READ_MAX / 2;
    let (t, h) = (&t[t.len().saturating_sub(side)..], &h[..h.len().min(side)]);
    let mut s = ['\0'; READ_MAX];
    s[..t.len()].copy_from_slice(t);
    s[t.len()..t.len() + h.len()].copy_from_slice(h);
    let (n, cut) = (t.len() + h.len(), t.len());
    let words = word_table(&s[..n]);
    let best = |bounded: bool| -> f64 {
        let mut best = [f64::NEG_INFINITY; READ_MAX + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f64::NEG_INFINITY {
                continue;
            }
            for (k, w) in words[i].iter().enumerate().take(4.min(n - i)) {
                let end = i + k + 1;
                if bounded && i < cut && cut < end {
                    continue;
                }
                if let Some(lp) = w {
                    best[end] = best[end].max(best[i] + lp);
                }
            }
        }
        best[n]
    };
    best(false) > best(true) + 1e-9
}

/// The best dictionary word across a cut between the characters `t` (before) and `h`
/// (after): 2-4 characters, at least one from each side, scored by length and frequency
/// (0 when none: 信|站, and when the likeliest reading of the characters around the cut puts
/// no word across it, see [`reads_across`]). The cut signal of joins and heading-line wraps
/// share it.
pub fn across(t: &[char], h: &[char]) -> f64 {
    let best = across_any(t, h);
    if best > 0.0 && !reads_across(t, h) {
        return 0.0;
    }
    best
}

/// Can a dictionary word be read across the cut at all, however the text around it reads
/// best (看|图 in 是看|图写)?
pub fn any_across(t: &[char], h: &[char]) -> bool {
    across_any(t, h) > 0.0
}

/// The best dictionary word across a cut, however the text around it reads best.
fn across_any(t: &[char], h: &[char]) -> f64 {
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
        assert!(super::freq("图书馆").is_some());
        assert!(super::freq("建成").unwrap() > super::freq("建站").unwrap_or(0));
        assert!(super::freq("信站").is_none());
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_word_counts_across_a_cut_only_where_the_likeliest_reading_puts_it_there() {
        // cut inside a word: the best reading runs across
        assert!(super::reads_across(&chars("落实国"), &chars("务院部署")));
        assert!(super::reads_across(&chars("建设图书"), &chars("馆项目")));
        assert!(super::across(&chars("建设图书"), &chars("馆项目")) > 0.0);
        // a word can be read across (和尚), but 的 / 和 | 尚未 reads better
        assert!(!super::reads_across(&chars("结婚的和"), &chars("尚未结婚")));
        assert_eq!(super::across(&chars("结婚的和"), &chars("尚未结婚")), 0.0);
        // 维和 can be read across 思维|和表达, but 思维 / 和 / 表达 reads better
        assert_eq!(super::across(&chars("培养思维"), &chars("和表达")), 0.0);
        assert!(!super::reads_across(&[], &chars("和表达")));
    }

    #[test]
    fn the_first_word_of_a_text_is_read_with_what_follows() {
        assert_eq!(super::first_word_len("的支持下，工作顺利推进"), 1);
        assert!(super::first_word_len("的确如此") > 1, "的确 or 的确如此");
        assert!(super::first_word_len("和平发展") > 1, "和平 or 和平发展");
        assert_eq!(super::first_word_len("和表达能力"), 1);
        assert_eq!(super::first_word_len("“新教室"), 0);
    }

    #[test]
    fn single_characters_are_no_words_of_their_own() {
        // the dictionary holds them for the reading, but `freq` answers for words of two and more
        assert!(super::logp(&['的']).is_some());
        assert_eq!(super::freq("的"), None);
    }

    #[test]
    fn a_word_across_a_line_break_is_seen() {
        assert!(super::spans_word("全面推进乡村振兴的实施意", "见 加快农业发展"));
        assert!(!super::spans_word("粮食产量稳步增加", "山区公路全线通车"));
    }
}
