//! How well one text reads on into another, by a language model of Chinese: the jieba
//! project's character-level part-of-speech HMM (trained on the People's Daily corpus; its
//! states are a character's position in a word, B M E S, and the word's part of speech).
//!
//! The dictionary ([`crate::dict`]) tells whether a word runs across a cut; the HMM also
//! tells whether the words on either side follow each other: 大家都说|了很多 reads on (a verb,
//! then its aspect particle), 在服务时|了很多 does not. The evidence is the pointwise
//! mutual information of the two sides, `ln P(ab) - ln P(a) - ln P(b)`, over the last few
//! Han characters of the tail and the first few of the head.
//!
//! Each tail's forward probabilities are pushed through the transitions once
//! ([`Tail`]), each head's backward probabilities are taken once ([`Head`]); a pair then costs
//! one sum over the head's first character's states.

use std::sync::OnceLock;

const STATES: usize = 256;

/// The model, in probabilities (not logs): the texts scored are a few characters long, far
/// from underflow.
struct Model {
    start: Vec<f64>,
    /// `trans[from * 256 + to]`
    trans: Vec<f64>,
    chars: Vec<u32>,
    offsets: Vec<u32>,
    states: Vec<u8>,
    emits: Vec<f64>,
    /// What a character the model never saw may be: any state a text may start in, each with a
    /// small emission probability.
    unknown: Vec<(u8, f64)>,
}

static BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/posseg.bin"));

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut at = 0usize;
        let mut u32s = |n: usize| -> Vec<u32> {
            let v = BIN[at..at + 4 * n].chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
            at += 4 * n;
            v
        };
        let n = u32s(1)[0] as usize;
        let probs = |v: Vec<u32>| -> Vec<f64> { v.into_iter().map(|b| f64::from(f32::from_bits(b)).exp()).collect() };
        let start = probs(u32s(STATES));
        let trans = probs(u32s(STATES * STATES));
        let chars = u32s(n);
        let offsets = u32s(n + 1);
        let m = *offsets.last().unwrap_or(&0) as usize;
        let states = BIN[at..at + m].to_vec();
        at += m;
        let emits = BIN[at..at + 4 * m].chunks_exact(4).map(|b| f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]])).exp()).collect();
        let unknown = (0..STATES).filter(|&s| start[s] > 0.0).map(|s| (s as u8, (-12.0f64).exp())).collect();
        Model { start, trans, chars, offsets, states, emits, unknown }
    })
}

impl Model {
    /// The states a character may take, with the probability of each emitting it.
    fn states(&self, c: char) -> impl Iterator<Item = (u8, f64)> + '_ {
        let (a, b) = match self.chars.binary_search(&(c as u32)) {
            Ok(i) => (self.offsets[i] as usize, self.offsets[i + 1] as usize),
            Err(_) => (0, 0),
        };
        let unknown = if a == b { &self.unknown[..] } else { &[] };
        self.states[a..b].iter().copied().zip(self.emits[a..b].iter().copied()).chain(unknown.iter().copied())
    }

    fn t(&self, from: usize, to: usize) -> f64 {
        self.trans[from * STATES + to]
    }
}

/// A tail, ready to be read on from: `P(tail)` and, for every state, the probability of the
/// tail followed by a character in that state (before its emission).
#[derive(Debug, Clone)]
pub struct Tail {
    next: Vec<f64>,
    p: f64,
}

/// A head, ready to be read on into: `P(head)` and, for each state its first character may
/// take, the probability of the head given that state.
#[derive(Debug, Clone)]
pub struct Head {
    first: Vec<(u8, f64)>,
    p: f64,
}

impl Tail {
    /// `None` for a text without characters or that the model cannot read.
    pub fn new(text: &[char]) -> Option<Tail> {
        let m = model();
        let (&c0, rest) = text.split_first()?;
        // the forward probabilities of the states the last character read may be in
        let mut alpha: Vec<(usize, f64)> = m.states(c0).map(|(s, e)| (s as usize, m.start[s as usize] * e)).filter(|&(_, a)| a > 0.0).collect();
        for &c in rest {
            alpha = m.states(c).map(|(d, e)| (d as usize, alpha.iter().map(|&(s, a)| a * m.t(s, d as usize)).sum::<f64>() * e)).filter(|&(_, a)| a > 0.0).collect();
        }
        let p: f64 = alpha.iter().map(|&(_, a)| a).sum();
        if p <= 0.0 {
            return None;
        }
        let mut next = vec![0.0; STATES];
        for &(s, a) in &alpha {
            let row = &m.trans[s * STATES..(s + 1) * STATES];
            next.iter_mut().zip(row).for_each(|(n, t)| *n += a * t);
        }
        Some(Tail { next, p })
    }
}

impl Head {
    /// `None` for a text without characters or that the model cannot read.
    pub fn new(text: &[char]) -> Option<Head> {
        let m = model();
        let (&last, _) = text.split_last()?;
        // backward: the probability of the rest of the head given each state of a character
        let mut beta: Vec<(u8, f64)> = m.states(last).collect();
        for &c in text.iter().rev().skip(1) {
            beta = m.states(c).map(|(s, e)| (s, e * beta.iter().map(|&(d, b)| m.t(s as usize, d as usize) * b).sum::<f64>())).collect();
        }
        let p: f64 = beta.iter().map(|&(s, b)| m.start[s as usize] * b).sum();
        (p > 0.0).then_some(Head { first: beta, p })
    }
}

/// How much likelier the tail and the head are read as one text than as two, in nats
/// (`ln P(ab) - ln P(a) - ln P(b)`); `None` when the model finds no reading across.
pub fn reads_on(tail: &Tail, head: &Head) -> Option<f64> {
    let joint: f64 = head.first.iter().map(|&(d, b)| tail.next[d as usize] * b).sum();
    (joint > 0.0).then(|| joint.ln() - tail.p.ln() - head.p.ln())
}

/// [`reads_on`] for the last Han characters of `a` and the first of `b` (four of each).
pub fn reads_on_text(a: &str, b: &str) -> Option<f64> {
    let t: Vec<char> = crate::text::han_tail(a, 4).chars().collect();
    let h: Vec<char> = crate::text::han_head(b, 4).chars().collect();
    reads_on(&Tail::new(&t)?, &Head::new(&h)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pmi(a: &str, b: &str) -> f64 {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        reads_on(&Tail::new(&a).unwrap(), &Head::new(&b).unwrap()).unwrap()
    }

    #[test]
    fn a_verb_reads_on_into_its_particle_and_a_noun_does_not() {
        // (说了 is a verb and its aspect particle; 时了 reads as nothing)
        assert!(pmi("大家都说", "了很多") > pmi("在服务时", "了很多") + 2.0);
    }

    #[test]
    fn a_word_cut_in_two_reads_on() {
        assert!(pmi("图书", "馆开放") > pmi("图书", "今年的"));
        assert!(pmi("全面建", "成小康") > pmi("全面建", "站起来"));
    }

    #[test]
    fn the_model_matches_the_jieba_tables() {
        // 一 opens a word as a numeral (B, tag m) with jieba's start probability
        let m = model();
        assert!(m.states('一').any(|(s, _)| s as usize == 22));
        assert!((m.start.iter().sum::<f64>() - 1.0).abs() < 1e-3);
        let row: f64 = (0..STATES).map(|d| m.t(22, d)).sum();
        assert!((row - 1.0).abs() < 1e-3, "{row}");
        // a character the model never saw still reads, with a small chance
        assert!(Tail::new(&['\u{9FFF}']).is_some());
    }

    #[test]
    fn an_empty_text_reads_as_nothing() {
        assert!(Tail::new(&[]).is_none());
        assert!(Head::new(&[]).is_none());
    }
}
