//! Stage 4: fragments and the continuity graph. Text blocks become fragments; headers
//! (kicker, headline, deck, byline) open the fragment under them; closing furniture (a
//! credit, a trailing dateline, a jump marker) closes the fragment above. Every possible
//! join from a fragment's end to another's start is an edge of a petgraph graph, scored by
//! separate signals whose weights come from the rules.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

use crate::classify::{Classified, Role};
use crate::dict;
use crate::rules::Rules;
use crate::text::{ends_sentence, han_head, han_tail, is_han, starts_mid_sentence};

/// A header: the furniture blocks printed above an article's first fragment.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// Indices into the classified blocks.
    pub blocks: Vec<usize>,
}

/// A fragment: one text block and what is known of its place.
#[derive(Debug, Clone)]
pub struct Fragment {
    /// Index of its block among the classified blocks.
    pub block: usize,
    pub text: String,
    /// It ends mid-sentence: it continues somewhere (or is truncated on this page).
    pub open: bool,
    /// It opens with a character that cannot start a sentence.
    pub mid_start: bool,
    /// It opens an article (a header above it, a byline prefix, a jump marker from a page).
    pub lead: bool,
    /// The header above it.
    pub header: Option<Header>,
    /// Furniture that closes it (credit, dateline, jump marker, trailing byline).
    pub closing: Vec<usize>,
    /// Blank lines before it on the page.
    pub gap_before: usize,
}

impl Fragment {
    /// It may not be followed: closing furniture ends its article.
    pub fn closed_by_furniture(&self) -> bool {
        !self.closing.is_empty()
    }
}

/// One signal's contribution to a join's score.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Signal {
    pub name: &'static str,
    pub value: f64,
}

/// A scored candidate join.
#[derive(Debug, Clone, Serialize)]
pub struct Join {
    pub score: f64,
    pub signals: Vec<Signal>,
}

/// The fragments of a page, with the headers nobody sits under and the continuity graph.
pub struct Continuity {
    pub fragments: Vec<Fragment>,
    pub graph: DiGraph<usize, Join>,
    pub nodes: Vec<NodeIndex>,
    /// Header groups with no text under them (for leftovers or matching by content).
    pub orphan_headers: Vec<Header>,
    /// Closing furniture that stands before any fragment.
    pub stray: Vec<usize>,
}

fn is_header_role(r: Role) -> bool {
    matches!(r, Role::Headline | Role::Kicker | Role::Deck)
}

/// Groups furniture with the fragments it belongs to.
pub fn fragments(blocks: &[Classified], rules: &Rules) -> (Vec<Fragment>, Vec<Header>, Vec<usize>) {
    let mut frags: Vec<Fragment> = Vec::new();
    let mut orphans = Vec::new();
    let mut stray = Vec::new();
    let mut pending: Vec<usize> = Vec::new(); // furniture since the last fragment
    let flush = |pending: &mut Vec<usize>, frags: &mut Vec<Fragment>, stray: &mut Vec<usize>, orphans: &mut Vec<Header>, next_is_text: bool| -> Option<Header> {
        if pending.is_empty() {
            return None;
        }
        // furniture before the first headline closes the previous fragment
        let first_head = pending.iter().position(|&i| is_header_role(blocks[i].role));
        let split = first_head.unwrap_or_else(|| {
            // no headline: bylines and jump-from markers followed by text lead it
            if next_is_text {
                pending.iter().position(|&i| matches!(blocks[i].role, Role::JumpFrom) || (blocks[i].role == Role::Byline && frags.is_empty())).unwrap_or(pending.len())
            } else {
                pending.len()
            }
        });
        let leading: Vec<usize> = pending.drain(split..).collect();
        for i in pending.drain(..) {
            match frags.last_mut() {
                Some(f) => f.closing.push(i),
                None => stray.push(i),
            }
        }
        if leading.is_empty() {
            return None;
        }
        let h = Header { blocks: leading };
        if next_is_text {
            Some(h)
        } else {
            orphans.push(h);
            None
        }
    };
    for (i, c) in blocks.iter().enumerate() {
        match c.role {
            Role::Noise => {}
            r if r.is_text() => {
                let header = flush(&mut pending, &mut frags, &mut stray, &mut orphans, true);
                let closing_furniture = !c.back.is_empty();
                frags.push(Fragment {
                    block: i,
                    text: c.text.clone(),
                    open: c.role != Role::Intertitle && !ends_sentence(&c.text, rules) && !closing_furniture,
                    mid_start: starts_mid_sentence(&c.text, rules),
                    lead: header.is_some() || !c.front.is_empty(),
                    header,
                    closing: vec![],
                    gap_before: c.block.gap_before,
                });
                if closing_furniture {
                    // a trailing dateline or jump marker closes the fragment
                    frags.last_mut().expect("just pushed").closing.push(i);
                }
            }
            _ => pending.push(i),
        }
    }
    flush(&mut pending, &mut frags, &mut stray, &mut orphans, false);
    (frags, orphans, stray)
}

/// Character bigrams of Han text with their weight on this page (inverse fragment frequency).
struct Topics {
    grams: Vec<BTreeSet<[char; 2]>>,
    idf: BTreeMap<[char; 2], f64>,
}

impl Topics {
    fn new(frags: &[Fragment]) -> Topics {
        let grams: Vec<BTreeSet<[char; 2]>> = frags
            .iter()
            .map(|f| han_bigrams(&f.text))
            .collect();
        let mut df: BTreeMap<[char; 2], usize> = BTreeMap::new();
        for g in &grams {
            for b in g {
                *df.entry(*b).or_default() += 1;
            }
        }
        let n = frags.len().max(1) as f64;
        let idf = df.into_iter().map(|(k, d)| (k, ((n + 1.0) / d as f64).ln() * rarity(k))).collect();
        Topics { grams, idf }
    }

    /// Weighted overlap of the bigram sets of two groups of fragments: the weight of the
    /// shared bigrams over the weight of the smaller set (0 = nothing shared, 1 = contained).
    fn similarity(&self, a: &[usize], b: &[usize]) -> f64 {
        let set = |ix: &[usize]| -> BTreeSet<[char; 2]> { ix.iter().flat_map(|&i| self.grams[i].iter().copied()).collect() };
        let (sa, sb) = (set(a), set(b));
        let w = |g: &[char; 2]| self.idf.get(g).copied().unwrap_or(0.0);
        let na: f64 = sa.iter().map(w).sum();
        let nb: f64 = sb.iter().map(w).sum();
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        sa.intersection(&sb).map(w).sum::<f64>() / na.min(nb)
    }
}

/// Topic evidence from a similarity: bounded support above the baseline (within one article
/// everything is similar, so it cannot order fragments), a penalty below it (nothing shared).
fn topic_signal(sim: f64, rules: &Rules) -> f64 {
    let base = rules.weight("topic_baseline");
    if sim >= base {
        rules.weight("topic") * (sim - base).min(rules.weight("topic_cap"))
    } else {
        rules.weight("topic_miss") * (base - sim) / base.max(1e-9)
    }
}

/// The bigrams of adjacent Han characters of a text.
pub(crate) fn han_bigrams(text: &str) -> BTreeSet<[char; 2]> {
    let cs: Vec<char> = text.chars().collect();
    cs.windows(2).filter(|w| is_han(w[0]) && is_han(w[1])).map(|w| [w[0], w[1]]).collect()
}

/// How rare a bigram is in Chinese at large: common words (建设, 近年) weigh little, rare
/// words and bigrams that are no word (parts of names: 扎西, 西镇) weigh most.
pub(crate) fn rarity(g: [char; 2]) -> f64 {
    let mut buf = [0u8; 8];
    let a = g[0].encode_utf8(&mut buf).len();
    let b = g[1].encode_utf8(&mut buf[a..]).len();
    let w = std::str::from_utf8(&buf[..a + b]).unwrap_or("");
    match dict::freq(w) {
        Some(f) => (1.0 - ((1 + f) as f64).ln() / 1e6f64.ln()).clamp(0.05, 1.0),
        None => 0.7,
    }
}

/// Every string of 3 or 4 Han characters inside one fragment of the page, collected once
/// so that the cut signal does not rescan the page for every candidate join.
fn page_ngrams(frags: &[Fragment]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in frags {
        let cs: Vec<char> = f.text.chars().collect();
        for n in 3..=4 {
            for w in cs.windows(n).filter(|w| w.iter().all(|c| is_han(*c))) {
                out.insert(w.iter().collect());
            }
        }
    }
    out
}

/// The words that form across a cut: the best dictionary word spanning it, scaled by length
/// and frequency, and whether the spanning string occurs elsewhere on the page.
fn cut_word(tail: &str, head: &str, page: &BTreeSet<String>) -> (f64, f64) {
    let t: Vec<char> = han_tail(tail, 3).chars().collect();
    let h: Vec<char> = han_head(head, 3).chars().collect();
    let mut best: f64 = 0.0;
    let mut ngram: f64 = 0.0;
    for k in 1..=t.len() {
        for m in 1..=h.len() {
            if k + m > 4 {
                continue;
            }
            let w: String = t[t.len() - k..].iter().chain(h[..m].iter()).collect();
            if let Some(f) = dict::freq(&w) {
                let s = (k + m) as f64 / 3.0 * (1.0 + (f as f64).ln() / 8.0).min(1.6);
                best = best.max(s);
            }
            if k + m >= 3 && page.contains(&w) {
                ngram = ngram.max((k + m - 2) as f64);
            }
        }
    }
    (best, ngram.min(1.0))
}

/// What the topic signal compares for each fragment: the texts read before it (`back`,
/// itself included) and from it on (`fwd`, itself included).
#[derive(Debug, Clone)]
pub struct Contexts {
    pub back: Vec<Vec<usize>>,
    pub fwd: Vec<Vec<usize>>,
}

impl Contexts {
    /// Each fragment on its own.
    pub fn single(n: usize) -> Contexts {
        Contexts { back: (0..n).map(|i| vec![i]).collect(), fwd: (0..n).map(|i| vec![i]).collect() }
    }

    /// The article so far and the article from here on, as the chosen chains read them.
    pub fn from_chains(succ: &[Option<(usize, f64)>], depth: usize) -> Contexts {
        let n = succ.len();
        let mut pred = vec![None; n];
        for (u, s) in succ.iter().enumerate() {
            if let Some((v, _)) = s {
                pred[*v] = Some(u);
            }
        }
        let walk = |start: usize, step: &dyn Fn(usize) -> Option<usize>| {
            let mut out = vec![start];
            let mut cur = start;
            while out.len() < depth {
                match step(cur) {
                    Some(x) if !out.contains(&x) => {
                        out.push(x);
                        cur = x;
                    }
                    _ => break,
                }
            }
            out
        };
        Contexts {
            back: (0..n).map(|i| walk(i, &|x| pred[x])).collect(),
            fwd: (0..n).map(|i| walk(i, &|x| succ[x].map(|s| s.0))).collect(),
        }
    }
}

/// Builds the continuity graph: every allowed join, scored.
pub fn continuity(blocks: &[Classified], rules: &Rules) -> Continuity {
    let (frags, orphan_headers, stray) = fragments(blocks, rules);
    let ctx = Contexts::single(frags.len());
    let mut c = Continuity { fragments: frags, graph: DiGraph::new(), nodes: vec![], orphan_headers, stray };
    score_joins(&mut c, blocks, rules, &ctx);
    c
}

/// (Re)scores every allowed join of the fragments, comparing topics over `ctx`.
pub fn score_joins(c: &mut Continuity, blocks: &[Classified], rules: &Rules, ctx: &Contexts) {
    let frags = &c.fragments;
    let topics = Topics::new(frags);
    let page = page_ngrams(frags);
    let mut gaps: Vec<usize> = frags.iter().skip(1).map(|f| f.gap_before).collect();
    gaps.sort_unstable();
    let usual_gap = gaps.get(gaps.len() / 2).copied().unwrap_or(1);
    let w = |n: &str| rules.weight(n);
    let mut graph = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..frags.len()).map(|i| graph.add_node(i)).collect();
    let limit = 400; // beyond this many fragments, only joins within a window are scored
    for (u, fu) in frags.iter().enumerate() {
        if fu.closed_by_furniture() {
            continue;
        }
        for (v, fv) in frags.iter().enumerate() {
            if u == v || fv.lead || (frags.len() > limit && u.abs_diff(v) > limit / 2) {
                continue;
            }
            let mut signals = Vec::new();
            let mut add = |name: &'static str, value: f64| {
                if value != 0.0 {
                    signals.push(Signal { name, value });
                }
            };
            let adjacent = v == u + 1;
            if adjacent {
                add("adjacent", if fu.open { w("adjacent_open") } else { w("adjacent") });
                if fv.gap_before > usual_gap + 1 {
                    add("adjacent_wide_gap", w("adjacent_wide_gap"));
                }
            } else {
                add("far_penalty", w("far_penalty") * (u.abs_diff(v) as f64 / 10.0).min(5.0));
                if v < u {
                    add("backward", w("backward"));
                }
            }
            if fu.open {
                add("open_tail", w("open_tail"));
                let (word, ngram) = cut_word(&fu.text, &fv.text, &page);
                add("cut_word", w("cut_word") * word);
                add("cut_page_ngram", w("cut_page_ngram") * ngram);
                if fv.mid_start {
                    add("head_continues", w("head_continues"));
                }
                if !adjacent && v > 0 && !frags[v - 1].open && !frags[v - 1].closed_by_furniture() {
                    add("head_after_sentence_end", w("head_after_sentence_end"));
                }
                if blocks[fv.block].role == Role::Intertitle {
                    add("open_to_new_paragraph", w("open_to_new_paragraph"));
                }
            } else {
                if fv.mid_start {
                    add("closed_to_continuation", w("closed_to_continuation"));
                }
                if !adjacent {
                    add("closed_jump", w("closed_jump"));
                }
            }
            // the two sides never share a fragment, and always hold u and v themselves
            let fwd: Vec<usize> = std::iter::once(v).chain(ctx.fwd[v].iter().copied().skip(1).take_while(|&x| x != u && !ctx.back[u].contains(&x))).collect();
            let back: Vec<usize> = std::iter::once(u).chain(ctx.back[u].iter().copied().skip(1).take_while(|x| !fwd.contains(x))).collect();
            let sim = if fwd.is_empty() || back.is_empty() { 0.0 } else { topics.similarity(&back, &fwd) };
            // sharing nothing is evidence only when both sides have text enough to share something
            let mass = |ix: &[usize]| ix.iter().map(|&i| frags[i].text.chars().count()).sum::<usize>() as f64;
            let evidence = (mass(&back).min(mass(&fwd)) / w("topic_min_chars")).min(1.0);
            let t = topic_signal(sim, rules);
            // a finished paragraph followed by the next one on the page is the page's own order:
            // sharing nothing rare weighs less against it
            let trust = if !fu.open && adjacent { w("topic_miss_in_order") } else { 1.0 };
            add("topic", if t < 0.0 { t * evidence * trust } else { t });
            let score = signals.iter().map(|s| s.value).sum();
            graph.add_edge(nodes[u], nodes[v], Join { score, signals });
        }
    }
    c.graph = graph;
    c.nodes = nodes;
}

