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
    for _round in 0..64 {
        let succ = assign(c, &forbidden);
        match find_cycle(&succ) {
            None => return succ,
            Some(cycle) => {
                let weakest = cycle
                    .iter()
                    .map(|&u| (u, succ[u].expect("a cycle follows successors")))
                    .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1))
                    .expect("a cycle is not empty");
                forbidden.insert((weakest.0, weakest.1 .0));
            }
        }
    }
    // give up on optimality: cut every remaining cycle at its weakest join
    let mut succ = assign(c, &forbidden);
    while let Some(cycle) = find_cycle(&succ) {
        let u = cycle
            .iter()
            .copied()
            .min_by(|&a, &b| succ[a].unwrap().1.total_cmp(&succ[b].unwrap().1))
            .expect("a cycle is not empty");
        succ[u] = None;
    }
    succ
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
