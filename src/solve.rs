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

fn assign(c: &Continuity, forbidden: &HashSet<(usize, usize)>) -> Vec<Option<(usize, f64)>> {
    let n = c.fragments.len();
    // rows: n tails, then n "starts"; columns: n heads, then n "ends"
    let mut m = Matrix::new(2 * n, 2 * n, FORBIDDEN);
    for u in 0..n {
        m[(u, n + u)] = 0; // u stays open / ends its article
        m[(n + u, u)] = 0; // u has no predecessor
        for v in 0..n {
            m[(n + u, n + v)] = 0;
        }
    }
    for e in c.graph.edge_references() {
        let (u, v) = (c.graph[e.source()], c.graph[e.target()]);
        if !forbidden.contains(&(u, v)) {
            m[(u, v)] = (e.weight().score * SCALE).round() as i64;
        }
    }
    let (_, cols) = kuhn_munkres(&m);
    (0..n)
        .map(|u| {
            let v = cols[u];
            (v < n && m[(u, v)] > FORBIDDEN / 2).then(|| (v, m[(u, v)] as f64 / SCALE))
        })
        .collect()
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
