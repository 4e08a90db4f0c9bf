//! Stage 6: give every article its headline. A headline, kicker or deck usually stands above
//! its body, but PDF text layers and scrapers also print it after the body, or collect the
//! headlines of several articles in one place. So the header lines are not tied to the
//! fragment under them: each is scored against every article chain by content (the rare
//! terms a headline shares with a body) and by position (directly above the article's first
//! fragment, or directly below its last), and the assignment is chosen globally. A headline no
//! article took, or one an article took as a deck beside its headline, that names the tail of
//! a chain cuts the chain there ([`cut_named_tails`]): the solver had glued two articles whose
//! paragraphs both end in full.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::classify::{whole, Classified, Role};
use crate::joins::{han_bigrams, rarity, Continuity};
use crate::rules::{Kind, Rules};
use crate::solve;

const SCALE: f64 = 1000.0;
/// Header lines an article may take: kicker, headline, deck.
const SLOTS: usize = 3;

/// Where the header lines of the page went.
#[derive(Debug, Clone, Default)]
pub struct Placement {
    /// For each fragment that starts a chain: its header lines, in page order, with the
    /// role each plays in the article (kicker, headline or deck).
    pub heads: BTreeMap<usize, Vec<HeadLine>>,
    /// Header lines that went to no article (block indices).
    pub unplaced: BTreeSet<usize>,
    /// Why each header line went where it went (block index → note), for `--explain`.
    pub notes: BTreeMap<usize, String>,
    /// How much of each placed header line's content its article holds (block index →
    /// `header_content` score).
    pub content: BTreeMap<usize, f64>,
    /// Header lines that went to no article though their words tie them to one (block index →
    /// the fragment starting that article's chain): no caption of another article's text.
    pub named: BTreeMap<usize, usize>,
}

/// Fragments read as leads only because a header stands over them, whose header lines all went
/// to other articles (a headline printed after the lead it belongs to, over the next cell):
/// they open no article, and a text may go on into them.
pub fn leads_without_heads(blocks: &[Classified], c: &Continuity, placement: &Placement) -> Vec<usize> {
    let placed: BTreeSet<usize> = placement.heads.values().flatten().flat_map(|h| h.blocks.iter().copied()).collect();
    c.fragments
        .iter()
        .enumerate()
        .filter(|(i, f)| f.lead && blocks[f.block].front.is_empty() && placement.heads.get(i).is_none_or(|h| h.is_empty()))
        .filter(|(_, f)| f.header.as_ref().is_some_and(|h| h.blocks.iter().all(|b| placed.contains(b) || !is_heading(&blocks[*b]))))
        .map(|(i, _)| i)
        .collect()
}

/// Is this block a headline-like line (a candidate for the headers of some article)?
pub fn is_heading(b: &Classified) -> bool {
    matches!(b.role, Role::Headline | Role::Kicker | Role::Deck) || b.weak_headline
}

struct Chain {
    start: usize,
    end: usize,
    grams: BTreeSet<[char; 2]>,
    mid_start: bool,
}

/// A unit of assignment: the lines of a run that belong to one article.
struct Unit {
    run: usize,
    blocks: Vec<usize>,
    /// The article its lines are tied to by content, if any.
    best: Option<usize>,
}

/// Distinct bigrams a chain holds at least for a header over it that shares none of its words
/// to name nothing in it (a cut cell of a line or two may share none with its own headline).
const NAMES_NOTHING_MIN_BIGRAMS: usize = 150;

/// Assigns the header lines of the page to the article chains.
pub fn place(blocks: &[Classified], c: &Continuity, succ: &[Option<(usize, f64)>], rules: &Rules) -> Placement {
    let mut chain_of = vec![usize::MAX; c.fragments.len()];
    let mut chains: Vec<Chain> = Vec::new();
    for chain in solve::chains(succ) {
        let mut grams = BTreeSet::new();
        for &(i, _) in &chain {
            chain_of[i] = chains.len();
            grams.extend(han_bigrams(&c.fragments[i].text));
        }
        let (start, end) = (chain[0].0, chain.last().expect("chains are not empty").0);
        chains.push(Chain { start, end, grams, mid_start: c.fragments[start].mid_start });
    }

    // runs of consecutive heading lines (noise between them aside)
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut prev_heading = false;
    for (i, b) in blocks.iter().enumerate() {
        if is_heading(b) {
            if prev_heading {
                runs.last_mut().expect("a run is open").push(i);
            } else {
                runs.push(vec![i]);
            }
            prev_heading = true;
        } else if b.role != Role::Noise {
            prev_heading = false;
        }
    }
    if runs.is_empty() {
        return Placement::default();
    }
    // the fragments around each run: the one right after (its article may start here) and
    // the one right before (its article may end here); furniture lines between are transparent
    let frag_at: BTreeMap<usize, usize> = c.fragments.iter().enumerate().map(|(i, f)| (f.block, i)).collect();
    let next_frag = |b: usize| frag_at.range(b + 1..).next().map(|(_, &f)| f);
    let prev_frag = |b: usize| frag_at.range(..b).next_back().map(|(_, &f)| f);

    // weight of a bigram: rarity in the language times rarity among the page's chains; an
    // inverted index (bigram → chains holding it) makes a text's content score against every
    // chain one pass over the text's bigrams
    let mut postings: FxHashMap<[char; 2], Vec<u32>> = FxHashMap::default();
    for (a, ch) in chains.iter().enumerate() {
        for g in &ch.grams {
            postings.entry(*g).or_default().push(a as u32);
        }
    }
    let nc = chains.len() as f64;
    let weight = |g: &[char; 2]| -> f64 {
        // a bigram of no body weighs as one of a single body: it tells nothing either way
        let d = postings.get(g).map_or(0, Vec::len).max(1) as f64;
        rarity(*g) * ((nc + 1.0) / (d + 0.5)).ln().max(0.0)
    };
    let w_content = rules.weight("header_content");
    let full = rules.weight("header_content_full").max(1e-9);
    let strong = rules.weight("header_strong");
    // content: the share of a text's rare bigrams found in each chain, saturating at `full`
    let content = |text: &str| -> Vec<f64> {
        let mut shared = vec![0.0; chains.len()];
        let mut total = 0.0;
        for g in han_bigrams(text) {
            let w = weight(&g);
            total += w;
            for &a in postings.get(&g).map(Vec::as_slice).unwrap_or(&[]) {
                shared[a as usize] += w;
            }
        }
        if total <= 0.0 {
            return vec![0.0; chains.len()];
        }
        shared.iter().map(|s| w_content * (s / total / full).min(1.0)).collect()
    };
    let best_of = |v: &[f64]| -> Option<usize> {
        let (i, &b) = v.iter().enumerate().max_by(|x, y| x.1.total_cmp(y.1))?;
        let second = v.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, &x)| x).fold(0.0, f64::max);
        (b >= strong && b - second >= strong / 2.0).then_some(i)
    };

    // units: a run is cut into segments, one per article: a line that clearly belongs to
    // another article than the segment so far starts a new one, and so does a kicker once
    // the segment has its headline
    let mut units: Vec<Unit> = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        let mut seg: Vec<usize> = Vec::new();
        let mut seg_best: Option<usize> = None;
        let mut seg_has_head = false;
        let conts: Vec<Vec<f64>> = run.iter().map(|&b| content(&blocks[b].text)).collect();
        let bests: Vec<Option<usize>> = conts.iter().map(|v| best_of(v)).collect();
        // the article whose last fragment stands right above the run: a headline of it printed
        // after its body is followed by the next article's header, not by more of its own
        let ends_above = prev_frag(run[0]).filter(|&f| chains[chain_of[f]].end == f).map(|f| chain_of[f]);
        for (k, &b) in run.iter().enumerate() {
            let line_best = bests[k];
            // a kicker-shaped line goes with the line after it when that one belongs elsewhere
            let next_best = bests.get(k + 1).copied().flatten();
            let kicker = blocks[b].role == Role::Kicker || (line_best.is_none() && whole(rules, Kind::Kicker, blocks[b].text.trim()).is_some() && next_best.is_some() && next_best != seg_best);
            // a plain line tied to no article by content stays with the segment only as a
            // wrapped line of it or a deck; a line tied to another article starts its own
            let free = seg_has_head && !blocks[b].wraps_prev && blocks[b].role != Role::Deck;
            let untied = free && line_best.is_none() && seg_best.is_none();
            // a line tied to an article does not join a headed segment tied to none, and a line
            // tied to none does not join the headline of the article ending above the run
            let tied_apart = free && ((line_best.is_some() && seg_best.is_none()) || (line_best.is_none() && seg_best.is_some() && seg_best == ends_above));
            // a line sharing no rare word with the segment's article is no deck of it
            let foreign = free && line_best.is_none() && seg_best.is_some_and(|a| conts[k][a] <= 0.0);
            let split = !seg.is_empty() && ((line_best.is_some() && seg_best.is_some() && line_best != seg_best) || (kicker && seg_has_head) || seg.len() >= SLOTS || untied || tied_apart || foreign);
            if split {
                units.push(Unit { run: r, blocks: std::mem::take(&mut seg), best: seg_best });
                seg_best = None;
                seg_has_head = false;
            }
            seg.push(b);
            seg_best = seg_best.or(line_best);
            seg_has_head |= !kicker;
        }
        units.push(Unit { run: r, blocks: seg, best: seg_best });
    }

    // a unit with no article text after its run, or of lines with none under them
    let stands_apart = |unit: &Unit| next_frag(*runs[unit.run].last().expect("runs are not empty")).is_none() || unit.blocks.iter().all(|&b| blocks[b].weak_headline);
    let has_headline = |unit: &Unit| unit.blocks.iter().any(|&b| blocks[b].role == Role::Headline || blocks[b].weak_headline);
    // a page that prints headlines apart from their bodies (collected at its end) trusts a
    // headline-shaped line over text less: it may be a photo caption or an intertitle
    let apart_units = units.iter().filter(|u| stands_apart(u) && has_headline(u)).count();
    let w_above = rules.weight("header_above") * if apart_units >= 2 { rules.weight("header_above_apart_share") } else { 1.0 };
    let w_below = rules.weight("header_below");
    let w_mid = rules.weight("header_mid_start");
    let w_weak = rules.weight("header_weak");
    let min = rules.weight("header_min");
    let mut score = vec![vec![f64::NEG_INFINITY; chains.len()]; units.len()];
    // each unit's content score for each article
    let mut named = vec![vec![0.0; chains.len()]; units.len()];
    for (u, unit) in units.iter().enumerate() {
        let text: String = unit.blocks.iter().map(|&b| blocks[b].text.as_str()).collect::<Vec<_>>().join(" ");
        let cont = content(&text);
        let run = &runs[unit.run];
        let first_in_run = unit.blocks[0] == run[0];
        let last_in_run = unit.blocks.last() == run.last();
        let after = next_frag(*run.last().expect("runs are not empty"));
        // (a header printed after its body follows it directly: another header between them
        // heads the text under it, and this one is not the body's)
        let before = prev_frag(run[0]).filter(|&f| !(c.fragments[f].block + 1..run[0]).any(|b| is_heading(&blocks[b])));
        let weak = stands_apart(unit);
        for (a, ch) in chains.iter().enumerate() {
            let mut s = cont[a];
            named[u][a] = cont[a];
            if last_in_run && after == Some(ch.start) {
                s += w_above;
            }
            if first_in_run && before.is_some_and(|f| chain_of[f] == a && f == ch.end) {
                s += w_below;
            }
            if ch.mid_start {
                s += w_mid;
            }
            if weak {
                s += w_weak;
            }
            score[u][a] = s;
        }
    }

    // maximum-weight assignment, one header per article; a unit may stay unassigned
    let mut edges = Vec::new();
    for (u, row) in score.iter().enumerate() {
        for (a, &s) in row.iter().enumerate() {
            if s >= min {
                edges.push((u, a, ((s - min) * SCALE) as i64 + 1));
            }
        }
    }
    let assignment = solve::sparse_assignment(units.len(), chains.len(), &edges, false);
    let mut owner: BTreeMap<usize, usize> = BTreeMap::new(); // unit → chain
    let mut notes = BTreeMap::new();
    let mut content_of = BTreeMap::new();
    let at_line = |a: usize| blocks[c.fragments[chains[a].start].block].block.first_line();
    // a unit given to an article: each line's content score for it, and why it went there
    let give = |u: usize, a: usize, why: &dyn Fn(usize) -> String, owner: &mut BTreeMap<usize, usize>, content_of: &mut BTreeMap<usize, f64>, notes: &mut BTreeMap<usize, String>| {
        owner.insert(u, a);
        for &b in &units[u].blocks {
            content_of.insert(b, content(&blocks[b].text)[a]);
            notes.insert(b, why(b));
        }
    };
    for (u, a) in assignment.iter().enumerate() {
        let Some(a) = *a else { continue };
        if score[u][a] >= min {
            let runner = (0..chains.len()).filter(|&o| o != a).map(|o| score[u][o]).fold(f64::NEG_INFINITY, f64::max);
            let why = |b: usize| format!("header of the article at line {}: score {:.2} (content {:.2}), next best {:.2}", at_line(a), score[u][a], content(&blocks[b].text)[a], runner);
            give(u, a, &why, &mut owner, &mut content_of, &mut notes);
        }
    }
    // a unit placed over a chain by position alone (it names nothing in it) whose words name
    // another article, one that took another unit: its header lines are that article's, read
    // apart from the rest (the chain under it goes on from the article it speaks of)
    // (a chain of a few lines may be a cut cell that shares none of its own headline's words;
    // but on a page not read cell by cell, a finished paragraph under a line that names another
    // article in full is a column's foot printed under that article's headline)
    let names_nothing = |a: usize, u: usize, b: usize| {
        chains[a].grams.len() >= NAMES_NOTHING_MIN_BIGRAMS || (c.order == crate::joins::Order::Streams && named[u][b] >= w_content && !chains[a].mid_start && !c.fragments[chains[a].end].open)
    };
    for u in 0..units.len() {
        let (Some(&a), Some(b)) = (owner.get(&u), units[u].best) else { continue };
        if a == b || named[u][a] > 0.0 || !names_nothing(a, u, b) || !owner.iter().any(|(&o, &ob)| o != u && ob == b) {
            continue;
        }
        owner.remove(&u);
        give(u, b, &|_| format!("more header lines of the article at line {}, tied by content (none with the text under it)", at_line(b)), &mut owner, &mut content_of, &mut notes);
    }
    // a lone kicker-role unit left over rides with the unit after it in its run
    for u in 0..units.len() {
        if owner.contains_key(&u) || !units[u].blocks.iter().all(|&b| blocks[b].role == Role::Kicker) {
            continue;
        }
        if let Some(&a) = owner.get(&(u + 1)).filter(|_| units.get(u + 1).is_some_and(|n| n.run == units[u].run)) {
            give(u, a, &|_| "kicker of the header after it".into(), &mut owner, &mut content_of, &mut notes);
        }
    }
    // headlines collected together keep a headline's deck lines apart from it: a unit left
    // over that content ties to an article which took another unit of the same run joins it
    for u in 0..units.len() {
        if owner.contains_key(&u) {
            continue;
        }
        let Some(a) = units[u].best else { continue };
        if owner.iter().any(|(&o, &oa)| oa == a && units[o].run == units[u].run) {
            give(u, a, &|_| format!("more header lines of the article at line {}, tied by content", at_line(a)), &mut owner, &mut content_of, &mut notes);
        }
    }
    // a headline no article claimed and an article with none: a second, weaker round pairs
    // them where the line stands by the article (below its end, above its start) or shares
    // some of its words
    let min_headless = rules.weight("header_min_headless");
    let owned: BTreeSet<usize> = owner.iter().filter(|(&u, _)| has_headline(&units[u])).map(|(_, &a)| a).collect();
    let free: Vec<usize> = (0..units.len()).filter(|&u| !owner.contains_key(&u) && has_headline(&units[u])).collect();
    let headless: Vec<usize> = (0..chains.len()).filter(|a| !owned.contains(a)).collect();
    let mut edges = Vec::new();
    for (i, &u) in free.iter().enumerate() {
        // a line over the text another header took is a line of that article (a caption, the
        // text's first line, a deck read apart): nothing but its place or its words sends it
        // to a text elsewhere
        let over_taken = next_frag(*units[u].blocks.last().expect("units are not empty")).is_some_and(|f| owned.contains(&chain_of[f]) && chains[chain_of[f]].start == f);
        for (j, &a) in headless.iter().enumerate() {
            // standing apart from any text is no fault in a headline that shares words with
            // the article: headlines printed after their bodies stand so
            let s = if stands_apart(&units[u]) && named[u][a] > 0.0 { score[u][a] - w_weak } else { score[u][a] };
            if s > min_headless || (s == min_headless && !over_taken) {
                edges.push((i, j, ((s - min_headless) * SCALE) as i64 + 1));
            }
        }
    }
    if !edges.is_empty() {
        for (i, j) in solve::sparse_assignment(free.len(), headless.len(), &edges, false).into_iter().enumerate() {
            let Some(j) = j else { continue };
            let (u, a) = (free[i], headless[j]);
            let why = |b: usize| format!("header of the article at line {}, which had none: score {:.2} (content {:.2})", at_line(a), score[u][a], content(&blocks[b].text)[a]);
            give(u, a, &why, &mut owner, &mut content_of, &mut notes);
        }
    }
    let mut placement = Placement::default();
    let mut per_chain: BTreeMap<usize, Vec<&Unit>> = BTreeMap::new();
    for (u, unit) in units.iter().enumerate() {
        if !owner.contains_key(&u) {
            for &b in &unit.blocks {
                notes.entry(b).or_insert_with(|| format!("no article scores {min:.1} or more for it"));
            }
        }
        match owner.get(&u) {
            Some(&a) => per_chain.entry(a).or_default().push(unit),
            None => {
                placement.unplaced.extend(unit.blocks.iter().filter(|&&b| !blocks[b].weak_headline));
                if let Some(a) = unit.best {
                    placement.named.extend(unit.blocks.iter().map(|&b| (b, chains[a].start)));
                }
            }
        }
    }
    placement.notes = notes;
    placement.content = content_of;
    for (a, mut groups) in per_chain {
        groups.sort_by_key(|u| u.blocks[0]);
        let same_run = groups.windows(2).all(|w| w[0].run == w[1].run);
        // (a later line of the form 某市：… is the headline after all: the lines before it were
        // a kicker, read apart from it by another box's header between them)
        let text = |b: &usize| blocks[*b].text.as_str();
        let titled_later = !groups[0].blocks.iter().map(text).any(titled) && groups[1..].iter().any(|g| g.blocks.iter().map(text).any(titled));
        // (nor are two single lines read apart: they take the roles they would standing
        // together, a spaced pair of phrases above a statement being its kicker)
        let pair = groups.len() == 2 && groups.iter().all(|g| g.blocks.len() == 1);
        let mut lines: Vec<HeadLine> = if same_run && !titled_later && !pair {
            // the first group in page order holds the headline, later ones are its decks
            let mut v = arrange(blocks, &groups[0].blocks, rules);
            for g in &groups[1..] {
                v.extend(g.blocks.iter().map(|&b| HeadLine { blocks: vec![b], role: Role::Deck, text: blocks[b].text.trim().to_string() }));
            }
            v
        } else {
            arrange(blocks, &groups.iter().flat_map(|u| u.blocks.iter().copied()).collect::<Vec<_>>(), rules)
        };
        lines.sort_by_key(|h| h.blocks[0]);
        placement.heads.insert(chains[a].start, lines);
    }
    split_shared_lines(&mut placement, &chains, &chain_of, &content, &best_of, strong, &at_line);
    placement
}

/// Han characters each part of a header line split at a space holds at least.
const SHARED_PART_MIN_HAN: usize = 6;

/// Two boxes' headlines printed on one line (an extractor that joins the lines standing at
/// one height with a space: 某某大赛举行 守护某某的幸福). A placed header line whose parts on
/// either side of a space each name an article (`best_of` their content), the part its own
/// article names and the other an article with no headline (or one its words do not tie to
/// it, a line placed by position alone, which it then no longer holds), is read as two lines:
/// its own part stays, the other heads that article. Of the spaces that split it so, the one whose
/// parts hold least of each other's article's words, then most of their own (a headline's
/// own space leaves some of its words on the other side).
fn split_shared_lines(
    placement: &mut Placement,
    chains: &[Chain],
    chain_of: &[usize],
    content: &dyn Fn(&str) -> Vec<f64>,
    best_of: &dyn Fn(&[f64]) -> Option<usize>,
    strong: f64,
    at_line: &dyn Fn(usize) -> usize,
) {
    let han = |t: &str| t.chars().filter(|&ch| crate::text::is_han(ch)).count();
    // (an article's headline that no rare word ties to it, if any)
    let loose = |placement: &Placement, a: usize| -> bool {
        placement.heads.get(&chains[a].start).is_none_or(|v| v.iter().filter(|h| h.role == Role::Headline).all(|h| placement.content.get(&h.blocks[0]).is_some_and(|&c| c < strong)))
    };
    // (the article's start, the line's place among its header lines, its own part, the other
    // article, the other part)
    let mut splits: Vec<(usize, usize, String, usize, String)> = Vec::new();
    for (&start, lines) in &placement.heads {
        let x = chain_of[start];
        for (k, h) in lines.iter().enumerate().filter(|(_, h)| h.blocks.len() == 1) {
            let t = h.text.as_str();
            let mut best: Option<(f64, f64, &str, usize, &str)> = None;
            for (i, sp) in t.char_indices().filter(|&(_, ch)| ch == ' ' || ch == '\u{3000}') {
                let (l, r) = (t[..i].trim(), t[i + sp.len_utf8()..].trim());
                if han(l) < SHARED_PART_MIN_HAN || han(r) < SHARED_PART_MIN_HAN {
                    continue;
                }
                let (cl, cr) = (content(l), content(r));
                for (own, other, co, cy) in [(l, r, &cl, &cr), (r, l, &cr, &cl)] {
                    let Some(y) = best_of(cy) else { continue };
                    if y == x || best_of(co) != Some(x) || !loose(placement, y) {
                        continue;
                    }
                    // (least of the other article's words in each part, then most of its own)
                    let (cross, own_share) = (co[y] + cy[x], co[x] + cy[y]);
                    if best.is_none_or(|(bc, bo, ..)| cross < bc - 1e-9 || (cross < bc + 1e-9 && own_share > bo)) {
                        best = Some((cross, own_share, own, y, other));
                    }
                }
            }
            if let Some((_, _, own, y, other)) = best {
                splits.push((start, k, own.to_string(), y, other.to_string()));
            }
        }
    }
    for (start, k, own, y, other) in splits {
        // (two lines naming one article: the first split takes it)
        if !loose(placement, y) {
            continue;
        }
        let lines = placement.heads.get_mut(&start).expect("a placed article");
        lines[k].text = own;
        let b = lines[k].blocks[0];
        let v = placement.heads.entry(chains[y].start).or_default();
        let (loosed, kept): (Vec<HeadLine>, Vec<HeadLine>) = std::mem::take(v).into_iter().partition(|h| h.role == Role::Headline);
        *v = kept;
        v.push(HeadLine { blocks: vec![b], role: Role::Headline, text: other });
        v.sort_by_key(|h| h.blocks[0]);
        for h in loosed {
            placement.unplaced.extend(h.blocks.iter().copied());
            for hb in h.blocks {
                placement.notes.insert(hb, format!("a headline by position alone, given up for the headline the line at {} names", at_line(y)));
            }
        }
        let note = placement.notes.entry(b).or_default();
        *note = format!("{note}; its words past a space name the article at line {}, which had no headline: read as two lines, that part its headline", at_line(y));
    }
}

/// Cuts chains that hold two articles. A headline no article took (`placement.unplaced`), or
/// a headline-shaped line its own chain took as a deck or kicker (for that chain only), whose
/// rare bigrams a chain holds from a finished paragraph on (share `header_tail_share`), more
/// of them than the text before that paragraph holds, names an article the solver glued to the
/// one before it (closed paragraphs next to each other, the headline printed after its body or
/// collected elsewhere). Of the cuts that qualify, the one where the two sides share the least
/// is taken: the glued articles' boundary, not a paragraph of the first article that happens
/// not to use the headline's words.
///
/// Two boxes' headers printed together over both bodies glue them the other way: the chain
/// took the nearer headline, which names its tail, while the other, left over in the same run
/// of header lines, names its head. A chain is cut where its own headline's words (those the
/// page holds) begin, `header_tail_share` of them or more after the cut and less than half as
/// many before it, and the left-over headline's, half that share or more, end, when the two
/// headlines share no word (a kicker and a headline of one article would).
///
/// Returns the headlines that cut a chain, each with the fragment the cut left first.
pub fn cut_named_tails(blocks: &[Classified], c: &Continuity, succ: &mut [Option<(usize, f64)>], placement: &Placement, rules: &Rules) -> Vec<(usize, usize)> {
    let min_share = rules.weight("header_tail_share");
    // (and a headline-shaped line an article took as a deck or kicker beside its headline: two
    // headlines collected together over the first of the glued articles; such a line may cut
    // only the chain it heads)
    let demoted = placement.heads.iter().flat_map(|(&start, lines)| lines.iter().filter(|h| h.role != Role::Headline && h.blocks.len() == 1).map(move |h| (h.blocks[0], Some(start))));
    let heads: Vec<(usize, Option<usize>)> = placement.unplaced.iter().map(|&b| (b, None)).chain(demoted).filter(|&(b, _)| blocks[b].role == Role::Headline).collect();
    if heads.is_empty() || min_share <= 0.0 {
        return vec![];
    }
    let grams: Vec<BTreeSet<[char; 2]>> = c.fragments.iter().map(|f| han_bigrams(&f.text)).collect();
    let mut df: FxHashMap<[char; 2], usize> = FxHashMap::default();
    for g in grams.iter().flatten() {
        *df.entry(*g).or_default() += 1;
    }
    // rarity in the language times rarity among the page's fragments
    let nf = grams.len() as f64;
    let weight = |g: &[char; 2]| rarity(*g) * ((nf + 1.0) / (df.get(g).copied().unwrap_or(0) as f64 + 0.5)).ln().max(0.0);
    let mut cuts_made = Vec::new();
    for &(b, heads_chain) in &heads {
        let Some(named) = Named::new(&blocks[b].text, &grams, &weight, None) else { continue };
        let mut best: Option<(f64, (usize, usize))> = None;
        for chain in solve::chains(succ) {
            if heads_chain.is_some_and(|f| chain[0].0 != f) {
                continue;
            }
            if let Some((gain, k)) = best_cut(&chain, c, &grams, &weight, &[(&named, Side::After)], min_share) {
                if best.is_none_or(|(g, _)| gain > g) {
                    best = Some((gain, (chain[k - 1].0, chain[k].0)));
                }
            }
        }
        if let Some((_, (u, v))) = best {
            succ[u] = None;
            cuts_made.push((b, v));
        }
    }
    // a chain whose own headline names the text from a finished paragraph on, where a
    // headline no article took names the text before it: two boxes' headers printed together
    // over their bodies, which the chain read one after the other
    let taken: BTreeSet<usize> = cuts_made.iter().map(|&(b, _)| b).collect();
    let free: Vec<(usize, Named)> = placement
        .unplaced
        .iter()
        .filter(|&&b| blocks[b].role == Role::Headline && !taken.contains(&b))
        .filter_map(|&b| Named::new(&blocks[b].text, &grams, &weight, Some(&df)).map(|n| (b, n)))
        .collect();
    if free.is_empty() {
        return cuts_made;
    }
    for chain in solve::chains(succ) {
        let Some(own) = placement.heads.get(&chain[0].0).and_then(|lines| lines.iter().find(|h| h.role == Role::Headline)) else { continue };
        let Some(own_named) = Named::new(&own.text, &grams, &weight, Some(&df)) else { continue };
        // (the free line stands in one run of header lines with the chain's own, or over the
        // chain's first text; two lines that share a word name one article, as its kicker and
        // its headline do)
        let (at, first) = (own.blocks[0], c.fragments[chain[0].0].block);
        let run = |a: usize, b: usize| blocks[(a.min(b) + 1).min(a.max(b))..a.max(b)].iter().all(|x| !x.role.is_text());
        let together = |b: usize| run(b, at) || (b < first && run(b, first));
        let best = free
            .iter()
            .filter(|(b, f)| together(*b) && !f.head.iter().any(|(g, _)| own_named.head.iter().any(|(h, _)| h == g)))
            .filter_map(|(_, f)| best_cut(&chain, c, &grams, &weight, &[(&own_named, Side::After), (f, Side::Before)], min_share))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, k)) = best {
            succ[chain[k - 1].0] = None;
            cuts_made.push((own.blocks[0], chain[k].0));
        }
    }
    cuts_made
}

/// Which side of a cut a headline names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

impl Side {
    /// The share of its words a headline must hold on its side of a cut: the chain's own
    /// headline names the text after it as a left-over headline would (`min_share`); the
    /// left-over headline naming the text before it, half that.
    fn least(self, min_share: f64) -> f64 {
        match self {
            Side::Before => 0.5 * min_share,
            Side::After => min_share,
        }
    }
}

/// A headline's rare bigrams and which of them each fragment holds.
struct Named {
    head: Vec<([char; 2], f64)>,
    total: f64,
    /// Per fragment, the headline's bigrams it holds, as a bit set.
    holds: Vec<u64>,
}

impl Named {
    /// `page`: only the bigrams the page's fragments hold (their counts) are weighed.
    fn new(text: &str, grams: &[BTreeSet<[char; 2]>], weight: &dyn Fn(&[char; 2]) -> f64, page: Option<&FxHashMap<[char; 2], usize>>) -> Option<Named> {
        // (its first 64 bigrams: a line of more is no headline)
        let head: Vec<([char; 2], f64)> = han_bigrams(text).into_iter().filter(|g| page.is_none_or(|df| df.contains_key(g))).map(|g| (g, weight(&g))).filter(|x| x.1 > 0.0).take(64).collect();
        let total: f64 = head.iter().map(|x| x.1).sum();
        if total <= 0.0 {
            return None;
        }
        let holds = grams.iter().map(|f| head.iter().enumerate().filter(|(_, (g, _))| f.contains(g)).fold(0u64, |m, (j, _)| m | 1 << j)).collect();
        Some(Named { head, total, holds })
    }

    /// The share of the headline's weight a set of its bigrams holds.
    fn share(&self, mask: u64) -> f64 {
        self.head.iter().enumerate().filter(|(j, _)| mask >> j & 1 == 1).map(|(_, x)| x.1).sum::<f64>() / self.total
    }
}

/// The cut of `chain` (the index of the fragment it leaves first) at a finished paragraph
/// where each headline holds its side's share of its words ([`Side::least`]) or more on its
/// side and less on the other (less than half as much when two headlines are weighed), and the
/// two sides share least; with the headlines' gain there (their share on
/// their side less that on the other).
fn best_cut(chain: &[(usize, Option<f64>)], c: &Continuity, grams: &[BTreeSet<[char; 2]>], weight: &dyn Fn(&[char; 2]) -> f64, named: &[(&Named, Side)], min_share: f64) -> Option<(f64, usize)> {
    // (a chain that does not hold the headlines' words has no such cut)
    if named.iter().any(|(n, s)| n.share(chain.iter().fold(0, |m, &(i, _)| m | n.holds[i])) < s.least(min_share)) {
        return None;
    }
    // each headline's share before each cut (a bit set: that text only grows) and after it
    // (the fragments that hold each bigram, counted down)
    let each = |mask: u64| (0..64).filter(move |j| mask >> j & 1 == 1);
    let mut state: Vec<([u32; 64], u64)> = named
        .iter()
        .map(|(n, _)| {
            let mut after = [0u32; 64];
            for &(i, _) in chain {
                each(n.holds[i]).for_each(|j| after[j] += 1);
            }
            (after, 0u64)
        })
        .collect();
    let mut cuts: Vec<(usize, f64)> = Vec::new();
    for k in 1..chain.len() {
        let (u, v) = (chain[k - 1].0, chain[k].0);
        let mut gain = 0.0;
        let mut all = !c.fragments[u].open && !c.fragments[v].mid_start;
        for ((n, side), (after_count, before_mask)) in named.iter().zip(state.iter_mut()) {
            *before_mask |= n.holds[u];
            each(n.holds[u]).for_each(|j| after_count[j] -= 1);
            let after_mask = after_count.iter().enumerate().filter(|(_, &m)| m > 0).fold(0u64, |m, (j, _)| m | 1 << j);
            let (before, after) = (n.share(*before_mask), n.share(after_mask));
            let (near, far) = match side {
                Side::After => (after, before),
                Side::Before => (before, after),
            };
            all &= near >= side.least(min_share) && far < if named.len() > 1 { near / 2.0 } else { near };
            gain += near - far;
        }
        if all {
            cuts.push((k, gain));
        }
    }
    // the qualifying cut where the two sides are least alike
    let mut sides = Sides::new(chain, grams, weight);
    let mut here: Option<(f64, f64, usize)> = None;
    let mut next = cuts.iter().peekable();
    for k in 1..chain.len() {
        sides.shift(&grams[chain[k - 1].0], weight);
        if let Some(&(_, gain)) = next.next_if(|x| x.0 == k) {
            let alike = sides.similarity();
            if here.is_none_or(|h| alike < h.0) {
                here = Some((alike, gain, k));
            }
        }
    }
    here.map(|(_, gain, k)| (gain, k))
}

/// The bigrams of a chain cut in two, prefix and suffix, as the cut moves down the chain:
/// the weight of the bigrams both sides hold, against the weight of each side.
struct Sides {
    before: FxHashMap<[char; 2], u32>,
    after: FxHashMap<[char; 2], u32>,
    weight_before: f64,
    weight_after: f64,
    shared: f64,
}

impl Sides {
    /// The whole chain after the cut.
    fn new(chain: &[(usize, Option<f64>)], grams: &[BTreeSet<[char; 2]>], weight: &dyn Fn(&[char; 2]) -> f64) -> Sides {
        let mut after: FxHashMap<[char; 2], u32> = FxHashMap::default();
        for &(i, _) in chain {
            for g in &grams[i] {
                *after.entry(*g).or_default() += 1;
            }
        }
        let weight_after = after.keys().map(weight).sum();
        Sides { before: FxHashMap::default(), after, weight_before: 0.0, weight_after, shared: 0.0 }
    }

    /// Moves the next fragment (its bigrams) from after the cut to before it.
    fn shift(&mut self, grams: &BTreeSet<[char; 2]>, weight: &dyn Fn(&[char; 2]) -> f64) {
        for g in grams {
            let w = weight(g);
            let left = self.after.get_mut(g).map(|n| {
                *n -= 1;
                *n
            });
            let had = self.before.get(g).copied().unwrap_or(0);
            if had == 0 {
                self.weight_before += w;
                if left.is_some_and(|n| n > 0) {
                    self.shared += w;
                }
            } else if left == Some(0) {
                self.shared -= w;
            }
            if left == Some(0) {
                self.after.remove(g);
                self.weight_after -= w;
            }
            *self.before.entry(*g).or_default() += 1;
        }
    }

    /// Shared weight against the geometric mean of the two sides' weights.
    fn similarity(&self) -> f64 {
        let both = (self.weight_before * self.weight_after).sqrt();
        if both <= 0.0 {
            0.0
        } else {
            self.shared / both
        }
    }
}

/// One header line of an article: its blocks (a wrapped heading spans several), its role
/// and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadLine {
    pub blocks: Vec<usize>,
    pub role: Role,
    pub text: String,
}

/// A header line of the form "place or body: statement" (某市：…): a headline.
fn titled(t: &str) -> bool {
    t.trim().trim_end_matches(['：', ':']).contains(['：', ':'])
}

/// The roles of one article's header lines, in page order. Lines that wrap the line above
/// are one line with it. Marked kickers and decks keep their role; of the plain lines, one is
/// the headline: the middle of three, and of two the one that is a single statement rather
/// than a spaced pair of phrases (a kicker above or a deck below is often such a pair), or
/// the shorter when the first is much longer; but a line of the form 某市：… (a place or
/// body, a colon, a statement) is the headline of two whichever it is.
pub fn arrange(blocks: &[Classified], lines: &[usize], rules: &Rules) -> Vec<HeadLine> {
    let mut merged: Vec<HeadLine> = Vec::new();
    for &b in lines {
        let joins = blocks[b].wraps_prev && merged.last().is_some_and(|m| m.blocks.last() == Some(&(b - 1)));
        if joins {
            let m = merged.last_mut().expect("checked");
            m.blocks.push(b);
            m.text.push_str(blocks[b].text.trim());
        } else {
            merged.push(HeadLine { blocks: vec![b], role: blocks[b].role, text: blocks[b].text.trim().to_string() });
        }
    }
    let plain: Vec<usize> = (0..merged.len()).filter(|&i| !matches!(merged[i].role, Role::Kicker | Role::Deck)).collect();
    for &i in &plain {
        merged[i].role = Role::Deck;
    }
    let head = match plain.len() {
        0 => None,
        1 => Some(0),
        2 => {
            let (a, b) = (&merged[plain[0]].text, &merged[plain[1]].text);
            let spaced = |t: &str| t.trim().contains([' ', '\u{3000}']);
            let short_kicker = whole(rules, Kind::Kicker, a).is_some();
            let (la, lb) = (a.chars().count() as f64, b.chars().count() as f64);
            // a headline of the form "place or body: statement" (某市：…) is the headline
            // whichever line it is
            if titled(a) != titled(b) {
                Some(if titled(a) { 0 } else { 1 })
            } else if short_kicker || (spaced(a) && !spaced(b)) || la >= 1.6 * lb {
                Some(1)
            } else {
                Some(0)
            }
        }
        // of three or more, the middle one, unless it is a column's name (a kicker's or a page
        // section's shape: 某某中国年) over a line that is none: then the line under it
        _ => {
            let label = |i: usize| crate::classify::column_name_like(&merged[plain[i]].text, rules);
            Some(if label(1) && !label(2) { 2 } else { 1 })
        }
    };
    if let Some(h) = head {
        merged[plain[h]].role = Role::Headline;
        for &i in &plain[..h] {
            merged[i].role = Role::Kicker;
        }
    }
    // a kicker-role line after the headline reads as a deck
    let mut seen_head = false;
    for m in merged.iter_mut() {
        if m.role == Role::Headline {
            seen_head = true;
        } else if m.role == Role::Kicker && seen_head {
            m.role = Role::Deck;
        }
    }
    if !merged.iter().any(|m| m.role == Role::Headline) {
        // only kickers and decks: the first deck (or line) stands as the headline
        if let Some(p) = merged.iter().position(|m| m.role == Role::Deck).or(if merged.is_empty() { None } else { Some(0) }) {
            merged[p].role = Role::Headline;
        }
    }
    merged
}

/// Chains that no header heads and that open on a sentence (a paragraph read apart from the
/// article it continues, its cut joins all too weak; or read under another article's header,
/// which went to that article) go on from the headed article they speak
/// of: the one whose text shares the most rare bigrams with theirs, by at least
/// `adopt_min_topic`, ahead of the next best by `adopt_margin`, and whose last paragraph is
/// finished; the clearest first, several one after another. Returns the joins made, each
/// with the two similarities that made it.
pub fn adopt_headless(c: &Continuity, succ: &mut [Option<(usize, f64)>], placement: &Placement, rules: &Rules) -> Vec<Adoption> {
    let (min_topic, margin, baseline) = (rules.weight("adopt_min_topic"), rules.weight("adopt_margin"), rules.weight("topic_baseline"));
    let min_chars = rules.weight("topic_min_chars");
    let mut made = Vec::new();
    if min_topic <= 0.0 {
        return made;
    }
    let headed = |f: usize| c.fragments[f].lead || placement.heads.get(&f).is_some_and(|h| !h.is_empty());
    let members: Vec<Vec<usize>> = solve::chains(succ).iter().map(|ch| ch.iter().map(|x| x.0).collect()).collect();
    let (heads, rest): (Vec<&Vec<usize>>, Vec<&Vec<usize>>) = members.iter().partition(|m| headed(m[0]));
    // (a short text shares rare words with anything by chance)
    let chars = |m: &[usize]| m.iter().map(|&f| c.fragments[f].text.chars().count()).sum::<usize>() as f64;
    let orphans: Vec<&Vec<usize>> = rest.into_iter().filter(|m| !c.fragments[m[0]].mid_start && chars(m) >= min_chars).collect();
    // (each pair compared once: a page of thousands of both is no newspaper page)
    if orphans.is_empty() || orphans.len() * heads.len() > MAX_ADOPT_PAIRS {
        return made;
    }
    // each chain's best article (its similarity, the next best's, the article, the chain)
    let mut picks: Vec<(f64, f64, usize, usize)> = Vec::new();
    for (a, m) in orphans.iter().enumerate() {
        let (mut top, mut second, mut best) = (0.0, 0.0, None);
        for (h, hm) in heads.iter().enumerate() {
            let sim = c.topic_similarity(m, hm);
            if sim > top {
                (second, top, best) = (top, sim, Some(h));
            } else if sim > second {
                second = sim;
            }
        }
        // (the next best is at least what unrelated texts of a page share)
        let second = f64::max(second, baseline);
        if let Some(h) = best.filter(|_| top >= min_topic && top - second >= margin) {
            picks.push((top, second, h, a));
        }
    }
    // the clearest first; each goes on from its article's end as it stands, if finished
    picks.sort_by(|x, y| (y.0 - y.1).total_cmp(&(x.0 - x.1)).then(x.3.cmp(&y.3)));
    let mut ends: Vec<usize> = heads.iter().map(|m| *m.last().expect("chains are not empty")).collect();
    for (top, next_best, h, a) in picks {
        let (u, v) = (ends[h], orphans[a][0]);
        if c.fragments[u].open || c.fragments[u].closed_by_furniture() {
            continue;
        }
        // (the join keeps the scorer's own score: no cut evidence made it, and its confidence
        // says so)
        let score = c.graph.find_edge(c.nodes[u], c.nodes[v]).map_or(0.0, |e| c.graph[e].score);
        succ[u] = Some((v, score));
        ends[h] = *orphans[a].last().expect("chains are not empty");
        made.push(Adoption { from: u, to: v, topic: top, next_best });
    }
    made
}

/// Pairs of chains with no header and headed chains [`adopt_headless`] compares at most.
const MAX_ADOPT_PAIRS: usize = 200_000;

/// A join made by [`adopt_headless`]: fragment `to`, which opens a chain with no header, goes
/// on from fragment `from`, the end of the article whose topic it shares (`topic`, against
/// `next_best` for the next article).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adoption {
    pub from: usize,
    pub to: usize,
    pub topic: f64,
    pub next_best: f64,
}

#[cfg(test)]
mod tests {
    use crate::classify::Role;
    use crate::{extract_text, Rules};

    /// Two articles' finished paragraphs, hard-wrapped, that read on one into the other: the
    /// first about parks, the second about a library.
    const PARKS_PARAS: [&str; 6] =
        ["今年以来，某市在老城区见缝插", "针，新建了十座口袋公园，总面", "积超过两万平方米。", "园林部门负责人介绍，口袋公园", "选址都在居民步行十分钟范围内，", "栽种的花木以本地品种为主。"];
    const HOURS_PARAS: [&str; 6] = ["社区图书馆从本月起延长开放时", "间，每天晚上九点才闭馆，夜间", "阅览室里常常座无虚席。", "图书馆夜间开放受到读者欢迎，", "还增设了自习区，凭借书证即可", "入座。"];

    /// The page of `parts` (lines, blank lines between) holds the parks and the library as two
    /// articles under their own headlines, and the parks article has no deck.
    fn parks_and_library_apart(parts: &[&[&str]]) {
        let lines: Vec<&str> = parts.iter().flat_map(|p| p.iter().copied()).collect();
        let got = extract_text(&lines.join("\n\n"), &Rules::embedded());
        let parks = got.articles.iter().find(|a| a.headline.as_deref() == Some("某市新建十座口袋公园")).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert_eq!(parks.paragraphs.len(), 2, "{:#?}", got.articles);
        assert_eq!(parks.subheadline, None, "{:#?}", got.articles);
        let library = got.articles.iter().find(|a| a.headline.as_deref() == Some("社区图书馆夜间开放受欢迎")).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert!(library.paragraphs[0].starts_with("社区图书馆从本月起延长开放时间") && library.paragraphs.len() == 2, "{:#?}", got.articles);
    }

    #[test]
    fn a_paragraph_read_under_another_articles_deck_goes_on_from_its_article() {
        // pdftotext printed a box's last paragraph under another box's deck; the deck went to
        // its own article, and the paragraph, freed from it, shares its words with the first
        // article alone: it goes on from that article's end
        let page = "文体\n\
            \n\
            第10版\n\
            \n\
            某县举办农民丰收节 两百多户农民晒出好收成\n\
            本报讯 通讯员钱乙报道 9月\n\
            23日，某县在县城广场举办农民\n\
            丰收节，来自全县的两百多户农民\n\
            带来了自家种植的瓜果蔬菜。本届\n\
            丰收节由县农业农村局、县文化馆\n\
            等单位联合主办。\n\
            \n\
            丰收节设农产品展销、农事\n\
            比赛和文艺演出3个板块，来自全\n\
            县12个乡镇的农民参加了插秧、\n\
            打谷等比赛。\n\
            \n\
            某市冬季读书节开幕\n\
            某市图书馆在中心广场举办冬季读书节开幕式，向社区\n\
            居民赠送了3000多册新书。读书节期间，图书馆将举办\n\
            经典诵读、作家对谈、亲子共读等20多场活动。\n\
            市民王女士带着孩子来到现场，她说，希望这样的活动\n\
            能多办一些。\n\
            \n\
            全市气温将下降八到十度\n\
            经过一天的比赛，有18户农民\n\
            被县农业农村局评为“丰收之星”，\n\
            6户农民的插秧、打谷成绩创下本\n\
            届丰收节纪录。县文化馆还为农民\n\
            们送上了精彩的文艺演出，丰收节\n\
            将持续到9月25日。\n\
            \n\
            某市寒潮来袭 北部山区有小到中雪\n\
            据新华社电 市气象台昨日发布寒潮蓝色预警，预计未来三天\n\
            全市气温将下降八到十度，北部山区有小到中雪。气象部门提醒\n\
            市民注意防寒保暖，出行注意交通安全。\n";
        let got = extract_text(page, &Rules::embedded());
        let fair = got.articles.iter().find(|a| a.headline.as_deref().is_some_and(|h| h.starts_with("某县举办农民丰收节"))).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert!(fair.paragraphs.last().is_some_and(|p| p.starts_with("经过一天的比赛，有18户农民")), "{:#?}", fair.paragraphs);
        assert!(got.articles.iter().all(|a| a.headline.is_some()), "{:#?}", got.articles);
    }

    #[test]
    fn a_headline_no_article_took_cuts_the_chain_whose_tail_it_names() {
        // a PDF text layer: an article under its headline, then the paragraphs of the next
        // article, whose headline is printed after them, over the third article's headline.
        // The finished paragraphs read on one into the other; the headline left over names
        // the second article's paragraphs, and the chain is cut where they begin.
        let third = ["某县召开春耕生产工作会议", "本报讯 某县昨天召开春耕生产", "工作会议，部署化肥种子调运和", "农机检修等工作。", "会议要求各乡镇抓紧组织农资下", "乡，确保不误农时。"];
        parks_and_library_apart(&[&["某市新建十座口袋公园"], &PARKS_PARAS, &HOURS_PARAS, &["社区图书馆夜间开放受欢迎"], &third]);
    }

    #[test]
    fn two_headers_printed_together_cut_the_chain_where_their_bodies_meet() {
        // a PDF text layer prints two boxes' headlines and bylines together, then both bodies:
        // the chain reads the finished paragraphs on one into the other and takes the nearer
        // headline, which names its tail, while the other names its head
        parks_and_library_apart(&[&["某市新建十座口袋公园", "本报记者 某甲", "社区图书馆夜间开放受欢迎", "本报记者 某乙"], &PARKS_PARAS, &HOURS_PARAS]);
    }

    #[test]
    fn a_headline_taken_as_a_deck_cuts_the_chain_whose_tail_it_names() {
        // two headlines collected together over the first of the two articles: the chain took
        // both lines as its header, the second as a deck, but that one names only the second
        // article's paragraphs
        parks_and_library_apart(&[&["某市新建十座口袋公园", "社区图书馆夜间开放受欢迎"], &PARKS_PARAS, &HOURS_PARAS]);
    }

    /// The roles `arrange` gives the header lines `heads`, each a block of its own over a lead.
    fn arranged(heads: &[&str]) -> Vec<(Role, String)> {
        let rules = Rules::embedded();
        let page = crate::Page::from_text(&format!("{}\n\n本报讯 某市今年新建社区食堂二十家，老人在家门口就能吃上热饭。\n", heads.join("\n\n")));
        let layout = crate::blocks::detect_layout(&page, &rules);
        let blocks = crate::classify::classify(crate::blocks::blocks(&page, &rules, layout), &rules);
        let lines: Vec<usize> = (0..blocks.len()).filter(|&b| heads.contains(&blocks[b].text.trim())).collect();
        assert_eq!(lines.len(), heads.len(), "{blocks:#?}");
        super::arrange(&blocks, &lines, &rules).into_iter().map(|h| (h.role, h.text)).collect()
    }

    /// Of three plain header lines the middle one is the headline, unless it is a column's name
    /// (a short label) over a statement: then that statement is.
    #[test]
    fn of_three_header_lines_a_column_name_in_the_middle_is_no_headline() {
        let long = "某市民政局某市老龄办联合发布社区食堂建设情况";
        let got = arranged(&[long, "民生面对面", "某市二十家社区食堂开门迎客"]);
        assert_eq!(got.iter().filter(|(r, _)| *r == Role::Headline).map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["某市二十家社区食堂开门迎客"], "{got:?}");
        // (the middle one of three statements stays the headline)
        let got = arranged(&[long, "社区食堂开门迎客", "老人在家门口吃上热饭"]);
        assert_eq!(got.iter().filter(|(r, _)| *r == Role::Headline).map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["社区食堂开门迎客"], "{got:?}");
    }

    /// Of two plain header lines (here printed after the body), the one of the form 某地：…
    /// is the headline; the other, above it, is the kicker, however long.
    #[test]
    fn a_titled_line_is_the_headline_of_two() {
        let page = "入冬以来，社区干部走进老旧楼栋，挨家挨户商量加装电梯的事。\n加装电梯让老楼的住户下楼方便了许多。\n\n某区老旧小区加装电梯工作\n某街道：老楼加装电梯暖人心\n";
        let x = extract_text(page, &Rules::embedded());
        assert_eq!(x.articles.len(), 1, "{:#?}", x.articles);
        assert_eq!(x.articles[0].headline.as_deref(), Some("某街道：老楼加装电梯暖人心"));
        assert_eq!(x.articles[0].kicker.as_deref(), Some("某区老旧小区加装电梯工作"));
    }

    /// A hard-wrapped page (columns 14 characters wide) whose first article's header lines
    /// `kicker` and `headline` stand apart, another box's headline read between them; the
    /// article's text is `text`, and the other box's text follows. Returns that article's
    /// kicker and headline, and every article printed (for a failure's message).
    fn header_read_apart(kicker: &str, headline: &str, text: &str) -> (Option<String>, Option<String>, String) {
        let wrap = |t: &str| t.chars().collect::<Vec<_>>().chunks(14).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\n");
        let library = "本报讯（记者李某）某市图书馆从本月起推行夜间开放制度，每天开放到晚上九点，图书馆还增设了夜间自习区。夜间开放以来，图书馆每晚接待读者三百多人次，夜间自习区座无虚席。";
        let page = [kicker, "", "某市图书馆推行夜间开放制度", "", headline, &wrap(text), "", &wrap(library)].join("\n");
        let x = extract_text(&page, &Rules::embedded());
        let opening: String = text.split_once('）').map_or(text, |(_, rest)| rest).chars().take(4).collect();
        let a = starting(&x, &opening);
        (a.kicker.clone(), a.headline.clone(), format!("{:#?}", x.articles))
    }

    /// A kicker and its headline with another box's headline read between them (a
    /// hard-wrapped page, the headers tied to their texts by content) take the roles they
    /// take standing together: a 某地：… line is the headline, the line above it the kicker
    /// (not a deck under it); a spaced pair of phrases over a statement is its kicker.
    #[test]
    fn header_lines_read_apart_take_the_roles_they_take_together() {
        let cases = [
            (
                "某区老旧小区加装电梯工作",
                "某街道：老楼加装电梯暖人心",
                "本报某地11月3日电（记者王某）入冬以来，某街道的社区干部走进老旧楼栋，挨家挨户商量加装电梯的事。加装电梯让老楼的住户下楼方便了许多，楼里的老人出门也勤了。",
            ),
            (
                "保障冬季供暖 让市民温暖过冬",
                "某市全力保障冬季供暖",
                "本报某地12月2日电（记者王某）入冬以来，某市多措并举保障冬季供暖，新建换热站三十多座，供热管网每天巡检两百多公里，居民室温保持稳定。",
            ),
        ];
        for (kicker, headline, text) in cases {
            let (k, h, all) = header_read_apart(kicker, headline, text);
            assert_eq!((k.as_deref(), h.as_deref()), (Some(kicker), Some(headline)), "{all}");
        }
    }

    /// The article whose first paragraph starts with `s`.
    fn starting<'x>(x: &'x crate::Extraction, s: &str) -> &'x crate::assemble::Article {
        x.articles.iter().find(|a| a.paragraphs[0].starts_with(s)).expect("article")
    }

    /// Two short articles the header tests print in several ways.
    const LIBRARY: &str = "县图书馆今年新增流动借阅点十二处，借阅点设在乡镇文化站和村委会，读者凭一张借书证就能在各点之间通借通还。";
    const WEATHER: &str = "市气象台昨日发布寒潮蓝色预警，预计未来三天全市气温将下降八到十度，北部山区有小到中雪，农户要做好大棚蔬菜的防冻工作。";

    /// Two short articles, each closed by its byline (the weather report first), and then
    /// the header lines `heads`; the articles found, by the start of their first paragraph.
    fn two_articles_then(heads: &[&str]) -> crate::Extraction {
        let (a, b) = (LIBRARY, WEATHER);
        extract_text(&format!("{b}\n\n（记者 李华）\n\n{a}\n\n（记者 张明）\n\n{}\n", heads.join("\n\n")), &Rules::embedded())
    }

    /// A headed article's second paragraph printed after another article closed by its
    /// byline: it heads no article and opens a sentence, and goes on from the article it
    /// speaks of (借阅点, 图书馆), not standing as an article of its own. (A text too short to
    /// tell a topic by stays apart: `a_text_under_a_headline_its_article_took_goes_on_from_a_cut`.)
    #[test]
    fn a_paragraph_with_no_header_goes_on_from_the_article_it_speaks_of() {
        let more = "每个借阅点配有图书五百册，县图书馆每月轮换一次，借阅点的图书由县图书馆统一配送，读者在借阅点还可以预约县图书馆的新书，第二天就能送到。";
        let page = format!("## 某县新增流动借阅点\n\n{LIBRARY}\n\n## 寒潮来袭全市气温骤降\n\n{WEATHER}\n\n（记者 李华）\n\n{more}\n");
        let x = extract_text(&page, &Rules::embedded());
        assert_eq!(x.articles.len(), 2, "{:#?}", x.articles);
        let library = starting(&x, "县图书馆");
        assert_eq!(library.paragraphs, vec![LIBRARY.to_string(), more.to_string()]);
        assert_eq!(starting(&x, "市气象台").paragraphs.len(), 1);
    }

    /// A hard-wrapped page: an article, another closed by its byline, the first one's second
    /// paragraph (no header over it), then a photo item: its headline, the photo's credit, the
    /// caption (short, unpunctuated, as headline-shaped as the headline) and the text. The
    /// caption stands over the text its headline took: it is the item's first paragraph, not
    /// the headline of the paragraph above it (it shares no word with it), which goes on from
    /// the article it speaks of; and the credit signs the item, not the text above it.
    #[test]
    fn a_caption_under_a_photo_items_headline_is_its_first_paragraph() {
        let wrapped = |t: &str| crate::synth::wrap(t, 16).join("\n");
        let more = "每个借阅点配有图书五百册，县图书馆每月轮换一次，借阅点的图书由县图书馆统一配送，读者在借阅点还可以预约县图书馆的新书，第二天就能送到。";
        let caption = "几位老人正在院里交流";
        let item = "周末一大早，某村养蜂人钱丙家的院子里又来了一批前来学艺的村民。他们围在蜂箱旁，听讲解、看示范、问问题，气氛热烈。";
        let item2 = "二〇一八年，钱丙在自家院里办起养蜂课堂，免费教村民养蜂。如今，这个课堂已培训村民三百多人次，带动四十多户养起了蜜蜂。";
        let page = format!(
            "某县新增流动借阅点\n{}\n\n寒潮来袭全市气温骤降\n{}\n（记者 李华）\n\n{}\n某村养蜂课堂开课五年，学员三百多人\n孙丁 摄\n{caption}\n{}\n{}\n",
            wrapped(LIBRARY),
            wrapped(WEATHER),
            wrapped(more),
            wrapped(item),
            wrapped(item2)
        );
        let x = extract_text(&page, &Rules::embedded());
        assert_eq!(x.articles.len(), 3, "{:#?}", x.articles);
        let library = starting(&x, "县图书馆");
        assert_eq!(library.paragraphs, vec![LIBRARY.to_string(), more.to_string()]);
        let photo = starting(&x, caption);
        assert_eq!(photo.headline.as_deref(), Some("某村养蜂课堂开课五年，学员三百多人"), "{:#?}", x.articles);
        assert_eq!(photo.paragraphs, vec![caption.to_string(), item.to_string(), item2.to_string()]);
        assert_eq!(photo.authors, vec!["孙丁".to_string()]);
        assert_eq!(starting(&x, "市气象台").authors, vec!["李华".to_string()]);
    }

    /// Headlines printed after their bodies: one names its article by content, the other
    /// shares no word with any body but stands right under the end of the article left
    /// without a headline. It goes to that article, not to the leftovers.
    #[test]
    fn a_headline_no_article_claims_goes_to_the_article_without_one() {
        let x = two_articles_then(&["一座城的阅读地图越画越密", "寒潮来袭全市气温骤降"]);
        let by_start = |s: &str| starting(&x, s);
        assert_eq!(by_start("县图书馆").headline.as_deref(), Some("一座城的阅读地图越画越密"), "{:#?}", x.leftovers);
        assert_eq!(by_start("市气象台").headline.as_deref(), Some("寒潮来袭全市气温骤降"));
        assert!(x.leftovers.is_empty(), "{:#?}", x.leftovers);
    }

    /// An article without a headline over it, and at the page's end, apart from any text, a
    /// long headline that shares one word with it (借书) and none with the other article: it is
    /// that article's headline printed after its body, not a leftover.
    #[test]
    fn a_headline_apart_that_shares_some_words_goes_to_the_article_without_one() {
        let (a, b) = (LIBRARY, WEATHER);
        let page = format!("{a}\n\n（记者 张明）\n\n寒潮来袭全市气温骤降\n\n{b}\n\n（记者 李华）\n\n寒假山村孩子有了好去处 每天来这里借书看\n");
        let x = extract_text(&page, &Rules::embedded());
        let by_start = |s: &str| starting(&x, s);
        assert_eq!(by_start("市气象台").headline.as_deref(), Some("寒潮来袭全市气温骤降"));
        assert_eq!(by_start("县图书馆").headline.as_deref(), Some("寒假山村孩子有了好去处 每天来这里借书看"), "{:#?}", x.leftovers);
        assert!(x.leftovers.is_empty(), "{:#?}", x.leftovers);
    }

    /// Headlines collected after the last article: the first names the first article, the
    /// line after it shares no word with that article and some with the other. It is no deck
    /// of the first headline but the other article's headline.
    #[test]
    fn a_line_foreign_to_a_headline_is_not_its_deck() {
        let x = two_articles_then(&["寒潮来袭全市气温骤降", "小小借阅点连起城乡书香"]);
        let by_start = |s: &str| starting(&x, s);
        let weather = by_start("市气象台");
        assert_eq!(weather.headline.as_deref(), Some("寒潮来袭全市气温骤降"));
        assert_eq!(weather.subheadline, None);
        assert_eq!(by_start("县图书馆").headline.as_deref(), Some("小小借阅点连起城乡书香"));
    }

    #[test]
    fn a_text_under_a_headline_its_article_took_goes_on_from_a_cut() {
        // an e-paper scrape: a lead opened by its byline, then its headline (printed after
        // it), then the rest of a paragraph cut at 藏|书, then the paragraph it was cut from.
        // The headline goes to the lead it names; the text under it is then no lead, and the
        // cut text goes on into it. The same page without the e-paper's links is no page read
        // cell by cell, where only the joins into the freed text are scored again.
        let body = "本报讯 记者赵甲报道 昨日，某市第一座社区书屋在某街道正式开放，居民可以免费借阅书屋的图书。\n\n\
            ## 某市首座社区书屋开放\n\n书共有三千册，涵盖文学、历史和科技等门类，书屋还设有儿童阅读区。\n\n\
            书屋的图书由某市图书馆统一配送，每月更新一次。目前书屋的藏\n\n\
            某县农民合作社今年收获了大量的优质苹果，社员们的收入明显提高。\n";
        for (page, head_line) in [(format!("上一版　下一版\n\n{body}\n分享到：\n"), 7), (body.to_string(), 5)] {
            let got = extract_text(&page, &Rules::embedded());
            let headed: Vec<(&str, &[String])> = got.articles.iter().filter_map(|a| Some((a.headline.as_deref()?, &a.paragraphs[..]))).collect();
            // (the paragraph, which heads no article, then goes on from the article it speaks of)
            let lead = "昨日，某市第一座社区书屋在某街道正式开放，居民可以免费借阅书屋的图书。";
            let joined = "书屋的图书由某市图书馆统一配送，每月更新一次。目前书屋的藏书共有三千册，涵盖文学、历史和科技等门类，书屋还设有儿童阅读区。";
            assert_eq!(headed, [("某市首座社区书屋开放", &[lead.to_string(), joined.to_string()][..])]);
            // only a cut text goes on into it: no finished paragraph is weighed as its text before
            let explained = crate::extract(&crate::Page::from_text(&page), &Rules::embedded(), crate::Options { explain: true });
            let into = |start: &str| explained.fragments.iter().find(|f| f.start.starts_with(start)).expect("a fragment").candidates.iter().any(|c| c.to_line == head_line);
            assert!(into("书屋的图书"), "{page}");
            assert!(!into("某县农民"), "{page}");
        }
    }

    /// A hard-wrapped page whose two headlines are printed after their bodies: each goes
    /// to the body it shares terms with, not to the body under it.
    #[test]
    fn a_header_line_another_article_names_is_no_caption_of_the_text_under_it() {
        // another article's kicker (its words: 水泥厂, 能耗) read between a headline and that
        // headline's text: no article takes it, and it is no first line of the text under it
        let page = [
            "某县举行技能人才表彰大会",
            "",
            "决心降低某县水泥厂生产能耗",
            "",
            "本报讯 昨天，某县举行技能人才表彰大",
            "会，县长为受表彰的技能人才颁发证书。",
            "他说，技能人才在生产一线精益求精，是",
            "全县职工学习的榜样，值得大力宣传。",
            "",
            "三名技术员攻关改造生产线",
            "",
            "本报讯 为了降低某县水泥厂居高不下的能",
            "耗，三名技术员提出对生产线进行节能改",
            "造。县工信局支持他们的攻关计划，改造",
            "方案日前正式实施，水泥厂能耗开始下降。",
        ];
        let x = extract_text(&page.join("\n"), &Rules::embedded());
        let texts: Vec<&str> = x.articles.iter().flat_map(|a| a.paragraphs.iter().map(String::as_str)).collect();
        assert!(texts.iter().all(|t| !t.contains("决心降低")), "{texts:#?}");
        assert!(x.articles.iter().any(|a| a.headline.as_deref() == Some("某县举行技能人才表彰大会")), "{:#?}", x.articles);
    }

    /// The two articles the PDF header tests print: each paragraph hard-wrapped at 16
    /// characters, a blank line after each line.
    const LIBRARY_LONG: &str =
        "县图书馆今年新增流动借阅点十二处，借阅点设在乡镇文化站和村委会，读者凭一张借书证就能在各点之间通借通还。馆长说，流动借阅点的图书每季度轮换一次，新书优先送到偏远的山区村。";
    const WEATHER_LONG: &str = "市气象台昨日发布寒潮蓝色预警，预计未来三天全市气温将下降八到十度，北部山区有小到中雪。气象专家提醒，寒潮期间出行要注意防寒保暖，农户要做好大棚蔬菜的防冻工作。";

    /// The library article's column, the line `between`, the weather article's column and the
    /// lines `after` (if any); the articles found, and their headlines and openings.
    fn columns_with(between: &str, after: &str) -> (crate::Extraction, Vec<(Option<String>, String)>) {
        let col = |s: &str| crate::text::pdf_column(s, 16);
        let page = format!("{}\n\n{between}\n\n{}\n{after}", col(LIBRARY_LONG), col(WEATHER_LONG));
        let x = extract_text(&page, &Rules::embedded());
        let heads = x.articles.iter().map(|a| (a.headline.clone(), a.paragraphs[0].chars().take(4).collect())).collect();
        (x, heads)
    }

    #[test]
    fn headline_printed_after_its_body_goes_to_that_body() {
        let (x, heads) = columns_with("图书馆流动借阅点通借通还", "\n寒潮来袭 气温骤降\n");
        assert_eq!(x.articles.len(), 2, "{heads:?}");
        assert_eq!(x.articles[0].headline.as_deref(), Some("图书馆流动借阅点通借通还"), "{heads:?}");
        assert_eq!(x.articles[1].headline.as_deref(), Some("寒潮来袭 气温骤降"), "{heads:?}");
    }

    /// Two boxes printed in turn, hard-wrapped at 16 characters: the first box's headline and
    /// lead `a1`, then the second box's `headline` over the first box's column going on
    /// (`foot`), then the second box's `deck` over its lead `b`.
    /// Returns the articles found, and their headlines, decks and openings for messages.
    fn box_under_headline(a1: &str, foot: &str, headline: &str, deck: &str, b: &str) -> (crate::Extraction, String) {
        let col = |s: &str| crate::text::pdf_column(s, 16);
        let x = extract_text(&format!("某市全民运动会开幕\n\n{}\n\n{headline}\n\n{}\n\n{deck}\n\n{}\n", col(a1), col(foot), col(b)), &Rules::embedded());
        let heads: Vec<(Option<&str>, Option<&str>, String)> = x.articles.iter().map(|a| (a.headline.as_deref(), a.subheadline.as_deref(), a.paragraphs[0].chars().take(6).collect())).collect();
        let heads = format!("{heads:?}");
        (x, heads)
    }

    #[test]
    fn a_headline_over_text_it_names_nothing_of_goes_to_the_article_it_names() {
        // two boxes printed in turn: the first box's column goes on under the second box's
        // headline (it shares none of its words), and the second box's deck stands over its
        // lead, which the headline names: the headline is that lead's article's
        let a1 = "本报讯 记者赵甲报道 昨天，某市第五届全民运动会在市体育中心开幕，市委书记钱乙、市长孙丙等领导出席开幕式，为各代表团授旗。";
        let a2 = "市长孙丙宣布运动会开幕。本届运动会设田径、游泳、篮球、乒乓球等二十个大项，来自各区县和各行业的四十个代表团共五千余名运动员参加比赛，比赛将持续到下月中旬。开幕式上，三千名群众表演了太极拳、广场舞和腰鼓，展示了全民健身的风采。会后，与会代表参观了全民健身成果展，展览分为社区健身、校园体育、户外运动三个展区，共展出图片和实物三百余件。";
        let b = "本报讯 为了缓解某市老城区停车难的问题，市交通局的三名青年技术员组成攻关小组，开发了一套智慧停车系统，并于日前在老城区正式上线。三青年攻关小组由技术科长王庚牵头，成员都是局里的软件骨干，他们表示还要把智慧停车系统推广到全市。某市交通局党委大力支持他们的创新。";
        let (x, heads) = box_under_headline(a1, a2, "三青年开发智慧停车系统", "某市交通局党委大力支持他们创新", b);
        let lead = x.articles.iter().find(|a| a.paragraphs.iter().any(|p| p.contains("为了缓解"))).expect("the second box's article");
        let named = [lead.headline.as_deref(), lead.subheadline.as_deref(), lead.kicker.as_deref()];
        assert!(named.contains(&Some("三青年开发智慧停车系统")), "{heads:?}");
        assert!(x.articles.iter().all(|a| a.headline.as_deref() != Some("三青年开发智慧停车系统") || a.paragraphs.iter().all(|p| !p.contains("孙丙宣布"))), "{heads:?}");
    }

    /// Two boxes' headlines printed on one line, as an extractor that joins the lines at one
    /// height with a space prints them: the first box's body above (its header printed after
    /// it), the second's below. Each part goes to the article it names, split at the space
    /// between them and not at the one inside the second headline.
    #[test]
    fn two_headlines_printed_on_one_line_go_to_the_articles_they_name() {
        let (x, heads) = columns_with("图书馆流动借阅点通借通还 寒潮来袭 全市气温骤降", "");
        assert_eq!(x.articles.len(), 2, "{heads:?}");
        assert_eq!(starting(&x, "县图书馆").headline.as_deref(), Some("图书馆流动借阅点通借通还"), "{heads:?}");
        assert_eq!(starting(&x, "市气象台").headline.as_deref(), Some("寒潮来袭 全市气温骤降"), "{heads:?}");
    }

    /// Two long headlines joined on one line, longer than any headline line: the line is still
    /// read as header lines and shared between the articles.
    #[test]
    fn two_long_headlines_printed_on_one_line_are_headlines() {
        let (ha, hb) = ("县图书馆新增十二处流动借阅点 读者凭一张借书证在各点通借通还", "市气象台发布寒潮蓝色预警 未来三天全市气温将下降八到十度");
        let (x, heads) = columns_with(&format!("{ha} {hb}"), "");
        assert_eq!(x.articles.len(), 2, "{heads:?}");
        assert_eq!(starting(&x, "县图书馆").headline.as_deref(), Some(ha), "{heads:?}");
        assert_eq!(starting(&x, "市气象台").headline.as_deref(), Some(hb), "{heads:?}");
    }

    /// A column's foot, a short finished paragraph, printed under the next box's headline,
    /// whose deck stands over that box's lead: the headline names the lead's text in full and
    /// none of the paragraph under it, and goes to the lead's article with the deck, however
    /// short the paragraph (on a page scraped cell by cell, a short cell under a headline may be
    /// its own article's cut text; this page is a PDF text layer).
    #[test]
    fn a_headline_over_a_short_foot_it_names_nothing_of_goes_to_the_article_it_names() {
        let a1 =
            "本报讯 记者赵甲报道 昨天，某市第五届全民运动会在市体育中心开幕，市委书记钱乙、市长孙丙等领导出席开幕式，为各代表团授旗。市长孙丙宣布运动会开幕，五千余名运动员将参加二十个大项的比赛。";
        let foot = "组委会号召全体运动员赛出风格、赛出水平，展现全民健身的新风貌。";
        let b = "据新华社电 国庆假期第三天，高速公路车流明显增长，自驾出游需求旺盛。各地交通部门增派路政和交警力量，服务区增设充电桩和临时休息区，确保车辆安全有序通行。";
        let (x, heads) = box_under_headline(a1, foot, "高速公路车流明显增长", "各地加强疏导 确保车辆通行", b);
        let road = starting(&x, "国庆假期第三天");
        assert_eq!((road.headline.as_deref(), road.subheadline.as_deref()), (Some("高速公路车流明显增长"), Some("各地加强疏导 确保车辆通行")), "{heads:?}");
    }

    /// Headlines collected at the end of the page, in another order than their bodies, with a
    /// column label above one of them.
    #[test]
    fn headlines_collected_at_the_page_end_are_matched_by_content() {
        let (a, b) = (LIBRARY, WEATHER);
        // a trailing byline closes the first article
        let page = format!("{a}\n\n（记者 张明）\n\n{b}\n\n天气速递\n\n寒潮来袭全市气温骤降\n\n流动借阅点通借通还方便读者\n");
        let x = extract_text(&page, &Rules::embedded());
        let by_start = |s: &str| starting(&x, s);
        assert_eq!(by_start("县图书馆").headline.as_deref(), Some("流动借阅点通借通还方便读者"));
        let weather = by_start("市气象台");
        assert_eq!(weather.headline.as_deref(), Some("寒潮来袭全市气温骤降"));
        assert_eq!(weather.kicker.as_deref(), Some("天气速递"));
    }
}
