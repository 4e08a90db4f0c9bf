//! Compiles the word list in `data/words.txt` into an FST map at build time, so the binary
//! carries a ready, zero-copy dictionary and start-up does no parsing.
use std::{env, fs, path::PathBuf};

fn main() {
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
