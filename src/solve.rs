//! Stage 5: choose joins globally. Every fragment gets at most one successor and one
//! predecessor so that the total score is highest (a maximum-weight assignment with a
//! "leave open" and a "start here" option of score 0 for every fragment), and chains
//! have no cycles: a cycle's weakest join is forbidden and the assignment solved again.

use std::collections::HashSet;

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;
use petgraph::visit::EdgeRef;

use crate::joins::Continuity;

const SCALE: f64 = 1000.0;
const FORBIDDEN: i64 = -1_000_000_000;

/// The chosen successor of each fragment, with the join's score.
pub fn choose(c: &Continuity) -> Vec<Option<(usize, f64)>> {
    let n = c.fragments.len();
    if n == 0 {
        return vec![];
    }
    let mut forbidden: HashSet<(usize, usize)> = HashSet::new();
    let mut succ = assign(c, &forbidden);
    for _round in 0..32 {
        let Some(cycle) = find_cycle(&succ) else { return succ };
        // cut the cycle where the re-solved assignment loses least
        let mut best: Option<(i64, (usize, usize), Vec<Option<(usize, f64)>>)> = None;
        for &u in cycle.iter().take(8) {
            let edge = (u, succ[u].expect("a cycle follows successors").0);
            forbidden.insert(edge);
            let s = assign(c, &forbidden);
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
        let u = cycle
            .iter()
            .copied()
            .min_by(|&a, &b| succ[a].expect("in a cycle").1.total_cmp(&succ[b].expect("in a cycle").1))
            .expect("a cycle is not empty");
        succ[u] = None;
    }
    succ
}

/// The chains the chosen joins form, each from its first fragment, in order of first
/// fragment; every step but the first carries the score of the join that led to it. `choose`
/// leaves no cycles, so every fragment is in exactly one chain.
pub fn chains(succ: &[Option<(usize, f64)>]) -> Vec<Vec<(usize, Option<f64>)>> {
    let mut has_pred = vec![false; succ.len()];
    for (v, _) in succ.iter().flatten() {
        has_pred[*v] = true;
    }
    (0..succ.len())
        .filter(|&i| !has_pred[i])
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

/// Components larger than this (in tails or heads) are solved greedily: Kuhn–Munkres is cubic.
pub const MAX_EXACT: usize = 300;

fn assign(c: &Continuity, forbidden: &HashSet<(usize, usize)>) -> Vec<Option<(usize, f64)>> {
    let n = c.fragments.len();
    // A join that does not beat leaving its tail open (score 0) is never part of the best
    // assignment, so only joins of positive score are considered; they split the page into
    // independent components (tails and heads linked by such joins), each solved on its own.
    let mut edges: Vec<(usize, usize, i64)> = c
        .graph
        .edge_references()
        .map(|e| (c.graph[e.source()], c.graph[e.target()], (e.weight().score * SCALE).round() as i64))
        .filter(|&(u, v, s)| s > 0 && !forbidden.contains(&(u, v)))
        .collect();
    edges.sort_unstable();
    // union-find over tails (0..n) and heads (n..2n)
    let mut parent: Vec<usize> = (0..2 * n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(u, v, _) in &edges {
        let (a, b) = (find(&mut parent, u), find(&mut parent, n + v));
        if a != b {
            parent[a] = b;
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<(usize, usize, i64)>> = std::collections::BTreeMap::new();
    for &e in &edges {
        let r = find(&mut parent, e.0);
        groups.entry(r).or_default().push(e);
    }
    let mut succ = vec![None; n];
    for group in groups.values() {
        let mut tails: Vec<usize> = group.iter().map(|e| e.0).collect();
        let mut heads: Vec<usize> = group.iter().map(|e| e.1).collect();
        tails.sort_unstable();
        tails.dedup();
        heads.sort_unstable();
        heads.dedup();
        if tails.len() > MAX_EXACT || heads.len() > MAX_EXACT {
            greedy(group, &mut succ);
            continue;
        }
        // rows: the tails; columns: the heads, then one "stays open" column per tail
        let (t, h) = (tails.len(), heads.len());
        let mut m = Matrix::new(t, h + t, FORBIDDEN);
        for i in 0..t {
            m[(i, h + i)] = 0;
        }
        for &(u, v, s) in group {
            let (i, j) = (tails.binary_search(&u).unwrap_or(0), heads.binary_search(&v).unwrap_or(0));
            m[(i, j)] = s;
        }
        let (_, cols) = kuhn_munkres(&m);
        for (i, &j) in cols.iter().enumerate() {
            if j < h && m[(i, j)] > 0 {
                succ[tails[i]] = Some((heads[j], m[(i, j)] as f64 / SCALE));
            }
        }
    }
    succ
}

/// Best joins first, each taken when its tail and head are still free and it closes no cycle.
fn greedy(edges: &[(usize, usize, i64)], succ: &mut [Option<(usize, f64)>]) {
    let n = succ.len();
    let mut order: Vec<&(usize, usize, i64)> = edges.iter().collect();
    order.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let mut has_pred = vec![false; n];
    // chain membership: joining u→v merges u's chain with v's; a join inside one chain is a cycle
    let mut chain: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &&(u, v, s) in &order {
        if succ[u].is_some() || has_pred[v] {
            continue;
        }
        let (a, b) = (root(&mut chain, u), root(&mut chain, v));
        if a == b {
            continue;
        }
        chain[a] = b;
        succ[u] = Some((v, s as f64 / SCALE));
        has_pred[v] = true;
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
