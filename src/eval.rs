//! Scores extractions against gold articles with the metrics of the reference scorer
//! (`shared/eval/score.py`, described in its FORMAT.md), computed the same way.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// A gold paragraph: one fragment or several.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum GoldPara {
    One(String),
    Many(Vec<String>),
}

impl GoldPara {
    /// The paragraph's text, its fragments joined.
    pub fn text(&self) -> String {
        match self {
            GoldPara::One(s) => s.clone(),
            GoldPara::Many(v) => v.concat(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct GoldArticle {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub kicker: Option<String>,
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub headline_alt: Vec<String>,
    #[serde(default)]
    pub subheadline: Option<String>,
    #[serde(default)]
    pub dateline: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub byline: Option<String>,
    #[serde(default)]
    pub continued_from: Option<String>,
    #[serde(default)]
    pub continues_to: Option<String>,
    #[serde(default)]
    pub truncated: bool,
    #[serde(default)]
    pub body: Vec<GoldPara>,
    /// What the article is about (a source's subject, or the page it was printed on): the
    /// synthetic generator sets articles of one topic on a page, as a newspaper page has a
    /// theme. Not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
}

impl GoldArticle {
    pub fn fragments(&self) -> Vec<String> {
        self.body
            .iter()
            .flat_map(|p| match p {
                GoldPara::One(s) => vec![s.clone()],
                GoldPara::Many(v) => v.clone(),
            })
            .collect()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct Gold {
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub articles: Vec<GoldArticle>,
    #[serde(default)]
    pub noise: Vec<String>,
}

/// A predicted article as the scorer reads it.
#[derive(Debug, Clone, Default)]
pub struct Pred {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub dateline: Option<String>,
    pub text: String,
}

impl Pred {
    pub fn from_article(a: &crate::Article) -> Pred {
        Pred { headline: a.headline.clone(), authors: a.authors.clone(), dateline: a.dateline.clone(), text: a.paragraphs.iter().map(|p| norm(p)).collect() }
    }
}

pub use crate::read::fold_radicals;

/// The scorer's comparison form: NFKC, radicals folded, no white space.
pub fn norm(s: &str) -> String {
    let t: String = s.nfkc().collect();
    fold_radicals(&t).chars().filter(|c| !c.is_whitespace()).collect()
}

fn opt_norm(s: &Option<String>) -> String {
    s.as_deref().map(norm).unwrap_or_default()
}

/// Counts (hits, total) of every metric.
pub type Counts = BTreeMap<&'static str, (usize, usize)>;

pub const METRICS: [&str; 8] = ["articles_exact", "pairs", "hard_pairs", "recall", "precision", "headline", "authors", "dateline"];

fn empty_counts() -> Counts {
    METRICS.iter().map(|m| (*m, (0, 0))).collect()
}

fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    hay.get(from..)?.find(needle).map(|i| i + from)
}

/// Line of each fragment: the first place at or after the previous fragment, else anywhere.
fn locate(lines: &[&str], frags: &[String]) -> Vec<Option<usize>> {
    let mut found = Vec::new();
    let (mut line, mut col) = (0usize, 0usize);
    for frag in frags {
        let mut at = None;
        for (i, text) in lines.iter().enumerate().skip(line) {
            let start = if i == line { col } else { 0 };
            if let Some(p) = find_from(text, frag, start) {
                at = Some(i);
                col = p + frag.len();
                break;
            }
        }
        if at.is_none() {
            if let Some(i) = lines.iter().position(|t| t.contains(frag.as_str())) {
                at = Some(i);
                col = lines[i].find(frag.as_str()).unwrap_or(0) + frag.len();
            }
        }
        found.push(at);
        if let Some(i) = at {
            line = i;
        }
    }
    found
}

fn next_nonblank(lines: &[&str], i: usize) -> usize {
    let mut j = i + 1;
    while j < lines.len() && lines[j].trim().is_empty() {
        j += 1;
    }
    j
}

fn is_neighbour(lines: &[&str], a: Option<usize>, b: Option<usize>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => b == a || b == next_nonblank(lines, a),
        _ => false,
    }
}

/// Positions (in chars) of the fragments found in order in `text`.
fn follow(text: &str, frags: &[String]) -> Vec<Option<(usize, bool)>> {
    let mut pos = Vec::new();
    let mut cursor = 0;
    for f in frags {
        match find_from(text, f, cursor) {
            Some(i) => {
                pos.push(Some((i, true)));
                cursor = i + f.len();
            }
            None => pos.push(text.find(f.as_str()).map(|i| (i, false))),
        }
    }
    pos
}

/// One gold article's outcome, for `--verbose`.
#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    pub id: String,
    pub exact: bool,
    pub headline: bool,
    pub order: bool,
    pub found: usize,
    pub total: usize,
    pub pure: bool,
}

/// Scores one page: the gold, the page text, the predicted articles.
pub fn score_page(gold: &Gold, page: &str, preds: &[Pred]) -> (Counts, Vec<Detail>) {
    let lines: Vec<&str> = page.split('\n').collect();
    let mut res = empty_counts();
    let add = |res: &mut Counts, k: &'static str, hit: usize, total: usize| {
        let e = res.get_mut(k).expect("known metric");
        e.0 += hit;
        e.1 += total;
    };
    let clen = |s: &str| s.chars().count();
    let mut matched = Vec::new();
    for g in &gold.articles {
        let frags: Vec<String> = g.fragments().iter().map(|f| norm(f)).collect();
        let (mut best, mut best_chars) = (None, 0);
        for (j, p) in preds.iter().enumerate() {
            let chars: usize = frags.iter().filter(|f| !f.is_empty() && p.text.contains(f.as_str())).map(|f| clen(f)).sum();
            if chars > best_chars {
                best = Some(j);
                best_chars = chars;
            }
        }
        matched.push(best);
    }
    let mut owners: HashMap<usize, Vec<usize>> = HashMap::new();
    for (gi, pj) in matched.iter().enumerate() {
        if let Some(pj) = pj {
            owners.entry(*pj).or_default().push(gi);
        }
    }
    for (j, p) in preds.iter().enumerate() {
        let chars: Vec<char> = p.text.chars().collect();
        if chars.is_empty() {
            continue;
        }
        let mut covered = 0;
        if let Some(gi) = owners.get(&j).and_then(|g| g.first()) {
            let mut mask = vec![false; chars.len()];
            for f in gold.articles[*gi].fragments().iter().map(|f| norm(f)) {
                let mut start = 0;
                while !f.is_empty() {
                    let Some(i) = find_from(&p.text, &f, start) else { break };
                    let ci = p.text[..i].chars().count();
                    for m in mask.iter_mut().skip(ci).take(clen(&f)) {
                        *m = true;
                    }
                    start = i + f.len();
                }
            }
            covered = mask.iter().filter(|m| **m).count();
        }
        add(&mut res, "precision", covered, chars.len());
    }
    let mut details = Vec::new();
    let nobody = Pred::default();
    for (gi, g) in gold.articles.iter().enumerate() {
        let raw = g.fragments();
        let frags: Vec<String> = raw.iter().map(|f| norm(f)).collect();
        let where_ = locate(&lines, &raw);
        let p = matched[gi].map(|j| &preds[j]).unwrap_or(&nobody);
        let pos = follow(&p.text, &frags);
        let found: usize = frags.iter().zip(&pos).filter(|(_, q)| q.is_some()).map(|(f, _)| clen(f)).sum();
        let total: usize = frags.iter().map(|f| clen(f)).sum();
        add(&mut res, "recall", found, total);
        let mut ok_pairs = true;
        for i in 0..frags.len().saturating_sub(1) {
            let good = match (pos[i], pos[i + 1]) {
                (Some((a, true)), Some((b, true))) => b == a + frags[i].len(),
                _ => false,
            };
            add(&mut res, "pairs", good as usize, 1);
            if !is_neighbour(&lines, where_[i], where_[i + 1]) {
                add(&mut res, "hard_pairs", good as usize, 1);
            }
            ok_pairs &= good;
        }
        let alts: Vec<String> = std::iter::once(&g.headline).flatten().chain(g.headline_alt.iter()).map(|h| norm(h)).filter(|h| !h.is_empty()).collect();
        let head_ok = if alts.is_empty() { opt_norm(&p.headline).is_empty() } else { alts.contains(&opt_norm(&p.headline)) };
        add(&mut res, "headline", head_ok as usize, 1);
        if !g.authors.is_empty() || !p.authors.is_empty() {
            let mut a: Vec<String> = g.authors.iter().map(|x| norm(x)).collect();
            let mut b: Vec<String> = p.authors.iter().map(|x| norm(x)).collect();
            a.sort();
            b.sort();
            add(&mut res, "authors", (a == b) as usize, 1);
        }
        if g.dateline.as_deref().is_some_and(|d| !d.is_empty()) {
            add(&mut res, "dateline", (opt_norm(&p.dateline) == opt_norm(&g.dateline)) as usize, 1);
        }
        let mut pure = matched[gi].is_some_and(|j| owners.get(&j).map(Vec::len) == Some(1));
        if pure {
            let t = clen(&p.text);
            pure = t > 0 && found as f64 >= 0.99 * t as f64;
        }
        let exact = found == total && ok_pairs && head_ok && pure;
        add(&mut res, "articles_exact", exact as usize, 1);
        details.push(Detail { id: g.id.clone().unwrap_or_default(), exact, headline: head_ok, order: ok_pairs, found, total, pure });
    }
    (res, details)
}

/// A gold join the extraction did not make: fragment `from` (its last page line) goes on to
/// `to` in the gold, while the extraction read on from that line to `got` (its first line and
/// the join's confidence), ended the article there (`got` is `None`), or left the line out of
/// every article's text (`placed` is false; `header` says whether it went to a header). Lines
/// are 1-based.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissedJoin {
    pub id: String,
    pub from: usize,
    pub to: usize,
    pub placed: bool,
    pub header: bool,
    pub got: Option<(usize, Option<f64>)>,
    /// What was read before `to`, if it is in an article's text.
    pub before: Option<Before>,
}

/// What the extraction read before the head of a missed join.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Before {
    /// The line after another line (1-based).
    Line(usize),
    /// The line opens an article; `headed` when the article has a headline.
    Opens { headed: bool },
}

/// The gold joins the articles did not make, in gold order. The articles' provenance is read
/// line by line: the lines of one piece follow each other (a block unwrapped from several page
/// lines), and a piece's last line goes on to the next piece's first. Fragments the page does
/// not hold, and pairs of fragments on one line, are passed over.
pub fn missed_joins(gold: &Gold, page: &str, articles: &[crate::Article]) -> Vec<MissedJoin> {
    let lines: Vec<&str> = page.split('\n').collect();
    // line → the line read after it (and the join's confidence between pieces), or None at
    // an article's end
    let mut next: HashMap<usize, Option<(usize, Option<f64>)>> = HashMap::new();
    // line → what was read before it
    let mut before: HashMap<usize, Before> = HashMap::new();
    for a in articles {
        let pieces: Vec<&crate::assemble::Source> = a.provenance.iter().flatten().collect();
        if let Some(&first) = pieces.first().and_then(|p| p.lines.first()) {
            before.insert(first, Before::Opens { headed: a.headline.is_some() });
        }
        for (k, piece) in pieces.iter().enumerate() {
            for w in piece.lines.windows(2) {
                next.insert(w[0], Some((w[1], None)));
                before.insert(w[1], Before::Line(w[0]));
            }
            if let Some(&last) = piece.lines.last() {
                let after = pieces.get(k + 1).and_then(|p| p.lines.first().map(|&f| (f, p.join)));
                if let Some((f, _)) = after {
                    before.insert(f, Before::Line(last));
                }
                next.insert(last, after);
            }
        }
    }
    let mut missed = Vec::new();
    for g in &gold.articles {
        let where_ = locate(&lines, &g.fragments());
        for w in where_.windows(2) {
            let (Some(a), Some(b)) = (w[0], w[1]) else { continue };
            if a == b {
                continue;
            }
            let (from, to) = (a + 1, b + 1);
            let got = next.get(&from);
            if got.is_some_and(|n| n.is_some_and(|(x, _)| x == to)) {
                continue;
            }
            let header = articles.iter().any(|x| x.header_lines.contains(&from));
            missed.push(MissedJoin { id: g.id.clone().unwrap_or_default(), from, to, placed: got.is_some(), header, got: got.copied().flatten(), before: before.get(&to).copied() });
        }
    }
    missed
}

/// One line of the `--joins` report: the gold join, what was read instead, and the texts
/// around the cut (the end of the line before, the starts of the two lines after). `lines`
/// are the page's lines (split at `\n`, as [`missed_joins`] numbers them), split once for all
/// of a page's misses.
pub fn missed_line(lines: &[&str], m: &MissedJoin) -> String {
    let text = |l: usize| lines.get(l.wrapping_sub(1)).map_or("", |t| t.trim());
    let end = |l: usize| {
        let cs: Vec<char> = text(l).chars().collect();
        cs[cs.len().saturating_sub(10)..].iter().collect::<String>()
    };
    let start = |l: usize| text(l).chars().take(10).collect::<String>();
    let instead = match (m.placed, m.got) {
        (false, _) if m.header => "the line was read as a header".to_string(),
        (false, _) => "the line is in no article (a leftover)".to_string(),
        (true, None) => "the article ends there".to_string(),
        (true, Some((x, Some(c)))) => format!("read on to line {x} ({c:.2}): …{}|{}…", end(m.from), start(x)),
        (true, Some((x, None))) => format!("read on to line {x}: …{}|{}…", end(m.from), start(x)),
    };
    let head = match m.before {
        Some(Before::Line(x)) => format!("line {} follows line {x}", m.to),
        Some(Before::Opens { headed: true }) => format!("line {} opens an article under a headline", m.to),
        Some(Before::Opens { headed: false }) => format!("line {} opens an article with no headline", m.to),
        None => format!("line {} is in no article's text", m.to),
    };
    format!("{}: line {} → {} missed (…{}|{}…); {instead}; {head}", m.id, m.from, m.to, end(m.from), start(m.to))
}

/// Ratio as the scorer prints it (rounded to 4 places; 1.0 when nothing was counted).
pub fn ratio((a, b): (usize, usize)) -> f64 {
    if b == 0 {
        1.0
    } else {
        (a as f64 / b as f64 * 10000.0).round() / 10000.0
    }
}

pub fn add_counts(total: &mut Counts, c: &Counts) {
    for (k, (a, b)) in c {
        let e = total.entry(k).or_insert((0, 0));
        e.0 += a;
        e.1 += b;
    }
}

/// Reads a gold file.
pub fn load_gold(path: &Path) -> Result<Gold, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_saphyr::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The scorer's one-line summary of totals.
pub fn summary_line(total: &Counts) -> String {
    let parts: Vec<String> = METRICS.iter().map(|m| format!("{m}={}", py_float(ratio(total[m])))).collect();
    format!("TOTAL {}", parts.join(" "))
}

/// A float as Python prints it (1.0, 0.7, 0.6956).
pub fn py_float(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

/// Per-page line as the scorer prints it.
pub fn page_line(name: &str, c: &Counts) -> String {
    let parts: Vec<String> = METRICS.iter().map(|m| format!("{m}={}/{}", c[m].0, c[m].1)).collect();
    format!("{name} {}", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::{Article, Source};

    /// An article of the given pieces: (page lines, join confidence) per paragraph.
    fn article(paragraphs: &[&[(&[usize], Option<f64>)]], header_lines: &[usize]) -> Article {
        Article {
            kicker: None,
            headline: None,
            subheadline: None,
            byline: None,
            authors: vec![],
            dateline: None,
            continued_from: None,
            continues_to: None,
            truncated: false,
            paragraphs: paragraphs.iter().map(|_| String::new()).collect(),
            provenance: paragraphs.iter().map(|p| p.iter().map(|(l, j)| Source { lines: l.to_vec(), join: *j }).collect()).collect(),
            header_lines: header_lines.to_vec(),
            joins: vec![],
        }
    }

    fn gold(articles: &[(&str, &[&str])]) -> Gold {
        Gold {
            source: "page.txt".into(),
            articles: articles
                .iter()
                .map(|(id, frags)| GoldArticle { id: Some(id.to_string()), body: vec![GoldPara::Many(frags.iter().map(|f| f.to_string()).collect())], ..Default::default() })
                .collect(),
            noise: vec![],
        }
    }

    // lines 1, 3, 5 and 7: a cut paragraph of one report with another's paragraph between
    const PAGE: &str = "某镇新建的图书\n\n另一篇报道的段落。\n\n馆今天开放。\n\n新馆标题";

    fn page_lines() -> Vec<&'static str> {
        PAGE.split('\n').collect()
    }

    #[test]
    fn a_join_made_as_the_gold_makes_it_is_not_reported() {
        let g = gold(&[("library", &["某镇新建的图书", "馆今天开放。"]), ("other", &["另一篇报道的段落。"])]);
        let right = [article(&[&[(&[1], None), (&[5], Some(0.9))]], &[]), article(&[&[(&[3], None)]], &[])];
        assert_eq!(missed_joins(&g, PAGE, &right), vec![]);
        // (an unwrapped block's lines follow each other within one piece)
        assert_eq!(missed_joins(&g, PAGE, &[article(&[&[(&[1, 5], None)]], &[])]), vec![]);
    }

    #[test]
    fn a_missed_join_says_what_was_read_instead() {
        let g = gold(&[("library", &["某镇新建的图书", "馆今天开放。"])]);
        let wrong = [article(&[&[(&[1], None), (&[3], Some(0.62))]], &[]), article(&[&[(&[5], None)]], &[])];
        let m = missed_joins(&g, PAGE, &wrong);
        assert_eq!(m, vec![MissedJoin { id: "library".into(), from: 1, to: 5, placed: true, header: false, got: Some((3, Some(0.62))), before: Some(Before::Opens { headed: false }) }]);
        let line = missed_line(&page_lines(), &m[0]);
        assert!(line.contains("line 1 → 5 missed (…某镇新建的图书|馆今天开放。…)"), "{line}");
        assert!(line.contains("read on to line 3 (0.62): …某镇新建的图书|另一篇报道的段落。…"), "{line}");
        assert!(line.ends_with("; line 5 opens an article with no headline"), "{line}");
        // the article ended at the cut
        let ended = [article(&[&[(&[1], None)]], &[]), article(&[&[(&[5], None)]], &[])];
        let m = missed_joins(&g, PAGE, &ended);
        assert_eq!((m[0].placed, m[0].got), (true, None));
        assert!(missed_line(&page_lines(), &m[0]).contains("; the article ends there; line 5 opens"));
        // the head read after another line
        let elsewhere = [article(&[&[(&[1], None)]], &[]), article(&[&[(&[3], None), (&[5], Some(0.5))]], &[])];
        let m = missed_joins(&g, PAGE, &elsewhere);
        assert_eq!(m[0].before, Some(Before::Line(3)));
        assert!(missed_line(&page_lines(), &m[0]).ends_with("; line 5 follows line 3"));
    }

    #[test]
    fn a_line_in_no_article_text_is_a_header_or_a_leftover() {
        let g = gold(&[("library", &["新馆标题", "某镇新建的图书"])]);
        let headed = [article(&[&[(&[1], None)]], &[7])];
        let m = missed_joins(&g, PAGE, &headed);
        assert_eq!((m[0].from, m[0].to, m[0].placed, m[0].header), (7, 1, false, true));
        assert!(missed_line(&page_lines(), &m[0]).contains("; the line was read as a header; line 1 opens an article with no headline"));
        let m = missed_joins(&g, PAGE, &[article(&[&[(&[1], None)]], &[])]);
        assert!(missed_line(&page_lines(), &m[0]).contains("; the line is in no article (a leftover);"));
    }
}
