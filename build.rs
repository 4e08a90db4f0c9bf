//! Compiles the word list in `data/words.txt` into an FST map at build time, so the binary
//! carries a ready, zero-copy dictionary and start-up does no parsing; and the part-of-speech
//! HMM in `data/posseg.txt` into flat little-endian tables (see `src/hmm.rs`).
use std::{collections::BTreeMap, env, fs, path::PathBuf};

fn main() {
    words();
    posseg();
}

/// The HMM's tables: 256 start log-probabilities, 256x256 transition log-probabilities (from
/// state by to state), then the characters it knows (sorted code points), each one's range in
/// the state list (n + 1 offsets), the states (one byte each) and their emission
/// log-probabilities. A state is position * 64 + tag; an absent value is -inf.
fn posseg() {
    let src = "data/posseg.txt";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).expect("data/posseg.txt is part of the source tree");
    let state = |s: &str| -> usize {
        let (p, t) = s.split_once(',').expect("a state is position,tag");
        p.trim().parse::<usize>().unwrap() * 64 + t.trim().parse::<usize>().unwrap()
    };
    let mut start = vec![f32::NEG_INFINITY; 256];
    let mut trans = vec![f32::NEG_INFINITY; 256 * 256];
    let mut emit: BTreeMap<(char, usize), f32> = BTreeMap::new();
    let mut states: BTreeMap<char, Vec<usize>> = BTreeMap::new();
    let mut section = "";
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if line.starts_with('@') {
            section = line.trim();
            continue;
        }
        match section {
            "@START" => {
                let (s, v) = line.rsplit_once(',').unwrap();
                start[state(s)] = v.parse().unwrap();
            }
            "@TRANS" | "@EMIT" => {
                let mut parts = line.split('|');
                let from = state(parts.next().unwrap());
                for item in parts {
                    let (key, v) = item.rsplit_once(',').unwrap();
                    if section == "@TRANS" {
                        trans[from * 256 + state(key)] = v.parse().unwrap();
                    } else if let Some(c) = key.chars().next() {
                        emit.insert((c, from), v.parse().unwrap());
                    }
                }
            }
            "@CHAR_STATE" => {
                let mut parts = line.split('|');
                let Some(c) = parts.next().and_then(|c| c.chars().next()) else { continue };
                states.insert(c, parts.map(state).collect());
            }
            _ => {}
        }
    }
    let mut out: Vec<u8> = Vec::new();
    let f32s = |out: &mut Vec<u8>, xs: &[f32]| xs.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    out.extend_from_slice(&(states.len() as u32).to_le_bytes());
    f32s(&mut out, &start);
    f32s(&mut out, &trans);
    let (mut offsets, mut list, mut emits) = (vec![0u32], Vec::new(), Vec::new());
    for (c, ss) in &states {
        out.extend_from_slice(&(*c as u32).to_le_bytes());
        for &s in ss {
            list.push(s as u8);
            // (a state the character may take but never seen emitting it: a small chance)
            emits.push(emit.get(&(*c, s)).copied().unwrap_or(-12.0));
        }
        offsets.push(list.len() as u32);
    }
    offsets.iter().for_each(|o| out.extend_from_slice(&o.to_le_bytes()));
    out.extend_from_slice(&list);
    f32s(&mut out, &emits);
    fs::write(PathBuf::from(env::var("OUT_DIR").unwrap()).join("posseg.bin"), out).unwrap();
}

fn words() {
    let src = "data/words.txt";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).expect("data/words.txt is part of the source tree");
    let mut words: Vec<(&str, u64)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (w, f) = l.split_once('\t')?;
            Some((w, f.trim().parse().ok()?))
        })
        .collect();
    words.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    words.dedup_by(|a, b| a.0 == b.0);
    // the corpus size, for the unigram probabilities of `dict::logp`
    let total: u64 = words.iter().map(|w| w.1).sum();
    println!("cargo:rustc-env=UNWEAVE_WORDS_TOTAL={total}");
    let map = fst::Map::from_iter(words).expect("sorted, unique keys");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("words.fst");
    fs::write(out, map.as_fst().as_bytes()).unwrap();
}
