//! Throughput of extraction (criterion): `cargo bench`.
//!
//! - `seed/NAME`: each bundled seed page (bytes/s);
//! - `synthetic/100-pages`: 100 pages from the synthetic generator (pages/s);
//! - `synthetic/20-cells-pages`: 20 generated e-paper pages read cell by cell, which the grid
//!   stage re-reads (pages/s);
//! - `startup/rules+dictionary`: compiling the embedded rules and the first dictionary lookup;
//! - `pathological/3000-fragments`: one page of some 3,000 fragments (940,000 bytes).
//!
//! Batch figures (a 10,000-page corpus, peak memory) come from `unweave corpus` and
//! `/usr/bin/time -v unweave extract DIR --out OUT`; see the README.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use unweave::{extract, synth, Options, Page, Rules};

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn corpus(count: u64) -> Vec<(String, String)> {
    synth::corpus(&fixtures().join("gold"), &fixtures().join("seeds"), count).expect("the bundled gold and seeds")
}

fn bench(c: &mut Criterion) {
    let rules = Rules::embedded();
    let files = corpus(100);
    let (seeds, synthetic): (Vec<_>, Vec<_>) = files.into_iter().partition(|(n, _)| !n.starts_with("synthetic/"));

    let mut g = c.benchmark_group("seed");
    for (name, text) in &seeds {
        let page = Page::from_text(text);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&name[..3]), &page, |b, p| b.iter(|| extract(p, &rules, Options::default())));
    }
    g.finish();

    let pages: Vec<Page> = synthetic.iter().map(|(_, t)| Page::from_text(t)).collect();
    let mut g = c.benchmark_group("synthetic");
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.bench_function("100-pages", |b| b.iter(|| pages.iter().map(|p| extract(p, &rules, Options::default()).articles.len()).sum::<usize>()));
    g.finish();

    // e-paper pages read cell by cell: the grid stage runs on these
    let mut golds: Vec<_> = std::fs::read_dir(fixtures().join("gold")).expect("bundled gold").map(|e| e.expect("entry").path()).collect();
    golds.sort();
    let golds = golds.iter().map(|g| unweave::eval::load_gold(g).expect("gold file"));
    let json = std::fs::read_to_string(fixtures().join("dev/articles.json")).expect("bundled dev articles");
    let pool = synth::pool(golds, synth::articles_from_json(&json).expect("dev articles parse"));
    let cells: Vec<Page> = (0..20).map(|s| Page::from_text(&synth::cells_page(&pool, s).text)).collect();
    let mut g = c.benchmark_group("synthetic");
    g.throughput(Throughput::Elements(cells.len() as u64));
    g.bench_function("20-cells-pages", |b| b.iter(|| cells.iter().map(|p| extract(p, &rules, Options::default()).articles.len()).sum::<usize>()));
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.bench_function("rules+dictionary", |b| b.iter(|| (Rules::embedded(), unweave::dict::freq("水电站"))));
    g.finish();

    // one long page: synthetic pages one after another until it holds 940,000 bytes (about
    // 3,000 fragments; by size, not by the fragments the code under test reads, so that two
    // versions of the code are timed on the same page)
    let mut text = String::new();
    for (_, t) in corpus(600).iter().filter(|(n, _)| n.starts_with("synthetic/")) {
        text.push_str(t);
        text.push('\n');
        if text.len() >= LONG_PAGE_BYTES {
            break;
        }
    }
    let fragments = extract(&Page::from_text(&text), &rules, Options { explain: true }).fragments.len();
    assert!(fragments >= 2800, "the long page has {fragments} fragments");
    eprintln!("pathological page: {} bytes, {fragments} fragments", text.len());
    let page = Page::from_text(&text);
    let mut g = c.benchmark_group("pathological");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("3000-fragments", |b| b.iter(|| extract(&page, &rules, Options::default())));
    g.finish();
}

/// The long page's size: some 3,000 fragments.
const LONG_PAGE_BYTES: usize = 940_000;

criterion_group!(benches, bench);
criterion_main!(benches);
