//! Prints one generated page and its gold: `cargo run --example synth_page -- SEED [pdf|pdf-tight|pdf-flat|boxes|boxes-tight|boxes-flat|across|cells|cells-marked|cells-plain|cells-displaced]`;
//! with a third argument DIR, writes pages 0..SEED and their gold into DIR/pages and DIR/gold
//! for `unweave eval --verbose`.
use unweave::synth::{self, Spacing, Style, SynthPage};

fn main() {
    let mut args = std::env::args().skip(1);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let printing = args.next().unwrap_or_default();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut golds: Vec<_> = std::fs::read_dir(root.join("gold")).expect("gold").map(|e| e.expect("entry").path()).collect();
    golds.sort();
    let golds = golds.iter().map(|g| unweave::eval::load_gold(g).expect("gold file"));
    let json = std::fs::read_to_string(root.join("dev/articles.json")).expect("articles.json");
    let pool = synth::pool(golds, synth::articles_from_json(&json).expect("articles"));
    let make = |s: u64| -> SynthPage {
        match printing.as_str() {
            "cells" => synth::cells_page(&pool, s),
            "cells-marked" => synth::cells_page_marked(&pool, s, true),
            "cells-plain" => synth::cells_page_marked(&pool, s, false),
            "cells-displaced" => synth::cells_page_displaced(&pool, s),
            "pdf" => synth::page_with(&pool, s, Style::PDF),
            "boxes" => synth::page_with(&pool, s, Style::PDF_BOXES),
            "pdf-tight" => synth::page_with(&pool, s, Style::PDF.spaced(Spacing::Boxes)),
            "pdf-flat" => synth::page_with(&pool, s, Style::PDF.spaced(Spacing::Single)),
            "boxes-tight" => synth::page_with(&pool, s, Style::PDF_BOXES.spaced(Spacing::Boxes)),
            "boxes-flat" => synth::page_with(&pool, s, Style::PDF_BOXES.spaced(Spacing::Single)),
            "across" => synth::across_page(&pool, s),
            _ => synth::page_with(&pool, s, Style::SCRAPE),
        }
    };
    if let Some(dir) = args.next() {
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir.join("pages")).expect("pages folder");
        std::fs::create_dir_all(dir.join("gold")).expect("gold folder");
        for s in 0..seed {
            let p = make(s);
            std::fs::write(dir.join("pages").join(&p.gold.source), &p.text).expect("page written");
            std::fs::write(dir.join("gold").join(format!("{s:04}.yaml")), serde_saphyr::to_string(&p.gold).unwrap_or_default()).expect("gold written");
        }
        return;
    }
    let p = make(seed);
    print!("{}", p.text);
    eprintln!("{}", serde_saphyr::to_string(&p.gold).unwrap_or_default());
}
