//! unweave turns scraped newspaper pages back into articles.
//!
//! The pipeline, one module per stage:
//! [`read`] (decode, lines) → [`blocks`] (markup, unwrap hard-wrapped columns) →
//! [`classify`] (roles by rules; [`pieces`] on e-paper pages) → [`joins`] (fragments, continuity graph of scored joins; [`streams`] for boxes read across line by line) →
//! [`solve`] (choose joins globally; turn a paragraph's start printed after its continuation) → [`grid`] (re-read boxes scraped cell by cell) → [`headers`] (give each article its headline; a chain with no header goes on from the article it speaks of) → [`assemble`] (articles) → [`output`] (JSON, Markdown,
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
pub mod hmm;
pub mod joins;
pub mod output;
pub mod pieces;
pub mod read;
pub mod rules;
pub mod solve;
pub mod streams;
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

/// Times a page is read again with the leads whose headers went to other articles freed (a
/// second reading can place a header elsewhere in turn; on 300 generated cells pages one
/// round: 0.5508 exact, two: 0.5520, three: no change).
const UNLEAD_ROUNDS: usize = 2;

/// Extracts the articles of a decoded page.
pub fn extract(page: &Page, rules: &Rules, opts: Options) -> Extraction {
    let layout = blocks::detect_layout(page, rules);
    let blocks = blocks::blocks(page, rules, layout);
    let cells = grid::cell_scrape(page, rules);
    let (classified, mut continuity, mut succ) = if cells {
        // a page read cell by cell: its articles are re-read as grids of cells, and short lines
        // that are cells' cut ends are text, not headlines
        pieces::read_cells(blocks, rules)
    } else {
        pieces::read_streams(blocks, rules)
    };
    let mut placement = headers::place(&classified, &continuity, &succ, rules);
    free_leads(&classified, &mut continuity, &mut succ, &mut placement, cells, rules);
    let turned = solve::turn_pairs(&continuity, &mut succ, rules);
    if !turned.is_empty() {
        placement = headers::place(&classified, &continuity, &succ, rules);
    }
    // a headline no article took may name the tail of a chain: two articles glued there
    let cuts = headers::cut_named_tails(&classified, &continuity, &mut succ, &placement, rules);
    if !cuts.is_empty() {
        placement = headers::place(&classified, &continuity, &succ, rules);
        for (b, f) in cuts {
            let line = classified[continuity.fragments[f].block].block.first_line();
            let note = placement.notes.entry(b).or_default();
            *note = format!("named the text from line {line} on, which a chain had glued to the text before it (cut there); {note}");
        }
    }
    let inserted = solve::insert_closers(&continuity, &mut succ);
    let adopted = headers::adopt_headless(&continuity, &mut succ, &placement, rules);
    let (articles, leftovers) = assemble::assemble(&classified, &continuity, &succ, &placement, rules, opts.explain);
    let fragments = if opts.explain { assemble::fragment_notes(&classified, &continuity, &succ, &adopted, &turned, &inserted) } else { vec![] };
    let headers = if opts.explain { assemble::header_notes(&classified, &placement) } else { vec![] };
    Extraction { layout, encoding: page.encoding.to_string(), articles, leftovers, fragments, headers }
}

/// A lead whose header went to another article opens none: the page is read again with it
/// free to go on from a cut text, and the headers placed again (a headline printed after the
/// byline-led lead it belongs to stands over the next cell, which the headline made a lead).
fn free_leads(classified: &[classify::Classified], continuity: &mut joins::Continuity, succ: &mut solve::Succ, placement: &mut headers::Placement, cells: bool, rules: &Rules) {
    for _ in 0..UNLEAD_ROUNDS {
        let unled = headers::leads_without_heads(classified, continuity, placement);
        if unled.is_empty() {
            break;
        }
        for &f in &unled {
            continuity.fragments[f].lead = false;
            continuity.fragments[f].header_elsewhere = true;
        }
        // (on a page read cell by cell every join is scored again, its topics read over the
        // chains the grid stage re-read, which read better than the ones it was scored with:
        // generated cells pages 0.537 exact scoring the freed leads' joins alone, 0.551 all;
        // elsewhere the chains are the solver's own, and only the joins into the freed leads
        // are new)
        let ctx = joins::Contexts::from_chains(succ, 4);
        joins::score_joins_into(continuity, classified, rules, &ctx, (!cells).then_some(&unled[..]));
        if !cells && !continuity.joins_into(&unled) {
            // no join into them beats leaving its tail open: the choice stands
            break;
        }
        *succ = solve::choose(continuity);
        if cells {
            grid::regrid(continuity, succ, rules);
        }
        *placement = headers::place(classified, continuity, succ, rules);
    }
}

/// Extracts the articles of a page given as text.
pub fn extract_text(text: &str, rules: &Rules) -> Extraction {
    extract(&Page::from_text(text), rules, Options::default())
}
