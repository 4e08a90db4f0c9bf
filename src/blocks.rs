//! Stage 2: lines and blocks. Strips markup from every line and groups lines into blocks:
//! one block per line on a paragraph-per-line page; on a hard-wrapped page (PDF text,
//! every visual line its own line) the lines of one paragraph are unwrapped into one block.

use crate::read::Page;
use crate::rules::{Kind, Rules};
use crate::text::{ends_sentence, strip_markup, width};

/// One piece of a block: the text one page line contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// 1-based page line number.
    pub line: usize,
    pub text: String,
}

/// A block of text: a paragraph (or a paragraph's part), a headline, a byline line ...
#[derive(Debug, Clone)]
pub struct Block {
    pub pieces: Vec<Piece>,
    /// Markdown heading level of its first line (0 = none).
    pub level: u8,
    /// Leading bullet or author mark of its first line (◆, □ ...).
    pub mark: Option<char>,
    /// Blank lines between this block and the previous non-blank line.
    pub gap_before: usize,
}

impl Block {
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
    pub fn first_line(&self) -> usize {
        self.pieces.first().map(|p| p.line).unwrap_or(0)
    }
}

/// How the page's text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// One paragraph (or paragraph fragment) per line.
    ParagraphPerLine,
    /// Every visual line of a column on its own line.
    HardWrapped,
}

struct Line {
    no: usize,
    text: String,
    level: u8,
    mark: Option<char>,
    gap: usize,
}

/// Tells a hard-wrapped page from a paragraph-per-line page by its line lengths.
pub fn detect_layout(page: &Page, rules: &Rules) -> Layout {
    let mut widths: Vec<usize> = page.lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).map(width).collect();
    if widths.len() < 12 {
        return Layout::ParagraphPerLine;
    }
    widths.sort_unstable();
    let median = widths[widths.len() / 2];
    let p90 = widths[widths.len() * 9 / 10];
    let open = page
        .lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| width(l) > 20)
        .filter(|l| !ends_sentence(l, rules))
        .count();
    // hard-wrapped text: lines of one narrow measure, most of them ending mid-sentence
    if median <= 64 && p90 <= 80 && open * 2 >= widths.len() / 2 {
        Layout::HardWrapped
    } else {
        Layout::ParagraphPerLine
    }
}

/// Builds the blocks of a page.
pub fn blocks(page: &Page, rules: &Rules, layout: Layout) -> Vec<Block> {
    let mut lines = Vec::new();
    let mut gap = 0;
    for (i, raw) in page.lines.iter().enumerate() {
        let (text, level, mark) = strip_markup(raw, rules);
        if text.is_empty() {
            gap += 1;
            continue;
        }
        lines.push(Line { no: i + 1, text, level, mark, gap });
        gap = 0;
    }
    match layout {
        Layout::ParagraphPerLine => lines.into_iter().map(single).collect(),
        Layout::HardWrapped => unwrap(lines, rules),
    }
}

fn single(l: Line) -> Block {
    Block { pieces: vec![Piece { line: l.no, text: l.text }], level: l.level, mark: l.mark, gap_before: l.gap }
}

/// Joins the visual lines of hard-wrapped paragraphs. A paragraph ends at a line that ends a
/// sentence and is short for its column, at a short line that does not end one (a title or a
/// name), before a line wider than the column, and at a blank line when blank lines are rare.
/// A line that reads as a label or headline, not as a piece of a sentence: four or more
/// characters and no clause punctuation or quote marks.
fn label_like(text: &str) -> bool {
    text.trim().chars().count() >= 4 && !text.contains(['，', '：', '、', '；', ',', ':', ';', '“', '”', '"', '（', '('])
}

fn unwrap(lines: Vec<Line>, rules: &Rules) -> Vec<Block> {
    let double_spaced = lines.iter().filter(|l| l.gap > 0).count() * 10 >= lines.len() * 7;
    let mut ws: Vec<usize> = lines.iter().map(|l| width(&l.text)).collect();
    ws.sort_unstable();
    let measure = ws.get(ws.len() * 3 / 4).copied().unwrap_or(0);
    let matches = |l: &Line, kinds: &[Kind]| kinds.iter().flat_map(|&k| rules.of(k)).any(|r| r.regex.as_ref().is_some_and(|re| re.is_match(&l.text)));
    // furniture on a line of its own; a byline, credit or dateline as wide as the column is
    // more likely the first line of a lead paragraph wrapped inside its byline
    let own_line = |l: &Line| {
        l.level > 0
            || matches(l, &[Kind::Noise, Kind::Deck])
            || (width(&l.text) + 2 < measure && matches(l, &[Kind::BylineLine, Kind::Credit, Kind::DatelineLine]))
    };
    let opens_lead = |l: &Line| rules.of(Kind::BylinePrefix).any(|r| r.regex.as_ref().is_some_and(|re| re.is_match(&l.text)));
    let mut out: Vec<Block> = Vec::new();
    let mut prev: Option<(usize, bool, bool)> = None; // (width, ends paragraph, ends sentence) of the previous line
    for l in lines {
        let w = width(&l.text);
        let short = w + 4 < measure;
        let sentence = ends_sentence(&l.text, rules);
        let starts_new = match prev {
            None => true,
            Some((pw, ended, prev_sentence)) => {
                ended
                    || (!double_spaced && l.gap > 0)
                    || w > measure + measure / 5
                    || own_line(&l)
                    || pw > measure + measure / 5
                    // after a finished sentence, a short line that finishes none is no last
                    // line of a paragraph: a headline or label printed under the text
                    || (prev_sentence && short && !sentence && label_like(&l.text))
                    // a dateline or byline opening a line opens a lead paragraph
                    || opens_lead(&l)
            }
        };
        let ends = (ends_sentence(&l.text, rules) && w + 2 < measure) || (short && !ends_sentence(&l.text, rules)) || own_line(&l);
        if starts_new || out.is_empty() {
            out.push(single(l));
        } else {
            out.last_mut().expect("not empty").pieces.push(Piece { line: l.no, text: l.text });
        }
        prev = Some((w, ends, sentence));
    }
    out
}
