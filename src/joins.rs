//! Stage 4: fragments and the continuity graph. Text blocks become fragments; headers
//! (kicker, headline, deck, byline) open the fragment under them; closing furniture (a
//! credit, a trailing dateline, a jump marker) closes the fragment above. Every possible
//! join from a fragment's end to another's start is an edge of a petgraph graph, scored by
//! separate signals whose weights come from the rules.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

use crate::blocks::{Block, INDENT_CELLS};
use crate::classify::{Classified, Role};
use crate::dict;
use crate::rules::{Kind, Rules};
use crate::streams::Streams;
use crate::text::{ends_open, ends_sentence, han_head, han_tail, is_han, list_cut, list_head, list_tail, other_measure, same_measure, starts_mid_sentence, width, NumberEnds};

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
    /// It opens on a one-character word no sentence opens with (站…): the rest of a word cut
    /// in two (see [`crate::text::opens_on_broken_word`]).
    pub broken_head: bool,
    /// A numbered heading inside an article (一、…, (三)…): text follows it, no article ends
    /// on it.
    pub heading: bool,
    /// It opens an article (a header above it, a byline prefix, a jump marker from a page).
    pub lead: bool,
    /// The header above it.
    pub header: Option<Header>,
    /// Furniture that closes it (credit, dateline, jump marker, trailing byline).
    pub closing: Vec<usize>,
    /// Blank lines before it on the page.
    pub gap_before: usize,
    /// The measure of a hard-wrapped paragraph (median line width in half-width cells), if it
    /// has lines enough to tell.
    pub measure: Option<usize>,
    /// Read under a headline that is not its own, the foot of the column beside (see
    /// [`displaced_leads`]): the last fragment before it in its measure, which it goes on from.
    pub foot_of: Option<usize>,
    /// Its first line, of full-width characters only and followed by more of its own lines, falls
    /// short of the block's measure by a paragraph's indent (two characters): it opens a
    /// paragraph of an indented column, which the extraction read without the indent (see
    /// [`indented_first_line`]).
    pub indented_head: bool,
    /// Read as a lead for the header over it, which went to another article: only a cut text
    /// goes on into it (see [`crate::headers::leads_without_heads`]).
    pub header_elsewhere: bool,
    /// Its closing furniture is a byline read between its cut end and a text that goes on from
    /// it (another box's, printed at the column's foot): the byline stays its article's, and it
    /// may still be followed.
    pub read_through: bool,
}

/// The text is marks of punctuation alone (a lone 。 at a cell's top, cut from the sentence it
/// ends): a cut piece, not a finished paragraph.
fn only_marks(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| !c.is_alphanumeric())
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
    /// Joins set by the grid stage (re-reading a box scraped cell by cell), not by the solver.
    pub regridded: FxHashSet<(usize, usize)>,
    /// The reading order the adjacency signals follow.
    pub order: Order,
    /// What the scorer looks up on the page, built once for both scoring passes.
    index: PageIndex,
}

impl Continuity {
    /// Topic similarity of two groups of fragments (shared rare bigrams over the smaller
    /// group's weight).
    pub fn topic_similarity(&self, a: &[usize], b: &[usize]) -> f64 {
        self.index.topics.similarity(a, b)
    }

    /// Some join into one of `targets` beats leaving its tail open (the solver may take it).
    pub fn joins_into(&self, targets: &[usize]) -> bool {
        targets.iter().any(|&v| self.graph.edges_directed(self.nodes[v], petgraph::Direction::Incoming).any(|e| e.weight().score > 0.0))
    }

    /// The evidence of the two texts alone that fragment `v` continues fragment `u`: the cut
    /// signals of the scorer, without page order, headers, closing furniture or the previous
    /// pass's chains (for re-reading an article whose fragments are already known).
    pub fn text_join(&self, u: usize, v: usize, w: &CutWeights) -> f64 {
        let tail = if self.fragments[u].open { w.open_tail } else { 0.0 };
        tail + self.index.runs_on(&self.fragments, u, v, w)
    }

    /// What says that open fragment `u`'s text runs on into `v`: a word or a string of the
    /// page across the cut, a number cut in two, a head that cannot start a sentence.
    pub fn cut_evidence(&self, u: usize, v: usize, w: &CutWeights) -> f64 {
        self.index.cut_evidence(&self.fragments, u, v, w)
    }

    /// Open fragment `u`, a line of its own, stands alone in its article rather than being a
    /// text cut that `v` goes on from: it has the shape of a caption or an intertitle (rules of
    /// kind `standalone`), ends on no word a heading cannot end on, and `v`, the next text on
    /// the page, opens a sentence with nothing running on across (no word, no string of the
    /// page, no number or list cut in two). On a hard-wrapped page the line must also stop
    /// short of `v`'s measure: a full line cut at a column's foot is text.
    pub fn stands_alone(&self, u: usize, v: usize, w: &CutWeights, rules: &Rules) -> bool {
        let (fu, fv) = (&self.fragments[u], &self.fragments[v]);
        let text = fu.text.trim();
        fu.open
            && !fu.heading
            && !fv.mid_start
            && self.index.streams.next_of(u) == Some(v)
            && fv.measure.is_none_or(|m| width(text) + 2 <= m)
            && rules.matches(Kind::Standalone, text)
            && !ends_open(text, rules)
            && self.cut_evidence(u, v, w) <= 0.0
    }
}

/// The weights of [`Continuity::text_join`], read from the rules once.
#[derive(Debug, Clone, Copy)]
pub struct CutWeights {
    open_tail: f64,
    cut_word: f64,
    cut_page_ngram: f64,
    cut_number: f64,
    number_left_hanging: f64,
    cut_list: f64,
    quote_closed: f64,
    quote_unopened: f64,
    head_continues: f64,
    closed_to_continuation: f64,
}

impl CutWeights {
    /// The texts' own evidence that a text runs on from one block into the next, page order
    /// aside. After a cut (`cut`): a dictionary word across it (`word`, as [`dict::across`]
    /// scores it), a string of the page across it (`ngram`), a number or a list cut in two or a
    /// quotation the head closes (`split`), a head that cannot open a sentence (`mid_start`). After a finished sentence,
    /// only such a head, which counts against.
    pub fn runs_on(&self, cut: bool, word: f64, ngram: f64, split: Split, mid_start: bool) -> f64 {
        if cut {
            let number = match split.number {
                Some(true) => self.cut_number,
                Some(false) => self.number_left_hanging,
                None => 0.0,
            };
            let list = if split.list { self.cut_list } else { 0.0 };
            let quote = match split.quote {
                Some(true) => self.quote_closed,
                Some(false) => self.quote_unopened,
                None => 0.0,
            };
            let head = if mid_start { self.head_continues } else { 0.0 };
            self.cut_word * word + self.cut_page_ngram * ngram + number + list + quote + head
        } else if mid_start {
            self.closed_to_continuation
        } else {
            0.0
        }
    }

    pub fn new(rules: &Rules) -> CutWeights {
        let w = |n: &str| rules.weight(n);
        CutWeights {
            open_tail: w("open_tail"),
            cut_word: w("cut_word"),
            cut_page_ngram: w("cut_page_ngram"),
            cut_number: w("cut_number"),
            number_left_hanging: w("number_left_hanging"),
            cut_list: w("cut_list"),
            quote_closed: w("quote_closed"),
            quote_unopened: w("quote_unopened"),
            head_continues: w("head_continues"),
            closed_to_continuation: w("closed_to_continuation"),
        }
    }
}

/// What a cut splits in two, besides words: a number (1|2万份), a list item (王某、李|某某、),
/// a quotation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Split {
    /// The tail ends in a number: whether the head goes on with it (see
    /// [`crate::text::cut_number`]).
    pub number: Option<bool>,
    pub list: bool,
    /// The head opens inside a span of paired marks (a quotation, a title, brackets: its
    /// first mark of the pair closes one): whether the tail left such a span open.
    pub quote: Option<bool>,
}

/// The page's bigram weights and n-grams, for the topic and cut signals.
struct PageIndex {
    topics: Topics,
    ngrams: NgramSet,
    /// Each fragment's last and first (up to) three Han characters.
    tails: Vec<Vec<char>>,
    heads: Vec<Vec<char>>,
    /// The short list item each fragment ends in and opens with, in characters (see
    /// [`crate::text::cut_list`]).
    lists: Vec<(Option<usize>, Option<usize>)>,
    /// Each fragment's ends as a number cut sees them.
    numbers: Vec<NumberEnds>,
    /// Each fragment's leading item number, if it opens on one (see
    /// [`crate::text::item_number`]), and the last item of each numbering it holds.
    items: Vec<Option<(usize, u32)>>,
    last_items: Vec<Vec<(usize, u32)>>,
    /// The spans of paired marks each fragment leaves open, and those it opens inside (bit
    /// masks over [`crate::text::MarkPairs`]).
    quotes: Vec<(u32, u32)>,
    /// Whether each fragment ends on a pause mark and opens on a mark that cannot open a
    /// sentence (see [`crate::text::Pauses`]): no join goes from the one to the other.
    marks: Vec<(bool, bool)>,
    apart: Apart,
    /// The reading order of boxes read side by side, line by line (see [`crate::streams`]):
    /// the block each fragment runs on into, when it is not the next one.
    streams: Streams,
    /// Each fragment's tail and head as the language model reads them ([`crate::hmm`]): the
    /// tail only for texts left open.
    reading: Vec<(Option<crate::hmm::Tail>, Option<crate::hmm::Head>)>,
    /// The words across each cut looked up so far (`cut_word` of a tail and a head): every
    /// scoring pass, the parallel signal and the interleave test ask for the same pairs.
    cuts: std::cell::RefCell<FxHashMap<(u32, u32), (f64, f64)>>,
}

impl PageIndex {
    /// The words across the cut from fragment `u`'s end to fragment `v`'s start.
    fn cut(&self, u: usize, v: usize) -> (f64, f64) {
        *self.cuts.borrow_mut().entry((u as u32, v as u32)).or_insert_with(|| cut_word(&self.tails[u], &self.heads[v], &self.ngrams))
    }

    /// How much better fragment `u`'s end and `v`'s start read as one text than as two
    /// ([`crate::hmm::reads_on`]).
    fn reads_on(&self, u: usize, v: usize) -> Option<f64> {
        match (&self.reading[u].0, &self.reading[v].1) {
            (Some(t), Some(h)) => Some(crate::hmm::reads_on(t, h).unwrap_or(f64::NEG_INFINITY)),
            _ => None,
        }
    }

    /// What the cut from fragment `u` to `v` splits.
    fn split(&self, u: usize, v: usize) -> Split {
        let quote = crate::text::joins_span(self.quotes[u].0, self.quotes[v].1);
        Split { number: self.numbers[u].cut(self.numbers[v]), list: list_cut(self.lists[u].0, self.lists[v].1), quote }
    }

    /// [`CutWeights::runs_on`] for fragment `u` into `v`, taking `u` as cut.
    fn cut_evidence(&self, frags: &[Fragment], u: usize, v: usize, w: &CutWeights) -> f64 {
        let (word, ngram) = self.cut(u, v);
        w.runs_on(true, word, ngram, self.split(u, v), frags[v].mid_start)
    }

    /// [`CutWeights::runs_on`] for fragment `u` into `v`, as `u` ends.
    fn runs_on(&self, frags: &[Fragment], u: usize, v: usize, w: &CutWeights) -> f64 {
        if frags[u].open {
            self.cut_evidence(frags, u, v, w)
        } else {
            w.runs_on(false, 0.0, 0.0, Split::default(), frags[v].mid_start)
        }
    }
}

/// The streams of the page's fragments: boxes printed side by side and read across, line by
/// line (an extractor that sorts lines top to bottom), each a stream read in page order. A
/// fragment goes on a stream by the evidence across its cut (a word, a string of the page, a
/// number cut in two, a head that cannot start a sentence); see [`crate::streams`].
fn streams(frags: &[Fragment], index: &PageIndex, rules: &Rules) -> Streams {
    // read across, boxes come apart line by line, and most lines end mid-sentence; a page whose
    // fragments mostly end a sentence holds paragraphs, never read across
    let open = frags.iter().filter(|f| f.open).count();
    if open * 2 < frags.len() {
        return Streams::page_order(frags.len());
    }
    let w = CutWeights::new(rules);
    let link = |u: usize, v: usize| (!frags[u].closed_by_furniture()).then(|| index.runs_on(frags, u, v, &w));
    // (a third box of fragments costs twice what a second does: fragments are paragraphs and
    // their parts, of which few pages read three boxes across, unlike a hard-wrapped page's
    // lines, where each column of a box is a stream)
    let costs = crate::streams::Costs { growth: 1.0, ..crate::streams::Costs::new(rules) };
    // two cut leads in a row, the second opening with its own dateline right under the first
    // (no header between them), are the first lines of two boxes side by side
    // (or a lead and a text opening as a lead does, on a time, 近日，: the second box's first
    // line, where its headline stands stacked with the first box's)
    // (matched once per fragment: the decoder asks for every pair in its window)
    let opener: Vec<bool> = frags.iter().map(|f| rules.matches(Kind::LeadOpener, f.text.trim_start())).collect();
    let beside = |i: usize, x: usize| {
        let (fi, fx) = (&frags[i], &frags[x]);
        fi.lead && (fx.lead || opener[x]) && fx.header.is_none() && fi.open && fx.open
    };
    // a cut lead's text runs on: its box does not end there
    let ends = |u: usize| if frags[u].open && frags[u].lead { costs.end_cut } else { 0.0 };
    crate::streams::decode(frags.len(), 3, link, |v| frags[v].lead, beside, ends, costs)
}

/// Headline lines of no article text: an orphan header group, or a headline-shaped line the
/// classifier left as noise for want of text under it (headlines collected at the page end).
struct Apart {
    /// Per headline: the page's ids of its bigrams with their rarity, and the rarity of all
    /// its bigrams.
    heads: Vec<(Vec<(u32, f64)>, f64)>,
    /// Per fragment: the largest share of one such headline its own text holds.
    named: Vec<f64>,
}

impl Apart {
    fn new(blocks: &[Classified], orphans: &[Header], topics: &Topics) -> Apart {
        let apart = orphans.iter().flat_map(|h| h.blocks.iter().copied()).filter(|&b| blocks[b].role == Role::Headline);
        let weak = (0..blocks.len()).filter(|&b| blocks[b].weak_headline);
        let heads: Vec<(Vec<(u32, f64)>, f64)> = apart
            .chain(weak)
            .map(|b| {
                let grams = han_bigrams(&blocks[b].text);
                let total: f64 = grams.iter().map(|&x| rarity(x)).sum();
                (grams.iter().filter_map(|&g| topics.ids.get(&g).map(|&id| (id, rarity(g)))).collect(), total)
            })
            .filter(|(_, t)| *t > 0.0)
            .collect();
        let mut apart = Apart { heads, named: vec![] };
        apart.named = (0..topics.grams.len()).map(|v| apart.shares(topics, &[v]).into_iter().fold(0.0, f64::max)).collect();
        apart
    }

    /// The share of each headline's rare bigrams found in a group of fragments.
    fn shares(&self, topics: &Topics, group: &[usize]) -> Vec<f64> {
        (0..self.heads.len()).map(|h| self.share(topics, h, group)).collect()
    }

    /// The share of headline `h`'s rare bigrams found in a group of fragments.
    fn share(&self, topics: &Topics, h: usize, group: &[usize]) -> f64 {
        let (ids, total) = &self.heads[h];
        ids.iter().filter(|(id, _)| group.iter().any(|&i| topics.grams[i].binary_search(id).is_ok())).map(|(_, r)| r).sum::<f64>() / total
    }
}

/// Every string of 3 or 4 Han characters inside one fragment (3-grams padded with NUL).
type NgramSet = FxHashSet<[char; 4]>;

fn is_header_role(r: Role) -> bool {
    matches!(r, Role::Headline | Role::Kicker | Role::Deck)
}

/// Groups furniture with the fragments it belongs to.
pub fn fragments(blocks: &[Classified], rules: &Rules) -> (Vec<Fragment>, Vec<Header>, Vec<usize>) {
    let mut frags: Vec<Fragment> = Vec::new();
    let mut orphans = Vec::new();
    let mut stray = Vec::new();
    // furniture since the last fragment
    let mut pending: Vec<usize> = Vec::new();
    // (`set_with_text`: the text after the pending lines is set with the last of them, apart
    // from what stands above: no blank line between them, one or more above)
    let flush = |pending: &mut Vec<usize>, frags: &mut Vec<Fragment>, stray: &mut Vec<usize>, orphans: &mut Vec<Header>, next_is_text: bool, set_with_text: bool| -> Option<Header> {
        if pending.is_empty() {
            return None;
        }
        // furniture before the first headline closes the previous fragment
        let first_head = pending.iter().position(|&i| is_header_role(blocks[i].role));
        let split = first_head.unwrap_or_else(|| {
            // no headline: bylines and jump-from markers followed by text lead it
            if next_is_text {
                // (and a dateline after a text cut mid-sentence: no article ends there, so the
                // dateline opens the next article rather than closing that one)
                let cut_above = frags.last().is_some_and(|f| f.open);
                let last = pending.last().copied();
                pending
                    .iter()
                    .position(|&i| {
                        matches!(blocks[i].role, Role::JumpFrom)
                            || (blocks[i].role == Role::Byline && (frags.is_empty() || (set_with_text && Some(i) == last)))
                            || (cut_above && blocks[i].role == Role::Dateline)
                    })
                    .unwrap_or(pending.len())
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
                // a photo credit read between two lines of a column, the text running on across
                // it (……精彩的表 | 某某 摄 | 演赢得了……): the credit of a picture in a
                // box beside, no closing of this text: it goes to the leftovers
                let mid_start = starts_mid_sentence(&c.text, rules);
                // (or a number cut from its unit, ……比11 | 月初……; read only where furniture
                // stands between)
                let runs_across = !pending.is_empty()
                    && frags
                        .last()
                        .is_some_and(|f| f.open && (mid_start || crate::dict::spans_word(&f.text, &c.text) || NumberEnds::of(&f.text, rules).cut(NumberEnds::of(&c.text, rules)) == Some(true)));
                if runs_across && pending.iter().all(|&p| blocks[p].role == Role::Credit) {
                    stray.append(&mut pending);
                }
                let bylines_between = runs_across && frags.last().is_some_and(|f| f.measure.is_some()) && pending.iter().all(|&p| blocks[p].role == Role::Byline);
                // (a byline set with the text under it, apart from the text above it, on a page
                // that sets its blocks apart with blank lines, is that text's, over its lead,
                // unless the text runs on from the cut above it)
                let set_with_text = !runs_across && !mid_start && c.block.gap_before == 0 && pending.last().is_some_and(|&p| blocks[p].block.gap_before > 0 && blocks[p].role == Role::Byline);
                let header = flush(&mut pending, &mut frags, &mut stray, &mut orphans, true, set_with_text);
                // (a byline read between a cut end and the text that goes on from it, on a
                // hard-wrapped page: it stays the article's, and the text goes on across it)
                if bylines_between && header.is_none() {
                    if let Some(f) = frags.last_mut() {
                        f.read_through = true;
                    }
                }
                let closing_furniture = !c.back.is_empty();
                frags.push(Fragment {
                    block: i,
                    text: c.text.clone(),
                    open: c.role != Role::Intertitle && !ends_sentence(&c.text, rules) && !closing_furniture,
                    mid_start,
                    broken_head: !mid_start && crate::text::opens_on_broken_word(&c.text, rules),
                    heading: c.role == Role::Intertitle,
                    lead: header.is_some() || !c.front.is_empty(),
                    header,
                    closing: vec![],
                    gap_before: c.block.gap_before,
                    measure: measure(&c.block),
                    indented_head: indented_first_line(&c.block, rules),
                    foot_of: None,
                    header_elsewhere: false,
                    read_through: false,
                });
                if closing_furniture {
                    // a trailing dateline or jump marker closes the fragment
                    frags.last_mut().expect("just pushed").closing.push(i);
                }
            }
            _ => pending.push(i),
        }
    }
    flush(&mut pending, &mut frags, &mut stray, &mut orphans, false, false);
    displaced_leads(&mut frags, blocks, &mut orphans);
    (frags, orphans, stray)
}

/// Does a hard-wrapped block open on a paragraph's indented first line? The line holds no digit
/// or Latin letter (set narrow, they make a full line look short), finishes no sentence, and
/// falls short of the block's measure by the indent, two full-width characters, give or take
/// a narrow quotation mark or a hanging punctuation mark (a cell); the lines under it fill the
/// measure.
fn indented_first_line(block: &Block, rules: &Rules) -> bool {
    let Some(m) = measure(block) else { return false };
    let first = block.pieces[0].text.trim();
    let (w, body) = (width(first), &block.pieces[1..block.pieces.len() - 1]);
    !first.chars().any(|ch| ch.is_ascii_alphanumeric()) && !ends_sentence(first, rules) && w + INDENT_CELLS - 1 <= m && w + INDENT_CELLS + 1 >= m && body.iter().all(|p| width(&p.text) + 2 >= m)
}

/// The measure of a hard-wrapped block: the median width of its lines but the last, in
/// half-width cells (`None` under three lines, too few to tell a column by).
fn measure(block: &Block) -> Option<usize> {
    let p = &block.pieces;
    if p.len() < 3 {
        return None;
    }
    let mut w: Vec<usize> = p[..p.len() - 1].iter().map(|x| width(&x.text)).collect();
    w.sort_unstable();
    Some(w[w.len() / 2])
}

/// On a hard-wrapped page a headline can stand over the foot of the column beside its own:
/// the extractor reads the headline, then the rest of the neighbouring column, then the
/// headline's body. The paragraph under the headline is set narrower than the paragraph after
/// it, in the measure of text earlier on the page; it is no lead, and the headline goes to the
/// paragraph after it, which opens afresh.
fn displaced_leads(frags: &mut [Fragment], blocks: &[Classified], orphans: &mut Vec<Header>) {
    let widths: Vec<Option<usize>> = frags.iter().map(|f| f.measure).collect();
    for i in 0..frags.len().saturating_sub(1) {
        let (Some(here), Some(next)) = (widths[i], widths[i + 1]) else { continue };
        let f = &frags[i];
        let after = &frags[i + 1];
        let displaced = f.header.is_some() && blocks[f.block].front.is_empty() && after.header.is_none() && !after.lead && !after.mid_start && next > here && other_measure(here, next);
        let column = || (0..i).rev().find(|&j| widths[j].is_some_and(|w| same_measure(w, here)));
        if let Some(j) = displaced.then(column).flatten() {
            frags[i + 1].header = frags[i].header.take();
            frags[i + 1].lead = true;
            frags[i].lead = false;
            frags[i].foot_of = Some(j);
        }
    }
    // the foot goes on from the text before the headline by a word across the cut (每天都吸 |
    // 引了大量), whatever its measure, or past a headline wider than that text's column; the
    // headline goes to the next lead a byline opens that has no headline of its own
    for i in 1..frags.len() {
        let f = &frags[i];
        if !(f.header.is_some() && f.lead && blocks[f.block].front.is_empty() && frags[i - 1].open) {
            continue;
        }
        let word_across = crate::dict::spans_word(&frags[i - 1].text, &f.text);
        let foot = word_across || {
            // (a one-line headline wider than the column the text before it is set in, and
            // than the foot's, when it has lines enough to tell)
            let over = |m: usize| f.header.as_ref().is_some_and(|h| h.blocks.iter().any(|&b| blocks[b].block.pieces.len() == 1 && crate::text::width(&blocks[b].text) >= m + 4));
            frags[i - 1].measure.is_some_and(over) && f.measure.is_none_or(over)
        };
        if !foot {
            continue;
        }
        let lead = (i + 1..frags.len().min(i + 1 + FOOT_MAX_FRAGMENTS))
            .find(|&k| frags[k].lead || frags[k].header.is_some())
            .filter(|&k| frags[k].header.is_none() && !blocks[frags[k].block].front.is_empty());
        if let Some(k) = lead {
            frags[k].header = frags[i].header.take();
            frags[i].lead = false;
            frags[i].foot_of = Some(i - 1);
        } else if word_across && frags[i].header.as_ref().is_some_and(|h| h.blocks.iter().all(|&b| blocks[b].block.pieces.len() == 1 && blocks[b].text.trim().chars().count() <= SLIGHT_HEADER_CHARS)) {
            // (a name or a word or two alone, read between two lines a word runs across, with no
            // lead after to head: it stands over no text of its own, and goes with the headers
            // read apart from any text)
            orphans.extend(frags[i].header.take());
            frags[i].lead = false;
        }
    }
}

/// Characters of the lines of a header so slight (a name, 某某) that, read between two lines a
/// word runs across, it heads neither.
const SLIGHT_HEADER_CHARS: usize = 4;

/// Paragraphs of a column's foot read under the next box's headline, at most.
const FOOT_MAX_FRAGMENTS: usize = 4;

/// Character bigrams of Han text with their weight on this page (inverse fragment frequency).
/// Bigrams are interned to dense ids so that comparing two groups of fragments is a pass
/// over their id lists with a mark array, without building sets.
struct Topics {
    /// The id of each bigram of the page.
    ids: FxHashMap<[char; 2], u32>,
    /// Each fragment's distinct bigram ids, sorted.
    grams: Vec<Vec<u32>>,
    /// Weight of each bigram id.
    idf: Vec<f64>,
    /// Scratch marks: `mark[id]` is the epoch in which the id was last seen on side A / B.
    mark_a: std::cell::RefCell<(u32, Vec<u32>, Vec<u32>)>,
}

impl Topics {
    fn new(frags: &[Fragment]) -> Topics {
        let mut ids: FxHashMap<[char; 2], u32> = FxHashMap::default();
        let mut keys: Vec<[char; 2]> = Vec::new();
        let mut df: Vec<usize> = Vec::new();
        let grams: Vec<Vec<u32>> = frags
            .iter()
            .map(|f| {
                let mut v: Vec<u32> = han_bigrams(&f.text)
                    .into_iter()
                    .map(|g| {
                        *ids.entry(g).or_insert_with(|| {
                            keys.push(g);
                            df.push(0);
                            (keys.len() - 1) as u32
                        })
                    })
                    .collect();
                v.sort_unstable();
                for &g in &v {
                    df[g as usize] += 1;
                }
                v
            })
            .collect();
        let n = frags.len().max(1) as f64;
        let idf = keys.iter().zip(&df).map(|(k, &d)| ((n + 1.0) / d as f64).ln() * rarity(*k)).collect();
        let m = keys.len();
        Topics { ids, grams, idf, mark_a: std::cell::RefCell::new((0, vec![0; m], vec![0; m])) }
    }

    /// The distinct bigram ids of a group of fragments and their total weight.
    fn group(&self, ix: &[usize]) -> (Vec<u32>, f64) {
        let mut ids: Vec<u32> = ix.iter().flat_map(|&i| self.grams[i].iter().copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        let w = ids.iter().map(|&g| self.idf[g as usize]).sum();
        (ids, w)
    }

    /// Marks a group's ids as side A of the comparisons that follow (see `shared_with_marked`).
    fn mark(&self, ids: &[u32]) {
        let mut guard = self.mark_a.borrow_mut();
        let (epoch, ma, _) = &mut *guard;
        *epoch = epoch.wrapping_add(1);
        if *epoch == 0 {
            ma.iter_mut().for_each(|x| *x = 0);
            *epoch = 1;
        }
        for &g in ids {
            ma[g as usize] = *epoch;
        }
    }

    /// The weight of the ids (distinct) that the last `mark` marked.
    fn shared_with_marked(&self, ids: &[u32]) -> f64 {
        let guard = self.mark_a.borrow();
        let (epoch, ma, _) = &*guard;
        ids.iter().filter(|&&g| ma[g as usize] == *epoch).map(|&g| self.idf[g as usize]).sum()
    }

    /// Weighted overlap of the bigram sets of two groups of fragments: the weight of the
    /// shared bigrams over the weight of the smaller set (0 = nothing shared, 1 = contained).
    fn similarity(&self, a: &[usize], b: &[usize]) -> f64 {
        let mut guard = self.mark_a.borrow_mut();
        let (epoch, ma, mb) = &mut *guard;
        *epoch = epoch.wrapping_add(1);
        if *epoch == 0 {
            ma.iter_mut().for_each(|x| *x = 0);
            mb.iter_mut().for_each(|x| *x = 0);
            *epoch = 1;
        }
        let e = *epoch;
        let mut na = 0.0;
        for &i in a {
            for &g in &self.grams[i] {
                if ma[g as usize] != e {
                    ma[g as usize] = e;
                    na += self.idf[g as usize];
                }
            }
        }
        let (mut nb, mut shared) = (0.0, 0.0);
        for &i in b {
            for &g in &self.grams[i] {
                if mb[g as usize] != e {
                    mb[g as usize] = e;
                    let w = self.idf[g as usize];
                    nb += w;
                    if ma[g as usize] == e {
                        shared += w;
                    }
                }
            }
        }
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        shared / na.min(nb)
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
fn page_ngrams(frags: &[Fragment], headings: &[String], tails: &[Vec<char>], heads: &[Vec<char>]) -> NgramSet {
    // only strings that some cut could form are kept: a tail's last k characters followed by
    // a head's first m, so that a page of one enormous line does not store all its n-grams
    let mut ends = NgramSet::default();
    let mut starts = NgramSet::default();
    for (f, t) in frags.iter().zip(tails) {
        if f.open {
            for k in 1..=t.len() {
                ends.insert(ngram_key(&t[t.len() - k..]));
            }
        }
    }
    for h in heads {
        for m in 1..=h.len() {
            starts.insert(ngram_key(&h[..m]));
        }
    }
    let mut out = NgramSet::default();
    if ends.is_empty() || starts.is_empty() {
        return out;
    }
    // (a headline repeats its article's terms: 作文大赛 in the headline ties 作|文大赛)
    for text in frags.iter().map(|f| f.text.as_str()).chain(headings.iter().map(String::as_str)) {
        let cs: Vec<char> = text.chars().collect();
        for n in 3..=4 {
            for w in cs.windows(n).filter(|w| w.iter().all(|c| is_han(*c))) {
                if (1..n).any(|k| k <= 3 && n - k <= 3 && ends.contains(&ngram_key(&w[..k])) && starts.contains(&ngram_key(&w[k..]))) {
                    out.insert(ngram_key(w));
                }
            }
        }
    }
    out
}

fn ngram_key(w: &[char]) -> [char; 4] {
    let mut k = ['\0'; 4];
    k[..w.len()].copy_from_slice(w);
    k
}

/// The words that form across a cut: the best dictionary word spanning it, scaled by length
/// and frequency, and whether the spanning string occurs elsewhere on the page.
fn cut_word(t: &[char], h: &[char], page: &NgramSet) -> (f64, f64) {
    let mut ngram: f64 = 0.0;
    for k in 1..=t.len() {
        for m in (1..=h.len()).filter(|m| (3..=4).contains(&(k + m))) {
            let mut key = ['\0'; 4];
            for (slot, c) in key.iter_mut().zip(t[t.len() - k..].iter().chain(h[..m].iter())) {
                *slot = *c;
            }
            if page.contains(&key) {
                ngram = ngram.max((k + m - 2) as f64);
            }
        }
    }
    (dict::across(t, h), ngram.min(1.0))
}

/// What the topic signal compares for each fragment: the texts read before it (`back`,
/// itself included) and from it on (`fwd`, itself included).
#[derive(Debug, Clone)]
pub struct Contexts {
    pub back: Vec<Vec<usize>>,
    pub fwd: Vec<Vec<usize>>,
    /// The article so far further back (up to [`FAR_BACK`] fragments): whether it already
    /// speaks of what a headline standing apart names.
    far_back: Vec<Vec<usize>>,
    /// The previous pass's joins, for the parallel signal (empty on the first pass).
    cells: Option<Cells>,
}

/// Whether `p`, the block before `v` on the page, is a line of another column read across:
/// `v` opens no stream of its own reading and `p` goes on from a block before the one above
/// it (lines of two columns taking turns), so that `p`'s finished sentence says nothing of
/// what `v` opens.
fn read_across(streams: &crate::streams::Streams, p: usize, v: usize) -> bool {
    streams.prev[v].is_none() && p + 1 == v && p > 0 && streams.prev[p].is_some_and(|x| x + 1 < p)
}

/// The previous pass's reading of the page as cells: runs of fragments that follow each
/// other in page order, and the joins chosen between runs.
#[derive(Debug, Clone)]
struct Cells {
    succ: Vec<Option<usize>>,
    /// First and last fragment of each fragment's run.
    start: Vec<usize>,
    end: Vec<usize>,
}

impl Cells {
    fn new(succ: &[Option<(usize, f64)>]) -> Cells {
        let n = succ.len();
        let succ: Vec<Option<usize>> = succ.iter().map(|s| s.map(|s| s.0)).collect();
        let mut start: Vec<usize> = (0..n).collect();
        for i in 1..n {
            if succ[i - 1] == Some(i) {
                start[i] = start[i - 1];
            }
        }
        let mut end: Vec<usize> = (0..n).collect();
        for i in (0..n.saturating_sub(1)).rev() {
            if succ[i] == Some(i + 1) {
                end[i] = end[i + 1];
            }
        }
        Cells { succ, start, end }
    }

    /// How many neighbours of the join u→v (u read as the end of its run, v as the start of
    /// its run) were joined the same way: the run before u's to the run before v's, and the
    /// run after u to the run after v's.
    fn parallel(&self, u: usize, v: usize) -> usize {
        let n = self.succ.len();
        if v == u + 1 || u >= n || v >= n {
            return 0;
        }
        let mut k = 0;
        let su = self.start[u];
        if su > 0 && v > 0 && su - 1 != v - 1 {
            let before_v = self.start[v - 1];
            if before_v != v && self.succ[su - 1] == Some(before_v) {
                k += 1;
            }
        }
        let ev = self.end[v];
        if u + 1 < n && ev + 1 < n && u + 1 != v {
            let after_u = self.end[u + 1];
            if after_u != u && self.succ[after_u] == Some(ev + 1) {
                k += 1;
            }
        }
        k
    }
}

impl Contexts {
    /// Each fragment on its own.
    pub fn single(n: usize) -> Contexts {
        Contexts { back: (0..n).map(|i| vec![i]).collect(), fwd: (0..n).map(|i| vec![i]).collect(), far_back: (0..n).map(|i| vec![i]).collect(), cells: None }
    }

    /// The article so far and the article from here on, as the chosen chains read them.
    pub fn from_chains(succ: &[Option<(usize, f64)>], depth: usize) -> Contexts {
        let n = succ.len();
        let pred = crate::solve::predecessors(succ);
        let walk = |start: usize, step: &dyn Fn(usize) -> Option<usize>, depth: usize| {
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
        // the article so far is the first `depth` fragments of the walk back
        let far_back: Vec<Vec<usize>> = (0..n).map(|i| walk(i, &|x| pred[x], FAR_BACK.max(depth))).collect();
        Contexts {
            back: far_back.iter().map(|w| w[..w.len().min(depth)].to_vec()).collect(),
            fwd: (0..n).map(|i| walk(i, &|x| succ[x].map(|s| s.0), depth)).collect(),
            far_back,
            cells: Some(Cells::new(succ)),
        }
    }
}

/// The reading order the adjacency signals follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Each fragment followed by the next on the page (a page scraped cell by cell, whose
    /// boxes the grid stage re-reads).
    Page,
    /// Boxes read side by side, line by line, are taken apart first ([`crate::streams`]).
    Streams,
}

/// Builds the continuity graph: every allowed join, scored.
pub fn continuity(blocks: &[Classified], rules: &Rules, order: Order) -> Continuity {
    let (frags, orphan_headers, stray) = fragments(blocks, rules);
    let ctx = Contexts::single(frags.len());
    let tails: Vec<Vec<char>> = frags.iter().map(|f| han_tail(&f.text, 4).chars().collect()).collect();
    let heads: Vec<Vec<char>> = frags.iter().map(|f| han_head(&f.text, 4).chars().collect()).collect();
    let lists: Vec<(Option<usize>, Option<usize>)> = frags.iter().map(|f| (list_tail(&f.text, rules), list_head(&f.text, rules))).collect();
    let pairs = crate::text::MarkPairs::new(rules);
    let quotes: Vec<(u32, u32)> = frags.iter().map(|f| (pairs.left_open(&f.text), pairs.opens_inside(&f.text))).collect();
    let topics = Topics::new(&frags);
    let apart = Apart::new(blocks, &orphan_headers, &topics);
    let headings: Vec<String> = blocks.iter().filter(|b| matches!(b.role, Role::Headline | Role::Deck | Role::Kicker)).map(|b| b.block.text()).collect();
    let ngrams = page_ngrams(&frags, &headings, &tails, &heads);
    let reading = frags.iter().zip(tails.iter().zip(&heads)).map(|(f, (t, h))| (if f.open { crate::hmm::Tail::new(t) } else { None }, crate::hmm::Head::new(h))).collect();
    let numbers: Vec<NumberEnds> = frags.iter().map(|f| NumberEnds::of(&f.text, rules)).collect();
    let items = frags.iter().map(|f| crate::text::item_number(&f.text, rules)).collect();
    let last_items = frags.iter().map(|f| crate::text::item_numbers(blocks[f.block].block.pieces.iter().map(|p| p.text.as_str()), rules)).collect();
    let pauses = crate::text::Pauses::new(rules);
    let marks = frags.iter().map(|f| (pauses.ends_on_pause(&f.text), pauses.opens_on_mark(&f.text))).collect();
    let mut index = PageIndex { topics, ngrams, tails, heads, lists, numbers, items, last_items, quotes, marks, apart, streams: Streams::page_order(0), reading, cuts: Default::default() };
    index.streams = match order {
        Order::Page => Streams::page_order(frags.len()),
        Order::Streams => streams(&frags, &index, rules),
    };
    let mut c = Continuity { fragments: frags, graph: DiGraph::new(), nodes: vec![], orphan_headers, stray, index, regridded: FxHashSet::default(), order };
    score_joins(&mut c, blocks, rules, &ctx);
    c
}

/// (Re)scores every allowed join of the fragments, comparing topics over `ctx`.
pub fn score_joins(c: &mut Continuity, blocks: &[Classified], rules: &Rules, ctx: &Contexts) {
    score_joins_into(c, blocks, rules, ctx, None);
}

/// Scores the joins into `targets` alone and adds them to the graph (a fragment that may now
/// be gone on into, the joins of the others as they were scored), or every join afresh.
pub fn score_joins_into(c: &mut Continuity, blocks: &[Classified], rules: &Rules, ctx: &Contexts, targets: Option<&[usize]>) {
    let mut graph = match targets {
        Some(_) => std::mem::take(&mut c.graph),
        None => DiGraph::new(),
    };
    // (the joins into the targets scored before, a lead that opens mid-word among them, are
    // scored again here)
    if let Some(t) = targets {
        graph.retain_edges(|g, e| g.edge_endpoints(e).is_none_or(|(_, b)| !t.contains(&g[b])));
    }
    let frags = &c.fragments;
    let n = frags.len();
    let topics = &c.index.topics;
    let mut gaps: Vec<usize> = frags.iter().skip(1).map(|f| f.gap_before).collect();
    gaps.sort_unstable();
    let usual_gap = gaps.get(gaps.len() / 2).copied().unwrap_or(1);
    let w = |n: &str| rules.weight(n);
    // the weights, read once
    let (w_adjacent, w_adjacent_open, w_wide_gap, w_far, w_backward) = (w("adjacent"), w("adjacent_open"), w("adjacent_wide_gap"), w("far_penalty"), w("backward"));
    let w_column_line = w("adjacent_column_line");
    let (w_open_tail, w_cut_word, w_cut_ngram, w_head_continues, w_head_after_end, w_new_paragraph) =
        (w("open_tail"), w("cut_word"), w("cut_page_ngram"), w("head_continues"), w("head_after_sentence_end"), w("open_to_new_paragraph"));
    let (w_closed_cont, w_closed_jump, w_min_chars, w_miss_in_order, w_parallel) = (w("closed_to_continuation"), w("closed_jump"), w("topic_min_chars"), w("topic_miss_in_order"), w("parallel"));
    let w_parallel_words = w("parallel_words");
    // a page that prints each paragraph on a line of its own, not scraped cell by cell, is not
    // read band by band (a hard-wrapped page's columns are cut at the same heights, and boxes
    // read across line by line alternate): neighbouring joins agree by chance about as often as
    // by layout there
    let banded = c.order == Order::Page || c.index.streams.across() > 0 || frags.iter().any(|f| f.measure.is_some());
    let w_parallel = if banded { w_parallel } else { w("parallel_paragraph_lines") };
    // (and a page whose boxes were read across, line by line, is read band by band only
    // where the boxes run beside each other: half the weight)
    let w_parallel = if c.order != Order::Page && c.index.streams.across() > 0 { w("parallel_across") } else { w_parallel };
    // (there, fragments moved about the page often land after a finished paragraph)
    let w_head_after_end = if banded { w_head_after_end } else { w("head_after_sentence_end_paragraph_lines") };
    // (and an open tail left without a successor is text lost from its article, while a
    // finished paragraph's neighbour on the page is as often another article's as its own)
    let w_open_tail = if banded { w_open_tail } else { w("open_tail_paragraph_lines") };
    let (w_cut_number, w_number_hanging, w_cut_list) = (w("cut_number"), w("number_left_hanging"), w("cut_list"));
    let (w_quote_closed, w_quote_unopened) = (w("quote_closed"), w("quote_unopened"));
    let (w_reads_on, w_reads_on_cap) = (w("cut_reads_on"), w("cut_reads_on_cap"));
    let w_column_foot = w("column_foot");
    // on a page of hard-wrapped columns, a lead that opens mid-sentence or on the rest of a
    // word (研，今年……), under a headline shaped by its line alone (no markdown mark), may be
    // a column's foot a text layer read under a headline: a cut text may go on into it (a
    // paragraph printed on a line of its own under a headline is that headline's lead)
    let in_columns = c.order == Order::Streams && banded;
    let unmarked = |v: usize| frags[v].header.as_ref().is_none_or(|h| h.blocks.iter().all(|&b| blocks[b].block.level == 0));
    let (w_item_next, w_item_out) = (w("item_next"), w("item_out_of_order"));
    let w_cut_repeats = w("cut_repeats");
    let w_measure = w("measure_differs");
    let w_to_indented = w("open_to_indented_paragraph");
    let (items, last_items) = (&c.index.items, &c.index.last_items);
    // the next block in reading order: two on where two boxes are read line by line
    let streams = &c.index.streams;
    let chars: Vec<usize> = frags.iter().map(|f| f.text.chars().count()).collect();
    // the usual case: the article so far (back) and the text from v on (fwd) do not overlap,
    // and their bigram sets are computed once per fragment, not once per pair
    let fwd_groups: Vec<(Vec<u32>, f64)> = (0..n).map(|v| topics.group(&ctx.fwd[v])).collect();
    // headlines that stand apart from any text (collected at the page's end): a fragment that
    // holds much of one opens that article
    let w_named = w("orphan_headline_opens");
    let named_share = w("orphan_headline_share");
    let apart = &c.index.apart;
    let use_apart = !apart.heads.is_empty() && w_named != 0.0;
    let mass_of = |ix: &[usize]| ix.iter().map(|&i| chars[i]).sum::<usize>() as f64;
    let marks = &c.index.marks;
    // a long page compares each fragment with a window of neighbours only, so the work grows
    // linearly with the page (see `window`)
    let reach = window(n);
    // (scoring the joins into some fragments alone, only they are heads, and only the cut texts
    // within reach of one of them tails: a freed lead is gone on into from a cut text only)
    let target = |v: usize| targets.is_none_or(|t| t.contains(&v));
    let tail = |u: usize| targets.is_none_or(|t| frags[u].open && t.iter().any(|&v| v != u && v.abs_diff(u) <= reach));
    // the best word each head forms with some other text's cut end (有|限责任公司): a head so
    // claimed goes on from a cut rather than after a finished paragraph
    let w_word_cut = w("closed_to_word_cut");
    let claimed: Vec<f64> = if w_word_cut == 0.0 {
        vec![0.0; n]
    } else {
        (0..n)
            .map(|v| {
                // (a word never runs on across an opening quote mark)
                if frags[v].lead || !target(v) || !frags[v].text.chars().next().is_some_and(is_han) {
                    return 0.0;
                }
                (v.saturating_sub(reach)..n.min(v + reach + 1)).filter(|&u| u != v && frags[u].open).map(|u| c.index.cut(u, v).0).fold(0.0, f64::max)
            })
            .collect()
    };
    // (a head that opens on a one-character word no sentence opens with: the rest of a word
    // cut in two)
    let w_broken = w("head_broken_word");
    let nodes: Vec<NodeIndex> = if targets.is_some() { c.nodes.clone() } else { (0..n).map(|i| graph.add_node(i)).collect() };
    let mut fwd: Vec<usize> = Vec::new();
    let mut back: Vec<usize> = Vec::new();
    let mut kept: Vec<(usize, Join)> = Vec::new();
    // a byline that opens a lead (某网某地1月1日讯记者 某) printed after a paragraph is the top
    // of the box beside, read before that box's headline: the column it follows may still go
    // on, at the foot read across that headline
    let opening = |b: usize| blocks[b].role == Role::Byline && blocks[b].furniture.iter().any(|x| x.rule.as_deref().is_some_and(|r| rules.is(Kind::BylinePrefix, r)));
    for (u, fu) in frags.iter().enumerate() {
        let closed = fu.closed_by_furniture() && !fu.read_through;
        let foot_only = closed && fu.closing.iter().all(|&b| opening(b));
        if (closed && !foot_only) || !tail(u) {
            continue;
        }
        kept.clear();
        let (back_ids, back_weight) = topics.group(&ctx.back[u]);
        topics.mark(&back_ids);
        let back_mass = mass_of(&ctx.back[u]);
        for v in u.saturating_sub(reach)..n.min(u + reach + 1) {
            let fv = &frags[v];
            if u == v
                || (fv.lead && !(in_columns && fu.open && (fv.mid_start || fv.broken_head) && unmarked(v)))
                || (foot_only && fv.foot_of.is_none())
                || (fv.header_elsewhere && !fu.open)
                || !target(v)
            {
                continue;
            }
            // (a mark of punctuation never follows a comma or colon: 各地，|。展销会……)
            if marks[u].0 && marks[v].1 {
                continue;
            }
            let mut signals = Signals::default();
            let adjacent = Some(v) == streams.next_of(u);
            if adjacent {
                signals.add("adjacent", if fu.open { w_adjacent_open } else { w_adjacent });
                // (a full line of a column, printed on a page line of its own, goes on in the
                // next line of its stream: the stream decoder read the words across)
                let column_line = &blocks[fu.block].block;
                if fu.open && column_line.runs_on && column_line.pieces.len() == 1 && w_column_line != 0.0 {
                    signals.add("adjacent_column_line", w_column_line);
                }
                if fv.gap_before > usual_gap + 1 {
                    signals.add("adjacent_wide_gap", w_wide_gap);
                }
            } else {
                signals.add("far_penalty", w_far * (u.abs_diff(v) as f64 / 10.0).min(5.0));
                if v < u {
                    signals.add("backward", w_backward);
                }
            }
            // a box sets all its columns in one measure: a text set much narrower or wider
            // than the text before it is another box's
            if let (Some(a), Some(b)) = (fu.measure, fv.measure) {
                if other_measure(a, b) {
                    signals.add("measure_differs", w_measure);
                }
            }
            // the foot of a column goes on from the last text before it in its measure
            if fv.foot_of == Some(u) && !adjacent {
                signals.add("column_foot", w_column_foot);
            }
            // an item numbered n goes on from the article whose last item so far is n−1
            if let Some((kind, k)) = items[v].filter(|&(_, k)| k >= 2) {
                match ctx.far_back[u].iter().find_map(|&x| last_items[x].iter().find(|&&(o, _)| o == kind)) {
                    Some((_, m)) if m + 1 == k => signals.add("item_next", w_item_next),
                    Some(_) => signals.add("item_out_of_order", w_item_out),
                    None => {}
                }
            }
            if let Some(cells) = &ctx.cells {
                signals.add("parallel", w_parallel * cells.parallel(u, v) as f64);
            }
            if !adjacent && w_parallel_words != 0.0 {
                // the words across the cuts of the neighbouring pair of joins
                let lex = |a: usize, b: usize| -> f64 {
                    if a == b || b == a + 1 || a == v || b == u || !frags[a].open || frags[b].lead {
                        return 0.0;
                    }
                    let (word, ngram) = c.index.cut(a, b);
                    w_cut_word * word + w_cut_ngram * ngram
                };
                let before = if u > 0 && v > 0 { lex(u - 1, v - 1) } else { 0.0 };
                let after = if u + 1 < n && v + 1 < n { lex(u + 1, v + 1) } else { 0.0 };
                signals.add("parallel_words", w_parallel_words * (before + after).min(4.0));
            }
            if fu.open {
                signals.add("open_tail", w_open_tail);
                let (word, ngram) = c.index.cut(u, v);
                signals.add("cut_word", w_cut_word * word);
                let split = c.index.split(u, v);
                match split.number {
                    Some(true) => signals.add("cut_number", w_cut_number),
                    Some(false) => signals.add("number_left_hanging", w_number_hanging),
                    None => {}
                }
                if split.list {
                    signals.add("cut_list", w_cut_list);
                }
                match split.quote {
                    Some(true) => signals.add("quote_closed", w_quote_closed),
                    Some(false) => signals.add("quote_unopened", w_quote_unopened),
                    None => {}
                }
                signals.add("cut_page_ngram", w_cut_ngram * ngram);
                // a text never says the same words twice across a cut (市教育局|市教育局副局长):
                // the head opens on what the tail ends with, two characters or more
                let (t, h) = (&c.index.tails[u], &c.index.heads[v]);
                // (the longer the words said twice, the surer: 某某公司|某某公司副经理)
                if let Some(k) = (2..=t.len().min(h.len())).rev().find(|&k| t[t.len() - k..] == h[..k]) {
                    signals.add("cut_repeats", w_cut_repeats * (k - 1) as f64);
                }
                if let Some(pmi) = c.index.reads_on(u, v) {
                    signals.add("cut_reads_on", w_reads_on * pmi.clamp(-w_reads_on_cap, w_reads_on_cap));
                }
                if fv.mid_start {
                    signals.add("head_continues", w_head_continues);
                }
                if fv.broken_head && w_broken != 0.0 {
                    signals.add("head_broken_word", w_broken);
                }
                if !adjacent && v > 0 && streams.prev_of(v).is_some_and(|p| !frags[p].open && !frags[p].closed_by_furniture() && !only_marks(&frags[p].text) && !read_across(streams, p, v)) {
                    signals.add("head_after_sentence_end", w_head_after_end);
                }
                if blocks[fv.block].role == Role::Intertitle {
                    signals.add("open_to_new_paragraph", w_new_paragraph);
                }
                if fv.indented_head && !fv.mid_start {
                    signals.add("open_to_indented_paragraph", w_to_indented);
                }
            } else {
                // (a sentence finished inside a quotation the head closes, ……作用。 | ”某某说:
                // the paragraph goes on there)
                let quoted = c.index.split(u, v).quote == Some(true);
                if quoted {
                    signals.add("quote_closed", w_quote_closed);
                } else if fv.mid_start {
                    signals.add("closed_to_continuation", w_closed_cont);
                }
                if claimed[v] > 0.0 {
                    signals.add("closed_to_word_cut", w_word_cut * claimed[v]);
                }
                if !adjacent && !quoted {
                    signals.add("closed_jump", w_closed_jump);
                }
                let named = if use_apart && apart.named[v] >= named_share { apart.named[v] } else { 0.0 };
                if adjacent && use_apart {
                    // an apart headline that names the text from v on but not the article so far
                    // (v's own text must hold some of it: the article the headline names starts
                    // at a fragment that speaks of what it names)
                    let (ahead, own) = (apart.shares(topics, &ctx.fwd[v]), apart.shares(topics, &[v]));
                    // (a headline the article so far already speaks of names no new article;
                    // the article so far is read only for headlines that would split it)
                    let split = ahead
                        .iter()
                        .zip(&own)
                        .enumerate()
                        .map(|(h, (a, o))| ((*a * (o / (named_share / 2.0)).min(1.0)).max(if *o >= named_share { *o } else { 0.0 }), h))
                        .filter(|&(value, h)| value >= named_share && apart.share(topics, h, &ctx.far_back[u]) < named_share / 2.0)
                        .fold(0.0, |m, (value, _)| f64::max(m, value));
                    if split >= named_share {
                        signals.add("orphan_headline_opens", w_named * split);
                    }
                } else if named > 0.0 {
                    signals.add("orphan_headline_opens", w_named * named);
                }
            }
            // the two sides never share a fragment, and always hold u and v themselves
            fwd.clear();
            fwd.push(v);
            fwd.extend(ctx.fwd[v].iter().copied().skip(1).take_while(|&x| x != u && !ctx.back[u].contains(&x)));
            back.clear();
            back.push(u);
            back.extend(ctx.back[u].iter().copied().skip(1).take_while(|x| !fwd.contains(x)));
            let whole = fwd.len() == ctx.fwd[v].len() && back.len() == ctx.back[u].len();
            let (sim, masses) = if whole {
                let (ids, weight) = &fwd_groups[v];
                let shared = topics.shared_with_marked(ids);
                let sim = if back_weight == 0.0 || *weight == 0.0 { 0.0 } else { shared / back_weight.min(*weight) };
                (sim, (back_mass, mass_of(&fwd)))
            } else {
                let sim = topics.similarity(&back, &fwd);
                topics.mark(&back_ids); // `similarity` reused the marks
                (sim, (mass_of(&back), mass_of(&fwd)))
            };
            // sharing nothing is evidence only when both sides have text enough to share something
            let evidence = (masses.0.min(masses.1) / w_min_chars).min(1.0);
            let t = topic_signal(sim, rules);
            // a finished paragraph followed by the next one on the page is the page's own order:
            // sharing nothing rare weighs less against it
            let trust = if !fu.open && adjacent { w_miss_in_order } else { 1.0 };
            signals.add("topic", if t < 0.0 { t * evidence * trust } else { t });
            let score = signals.total();
            kept.push((v, Join { score, signals: signals.into_vec() }));
        }
        // only the best candidates of each tail are kept: the solver never takes a join that
        // loses to leaving the tail open, and the rest would only weigh on memory
        if kept.len() > MAX_CANDIDATES {
            kept.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
            kept.truncate(MAX_CANDIDATES);
            kept.sort_by_key(|k| k.0);
        }
        for (v, j) in kept.drain(..) {
            graph.add_edge(nodes[u], nodes[v], j);
        }
    }
    c.graph = graph;
    c.nodes = nodes;
}

/// How far back the article so far is read for what a headline standing apart names.
const FAR_BACK: usize = 64;

/// Candidate joins kept per fragment.
pub const MAX_CANDIDATES: usize = 24;

/// How far (in fragments, either way) a fragment looks for its successor. Pages of the usual
/// size compare every pair; a page of thousands of fragments compares a window that shrinks
/// so that the number of pairs stays near 200,000.
pub fn window(n: usize) -> usize {
    if n <= 400 {
        n
    } else {
        (100_000 / n).clamp(40, 200)
    }
}

/// The signals of one candidate join, gathered without allocating until the join is kept.
#[derive(Default)]
struct Signals {
    items: [(&'static str, f64); 12],
    len: usize,
}

impl Signals {
    fn add(&mut self, name: &'static str, value: f64) {
        if value != 0.0 && self.len < self.items.len() {
            self.items[self.len] = (name, value);
            self.len += 1;
        }
    }

    fn total(&self) -> f64 {
        self.items[..self.len].iter().map(|s| s.1).sum()
    }

    fn into_vec(self) -> Vec<Signal> {
        self.items[..self.len].iter().map(|&(name, value)| Signal { name, value }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_foot_under_a_headline_goes_on_from_its_cut() {
        // a text layer read the foot of a column (营管理，…) under a kicker printed above it,
        // after another article's open column: the foot opens on the rest of a word cut at the
        // end of its article's lead (联合经|营), printed further down
        let page = "社会\n\
            \n\
            第4版\n\
            \n\
            某县举办农民丰收节\n\
            \n\
            本报讯（通讯员 钱乙） 9月23日，\n\
            某县在县城广场举办农民丰收节，\n\
            来自全县的两百多户农民带来了\n\
            自家种植的瓜果蔬菜。丰收节上，\n\
            \n\
            让孩子放学后有去处\n\
            \n\
            营管理，费用由财政补贴，家长不\n\
            需另外付费。\n\
            据了解，托管时段为每天下午四点\n\
            半至六点，学生可以自愿报名。\n\
            \n\
            某市三所中学试行课后托管\n\
            本报讯（记者 赵甲） 新学期开始，\n\
            某市三所中学试行课后托管服务，学\n\
            生放学后可以留在学校完成作业、参\n\
            加社团活动。试点学校负责人介绍，\n\
            托管服务由学校与少年宫联合经\n\
            \n\
            农民们还参加了插秧、打谷等农事\n\
            比赛，现场热闹非凡。\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let school = got.articles.iter().find(|a| a.headline.as_deref() == Some("某市三所中学试行课后托管")).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert!(school.paragraphs.first().is_some_and(|p| p.ends_with("联合经营管理，费用由财政补贴，家长不需另外付费。")), "{:#?}", school.paragraphs);
        let fair = got.articles.iter().find(|a| a.headline.as_deref() == Some("某县举办农民丰收节")).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert!(fair.paragraphs.first().is_some_and(|p| p.ends_with("丰收节上，农民们还参加了插秧、打谷等农事比赛，现场热闹非凡。")), "{:#?}", fair.paragraphs);
    }

    #[test]
    fn parallel_joins_support_each_other() {
        // a grid of two columns read band by band: 0 1 | 2 3 (band 1: column a, column b;
        // band 2 likewise); the true joins 0→2 and 1→3 are parallel
        let succ = vec![Some((2, 1.0)), Some((3, 1.0)), None, None];
        let cells = Cells::new(&succ);
        assert_eq!(cells.parallel(1, 3), 1, "0→2 stands before 1→3");
        assert_eq!(cells.parallel(0, 2), 1, "1→3 stands after 0→2");
        // a join with no such neighbour, and the page's own order, get nothing
        assert_eq!(cells.parallel(0, 3), 0);
        assert_eq!(cells.parallel(2, 3), 0);
    }

    /// A column of one article read with the next box's headline between two of its lines
    /// (`before` | `headline` | `after`), then its foot and that box's lead: the articles read,
    /// as (headline, byline, paragraphs).
    fn headline_amid_a_column(before: &str, headline: &str, after: &str) -> Vec<(Option<String>, Option<String>, Vec<String>)> {
        let page = [
            "某市中心公园改造完工",
            "本报讯（记者周丁）某市中",
            "心公园改造工程近日完工，",
            "园内新建了健身步道、儿童",
            before,
            headline,
            after,
            "，周末更是热闹非凡。",
            "本报某地3月2日电（记者",
            "钱乙）某县近日举办农产品",
            "展销会，来自各乡镇的农户",
            "带来了新鲜蔬菜和特色农产",
            "品，现场交易十分火爆。",
        ]
        .join("\n");
        let got = crate::extract_text(&page, &Rules::embedded());
        got.articles.iter().map(|a| (a.headline.clone(), a.byline.clone(), a.paragraphs.clone())).collect()
    }

    /// What [`headline_amid_a_column`] should read: the column whole, the headline over the lead.
    fn column_and_lead(headline: &str, column: &str) -> Vec<(Option<String>, Option<String>, Vec<String>)> {
        vec![
            (Some("某市中心公园改造完工".into()), Some("本报讯（记者周丁）".into()), vec![format!("某市中心公园改造工程近日完工，园内新建了健身步道、儿童{column}，周末更是热闹非凡。")]),
            (Some(headline.into()), Some("本报某地3月2日电（记者钱乙）".into()), vec!["某县近日举办农产品展销会，来自各乡镇的农户带来了新鲜蔬菜和特色农产品，现场交易十分火爆。".into()]),
        ]
    }

    #[test]
    fn a_photo_credit_read_between_two_lines_of_a_column_is_no_author_of_its_text() {
        // pdftotext: the credit of a picture in the box beside, read between two lines of a
        // column whose sentence runs on across it (……精彩的表 | 某某 摄 | 演赢得了……)
        let page = [
            "某县文化下乡演出受欢迎",
            "本报讯（记者周丁）某县近日举行",
            "文化下乡演出，演员们表演了歌舞",
            "和曲艺等节目，吸引了许多村民前",
            "来观看。演出在村文化广场举行，",
            "舞台就搭在广场中央，村民们早早",
            "就搬来板凳等候。演员们精彩的表",
            "",
            "视觉某地 王某某 摄",
            "演赢得了村民们的阵阵掌声，一位",
            "演员说：“大家都很开心。”这是演员们",
            "今年第三次来到这个村子演出，每",
            "次都受到村民的热烈欢迎。",
        ]
        .join("\n");
        let got = crate::extract_text(&page, &Rules::embedded());
        assert_eq!(got.articles.len(), 1, "{got:#?}");
        assert_eq!(got.articles[0].authors, ["周丁"], "{got:#?}");
        assert!(got.articles[0].paragraphs.concat().contains("精彩的表演赢得了"), "{got:#?}");
        assert!(got.leftovers.iter().any(|l| l.text.contains("王某某")), "{got:#?}");
    }

    #[test]
    fn a_headline_read_between_two_lines_of_a_column_heads_the_lead_after_the_foot() {
        // a headline as wide as the column read between two of its lines (……每天都吸 | headline
        // | 引了大量……): it is no line of that paragraph, the column's foot goes on from the line
        // before it, and it heads the lead that follows the foot
        let got = headline_amid_a_column("乐园和休闲广场，每天都吸", "某县农产品展销会人气旺盛", "引了大量市民前来散步锻炼");
        assert_eq!(got, column_and_lead("某县农产品展销会人气旺盛", "乐园和休闲广场，每天都吸引了大量市民前来散步锻炼"));
    }

    #[test]
    fn a_headline_overrunning_the_column_it_is_read_in_heads_the_lead_after_the_foot() {
        // the same with no word across the cut (……每天吸引 | headline | 大量市民……), but a headline
        // wider than the column, as no line of it is
        let got = headline_amid_a_column("乐园和休闲广场，每天吸引", "某县农产品展销会开幕人气旺盛", "大量市民前来散步和锻炼");
        assert_eq!(got, column_and_lead("某县农产品展销会开幕人气旺盛", "乐园和休闲广场，每天吸引大量市民前来散步和锻炼"));
    }

    #[test]
    fn the_foot_of_a_column_read_under_the_next_headline_goes_back_to_its_column() {
        // a PDF text layer: a wide box's lead cut at its column's foot; a narrow column's
        // article; the opening byline of the wide box beside it (read before that box's
        // headline); the first box's continuation; the headline; then the foot of the narrow
        // column and the headline's body. The foot is no lead of that headline: it ends the
        // narrow column's article, and the byline goes to the headline's article
        let page = [
            "某区老年食堂开门迎客",
            "",
            "本报讯（记者周丁）",
            "",
            "记者昨日走进某区首家老年食",
            "堂，只见窗口前已排起长队，菜",
            "品有荤有素，价格实惠，不少老",
            "",
            "某县举办第三届农民丰收节",
            "",
            "本报某地9月1日电（记者赵甲）",
            "",
            "9月1日，某县第三届农民丰",
            "收节在某镇开幕，来自全县",
            "各乡镇的农户带来了自家种",
            "植的瓜果蔬菜和手工制品。",
            "",
            "活动现场设置了农产品展销",
            "区、农耕文化体验区等多个",
            "区域，吸引了大批市民前来",
            "参观选购，场面十分热闹。",
            "",
            "某网某地9月2日讯记者 钱乙 通讯员 孙丙）",
            "",
            "人一天三顿都在这里吃。食堂",
            "负责人说，下一步将推出送餐上",
            "门服务，照顾行动不便的老人。",
            "",
            "某市新建三座口袋公园方便市民休闲",
            "",
            "据了解，这次活动为期三天",
            "，期间还将举办农技讲座和",
            "现场直播带货等多项活动。",
            "",
            "9月2日，记者从某市园林部门获",
            "悉，今年以来该市利用边角空地新",
            "建了三座口袋公园，园内铺设了步",
            "道，种植了花草树木，还配备了健",
            "身器材和休息座椅，方便居民休闲。",
            "",
            "园林部门负责人介绍，下一步还将",
            "结合城市更新，在老旧小区周边继",
            "续建设口袋公园，让市民推窗就能",
            "见绿，出门就能进园，在家门口就",
            "能享受到城市发展带来的好处。",
        ]
        .join("\n");
        let got = crate::extract_text(&page, &Rules::embedded());
        let read: Vec<(Option<&str>, Option<&str>, usize, &str)> =
            got.articles.iter().map(|a| (a.headline.as_deref(), a.byline.as_deref(), a.paragraphs.len(), a.paragraphs.last().map_or("", String::as_str))).collect();
        assert_eq!(
            read,
            [
                (
                    Some("某区老年食堂开门迎客"),
                    Some("本报讯（记者周丁）"),
                    1,
                    "记者昨日走进某区首家老年食堂，只见窗口前已排起长队，菜品有荤有素，价格实惠，不少老人一天三顿都在这里吃。食堂负责人说，下一步将推出送餐上门服务，照顾行动不便的老人。"
                ),
                (Some("某县举办第三届农民丰收节"), Some("本报某地9月1日电（记者赵甲）"), 3, "据了解，这次活动为期三天，期间还将举办农技讲座和现场直播带货等多项活动。"),
                (
                    Some("某市新建三座口袋公园方便市民休闲"),
                    Some("某网某地9月2日讯记者 钱乙 通讯员 孙丙）"),
                    2,
                    "园林部门负责人介绍，下一步还将结合城市更新，在老旧小区周边继续建设口袋公园，让市民推窗就能见绿，出门就能进园，在家门口就能享受到城市发展带来的好处。"
                ),
            ],
            "{:#?}",
            got.articles
        );
        assert!(got.leftovers.is_empty(), "{:#?}", got.leftovers);
    }

    #[test]
    fn two_boxes_read_line_by_line_come_apart() {
        // two boxes side by side, their lines read across in turn; each line is cut where the
        // line after next goes on (保|护, 公|园, 图书|馆, 天|鹅, 经|济, 观|看)
        let page = [
            "今年以来，全市上下，齐心协力，持续推进生态保",
            "近日，记者一行，驱车来到，城郊的一处公",
            "护工作，在河道上游，因地制宜，新建了一座图书",
            "园，远远望去，水草丰美，看到成群的天",
            "馆，读者络绎不绝，群众得实惠，带动经",
            "鹅在水面上觅食，时而振翅，时而低飞，游人纷纷驻足观",
            "济发展。",
            "看。",
        ]
        .join("\n");
        let rules = Rules::embedded();
        let got = crate::extract_text(&page, &rules);
        let bodies: Vec<String> = got.articles.iter().map(|a| a.paragraphs.concat()).collect();
        assert_eq!(
            bodies,
            [
                "今年以来，全市上下，齐心协力，持续推进生态保护工作，在河道上游，因地制宜，新建了一座图书馆，读者络绎不绝，群众得实惠，带动经济发展。",
                "近日，记者一行，驱车来到，城郊的一处公园，远远望去，水草丰美，看到成群的天鹅在水面上觅食，时而振翅，时而低飞，游人纷纷驻足观看。"
            ]
        );
        let blocks = crate::classify::classify(crate::blocks::blocks(&crate::Page::from_text(&page), &rules, crate::blocks::Layout::ParagraphPerLine), &rules);
        let c = continuity(&blocks, &rules, Order::Streams);
        // each line is read on from the line after next
        assert!((0..6).all(|u| c.index.streams.next_of(u) == Some(u + 2)), "{:?}", c.index.streams);
    }

    #[test]
    fn a_box_read_across_runs_on_alone_where_the_box_beside_ends() {
        // two boxes side by side read line by line; the left one ends on its third line, and
        // the right one's last three lines then follow one another. Not every cut shows a
        // word (休闲|锻炼, 销售|渠道): the boxes taking turns carries the reading over them.
        let page = [
            "某市城市公园向市民开放",
            "某县举办农产品展销会",
            "本报某地3月1日电（记者赵甲）某市今年新建成的城市公园已向市民开放，公园内种植了各类花",
            "本报某地3月2日电（记者钱乙）某县近日举办农产品展销会，来自各乡镇的农户带来了新鲜蔬",
            "卉树木，设有健身步道和儿童游乐场，每天吸引大量市民前来休闲",
            "菜和特色农产品，现场交易十分火爆，不少市民慕名而来选购年",
            "锻炼。",
            "货。据统计，展销会期间共吸引游客两万余人次，销售额超过三百",
            "万元。主办方表示，今后将定期举办此类活动，帮助农户拓宽销售",
            "渠道，增加收入。",
        ]
        .join("\n");
        let got = crate::extract_text(&page, &Rules::embedded());
        let bodies: Vec<String> = got.articles.iter().map(|a| a.paragraphs.concat()).collect();
        assert_eq!(
            bodies,
            [
                "某市今年新建成的城市公园已向市民开放，公园内种植了各类花卉树木，设有健身步道和儿童游乐场，每天吸引大量市民前来休闲锻炼。",
                "某县近日举办农产品展销会，来自各乡镇的农户带来了新鲜蔬菜和特色农产品，现场交易十分火爆，不少市民慕名而来选购年货。据统计，展销会期间共吸引游客两万余人次，销售额超过三百万元。主办方表示，今后将定期举办此类活动，帮助农户拓宽销售渠道，增加收入。",
            ]
        );
    }

    #[test]
    fn a_paragraph_naming_a_headline_apart_opens_no_article_its_article_already_named() {
        // one article (its headline collected at the page's end): its lead and its last
        // paragraph both speak of the standing committee the headline names; the paragraphs
        // between do not. The last paragraph is no new article's opening.
        let page = "6月6日，某县县长主持召开县政协常委会专题会议，通报上半年工作情况。\n\n\
            会议认为，各项工作总体平稳有序，成绩来之不易。\n\n\
            会议提出，要深入乡村调研，帮助农户解决生产中的实际困难。\n\n\
            会议要求，要抓好安全生产，守住不发生重大事故的底线。\n\n\
            会议还部署了近期防汛抗旱工作，要求各地落实责任。\n\n\
            会议另外讨论了若干议题。\n\n\
            县政协常委会专题会议由县政协主席周戊召集，县政协常委吴己、郑庚、王辛出席会议；冯壬、陈癸、褚子、卫丑、蒋寅、沈卯、韩辰列席。\n\n\
            县政协常委会召开专题会议\n";
        let got = crate::extract_text(page, &Rules::embedded());
        assert_eq!(got.articles.len(), 1, "{:#?}", got.articles);
        assert_eq!(got.articles[0].paragraphs.len(), 7);
        assert_eq!(got.articles[0].headline.as_deref(), Some("县政协常委会召开专题会议"));
    }

    #[test]
    fn a_number_goes_on_with_its_unit() {
        // a scrape: the first lead cut after a number, the second after a finished word; the
        // text set next to the second lead goes on with a measure word (座), the one after it
        // with a word of its own. The number goes on with the measure word, not with the page
        // order.
        let page = "## 某市新建一批社区公园\n\n本报讯 今年以来，某市在城区新建的社区公园共计12\n\n\
            ## 某县合作社带动农民增收\n\n本报讯 某县近年来大力发展专业合作社\n\n\
            座，方便居民就近散步健身。\n\n今年新增三百多家，带动农民增收致富。\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let texts: Vec<String> = got.articles.iter().map(|a| a.paragraphs.concat()).collect();
        assert!(texts.iter().any(|t| t.contains("共计12座，方便居民")), "{texts:#?}");
        assert!(!texts.iter().any(|t| t.contains("合作社座")), "{texts:#?}");
    }

    #[test]
    fn a_mark_of_punctuation_never_follows_a_comma() {
        // a scrape: a lead cut after a comma, then a text opening on the full stop of a
        // sentence cut before it, then the lead's next sentence, then the sentence the stop
        // ends. Page order would glue 各地，|。展销会; two marks in a row are no text's.
        let page = "## 某县举办展销会\n\n某县展销会昨日开幕，参展企业来自全省各地，\n\n\
            。展销会为期三天，某县的农产品也在这里集中展出。\n\n许多市民前来选购，现场气氛热烈。\n\n\
            某县的特产也在展销会上亮相\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let paragraphs: Vec<&String> = got.articles.iter().flat_map(|a| &a.paragraphs).collect();
        assert_eq!(paragraphs, ["某县展销会昨日开幕，参展企业来自全省各地，许多市民前来选购，现场气氛热烈。", "某县的特产也在展销会上亮相。展销会为期三天，某县的农产品也在这里集中展出。"]);
    }

    #[test]
    fn a_numbered_item_goes_on_from_the_article_whose_last_item_comes_before_it() {
        // a document numbering its points, a report between its first point and the rest, then
        // points three and two: the join from point one to point two is in order, to point
        // three out of order, and the report's text numbers nothing either way
        let page = "## 某市关于做好社区服务工作的通知\n\n（一）完善社区服务设施。各街道要在年内建成社区服务站，配齐桌椅和图书。\n\n\
            ## 某县举办农民运动会\n\n某县第三届农民运动会昨天开幕，来自全县各乡镇的运动员参加了比赛。\n\n\
            （三）加强社区工作队伍建设。各社区要配齐社区工作者，定期组织培训。\n\n（二）提高社区服务质量。各社区要公开服务项目，方便居民办事。\n";
        let got = crate::extract(&crate::Page::from_text(page), &Rules::embedded(), crate::Options { explain: true });
        let signals = |from: &str, to_line: usize| -> Vec<&str> {
            let f = got.fragments.iter().find(|f| f.start.starts_with(from)).expect("the fragment");
            f.candidates.iter().find(|c| c.to_line == to_line).map(|c| c.signals.iter().map(|s| s.name).collect()).unwrap_or_default()
        };
        assert!(signals("（一）", 11).contains(&"item_next"), "{:?}", signals("（一）", 11));
        assert!(signals("（一）", 9).contains(&"item_out_of_order"), "{:?}", signals("（一）", 9));
        let report = signals("某县第三届", 11);
        assert!(!report.is_empty() && !report.iter().any(|s| s.starts_with("item_")), "{report:?}");
    }

    #[test]
    fn a_text_cut_mid_sentence_does_not_go_on_into_an_indented_paragraph() {
        // a hard-wrapped page whose extraction dropped the paragraphs' indents: a column ends
        // mid-sentence (……进一步); a paragraph whose first line falls short of the column by
        // the indent opens there, a full line of text does not
        let page = [
            "某市全力保障冬季供暖",
            "",
            "某市热力公司按计划向",
            "各换热站调配燃煤和天",
            "然气，保障供热。",
            "今年入冬，某市遭",
            "遇多轮寒潮天气，气温",
            "比往年偏低许多，供热",
            "负荷一度比较紧张。市",
            "政府采取措施，进一步",
            "",
            "提高了供热管网的输送",
            "能力，居民对此十分满",
            "意，纷纷点赞。",
            "",
            "整个供暖季里，全",
            "市供热面积比去年增加",
            "一成，新增供热用户两",
            "万余户。目前各小区室",
            "温基本保持在二十度。",
        ]
        .join("\n");
        let got = crate::extract(&crate::Page::from_text(&page), &Rules::embedded(), crate::Options { explain: true });
        let signals = |to_line: usize| -> Vec<&str> {
            let f = got.fragments.iter().find(|f| f.start.starts_with("今年入冬")).expect("the fragment");
            f.candidates.iter().find(|c| c.to_line == to_line).map(|c| c.signals.iter().map(|s| s.name).collect()).unwrap_or_default()
        };
        let (indented, full) = (signals(16), signals(12));
        assert!(indented.contains(&"open_to_indented_paragraph"), "{indented:?}");
        assert!(!full.is_empty() && !full.contains(&"open_to_indented_paragraph"), "{full:?}");
    }

    #[test]
    fn a_full_line_of_a_column_printed_a_line_a_page_line_goes_on_in_the_next_line() {
        // a text layer that prints each visual line of a wide box on a page line of its own:
        // a full line cut mid-sentence goes on in the next line of its stream, and says so;
        // the paragraph's last line, which finishes its sentence, does not
        let text = "某县今年在全县各乡镇推广新的种植技术，农技人员深入田间地头为农民讲解要点，帮助大家解决生产中遇到的各种难题，\
            许多农户因此提高了产量。县里还组织了多场培训班，邀请省里的专家前来授课，内容涵盖育苗、施肥、病虫害防治等方面，\
            参加培训的农民纷纷表示收获很大。据介绍，今年全县共建成示范基地十二个，带动周边农户两千余户，平均每亩增产一成以上，\
            部分村还成立了合作社，统一采购农资、统一销售产品，既降低了成本又稳定了价格。某村的老张告诉记者，过去种地全凭经验，\
            遇到病虫害常常手足无措，如今有了技术员的指导，心里踏实多了。下一步，该县将继续加大投入，建设更多示范基地，\
            让更多群众掌握实用技术，早日增收致富。";
        let chars: Vec<char> = text.chars().collect();
        let lines: Vec<String> = chars.chunks(36).map(|c| c.iter().collect()).collect();
        let page = format!("## 某县推广种植新技术\n{}\n", lines.join("\n"));
        let got = crate::extract(&crate::Page::from_text(&page), &Rules::embedded(), crate::Options { explain: true });
        assert_eq!(got.layout, crate::blocks::Layout::ParagraphPerLine);
        let signals = |from: &str| -> Vec<&str> {
            let f = got.fragments.iter().find(|f| from.starts_with(&f.start)).expect("the line's fragment");
            let line = f.lines[0];
            f.candidates.iter().find(|c| c.to_line == line + 1).map(|c| c.signals.iter().map(|s| s.name).collect()).unwrap_or_default()
        };
        let full = signals(&lines[1]);
        assert!(full.contains(&"adjacent") && full.contains(&"adjacent_column_line"), "{full:?}");
        let last = signals(&lines[lines.len() - 2]);
        assert!(last.contains(&"adjacent_column_line"), "{last:?}");
        let closing = got.fragments.iter().find(|f| !f.open).expect("the paragraph's last line");
        assert!(closing.candidates.iter().all(|c| c.signals.iter().all(|s| s.name != "adjacent_column_line")), "{:?}", closing.candidates);
    }

    #[test]
    fn a_text_set_to_another_columns_width_is_another_boxs() {
        // two boxes side by side, their paragraphs read in turn (a text layer sorting its
        // blocks by their height): box A set 18 characters wide, box B 11. B's last paragraph,
        // read after A's finished one, is B's: its lines are set to B's width
        let wrap = |text: &str, w: usize| crate::synth::wrap(text, w).join("\n");
        let page = [
            "某县乡村图书馆建成开放".to_string(),
            wrap("某县今年新建了三座乡村图书馆，每座图书馆都配有阅览室和电子阅读设备，藏书总量达到两万多册，开放时间从早上八点到晚上八点，方便附近村", 18),
            "某镇农技人员下乡指导春耕".to_string(),
            wrap("某镇组织农技人员下乡指导春耕，帮助农户选种育苗，推广节水灌溉技术，发放技术资料三千多份，培训农民五百多人次。", 11),
            wrap("民就近借阅图书。图书馆还定期举办读书会和讲座，邀请作家和专家为村民讲课，每月还组织亲子阅读和书法展览等活动，吸引了许多村民和学生参加。", 18),
            wrap("农技人员还现场讲解病虫害防治知识，走进田间地头察看苗情，农户们纷纷表示收获很大。", 11),
        ]
        .join("\n\n");
        let got = crate::extract_text(&page, &Rules::embedded());
        let article = |headline: &str| got.articles.iter().find(|a| a.headline.as_deref() == Some(headline)).map(|a| a.paragraphs.iter().map(String::as_str).collect::<String>()).unwrap_or_default();
        assert!(article("某镇农技人员下乡指导春耕").contains("农技人员还现场讲解"), "{:#?}", got.articles);
        assert!(!article("某县乡村图书馆建成开放").contains("农技人员还现场讲解"), "{:#?}", got.articles);
    }

    #[test]
    fn a_head_that_repeats_the_words_a_tail_ends_on_is_no_continuation_of_it() {
        // a lead cut after 阅读, the next paragraph opening on 阅读 again, then the cut's real
        // continuation (阅读|室): the join that would say 阅读阅读 counts against itself
        let page = "## 某县图书馆新建阅览室\n\n某县图书馆今年新建了一间阅读\n\n阅读推广活动吸引了许多市民参加。\n\n室，藏书五千册。\n";
        let got = crate::extract(&crate::Page::from_text(page), &Rules::embedded(), crate::Options { explain: true });
        let lead = got.fragments.iter().find(|f| f.start.starts_with("某县图书馆")).expect("the lead");
        let signals = |to_line: usize| -> Vec<&str> { lead.candidates.iter().find(|c| c.to_line == to_line).map(|c| c.signals.iter().map(|s| s.name).collect()).unwrap_or_default() };
        assert!(signals(5).contains(&"cut_repeats"), "{:?}", signals(5));
        assert!(!signals(7).is_empty() && !signals(7).contains(&"cut_repeats"), "{:?}", signals(7));
        assert_eq!(lead.chosen, Some(7));
    }

    #[test]
    fn the_longer_the_words_a_head_repeats_the_surer_it_is_no_continuation() {
        // the same page twice: a lead cut after a word, a paragraph opening on that word again,
        // then the cut's real continuation. Two characters said twice across a cut (阅读|阅读)
        // may be a text's own (讨论|讨论); four (某某公司|某某公司) never are
        let penalty = |word: &str| -> f64 {
            let page = format!("## 某县新闻\n\n某县今年新建了一间{word}\n\n{word}推广活动吸引了许多市民参加。\n\n室，藏书五千册。\n");
            let got = crate::extract(&crate::Page::from_text(&page), &Rules::embedded(), crate::Options { explain: true });
            let lead = got.fragments.iter().find(|f| f.start.starts_with("某县今年")).expect("the lead");
            let to = lead.candidates.iter().find(|c| c.to_line == 5).expect("the repeating head");
            to.signals.iter().find(|s| s.name == "cut_repeats").map_or(0.0, |s| s.value)
        };
        let two = penalty("阅读");
        let four = penalty("青年书屋");
        assert!(two < 0.0, "{two}");
        assert!((four - 3.0 * two).abs() < 1e-9, "{two} {four}");
    }

    #[test]
    fn a_line_of_the_column_beside_says_nothing_of_where_a_paragraph_opens() {
        // two columns read across, line by line: 0 2 4 6 are the left column's lines, 1 3 5
        // the right one's, and 6 opens no stream of its own reading. The line before it on
        // the page (5) goes on from 3, not from 4: whatever 5 ends on is another column's
        use crate::streams::Streams;
        let n = 7;
        let mut next = vec![None; n];
        let mut prev = vec![None; n];
        for (u, v) in [(0, 2), (2, 4), (1, 3), (3, 5)] {
            next[u] = Some(v);
            prev[v] = Some(u);
        }
        let streams = Streams { next, prev };
        assert!(read_across(&streams, 5, 6));
        // the line before read in turn (4 after 3, page order) is the same column's
        let page = Streams::page_order(n);
        assert!(!read_across(&page, 5, 6));
        // nor when v itself goes on from a line of its stream
        let mut joined = streams.clone();
        joined.prev[6] = Some(4);
        joined.next[4] = Some(6);
        assert!(!read_across(&joined, 5, 6));
    }

    #[test]
    fn a_byline_set_with_the_text_under_it_leads_that_text() {
        // a page that sets its blocks apart with blank lines (a PDF text layer): a finished
        // text, a blank line, then a name set right over the next text (its headline printed
        // after its body). The name is the next text's byline, not a trailing one of the text
        // above
        let page = "某市新建五座社区公园\n\n\
            本报讯 某市今年新建的五座社区公园近日全部向市民开放，公园内\n种植了各类花卉树木，设有健身步道和儿童游乐场，每天吸引大量\n市民前来休闲锻炼。\n\n\
            林夏\n某县日前举办农民丰收节，来自各乡镇的农户带来了新鲜蔬菜和特\n色农产品，丰收节现场交易十分火爆，不少市民慕名而来选购。\n\n某县举办农民丰收节\n";
        let got = crate::extract_text(page, &Rules::embedded());
        let of = |start: &str| got.articles.iter().find(|a| a.paragraphs[0].starts_with(start)).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert_eq!(of("某县日前").authors, vec!["林夏".to_string()], "{:#?}", got.articles);
        assert!(of("某市今年").authors.is_empty(), "{:#?}", got.articles);
        // set apart from the text under it by a blank line too, it closes the text above
        let apart = page.replace("林夏\n", "林夏\n\n");
        let got = crate::extract_text(&apart, &Rules::embedded());
        let of = |start: &str| got.articles.iter().find(|a| a.paragraphs[0].starts_with(start)).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert_eq!(of("某市今年").authors, vec!["林夏".to_string()], "{:#?}", got.articles);
    }

    #[test]
    fn a_lone_mark_is_no_finished_sentence_to_open_a_paragraph_after() {
        // a scrape: a lead cut mid-sentence, another article's finished paragraph, a lone
        // full stop (a cell cut just before the stop of the sentence it ends), then the lead's
        // continuation. The stop is no paragraph of its own for the continuation to open one
        // after: the join from the lead is not held against it.
        let page = "## 某县举办展销会\n\n某县展销会昨日开幕，参展企业来自全省\n\n\
            某市的公园改造完工，市民前来游玩。\n\n。\n\n\
            各地的农产品也在这里集中展出。\n";
        let opts = crate::Options { explain: true };
        let got = crate::extract(&crate::Page::from_text(page), &Rules::embedded(), opts);
        let lead = got.fragments.iter().find(|f| f.start.starts_with("某县展销会")).expect("the lead");
        let to_head = lead.candidates.iter().find(|c| c.to_line == 9).expect("a candidate join to the continuation");
        let names: Vec<&str> = to_head.signals.iter().map(|s| s.name).collect();
        assert!(names.contains(&"open_tail"), "{names:?}");
        assert!(!names.contains(&"head_after_sentence_end"), "{names:?}");
        // a finished sentence there counts against it as before
        let page = page.replace("\n。\n", "\n某区的图书馆开放。\n");
        let got = crate::extract(&crate::Page::from_text(&page), &Rules::embedded(), opts);
        let lead = got.fragments.iter().find(|f| f.start.starts_with("某县展销会")).expect("the lead");
        let to_head = lead.candidates.iter().find(|c| c.to_line == 9).expect("a candidate join to the continuation");
        assert!(to_head.signals.iter().any(|s| s.name == "head_after_sentence_end"), "{:?}", to_head.signals);
    }

    /// Two headlines stacked, then the two boxes' leads (the second one's first line given),
    /// and their lines in turn; no cut makes a dictionary word. The articles read, as
    /// headline and text.
    fn stacked_boxes(second_lead: &str) -> Vec<(Option<String>, String)> {
        let page = [
            "某市新建五座社区公园",
            "某县合作社带动农民增收",
            "本报某市3月2日电（记者赵甲）记者2日从某市园林部门获悉",
            second_lead,
            "，该市今年在城区新建了五座社区公园，方便居民",
            "合作社，全县合作社已经超过三百家，带动农民",
            "散步健身。公园里还设置了儿童游乐区和健身步道。",
            "增收致富。合作社还为社员提供技术培训和销售服务。",
        ]
        .join("\n");
        crate::extract_text(&page, &Rules::embedded()).articles.into_iter().map(|a| (a.headline, a.paragraphs.concat())).collect()
    }

    /// What [`stacked_boxes`] should read, the second box's text opening on `second_opening`.
    fn stacked_boxes_read(second_opening: &str) -> Vec<(Option<String>, String)> {
        vec![
            (Some("某市新建五座社区公园".into()), "记者2日从某市园林部门获悉，该市今年在城区新建了五座社区公园，方便居民散步健身。公园里还设置了儿童游乐区和健身步道。".into()),
            (Some("某县合作社带动农民增收".into()), format!("{second_opening}某县今年以来大力发展专业合作社，全县合作社已经超过三百家，带动农民增收致富。合作社还为社员提供技术培训和销售服务。")),
        ]
    }

    #[test]
    fn two_leads_in_a_row_open_two_boxes_read_line_by_line() {
        // each lead under its own dateline: only the two leads show the boxes
        assert_eq!(stacked_boxes("本报某县3月2日电（记者钱乙）某县今年以来大力发展专业"), stacked_boxes_read(""));
    }

    #[test]
    fn a_lead_and_a_text_opening_on_a_time_open_two_boxes_read_line_by_line() {
        // the second box's lead opening on a time (近日，) with no dateline: its headline stands
        // stacked with the first box's, so only the first is a lead by place
        let opening = "近日，记者从某县农业部门了解到，";
        assert_eq!(stacked_boxes(&format!("{opening}某县今年以来大力发展专业")), stacked_boxes_read(opening));
    }

    /// Each article of `page` as its headline and its one paragraph.
    fn single_paragraphs(page: &str) -> Vec<(Option<String>, String)> {
        let got = crate::extract_text(page, &Rules::embedded());
        assert!(got.articles.iter().all(|a| a.paragraphs.len() == 1), "{:#?}", got.articles);
        got.articles.into_iter().map(|a| (a.headline, a.paragraphs.concat())).collect()
    }

    #[test]
    fn a_headline_s_words_tie_a_cut_in_them() {
        // a scrape: two leads cut inside terms their headlines print (科技创|新大赛, 文化创|意集市),
        // their continuations after them in the other order; a dictionary word forms across
        // every one of the four cuts (创新, 创意), and the texts share no rare words
        let page = "## 某市举办青少年科技创新大赛\n\n本报讯 昨日，某市第五届青少年科技创\n\n\
            ## 某区首个文化创意集市开张\n\n本报讯 周末，某区首个文化创\n\n\
            新大赛决赛举行，来自全市的三百余名学生参加了比赛。\n\n\
            意集市开张，来自全市的三百余名摊主参加了活动。\n";
        assert_eq!(
            single_paragraphs(page),
            [
                (Some("某市举办青少年科技创新大赛".to_string()), "昨日，某市第五届青少年科技创新大赛决赛举行，来自全市的三百余名学生参加了比赛。".to_string()),
                (Some("某区首个文化创意集市开张".to_string()), "周末，某区首个文化创意集市开张，来自全市的三百余名摊主参加了活动。".to_string()),
            ]
        );
    }

    #[test]
    fn a_text_opening_inside_a_quotation_goes_on_from_the_text_that_opened_it() {
        // a scrape: two leads cut mid-sentence, one inside a quotation; their continuations
        // after them in the other order, the first one right after the lead that opened no
        // quotation; no word or string of the page forms across any cut
        let page = "## 某村举办农民丰收节\n\n本报讯 丰收节上，村民赵甲高兴地说：“今年的收成\n\n\
            ## 某镇开展送医下乡活动\n\n本报讯 昨日，镇卫生院的医生们来到村里，\n\n\
            比去年好多了，日子越过越红火。”\n\n\
            为村民免费测量血压、检查身体，受到村民欢迎。\n";
        assert_eq!(
            single_paragraphs(page),
            [
                (Some("某村举办农民丰收节".to_string()), "丰收节上，村民赵甲高兴地说：“今年的收成比去年好多了，日子越过越红火。”".to_string()),
                (Some("某镇开展送医下乡活动".to_string()), "昨日，镇卫生院的医生们来到村里，为村民免费测量血压、检查身体，受到村民欢迎。".to_string()),
            ]
        );
    }

    #[test]
    fn numbers_cut_in_two_are_seen() {
        let rules = Rules::embedded();
        let cut = |t: &str, h: &str| crate::text::cut_number(t, h, &rules);
        assert_eq!(cut("共收集了1", "2万份问卷。"), Some(true));
        assert_eq!(cut("同比增长了3.", "8%，高于"), Some(true));
        assert_eq!(cut("共有学员5", "名，其中"), Some(true), "a number goes on with its measure word");
        assert_eq!(cut("共5", "所学校今年"), Some(true));
        assert_eq!(cut("共5", "今年新建"), Some(false), "a number left without a unit");
        assert_eq!(cut("共5", "，其中"), None, "punctuation after a number tells nothing");
        assert_eq!(cut("第三季度。", "2024年"), None);
    }

    #[test]
    fn runs_of_the_previous_pass_are_cells() {
        // 0→1 read on in page order (one cell of two paragraphs); 1→3 jumps
        let succ = vec![Some((1, 1.0)), Some((3, 1.0)), None, None, None];
        let cells = Cells::new(&succ);
        assert_eq!((cells.start[1], cells.end[0]), (0, 1));
        // the run before 2's is [0 1]: 1→3 is the neighbour of 2→4
        assert_eq!(cells.parallel(2, 4), 1);
    }

    /// A weather story hard-wrapped in a column, under its headline.
    const WEATHER: [&str; 8] = [
        "寒潮过后气温回升",
        "",
        "市气象台昨日发布消息，受暖湿气流",
        "影响，未来三天全市气温将逐步回升，",
        "最高气温可达十五度，北部山区积雪将",
        "逐渐融化，农户要注意防范道路结冰和",
        "大棚蔬菜病害，出行的市民要注意交通",
        "安全，合理安排出行时间。",
    ];

    /// The headline and first lines of a library story hard-wrapped in a column.
    const LIBRARY_TOP: [&str; 5] = ["某县图书馆延长开放时间", "", "入冬以来，某县图书馆每天开放到晚上九", "点，还在二楼增设了自习区和少儿阅读区，", "受到附近居民和学生的欢迎。读者可以在网"];

    #[test]
    fn a_dateline_after_a_text_cut_mid_sentence_opens_the_next_article() {
        // a column cut mid-sentence, then another article's dateline on its own line over its
        // lead: no article ends mid-sentence, so the dateline is no closing of the text above,
        // which goes on further down
        let rest = [
            "上预约座位，也可以到现场排队领取号码牌",
            "",
            "本报某地1月5日电",
            "（记者李某 通讯员王某、",
            "赵某） 市气象台昨日发布消息，受暖湿",
            "气流影响，未来三天全市气温将逐步回升，",
            "最高气温可达十五度，北部山区积雪将逐",
            "渐融化，农户要注意防范道路结冰。",
            "",
            "，图书馆馆员介绍，自习区和少儿阅读区",
            "每天晚上都坐满了读者，这个月图书馆已",
            "经办理读者证两百多张，晚上来看书的读",
            "者一天比一天多。",
        ];
        let x = crate::extract_text(&[&LIBRARY_TOP[..], &rest].concat().join("\n"), &Rules::embedded());
        let library = x.articles.iter().find(|a| a.paragraphs.iter().any(|p| p.starts_with("入冬以来"))).expect("the library article");
        assert!(library.paragraphs.iter().any(|p| p.contains("号码牌，图书馆馆员介绍")), "{:#?}", x.articles);
        assert_eq!(library.dateline, None, "{:#?}", x.articles);
        let weather = x.articles.iter().find(|a| a.paragraphs.iter().any(|p| p.contains("市气象台"))).expect("the weather article");
        assert_eq!(weather.dateline.as_deref(), Some("本报某地1月5日电"), "{:#?}", x.articles);
    }

    #[test]
    fn a_sentence_finished_inside_a_quotation_goes_on_where_the_quotation_closes() {
        // the last sentence of a column ends inside a quotation (……作用。), and the line that
        // closes it (”某某这样表示。) stands after another article's text: the paragraph goes on
        // there, however finished its sentence
        let rest = ["上预约座位。“图书馆延长开放时间，方便", "了我们这些上班族，晚上下班以后也能来", "看书学习了。", ""];
        let last = ["", "”一位在图书馆看书的读者这样表示。"];
        let x = crate::extract_text(&[&LIBRARY_TOP[..], &rest, &WEATHER[..], &last].concat().join("\n"), &Rules::embedded());
        let library = x.articles.iter().find(|a| a.paragraphs.iter().any(|p| p.starts_with("入冬以来"))).expect("the library article");
        assert!(library.paragraphs.iter().any(|p| p.ends_with("看书学习了。”一位在图书馆看书的读者这样表示。")), "{:#?}", x.articles);
    }

    /// A library story hard-wrapped in a column, `between` printed between a line cut
    /// mid-word and the rest of its paragraph (……预约座 | `between` | 位，……), and a weather
    /// story after it.
    fn cut_around(between: &str) -> crate::Extraction {
        let rest = ["上预约座", "", between, "位，也可以到现场排队领取号码牌。馆员介", "绍，这个月已经办理读者证两百多张，比上", "个月多了三成，其中不少是带着孩子一起来", "的年轻家长。", ""];
        crate::extract_text(&[&LIBRARY_TOP[..], &rest, &WEATHER[..]].concat().join("\n"), &Rules::embedded())
    }

    const READ_ACROSS: &str = "读者可以在网上预约座位，也可以到现场";

    #[test]
    fn a_byline_read_between_a_cut_and_its_rest_closes_nothing() {
        // a byline line printed at a column's foot: the text reads on across it, and the
        // byline stays with the article
        let x = cut_around("本报记者 李某");
        let library = x.articles.iter().find(|a| a.paragraphs.iter().any(|p| p.starts_with("入冬以来"))).expect("the library article");
        assert!(library.paragraphs[0].contains(READ_ACROSS), "{:#?}", x.articles);
        assert_eq!(library.authors, ["李某"], "{:#?}", x.articles);
    }

    #[test]
    fn a_byline_read_between_a_number_and_its_unit_closes_nothing() {
        // the same where the column's last line ends on a number whose unit the rest opens with
        // (……比去年12 | byline | 月多了三成……): no word runs across, the number does
        let rest = ["上预约座位。这个月办理的读者证比去年12", "", "本报记者 李某", "月多了三成，其中不少是带着孩子一起来的", "年轻家长。", ""];
        let x = crate::extract_text(&[&LIBRARY_TOP[..], &rest, &WEATHER[..]].concat().join("\n"), &Rules::embedded());
        let library = x.articles.iter().find(|a| a.paragraphs.iter().any(|p| p.starts_with("入冬以来"))).expect("the library article");
        assert!(library.paragraphs[0].contains("比去年12月多了三成"), "{:#?}", x.articles);
    }

    #[test]
    fn a_name_alone_between_two_lines_a_word_runs_across_heads_neither() {
        // a byline of another box (a bare name) read there: no headline of an article of its own
        let x = cut_around("李某");
        let texts: Vec<&str> = x.articles.iter().flat_map(|a| a.paragraphs.iter().map(String::as_str)).collect();
        assert!(texts.iter().any(|t| t.contains(READ_ACROSS)), "{texts:#?}");
        assert!(x.articles.iter().all(|a| a.headline.as_deref() != Some("李某")), "{:#?}", x.articles);
    }
}
