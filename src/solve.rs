//! Stage 5: choose joins globally. Every fragment gets at most one successor and one
//! predecessor so that the total score is highest (a maximum-weight assignment with a
//! "leave open" and a "start here" option of score 0 for every fragment), and chains
//! have no cycles: a cycle's weakest join is forbidden and the assignment solved again.

use std::collections::HashSet;

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;
use petgraph::visit::EdgeRef;

use crate::classify::Classified;
use crate::joins::{self, Continuity};
use crate::rules::Rules;

const SCALE: f64 = 1000.0;
const FORBIDDEN: i64 = -1_000_000_000;

/// The chosen successor of every fragment, with the join's score.
pub type Succ = Vec<Option<(usize, f64)>>;

/// Scoring passes after the first, each reading the chains the one before chose.
const REFINE_PASSES: usize = 3;

/// The continuity graph of classified blocks and the joins chosen on it: a first pass, then
/// passes that compare topics with the article so far, and joins with their neighbours'
/// joins, as the previous pass reads them.
pub fn read_joins(classified: &[Classified], rules: &Rules, order: joins::Order) -> (Continuity, Succ) {
    let mut continuity = joins::continuity(classified, rules, order);
    let mut succ = choose(&continuity);
    for _ in 0..REFINE_PASSES {
        let ctx = joins::Contexts::from_chains(&succ, 4);
        joins::score_joins(&mut continuity, classified, rules, &ctx);
        succ = choose(&continuity);
    }
    (continuity, succ)
}

/// The chosen successor of each fragment, with the join's score.
///
/// Only joins that beat leaving their tail open (score > 0) can be chosen. They split the
/// page into independent groups of fragments, each solved on its own, cycles included: a cut
/// cycle re-solves its group, not the page.
pub fn choose(c: &Continuity) -> Succ {
    let n = c.fragments.len();
    let edges: Vec<(usize, usize, i64)> = c.graph.edge_references().map(|e| (c.graph[e.source()], c.graph[e.target()], (e.weight().score * SCALE).round() as i64)).filter(|&(_, _, s)| s > 0).collect();
    let mut parent: Vec<usize> = (0..n).collect();
    for &(u, v, _) in &edges {
        let (a, b) = (root(&mut parent, u), root(&mut parent, v));
        if a != b {
            parent[a] = b;
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<(usize, usize, i64)>> = std::collections::BTreeMap::new();
    for &e in &edges {
        let r = root(&mut parent, e.0);
        groups.entry(r).or_default().push(e);
    }
    let mut succ = vec![None; n];
    for group in groups.values() {
        let mut nodes: Vec<usize> = group.iter().flat_map(|e| [e.0, e.1]).collect();
        nodes.sort_unstable();
        nodes.dedup();
        let local = |x: usize| nodes.binary_search(&x).unwrap_or(0);
        let local_edges: Vec<(usize, usize, i64)> = group.iter().map(|&(u, v, s)| (local(u), local(v), s)).collect();
        for (u, next) in choose_group(nodes.len(), &local_edges).into_iter().enumerate() {
            if let Some((v, s)) = next {
                succ[nodes[u]] = Some((nodes[v], s));
            }
        }
    }
    succ
}

/// `choose` within one group of `n` fragments linked by `edges` of positive score.
fn choose_group(n: usize, edges: &[(usize, usize, i64)]) -> Succ {
    if n > MAX_EXACT {
        // too large for exact assignment and cycle cutting by re-solving: best joins first,
        // none closing a cycle
        let mut out = vec![None; n];
        greedy(edges, &mut out, n, true);
        return with_scores(out, edges);
    }
    let mut forbidden: HashSet<(usize, usize)> = HashSet::new();
    let mut succ = assign(n, edges, &forbidden);
    for _round in 0..32 {
        let Some(cycle) = find_cycle(&succ) else { return succ };
        // cut the cycle where the re-solved assignment loses least
        let mut best: Option<(i64, (usize, usize), Succ)> = None;
        for &u in cycle.iter().take(8) {
            let edge = (u, succ[u].expect("a cycle follows successors").0);
            forbidden.insert(edge);
            let s = assign(n, edges, &forbidden);
            forbidden.remove(&edge);
            let total = total(&s);
            if best.as_ref().is_none_or(|b| total > b.0) {
                best = Some((total, edge, s));
            }
        }
        let (_, edge, s) = best.expect("a cycle has an edge");
        forbidden.insert(edge);
        succ = s;
    }
    // give up on optimality: cut every remaining cycle at its weakest join
    while let Some(cycle) = find_cycle(&succ) {
        let u = cycle.iter().copied().min_by(|&a, &b| succ[a].expect("in a cycle").1.total_cmp(&succ[b].expect("in a cycle").1)).expect("a cycle is not empty");
        succ[u] = None;
    }
    succ
}

/// A join [`turn_pairs`] turned: fragment `to`, printed right before the cut text `from`,
/// now goes on from it, no longer from `was`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn {
    pub from: usize,
    pub to: usize,
    pub was: usize,
    /// The scores of the join made (`from` → `to`) and of the join given up (`was` → `to`).
    pub score: f64,
    pub was_score: f64,
}

/// A paragraph's start printed right after its own continuation (a column read bottom cell
/// first: “博物馆是…让更多市民走进 printed after “城市客厅”，…): the solver reads the page order, the
/// continuation after the text before it and the start after the continuation, and leaves the
/// start's cut end open, since its true join would close a cycle. Turned here when the page
/// says so three ways: the start `y` is cut and goes on into nothing; its best join of all is
/// into `x`, the finished text just before it on the page, which leads to it; and the join
/// into `x` from the cut text `p` scores less than that, against the topic (its topic signal
/// below 0), with no more evidence across its cut than `y`'s (a word, a page string, a number
/// cut in two; a head that cannot open a sentence counts for both alike). Then `p` ends its
/// article there and `y` goes on into `x`. Returns the joins turned.
pub fn turn_pairs(c: &Continuity, succ: &mut Succ, rules: &Rules) -> Vec<Turn> {
    let n = c.fragments.len();
    let mut pred = predecessors(succ);
    let w = joins::CutWeights::new(rules);
    let mut turned = Vec::new();
    for y in 1..n {
        let x = y - 1;
        let (fx, fy) = (&c.fragments[x], &c.fragments[y]);
        if !fy.open || fy.lead || succ[y].is_some() || fx.open || pred[y] != Some(x) {
            continue;
        }
        let Some(p) = pred[x].filter(|&p| c.fragments[p].open) else { continue };
        let Some(best) = c.graph.edges(c.nodes[y]).max_by(|a, b| a.weight().score.total_cmp(&b.weight().score)) else { continue };
        if c.graph[best.target()] != x || best.weight().score <= 0.0 {
            continue;
        }
        let Some(into_x) = c.graph.find_edge(c.nodes[p], c.nodes[x]).map(|e| &c.graph[e]) else { continue };
        let topic = into_x.signals.iter().find(|s| s.name == "topic").map_or(0.0, |s| s.value);
        if into_x.score >= best.weight().score || topic >= 0.0 || c.cut_evidence(p, x, &w) > c.cut_evidence(y, x, &w) {
            continue;
        }
        turned.push(Turn { from: y, to: x, was: p, score: best.weight().score, was_score: into_x.score });
        succ[p] = None;
        succ[x] = None;
        succ[y] = Some((x, best.weight().score));
        pred[x] = Some(y);
        pred[y] = None;
    }
    turned
}

/// A closing piece read apart from the text it closes (”某某说。, a column's top line that a
/// text layer boxed with the headline over it): one fragment that opens mid-sentence and
/// finishes a sentence, that nothing goes on into and that goes on into nothing. It goes in
/// right after the finished text whose join into it scores best, when that join scores above
/// nothing (a quotation closed there), between that text and the text after it: the solver
/// left it out, its join costing the text after it the adjacency it holds. Returns the joins
/// made, (from, into).
pub fn insert_closers(c: &Continuity, succ: &mut Succ) -> Vec<(usize, usize)> {
    let pred = predecessors(succ);
    let mut made = Vec::new();
    for v in 0..c.fragments.len() {
        let f = &c.fragments[v];
        if !f.mid_start || f.open || f.lead || pred[v].is_some() || succ[v].is_some() {
            continue;
        }
        let Some((u, score)) = c
            .graph
            .edges_directed(c.nodes[v], petgraph::Direction::Incoming)
            .map(|e| (c.graph[e.source()], e.weight().score))
            .filter(|&(u, _)| !c.fragments[u].open)
            .max_by(|a, b| a.1.total_cmp(&b.1))
        else {
            continue;
        };
        if score <= 0.0 || made.iter().any(|&(x, _)| x == u) {
            continue;
        }
        // (the text after it goes on from it as it went on from `u`)
        let after = succ[u].map(|(w, s)| (w, c.graph.find_edge(c.nodes[v], c.nodes[w]).map_or(s, |e| c.graph[e].score)));
        succ[u] = Some((v, score));
        succ[v] = after;
        made.push((u, v));
    }
    made
}

/// Each fragment's chosen predecessor: the fragment whose successor it is.
pub fn predecessors(succ: &[Option<(usize, f64)>]) -> Vec<Option<usize>> {
    let mut pred = vec![None; succ.len()];
    for (u, s) in succ.iter().enumerate() {
        if let Some((v, _)) = s {
            pred[*v] = Some(u);
        }
    }
    pred
}

/// The chains the chosen joins form, each from its first fragment, in order of first
/// fragment; every step but the first carries the score of the join that led to it. `choose`
/// leaves no cycles, so every fragment is in exactly one chain.
pub fn chains(succ: &[Option<(usize, f64)>]) -> Vec<Vec<(usize, Option<f64>)>> {
    let pred = predecessors(succ);
    (0..succ.len())
        .filter(|&i| pred[i].is_none())
        .map(|start| {
            let mut chain = vec![(start, None)];
            while let Some((v, s)) = succ[chain.last().expect("not empty").0] {
                if chain.len() > succ.len() {
                    break; // a cycle (never left by `choose`); stop rather than loop
                }
                chain.push((v, Some(s)));
            }
            chain
        })
        .collect()
}

fn total(succ: &[Option<(usize, f64)>]) -> i64 {
    succ.iter().flatten().map(|(_, s)| (s * SCALE).round() as i64).sum()
}

/// Components larger than this (in rows or columns) are solved greedily: Kuhn–Munkres is cubic.
pub const MAX_EXACT: usize = 300;

fn assign(n: usize, edges: &[(usize, usize, i64)], forbidden: &HashSet<(usize, usize)>) -> Succ {
    let allowed: Vec<(usize, usize, i64)> = edges.iter().copied().filter(|&(u, v, _)| !forbidden.contains(&(u, v))).collect();
    with_scores(sparse_assignment(n, n, &allowed, true), &allowed)
}

/// Each chosen successor with the score of its join.
fn with_scores(succ: Vec<Option<usize>>, edges: &[(usize, usize, i64)]) -> Succ {
    let score: std::collections::HashMap<(usize, usize), i64> = edges.iter().map(|&(u, v, s)| ((u, v), s)).collect();
    succ.into_iter().enumerate().map(|(u, v)| v.map(|v| (v, score.get(&(u, v)).copied().unwrap_or(0) as f64 / SCALE))).collect()
}

/// A maximum-weight matching of rows to columns over the given edges (row, column, weight > 0);
/// a row or column may stay unmatched at no cost. The edges split into independent components
/// (rows and columns linked by edges), each solved on its own with Kuhn–Munkres on a
/// rectangular matrix; a component of more than [`MAX_EXACT`] rows or columns is solved
/// greedily, best edge first, so the work never grows with the cube of the page. With
/// `acyclic`, rows and columns are the same nodes (tails and heads of fragments) and the
/// greedy step takes no edge that would close a cycle (the exact step leaves cycles to the
/// caller).
pub fn sparse_assignment(rows: usize, cols: usize, edges: &[(usize, usize, i64)], acyclic: bool) -> Vec<Option<usize>> {
    // union-find over rows (0..rows) and columns (rows..rows + cols)
    let mut parent: Vec<usize> = (0..rows + cols).collect();
    for &(u, v, _) in edges {
        let (a, b) = (root(&mut parent, u), root(&mut parent, rows + v));
        if a != b {
            parent[a] = b;
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<(usize, usize, i64)>> = std::collections::BTreeMap::new();
    for &e in edges {
        let r = root(&mut parent, e.0);
        groups.entry(r).or_default().push(e);
    }
    let mut out = vec![None; rows];
    for group in groups.values() {
        let mut tails: Vec<usize> = group.iter().map(|e| e.0).collect();
        let mut heads: Vec<usize> = group.iter().map(|e| e.1).collect();
        tails.sort_unstable();
        tails.dedup();
        heads.sort_unstable();
        heads.dedup();
        if tails.len() > MAX_EXACT || heads.len() > MAX_EXACT {
            greedy(group, &mut out, cols, acyclic);
            continue;
        }
        // rows: the component's rows; columns: its columns, then one "unmatched" column per row
        let (t, h) = (tails.len(), heads.len());
        let mut m = Matrix::new(t, h + t, FORBIDDEN);
        for i in 0..t {
            m[(i, h + i)] = 0;
        }
        for &(u, v, s) in group {
            let (Ok(i), Ok(j)) = (tails.binary_search(&u), heads.binary_search(&v)) else { continue };
            m[(i, j)] = m[(i, j)].max(s);
        }
        let (_, assigned) = kuhn_munkres(&m);
        for (i, &j) in assigned.iter().enumerate() {
            if j < h && m[(i, j)] > 0 {
                out[tails[i]] = Some(heads[j]);
            }
        }
    }
    out
}

fn root(p: &mut [usize], mut x: usize) -> usize {
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}

/// Best edges first, each taken when its row and column are still free (and, with `acyclic`,
/// it closes no cycle of the chains taken so far).
fn greedy(edges: &[(usize, usize, i64)], out: &mut [Option<usize>], cols: usize, acyclic: bool) {
    let mut order: Vec<&(usize, usize, i64)> = edges.iter().collect();
    order.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let mut col_taken = vec![false; cols];
    for (_, v) in out.iter().enumerate().filter_map(|(u, v)| v.map(|v| (u, v))) {
        col_taken[v] = true;
    }
    // chain membership: taking u→v merges u's chain with v's; an edge inside one chain is a cycle
    let mut chain: Vec<usize> = (0..out.len().max(cols)).collect();
    for &&(u, v, _) in &order {
        if out[u].is_some() || col_taken[v] {
            continue;
        }
        if acyclic {
            let (a, b) = (root(&mut chain, u), root(&mut chain, v));
            if a == b {
                continue;
            }
            chain[a] = b;
        }
        out[u] = Some(v);
        col_taken[v] = true;
    }
}

fn find_cycle(succ: &[Option<(usize, f64)>]) -> Option<Vec<usize>> {
    let n = succ.len();
    let mut state = vec![0u8; n]; // 0 new, 1 on the current walk, 2 done
    for s in 0..n {
        let mut path = vec![];
        let mut u = s;
        while state[u] == 0 {
            state[u] = 1;
            path.push(u);
            match succ[u] {
                Some((v, _)) => u = v,
                None => break,
            }
        }
        if state[u] == 1 && succ[u].is_some() {
            if let Some(pos) = path.iter().position(|&x| x == u) {
                return Some(path[pos..].to_vec());
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::Rng;

    /// A text layer that boxes each paragraph (blank lines between boxes, lines cut at the
    /// column's width) and boxed the top line of a column, the end of a quotation
    /// (”年轻的读者这样说。), with the headline over it. The headline stays the second article's,
    /// whole, and the closing line goes on from the quotation it closes, inside its paragraph,
    /// the paragraph after it going on as before.
    #[test]
    fn a_closing_line_boxed_with_a_headline_goes_back_into_its_quotation() {
        let col = |s: &str| s.chars().collect::<Vec<_>>().chunks(16).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\n");
        let a = "本报讯 昨天，某市第五届全民运动会在市体育中心开幕，市委书记钱乙、市长孙丙等领导出席开幕式，为各代表团授旗。";
        let b1 = "本报讯 日前，某区图书馆推出夜间阅读服务，每天开放到晚上九点，并增设了夜间自习区和电子阅览区。";
        let b2 = "在图书馆的夜间自习区，各张书桌前坐满了读者。“图书馆晚上开放到九点，下班以后也能来看书，真是方便多了。";
        let b3 = "据了解，夜间阅读服务推出一个月来，图书馆每晚接待读者三百多人次，借阅图书一千多册。";
        let page = format!("某市全民运动会开幕\n\n{}\n\n某区图书馆夜间阅读室正式挂牌\n”年轻的读者这样说。\n\n{}\n\n{}\n\n{}\n", col(a), col(b1), col(b2), col(b3));
        let x = crate::extract_text(&page, &Rules::embedded());
        let heads: Vec<(Option<&str>, &str)> = x.articles.iter().map(|a| (a.headline.as_deref(), &a.paragraphs[0][..6])).collect();
        let library = x.articles.iter().find(|a| a.paragraphs.iter().any(|p| p.contains("夜间阅读服务，每天"))).unwrap_or_else(|| panic!("{heads:?}"));
        assert_eq!(library.headline.as_deref(), Some("某区图书馆夜间阅读室正式挂牌"), "{heads:?}");
        let text = library.paragraphs.concat();
        assert!(text.contains("真是方便多了。”年轻的读者这样说。据了解"), "{:#?}", library.paragraphs);
        assert_eq!(x.articles.len(), 2, "{heads:?}");
        // --explain says why on the join into it
        let explained = crate::extract(&crate::read::Page::from_text(&page), &Rules::embedded(), crate::Options { explain: true });
        let at = page.lines().position(|l| l.starts_with('”')).expect("the closing line") + 1;
        assert!(explained.fragments.iter().any(|f| f.inserted.as_deref().is_some_and(|n| n.starts_with(&format!("the closing piece at line {at},")))), "{:#?}", explained.fragments);
    }

    /// A report cut at its column's foot (借阅和归), then another text's paragraph printed
    /// bottom cell first: its continuation (“城市客厅”，…) before its start (“博物馆是…走进).
    const TURNED: &str = "某县新建图书馆今天开馆\n\n本报讯（记者 王明）某县图书馆今天正式开馆，馆内藏书十二万册，设有少儿阅览区、数字阅读区和地方文献室，每天开放十二个小时。\n\n图书馆还将开展流动借阅服务，每月定期把新书送到各乡镇的借阅点，方便农村读者就近借阅和归\n\n“城市客厅”，市文旅局负责人在座谈会上介绍，夜间开放只是第一步，今后还将推出讲解服务、亲子课堂和文创市集，让博物馆融入市民的日常生活。\n\n“博物馆是一座城市的客厅，办好夜场不只是为了延长开放时间，而是要让更多市民走进\n\n某市推进老旧小区改造\n\n本报讯（记者 李华）今年某市将改造老旧小区八十个，涉及居民两万余户，重点加装电梯、改造管网和增设停车位。";

    /// The page read with explanations: whether some join was turned, and whether some
    /// paragraph holds `text`.
    fn turned_and_read(page: &str, text: &str) -> (bool, bool) {
        let x = crate::extract(&crate::Page::from_text(page), &Rules::embedded(), crate::Options { explain: true });
        (x.fragments.iter().any(|f| f.turned.is_some()), x.articles.iter().any(|a| a.paragraphs.iter().any(|p| p.contains(text))))
    }

    #[test]
    fn a_paragraph_start_printed_after_its_continuation_goes_on_into_it() {
        let x = crate::extract(&crate::Page::from_text(TURNED), &Rules::embedded(), crate::Options { explain: true });
        let library = x.articles.iter().find(|a| a.headline.as_deref() == Some("某县新建图书馆今天开馆")).expect("the library report");
        assert!(library.paragraphs.last().is_some_and(|p| p.ends_with("借阅和归")), "{:?}", library.paragraphs);
        assert!(library.truncated);
        let museum = x.articles.iter().find(|a| a.paragraphs.iter().any(|p| p.contains("博物馆是一座城市的客厅"))).expect("the museum text");
        assert_eq!(museum.headline, None);
        // (nothing of an article's top: the page lacks its start)
        assert!(museum.truncated);
        assert_eq!(museum.paragraphs, vec!["“博物馆是一座城市的客厅，办好夜场不只是为了延长开放时间，而是要让更多市民走进“城市客厅”，市文旅局负责人在座谈会上介绍，夜间开放只是第一步，今后还将推出讲解服务、亲子课堂和文创市集，让博物馆融入市民的日常生活。"]);
        let note = x.fragments.iter().find_map(|f| f.turned.clone()).expect("a turned join, explained");
        assert!(note.starts_with("this cut text goes on into line 7, printed right before it"), "{note}");
    }

    #[test]
    fn a_continuation_the_cut_text_before_it_reads_on_into_is_not_turned() {
        // the cut report reads on into the text after it through a word (借|阅): the join
        // into it has evidence of its own, more than the start's, and page order stands
        let page = TURNED.replace("就近借阅和归\n", "就近借\n").replace("“城市客厅”，市文旅局", "阅图书，市文旅局");
        assert_eq!(turned_and_read(&page, "就近借阅图书，市文旅局"), (false, true));
    }

    #[test]
    fn a_continuation_opening_mid_sentence_is_turned_all_the_same() {
        // (，… cannot open a sentence: evidence that some cut text goes on into it, the start
        // as much as the report above)
        let page = TURNED.replace("“城市客厅”，市文旅局", "，市文旅局").replace("让更多市民走进\n", "让更多市民走进城市客厅\n");
        assert_eq!(turned_and_read(&page, "让更多市民走进城市客厅，市文旅局"), (true, true));
    }

    /// The best total over every matching, by brute force (rows in order, each free column or none).
    fn brute(row: usize, rows: usize, edges: &[(usize, usize, i64)], used: &mut Vec<bool>) -> i64 {
        if row == rows {
            return 0;
        }
        let mut best = brute(row + 1, rows, edges, used);
        for &(_, v, s) in edges.iter().filter(|e| e.0 == row) {
            if !used[v] {
                used[v] = true;
                best = best.max(s + brute(row + 1, rows, edges, used));
                used[v] = false;
            }
        }
        best
    }

    #[test]
    fn sparse_assignment_is_optimal_on_small_problems() {
        let mut rng = Rng::new(7);
        for _ in 0..300 {
            let (rows, cols) = (rng.range(1, 7), rng.range(1, 7));
            let edges: Vec<(usize, usize, i64)> = (0..rng.range(0, 12)).map(|_| (rng.range(0, rows), rng.range(0, cols), rng.range(1, 100) as i64)).collect();
            let got = sparse_assignment(rows, cols, &edges, false);
            let mut seen = std::collections::HashSet::new();
            let mut total = 0;
            for (u, v) in got.iter().enumerate() {
                if let Some(v) = v {
                    assert!(seen.insert(*v), "column {v} matched twice");
                    total += edges.iter().filter(|e| e.0 == u && e.1 == *v).map(|e| e.2).max().expect("an edge");
                }
            }
            assert_eq!(total, brute(0, rows, &edges, &mut vec![false; cols]), "{edges:?}");
        }
    }

    #[test]
    fn a_large_group_is_solved_greedily_without_cycles() {
        // a ring of 1,000 fragments, every join positive: the best chains leave one join out
        let n = 1000;
        let edges: Vec<(usize, usize, i64)> = (0..n).map(|u| (u, (u + 1) % n, 1000 + (u as i64 % 7))).collect();
        let succ = choose_group(n, &edges);
        assert!(find_cycle(&succ).is_none());
        assert_eq!(succ.iter().flatten().count(), n - 1);
    }
}
