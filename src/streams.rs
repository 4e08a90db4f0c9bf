//! Reading order: which block runs on into which when an extractor read boxes or columns
//! printed side by side across, line by line (a PDF text layer sorted by the lines' height: a
//! line of the left column, a line of the next, ..., then the next row). Used twice: on a hard-wrapped page's
//! lines before they are unwrapped (`blocks::deinterleave`), and on the fragments, whose
//! adjacency signals follow the streams (`joins`).
//!
//! The page's blocks are taken as a merge of up to [`MAX_STREAMS`] streams, each a column
//! read in page order, and the merge with the best evidence is decoded by dynamic
//! programming: a block either goes on a stream (scored by the evidence of the texts across
//! the cut: a word, a string of the page, a number cut in two) or starts one. Opening a second
//! or third stream costs something, as does a block that goes on from a stream whose turn it is
//! not: read across, the streams take turns, row after row, so the stream read longest ago
//! goes on next (unless the streams before it ended: a column ran out). Side-by-side reading
//! must be shown by the words (or by two cut leads in a row, whose boxes must both go on), and
//! an ordinary page reads as one stream, each block followed by the next.

/// Streams read side by side at most (six columns across); a caller may ask for fewer.
pub const MAX_STREAMS: usize = 6;

/// How far back (in blocks) a stream's last block may stand and still be continued.
pub const WINDOW: usize = 10;

/// States kept per block (the best ones): with six streams in a window of ten there can be
/// hundreds, most of them far behind.
const BEAM: usize = 128;

/// What the decoder weighs (from the rules' weights).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Costs {
    /// Opening a second stream.
    pub open: f64,
    /// What each stream already running beside the first adds to the cost of opening another,
    /// as a share of `open`: boxes read across open their columns row after row (a box of
    /// three columns beside one of two is five streams), so a further stream must cost little
    /// more than the second, or the decoder reads a new box's first lines on from the columns
    /// beside it.
    pub growth: f64,
    /// A block that goes on from a stream whose turn it is not: read across, the streams take
    /// turns (left to right, row after row), so the stream read longest ago goes on next.
    pub turn: f64,
    /// A stream that ends on a block whose text must run on (as the caller tells: an
    /// article's cut lead, a line cut mid-sentence): its box goes on.
    pub end_cut: f64,
}

impl Costs {
    /// The costs the rules' weights set (`stream_open`, `stream_open_growth`, `stream_turn`,
    /// `stream_end_cut`).
    pub fn new(rules: &crate::rules::Rules) -> Costs {
        let w = |name: &str| rules.weight(name);
        Costs { open: w("stream_open"), growth: w("stream_open_growth"), turn: w("stream_turn"), end_cut: w("stream_end_cut") }
    }
}

/// The decoded reading: each block's predecessor and successor on its stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streams {
    pub next: Vec<Option<usize>>,
    pub prev: Vec<Option<usize>>,
}

impl Streams {
    /// Each block followed by the next (no block read across).
    pub fn page_order(n: usize) -> Streams {
        Streams { next: (0..n).map(|i| (i + 1 < n).then_some(i + 1)).collect(), prev: (0..n).map(|i| i.checked_sub(1)).collect() }
    }

    /// The block read after `u` on its stream, or else the next block on the page unless that
    /// one goes on from another block of its own stream (the box beside `u`'s, read on after
    /// `u`'s box ended).
    pub fn next_of(&self, u: usize) -> Option<usize> {
        self.next[u].or_else(|| (u + 1 < self.prev.len() && self.prev[u + 1].is_none()).then_some(u + 1))
    }

    /// The block read before `v` on its stream, or else the block before it on the page unless
    /// that one runs on into another block of its stream.
    pub fn prev_of(&self, v: usize) -> Option<usize> {
        self.prev[v].or_else(|| v.checked_sub(1).filter(|&u| self.next[u].is_none()))
    }

    /// Blocks whose successor is not the next block on the page.
    pub fn across(&self) -> usize {
        self.next.iter().enumerate().filter(|(i, x)| x.is_some_and(|x| x != i + 1)).count()
    }
}

/// A state after block `i`: the last blocks of the other running streams (block `i` ends
/// one stream), newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct State {
    others: [Option<u32>; MAX_STREAMS - 1],
}

impl State {
    fn running(&self) -> usize {
        1 + self.others.iter().flatten().count()
    }

    /// The state of these last blocks (at most `MAX_STREAMS - 1`), in any order.
    fn from(v: &[u32]) -> State {
        let mut buf = [0u32; MAX_STREAMS - 1];
        let k = v.len().min(buf.len());
        buf[..k].copy_from_slice(&v[..k]);
        buf[..k].sort_unstable_by(|a, b| b.cmp(a));
        let mut others = [None; MAX_STREAMS - 1];
        for (slot, &x) in others.iter_mut().zip(&buf[..k]) {
            *slot = Some(x);
        }
        State { others }
    }
}

/// A state reached at a block: (state, score, index of the state it came from at the block
/// before, the block it goes on from).
type Step = (State, f64, usize, Option<u32>);

/// Decodes the streams of `n` blocks. `link(u, v)` is the evidence that block `v` goes on
/// from block `u` on one stream (`None`: it cannot, as when `u` is closed by furniture);
/// `lead(v)`: block `v` opens an article and goes on from nothing.
/// `beside(i, x)`: block `x` opens a box beside block `i`'s (two leads side by side), which
/// counts for reading them across as much as opening a box costs.
/// `ends(u)`: what a stream ending on block `u` costs (`Costs::end_cut` where its text must
/// run on).
pub fn decode(
    n: usize,
    max: usize,
    link: impl Fn(usize, usize) -> Option<f64>,
    lead: impl Fn(usize) -> bool,
    beside: impl Fn(usize, usize) -> bool,
    ends: impl Fn(usize) -> f64,
    costs: Costs,
) -> Streams {
    if n < 3 {
        return Streams::page_order(n);
    }
    let mut layers: Vec<Vec<Step>> = Vec::with_capacity(n);
    layers.push(vec![(State { others: [None; MAX_STREAMS - 1] }, 0.0, usize::MAX, None)]);
    // (where each state stands in the layer being built; one map for every layer)
    let mut at: rustc_hash::FxHashMap<State, usize> = rustc_hash::FxHashMap::default();
    for x in 1..n {
        let i = x - 1;
        let mut next: Vec<Step> = Vec::with_capacity(64);
        at.clear();
        let mut offer = |s: State, score: f64, from: usize, pred: Option<u32>| match at.get(&s) {
            Some(&e) if score > next[e].1 => next[e] = (s, score, from, pred),
            Some(_) => {}
            None => {
                at.insert(s, next.len());
                next.push((s, score, from, pred));
            }
        };
        let is_lead = lead(x);
        // the evidence from each block a stream may end on (the states share them)
        let near: Vec<Option<f64>> = (1..=WINDOW).map(|d| if is_lead || d > x { None } else { link(x - d, x) }).collect();
        let link = |u: usize, v: usize| near[v - u - 1];
        for (k, &(state, score, _, _)) in layers[i].iter().enumerate() {
            // streams whose last block is too far back have ended
            let mut buf = [0u32; MAX_STREAMS];
            let mut len = 0;
            for o in state.others.iter().flatten().copied().filter(|&o| x - (o as usize) <= WINDOW) {
                buf[len] = o;
                len += 1;
            }
            let others = &buf[..len];
            let running = 1 + others.len();
            // what the streams ending cost
            let end = |ended: &[u32]| ended.iter().map(|&u| ends(u as usize)).sum::<f64>();
            let mut all = buf;
            all[len] = i as u32;
            let all = &all[..len + 1];
            // x starts afresh: every stream ends, or a new one opens beside them
            let fresh = State::from(&[]);
            offer(fresh, score - end(all), k, None);
            if running < max.min(MAX_STREAMS) {
                let s = State::from(all);
                // two leads side by side show the boxes as well as the words would
                let open = if beside(i, x) { -costs.open } else { costs.open * (1.0 + costs.growth * (running - 1) as f64) };
                offer(s, score - open, k, None);
            }
            if is_lead {
                continue;
            }
            // x goes on from i (its stream), the others running on or ended
            if let Some(l) = link(i, x) {
                let keep = State::from(others);
                // (i is the newest: going on from it skips every other stream's turn)
                let turn = if others.is_empty() { 0.0 } else { costs.turn };
                offer(keep, score + l - turn, k, Some(i as u32));
                if !others.is_empty() {
                    offer(fresh, score + l - end(others), k, Some(i as u32));
                }
            }
            // x goes on from another stream's last block; i's stream runs on, or ends there
            for (j, &o) in others.iter().enumerate() {
                let Some(l) = link(o as usize, x) else { continue };
                // (it is o's turn when no running stream was read longer ago)
                let turn = if others.iter().any(|&y| y < o) { costs.turn } else { 0.0 };
                // the other streams but o's, with and without i's
                let mut rest = [0u32; MAX_STREAMS];
                let mut r = 0;
                for (_, &y) in others.iter().enumerate().filter(|&(m, _)| m != j) {
                    rest[r] = y;
                    r += 1;
                }
                rest[r] = i as u32;
                let s = State::from(&rest[..r + 1]);
                offer(s, score + l - turn, k, Some(o));
                let s = State::from(&rest[..r]);
                offer(s, score + l - turn - end(&[i as u32]), k, Some(o));
                // or the streams read longer ago than o end there (their columns ran out), so
                // that it is o's turn after all; i's runs on
                if turn > 0.0 {
                    let mut newer = [0u32; MAX_STREAMS];
                    let mut q = 0;
                    for &y in others.iter().filter(|&&y| y > o) {
                        newer[q] = y;
                        q += 1;
                    }
                    newer[q] = i as u32;
                    let older: f64 = others.iter().filter(|&&y| y < o).map(|&y| ends(y as usize)).sum();
                    offer(State::from(&newer[..q + 1]), score + l - older, k, Some(o));
                }
            }
        }
        // best first; ties to fewer streams, then to the nearer predecessors
        next.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.running().cmp(&b.0.running())).then(b.0.others.cmp(&a.0.others)));
        next.truncate(BEAM);
        layers.push(next);
    }
    // the best final state, followed back
    let mut prev = vec![None; n];
    let mut k = 0;
    for x in (1..n).rev() {
        let (_, _, from, pred) = layers[x][k];
        prev[x] = pred.map(|p| p as usize);
        k = from;
    }
    let mut next = vec![None; n];
    for (v, p) in prev.iter().enumerate() {
        if let Some(u) = p {
            next[*u] = Some(v);
        }
    }
    Streams { next, prev }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COSTS: Costs = Costs { open: 2.0, growth: 1.0, turn: 1.0, end_cut: 1.0 };

    /// The costs of the embedded rules.
    const COSTS_ACROSS: Costs = Costs { open: 2.0, growth: 0.25, turn: 4.0, end_cut: 2.0 };

    #[test]
    fn the_costs_of_the_tests_are_the_embedded_rules_costs() {
        assert_eq!(Costs::new(&crate::rules::Rules::embedded()), COSTS_ACROSS);
    }

    #[test]
    fn an_ordinary_page_is_one_stream() {
        // paragraphs with no evidence either way, one cut shown by a word: page order
        let link = |u: usize, v: usize| Some(if (u, v) == (2, 3) { 2.0 } else { 0.0 });
        let s = decode(8, 3, link, |_| false, |_, _| false, |_| 0.0, COSTS);
        assert_eq!(s.across(), 0, "{s:?}");
        assert_eq!(s.next_of(2), Some(3));
    }

    #[test]
    fn two_boxes_read_line_by_line_are_two_streams() {
        // lines 0 2 4 6 8 of one box, 1 3 5 7 9 of the other; the words show most cuts of
        // each box and none across the boxes
        let shown = [(0, 2), (2, 4), (6, 8), (1, 3), (3, 5), (5, 7), (7, 9)];
        let link = |u: usize, v: usize| Some(if shown.contains(&(u, v)) { 2.0 } else { 0.0 });
        let s = decode(10, 3, link, |v| v < 2, |_, _| false, |_| 0.0, COSTS);
        // the cut 4|6 shows nothing, but the boxes take turns
        for u in 0..8 {
            assert_eq!(s.next_of(u), Some(u + 2), "line {u}: {s:?}");
        }
    }

    #[test]
    fn one_box_ending_leaves_the_other_read_on() {
        // two boxes across until line 5, where the left box ends; the right box's lines
        // then follow one another
        let shown = [(0, 2), (2, 4), (1, 3), (3, 5), (5, 6), (6, 7), (7, 8)];
        let link = |u: usize, v: usize| Some(if shown.contains(&(u, v)) { 2.0 } else { 0.0 });
        let s = decode(9, 3, link, |v| v < 2, |_, _| false, |_| 0.0, COSTS);
        let next: Vec<Option<usize>> = (0..8).map(|u| s.next_of(u)).collect();
        assert_eq!(next, [Some(2), Some(3), Some(4), Some(5), None, Some(6), Some(7), Some(8)], "{s:?}");
        // the left box ends at 4: the line after it on the page is the right box's
        assert_eq!(s.prev_of(5), Some(3), "{s:?}");
    }

    #[test]
    fn four_columns_read_row_by_row_take_turns() {
        // four columns read across, a line of each a row, for eight rows; the words show two
        // cuts in three within a column and none across; then the fourth column has ended
        // (its last line is 31) and the others read on for three rows (lines 32-40), in turns
        // of three
        let within = |u: usize, v: usize| (v == u + 4 && v < 35) || (v == u + 3 && v >= 35);
        let shown = |u: usize, v: usize| within(u, v) && !(u + v).is_multiple_of(3);
        let link = |u: usize, v: usize| Some(if shown(u, v) { 2.0 } else { 0.0 });
        let s = decode(41, MAX_STREAMS, link, |v| v == 0, |_, _| false, |_| COSTS_ACROSS.end_cut, COSTS_ACROSS);
        for u in 0..28 {
            assert_eq!(s.next[u], Some(u + 4), "line {u}: {s:?}");
        }
        assert_eq!(s.next[28..32], [Some(32), Some(33), Some(34), None], "{s:?}");
        for u in 32..38 {
            assert_eq!(s.next[u], Some(u + 3), "line {u}: {s:?}");
        }
    }

    #[test]
    fn a_box_of_three_columns_opening_beside_three_is_read_as_six_streams() {
        // three columns read across for four rows (lines 0-11), then a box of three columns
        // opens beside them and the six are read across for six rows (lines 12-47); the
        // words show the cuts into the second row of each box, then one cut in two within a
        // column, and none across
        let row = |x: usize| if x < 12 { x / 3 } else { 4 + (x - 12) / 6 };
        let col = |x: usize| if x < 12 { x % 3 } else { (x - 12) % 6 };
        let within = |u: usize, v: usize| col(u) == col(v) && row(v) == row(u) + 1;
        let shown = |u: usize, v: usize| within(u, v) && (row(v) == 1 || row(v) == 5 || !(u + v).is_multiple_of(2));
        let link = |u: usize, v: usize| Some(if shown(u, v) { 2.0 } else { 0.0 });
        let truth = |u: usize| (u + 1..48).find(|&v| within(u, v));
        // (the new box's first line opens as a lead)
        let lead = |v: usize| v == 0 || v == 15;
        let s = decode(48, MAX_STREAMS, link, lead, |_, _| false, |_| COSTS_ACROSS.end_cut, COSTS_ACROSS);
        for u in 0..42 {
            assert_eq!(s.next[u], truth(u), "line {u}: {s:?}");
        }
        // with the old costs (each further stream dearer than the last by a whole opening) the
        // new box's columns are read on from the columns beside them
        let old = Costs { open: 3.0, growth: 1.0, turn: 4.0, end_cut: 2.0 };
        let s = decode(48, MAX_STREAMS, link, lead, |_, _| false, |_| old.end_cut, old);
        assert!((0..42).any(|u| s.next[u] != truth(u)), "{s:?}");
    }

    #[test]
    fn a_block_that_cannot_go_on_ends_its_stream() {
        let link = |u: usize, _v: usize| if u == 1 { None } else { Some(0.0) };
        let s = decode(4, 3, link, |_| false, |_, _| false, |_| 0.0, COSTS);
        assert_eq!(s.next[1], None);
        assert_eq!(s.prev[2], None);
    }
}
