//! Synthetic damaged pages with known truth: gold articles re-cut at random places into
//! column blocks (mid-word cuts included) and interleaved in new orders, continuations
//! before their headlines included. A seeded generator: the same seed, the same page.

use crate::eval::{Gold, GoldArticle, GoldPara};

/// SplitMix64: small, fast, good enough for test data, and stable across platforms.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..hi` (`lo` when the range is empty).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo {
            lo
        } else {
            lo + (self.next() % (hi - lo) as u64) as usize
        }
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.range(0, i + 1);
            v.swap(i, j);
        }
    }
}

/// A generated page and its truth.
#[derive(Debug, Clone)]
pub struct SynthPage {
    pub text: String,
    pub gold: Gold,
}

/// Articles fit to be re-cut: a headline and a body of some length.
pub fn usable(articles: &[GoldArticle]) -> Vec<GoldArticle> {
    articles
        .iter()
        .filter(|a| a.headline.is_some() && a.fragments().iter().map(|f| f.chars().count()).sum::<usize>() >= 120)
        .cloned()
        .collect()
}

struct Line {
    text: String,
}

/// Makes one page from 2-4 of `pool`'s articles.
pub fn page(pool: &[GoldArticle], seed: u64) -> SynthPage {
    let mut rng = Rng::new(seed);
    let mut idx: Vec<usize> = (0..pool.len()).collect();
    rng.shuffle(&mut idx);
    let k = rng.range(2, 5).min(pool.len());
    let mut blocks: Vec<(usize, usize, Vec<Line>)> = Vec::new(); // (article, block no, lines)
    let mut golds = Vec::new();
    let mut seen_headlines = Vec::new();
    for (ai, &pi) in idx.iter().take(k).enumerate() {
        let src = &pool[pi];
        let headline = src.headline.clone().unwrap_or_default();
        if seen_headlines.contains(&headline) {
            continue;
        }
        seen_headlines.push(headline.clone());
        // paragraphs as whole strings, then cut points in the character stream
        let paras: Vec<Vec<char>> = src
            .body
            .iter()
            .map(|p| match p {
                GoldPara::One(s) => s.chars().collect(),
                GoldPara::Many(v) => v.concat().chars().collect(),
            })
            .filter(|p: &Vec<char>| !p.is_empty())
            .collect();
        let total: usize = paras.iter().map(Vec::len).sum();
        let nblocks = rng.range(2, 5);
        let mut cuts: Vec<usize> = (1..nblocks).map(|_| rng.range(8, total.saturating_sub(8).max(9))).collect();
        cuts.sort_unstable();
        cuts.dedup();
        // walk the paragraphs, cutting at the chosen offsets
        let mut body: Vec<Vec<String>> = Vec::new();
        let mut block_lines: Vec<Vec<Line>> = vec![Vec::new()];
        let mut offset = 0;
        for p in &paras {
            let mut frags = Vec::new();
            let mut start = 0;
            for &c in cuts.iter().filter(|&&c| c > offset && c < offset + p.len()) {
                let piece: String = p[start..c - offset].iter().collect();
                frags.push(piece.clone());
                block_lines.last_mut().expect("one block at least").push(Line { text: piece });
                block_lines.push(Vec::new());
                start = c - offset;
            }
            let piece: String = p[start..].iter().collect();
            frags.push(piece.clone());
            block_lines.last_mut().expect("one block at least").push(Line { text: piece });
            if cuts.contains(&(offset + p.len())) {
                block_lines.push(Vec::new());
            }
            offset += p.len();
            body.push(frags);
        }
        // trim white space the way a page line would be trimmed
        let body: Vec<GoldPara> = body
            .into_iter()
            .map(|frags| GoldPara::Many(frags.into_iter().map(|f| f.trim().to_string()).filter(|f| !f.is_empty()).collect()))
            .collect();
        for (bi, mut lines) in block_lines.into_iter().enumerate() {
            lines.retain(|l| !l.text.trim().is_empty());
            if lines.is_empty() {
                continue;
            }
            if bi == 0 {
                lines.insert(0, Line { text: format!("## {headline}") });
            }
            blocks.push((ai, bi, lines));
        }
        golds.push(GoldArticle {
            id: Some(format!("synth-{ai}")),
            kind: Some("news".into()),
            headline: Some(headline),
            truncated: false,
            body,
            ..Default::default()
        });
    }
    // interleave: a random order of all blocks
    rng.shuffle(&mut blocks);
    let mut text = String::new();
    for (_, _, lines) in &blocks {
        for l in lines {
            text.push_str(l.text.trim());
            text.push_str("\n\n");
        }
    }
    SynthPage { text, gold: Gold { source: format!("synth-{seed}.txt"), articles: golds, noise: vec![] } }
}

/// A benchmark corpus: the pages named by the gold files of `gold_dir` (read from
/// `pages_dir`), then `count` pages made from their articles. Returns (file name, text).
pub fn corpus(gold_dir: &std::path::Path, pages_dir: &std::path::Path, count: u64) -> Result<Vec<(String, String)>, String> {
    let mut golds: Vec<std::path::PathBuf> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    golds.sort();
    let mut out = Vec::new();
    let mut articles = Vec::new();
    for g in golds {
        let gold = crate::eval::load_gold(&g)?;
        let page = pages_dir.join(&gold.source);
        let text = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        out.push((gold.source.clone(), text));
        articles.extend(gold.articles);
    }
    let pool = usable(&articles);
    if pool.len() < 2 {
        return Err(format!("{}: fewer than two usable gold articles to make pages from", gold_dir.display()));
    }
    for seed in 0..count {
        out.push((format!("synthetic/{:03}/{seed:06}.txt", seed / 1000), page(&pool, seed).text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_page_and_fragments_are_on_the_page() {
        let a = GoldArticle {
            headline: Some("标题一".into()),
            body: vec![GoldPara::One("第一段文字很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。".into())],
            ..Default::default()
        };
        let mut b = a.clone();
        b.headline = Some("标题二".into());
        let pool = vec![a, b];
        let p1 = page(&pool, 7);
        let p2 = page(&pool, 7);
        assert_eq!(p1.text, p2.text);
        for g in &p1.gold.articles {
            for f in g.fragments() {
                assert!(p1.text.lines().any(|l| l.contains(f.as_str())), "fragment {f:?} not on the page");
            }
        }
    }
}

