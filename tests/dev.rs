//! The development set: real articles laid out and extracted with real PDF tools (style A),
//! scrape-shuffled e-paper pages (style B) and hard-wrapped pages with headlines after their
//! bodies (style C), copied from `shared/dev`. The figures are printed on every run.

mod common;

use unweave::eval::{self, ratio};

fn run() -> eval::Counts {
    common::score_all("development set", common::dev(), true)
}

/// Issue 7's target: 85% of articles exact, precision 0.98, hard pairs 0.9. Not yet met
/// (see the printed figure); run with `cargo test -- --ignored`.
#[test]
#[ignore = "target not yet met: run with --ignored to see the honest figure"]
fn dev_set_meets_the_target() {
    let t = run();
    assert!(ratio(t["articles_exact"]) >= 0.85, "articles_exact {:?}", t["articles_exact"]);
    assert!(ratio(t["precision"]) >= 0.98, "precision {:?}", t["precision"]);
    assert!(ratio(t["hard_pairs"]) >= 0.90, "hard_pairs {:?}", t["hard_pairs"]);
}

/// Regression guard just under the figures reached so far (0.739 exact, 0.957 precision,
/// 0.956 recall, 0.957 headline, 0.737 hard pairs, 0.941 authors, 1.0 datelines), so a
/// change that makes them worse fails. (Reading boxes read across line by line as streams
/// made a second article of page 504 exact: 0.696 -> 0.717 exact; the rest of that page
/// moved, precision 0.900 -> 0.896, recall 0.948 -> 0.944.) (Reading a text that opens inside a quotation as a
/// continuation made page 506 exact and set two right joins on page 507, whose reading then
/// fell apart: 507 lost two headlines, two bylines and text purity; before it the figures
/// were 0.565 exact, 0.925 precision, 0.938 recall, 0.935 headline, 0.559 hard pairs.
/// Reading page 507's unmarked deck as a deck, not text, set eight more right joins there
/// (hard pairs 0.593 -> 0.627, recall 0.926 -> 0.943), and one article's first cells now
/// stand apart from the rest of it, so the scorer matches that article to its headless part:
/// headline 0.913 -> 0.891, authors 0.857 -> 0.829. A desk's signature in brackets after a
/// dateline names no author: authors 0.829 -> 0.853. A list of names cut inside a name
/// (甲、乙、丙|丁、) runs on: page 508's first article exact, 0.717 -> 0.739; that page's photo
/// article, never exact, now reads its second caption as its own headline, and the scorer
/// matches its gold to another part of it: precision 0.896 -> 0.879, recall 0.944 -> 0.941.
/// A text opening inside a quotation goes on from a text that left one open (and less from
/// one that did not): page 505, read cell by cell, is read anew by the grid stage and its
/// letter from a cotton farmer loses its order, 0.739 -> 0.717 exact, hard pairs 0.670 ->
/// 0.619, recall 0.941 -> 0.927; page 507 finds a headline and more of its text: precision
/// 0.879 -> 0.888, headline 0.891 -> 0.913, authors 0.853 -> 0.882, datelines 0.929 ->
/// 0.964. The generated scrape and cells pages gain 0.03 and 0.02 exact. Moving a run of a
/// chain's fragments to another chain at once, not only one fragment, reads page 505's first
/// two articles whole (0.717 -> 0.761 exact, precision 0.888 -> 0.904, hard pairs 0.619 ->
/// 0.661, headline 0.913 -> 0.935, datelines 0.964 -> 1.0); that page's last article keeps
/// one cell and its trailing byline apart, so the scorer matches no byline to it: authors
/// 0.882 -> 0.853. A fragment cut inside a paragraph ends its cell, so a grid reading only
/// chooses cuts elsewhere; that made readings five times cheaper and let chains of up to 22
/// fragments be read as grids: page 505's second article loses its last paragraph to a
/// neighbour, 0.761 -> 0.739 exact, hard pairs 0.661 -> 0.636, headline 0.935 -> 0.913, and
/// the rest rises: precision 0.904 -> 0.907, recall 0.927 -> 0.932, authors 0.853 -> 0.882;
/// the generated cells pages gain 0.09 exact. A dictionary word across a cut counts only where
/// the likeliest reading of the characters around it puts a word there (某县防总|库区 holds
/// 总库, but reads 防总 / 库区): the false word evidence between texts of a page falls from 6.5%
/// of pairs to 1.9%, the true from 43% to 40%. Precision 0.907 -> 0.921, recall 0.932 ->
/// 0.945, and the generated pages gain 0.03-0.05 exact read cell by cell or across (scrape
/// +0.008); page 508's first article had run on by a chance word (a noun|和 holds a word like 维和) and
/// now loses its order: 0.739 -> 0.717 exact, hard pairs 0.636 -> 0.593. A text whose opening
/// completes a word another text was cut in weighs less after a finished paragraph: page 505,
/// read cell by cell, has a second article whole, 0.717 -> 0.739 exact, hard pairs 0.593 -> 0.619, precision
/// 0.921 -> 0.926, recall 0.945 -> 0.941. A text opening on a particle that stands as a word
/// of its own (的支持下, 和表达能力) goes on from a cut: 0.739 -> 0.761 exact, hard pairs 0.619 ->
/// 0.653, precision 0.926 -> 0.930, recall 0.941 -> 0.943, headline 0.913 -> 0.935, authors
/// 0.882 -> 0.912. A text opening on a one-character word that opens no sentence (站…, 务…)
/// is taken for the rest of a cut word: page 505, read cell by cell, loses an article again
/// (0.761 -> 0.739 exact, hard pairs 0.653 -> 0.644), while the generated scrape pages gain
/// 0.017 exact, the cells pages 0.030, the displaced-header pages 0.017, boxes read across
/// 0.006. A cut text goes on into the head a part-of-speech language model reads it on into
/// (我们说|了, not 时|了): page 507 sets thirteen more right joins of its 30 and keeps its text apart from
/// its neighbours' (hard pairs 0.644 -> 0.729, precision 0.931 -> 0.957, recall 0.944 ->
/// 0.956, headline 0.935 -> 0.957, authors 0.912 -> 0.941), the same articles exact. A
/// number goes on with its unit (福建等11|个省), and hardly into another word: page 504 sets
/// one more join across its boxes read line by line, hard pairs 0.729 -> 0.737. A lone mark
/// (。 cut from the sentence it ends) is no finished paragraph to open one after: page 505's
/// cooperative article whole, 0.739 -> 0.761 exact. A lead whose header went to another
/// article (a headline printed after the byline-led lead it belongs to, over the next cell) is
/// read again as free to go on from a cut text: page 507 sets two articles whole and page 508
/// one, while page 505's second article takes a cell of its neighbour's (0.761 -> 0.804 exact,
/// hard pairs 0.737 -> 0.788, precision 0.957 -> 0.974, recall 0.956 -> 0.973, headline 0.957
/// -> 0.978, authors 0.941 -> 0.971); the guard rose with it. A photo caption marking where
/// its man stands (某某(中)在…) is text, not a headline: page 508's photo story keeps its
/// captions and cells together, hard pairs 0.788 -> 0.805, precision 0.974 -> 0.979, recall
/// 0.973 -> 0.979.)
#[test]
fn dev_set_does_not_regress() {
    let t = run();
    assert!(ratio(t["articles_exact"]) >= 0.80, "articles_exact {:?}", t["articles_exact"]);
    assert!(ratio(t["precision"]) >= 0.97, "precision {:?}", t["precision"]);
    assert!(ratio(t["recall"]) >= 0.97, "recall {:?}", t["recall"]);
    assert!(ratio(t["headline"]) >= 0.97, "headline {:?}", t["headline"]);
    assert!(ratio(t["hard_pairs"]) >= 0.78, "hard_pairs {:?}", t["hard_pairs"]);
    assert!(ratio(t["authors"]) >= 0.96, "authors {:?}", t["authors"]);
    assert!(ratio(t["dateline"]) >= 0.99, "dateline {:?}", t["dateline"]);
}

/// The cuts' language model (`cut_reads_on`) keeps the texts of real pages apart: read without
/// it, the development set loses 0.02 of its precision and 0.05 of its hard pairs at least
/// (0.957 and 0.737 with it, 0.931 and 0.653 without).
#[test]
fn the_language_model_keeps_real_pages_apart() {
    let (with, without) = common::dev_with_and_without("cut_reads_on", 0.0);
    let (pw, po, hw, ho) = (ratio(with["precision"]), ratio(without["precision"]), ratio(with["hard_pairs"]), ratio(without["hard_pairs"]));
    println!("cut_reads_on, development set: precision {pw:.3} with, {po:.3} without; hard pairs {hw:.3}, {ho:.3}");
    assert!(pw >= po + 0.02 && hw >= ho + 0.05, "precision {pw} against {po}, hard pairs {hw} against {ho}");
}

/// The development pages as an extractor that prints no blank lines would print them
/// (pdftotext and PyMuPDF print a text layer's lines one after another): three hard-wrapped
/// pages part their boxes with blank lines, and without them only widths and text tell the
/// boxes apart. Guard just under the figures reached so far: 0.761 exact, 0.965 precision,
/// 0.961 recall (0.696, 0.948, 0.944 until a lead whose header went to another article was
/// read again as free to go on from a cut; 0.652, 0.947, 0.944 until a folio line read between two lines of a
/// paragraph stopped opening a paragraph on pages that indent; 0.630, 0.936, 0.938 until a
/// column's measure changing for good started a box after a line cut mid-sentence; with
/// their blank lines 0.804, 0.974, 0.973).
#[test]
fn dev_pages_without_blank_lines_do_not_regress() {
    let pages = common::dev().into_iter().map(|(name, text, gold)| (name, text.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n"), gold));
    let t = common::score_all("development set, no blank lines", pages, true);
    assert!(ratio(t["articles_exact"]) >= 0.75, "articles_exact {:?}", t["articles_exact"]);
    assert!(ratio(t["precision"]) >= 0.96, "precision {:?}", t["precision"]);
    assert!(ratio(t["recall"]) >= 0.955, "recall {:?}", t["recall"]);
}
