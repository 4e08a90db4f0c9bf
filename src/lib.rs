//! unweave turns scraped newspaper pages back into articles.
//!
//! The pipeline, one module per stage:
//! [`read`] (decode, lines) → [`blocks`] (markup, unwrap hard-wrapped columns) →
//! [`classify`] (roles by rules) → [`joins`] (fragments, continuity graph of scored joins) →
//! [`solve`] (choose joins globally) → [`grid`] (re-read boxes scraped cell by cell) → [`headers`] (give each article its headline) → [`assemble`] (articles) → [`output`] (JSON, Markdown,
//! YAML, text). Rules are data ([`rules`]); [`eval`] scores output against gold articles.

pub mod assemble;
pub mod batch;
pub mod blocks;
pub mod check;
pub mod classify;
pub mod dict;
pub mod eval;
pub mod grid;
pub mod headers;
pub mod joins;
pub mod output;
pub mod read;
pub mod rules;
pub mod solve;
pub mod synth;
pub mod text;

pub use assemble::{Article, Extraction, Leftover};
pub use read::Page;
pub use rules::Rules;

/// Options of one extraction.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Keep the signals of every chosen join in the output.
    pub explain: bool,
}

/// Scoring passes after the first, each reading the chains the one before chose.
const REFINE_PASSES: usize = 3;

/// Extracts the articles of a decoded page.
pub fn extract(page: &Page, rules: &Rules, opts: Options) -> Extraction {
    let layout = blocks::detect_layout(page, rules);
    let blocks = blocks::blocks(page, rules, layout);
    let classified = classify::classify(blocks, rules);
    let mut continuity = joins::continuity(&classified, rules);
    let mut succ = solve::choose(&continuity);
    // later passes: compare topics with the article so far, and joins with their neighbours'
    // joins, as the previous pass reads them
    for _ in 0..REFINE_PASSES {
        let ctx = joins::Contexts::from_chains(&succ, 4);
        joins::score_joins(&mut continuity, &classified, rules, &ctx);
        succ = solve::choose(&continuity);
    }
    // a page read cell by cell across its boxes: each article re-read as a grid
    if grid::cell_scrape(page, rules) {
        grid::regrid(&mut continuity, &mut succ, rules);
    }
    let placement = headers::place(&classified, &continuity, &succ, rules);
    let (articles, leftovers) = assemble::assemble(&classified, &continuity, &succ, &placement, rules, opts.explain);
    let fragments = if opts.explain { assemble::fragment_notes(&classified, &continuity, &succ) } else { vec![] };
    let headers = if opts.explain { assemble::header_notes(&classified, &placement) } else { vec![] };
    Extraction { layout, encoding: page.encoding.to_string(), articles, leftovers, fragments, headers }
}

/// Extracts the articles of a page given as text.
pub fn extract_text(text: &str, rules: &Rules) -> Extraction {
    extract(&Page::from_text(text), rules, Options::default())
}
