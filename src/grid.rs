//! Stage 5b: re-read the articles of a page scraped cell by cell. An e-paper scrape of a
//! multi-column box reads its cells band by band (row-major: the top cell of every column,
//! then the cells below), while the text runs down each column (column-major). Each
//! article's fragments, in page order, are then a grid of `K` columns by `M` bands read
//! the wrong way round. This stage reads a chain's fragments as every such grid and scores
//! each reading by the evidence across its cuts and by the equal height of the cells of a
//! band. With it, headless chains are joined to the headed chains whose grids they
//! complete, single fragments move to the chains whose grids and topics they fit, and each
//! chain is left as its best reading.

use rustc_hash::FxHashMap;

use crate::classify;
use crate::joins::{Continuity, CutWeights};
use crate::read::Page;
use crate::rules::{Kind, Rules};
use crate::solve;

/// Chains longer than this are left as chosen (the grids to try grow as 2^n in the fragments
/// that do not end their cell; 14: 0.353 exact on the generated cells pages, 18: 0.443, 22:
/// 0.468, 30: no better and slower).
const MAX_FRAGMENTS: usize = 22;

/// Chains a fragment may move out of or into, at most this long after the move.
const MAX_MOVE_FRAGMENTS: usize = 21;

/// Compositions of fragments into cells tried, at most, while moving fragments between the
/// chains of a page: a page of many long chains stops moving when they are spent (the
/// generated cells pages try 385,000 on average; 400,000: 0.462 exact, 750,000: 0.472,
/// 2,000,000: 0.468 and half as fast again).
const MAX_MOVE_WORK: u64 = 750_000;

/// Compositions of fragments into cells one reading tries at most; a set of fragments that
/// would need more (long, with few cut ends) is read in page order.
const MAX_COMPOSITIONS: u64 = 40_000;

/// Columns and bands of a box: wider grids are not tried.
const MAX_COLUMNS: usize = 5;
const MAX_BANDS: usize = 4;

/// Chains shorter than this are left as chosen: a grid needs two bands of two columns and
/// more to show.
const MIN_FRAGMENTS: usize = 5;

/// One way to read a chain's fragments as a grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// Columns.
    pub columns: usize,
    /// Bands (rows of cells) of every column but the last.
    pub bands: usize,
    /// Bands of the last column (it may end early).
    pub last_bands: usize,
}

impl Grid {
    fn cells(&self) -> usize {
        (self.columns - 1) * self.bands + self.last_bands
    }

    /// Position in page order of the cell at band `b` of column `k`.
    fn page_cell(&self, b: usize, k: usize) -> usize {
        if b < self.last_bands {
            b * self.columns + k
        } else {
            self.last_bands * self.columns + (b - self.last_bands) * (self.columns - 1) + k
        }
    }

    /// The cells in text order: down each column, column by column.
    fn text_order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.cells());
        for k in 0..self.columns {
            let bands = if k + 1 < self.columns { self.bands } else { self.last_bands };
            for b in 0..bands {
                out.push(self.page_cell(b, k));
            }
        }
        out
    }
}

/// Every grid of two or more columns and bands with at most `n` cells.
fn shapes(n: usize) -> Vec<Grid> {
    let mut out = Vec::new();
    for columns in 2..=n.min(MAX_COLUMNS) {
        for bands in 2..=n.min(MAX_BANDS) {
            for last_bands in 1..=bands {
                let g = Grid { columns, bands, last_bands };
                if g.cells() <= n {
                    out.push(g);
                }
            }
        }
    }
    out
}

/// What a reading of an article's fragments is judged by.
pub struct Evidence<'a> {
    /// Evidence that the second fragment continues the first.
    pub join: &'a dyn Fn(usize, usize) -> f64,
    /// Evidence (at most 0) against a fragment ending the article: a numbered heading is no
    /// article's last.
    pub end: &'a dyn Fn(usize) -> f64,
    /// A fragment's height in the column, in characters: its text, plus the rest of its last
    /// line when it ends a paragraph.
    pub size: &'a dyn Fn(usize) -> f64,
    /// The fragment ends its cell: it is cut inside a paragraph (a cell prints its pieces of
    /// paragraph one a line, so only its last piece runs on).
    pub ends_cell: &'a dyn Fn(usize) -> bool,
    /// Weight per pair of cells of one band whose heights agree.
    pub band_weight: f64,
    /// Relative difference of heights at which a pair of cells counts neither for nor against.
    pub band_tolerance: f64,
}

impl<'a> Evidence<'a> {
    /// The evidence of `join`, `end` and `size`, with the band weights of `rules`.
    pub fn new(join: &'a dyn Fn(usize, usize) -> f64, end: &'a dyn Fn(usize) -> f64, size: &'a dyn Fn(usize) -> f64, ends_cell: &'a dyn Fn(usize) -> bool, rules: &Rules) -> Evidence<'a> {
        Evidence { join, end, size, ends_cell, band_weight: rules.weight("grid_band"), band_tolerance: rules.weight("grid_band_tolerance") }
    }
}

/// The best reading of `members` (fragment indices in page order) as a grid: the order of
/// the fragments and its score. The cells of one band of a grid stand side by side and are
/// equally high (all but the article's last, which may end early), and the joins between
/// cells read well; reading in page order is one of the candidates.
pub fn best_reading(members: &[usize], ev: &Evidence) -> (Vec<usize>, f64) {
    let (order, score, _) = counted_reading(members, ev);
    (order, score)
}

/// [`best_reading`], with the number of compositions it tried (at most `MAX_COMPOSITIONS`).
fn counted_reading(members: &[usize], ev: &Evidence) -> (Vec<usize>, f64, u64) {
    let m = members.len();
    let joins = |order: &[usize]| order.windows(2).map(|w| (ev.join)(w[0], w[1])).sum::<f64>() + order.last().map_or(0.0, |&f| (ev.end)(f));
    let mut best = (members.to_vec(), joins(members));
    if m < 3 {
        return (best.0, best.1, 0);
    }
    // every join and height looked up once: the readings below only add them up
    let pair: Vec<f64> = (0..m * m).map(|x| if x / m == x % m { 0.0 } else { (ev.join)(members[x / m], members[x % m]) }).collect();
    // joins inside a cell (page neighbours) and heights, as prefix sums over page order
    let mut inner = vec![0.0; m];
    for i in 1..m {
        inner[i] = inner[i - 1] + pair[(i - 1) * m + i];
    }
    let mut tall = vec![0.0; m + 1];
    for i in 0..m {
        tall[i + 1] = tall[i] + (ev.size)(members[i]);
    }
    let mut cuts = Vec::with_capacity(m + 1);
    let mut heights: Vec<f64> = Vec::with_capacity(m);
    let mut best_cut: Option<(Grid, Vec<usize>)> = None;
    // cut points (a cell starts at that fragment) every reading has: after each fragment that
    // ends its cell; the others are chosen
    let (forced, free): (Vec<usize>, Vec<usize>) = (1..m).partition(|&i| (ev.ends_cell)(members[i - 1]));
    let grids = shapes(m);
    let work = compositions(&grids, forced.len(), free.len());
    if work > MAX_COMPOSITIONS {
        // read in page order, but charged as the most a reading may try: a page of such sets
        // spends its budget for moves like any other
        return (best.0, best.1, MAX_COMPOSITIONS);
    }
    for g in grids {
        let text = g.text_order();
        let n = g.cells();
        if n - 1 < forced.len() || n - 1 - forced.len() > free.len() {
            continue;
        }
        let last_cell = *text.last().expect("a grid has cells");
        // every composition of the m fragments into n cells that cuts at the forced points:
        // the other n-1-forced cut points among the free gaps
        let mut choose: Vec<usize> = (1..n - forced.len()).collect();
        loop {
            cuts.clear();
            cuts.push(0);
            merge_sorted(&forced, choose.iter().map(|&i| free[i - 1]), &mut cuts);
            cuts.push(m);
            // the article ends with the last cell's last fragment
            let mut s = (ev.end)(members[cuts[last_cell + 1] - 1]);
            for (t, &cell) in text.iter().enumerate() {
                let (from, to) = (cuts[cell], cuts[cell + 1]);
                s += inner[to - 1] - inner[from];
                if let Some(&next) = text.get(t + 1) {
                    s += pair[(to - 1) * m + cuts[next]];
                }
            }
            // the bands: cells side by side are equally high
            for b in 0..g.bands {
                heights.clear();
                let columns = if b < g.last_bands { g.columns } else { g.columns - 1 };
                let mut last = None;
                for k in 0..columns {
                    let cell = g.page_cell(b, k);
                    let h = tall[cuts[cell + 1]] - tall[cuts[cell]];
                    if cell == last_cell {
                        last = Some(h);
                    } else {
                        heights.push(h);
                    }
                }
                // the article's last cell may end early, but not run longer than its band
                let tallest = heights.iter().copied().fold(0.0, f64::max);
                if let Some(h) = last.filter(|&h| h > tallest * (1.0 + ev.band_tolerance)) {
                    heights.push(h);
                }
                s += band_agreement(&heights, ev);
            }
            if s > best.1 + 1e-9 {
                best.1 = s;
                best_cut = Some((g.clone(), cuts.clone()));
            }
            if !next_combination(&mut choose, free.len()) {
                break;
            }
        }
    }
    if let Some((g, cuts)) = best_cut {
        best.0 = g.text_order().iter().flat_map(|&cell| members[cuts[cell]..cuts[cell + 1]].iter().copied()).collect();
    }
    (best.0, best.1, work)
}

/// How well the heights of a band's cells agree: per pair of cells, the weight times one
/// less the relative spread over the tolerance (at worst minus one).
fn band_agreement(heights: &[f64], ev: &Evidence) -> f64 {
    if heights.len() < 2 {
        return 0.0;
    }
    let mean = heights.iter().sum::<f64>() / heights.len() as f64;
    if mean <= 0.0 {
        return 0.0;
    }
    let spread = heights.iter().map(|h| (h - mean).abs()).fold(0.0, f64::max) / mean;
    let agreement = (1.0 - spread / ev.band_tolerance).max(-1.0);
    ev.band_weight * (heights.len() - 1) as f64 * agreement
}

/// The compositions a reading of `grids` tries, given the cut points forced and free.
fn compositions(grids: &[Grid], forced: usize, free: usize) -> u64 {
    grids.iter().filter(|g| g.cells() > forced).map(|g| binomial(free, g.cells() - 1 - forced)).sum()
}

/// n choose k (0 when k > n).
fn binomial(n: usize, k: usize) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k) as u64;
    (0..k).fold(1u64, |acc, i| acc.saturating_mul(n as u64 - i) / (i + 1))
}

/// Appends the sorted union of two sorted sequences to `out`.
fn merge_sorted(a: &[usize], b: impl Iterator<Item = usize>, out: &mut Vec<usize>) {
    let mut b = b.peekable();
    for &x in a {
        while let Some(y) = b.next_if(|&y| y < x) {
            out.push(y);
        }
        out.push(x);
    }
    out.extend(b);
}

/// The next k-subset of 1..=top in lexicographic order; false after the last.
fn next_combination(c: &mut [usize], top: usize) -> bool {
    let k = c.len();
    if k == 0 {
        return false;
    }
    let mut i = k;
    while i > 0 {
        i -= 1;
        if c[i] < top - (k - 1 - i) {
            c[i] += 1;
            for j in i + 1..k {
                c[j] = c[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

/// Re-reads every chain of `succ` as its best grid, when the page's joins jump as a page read
/// cell by cell does and the grid reads better than the chain as chosen; first joins
/// headless chains to the headed chains whose grids they complete, then moves single
/// fragments to the chains whose grids and topics they fit.
pub fn regrid(c: &mut Continuity, succ: &mut [Option<(usize, f64)>], rules: &Rules) {
    if !read_out_of_order(succ, rules) {
        return;
    }
    let before: Vec<Option<usize>> = succ.iter().map(|s| s.map(|s| s.0)).collect();
    regrid_chains(c, succ, rules);
    c.regridded = succ.iter().enumerate().filter_map(|(u, s)| s.map(|(v, _)| (u, v))).filter(|&(u, v)| before[u] != Some(v)).collect();
}

fn regrid_chains(c: &Continuity, succ: &mut [Option<(usize, f64)>], rules: &Rules) {
    let weights = CutWeights::new(rules);
    let join = |u: usize, v: usize| c.text_join(u, v, &weights);
    let w_end = rules.weight("grid_heading_end");
    let end = |f: usize| if c.fragments[f].heading { w_end } else { 0.0 };
    let size = |f: usize| fragment_height(c, f);
    let ends_cell = |f: usize| c.fragments[f].open;
    let ev = Evidence::new(&join, &end, &size, &ends_cell, rules);
    let mut reader = Reader::new(&ev);
    merge_headless(c, succ, &mut reader, rules.weight("grid_merge_margin"));
    move_fragments(c, succ, &mut reader, rules);
    let margin = rules.weight("grid_margin");
    for chain in solve::chains(succ) {
        let members = page_order(&chain);
        if members.len() < MIN_FRAGMENTS || members.len() > MAX_FRAGMENTS {
            continue;
        }
        let (order, best) = reader.read(&members).clone();
        // the chosen chain, read as it stands, against the best grid
        let chosen: f64 = chain.windows(2).map(|w| join(w[0].0, w[1].0)).sum::<f64>() + chain.last().map_or(0.0, |x| end(x.0));
        if order.iter().eq(chain.iter().map(|x| &x.0)) || best <= chosen + margin {
            continue;
        }
        // a join the solver chose keeps its score
        let old: FxHashMap<(usize, usize), f64> = chain.windows(2).map(|w| ((w[0].0, w[1].0), w[1].1.unwrap_or(0.0))).collect();
        write_order(succ, &order, |u, v| old.get(&(u, v)).copied().unwrap_or_else(|| join(u, v)));
    }
}

/// Fragments moved, a few at a time and best first, from one chain to another where the two
/// chains then read better as grids, with the fragments' topic closer to their new chain than
/// to what is left of their old one, by more than `grid_move_gain`; the chains a move touched
/// are left as their best grid reading. (The solver's chains mix the boxes of a page read
/// cell by cell: a cell's page neighbours belong to other boxes.)
fn move_fragments(c: &Continuity, succ: &mut [Option<(usize, f64)>], reader: &mut Reader, rules: &Rules) {
    let mut chains: Vec<Vec<usize>> = solve::chains(succ).iter().map(|ch| page_order(ch)).collect();
    if chains.iter().any(|m| m.len() > MAX_FRAGMENTS) {
        return;
    }
    let lead = |f: usize| c.fragments[f].lead;
    let topic = |a: &[usize], b: &[usize]| c.topic_similarity(a, b);
    let han: Vec<usize> = c.fragments.iter().map(|f| f.text.chars().filter(|&ch| crate::text::is_han(ch)).count()).collect();
    let chars = |a: &[usize]| a.iter().map(|&f| han[f]).sum::<usize>() as f64;
    let moves =
        Moves { lead: &lead, topic: &topic, chars: &chars, min_gain: rules.weight("grid_move_gain"), w_topic: rules.weight("grid_move_topic"), topic_chars: rules.weight("grid_move_topic_chars") };
    let moved = move_units(&mut chains, c.fragments.len(), reader, &moves);
    // the chains that lost or gained a fragment are read as their best grid; the others are
    // left to `regrid_chains`, which keeps the chosen order unless a grid reads clearly better
    for (m, _) in chains.iter().zip(&moved).filter(|(m, &mv)| mv && !m.is_empty()) {
        let order = reader.read(m).0.clone();
        write_order(succ, &order, reader.ev.join);
    }
}

/// What moving fragments between chains weighs besides the chains' grid readings.
struct Moves<'a> {
    /// The fragment opens an article: it stays first in its chain.
    lead: &'a dyn Fn(usize) -> bool,
    /// Topic similarity of two sets of fragments.
    topic: &'a dyn Fn(&[usize], &[usize]) -> f64,
    /// Han characters of a set of fragments.
    chars: &'a dyn Fn(&[usize]) -> f64,
    /// Gain a move needs.
    min_gain: f64,
    /// Gain per unit of topic similarity the moved fragments gain with their new chain.
    w_topic: f64,
    /// Han characters a unit needs for its topic to count in full: a short piece shares a rare
    /// bigram with some chain by chance, so its topic counts in proportion to its text.
    topic_chars: f64,
}

impl Moves<'_> {
    /// What the topic says for moving `unit` from (what is left of) one chain to another.
    fn topic_gain(&self, unit: &[usize], from: &[usize], to: &[usize]) -> f64 {
        let trust = ((self.chars)(unit) / self.topic_chars.max(1.0)).min(1.0);
        self.w_topic * trust * ((self.topic)(unit, to) - (self.topic)(unit, from))
    }
}

/// Moves units of fragments between `chains` (each in page order), best first, while a move
/// gains: a unit is one fragment, or a run of fragments that follow each other in their
/// chain's page order (the pieces of one cell, the cells of a band of one box): a cell of two
/// pieces moved one piece at a time loses the join inside it at each step. Returns which
/// chains changed.
fn move_units(chains: &mut [Vec<usize>], fragments: usize, reader: &mut Reader, m: &Moves) -> Vec<bool> {
    let max_move = MAX_MOVE_FRAGMENTS;
    let lead = |ch: &[usize]| ch.first().is_some_and(|&f| (m.lead)(f));
    let mut score: Vec<f64> = chains.iter().map(|ch| reader.read(ch).1).collect();
    let mut chain_of: Vec<usize> = vec![0; fragments];
    for (i, ch) in chains.iter().enumerate() {
        for &f in ch {
            chain_of[f] = i;
        }
    }
    let mut moved = vec![false; chains.len()];
    let budget = reader.work + MAX_MOVE_WORK;
    for _step in 0..fragments * 2 {
        if reader.work > budget {
            break;
        }
        // (gain, fragments moved, to chain, new score of the old chain, of the new one)
        let mut best: Option<(f64, Vec<usize>, usize, f64, f64)> = None;
        for (x, members) in chains.iter().enumerate() {
            if members.len() < 2 || members.len() > max_move {
                continue;
            }
            let units = (1..members.len()).flat_map(|n| members.windows(n).map(<[usize]>::to_vec));
            for unit in units {
                if unit.iter().any(|&f| (m.lead)(f)) || reader.work > budget {
                    continue;
                }
                let without: Vec<usize> = members.iter().copied().filter(|g| !unit.contains(g)).collect();
                let sx = reader.read(&without).1;
                for y in 0..chains.len() {
                    if y == x || chains[y].len() + unit.len() > max_move {
                        continue;
                    }
                    let mut with: Vec<usize> = chains[y].iter().chain(&unit).copied().collect();
                    with.sort_unstable();
                    if with[0] == unit[0] && lead(&chains[y]) {
                        continue;
                    }
                    let sy = reader.read(&with).1;
                    let topic = m.topic_gain(&unit, &without, &chains[y]);
                    let gain = sx + sy - score[x] - score[y] + topic;
                    if gain > m.min_gain && best.as_ref().is_none_or(|b| gain > b.0) {
                        best = Some((gain, unit.clone(), y, sx, sy));
                    }
                }
            }
        }
        let Some((_, unit, y, sx, sy)) = best else { break };
        let x = chain_of[unit[0]];
        chains[x].retain(|g| !unit.contains(g));
        chains[y].extend(&unit);
        chains[y].sort_unstable();
        for &f in &unit {
            chain_of[f] = y;
        }
        score[x] = sx;
        score[y] = sy;
        moved[x] = true;
        moved[y] = true;
    }
    moved
}

/// Chains with no header of their own joined, one at a time and best first, to the headed
/// chain whose grid they complete: the union, read as its best grid, must beat the two read
/// apart by `margin` (a box's lower bands are often left to chains of their own when its
/// cells' joins are weak).
fn merge_headless(c: &Continuity, succ: &mut [Option<(usize, f64)>], reader: &mut Reader, margin: f64) {
    for _round in 0..16 {
        let chosen = solve::chains(succ);
        let firsts: Vec<usize> = chosen.iter().map(|ch| ch[0].0).collect();
        let chains: Vec<Vec<usize>> = chosen.iter().map(|ch| page_order(ch)).collect();
        let alone: Vec<f64> = chains.iter().map(|m| if m.len() <= MAX_FRAGMENTS { reader.read(m).1 } else { f64::NAN }).collect();
        let mut best: Option<(f64, Vec<usize>)> = None;
        for (h, hm) in chains.iter().enumerate() {
            if !c.fragments[firsts[h]].lead || alone[h].is_nan() {
                continue;
            }
            for (t, tm) in chains.iter().enumerate() {
                if t == h || c.fragments[firsts[t]].lead || hm.len() + tm.len() > MAX_FRAGMENTS || alone[t].is_nan() {
                    continue;
                }
                let mut union: Vec<usize> = hm.iter().chain(tm).copied().collect();
                union.sort_unstable();
                if union[0] != firsts[h] {
                    continue;
                }
                let gain = reader.read(&union).1 - alone[h] - alone[t];
                if gain > margin && best.as_ref().is_none_or(|b| gain > b.0) {
                    best = Some((gain, union));
                }
            }
        }
        let Some((_, union)) = best else { break };
        let order = reader.read(&union).0.clone();
        write_order(succ, &order, reader.ev.join);
    }
}

/// The page says it was scraped from an e-paper's HTML (a `cell_scrape` rule matches one of
/// its lines), whose boxes are read cell by cell.
pub fn cell_scrape(page: &Page, rules: &Rules) -> bool {
    page.lines.iter().any(|l| classify::whole(rules, Kind::CellScrape, l.trim()).is_some())
}

/// The page's chosen joins jump more often than they follow the page: its boxes were read
/// out of order (cell by cell), not just a stray fragment moved. Joins to the block after
/// next count as following the page (two boxes read line by line).
pub fn read_out_of_order(succ: &[Option<(usize, f64)>], rules: &Rules) -> bool {
    let joins = succ.iter().flatten().count();
    let far = succ.iter().enumerate().filter(|(u, s)| s.is_some_and(|(v, _)| v != u + 1 && v != u + 2)).count();
    joins > 0 && far as f64 >= rules.weight("grid_far_share") * joins as f64 && far >= GRID_MIN_FAR
}

/// Jumping joins a page needs, whatever their share, before it is re-read as grids.
const GRID_MIN_FAR: usize = 4;

/// Best readings of sets of fragments, each worked out once: the joining of chains and the
/// moves of fragments ask again and again about the same sets.
struct Reader<'a> {
    ev: &'a Evidence<'a>,
    memo: FxHashMap<Vec<usize>, (Vec<usize>, f64)>,
    /// Compositions tried so far by the readings worked out.
    work: u64,
}

impl<'a> Reader<'a> {
    fn new(ev: &'a Evidence<'a>) -> Reader<'a> {
        Reader { ev, memo: FxHashMap::default(), work: 0 }
    }

    /// The best reading of `members` (in page order) and its score.
    fn read(&mut self, members: &[usize]) -> &(Vec<usize>, f64) {
        let (ev, work) = (self.ev, &mut self.work);
        self.memo.entry(members.to_vec()).or_insert_with(|| {
            let (order, score, tried) = counted_reading(members, ev);
            *work += tried;
            (order, score)
        })
    }
}

/// A chain's fragments in page order.
fn page_order(chain: &[(usize, Option<f64>)]) -> Vec<usize> {
    let mut m: Vec<usize> = chain.iter().map(|x| x.0).collect();
    m.sort_unstable();
    m
}

/// Sets the successors of `succ` to read `order`, each join scored by `score`.
fn write_order(succ: &mut [Option<(usize, f64)>], order: &[usize], score: impl Fn(usize, usize) -> f64) {
    for w in order.windows(2) {
        succ[w[0]] = Some((w[1], score(w[0], w[1])));
    }
    if let Some(&last) = order.last() {
        succ[last] = None;
    }
}

/// A fragment's height in its column, in characters: its text, and the rest of its last line
/// when it ends a paragraph.
fn fragment_height(c: &Continuity, f: usize) -> f64 {
    let fr = &c.fragments[f];
    fr.text.chars().count() as f64 + if fr.open { 0.0 } else { PARAGRAPH_END_PAD }
}

/// Characters left blank, on average, after a paragraph's last line.
const PARAGRAPH_END_PAD: f64 = 8.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_reads_down_its_columns() {
        // 3 columns, 2 bands: page order a0 b0 c0 / a1 b1 c1
        let g = Grid { columns: 3, bands: 2, last_bands: 2 };
        assert_eq!(g.text_order(), vec![0, 3, 1, 4, 2, 5]);
        // the last column ends after its first band: a0 b0 c0 / a1 b1
        let g = Grid { columns: 3, bands: 2, last_bands: 1 };
        assert_eq!(g.text_order(), vec![0, 3, 1, 4, 2]);
    }

    fn evidence<'a>(join: &'a dyn Fn(usize, usize) -> f64, size: &'a dyn Fn(usize) -> f64) -> Evidence<'a> {
        Evidence { join, end: &|_| 0.0, size, ends_cell: &|_| false, band_weight: 1.5, band_tolerance: 0.25 }
    }

    #[test]
    fn the_best_grid_is_found() {
        // true text order 0 3 1 4 2 (fragments 0..5 in page order); the scorer likes exactly
        // those joins, and every fragment is as high as the others
        let good = [(0, 3), (3, 1), (1, 4), (4, 2)];
        let join = |u: usize, v: usize| if good.contains(&(u, v)) { 1.0 } else { -1.0 };
        let size = |_| 40.0;
        let (order, s) = best_reading(&[0, 1, 2, 3, 4], &evidence(&join, &size));
        assert_eq!(order, vec![0, 3, 1, 4, 2]);
        // four joins, and the two bands' cells agree (the last cell is not compared)
        assert_eq!(s, 4.0 + 1.5 * 2.0);
    }

    #[test]
    fn no_reading_ends_its_article_on_a_heading() {
        // seven fragments in page order; fragment 3 is a numbered heading (一、…) at the top of
        // the first column's lower cell: the text reads 0 | 3 4 | 1 | 5 | 2 | 6 (three columns
        // of two bands). Read as four columns, the heading becomes a cell of its own, read
        // last, and a join from 0 straight to 4 reads a little better than 0 to the heading
        let joins = [((0, 3), 0.5), ((3, 4), 1.0), ((4, 1), 1.0), ((1, 5), 1.0), ((5, 2), 1.0), ((2, 6), 1.0), ((0, 4), 2.0), ((6, 3), 0.0)];
        let join = |u: usize, v: usize| joins.iter().find(|(p, _)| *p == (u, v)).map_or(-1.0, |x| x.1);
        let size = |_| 0.0;
        let free = |_: usize| 0.0;
        let members = [0, 1, 2, 3, 4, 5, 6];
        let ev = Evidence { end: &free, ..evidence(&join, &size) };
        assert_eq!(best_reading(&members, &ev).0, vec![0, 4, 1, 5, 2, 6, 3]);
        let heading = |f: usize| if f == 3 { -1.5 } else { 0.0 };
        let ev = Evidence { end: &heading, ..evidence(&join, &size) };
        assert_eq!(best_reading(&members, &ev).0, vec![0, 3, 4, 1, 5, 2, 6]);
    }

    #[test]
    fn a_fragment_cut_inside_its_paragraph_ends_its_cell() {
        // six cells, one fragment each: 0 1 2 / 3 4 5, text 0 3 1 4 2 5. Fragment 0 also reads
        // well into 1, and read as one cell with it the joins add up to more; but 0 is cut
        // inside a paragraph, so nothing follows it in its cell
        let joins = [((0, 3), 1.0), ((3, 1), 1.0), ((1, 4), 1.0), ((4, 2), 1.0), ((2, 5), 1.0), ((0, 1), 4.5)];
        let join = |u: usize, v: usize| joins.iter().find(|(p, _)| *p == (u, v)).map_or(0.0, |x| x.1);
        let size = |_| 0.0;
        let members = [0, 1, 2, 3, 4, 5];
        assert_eq!(best_reading(&members, &evidence(&join, &size)).0[..2], [0, 1]);
        let cut = |f: usize| f == 0;
        let ev = Evidence { ends_cell: &cut, ..evidence(&join, &size) };
        assert_eq!(best_reading(&members, &ev).0, vec![0, 3, 1, 4, 2, 5]);
    }

    #[test]
    fn equal_heights_choose_between_readings_the_joins_cannot_tell_apart() {
        // six fragments, no evidence across any cut; heights 40 40 40 | 20 20 20 read as
        // three columns of two bands, not two of three
        let join = |_: usize, _: usize| 0.0;
        let heights = [40.0, 40.0, 40.0, 20.0, 20.0, 20.0];
        let size = |f: usize| heights[f];
        let (order, _) = best_reading(&[0, 1, 2, 3, 4, 5], &evidence(&join, &size));
        assert_eq!(order, vec![0, 3, 1, 4, 2, 5]);
    }

    #[test]
    fn page_order_stays_when_it_reads_best() {
        let join = |u: usize, v: usize| if v == u + 1 { 1.0 } else { -1.0 };
        let size = |f: usize| 10.0 * f as f64;
        assert_eq!(best_reading(&[2, 5, 7, 9], &evidence(&join, &size)).0, vec![2, 5, 7, 9]);
    }

    #[test]
    fn the_last_cell_may_end_early_but_not_run_long() {
        let ev = Evidence { join: &|_, _| 0.0, end: &|_| 0.0, size: &|_| 0.0, ends_cell: &|_| false, band_weight: 1.0, band_tolerance: 0.25 };
        assert_eq!(band_agreement(&[40.0, 41.0], &ev), 1.0 * (1.0 - (0.5 / 40.5) / 0.25));
        assert!(band_agreement(&[40.0, 80.0], &ev) < 0.0);
        assert_eq!(band_agreement(&[40.0], &ev), 0.0);
    }

    #[test]
    fn two_fragments_that_belong_to_another_chain_move_together() {
        // chains 0 1 2 5 6 (led by 0) and 3 4 7 (led by 3); the text reads 0 1 2 and
        // 3 4 5 6 7. Moved alone, 5 or 6 takes the join 5-6 with it and gains nothing; moved
        // together they do
        let good = [(0, 1), (1, 2), (3, 4), (4, 5), (5, 6), (6, 7)];
        let join = |u: usize, v: usize| if good.contains(&(u, v)) { 2.0 } else { -1.0 };
        let size = |_| 0.0;
        let ev = evidence(&join, &size);
        let mut reader = Reader::new(&ev);
        let lead = |f: usize| f == 0 || f == 3;
        let topic = |_: &[usize], _: &[usize]| 0.0;
        let chars = |_: &[usize]| 0.0;
        let moves = Moves { lead: &lead, topic: &topic, chars: &chars, min_gain: 1.5, w_topic: 0.0, topic_chars: 25.0 };
        let mut chains = vec![vec![0, 1, 2, 5, 6], vec![3, 4, 7]];
        assert_eq!(move_units(&mut chains, 8, &mut reader, &moves), vec![true, true]);
        assert_eq!(chains, vec![vec![0, 1, 2], vec![3, 4, 5, 6, 7]]);
    }

    #[test]
    fn a_short_piece_s_topic_counts_for_less() {
        // chains 0 1 2 (led by 0) and 3 4 5 6 (led by 3): 6 reads on from 5, and its topic is
        // chain 0's more than chain 3's (0.15). A long piece moves on that topic; a short
        // one, which may share a rare word with chain 0 by chance, stays where it reads on
        let good = [(0, 1), (1, 2), (3, 4), (4, 5), (5, 6)];
        let join = |u: usize, v: usize| if good.contains(&(u, v)) { 1.0 } else { 0.0 };
        let size = |_| 0.0;
        let ev = evidence(&join, &size);
        let lead = |f: usize| f == 0 || f == 3;
        let topic = |unit: &[usize], to: &[usize]| if unit == [6] && to.contains(&0) { 0.15 } else { 0.0 };
        let moved = |han: f64| {
            let mut reader = Reader::new(&ev);
            let chars = move |_: &[usize]| han;
            let moves = Moves { lead: &lead, topic: &topic, chars: &chars, min_gain: 1.5, w_topic: 40.0, topic_chars: 25.0 };
            let mut chains = vec![vec![0, 1, 2], vec![3, 4, 5, 6]];
            move_units(&mut chains, 7, &mut reader, &moves);
            chains[0].contains(&6)
        };
        assert!(moved(60.0));
        assert!(!moved(8.0));
    }

    #[test]
    fn combinations_are_all_visited() {
        let mut c = vec![1, 2];
        let mut n = 1;
        while next_combination(&mut c, 4) {
            n += 1;
        }
        assert_eq!(n, 6);
    }
}

#[cfg(test)]
mod page_tests {
    use crate::rules::Rules;

    /// A box of three columns in two bands, scraped band by band. The second column's lower
    /// cell ends its paragraph on a list of names cut inside a name (赵甲、钱乙丙、孙|丁戊、),
    /// and the third column's upper cell goes on with the list; no dictionary word spans that
    /// cut or the cut from the third column's upper cell to its lower one, and read the other
    /// way (孙|剪辑成专题片, 中心|以) the cells stand about as high. The second column's cut falls
    /// inside a word (创|造力).
    const LIST_BOX: &str = "上一版　下一版\n\n返回目录\n\n\
        第三届社区合唱节落幕\n\n\
        由某区文化馆与某音乐学院联合主办的第三届社区合唱节日前在区剧场落下帷幕\n\n\
        本届合唱节首次设立少儿组和银发组，组委会在评选演唱水平的同时，更看重每支队伍的创\n\n\
        丁戊、李己、周庚担任评委，逐一点评了参赛队伍的表现。决赛的全程录像已交由区融媒体中心\n\n\
        。东湖社区合唱团凭借一曲《家乡的小河》摘得金奖，银发组的西岭社区合唱团和少儿组的南苑社区小百灵合唱团分获两个组别的第一名。\n\n\
        造力和感染力。全区二十八个社区的一千多名居民报名参赛，年龄最大的参赛者已经八十二岁。\n\n\
        决赛当天，区里邀请了赵甲、钱乙丙、孙\n\n\
        剪辑成专题片，下月播出。\n\n\
        以“唱响新时代”为主题的第四届社区合唱节将于明年春天举办，报名工作计划在今年年底启动。\n\n\
        分享到：\n";

    #[test]
    fn a_list_of_names_cut_in_a_name_runs_on() {
        let got = crate::extract_text(LIST_BOX, &Rules::embedded());
        let a = got.articles.iter().find(|a| a.headline.as_deref() == Some("第三届社区合唱节落幕")).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert!(
            a.paragraphs.iter().any(|p| p == "决赛当天，区里邀请了赵甲、钱乙丙、孙丁戊、李己、周庚担任评委，逐一点评了参赛队伍的表现。决赛的全程录像已交由区融媒体中心剪辑成专题片，下月播出。"),
            "{:#?}",
            a.paragraphs
        );
    }
}
