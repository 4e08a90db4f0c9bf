//! Prints the blocks and roles of a page, for debugging the unwrap and classify stages:
//! `cargo run --example blocks -- PAGE`.
use std::io::Write;

use unweave::{blocks, classify, Page, Rules};

fn main() {
    // a closed pipe (`| head`) ends the listing quietly
    let _ = run();
}

fn run() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let path = std::env::args().nth(1).expect("usage: blocks PAGE");
    let text = std::fs::read_to_string(&path).expect("readable page");
    // (RULES=DIR reads the rules from a folder over the embedded ones, as `--rules` does)
    let rules = match std::env::var_os("RULES") {
        Some(dir) => Rules::load(Some(std::path::Path::new(&dir))).expect("readable rules"),
        None => Rules::embedded(),
    };
    let page = Page::from_text(&text);
    let layout = blocks::detect_layout(&page, &rules);
    writeln!(out, "layout: {layout:?}")?;
    let bs = blocks::blocks(&page, &rules, layout);
    if std::env::var_os("BLOCKS_RAW").is_some() {
        for b in &bs {
            let lines: Vec<usize> = b.pieces.iter().map(|p| p.line).collect();
            writeln!(out, "raw {:?} {}", lines, b.text().chars().take(40).collect::<String>())?;
        }
    }
    for c in classify::classify(bs, &rules) {
        let lines: Vec<usize> = c.block.pieces.iter().map(|p| p.line).collect();
        let text: String = c.block.text().chars().take(40).collect();
        writeln!(out, "{:>4}-{:<4} {:?} {} [{}]", lines[0], lines[lines.len() - 1], c.role, text, c.why)?;
    }
    Ok(())
}
