//! Stage 2: lines and blocks. Strips markup from every line and groups lines into blocks:
//! one block per line on a paragraph-per-line page; on a hard-wrapped page (PDF text,
//! every visual line its own line) the lines of one paragraph are unwrapped into one block.

use crate::read::Page;
use crate::rules::{Kind, Rules};
use crate::text::{ends_sentence, is_han, other_measure, same_measure, strip_markup, width};
use rustc_hash::FxHashSet;

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
    /// A hard-wrapped block of several lines whose last line fills its column without ending a
    /// sentence: running text cut at the column's foot, never a headline.
    pub runs_on: bool,
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
    /// Set out with a space between every character (a justified line as pdfminer prints
    /// it); the spaces are gone from `text`, and the line counts as full.
    spaced: bool,
    /// Width as printed: the spaces an extractor shows around digits stand for the spacing
    /// the setter put there, so they count.
    width: usize,
    level: u8,
    mark: Option<char>,
    gap: usize,
}

/// Half-width cells a line must exceed to count as a column's line cut mid-sentence when a
/// layout is told (fewer where the page's lines are narrower).
const OPEN_LINE_MIN_CELLS: usize = 20;

/// Tells a hard-wrapped page from a paragraph-per-line page by its line lengths.
pub fn detect_layout(page: &Page, rules: &Rules) -> Layout {
    let mut widths: Vec<usize> = page.lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).map(width).collect();
    if widths.len() < 12 {
        return Layout::ParagraphPerLine;
    }
    widths.sort_unstable();
    let median = widths[widths.len() / 2];
    let p90 = widths[widths.len() * 9 / 10];
    // (lines long enough to be a column's: a column ten characters wide is twenty cells)
    let long = OPEN_LINE_MIN_CELLS.min(median * 2 / 3);
    let open = page.lines.iter().map(|l| l.trim()).filter(|l| width(l) > long).filter(|l| !ends_sentence(l, rules)).count();
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
        let (tidy, spaced) = tidy_spacing(&text);
        lines.push(Line { no: i + 1, width: width(&text), text: tidy, level, mark, gap, spaced });
        gap = 0;
    }
    match layout {
        Layout::ParagraphPerLine => {
            let measure = line_measure(&lines, rules);
            lines
                .into_iter()
                .map(|l| {
                    // a line as wide as the page's text lines that does not end a sentence is a
                    // line of a column cut at its edge (a text layer printed one visual line a
                    // page line), never a headline
                    let full = measure.is_some_and(|m| l.width + MEASURE_SLACK >= m && l.level == 0 && l.mark.is_none() && !ends_sentence(&l.text, rules));
                    let mut b = single(l);
                    b.runs_on = full;
                    b
                })
                .collect()
        }
        Layout::HardWrapped => {
            let (runs, decoded) = deinterleave(lines, rules);
            split_feet(runs.into_iter().flat_map(|run| unwrap(run, decoded, rules)).collect())
        }
    }
}

/// Blocks either way in which [`split_feet`] looks for the words a line break leaves cut.
const FOOT_REACH: usize = 6;

/// Texts of two columns unwrapped into one block (the foot of a column, read under the next
/// box's headline, taken for the next lines of that box's text) come apart again: a block is
/// split at its last line break that no dictionary word can be read across, while the line
/// after the break completes the cut end of a block before it (控制系|统) and the line
/// before the break completes its word with the start of a block after it (坚|持). (On 300
/// generated hard-wrapped pages 13 of the 16 splits made fall where two texts meet; the
/// other three are mended by the joins.)
fn split_feet(blocks: Vec<Block>) -> Vec<Block> {
    let tail = |text: &str| -> Vec<char> { crate::text::han_tail(text, 4).chars().collect() };
    let head = |text: &str| -> Vec<char> { crate::text::han_head(text, 4).chars().collect() };
    // each block's cut end and first word (a block ending on a mark of punctuation has none)
    let tails: Vec<Vec<char>> = blocks.iter().map(|b| b.pieces.last().map_or(vec![], |p| tail(&p.text))).collect();
    let heads: Vec<Vec<char>> = blocks.iter().map(|b| b.pieces.first().map_or(vec![], |p| head(&p.text))).collect();
    // the line each block is split before, if any
    let mut split_at: Vec<Option<usize>> = vec![None; blocks.len()];
    for (k, b) in blocks.iter().enumerate() {
        for i in (1..b.pieces.len()).rev() {
            let (t, h) = (tail(&b.pieces[i - 1].text), head(&b.pieces[i].text));
            if t.is_empty() || h.is_empty() || crate::dict::any_across(&t, &h) {
                continue;
            }
            let before = tails[k.saturating_sub(FOOT_REACH)..k].iter().any(|a| crate::dict::across(a, &h) > 0.0);
            let after = heads.iter().skip(k + 1).take(FOOT_REACH).any(|c| crate::dict::across(&t, c) > 0.0);
            if before && after {
                split_at[k] = Some(i);
                break;
            }
        }
    }
    if split_at.iter().all(Option::is_none) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len() + split_at.iter().flatten().count());
    for (mut b, at) in blocks.into_iter().zip(split_at) {
        if let Some(i) = at {
            let foot = b.pieces.split_off(i);
            let runs_on = b.runs_on;
            // (the part before the break ends on a word a block after completes: running
            // text cut at a column's foot, never a headline, however short)
            b.runs_on = true;
            out.push(b);
            out.push(Block { pieces: foot, level: 0, mark: None, gap_before: 0, runs_on });
        } else {
            out.push(b);
        }
    }
    out
}

/// Undoes extraction spacing: a line set out with a space between every character loses its
/// spaces (between a number's digits too), and a space an extractor put between a Han character and a digit
/// goes (用 5年左右 → 用5年左右). Spaces between Han words (names, headline phrases) and around
/// Latin words stay.
/// Returns the text and whether the line was set out.
pub fn tidy_spacing(text: &str) -> (String, bool) {
    let tokens: Vec<&str> = text.split(' ').collect();
    // a number is set out as one unit (10 月 14 日): the characters around numbers decide
    let number = |t: &&&str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let words = tokens.iter().filter(|t| !number(t)).count();
    let singles = tokens.iter().filter(|t| t.chars().count() == 1 && !number(t)).count();
    let spaced = tokens.len() >= 6 && words >= 4 && singles * 20 >= words * 17 && !tokens.iter().any(|t| t.is_empty());
    let cs: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in cs.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < cs.len() {
            let (a, b) = (cs[i - 1], cs[i + 1]);
            let digit = |x: char| x.is_ascii_digit();
            let wide = |x: char| !x.is_ascii();
            // (a line set out sets out a number's digits too: 1 7 日 is 17日)
            if (spaced && (wide(a) || wide(b) || (digit(a) && digit(b)))) || (is_han(a) && digit(b)) || (digit(a) && is_han(b)) {
                continue;
            }
        }
        out.push(c);
    }
    (out, spaced)
}

/// The language model's evidence across a cut is taken within these bounds (nats): no single
/// cut outweighs the columns' taking turns.
const READS_ON_MIN: f64 = -2.0;
const READS_ON_MAX: f64 = 3.0;

/// Half-width cells two lines of one column may differ by (a digit, a narrow mark).
const WIDTH_SLACK: usize = 3;

/// Half-width cells of a paragraph's indent (two full-width spaces).
pub(crate) const INDENT_CELLS: usize = 4;

/// Lines that must be read across before a page counts as boxes read side by side: at least
/// this many, and one in `ACROSS_MIN_SHARE` of the page's lines (a column read down shows a
/// word across a skipped line now and then by chance; boxes read across show it all along).
const ACROSS_MIN_LINES: usize = 4;
const ACROSS_MIN_SHARE: usize = 4;

/// Boxes printed side by side and read across, line by line (a text layer sorted by the
/// lines' height), on a hard-wrapped page: each box's lines are taken out in turn, so that
/// unwrapping joins a box's lines and not a line of one box to a line of the box beside. The
/// lines are decoded as streams ([`crate::streams`]) by the words across each line break; a
/// short line that does not end a sentence (a headline, a byline) stands alone, and a line
/// that opens with a byline prefix opens a box. Returns runs of lines to unwrap one by one
/// (the page as it is when no box is read across), and whether they are columns decoded so.
fn deinterleave(lines: Vec<Line>, rules: &Rules) -> (Vec<Vec<Line>>, bool) {
    let n = lines.len();
    if n < 2 * ACROSS_MIN_LINES {
        return (vec![lines], false);
    }
    let mut widths: Vec<usize> = lines.iter().map(|l| l.width).collect();
    widths.sort_unstable();
    let usual = widths[n * 3 / 4];
    // the narrowest box's measure: boxes of different widths read across make most lines
    // short for the widest (a quarter of the lines that run on are as narrow as it)
    let open: Vec<bool> = lines.iter().map(|l| !ends_sentence(&l.text, rules)).collect();
    let mut open_widths: Vec<usize> = lines.iter().zip(&open).filter(|(_, &o)| o).map(|(l, _)| l.width).collect();
    open_widths.sort_unstable();
    let narrow = open_widths.get(open_widths.len() / 4).copied().unwrap_or(usual).min(usual);
    // (a box's lines share its width: a width that four run-on lines share is a box's, wider
    // than most only because a narrower box runs on longer; justified, they differ by a cell
    // or two where digits and narrow marks fill them)
    let common = |w: usize| open_widths.iter().filter(|&&x| x.abs_diff(w) < WIDTH_SLACK).count() >= ACROSS_MIN_LINES;
    let lead_prefix = |t: &str| rules.matches(Kind::BylinePrefix, t);
    // (a lead's byline may break before its bracket closes: 某网某地1月18日讯记者 甲 通 | 讯员 乙）)
    let lead: Vec<bool> = lines.iter().map(|l| lead_prefix(&l.text) || lead_prefix(&format!("{}）", l.text))).collect();
    // (a line that does not end a sentence and is much shorter than the narrowest box's lines
    // or wider than most and than any box, or than any box's indented first line: a heading)
    let alone: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| l.level > 0 || l.mark.is_some() || (open[i] && !lead[i] && (l.width + 8 < narrow || (l.width > usual + 4 && !common(l.width) && !common(l.width + INDENT_CELLS)))))
        .collect();
    let tails: Vec<Vec<char>> = lines.iter().map(|l| crate::text::han_tail(&l.text, 4).chars().collect()).collect();
    let heads: Vec<Vec<char>> = lines.iter().map(|l| crate::text::han_head(&l.text, 4).chars().collect()).collect();
    let mid: Vec<bool> = lines.iter().map(|l| crate::text::starts_mid_sentence(&l.text, rules)).collect();
    let numbers: Vec<crate::text::NumberEnds> = lines.iter().map(|l| crate::text::NumberEnds::of(&l.text, rules)).collect();
    let pairs = crate::text::MarkPairs::new(rules);
    let quotes: Vec<(u32, u32)> = lines.iter().map(|l| (pairs.left_open(&l.text), pairs.opens_inside(&l.text))).collect();
    let cut = crate::joins::CutWeights::new(rules);
    // (the language model's reading across each cut, for lines that run on)
    let tails_m: Vec<Option<crate::hmm::Tail>> = tails.iter().zip(&open).map(|(t, &o)| if o { crate::hmm::Tail::new(t) } else { None }).collect();
    let heads_m: Vec<Option<crate::hmm::Head>> = heads.iter().map(|h| crate::hmm::Head::new(h)).collect();
    let (w_reads_on, w_width) = (rules.weight("stream_reads_on"), rules.weight("stream_width_differs"));
    // the words' evidence that line v goes on from line u in one column, for every pair the
    // decoder may ask for (the dictionary lookups are most of its time: each pair is read once)
    let words_of = |u: usize, v: usize| -> f64 {
        let word = if open[u] { crate::dict::across(&tails[u], &heads[v]) } else { 0.0 };
        // (a list set over lines of a column puts its marks near every line's ends, in the box
        // beside as in its own: a list cut tells nothing between lines)
        // (a span of paired marks left open on u and closed on v says they go on; a span closed
        // on v that u did not open says nothing, for a line of a paragraph may close a span a
        // line above it opened)
        let quote = crate::text::joins_span(quotes[u].0, quotes[v].1).filter(|&closes| closes);
        let split = crate::joins::Split { number: numbers[u].cut(numbers[v]), list: false, quote };
        cut.runs_on(open[u], word, 0.0, split, mid[v])
    };
    let table: Vec<[f64; crate::streams::WINDOW]> = (0..n).map(|u| std::array::from_fn(|k| if !alone[u] && u + k + 1 < n { words_of(u, u + k + 1) } else { 0.0 })).collect();
    let words = |u: usize, v: usize| -> Option<f64> { (!alone[u]).then(|| table[u][v - u - 1]) };
    // with the weaker evidence every cut gives, to decode the columns once they are shown
    let link_of = |u: usize, v: usize| -> Option<f64> {
        let words = words(u, v)?;
        // how much likelier the two sides read as one text (a column's lines are cut anywhere,
        // between words as often as inside one: the dictionary alone is silent on most cuts)
        let reads_on = match (&tails_m[u], &heads_m[v]) {
            (Some(t), Some(h)) => crate::hmm::reads_on(t, h).map_or(READS_ON_MIN, |p| p.clamp(READS_ON_MIN, READS_ON_MAX)),
            _ => 0.0,
        };
        // a column's lines share its width: a line that runs on into a line of another width
        // (neither one's paragraph ends, and the first is no paragraph's indented first line)
        // goes on into another column
        let (wu, wv) = (lines[u].width, lines[v].width);
        let differs = open[u] && open[v] && wu.abs_diff(wv) > WIDTH_SLACK && (wu + INDENT_CELLS).abs_diff(wv) > WIDTH_SLACK - 1;
        Some(words + w_reads_on * reads_on + if differs { w_width } else { 0.0 })
    };
    let costs = crate::streams::Costs::new(rules);
    let starts = |v: usize| lead[v] || alone[v];
    let beside = |i: usize, x: usize| lead[i] && lead[x] && open[i] && open[x];
    // a page read down shows no sign of boxes read across (a line whose words run on into a
    // line after the next rather than the next, two leads in a row): it is not decoded (the
    // language model reads every cut, and a heading reads badly into the text under it)
    let skip = |i: usize| {
        let next = words(i, i + 1).unwrap_or(0.0).max(0.0);
        (2..=crate::streams::MAX_STREAMS).any(|d| i + d < n && !starts(i + d) && words(i, i + d).unwrap_or(0.0) > next)
    };
    let skips = (0..n - 2).filter(|&i| skip(i)).count();
    let pairs = (0..n - 1).filter(|&i| beside(i, i + 1)).count();
    if skips + pairs * ACROSS_MIN_LINES < ACROSS_MIN_LINES {
        return (vec![lines], false);
    }
    // what a column ending on a line costs: a line cut mid-sentence runs on, its column does
    // not end there as a rule; a line short of the narrowest column that ends no sentence did
    // not run to its column's edge (a heading, a paragraph's indented first line)
    let ends = |u: usize| if open[u] && !alone[u] && lines[u].width + WIDTH_SLACK >= narrow { costs.end_cut } else { 0.0 };
    // (three streams show whether the page is read across at all, for a fraction of the time
    // six take: most pages are not)
    // (both decodings ask for the same pairs: each is read once)
    let links: Vec<[Option<f64>; crate::streams::WINDOW]> = (0..n).map(|u| std::array::from_fn(|k| if u + k + 1 < n { link_of(u, u + k + 1) } else { None })).collect();
    let link = |u: usize, v: usize| links[u][v - u - 1];
    let enough = |s: &crate::streams::Streams| s.across() >= ACROSS_MIN_LINES.max(n / ACROSS_MIN_SHARE);
    if !enough(&crate::streams::decode(n, 3, link, starts, beside, ends, costs)) {
        return (vec![lines], false);
    }
    let s = crate::streams::decode(n, crate::streams::MAX_STREAMS, link, starts, beside, ends, costs);
    if !enough(&s) {
        return (vec![lines], false);
    }
    // each stream whole, in the order of its first line; a stream starts a run of its own
    // unless it starts on the line after the last one taken, or after the last line of a run
    // that was read alone there (the box beside it had ended, and its own lines went on one
    // after another: ……某某增收。| 二、某某, the heading opening a stream of its own)
    let mut slots: Vec<Option<Line>> = lines.into_iter().map(Some).collect();
    let mut runs: Vec<Vec<Line>> = Vec::new();
    // (the line each run ends on, and whether its last two lines follow each other)
    let mut ends: Vec<usize> = Vec::new();
    let mut alone: Vec<bool> = Vec::new();
    let mut last_run: Option<usize> = None;
    for v in 0..n {
        if s.prev[v].is_some() {
            continue;
        }
        let r = match ends.iter().position(|&e| e + 1 == v) {
            Some(r) if last_run == Some(r) || alone[r] => r,
            _ => {
                runs.push(Vec::new());
                ends.push(v);
                alone.push(false);
                runs.len() - 1
            }
        };
        let mut x = Some(v);
        while let Some(y) = x {
            runs[r].push(slots[y].take().expect("each line is on one stream"));
            alone[r] = ends[r] + 1 == y;
            ends[r] = y;
            x = s.next[y];
        }
        last_run = Some(r);
    }
    (runs, true)
}

/// Marks a line may open on that close what the line before it said: a quotation's or a
/// bracket's end, clause and sentence punctuation.
const CLOSING_OPENERS: [char; 12] = ['”', '’', '）', ')', '》', '」', '，', '。', '、', '；', '！', '？'];

/// Lines of a column's foot read under the next box's headline, at most.
const FOOT_MAX_LINES: usize = 12;

/// Half-width cells a line may fall short of the page's measure and still fill its column.
const MEASURE_SLACK: usize = 4;

/// Lines it takes to tell a measure.
const MEASURE_MIN_LINES: usize = 8;

/// The measure of a page printed one visual line of its columns a page line (a PDF text
/// layer whose lines are not joined): the usual width, in half-width cells, of the lines that
/// do not end a sentence, when most of them are of one width within the slack. `None` on a
/// page of whole paragraphs a line, whose widths spread.
fn line_measure(lines: &[Line], rules: &Rules) -> Option<usize> {
    let mut w: Vec<usize> = lines.iter().filter(|l| l.level == 0 && l.width >= 20 && !ends_sentence(&l.text, rules)).map(|l| l.width).collect();
    if w.len() < MEASURE_MIN_LINES {
        return None;
    }
    w.sort_unstable();
    let median = w[w.len() / 2];
    let near = w.iter().filter(|&&x| x.abs_diff(median) <= MEASURE_SLACK).count();
    (near * 4 >= w.len() * 3).then_some(median)
}

fn single(l: Line) -> Block {
    Block { pieces: vec![Piece { line: l.no, text: l.text }], level: l.level, mark: l.mark, gap_before: l.gap, runs_on: false }
}

/// Joins the visual lines of hard-wrapped paragraphs. A paragraph ends at a line that ends a
/// sentence and is short for its column, at a short line that does not end one (a title or a
/// name), before a line wider than the column, and at a blank line when blank lines are rare.
/// A line that reads as a label or headline, not as a piece of a sentence: four or more
/// characters and no clause punctuation or quote marks.
fn label_like(text: &str) -> bool {
    text.trim().chars().count() >= 4 && !text.contains(['，', '：', '、', '；', ',', ':', ';', '“', '”', '"', '（', '('])
}

/// The kinds of a line that is a byline, credit or dateline on its own (or bare names).
const BYLINE_LINES: &[Kind] = &[Kind::BylineLine, Kind::Credit, Kind::DatelineLine, Kind::NameLine];

/// How much shorter than its column (in half-width cells) the first line of an indented
/// paragraph may be: an indent of two full-width characters, and as much again for
/// punctuation the setter squeezed.
const INDENT_MAX: usize = 8;

/// A short line with brackets: more often a photo caption (某某（中）在…), left with the text
/// around it, than a headline.
fn caption_like(text: &str) -> bool {
    text.contains(['（', '('])
}

/// A line that may be a headline: no clause punctuation (quoted words and spaced phrases are
/// common in headlines: 守护“菜篮子” 稳住好价格).
fn heading_like(text: &str) -> bool {
    text.trim().chars().count() >= 4 && !text.contains(['，', '。', '、', '；', ',', ';', '：', ':', '！', '？'])
}

/// A heading-like line whose phrases are parted by a space (某地加快建设 新区道路通车): body
/// text is set solid, so a space between two words (not around a number, not between every
/// character of a letter-spaced line) marks a headline set on the text's measure. A phrase
/// may hold a number (某地接待逾3000名游客 创新高) as long as words stand on both sides of the
/// space: an extractor's space falls before or after a number.
pub(crate) fn spaced_phrases(text: &str) -> bool {
    let t = text.trim();
    let parts: Vec<&str> = t.split([' ', '\u{3000}']).filter(|p| !p.is_empty()).collect();
    let word = |c: char| !c.is_ascii() && c.is_alphabetic() || matches!(c, '“' | '”' | '‘' | '’' | '《' | '》');
    let wordy = |p: &str| p.chars().count() >= 2 && p.chars().all(|c| word(c) || c.is_ascii_alphanumeric() || c == '.') && p.chars().filter(|c| !c.is_ascii() && c.is_alphabetic()).count() >= 2;
    // the characters either side of every space
    let words_at_space = parts.windows(2).all(|w| w[0].chars().last().is_some_and(word) && w[1].chars().next().is_some_and(word));
    heading_like(t) && (2..=3).contains(&parts.len()) && parts.iter().all(|p| wordy(p)) && words_at_space
}

/// A line that may be a headline of the form 某地：…: [`heading_like`] but for one colon.
fn titled_like(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 4 && !t.contains(['，', '。', '、', '；', ',', ';', '！', '？']) && t.chars().filter(|c| matches!(c, '：' | ':')).count() <= 1
}

/// Does `line` leave a bracket open that `next` closes within its first few characters (记者
/// 王 | 某）)? A byline's bracket closes on the names, a line or two on.
fn closes_bracket(line: &str, next: &str) -> bool {
    let depth = |t: &str| t.chars().fold(0i32, |d, c| d + i32::from(matches!(c, '（' | '(')) - i32::from(matches!(c, '）' | ')')));
    depth(line) > 0 && next.chars().take(BRACKET_RUN_ON).any(|c| matches!(c, '）' | ')')) && depth(&next.chars().take_while(|c| !matches!(c, '）' | ')')).collect::<String>()) == 0
}

/// Does the line open on a bracket it closes within its first few characters (（记者王某、李某）
/// 商务……), or that the line after it closes as soon (（记者王某 通讯员李某、| 张某） 商务……, a
/// narrow column)? After a dateline's line, that is the byline the column wrapped before its
/// bracket.
fn opens_bracket(next: &str, after: Option<&str>) -> bool {
    let t = next.trim_start();
    let closes = |s: &str, skip: usize| s.chars().skip(skip).take(BRACKET_RUN_ON).any(|c| matches!(c, '）' | ')'));
    t.starts_with(['（', '(']) && (closes(t, 1) || (!t.contains(['）', ')']) && after.is_some_and(|a| closes(a.trim_start(), 0))))
}

/// Characters of the next line within which a byline's open bracket must close.
const BRACKET_RUN_ON: usize = 16;

/// Quotation marks left open after a line of text, `open` of them being open before it.
fn quote_depth(open: i32, text: &str) -> i32 {
    crate::text::depth_after(open, text, ('“', '”'))
}

/// Book-title marks (《…》) left open after a line of text, `open` of them before it.
fn book_title_depth(open: i32, text: &str) -> i32 {
    crate::text::depth_after(open, text, ('《', '》'))
}

/// Lines on either side that set a line's column measure.
const MEASURE_REACH: usize = 20;

/// Lines either side of a line that overruns its measure that may show its box's.
const LOCAL_REACH: usize = 3;

/// Lines of one width in a row that make a column of that width.
const STRETCH_MIN: usize = 3;

/// Unwraps a run of hard-wrapped lines into paragraph blocks. `column`: the run is one
/// column of a page read across, decoded apart from the columns beside it (its top line may
/// open a paragraph with no finished one above it).
fn unwrap(lines: Vec<Line>, column: bool, rules: &Rules) -> Vec<Block> {
    let double_spaced = lines.iter().filter(|l| l.gap > 0).count() * 10 >= lines.len() * 7;
    // the column measure around each line: columns of one page differ in width, so each line
    // is compared with its neighbours:
    // a set-out line is full whatever its width: it takes its measure from the lines around
    let mut widths: Vec<usize> = lines.iter().map(|l| if l.spaced { 0 } else { l.width }).collect();
    // the width most lines before it share, most lines after it share, and most lines around
    // it share (body lines of one column are set to one width; wider headers and shorter
    // paragraph ends do not move it); at the border of two columns these differ, and the line
    // belongs to the narrowest its own width fits
    let mode = |ws: &[usize]| -> Option<usize> {
        let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for &w in ws.iter().filter(|&&w| w > 0) {
            *counts.entry(w).or_default() += 1;
        }
        // a width no three lines share sets no measure (a page head of assorted lines)
        counts.iter().max_by_key(|(w, n)| (**n, **w)).filter(|(_, n)| **n >= 3).map(|(w, _)| *w)
    };
    // on a page where blank lines are rare they part columns and boxes: a line's measure is
    // taken inside its own run of lines when the run has one, so that the next column's
    // measure does not leak across the break
    let run_start: Vec<usize> = {
        let mut start = 0;
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if !double_spaced && l.gap > 0 {
                    start = i;
                }
                start
            })
            .collect()
    };
    let run_end: Vec<usize> = {
        let mut end = lines.len();
        let mut out = vec![0; lines.len()];
        for i in (0..lines.len()).rev() {
            out[i] = end;
            if !double_spaced && lines[i].gap > 0 {
                end = i;
            }
        }
        out
    };
    // the narrowest measure a line of width `w` fits
    let fitting = |mut sides: Vec<usize>, w: usize| {
        sides.sort_unstable();
        sides.iter().copied().find(|&m| m + 2 >= w)
    };
    // a stretch of three lines or more set to one width (give or take a cell) is a column of
    // that width, however its neighbours are set: a box narrower or wider than the columns
    // around it keeps its own measure (a headline is a line or two)
    let stretch: Vec<Option<usize>> = {
        let same = |a: usize, b: usize| a > 0 && b > 0 && same_measure(a, b);
        let mut out = vec![None; widths.len()];
        let mut start = 0;
        while start < widths.len() {
            let mut end = start + 1;
            while end < widths.len() && same(widths[end], widths[start]) && same(widths[end], widths[end - 1]) {
                end += 1;
            }
            if end - start >= STRETCH_MIN {
                let m = widths[start..end].iter().copied().max().unwrap_or(0);
                out[start..end].iter_mut().for_each(|o| *o = Some(m));
            }
            start = end;
        }
        out
    };
    // on a page where blank lines part paragraphs (pdfminer's text boxes), a paragraph of
    // three lines and more whose lines but the last mostly come within two cells of their
    // median is a column of that width, though no three lines are set to one count of cells
    // (quotation marks and numbers narrow a line of a justified column, compressed 、《》
    // widen one)
    // (once a run: a page without blank lines is one run)
    let mut run_median: Vec<Option<usize>> = vec![None; widths.len()];
    let mut rs = 0;
    while rs < widths.len() {
        let re = run_end[rs];
        if !double_spaced && re - rs >= 3 {
            let mut body: Vec<usize> = widths[rs..re - 1].iter().copied().filter(|&w| w > 0).collect();
            body.sort_unstable();
            if let Some(&median) = body.get(body.len() / 2) {
                let near = body.iter().filter(|&&w| w.abs_diff(median) <= 2).count();
                if near >= 2 && near * 2 >= re - 1 - rs {
                    run_median[rs..re].fill(Some(median));
                }
            }
        }
        rs = re.max(rs + 1);
    }
    // the widths the lines around each line share: in its run before it, after it and
    // around it, its stretch, and within reach before it, after it and around it
    let around: Vec<[Option<usize>; 7]> = (0..widths.len())
        .map(|i| {
            let lo = i.saturating_sub(MEASURE_REACH);
            let hi = widths.len().min(i + MEASURE_REACH + 1);
            let (rs, re) = (run_start[i].max(lo), run_end[i].min(hi));
            [mode(&widths[rs..i]), mode(&widths[i + 1..re]), mode(&widths[rs..re]), stretch[i], mode(&widths[lo..i]), mode(&widths[i + 1..hi]), mode(&widths[lo..hi])]
        })
        .collect();
    let measures: Vec<usize> = (0..widths.len())
        .map(|i| {
            let w = widths[i];
            let [run_before, run_after, run_whole, stretch, before, after, whole] = around[i];
            if !double_spaced {
                // (a run too short for a measure on one side of the line may have one with it)
                if let Some(m) = fitting(run_before.into_iter().chain(run_after).chain(run_whole).chain(stretch).collect(), w) {
                    return m;
                }
            }
            let sides: Vec<usize> = before.into_iter().chain(after).chain(whole).chain(stretch).collect();
            let widest = sides.iter().copied().max();
            // (a line wider than every column around it, in a paragraph no three lines of
            // which share a width: the paragraph's own measure, when the line fits it)
            fitting(sides, w).or_else(|| run_median[i].and_then(|m| fitting(vec![m], w))).or(widest).unwrap_or(w)
        })
        .collect();
    // whether a column around a line is set exactly as wide as it: such a line is that
    // column's text, though it overruns a narrower column near it
    let fills_a_column: Vec<bool> = (0..widths.len()).map(|i| widths[i] > 0 && around[i].contains(&Some(widths[i]))).collect();
    // a line that overruns its measure among lines next to it that overrun theirs as far (an
    // indent's width either way), text and not headings (clause punctuation in two of them):
    // a box of a few lines among narrower columns, run on without a blank line (pdftotext
    // -raw), its measure the widest of them; headlines collected together are unpunctuated
    let measures: Vec<usize> = {
        let overruns = |k: usize| widths[k] > measures[k] + 2;
        let clause = |t: &str| t.contains(['，', '。', '、', '；', ',', ';']);
        (0..widths.len())
            .map(|i| {
                if !overruns(i) {
                    return measures[i];
                }
                let w = widths[i];
                let near: Vec<usize> = (i.saturating_sub(LOCAL_REACH)..widths.len().min(i + LOCAL_REACH + 1)).filter(|&k| k != i && overruns(k) && widths[k].abs_diff(w) <= 4).collect();
                let punctuated = near.iter().filter(|&&k| clause(&lines[k].text)).count() + usize::from(clause(&lines[i].text));
                if near.len() >= 2 && punctuated >= 2 {
                    near.iter().map(|&k| widths[k]).chain([w]).max().unwrap_or(w)
                } else {
                    measures[i]
                }
            })
            .collect()
    };
    let matches = |l: &Line, kinds: &[Kind]| kinds.iter().any(|&k| rules.matches(k, &l.text));
    // a jump marker alone on its line ((上接第3版)) is furniture whatever its width
    let whole_text = |t: &str, kinds: &[Kind]| {
        let t = t.trim();
        kinds.iter().flat_map(|&k| rules.of(k)).any(|r| r.regex.as_ref().and_then(|re| re.find(t)).is_some_and(|m| m.start() == 0 && m.end() == t.len()))
    };
    let whole_line = |l: &Line, kinds: &[Kind]| whole_text(&l.text, kinds);
    let jump_line = |l: &Line| whole_line(l, &[Kind::JumpFrom, Kind::JumpTo]);
    // a line shaped like a deck (——某某) that fills its column under a full line of text cut
    // mid-sentence (……是全省重点工程 | ——某某河大桥连接线 | 道路,总投资……): the text's dash, wrapped
    // to the line's start; a deck stands under a headline, set apart from the text
    // (as the line is printed: a line set out with spaces counts full only further down)
    let full_at = |i: usize| widths[i] + 2 >= measures[i] && widths[i] <= measures[i];
    let dash_in_text: FxHashSet<usize> = (1..lines.len())
        .filter(|&i| {
            let above = &lines[i - 1].text;
            full_at(i) && full_at(i - 1) && !ends_sentence(above, rules) && !heading_like(above) && !lines[i].spaced && rules.matches(Kind::Deck, &lines[i].text)
        })
        .map(|i| lines[i].no)
        .collect();
    // furniture on a line of its own; a byline, credit or dateline as wide as the column is
    // more likely the first line of a lead paragraph wrapped inside its byline
    let own_line = |l: &Line, measure: usize| {
        l.level > 0
            || matches(l, &[Kind::Noise])
            || (matches(l, &[Kind::Deck]) && !dash_in_text.contains(&l.no))
            || jump_line(l)
            || (l.width + 2 < measure && matches(l, &[Kind::BylineLine, Kind::Credit, Kind::DatelineLine]))
    };
    let lead_prefix = |t: &str| rules.matches(Kind::BylinePrefix, t);
    // a byline opening a lead may wrap onto the next line before its bracket closes
    // (某某网某地1月18日讯记者 甲 通 | 讯员 乙)…): the line opens a lead read with the next
    // (or a dated one that leaves its bracket open: 本报某地1月1日电（记者 王 | 某） ……, which the
    // dateline alone would take for a lead of its own)
    let wrapped_lead: FxHashSet<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| {
            let (l, next) = (&lines[i].text, &lines[i + 1].text);
            let after = lines.get(i + 2).map(|a| a.text.as_str());
            (!lead_prefix(l) || closes_bracket(l, next) || opens_bracket(next, after)) && lead_prefix(&format!("{}{}", l.trim_end(), next.trim_start()))
        })
        .map(|i| lines[i].no)
        .collect();
    let opens_lead = |l: &Line| lead_prefix(&l.text) || wrapped_lead.contains(&l.no);
    for (w, (l, &m)) in widths.iter_mut().zip(lines.iter().zip(&measures)) {
        if l.spaced {
            *w = m;
        }
    }
    // a line as wide as its column, and a line short by an indent
    let full = |i: usize| widths[i] + 2 >= measures[i];
    let indent_short = |i: usize| widths[i] + 1 < measures[i] && widths[i] + INDENT_MAX >= measures[i];
    // does the page indent its paragraphs? Lines after a paragraph's short last line are then
    // short by the indent (the extraction drops the spaces); flush pages set them full. (A
    // numbered intertitle there, 一、某某, is short of its own: it tells nothing.)
    let para_end = |i: usize| ends_sentence(&lines[i].text, rules) && widths[i] + 2 < measures[i];
    // (a column's top line, on a page read across and decoded column by column, may open a
    // paragraph as well: it is one when short by the indent)
    let (mut indented, mut flush) = (0usize, 0usize);
    for i in (if column { 0 } else { 1 })..lines.len().saturating_sub(1) {
        if (i == 0 || para_end(i - 1)) && !ends_sentence(&lines[i].text, rules) && full(i + 1) && !matches(&lines[i], &[Kind::Intertitle]) {
            let (w, m) = (widths[i], measures[i]);
            if w + 2 >= m {
                flush += usize::from(i > 0);
            } else if w + INDENT_MAX >= m {
                indented += 1;
            }
        }
    }
    // (one indented opening is enough in a decoded column: it holds a few paragraphs)
    let indents = indented > flush && (indented >= 2 || column);
    // a column-wide line that may be a headline (not set out, not opening a lead)
    let column_label: Vec<bool> = lines.iter().enumerate().map(|(i, l)| heading_like(&l.text) && !l.spaced && !opens_lead(l) && widths[i] + 4 > measures[i]).collect();
    // a column-wide heading-like line read between two lines of a paragraph that a word runs
    // across (……每天都吸 | 某县展销会人气旺盛 | 引了大量……), or that overruns the column as no line of
    // it does: a headline printed over the next box, read before the foot of the column beside
    // it; a lead with no headline of its own follows the foot
    let n = lines.len();
    let sandwiched: Vec<bool> = (0..n)
        .map(|i| {
            i > 0
                && i + 2 < n
                && column_label[i]
                && !ends_sentence(&lines[i - 1].text, rules)
                && full(i - 1)
                && (double_spaced || (lines[i].gap == 0 && lines[i + 1].gap == 0))
                && (crate::dict::spans_word(&lines[i - 1].text, &lines[i + 1].text) || widths[i] >= measures[i] + 4)
                && !crate::dict::spans_word(&lines[i - 1].text, &lines[i].text)
                && (i + 2..n.min(i + 2 + FOOT_MAX_LINES)).find(|&j| opens_lead(&lines[j])).is_some_and(|j| {
                    // (the headline names what the lead speaks of: two words' worth of it)
                    let lead: String = lines[j..n.min(j + 3)].iter().map(|l| l.text.as_str()).collect();
                    ends_sentence(&lines[j - 1].text, rules)
                        && (i + 1..j).all(|k| !own_line(&lines[k], measures[k]))
                        && crate::joins::han_bigrams(&lines[i].text).intersection(&crate::joins::han_bigrams(&lead)).count() >= 2
                })
        })
        .collect();
    // the lines from each one to the page's end are all title-like (no sentence finished in
    // them): the headlines collected at the page's end, after the last article's text
    let mut titles_to_end = vec![false; n + 1];
    titles_to_end[n] = true;
    for i in (0..n).rev() {
        let t = &lines[i].text;
        titles_to_end[i] = titles_to_end[i + 1] && !ends_sentence(t, rules) && titled_like(t) && !opens_lead(&lines[i]);
    }
    let mut out: Vec<Block> = Vec::new();
    // the previous line is heading-like, and the quotation marks left open in the last block
    let mut prev_heading = false;
    let mut block_depth = 0i32;
    // book titles (《…》) left open in the last block: a line inside one is no heading
    let mut title_depth = 0i32;
    // whether the previous line would end its paragraph but for an open quotation
    let mut prev_ends_raw = false;
    let mut prev: Option<(usize, bool, bool, bool)> = None; // (width, ends paragraph, ends sentence, wider than its column) of the previous line
                                                            // whether the block being unwrapped opened on a paragraph's indented first line
    let mut opened_indented = false;
    let n = lines.len();
    // (whether each line is a byline's first part, wrapped before its bracket closes)
    let lead_wraps_on: Vec<bool> = lines.iter().map(|l| wrapped_lead.contains(&l.no)).collect();
    // a line that reads as a byline or a bare name under line `l`: not a bare name whose first
    // character ends a word `l` leaves cut (村民们正在阅 | 读报刊: the rest of a wrapped line)
    let byline_under = |l: &Line, n: &Line| whole_line(n, BYLINE_LINES) && (whole_line(n, &[Kind::BylineLine, Kind::Credit, Kind::DatelineLine]) || !crate::dict::spans_word(&l.text, &n.text));
    // (whether each line opens a lead, and whether it is a title-like line finishing no sentence)
    let lead_at: Vec<bool> = lines.iter().map(&opens_lead).collect();
    let titled_at: Vec<bool> = lines.iter().map(|l| titled_like(&l.text) && !ends_sentence(&l.text, rules)).collect();
    // whether the lines run on under each line without a blank line (its box, when the page
    // boxes its paragraphs) are a paragraph of text: three lines and more, clause marks in
    // them (a deck or byline under a headline is a line or two)
    let text_box_below: Vec<bool> = (0..n)
        .map(|i| {
            let run: Vec<&Line> = lines[i + 1..].iter().enumerate().take_while(|(k, x)| *k == 0 || x.gap == 0).map(|(_, x)| x).take(4).collect();
            run.len() >= 3 && run.first().is_some_and(|x| x.gap == 0) && run.iter().take(3).any(|x| x.text.contains(['，', '。', '、', '；', ',', ';']))
        })
        .collect();
    let mut lines = lines.into_iter().enumerate().peekable();
    while let Some((i, l)) = lines.next() {
        // punctuation alone on a line (a closing quote the extractor wrapped on its own) belongs
        // to the line above, whatever the widths say
        // so does a line that closes a quotation the block above left open (”王师傅说: the
        // extractor broke the visual line at the quote mark)
        let in_run = double_spaced || l.gap == 0;
        // (across a blank line too, when the block above ends a quoted sentence whose closing
        // mark this line carries: pdfminer boxes ”“某某。” apart from 某某：“某某？)
        let above_ends_quoted = out.last().and_then(|b| b.pieces.last()).is_some_and(|p| ends_sentence(&p.text, rules));
        let closes_quote = (in_run || above_ends_quoted) && l.text.starts_with(['”', '’']) && !out.is_empty() && block_depth > 0;
        let dangling = crate::text::starts_mid_sentence(&l.text, rules) && l.text.chars().all(|c| !c.is_alphanumeric() && !c.is_whitespace());
        if dangling && in_run {
            if let Some(b) = out.last_mut() {
                block_depth = quote_depth(block_depth, &l.text);
                b.pieces.push(Piece { line: l.no, text: l.text });
                // the closing mark closed the quotation that kept the paragraph open
                if let Some(p) = prev.as_mut().filter(|_| block_depth == 0) {
                    p.1 = prev_ends_raw;
                }
                continue;
            }
        }
        let measure = measures[i];
        let w = widths[i];
        let short = w + 4 < measure;
        let wide = w > measure + measure / 5;
        // a line without clause punctuation that overruns its column by a character or more is
        // set apart from the text (a headline wider than the column): a line of text is set to
        // the column's width, hanging punctuation aside, and one that fits a character more by
        // compressing its punctuation (《》（）) is as wide as the column without it
        let over_heading = crate::text::solid_width(&l.text) >= measure + 2 && heading_like(&l.text) && !fills_a_column[i];
        let sentence = ends_sentence(&l.text, rules);
        let next_full = lines.peek().is_some_and(|(j, _)| full(*j));
        // a line that may be a headline (quoted words and a 某地: title are common in
        // headlines), and whether the line before it finished a sentence
        let title = !sentence && titled_like(&l.text);
        let after_sentence = prev.is_some_and(|p| p.2);
        // a headline-like line over a line that opens a lead is that article's headline
        let headline_over_lead = title && lines.peek().is_some_and(|(_, n)| opens_lead(n));
        // a heading-like line after a byline that closed the article above (a byline line
        // under a finished paragraph) heads the next article
        let after_closing_byline = out.len() >= 2 && {
            let (b, above) = (&out[out.len() - 1], &out[out.len() - 2]);
            b.pieces.len() == 1 && whole_text(&b.pieces[0].text, BYLINE_LINES) && ends_sentence(&above.pieces[above.pieces.len() - 1].text, rules)
        };
        // (a headline wrapped inside a word goes on on the next line: 村民们正在阅 | 读报刊; looked
        // up only after a closing byline)
        let headline_after_byline =
            after_closing_byline && title && !l.spaced && !lines.peek().is_some_and(|(j, n)| !full(*j) && !lead_at[*j] && !ends_sentence(&n.text, rules) && crate::dict::spans_word(&l.text, &n.text));
        // (over a lead, or over another title-like line over a lead: a kicker or headline,
        // however short of the column, and no paragraph's indented first line)
        let header_after_byline = headline_after_byline && (lead_at.get(i + 1) == Some(&true) || (titled_at.get(i + 1) == Some(&true) && lead_at.get(i + 2) == Some(&true)));
        // where a block opens (atop the page, after a finished sentence or paragraph), a
        // heading-like line over a line that opens a lead (近日，…) is a headline, however close
        // to the column's width: a paragraph's first line runs on into its second without such
        // a start
        let opens_block = prev.is_none_or(|p| p.1 || p.2);
        // (a headline of two clauses too, 某某服务好，何必等到“某节”: one clause comma, the line
        // ending on neither clause punctuation nor a sentence)
        let two_clauses = || {
            let t = l.text.trim();
            !sentence && t.chars().filter(|c| matches!(c, '，' | ',')).count() == 1 && !t.ends_with(['，', ',', '、', '；', ';', '：', ':']) && !t.contains(['。', '；', ';'])
        };
        let headline_over_opener = opens_block && (title || two_clauses()) && !l.spaced && !matches(&l, &[Kind::Intertitle]) && lines.peek().is_some_and(|(_, n)| matches(n, &[Kind::LeadOpener]));
        // after a finished sentence, a headline over a byline line or over a headline set in
        // spaced phrases (not its own second line): a line of text there would end a sentence
        let headline_over_header =
            after_sentence && title && !matches(&l, BYLINE_LINES) && lines.peek().is_some_and(|(_, n)| byline_under(&l, n) || (!n.spaced && spaced_phrases(&n.text) && !(double_spaced && n.gap == 0)));
        // a headline in phrases parted by a space, as wide as the column or not
        let phrase_heading = !l.spaced && spaced_phrases(&l.text) && !opens_lead(&l) && !matches(&l, BYLINE_LINES) && title_depth == 0;
        let next_is_punct = lines.peek().is_some_and(|(_, n)| n.text.chars().all(|c| !c.is_alphanumeric() && !c.is_whitespace()));
        let own = own_line(&l, measure);
        // a byline line under a headline, however wide, stands on its own (a column-wide one
        // may wrap on: it does not when the next line is punctuation left over, or no more of
        // it, the two lines together no byline: 通讯员某某、某某 | 裁判员们现场…)
        let byline_kinds = [Kind::BylineLine, Kind::DatelineLine];
        // (a byline whose brackets are closed and which ends on a name, not on a dateline that
        // its bracketed names follow, nor over a line that closes a bracket)
        let closed = || whole_line(&l, &[Kind::BylineLine]) && crate::text::brackets_balanced(&l.text) && !l.text.trim_end().ends_with(['、', '，', ',']);
        let no_more_of_it = |n: &Line| !n.text.chars().take(BRACKET_RUN_ON).any(|c| matches!(c, '）' | ')')) && !whole_text(&format!("{}{}", l.text.trim(), n.text.trim()), &byline_kinds);
        let byline_under_head = i > 0 && prev_heading && whole_line(&l, &byline_kinds) && (!full(i) || wide || next_is_punct || (closed() && lines.peek().is_none_or(|(_, n)| no_more_of_it(n))));
        // on a page that sets paragraphs flush, a line with no clause punctuation that falls
        // short of its column by a character and more, over a full line: a paragraph's first
        // line fills its column, a headline need not (where a block opens: the page's first
        // line, after a paragraph's end or after a finished sentence; a caption is left with
        // the text around it)
        let heading_short = !indents && !sentence && w + 2 < measure && heading_like(&l.text) && !caption_like(&l.text) && !opens_lead(&l) && !matches(&l, BYLINE_LINES)
            // (over the text, or over more headlines or a byline collected at the page's end)
            && (next_full || lines.peek().is_none_or(|(_, n)| (heading_like(&n.text) && !ends_sentence(&n.text, rules)) || byline_under(&l, n)));
        // a short line shaped like a title, under a full line of text cut off mid-clause (no
        // punctuation at its end) and over a full line, no word running across either break
        // (……某某工程装 | “某某”考试顺利落幕 | 他说……), inside a run of lines: a headline set into
        // the column where a box starts; a paragraph's last line finishes its sentence.
        // (`above_runs_on`: the line above, when it is a full line whose text runs on, ending no
        // paragraph and no sentence)
        let above_runs_on: Option<&str> = (i > 0 && full(i - 1) && prev.is_some_and(|p| !p.1 && !p.2)).then(|| out.last().and_then(|b| b.pieces.last())).flatten().map(|p| p.text.as_str());
        let title_in_run = !sentence
            && short
            && title
            && !caption_like(&l.text)
            && !opens_lead(&l)
            && !crate::text::starts_mid_sentence(&l.text, rules)
            && above_runs_on.is_some_and(|a| a.trim_end().ends_with(|c: char| c.is_alphanumeric()) && !crate::dict::spans_word(a, &l.text))
            && lines.peek().is_some_and(|(j, n)| full(*j) && (double_spaced || n.gap == 0) && !crate::dict::spans_word(&l.text, &n.text) && !crate::text::starts_mid_sentence(&n.text, rules));
        let starts_new = !closes_quote
            && match prev {
                None => true,
                Some((_, ended, prev_sentence, prev_over_wide)) => {
                    ended
                    || sandwiched[i]
                    // a line that opens on closing punctuation (”某某说。) under a heading line
                    // standing alone and short of the column: no headline runs on into it, the
                    // text it ends stands elsewhere (a text layer that boxed the column's top
                    // line with the headline over it); a line of text fills its column
                    || (prev_heading && i > 0 && !full(i - 1) && out.last().is_some_and(|b| b.pieces.len() == 1) && l.text.trim_start().starts_with(CLOSING_OPENERS))
                    || title_in_run
                    // (a byline wrapped before its bracket closes reads on across a box's end)
                    || (!double_spaced && l.gap > 0 && !(i > 0 && lead_wraps_on[i - 1]))
                    || wide
                    || own
                    // (a lead wrapped before its bracket closes runs on, however wide its line)
                    || (prev_over_wide && !(i > 0 && lead_wraps_on[i - 1]))
                    // a sentence finished where the column's measure changes: the text goes on
                    // in another box (a line of this box would have been set to its width)
                    || (prev_sentence && i > 0 && other_measure(measures[i - 1], measure))
                    // where the column's measure changes for good (the next two lines keep the
                    // new one) on a line that fills the new measure (but for an indent) and is
                    // set to another width than the line before it, another box starts, even
                    // after a foot that ends mid-sentence: a line of the same text would have
                    // been set to the old column's width
                    || (i > 0 && other_measure(measures[i - 1], measure) && other_measure(widths[i - 1], w) && (full(i) || indent_short(i)) && measures.get(i + 1) == Some(&measure) && measures.get(i + 2) == Some(&measure))
                    // after a finished sentence, a short line that finishes none is no last
                    // line of a paragraph: a headline or label printed under the text, quoted
                    // words and a 某地: title included (a short line with brackets there is
                    // more often a photo caption, 某某（中）在…, left with the text around it),
                    // or an author's name closing the article (张某某)
                    || (prev_sentence && short && !sentence && (label_like(&l.text) || whole_line(&l, &[Kind::NameLine]) || (title && !caption_like(&l.text))))
                    // a dateline or byline opening a line opens a lead paragraph
                    || opens_lead(&l)
                    || byline_under_head
                    // on a page that indents, a line short by the indent under a label opens a
                    // paragraph: the label was a headline as wide as the column
                    || (indents && out.last().is_some_and(|b| b.pieces.len() == 1) && column_label[i - 1] && indent_short(i) && !sentence && next_full)
                    // on a page that indents, a line short by the indent after a finished
                    // sentence opens a paragraph, even when that sentence filled its line
                    || (indents && prev_sentence && !sentence && indent_short(i) && next_full)
                    // after a finished sentence, a headline over a lead
                    || (prev_sentence && headline_over_lead)
                    || headline_over_header
                    || headline_over_opener
                    // after a finished sentence, a heading-like last line of the page (a
                    // headline printed after its body)
                    || (prev_sentence && title && lines.peek().is_none())
                    // (or one of the headlines collected there)
                    || (prev_sentence && title && titles_to_end[i])
                    // a headline over a lead, after a column that ended mid-sentence: a line of
                    // that column would fill it, a headline is wider or short
                    || (headline_over_lead && (w > measure || short))
                    // (the second line of a two-line headline runs on from the first)
                    || (phrase_heading && !(prev_heading && double_spaced && l.gap == 0))
                    || (prev_sentence && heading_short)
                    // after a finished sentence, a line that overruns the column and runs no
                    // word on into the next line: a headline printed under the text it heads,
                    // not the first line of the next sentence
                    || (prev_sentence && over_heading && !lines.peek().is_some_and(|(_, next)| crate::dict::spans_word(&l.text, &next.text)))
                }
            };
        // the first line of a paragraph set with an indent the extraction dropped: short by
        // the indent, read on by a full line (furniture on a line of its own never is). A
        // clause-punctuated line is text; a label-like one is text only inside a run of lines
        // (a headline stands apart)
        let indented_first = indents
            && starts_new
            && !own
            && !header_after_byline
            && !sentence
            && indent_short(i)
            && next_full
            && lines.peek().is_some_and(|(j, next)| {
                // a label-like line is text inside a run of lines, or atop a box whose next
                // line goes on with clause marks (pdfminer boxes each paragraph: a headline in
                // a box with text under it has a deck or byline there), or when a word runs on
                // into the next line (活|动)
                let atop_text = next.gap == 0 && (!heading_like(&next.text) || text_box_below[i]) && !matches(next, BYLINE_LINES);
                let text = !label_like(&l.text) || (!double_spaced && (l.gap == 0 || atop_text) && (i > 0 || column)) || crate::dict::spans_word(&l.text, &next.text);
                text && (double_spaced || next.gap == 0) && !own_line(next, measures[*j]) && !opens_lead(next)
            });
        // a numbered point's title ending in a full stop runs into its text ((三)……。……):
        // only a clearly short line ends its paragraph
        let run_in = matches(&l, &[Kind::Intertitle]);
        // an author or source set after the last sentence ends the article there
        let closes = matches(&l, &[Kind::BylineSuffix, Kind::DatelineSuffix]);
        // a paragraph does not end inside a quotation (a line broken at a quote mark, or a
        // quoted sentence whose closing mark the next line carries), nor on clause punctuation
        let depth = quote_depth(if starts_new || out.is_empty() { 0 } else { block_depth }, &l.text);
        let titles = book_title_depth(if starts_new || out.is_empty() { 0 } else { title_depth }, &l.text);
        let next_closes = lines.peek().is_some_and(|(_, n)| n.text.starts_with(['”', '’']));
        let inside = (depth > 0 && (!sentence || next_closes))
            || (closes_quote && !sentence)
            // a dateline opening a lead with a word or two after it (本报某地1月2日电 每到)
            || (starts_new && opens_lead(&l) && !sentence && !whole_line(&l, &[Kind::BylineLine, Kind::DatelineLine]))
            // (a byline line that leaves its bracket open for the next line to close)
            || lead_wraps_on[i]
            || (l.text.trim_end().ends_with(['，', '、', '；', '：', ',', ';']) && !own && !closes);
        let ends_raw = !indented_first
            && ((sentence && (w + 2 < measure || (w + 2 == measure && !run_in)))
                || (short && !sentence)
                || own
                || headline_over_lead
                || headline_over_header
                || headline_after_byline
                || headline_over_opener
                || closes
                || byline_under_head
                || title_in_run
                || (title && titles_to_end[i] && starts_new)
                || over_heading
                || phrase_heading
                || (heading_short && opens_block));
        // a lead's first line read into another column, between two of its lines that a word
        // runs across (……工作，维 | 本报讯 某某报道春耕正当时、 | 修……): the lead's line ends
        // there, the column's text goes on after it
        let lead_sandwiched =
            starts_new && opens_lead(&l) && above_runs_on.is_some_and(|a| lines.peek().is_some_and(|(_, n)| crate::dict::spans_word(a, &n.text) && !crate::dict::spans_word(&l.text, &n.text)));
        let ends = (ends_raw && !inside) || sandwiched[i] || lead_sandwiched;
        // a column-wide line that ends mid-word runs on into the next line, even across the
        // blank line that parts two text boxes (图书 | 馆): no headline ends so (nor a
        // paragraph's first line, short by the indent, that pdfminer boxed apart: 为书 | 写主题)
        let cut_mid_word = !sentence
            && (w + 2 >= measure || (indents && starts_new && indent_short(i)))
            && !wide
            && lines.peek().is_some_and(|(j, next)| {
                // the next line is text of a column, not a headline wider than it
                full(*j)
                    && widths[*j] <= measures[*j] + 2
                    && !opens_lead(next)
                    && !own_line(next, measures[*j])
                    && (crate::text::starts_mid_sentence(&next.text, rules) || crate::dict::spans_word(&l.text, &next.text))
            });
        // (a label-like line standing alone after a finished paragraph, over a line shaped
        // like a title, takes more than a chance word across the break: a kicker over its
        // headline (某某活动 | 某地：…); over a line of text, 工作会|议 runs on)
        let next_mid = lines.peek().is_some_and(|(_, next)| crate::text::starts_mid_sentence(&next.text, rules));
        if starts_new || out.is_empty() {
            let alone_label = label_like(&l.text) && after_sentence && lines.peek().is_some_and(|(_, n)| titled_like(&n.text));
            // on a page that parts its boxes with blank lines, a line that fills its column
            // exactly (a headline is set wider or stops short) and ends a box unfinished, over a
            // box that opens with a full line of text, is a paragraph broken at the column's
            // foot: it runs on
            let column_line = !sentence
                && w + 2 >= measure
                && w <= measure
                && !opens_lead(&l)
                && !double_spaced
                && lines.peek().is_some_and(|(j, next)| next.gap > 0 && full(*j) && widths[*j] <= measures[*j] && !opens_lead(next) && !own_line(next, measures[*j]) && !titled_like(&next.text));
            // on a page that indents, a line short by the indent right under a finished
            // paragraph of its run, the last of the run: a paragraph's first line at the
            // column's foot, going on at the head of another column (a headline stands apart
            // from the text above it)
            let foot_first =
                indents && !sentence && !double_spaced && l.gap == 0 && after_sentence && indent_short(i) && !opens_lead(&l) && lines.peek().is_none_or(|(_, next)| next.gap > 0 && !opens_lead(next));
            let mut b = single(l);
            b.runs_on = (cut_mid_word || column_line || foot_first) && !own && !sandwiched[i] && (!alone_label || next_mid);
            out.push(b);
            opened_indented = indented_first;
        } else {
            let b = out.last_mut().expect("not empty");
            b.pieces.push(Piece { line: l.no, text: l.text });
            // (a paragraph opened on its indented first line is text, punctuated or not: a full
            // line cut there runs on, across the furniture at the column's foot too; but not into
            // a lead: two headlines stacked over a lead can be as wide as an indented line and a
            // full one)
            let over_lead = lines.peek().is_some_and(|(_, n)| opens_lead(n));
            b.runs_on = cut_mid_word
                || (!sentence
                    && w + 2 >= measure
                    && ((opened_indented && !over_lead) || !label_like(&b.pieces[b.pieces.len() - 1].text) || b.pieces.iter().any(|p| p.text.contains(['，', '、', '；', ',']))));
        }
        prev = Some((w, ends, sentence, wide || over_heading));
        prev_ends_raw = ends_raw;
        prev_heading = heading_like(&out.last().expect("a block was just written").pieces.last().expect("a block has a line").text);
        block_depth = depth;
        title_depth = titles;
    }
    // a byline line broken inside a word reads as two bylines (某某日报记者 甲 乙 某某日 | 报通讯员
    // 丙): the two lines are one byline when a word runs across the break and, joined, they
    // read as one; so is one broken inside its last name, the name's end left alone on the
    // next line (……通讯员 胡某 | 某)
    let name_end = |t: &str| (1..=2).contains(&t.trim().chars().count()) && t.trim().chars().all(crate::text::is_han);
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        // (the texts are built only for two single lines in a row)
        let one_byline = a.pieces.len() == 1 && b.pieces.len() == 1 && b.gap_before == 0 && {
            let (ta, tb) = (a.text(), b.text());
            whole_text(&ta, &[Kind::BylineLine])
                && ((whole_text(&tb, &[Kind::BylineLine]) && crate::dict::spans_word(&ta, &tb)) || name_end(&tb))
                && whole_text(&format!("{ta}{tb}"), &[Kind::BylineLine])
        };
        if one_byline {
            let b = out.remove(k + 1);
            out[k].pieces.extend(b.pieces);
            out[k].runs_on = b.runs_on;
        }
        k += 1;
    }
    debug_assert!(out.iter().map(|b| b.pieces.len()).sum::<usize>() == n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` hard-wrapped at `width` characters.
    fn wrapped_at(text: &str, width: usize) -> Vec<String> {
        text.chars().collect::<Vec<_>>().chunks(width).map(|c| c.iter().collect()).collect()
    }

    /// Columns read across, a line of each in turn (the longer ones' alone at their ends).
    fn read_across(columns: &[&[String]]) -> String {
        let rows = columns.iter().map(|c| c.len()).max().unwrap_or(0);
        (0..rows).flat_map(|i| columns.iter().filter_map(move |c| c.get(i))).map(String::as_str).collect::<Vec<_>>().join("\n")
    }

    /// A paragraph of `n` lines of `width` characters, then its short last line.
    fn column(first: char, width: usize, n: usize) -> Vec<String> {
        let mut lines: Vec<String> = (0..n).map(|i| std::iter::repeat_n(char::from_u32(first as u32 + i as u32).unwrap_or('一'), width - 1).chain(['，']).collect()).collect();
        lines.push("完了。".into());
        lines
    }

    #[test]
    fn a_kicker_after_a_closing_source_is_no_indented_first_line() {
        // pdftotext -raw, no blank lines: an article closes on its source in brackets, then
        // the next box's kicker and headline stand over its lead. The kicker falls short of the
        // lead's wider column by an indent, but a title-like line after a closing source, over
        // another title-like line, heads the next article: it does not open a paragraph that
        // runs on into the headline
        let page = "地方 第5版\n\
            摊前天天人不少，尤其\n\
            是入夏开始以来，生意\n\
            一天比一天好。虽然每\n\
            晚收摊都快到半夜，但\n\
            大伙儿都觉得很有干劲，\n\
            这次镇里组织的夜市活\n\
            动让我们这些摆摊的人\n\
            心里踏实，收入也多，\n\
            更难得的是能学手艺，\n\
            结识一些同行的朋友，\n\
            真心感谢镇政府。”\n\
            接下来，某镇夜市\n\
            还将再举办18场，共计\n\
            820个摊位参加展销。\n\
            内容涵盖特色小吃、手\n\
            工艺品、文创产品、旧\n\
            物交换、非遗技艺展示、\n\
            民俗表演，以此带动老\n\
            街人气，让游客们感受\n\
            到夜间老街的烟火气息。\n\
            （周明远）\n\
            繁荣夜间经济促进消费活动\n\
            某镇：老街夜市人气旺\n\
            本报某镇6月12日电（记者赵甲\n\
            通讯员孙丙丁、李戊己） 为了让老街\n\
            重新热闹起来，某镇在青石板路两侧\n\
            划出摊位，引导商户开办夜市。每到\n\
            傍晚，小吃摊、手工艺品摊沿街摆开\n\
            游客们边逛边品尝，和摊主们拉家常、\n\
            拍照片。\n\
            六月初，家住老街东头安居小区1\n\
            号院的70岁老人的孙子小亮家里多了\n\
            几位客人。他们是周一鸣、吴小红等\n\
            十几位外地游客们，还约上了院子里\n\
            另外几户邻居一起。大伙儿围坐在一\n\
            起，为做凉粉烤烧饼忙个不停，大家\n\
            手上忙着嘴里说着，院子里充满说笑\n\
            声音。\n";
        let got = crate::extract_text(page, &crate::rules::Rules::embedded());
        let market = got.articles.iter().find(|a| a.headline.as_deref() == Some("某镇：老街夜市人气旺")).unwrap_or_else(|| panic!("{:#?}", got.articles));
        assert!(market.paragraphs.iter().any(|p| p.starts_with("六月初，家住老街东头")), "{:#?}", market.paragraphs);
        assert!(got.articles.iter().flat_map(|a| &a.paragraphs).all(|p| !p.contains("人气旺六月初")), "{:#?}", got.articles);
    }

    #[test]
    fn a_byline_as_wide_as_its_column_under_a_headline_ends_where_the_text_starts() {
        // pdftotext -raw, no blank lines: a column's finished text, a headline, a byline line
        // that fills the column, then the lead: the byline stands alone, the lead is no more
        // of it. A byline wrapped before its names end, or before its bracket closes, goes on
        let text = ["老师傅们轮流演示各种操", "作要领，新手们边看边记笔", "记，赛场学习氛围浓。"];
        let page = |byline: &[&str]| -> Vec<String> {
            let mut lines = column('甲', 12, 8);
            lines.push("某县举行叉车工技能比武".into());
            lines.extend(byline.iter().map(|l| l.to_string()));
            lines.extend(text.map(String::from));
            lines.extend(column('乙', 12, 8));
            unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>())
        };
        let got = page(&["通讯员赵甲乙、钱丙、孙丁"]);
        assert!(got.contains(&"通讯员赵甲乙、钱丙、孙丁".to_string()), "{got:#?}");
        assert!(got.contains(&text.concat()), "{got:#?}");
        let got = page(&["通讯员赵甲乙、钱丙、孙", "丁"]);
        assert!(got.iter().any(|b| b.starts_with("通讯员赵甲乙、钱丙、孙丁")), "{got:#?}");
        let got = page(&["某某网某地1月18日讯记者", "赵甲 通讯员钱丙丁） 裁判"]);
        assert!(!got.iter().any(|b| b == "某某网某地1月18日讯记者"), "{got:#?}");
    }

    #[test]
    fn extraction_spacing_is_undone_but_spaces_between_names_stay() {
        assert_eq!(tidy_spacing("用 3年时间建成"), ("用3年时间建成".to_string(), false));
        assert_eq!(tidy_spacing("春 季 以 来 ， 全 市 新 建 道 路"), ("春季以来，全市新建道路".to_string(), true));
        assert_eq!(tidy_spacing("10 月 14 日 至 16 日 ， 浙"), ("10月14日至16日，浙".to_string(), true));
        assert_eq!(tidy_spacing("本 报 某 地 2 月 1 7 日 电"), ("本报某地2月17日电".to_string(), true));
        assert_eq!(tidy_spacing("“这座大桥工程 2024 年 5 月 10 日"), ("“这座大桥工程2024年5月10日".to_string(), false));
        assert_eq!(tidy_spacing("记者 张 明 通讯员 李 华").0, "记者 张 明 通讯员 李 华");
        assert_eq!(tidy_spacing("多方协力保障 春耕物资供应").0, "多方协力保障 春耕物资供应");
        assert_eq!(tidy_spacing("创新企业 and 科研院所 2 月").0, "创新企业 and 科研院所2月");
    }

    fn unwrapped(lines: &[&str]) -> Vec<String> {
        let rules = Rules::embedded();
        let page = Page::from_text(&lines.join("\n"));
        blocks_of(&page, &rules).iter().map(Block::text).collect()
    }

    /// Four lines of a paragraph hard-wrapped at 16 characters, cut mid-sentence.
    const WRAPPED_16: [&str; 4] = ["社区工作人员介绍，今年以来社区举", "办各类惠民活动三十余场，服务居民", "两千多人次，得到居民一致好评。下", "一步，社区将继续整合资源，开展活"];

    /// [`unwrapped`] of `lines` with a blank line after each (a double-spaced text layer).
    fn unwrapped_spaced(lines: &[String]) -> Vec<String> {
        let spaced: Vec<&str> = lines.iter().flat_map(|l| [l.as_str(), ""]).collect();
        unwrapped(&spaced)
    }

    /// `middle` between two columns of `width` characters, four lines each (甲…, 乙…).
    fn framed(width: usize, middle: &[&str]) -> Vec<String> {
        let mut lines = column('甲', width, 4);
        lines.extend(middle.iter().map(|l| l.to_string()));
        lines.extend(column('乙', width, 4));
        lines
    }

    fn blocks_of(page: &Page, rules: &Rules) -> Vec<Block> {
        assert_eq!(detect_layout(page, rules), Layout::HardWrapped);
        blocks(page, rules, Layout::HardWrapped)
    }

    #[test]
    fn a_page_of_columns_ten_characters_wide_is_hard_wrapped() {
        // lines of twenty cells and less: too short for the usual count of lines cut
        // mid-sentence, which takes lines wider than that, yet most of them run on
        let mut lines = column('甲', 10, 12);
        lines.push(String::new());
        lines.extend(column('乙', 10, 12));
        let page = Page::from_text(&lines.join("\n"));
        assert_eq!(detect_layout(&page, &Rules::embedded()), Layout::HardWrapped);
    }

    /// The last paragraph unwrapped from two paragraphs of a narrow column, then `para` (lines
    /// of a wider one), a blank line between each.
    fn after_two_narrow_paragraphs(para: &[&str]) -> Option<String> {
        let mut lines = column('甲', 12, 6);
        lines.push(String::new());
        lines.extend(column('乙', 12, 6));
        lines.push(String::new());
        lines.extend(para.iter().map(|l| l.to_string()));
        unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>()).pop()
    }

    #[test]
    fn a_short_run_in_a_wider_column_takes_its_measure_from_its_own_lines() {
        // a page of a narrow column, then a paragraph of a wider one alone in its run of lines:
        // the lines around it are mostly the narrow column's, the run's own lines set its measure
        let got = after_two_narrow_paragraphs(&[
            "园林部门负责人介绍，下一步还将",
            "结合城市更新，在老旧小区周边继",
            "续建设口袋公园，让市民推窗就能",
            "见绿，出门就能进园，在家门口就",
            "能享受到城市发展带来的好处。",
        ]);
        assert_eq!(got.as_deref(), Some("园林部门负责人介绍，下一步还将结合城市更新，在老旧小区周边继续建设口袋公园，让市民推窗就能见绿，出门就能进园，在家门口就能享受到城市发展带来的好处。"));
    }

    #[test]
    fn a_short_paragraph_of_uneven_lines_in_a_wider_column_keeps_its_lines_together() {
        // pdfminer: a text box a paragraph, a blank line after it. Two paragraphs of a narrow
        // column, then a paragraph of a wider one whose lines no three share a count of cells
        // (quotation marks come out narrow, a number takes two cells for one character)
        let got = after_two_narrow_paragraphs(&[
            "今年展会以“某某智造”为某某展区主题，在展示",
            "本地企业创新成果的同时，邀请外地客商前来参观",
            "洽谈。来自全国16个省、市区、行业协会的三千余",
            "家企业报名参展，另有不少高校组团观摩。",
        ]);
        assert_eq!(
            got.as_deref(),
            Some("今年展会以“某某智造”为某某展区主题，在展示本地企业创新成果的同时，邀请外地客商前来参观洽谈。来自全国16个省、市区、行业协会的三千余家企业报名参展，另有不少高校组团观摩。")
        );
    }

    #[test]
    fn a_few_lines_of_a_wider_box_run_on_between_narrow_columns_with_no_blank_line() {
        // pdftotext -raw: a narrow column, a paragraph of a wider box whose justified lines
        // hold different counts of cells, then a narrow column again, no blank line anywhere
        let mut lines = column('甲', 12, 9);
        lines.extend(["在这批新入职的员工中，以“00后”为主体的年轻", "研发人员的表现，格外引人注目。例如，“某奖”的", "提名者某某，“某某奖”提名者某某，“全市创新", "能手”得主某某。"].map(String::from));
        lines.extend(column('乙', 12, 9));
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            got.contains(&"在这批新入职的员工中，以“00后”为主体的年轻研发人员的表现，格外引人注目。例如，“某奖”的提名者某某，“某某奖”提名者某某，“全市创新能手”得主某某。".to_string()),
            "{got:#?}"
        );
    }

    #[test]
    fn a_line_a_quotation_mark_short_of_the_column_is_full_not_indented() {
        // pdfminer, a blank line after each paragraph: a paragraph whose first line fills
        // the column but for a quotation mark set narrow (a cell short) runs on into its second
        // line; only a line short by an indent's width opens a paragraph
        // (paragraphs indented two characters, the indent dropped)
        let indented = |c: char| {
            let mut p = column(c, 15, 4);
            p[0] = p[0].chars().skip(2).collect();
            p.push(String::new());
            p
        };
        let mut lines = [indented('甲'), indented('乙'), indented('丙')].concat();
        lines.extend(["在装配车间“某某工艺改进工作", "室”，操作规程、样品模具、测试", "仪器等样样齐全，这既是对她多年", "钻研技术、默默付出的最好回报。"].map(String::from));
        lines.push(String::new());
        lines.extend(indented('丁'));
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(got.contains(&"在装配车间“某某工艺改进工作室”，操作规程、样品模具、测试仪器等样样齐全，这既是对她多年钻研技术、默默付出的最好回报。".to_string()), "{got:#?}");
    }

    #[test]
    fn a_closing_quote_boxed_apart_after_a_blank_line_goes_back_to_its_quotation() {
        // pdfminer: a quoted sentence's line ends on its question mark, and the next text box
        // opens on the closing mark (某某时，不能说：“某某吗？ | ”“这可不知道。”)
        let mut lines = column('甲', 15, 4);
        lines.push(String::new());
        lines.extend(["乘客问路时，不能说：“你不会找吗？”“你问谁？", "", "”“这可不知道。”", ""].map(String::from));
        lines.extend(column('乙', 15, 4));
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(got.contains(&"乘客问路时，不能说：“你不会找吗？”“你问谁？”“这可不知道。”".to_string()), "{got:#?}");
    }

    #[test]
    fn a_short_box_wider_than_the_columns_around_it_is_text_not_headlines() {
        // a double-spaced text layer: a narrow column, four lines of a wider box, the narrow
        // column again; the wide lines are one paragraph of their own measure
        let mut lines = column('甲', 12, 8);
        lines.extend(["入夏以来，某区游泳馆每天接待的游客超过", "两千人次，管理部门为此新增十名救生员，", "开放时间也延长到了每晚十点，方便居民在", "家门口消暑。"].map(String::from));
        lines.extend(column('乙', 12, 8));
        let got = unwrapped_spaced(&lines);
        assert!(got.contains(&"入夏以来，某区游泳馆每天接待的游客超过两千人次，管理部门为此新增十名救生员，开放时间也延长到了每晚十点，方便居民在家门口消暑。".to_string()), "{got:#?}");
    }

    #[test]
    fn a_dash_wrapped_to_the_start_of_a_column_line_is_text_but_a_deck_stands_apart() {
        // a sentence broken before its dash (……是全省重点工程 | ——某某河大桥连接线): the line
        // is text; under a headline the same dash opens its deck
        let got = unwrapped_spaced(&framed(15, &["新区东侧，是全省的重点工程项目", "——青石河大桥南岸连接线道路工", "程，总投资约三亿元。"]));
        assert!(got.contains(&"新区东侧，是全省的重点工程项目——青石河大桥南岸连接线道路工程，总投资约三亿元。".to_string()), "{got:#?}");
        let got = unwrapped_spaced(&framed(15, &["某县新建大桥通车", "——青石河大桥南岸连接线道路工", "本报讯 新区东侧的青石河大", "桥昨天通车，总投资约三亿元。"]));
        assert!(got.contains(&"——青石河大桥南岸连接线道路工".to_string()), "{got:#?}");
    }

    #[test]
    fn a_title_set_into_a_column_under_a_line_cut_off_stands_apart() {
        // a column's text cut off mid-clause, a box's headline set into the column under it,
        // and the box's lead: three blocks, the cut-off text left open for the joins; a short
        // last line of a paragraph finishes its sentence and is no headline
        let lines = framed(16, &["某市今年新建的体育公园占地约五十", "“青苗杯”足球联赛开幕", "本次联赛共有三十支球队报名参加，", "比赛将持续两个月。"]);
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(got.contains(&"“青苗杯”足球联赛开幕".to_string()), "{got:#?}");
        assert!(got.iter().any(|b| b.ends_with("某市今年新建的体育公园占地约五十")), "{got:#?}");
        let lines = framed(16, &["某市今年新建的体育公园占地约五十", "亩，“青苗杯”足球联赛在此开幕", "本次联赛共有三十支球队报名参加，", "比赛将持续两个月。"]);
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(got.iter().any(|b| b.contains("约五十亩，“青苗杯”")), "{got:#?}");
    }

    #[test]
    fn a_lead_line_read_into_another_column_ends_where_the_column_goes_on() {
        // a column cut mid-word (维 | 修), a lead's first line of another box read between its
        // two lines: the lead's line stands alone, the column's text does not run on in it
        let got = unwrapped_spaced(&framed(16, &["全县加快推进农村公路建设工作，维", "本报讯 记者赵甲报道春耕正当时、", "修乡村道路三百公里，重点改善偏远", "山区群众出行条件。"]));
        assert!(got.contains(&"本报讯 记者赵甲报道春耕正当时、".to_string()), "{got:#?}");
    }

    #[test]
    fn headlines_collected_at_the_page_end_stand_apart_though_nearly_as_wide_as_the_column() {
        // the last paragraph's last line fills its column and ends a sentence; the page's
        // headlines, collected after it, are a character or two short of the column
        let mut lines = column('甲', 16, 4);
        lines.extend(WRAPPED_16.map(String::from));
        lines.push("动，为居民们提供更多的贴心服务。".into());
        lines.extend(["某市：新建城市公园将于下月开放", "某县举办第三届农民丰收节活动"].map(String::from));
        let got = unwrapped_spaced(&lines);
        assert!(got.contains(&"某市：新建城市公园将于下月开放".to_string()), "{got:#?}");
        assert!(got.contains(&"某县举办第三届农民丰收节活动".to_string()), "{got:#?}");
    }

    #[test]
    fn a_headline_of_two_clauses_over_a_lead_opener_stands_apart() {
        // a headline as wide as the column, of two clauses, over a lead that opens on a time
        // (前不久，); over a line that goes on (看到步道整洁) the same line is the paragraph's first
        let lead = ["看到步道整洁，花木繁茂，游客们都", "说如今的公园越来越美，越来越好。"].map(String::from);
        // (a hard-wrapped paragraph after them, for the page to read as hard-wrapped)
        let more = WRAPPED_16.map(String::from);
        let mut lines: Vec<String> = ["某公园面貌一新，市民纷纷点赞叫好", "前不久，记者来到新建成的滨河公园"].map(String::from).to_vec();
        lines.extend(lead.clone());
        lines.extend(column('甲', 16, 4));
        lines.extend(more.clone());
        let got = unwrapped_spaced(&lines);
        assert_eq!(got[0], "某公园面貌一新，市民纷纷点赞叫好", "{got:#?}");
        let mut lines: Vec<String> = vec!["某公园面貌一新，市民纷纷点赞叫好".into()];
        lines.extend(lead);
        lines.extend(column('甲', 16, 4));
        lines.extend(more.clone());
        let got = unwrapped_spaced(&lines);
        assert!(got[0].starts_with("某公园面貌一新，市民纷纷点赞叫好看到步道整洁"), "{got:#?}");
    }

    #[test]
    fn a_name_alone_under_a_sentence_that_fills_its_line_stands_apart() {
        // the last line of a paragraph ends a sentence at the column's edge; the author's name
        // under it closes the article, and the next article's headline stands over its lead
        let mut lines = column('甲', 12, 6);
        lines.pop();
        lines.extend(["社区图书馆延长了开放时间。", "孙立新", "某县召开安全生产工作会议", "6月6日，某县召开全县安全生", "产工作会议，部署近期重点工"].map(String::from));
        lines.extend(column('乙', 12, 4));
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(got.contains(&"孙立新".to_string()), "{got:#?}");
        assert!(got.contains(&"某县召开安全生产工作会议".to_string()), "{got:#?}");
    }

    /// A column set 12 wide whose last line is `last`, a paragraph set 19 wide under it, then a
    /// column `after` wide, unwrapped (a text layer with no blank lines).
    fn wider_box_under(last: &str, after: usize) -> Vec<String> {
        let mut lines = column('甲', 12, 6);
        lines.pop();
        lines.push(last.into());
        lines.extend(["入夏以来，某区游泳馆每天接待的游客超过", "两千人次，管理部门为此新增十名救生员，", "开放时间也延长到了每晚十点，方便居民在", "家门口消暑。"].map(String::from));
        lines.extend(column('乙', after, 6));
        unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>())
    }

    #[test]
    fn a_sentence_that_ends_where_the_measure_changes_ends_its_paragraph() {
        // a narrow column's last line ends a sentence at the column's edge; the lines after it
        // are set wider: another box, whose text is a paragraph of its own
        let got = wider_box_under("图书馆成为居民的好去处。", 12);
        assert!(got.iter().any(|b| b.ends_with("图书馆成为居民的好去处。")), "{got:#?}");
        assert!(got.iter().any(|b| b.starts_with("入夏以来")), "{got:#?}");
    }

    #[test]
    fn a_column_foot_cut_mid_sentence_does_not_run_into_a_box_of_another_width() {
        // a column ends mid-sentence (its text goes on in a column elsewhere), and a wider box
        // starts under it; the box's lines are a paragraph of their own, not the rest of the
        // column's sentence
        let got = wider_box_under("某市图书馆新近开设了夜间", 16);
        assert!(got.iter().any(|b| b.ends_with("某市图书馆新近开设了夜间")), "{got:#?}");
        assert!(got.iter().any(|b| b.starts_with("入夏以来")), "{got:#?}");
    }

    #[test]
    fn a_column_foot_unwrapped_into_the_next_box_comes_apart_where_the_words_are_cut() {
        // a column cut mid-word (控制系|统) at its foot, the next box's headline and lines, the
        // foot read after that box's line cut mid-word too (坚|持), then the line that goes on
        // from it under another headline: the foot is no line of that box
        let got = between_columns(
            16,
            &[
                "某县今年对全县道路照明设施开展了",
                "全面检查，更换老旧灯具三千余盏，",
                "同时升级了全县路灯的远程控制系",
                "某镇文化站新馆落成开放",
                "本报讯 某镇文化站新馆日前落成开",
                "放，馆内设有阅览室和排练厅。该镇",
                "多年来在群众文化建设方面始终坚",
                "统，照明故障率明显下降。",
                "某县道路照明设施完成改造",
                "持把文化惠民工程作为重点来抓。",
            ],
        );
        assert!(got.iter().any(|b| b.ends_with("始终坚")), "{got:#?}");
        assert!(got.iter().any(|b| b == "统，照明故障率明显下降。"), "{got:#?}");
    }

    #[test]
    fn numbered_intertitles_nearly_as_wide_as_the_column_are_no_sign_of_indented_paragraphs() {
        // a flush page: two numbered intertitles, each a little short of the column, under a
        // finished paragraph and over a full line. They are no paragraphs' first lines set with
        // an indent, and stand apart from the text under them
        let got = unwrapped(&[
            WRAPPED_16[0],
            WRAPPED_16[1],
            WRAPPED_16[2],
            WRAPPED_16[3],
            "动，让居民得到更多实惠。",
            "一、强化社区服务保障功能",
            "各社区要配齐社区工作者，定期组织",
            "培训，提升服务能力。",
            "二、提升居民办事便利程度",
            "各社区要公开服务项目和办理流程，",
            "方便居民办事。",
            "三、加强社区工作队伍建设",
            "各社区要定期开展业务培训和交流，",
            "不断提高工作水平。",
        ]);
        for intertitle in ["一、强化社区服务保障功能", "二、提升居民办事便利程度", "三、加强社区工作队伍建设"] {
            assert!(got.iter().any(|b| b == intertitle), "{intertitle}: {got:#?}");
        }
        assert!(got.iter().any(|b| b.starts_with("各社区要配齐")), "{got:#?}");
    }

    #[test]
    fn a_folio_line_read_inside_an_indented_paragraph_opens_no_paragraph() {
        // a text layer with no blank lines, paragraphs set with an indent the extraction
        // dropped (their first lines a character short); the page's folio line is read between
        // two lines of a paragraph: it stands alone, and the paragraph reads on past it
        let para = |first: char, n: usize| -> Vec<String> {
            let mut lines: Vec<String> = (0..n).map(|i| std::iter::repeat_n(char::from_u32(first as u32 + i as u32).unwrap_or('一'), if i == 0 { 8 } else { 10 }).chain(['，']).collect()).collect();
            lines.push("完了。".into());
            lines
        };
        let mut lines: Vec<String> = ['甲', '乙', '丙', '丁'].iter().flat_map(|&c| para(c, 4)).collect();
        lines.extend(
            ["某区图书馆的阅览室里，", "前来自习的学生和居民们", "坐得满满当当，桌上摆着", "本版编辑 综合新闻部", "一摞摞新到的图书和杂志", "都是今年新添置的，供读", "者们免费借阅。"]
                .map(String::from),
        );
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(got.contains(&"本版编辑 综合新闻部".to_string()), "{got:#?}");
        assert!(got.iter().any(|b| b.starts_with("一摞摞新到的图书")), "{got:#?}");
    }

    #[test]
    fn a_narrow_box_of_uneven_lines_under_a_column_cut_mid_sentence_is_a_box_of_its_own() {
        // as a text layer prints a narrow box: its first line short by the indent the
        // extraction dropped, the others a character apart as punctuation is set tight, so no
        // three lines share one width; the column above it ends mid-title (《某某)
        let mut lines = column('甲', 14, 6);
        lines.pop();
        lines.push("负责人出席会议并讲话。《某某".into());
        lines.extend(
            [
                "由某市科协和某学会",
                "联合主办的某某科普团",
                "“进校园、送科学”活动",
                "日前来到某县某镇，为当",
                "地学生带来一场以“奇妙",
                "的科学”为主题的科普讲",
                "座。千余名师生聆听了现",
                "场讲解。当晚，某镇中学",
                "的操场上欢笑声不断，一",
                "项项科学实验、一段段趣",
                "味动画轮番上演，赢得了",
                "师生的阵阵掌声。",
            ]
            .map(String::from),
        );
        lines.extend(column('乙', 14, 3));
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(got.iter().any(|b| b.ends_with("出席会议并讲话。《某某")), "{got:#?}");
        assert!(got.iter().any(|b| b.starts_with("由某市科协")), "{got:#?}");
    }

    #[test]
    fn a_paragraph_does_not_end_inside_a_quotation_or_on_a_comma() {
        // an extractor that breaks visual lines at quote marks (pdftotext -raw) leaves short
        // pieces: none of them ends the paragraph while a quotation is open, after a closing
        // mark that runs on, or on clause punctuation
        let got = unwrapped(&[
            "入冬以来，社区图书馆每天",
            "开放到晚上九点，还增设了",
            "自习区。",
            "“这个月已经办了两百多张",
            "新卡了。",
            "”馆",
            "员老周说，",
            "“读者多了，我们",
            "也更有劲头，再忙也值",
            "得。”",
            "这一天，图书馆共接待读者",
            "三百多人次，秩序井然。",
        ]);
        assert_eq!(
            got,
            [
                "入冬以来，社区图书馆每天开放到晚上九点，还增设了自习区。",
                "“这个月已经办了两百多张新卡了。”馆员老周说，“读者多了，我们也更有劲头，再忙也值得。”",
                "这一天，图书馆共接待读者三百多人次，秩序井然。"
            ]
        );
    }

    #[test]
    fn boxes_read_across_are_unwrapped_box_by_box() {
        // two narrow boxes side by side, their lines read across in turn: unwrapping joins a
        // box's own lines, never a line of one to a line of the other
        let a = "本报某地3月1日电（记者赵甲）某市今年新建成的城市公园已向市民开放，公园内种植了各类花卉树木，设有健身步道和儿童游乐场，每天吸引大量市民前来休闲锻炼。";
        let b = "本报某地3月2日电（记者钱乙）某县近日举办农产品展销会，来自各乡镇的农户带来了新鲜蔬菜和特色农产品，现场交易十分火爆，不少市民慕名而来选购年货。";
        let page = read_across(&[&wrapped_at(a, 12), &wrapped_at(b, 12)]);
        let bs = blocks(&crate::Page::from_text(&page), &Rules::embedded(), Layout::HardWrapped);
        let texts: Vec<String> = bs.iter().map(|b| b.text()).collect();
        for t in &texts {
            assert!(a.contains(t.as_str()) || b.contains(t.as_str()), "{t} mixes the boxes: {texts:#?}");
        }
        assert!(texts.contains(&b.to_string()) || texts.iter().filter(|t| b.contains(t.as_str())).count() <= 2, "{texts:#?}");
    }

    #[test]
    fn a_box_read_on_alone_where_the_box_beside_ended_keeps_its_heading_and_text_after_it() {
        // two boxes read across in turn; the right one ends, the left goes on alone for a
        // while, then a numbered heading of its own and more text: they follow the left box's
        // text, not the right box's end
        let a1 = "本报某地3月1日电（记者赵甲）某市今年新建成的城市公园已向市民开放，公园内种植了各类花卉树木，设有健身步道和儿童游乐场，每天吸引大量市民前来休闲锻炼。";
        let a2 = "公园管理处将安排专人巡查，及时清理垃圾，维护设施，保障游客安全。";
        let b = "本报某地3月2日电（记者钱乙）某县近日举办农产品展销会，现场交易十分火爆，市民纷纷选购。";
        let ca: Vec<String> = wrapped_at(a1, 12).into_iter().chain(["二、加强管理".to_string()]).chain(wrapped_at(a2, 12)).collect();
        let page = read_across(&[&ca, &wrapped_at(b, 12)]);
        let bs = blocks(&crate::Page::from_text(&page), &Rules::embedded(), Layout::HardWrapped);
        let texts: Vec<String> = bs.iter().map(|b| b.text()).collect();
        let at = |pred: &dyn Fn(&String) -> bool| texts.iter().position(pred).unwrap_or_else(|| panic!("{texts:#?}"));
        let first_end = at(&|t| t.ends_with("前来休闲锻炼。"));
        let heading = at(&|t| t == "二、加强管理");
        let rest = at(&|t| t.starts_with("公园管理处"));
        assert_eq!((heading, rest), (first_end + 1, first_end + 2), "{texts:#?}");
    }

    #[test]
    fn a_byline_whose_bracket_a_line_of_its_column_closes_goes_on_in_that_column() {
        // a text layer sorting lines by height: a one-column box ends, the next box's kicker
        // and headline, then four columns read across (the third one's first line ends a
        // paragraph of a box beside). The first column opens on a byline broken before its
        // bracket closes (（记者林夏 | 通讯员黄彤、张涛）); the line that closes the bracket,
        // four lines below, is the byline's own column
        let above = [
            "某区今年扩建了五处街心公园，绿地面积进一步增",
            "加，市民休闲更加方便。",
            "从春季到秋季，公园将举办各类文化活动，共计30",
            "余场次，吸引10万人次参加。目前在各个公园入口处，",
            "都设有导览牌、饮水点和休息座椅等便民设施。",
            "某丙 某丁",
            "关心外来务工人员子女成长活动",
            "某县：孩子们的暑假不寂寞",
        ];
        let columns: [&[&str]; 4] = [
            &[
                "本报某地7月15日电（记者林夏 ",
                "通讯员黄彤、张涛） 为了让外来",
                "务工人员子女暑假有人陪伴，某县",
                "团委组织大学生志愿者开设了暑期",
                "课堂。课堂设在社区活动中心，每",
                "天上午辅导作业，下午开展文体活动。",
            ],
            &["7月初，家住城东新村3", "号楼的10岁男孩小刚第一次走进", "暑期课堂。他说，以前放假只能", "一个人在家看电视，现在每天都有", "哥哥姐姐陪着读书、画画和下", "棋，过得很开心。"],
            &["寂寞。", "截至目前，暑期课堂已在全县", "开设12个教学点。各教学点根据", "孩子们的兴趣开设了书法、绘画、", "科学实验和体育游戏等课程，并定", "期组织参观和郊游。"],
            &["志愿者还为家长提供育儿咨询服务，", "并帮助困难家庭申请助学补贴等。", "据初步统计，今年暑假全县共", "有300多名大学生志愿者报名，共为", "2000多名务工人员子女提供", "了陪伴服务。"],
        ];
        let columns: Vec<Vec<String>> = columns.iter().map(|c| c.iter().map(|l| l.to_string()).collect()).collect();
        let refs: Vec<&[String]> = columns.iter().map(Vec::as_slice).collect();
        let page = format!("{}\n{}", above.join("\n"), read_across(&refs));
        let bs = blocks(&crate::Page::from_text(&page), &Rules::embedded(), Layout::HardWrapped);
        let texts: Vec<String> = bs.iter().map(|b| b.text()).collect();
        assert!(texts.iter().any(|t| t.starts_with("本报某地7月15日电（记者林夏通讯员黄彤、张涛）")), "{texts:#?}");
    }

    /// Two boxes of `wa` and `wc` characters side by side, their lines read across in turn:
    /// the texts of the blocks unwrapped, each checked to hold one box's text only.
    fn side_by_side(a: &str, wa: usize, c: &str, wc: usize) -> Vec<String> {
        let page = read_across(&[&wrapped_at(a, wa), &wrapped_at(c, wc)]);
        let bs = blocks(&crate::Page::from_text(&page), &Rules::embedded(), Layout::HardWrapped);
        let texts: Vec<String> = bs.iter().map(|b| b.text()).collect();
        for t in &texts {
            assert!(a.contains(t.as_str()) || c.contains(t.as_str()), "{t} mixes the boxes: {texts:#?}");
        }
        texts
    }

    #[test]
    fn boxes_of_different_widths_read_across_are_unwrapped_box_by_box() {
        // a narrow box and a wide one side by side: half the lines are narrow for the wide
        // box, and none of them is a heading for that
        let a = "本报某地3月1日电（记者赵甲）某市今年新建成的城市公园已向市民开放，公园内种植了各类花卉树木，设有健身步道和儿童游乐场，每天吸引大量市民前来休闲锻炼，周末和节假日更是人气旺盛。";
        let c = "本报某地3月3日电（记者孙丙）某区图书馆从本月起延长开放时间，每天开放到晚上九点，还在二楼增设了自习区和少儿阅读区，读者可以在网上预约座位，也可以到现场排队领取号码牌，馆员介绍这个月已经办理读者证两百多张，较上个月增加了三成多，晚间来馆的多为附近的上班族。";
        let texts = side_by_side(a, 11, c, 16);
        // each box's lines are unwrapped, not left a line a block
        assert!(texts.len() <= 6, "{texts:#?}");
    }

    #[test]
    fn a_short_wide_box_beside_a_long_narrow_one_is_decoded() {
        // the narrow box runs on long after the wide one ends: most lines are narrow, and
        // the wide box's lines, though wider than most, share one width (no heading's)
        let a = "本报某地3月5日电（记者李丁）某镇今年以来大力推进农村人居环境整治，组织党员干部和志愿者清理河道沟渠，拆除危旧房屋和违章搭建，新修村组道路十多公里，安装太阳能路灯三百多盏。镇里还在每个村建起了垃圾分类收集点，配备专职保洁员，做到垃圾日产日清。村民们说，如今村里的环境越来越好，走在干净整洁的村道上，心情也格外舒畅。下一步，该镇将继续加大投入，建设一批乡村公园和文化广场，让群众在家门口就能休闲健身。镇党委负责人表示，环境整治只有起点没有终点，要建立长效管护机制，巩固好整治成果。";
        let c = "本报某地3月3日电（记者孙丙）某区图书馆从本月起延长开放时间，每天开放到晚上九点，还在二楼增设了自习区和少儿阅读区，读者可以在网上预约座位，也可以到现场排队领取号码牌，馆员介绍这个月已经办理读者证两百多张。";
        let texts = side_by_side(a, 11, c, 16);
        assert!(texts.iter().filter(|t| c.contains(t.as_str())).count() <= 2, "{texts:#?}");
    }

    /// The blocks of a hard-wrapped page: a headline, `byline` (its lines as printed) and a
    /// paragraph wrapped at 16 characters.
    fn under_a_headline(byline: &[&str]) -> Vec<String> {
        let body = "某市今年新建成的城市公园已向市民开放，公园内种植了各类花卉树木，设有健身步道和儿童游乐场，每天吸引大量市民前来休闲锻炼。";
        let lines: Vec<String> = std::iter::once("某市城市公园开放".to_string()).chain(byline.iter().map(|l| l.to_string())).chain(wrapped_at(body, 16)).collect();
        let bs = blocks(&crate::Page::from_text(&lines.join("\n")), &Rules::embedded(), Layout::HardWrapped);
        bs.iter().map(|b| b.text()).collect()
    }

    #[test]
    fn a_byline_broken_inside_a_word_is_one_byline() {
        // 某某日 | 报通讯员: the second line reads as a byline of its own, but a word runs across
        // the break and the two lines read as one byline
        let texts = under_a_headline(&["某某日报记者 赵甲乙 钱丙丁 某某日", "报通讯员 孙戊己"]);
        assert!(texts.contains(&"某某日报记者 赵甲乙 钱丙丁 某某日报通讯员 孙戊己".to_string()), "{texts:#?}");
    }

    #[test]
    fn a_byline_broken_inside_its_last_name_is_one_byline() {
        // ……通讯员 孙戊 | 己: the name's last character alone on the next line is no text
        let texts = under_a_headline(&["某某日报记者 赵甲乙 钱丙丁 某某日报通讯员 孙戊", "己"]);
        assert!(texts.contains(&"某某日报记者 赵甲乙 钱丙丁 某某日报通讯员 孙戊己".to_string()), "{texts:#?}");
    }

    #[test]
    fn a_lead_wrapped_before_its_bracket_closes_runs_on_from_a_line_wider_than_its_column() {
        // 某某新闻网某地1月18日讯记者 赵甲乙 | 通讯员 钱丙丁）……: the lead's first line overruns
        // the column, as a headline printed over its text does, but its bracket closes below
        let body = "通讯员 钱丙丁） 昨日上午，某市科协组织二十位专家到某镇开展科普讲座，还为村民发放科普读本两千多册。";
        let before = "某区今年新建的社区食堂中有三十多家开在老旧小区，街道为此举办了开业仪式，居民们纷纷点赞。";
        let lines: Vec<String> =
            wrapped_at(before, 14).into_iter().chain(["某市专家下乡讲科普 两千多册读本送村民".to_string(), "某某新闻网某地1月18日讯记者 赵甲乙".to_string()]).chain(wrapped_at(body, 14)).collect();
        let bs = blocks(&crate::Page::from_text(&lines.join("\n")), &Rules::embedded(), Layout::HardWrapped);
        let texts: Vec<String> = bs.iter().map(|b| b.text()).collect();
        assert!(texts.iter().any(|t| t.starts_with("某某新闻网某地1月18日讯记者 赵甲乙通讯员 钱丙丁）")), "{texts:#?}");
    }

    #[test]
    fn a_paragraphs_first_line_atop_a_column_read_across_is_text() {
        // two columns of one box read across; the second opens on a paragraph's first line,
        // short by its indent and unpunctuated: it opens that paragraph, it is no heading
        let a = "某镇今年以来大力推进农村人居环境整治，组织党员干部和志愿者清理河道沟渠，拆除危旧房屋和违章搭建，新修村组道路十多公里，安装太阳能路灯三百多盏，建成一批小游园，群众拍手称快。";
        let first = "镇里还在每个村建起";
        let rest = "了垃圾分类收集点，配备专职保洁员，做到垃圾日产日清。村民们说，如今村里的环境越来越好，走在干净整洁的村道上，心情也格外舒畅。";
        let mut b = vec![first.to_string()];
        b.extend(wrapped_at(rest, 12));
        let page = read_across(&[&wrapped_at(a, 12), &b]);
        let bs = blocks(&crate::Page::from_text(&page), &Rules::embedded(), Layout::HardWrapped);
        let texts: Vec<String> = bs.iter().map(|b| b.text()).collect();
        assert!(texts.iter().any(|t| t.starts_with(&format!("{first}了垃圾"))), "{texts:#?}");
    }

    /// A column of paragraphs `width` characters wide, each first line short by an indent of
    /// two characters (which the extraction dropped).
    fn indented_column(paragraphs: &[&str], width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for p in paragraphs {
            let cs: Vec<char> = p.chars().collect();
            let first = (width - 2).min(cs.len());
            lines.push(cs[..first].iter().collect());
            lines.extend(cs[first..].chunks(width).map(|c| c.iter().collect::<String>()));
        }
        lines
    }

    #[test]
    fn a_wide_boxs_paragraphs_read_across_open_on_their_indented_lines() {
        // a narrow box beside a wide one, read across a line of each in turn; most lines are
        // narrow. The wide box's paragraphs open short by the indent, which leaves them wider
        // than most lines and of no width four lines share: they are its text, not headings
        // standing alone, and each opens its paragraph whole
        let narrow = "本报某地3月5日电（记者李丁）某镇今年以来大力推进农村人居环境整治，组织党员干部和志愿者清理河道沟渠，拆除危旧房屋和违章搭建，新修村组道路十多公里，安装太阳能路灯三百多盏。镇里还在每个村建起了垃圾分类收集点，配备专职保洁员，做到垃圾日产日清。村民们说，如今村里的环境越来越好，走在干净整洁的村道上，心情也格外舒畅。下一步，该镇将继续加大投入，建设一批乡村公园和文化广场，让群众在家门口就能休闲健身。镇党委负责人表示，环境整治只有起点没有终点，要建立长效管护机制，巩固好整治成果，让乡村更美丽、群众更满意。据介绍，该镇还将组织开展最美庭院评选活动，发动群众自己动手美化庭院，种花种草，打造一批示范户，以点带面推动全镇人居环境整体提升，努力建设宜居宜业和美乡村。";
        let wide = [
            "某区图书馆从本月起延长开放时间，每天开放到晚上九点，还在二楼增设了自习区和少儿阅读区，受到附近居民和学生的欢迎，晚上来看书的人一天比一天多。",
            "读者可以在网上预约座位，也可以到现场排队领取号码牌，馆员介绍这个月已经办理读者证两百多张，比上个月多了三成，其中不少是带着孩子一起来的年轻家长。",
            "图书馆负责人说，今后还将举办更多的读书会和讲座，邀请作家和学者与读者面对面交流，让更多人走进图书馆，在书香中度过愉快的夜晚时光。",
        ];
        let page = read_across(&[&wrapped_at(narrow, 11), &indented_column(&wide, 20)]);
        let bs = blocks(&crate::Page::from_text(&page), &Rules::embedded(), Layout::HardWrapped);
        let texts: Vec<String> = bs.iter().map(|b| b.text()).collect();
        for p in wide {
            assert!(texts.iter().any(|t| t == p), "{p}: {texts:#?}");
        }
    }

    /// Paragraphs of a column 16 characters wide set with an indent, each a box of its own
    /// (a blank line between), as pdfminer prints them.
    fn boxed_paragraphs(paragraphs: &[&str]) -> Vec<String> {
        paragraphs.iter().flat_map(|p| indented_column(&[p], 16).into_iter().chain([String::new()])).collect()
    }

    const BOXED: [&str; 3] = [
        "本报讯 某县今年以来大力推进农村人居环境整治，组织党员干部和志愿者清理河道沟渠，拆除危旧房屋和违章搭建，新修村组道路十多公里。",
        "镇里还在每个村建起了垃圾分类收集点，配备专职保洁员，做到垃圾日产日清，村民们说如今村里的环境越来越好了。",
        "下一步，该县将继续加大投入，建设一批乡村公园和文化广场，让群众在家门口就能休闲健身。",
    ];

    #[test]
    fn an_indented_first_line_with_no_clause_mark_atop_its_box_opens_its_paragraph() {
        // a paragraph whose first line happens to hold no clause mark (no word runs across its
        // end): the line after it, in its box, goes on with a clause mark; a headline stands
        // over a line of its own box only with a deck or byline under it
        let third = "某县农机专业合作社是有12名社员的股份合作制企业。从成立那年起，合作社年年盈利，今年新购大型收割机十台。";
        let lines = boxed_paragraphs(&[BOXED[0], BOXED[1], BOXED[2], third]);
        let texts = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(texts.iter().any(|t| t == third), "{texts:#?}");
    }

    /// A one-article page indenting its paragraphs by two characters (dropped by the
    /// extraction), a column ten characters wide; `caption` is the last paragraph's two lines.
    fn caption_paragraph_page(caption: [&str; 2], after: &[&str]) -> String {
        let mut lines = vec![
            "某县举行叉车工技能比武",
            "",
            "本报讯　某县日前举行叉",
            "车工技能比武，来自全县",
            "各企业的三十名选手参加",
            "了比赛。",
            "评委们为选手逐项",
            "打分，还不时进行现场示",
            "范讲解，赛场气氛紧张而",
            "又热烈。",
        ];
        lines.extend(caption);
        lines.extend(after);
        lines.join("\n")
    }

    #[test]
    fn an_indented_first_line_and_a_full_line_with_no_clause_mark_are_text_that_runs_on() {
        // a photo caption set as the last paragraph (这是……): its first line short by the indent,
        // its second full and cut inside a word (叉车技|能) at the column's foot, under the
        // desk's line; it goes on at the next column's head
        let page = caption_paragraph_page(["这是某月某日在某", "镇物流园区举行的叉车技"], &["", "本版编辑 某某部", "", "能比武的现场。", "今年某县还将举办", "更多技能竞赛，帮助职工", "提升水平。"]);
        let got = crate::extract_text(&page, &Rules::embedded());
        assert_eq!(got.articles.len(), 1, "{got:#?}");
        assert!(got.articles[0].paragraphs.contains(&"这是某月某日在某镇物流园区举行的叉车技能比武的现场。".to_string()), "{got:#?}");
        assert!(got.leftovers.iter().all(|l| !l.text.contains("这是")), "{got:#?}");
    }

    #[test]
    fn two_headlines_as_wide_as_an_indented_line_and_a_full_one_over_a_lead_stand_apart() {
        // the same widths (a line short by the indent, then a full one with no clause mark),
        // over a lead: a headline printed after its body, then the next article's headline
        let page = caption_paragraph_page(["某县职工书屋开放", "某县叉车工比武落幕了"], &["本报讯　某县叉车工技能", "比武日前落幕，十名选手", "获奖。"]);
        let got = crate::extract_text(&page, &Rules::embedded());
        let heads: Vec<_> = got.articles.iter().map(|a| a.headline.clone().unwrap_or_default()).collect();
        assert!(heads.contains(&"某县叉车工比武落幕了".to_string()), "{heads:?}");
        assert!(got.articles.iter().all(|a| a.paragraphs.iter().all(|p| !p.contains("书屋"))), "{got:#?}");
    }

    #[test]
    fn an_indented_first_line_over_a_second_with_no_clause_mark_opens_its_paragraph() {
        // the paragraph's first two lines hold no clause mark (its first sentence is long): the
        // box under the first line goes on for lines with clause marks in them, no deck or
        // byline of a headline
        // (its first line short of the column by more than the indent, as where a line near
        // fits a character more)
        let first = ["某县农机专业合作社与某公司", "联合举办的“丰收杯”全县农机手技", "能大赛日前结束。来自全县的三十名", "机手参加比赛，十人获奖，其中三人", "获一等奖。", ""];
        let mut lines: Vec<String> = ["全县农机手技能大赛落幕", ""].into_iter().chain(first).map(String::from).collect();
        lines.extend(boxed_paragraphs(&[BOXED[1], BOXED[2]]));
        let third = &first.concat();
        let texts = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(texts.contains(third), "{texts:#?}");
    }

    #[test]
    fn a_line_as_wide_as_its_own_column_is_no_headline_over_a_narrower_one() {
        // pdfminer's box of a column 14 characters wide under a column of 13: two lines of the
        // box hold no clause mark and are a character wider than the column above, but as wide
        // as the lines of their own column after them (no word of a headline is cut: 中|国)
        let above = "某县今年以来大力推进农村人居环境整治，组织党员干部和志愿者清理河道沟渠，拆除危旧房屋和违章搭建，新修村组道路十多公里，镇里还在每个村建起了垃圾分类收集点，配备专职保洁员，做到垃圾日产日清。";
        let mut lines = wrapped_at(above, 13);
        lines.push(String::new());
        let boxed = ["在植树节前夕，某省绿化委员会、", "林业局和团省委通过某某网向中", "国各地发布首批森林乡村名单共", "十个村。"];
        lines.extend(boxed.map(String::from));
        lines.push(String::new());
        let below = "这十个村分别是：某县某镇甲村、某县某镇乙村、某县某镇丙村、某县某镇丁村、某县某镇戊村，以及某市某区己村等，名单已在网上公示，各地将组织观摩学习活动。";
        lines.extend(wrapped_at(below, 14));
        let texts = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(texts.contains(&boxed.concat()), "{texts:#?}");
    }

    #[test]
    fn an_indented_first_line_broken_off_inside_a_word_runs_on() {
        // pdfminer boxed a paragraph's first line apart (为书 | 写主题), short of the column by
        // its indent and by more where a line near fits a character more (《》 and a digit): a
        // word runs across the blank line, and no headline ends inside a word
        let mut lines = boxed_paragraphs(&BOXED);
        lines.extend(["县文化馆近日举办书法作品展，", "王某某的《春晓》等9件作品分获一、二", "等奖，还有30件作品被县文化馆收藏。", ""].map(String::from));
        lines.extend(["本次活动以“绿水青山家园”为书", "", "写主题，在展示小学生书法功底的基", "础上，努力激发他们热爱家乡的感情。", "全县各乡镇共有两千余名小学生报名", "参加。"].map(String::from));
        let x = crate::extract_text(&lines.join("\n"), &Rules::embedded());
        let texts: Vec<&str> = x.articles.iter().flat_map(|a| a.paragraphs.iter().map(String::as_str)).collect();
        let broken = "本次活动以“绿水青山家园”为书写主题，在展示小学生书法功底的基础上，努力激发他们热爱家乡的感情。全县各乡镇共有两千余名小学生报名参加。";
        assert!(texts.contains(&broken), "{texts:#?}");
        assert!(x.articles.iter().all(|a| a.headline.is_none()), "{:#?}", x.articles);
    }

    #[test]
    fn a_line_as_wide_as_the_pages_text_lines_is_no_headline() {
        // a text layer printed a visual line a page line: the lines of its columns are of one
        // width, and one of them happens to hold no clause mark; the headline is shorter
        let text = [
            "市图书馆延时开放受欢迎",
            "入冬以来，市图书馆每天开放到晚上九点，还在二楼增设了",
            "自习区和少儿阅读区，读者可以在网上预约座位，也可以到",
            "现场排队领取号码牌。馆员介绍，这个月已经办理新读者证两",
            "百多张，较上个月增加了三成多，晚间来馆的多为附近的",
            "上班族和中学生，不少家长带着孩子一起来读书写作业和看",
            "绘本故事书还有各种少儿科普读物以及历史地理类的图书画册",
            "，周末的读者更多。图书馆还组织了读书会和讲座，邀请作家",
            "和学者与读者面对面交流，每场都座无虚席，气氛十分热烈，",
            "读者纷纷表示收获很大。图书馆负责人说，今后还将延长开",
            "放时间。",
        ];
        let rules = Rules::embedded();
        let page = crate::Page::from_text(&text.join("\n"));
        let bs = blocks(&page, &rules, Layout::ParagraphPerLine);
        assert!(bs[6].runs_on, "{:#?}", bs[6]);
        assert!(!bs[0].runs_on && !bs[10].runs_on);
        let roles: Vec<_> = crate::classify::classify(bs, &rules).iter().map(|c| c.role).collect();
        assert_eq!(roles[6], crate::classify::Role::Body, "{roles:?}");
        assert_eq!(roles[0], crate::classify::Role::Headline, "{roles:?}");
    }

    #[test]
    fn furniture_lines_under_a_headline_stand_apart() {
        // a source line under a headline, its colon wrapped alone, and a jump marker: neither
        // runs into the headline of the next article nor into the text
        let got = unwrapped(&[
            "入冬以来，社区图书馆每天",
            "开放到晚上九点，还增设了",
            "自习区。",
            "这一天，图书馆共接待读者",
            "三百多人次，秩序井然，馆",
            "员们一直忙到深夜。",
            "社区图书馆延时开放受欢迎",
            "某某台消息（晚间新闻）",
            "：",
            "冬夜书香见闻",
            "（上接第3版）",
            "这一天，图书馆共接待读者",
            "三百多人次，秩序井然。",
        ]);
        assert!(got.contains(&"某某台消息（晚间新闻）：".to_string()), "{got:#?}");
        assert!(got.contains(&"（上接第3版）".to_string()), "{got:#?}");
        assert!(got.contains(&"冬夜书香见闻".to_string()), "{got:#?}");
    }

    #[test]
    fn a_lead_dateline_runs_on_and_a_line_cut_mid_word_is_no_headline() {
        let mut lines = column('甲', 12, 8);
        lines.extend(["本报某地1月2日电 每到", "周末，社区图书馆都格外热", "闹。今天，前来借书的读者", "排起了长队，馆员们忙个不", "停，一直忙到了晚上九点。"].map(String::from));
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(got.iter().any(|b| b.starts_with("本报某地1月2日电 每到周末")), "{got:#?}");
        // a column-wide line cut mid-word before a blank line (a text box ends there) runs on
        let mut lines = column('甲', 12, 8);
        lines.extend(["这座楼建于上世纪五十年代", "是全市规模最大的一座图书", "", "馆。从建馆以来，这里接待", "读者两千万人次。"].map(String::from));
        let rules = Rules::embedded();
        let bs = blocks_of(&Page::from_text(&lines.join("\n")), &rules);
        let cut = bs.iter().find(|b| b.text().ends_with("一座图书")).expect("the cut line");
        assert!(cut.runs_on, "{bs:#?}");
    }

    #[test]
    fn a_titled_headline_over_a_lead_stands_apart() {
        // a paragraph whose last line fills the column and ends a sentence, then a 某地：…
        // headline with quoted words and the lead that opens with its dateline
        let mut lines = column('甲', 12, 8);
        lines.extend(["这一天，图书馆共接待读者", "三百多人次，秩序井然有序。", "某区：“书香社区”添新景", "本报某地2月17日电（记者", "张明）为了让读者就近借书，"].map(String::from));
        let got = unwrapped(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(got.contains(&"某区：“书香社区”添新景".to_string()), "{got:#?}");
    }

    #[test]
    fn a_headline_overrunning_its_column_stands_apart() {
        // a PDF text layer (a blank line after every line): a headline two characters wider
        // than the column, after a finished paragraph and over the next article's first line
        let mut lines = column('甲', 12, 8);
        lines.extend(["这一天，图书馆共接待读者", "三百多人次。", "社区图书馆延时开放受读者欢迎", "2月6日，社区图书馆每天开", "放到晚上九点，还增设了自", "习区。"].map(String::from));
        let page = Page::from_text(&lines.join("\n\n"));
        let got: Vec<String> = blocks_of(&page, &Rules::embedded()).iter().map(Block::text).collect();
        assert!(got.contains(&"社区图书馆延时开放受读者欢迎".to_string()), "{got:#?}");
    }

    #[test]
    fn a_headline_wider_than_its_column_under_a_finished_sentence_stands_apart() {
        // a PDF text layer: a paragraph whose last line fills the column and ends a sentence,
        // then the article's headline, printed under its body and a character wider than the
        // column, then the next article's text. A line of text a character wider only by its
        // book-title marks (a column compresses them) runs on.
        let got = between_columns(14, &["这一天，图书馆共接待读者三百", "多人次，阅览室里座无虚席了。", "社区图书馆延时开放受到读者欢迎"]);
        assert!(got.contains(&"社区图书馆延时开放受到读者欢迎".to_string()), "{got:#?}");
        assert!(got.iter().any(|b| b.ends_with("座无虚席了。")), "{got:#?}");
        let got = between_columns(14, &["这一天，图书馆共接待读者三百", "多人次，阅览室里座无虚席了。", "读者最喜欢借阅的还是《某县志》", "等地方文献，借阅量逐月上升。"]);
        assert!(got.iter().any(|b| b.contains("座无虚席了。读者最喜欢借阅的还是《某县志》等地方文献")), "{got:#?}");
    }

    #[test]
    fn a_line_inside_a_book_title_is_no_heading_in_spaced_phrases() {
        // a document's title, set with a space between its two phrases, wraps over three lines
        // of a column: its middle line looks like a headline in phrases, but a book title the
        // line before opened (《…) is still open
        let got = between_columns(12, &["近日，某市印发《关于进一", "步加强社区服务 提升居民", "生活品质的意见》，明确了", "今后三年的工作重点。"]);
        assert!(got.iter().any(|b| b.contains("《关于进一步加强社区服务 提升居民生活品质的意见》，明确了今后三年的工作重点。")), "{got:#?}");
    }

    #[test]
    fn a_headline_in_spaced_phrases_stands_apart_even_within_its_column() {
        // a PDF text layer: a headline of two phrases parted by a space, narrower than the
        // column, at the head of the page and again after a paragraph that ends mid-column;
        // a two-line headline whose second line is spaced stays one headline
        let mut lines = vec!["某市加快建设 新区道路通车".to_string()];
        lines.extend(column('甲', 14, 6));
        lines.extend(["社区图书馆 夜间照常开放".to_string(), "二月以来，社区图书馆每天开".to_string(), "放到晚上九点，还增设了自习".to_string(), "区。".to_string()]);
        let page = Page::from_text(&lines.join("\n\n"));
        let got: Vec<String> = blocks_of(&page, &Rules::embedded()).iter().map(Block::text).collect();
        assert_eq!(got[0], "某市加快建设 新区道路通车", "{got:#?}");
        assert!(got[1].starts_with('甲'), "{got:#?}");
        assert!(got.contains(&"社区图书馆 夜间照常开放".to_string()), "{got:#?}");
        let two = "某地关于切实做好今年春季的\n春耕生产 保障粮食安全的通知\n\n".to_string() + &[column('乙', 14, 8), column('丙', 14, 8)].concat().join("\n\n");
        let got: Vec<String> = blocks_of(&Page::from_text(&two), &Rules::embedded()).iter().map(Block::text).collect();
        assert_eq!(got[0], "某地关于切实做好今年春季的春耕生产 保障粮食安全的通知", "{got:#?}");
        assert!(!spaced_phrases("用 5年左右") && !spaced_phrases("记者 张 明 通讯员 李 华") && !spaced_phrases("他说 好的，"));
        assert!(!spaced_phrases("某地共有 2000余名 志愿者") && !spaced_phrases("截至2023 年底某地"));
        assert!(spaced_phrases("“某某之城”接待逾3000名游客 创历史新高"));
    }

    #[test]
    fn a_headline_in_spaced_phrases_with_a_number_stands_apart_after_a_finished_quotation() {
        // a text layer read in the order it was painted: a box's headline after its body, as
        // wide as the column, one phrase holding a number, then the next box's headline
        let got = between_columns(18, &["“在雨季结束之前，我们的巡查工作一天都", "不会停。”", "“某某之城”接待逾3000名游客 创新高", "某地工匠：新型技术工人"]);
        assert!(got.iter().any(|b| b.ends_with("一天都不会停。”")), "{got:#?}");
        assert!(got.contains(&"“某某之城”接待逾3000名游客 创新高".to_string()), "{got:#?}");
        assert!(got.contains(&"某地工匠：新型技术工人".to_string()), "{got:#?}");
    }

    /// The blocks of a PDF layer (a blank line after every line): a column of `width`, the
    /// lines `middle`, then another column of that width.
    fn between_columns(width: usize, middle: &[&str]) -> Vec<String> {
        let mut lines = column('甲', width, 8);
        lines.extend(middle.iter().map(|l| l.to_string()));
        lines.extend(column('乙', width, 8));
        let page = Page::from_text(&lines.join("\n\n"));
        blocks_of(&page, &Rules::embedded()).iter().map(Block::text).collect()
    }

    #[test]
    fn a_headline_over_a_lead_stands_apart_after_a_column_cut_mid_sentence() {
        // a column ends mid-sentence; the next article's headline, shorter than the column,
        // stands over its lead (a dateline opens it), not at the end of the cut paragraph
        let got = between_columns(
            14,
            &["这一天，图书馆共接待读者三百", "多人次，阅览室里的座位全都", "社区图书馆延时开放", "本报某地2月17日电（记者张", "明）为了让读者就近借书，社", "区图书馆延长了开放时间。"],
        );
        assert!(got.contains(&"社区图书馆延时开放".to_string()), "{got:#?}");
        assert!(got.iter().any(|b| b.ends_with("座位全都")), "{got:#?}");
    }

    #[test]
    fn a_byline_wrapped_before_its_bracket_closes_still_opens_a_lead() {
        // a column ends mid-word (社|保 runs on in another column); the next line opens the
        // next article with a byline the column wrapped before its closing bracket
        let got = between_columns(16, &["送服务上门,让大家不出门就能办好社", "某某网某地1月18日讯记者 赵甲 通", "讯员 钱乙)1月18日上午,某市文联组织", "艺术家到乡镇演出,送去春联两千多幅。"]);
        assert!(got.iter().any(|b| b.ends_with("就能办好社")), "{got:#?}");
        assert!(got.iter().any(|b| b.starts_with("某某网某地1月18日讯记者")), "{got:#?}");
    }

    #[test]
    fn a_byline_wrapped_at_a_boxs_end_reads_on_into_the_next_box() {
        // a text layer that parts its boxes with blank lines (pdfminer): the lead's byline is
        // wrapped before its bracket closes, on the last line of a box; the next box goes on
        // with the byline and the lead's text
        let got: Vec<String> = boxed_texts(&["某某网某地3月2日讯记者 赵甲 通", "", "讯员 钱乙)3月2日上午,某县图书馆组织", "志愿者到乡镇送书,送去图书两千多册。"]);
        assert!(got.iter().any(|b| b.starts_with("某某网某地3月2日讯记者 赵甲 通讯员 钱乙)3月2日上午")), "{got:#?}");
    }

    #[test]
    fn a_dated_byline_wrapped_inside_its_bracket_reads_on_into_the_lead() {
        // the dateline alone would open a lead; the reporter's name is cut by the line break
        // (王某 | 某）), and the byline ends where its bracket closes, on the next line
        let got: Vec<String> = boxed_texts(&["某某艺术团赴某地慰问演出", "本报某地12月29日电（记者王某", "某） 由某某文联主办的某某艺术团活动", "日前来到某地，为当地群众献上一场演"]);
        assert!(got.iter().any(|b| b.starts_with("本报某地12月29日电（记者王某某） 由某某文联主办")), "{got:#?}");
    }

    #[test]
    fn a_dateline_line_over_a_bracketed_byline_opens_the_lead_with_it() {
        // the column wrapped the lead's prefix after the dateline, its bracket going to the
        // next line (a bracket may not end a line): the two lines open one lead
        let got: Vec<String> = boxed_texts(&["某部门：某市节日菜价将保持平稳", "本报北京12月30日电", "（记者王某某、李某） 某部门副司长", "王某30日说，从12月中旬开始，已陆"]);
        assert!(got.iter().any(|b| b.starts_with("本报北京12月30日电（记者王某某、李某） 某部门副司长")), "{got:#?}");
    }

    #[test]
    fn a_dateline_line_over_a_byline_bracket_that_the_line_after_closes_opens_the_lead_with_it() {
        // a narrower column: the bracket opened under the dateline closes only on the line
        // after (通讯员赵某某、| 孙某某）): the three lines open one lead, and the dateline is no
        // line of its own
        let got: Vec<String> =
            boxed_texts(&["某县农民画展开幕", "本报某地3月9日电", "（记者林某某 通讯员赵某某、", "孙某某） 为了让农民画走进城", "市，某县文化馆日前在省城举办", "农民画展，展出作品两百多幅。"]);
        assert!(got.iter().any(|b| b.starts_with("本报某地3月9日电（记者林某某 通讯员赵某某、孙某某） 为了让")), "{got:#?}");
        assert!(!got.iter().any(|b| b == "本报某地3月9日电"), "{got:#?}");
    }

    #[test]
    fn a_line_wrapped_inside_a_word_goes_on_under_a_closing_byline_and_is_no_headline_over_a_name() {
        // after an article closed by its byline, a photo's caption wrapped inside a word (阅|读)
        // over the rest of it, a short line shaped like a bare name: the two lines are one
        // caption, not a headline over its author
        let got: Vec<String> = boxed_texts(&[
            "某县文化站新馆今年落成开放，馆内",
            "藏书两万册，每天吸引许多村民。",
            "本报记者 林某某",
            "村民们正在新建的文化站阅览室里阅",
            "读报刊",
            "某县文化站新馆位于县城东部，设有",
            "阅览室和多功能厅，周末还举办讲座。",
        ]);
        assert!(got.iter().any(|b| b.starts_with("村民们正在新建的文化站阅览室里阅读报刊")), "{got:#?}");
        assert!(!got.iter().any(|b| b == "读报刊"), "{got:#?}");
    }

    #[test]
    fn the_rest_of_a_line_cut_inside_a_word_is_no_name_under_it() {
        // a narrow column: after a finished paragraph, a photo's caption wrapped inside a word
        // (书|架) over a last line of four characters, as short as a bare name: it is the
        // caption's end, not the name of a headline's author
        let got: Vec<String> =
            boxed_texts(&["某县今年在各村建起农家书屋，免费", "向村民开放，深受欢迎。", "村民李某某正在书屋里给孩子挑选书", "架上的书", "书屋现有图书三千多册，每天都有村", "民来这里看书。"]);
        assert!(!got.iter().any(|b| b == "架上的书"), "{got:#?}");
        assert!(got.iter().any(|b| b.starts_with("村民李某某正在书屋里给孩子挑选书架上的书")), "{got:#?}");
    }

    #[test]
    fn a_paragraphs_first_line_at_a_columns_foot_runs_on() {
        // a page that indents its paragraphs (their first lines are two characters short);
        // the column's last line opens a paragraph, unpunctuated and short by the indent, and
        // the next column (after the blank line that ends the box) is another box's: the line
        // is text that goes on elsewhere, not a headline over the box after it
        let para = |first: &str| vec![format!("{first}某某某某某某某某某某某，"), "某某某某某某某某某某某某某某某，".to_string(), "某某某某某某某某某某某某某某某，".to_string(), "完了。".to_string()];
        let mut lines: Vec<String> = ["某某", "某甲", "某乙"].iter().flat_map(|f| para(f)).collect();
        lines.push("二〇二四年由某区文化馆牵头".to_string());
        lines.push(String::new());
        lines.extend(["另一篇的文字某某某某某某某某某，", "某某某某某某某某某某某某某某某，", "某某某某某某某某某某某某某某某，", "完了。"].map(String::from));
        let bs = blocks_of(&Page::from_text(&lines.join("\n")), &Rules::embedded());
        let foot = bs.iter().find(|b| b.text() == "二〇二四年由某区文化馆牵头").expect("the foot line stands alone");
        assert!(foot.runs_on, "{bs:#?}");
    }

    /// `middle` between two columns 16 characters wide, unwrapped as a text layer that parts
    /// its boxes with blank lines prints it (an empty line in `middle` ends a box).
    /// The texts of the blocks of [`boxed`].
    fn boxed_texts(middle: &[&str]) -> Vec<String> {
        boxed(middle).iter().map(Block::text).collect()
    }

    fn boxed(middle: &[&str]) -> Vec<Block> {
        let mut lines = column('甲', 16, 8);
        lines.extend(middle.iter().map(|l| l.to_string()));
        lines.extend(column('乙', 16, 8));
        blocks_of(&Page::from_text(&lines.join("\n")), &Rules::embedded())
    }

    /// Whether `line`, after a finished paragraph and ending a box, runs on into the box that
    /// opens with `next` (see [`boxed`]).
    fn box_end_runs_on(line: &str, next: &str) -> Option<bool> {
        boxed(&[line, "", next, "某某某某某某某某某某某某某某某，", "完了。"]).into_iter().find(|b| b.text() == line).map(|b| b.runs_on)
    }

    #[test]
    fn a_full_line_alone_after_a_paragraph_runs_on_into_text_across_a_box_end() {
        // a text layer that parts its boxes with blank lines: after a finished paragraph, a
        // column-wide line without clause marks ends a box mid-word (工作会|议); the next box
        // opens with a line of text: the line runs on, it is no headline. Over a line shaped
        // like a title it is a kicker
        assert_eq!(box_end_runs_on("在昨天举行的某县全年度农业工作会", "议上，赵甲介绍，今年某县粮食产量"), Some(true));
        assert_eq!(box_end_runs_on("某某街道社区组织开展志愿服务活动", "某市：志愿者进社区送温暖"), Some(false));
    }

    #[test]
    fn a_full_line_that_ends_a_box_unfinished_runs_on_into_the_next_box() {
        // a text layer that parts its boxes with blank lines: after a finished paragraph, a
        // line that fills the column ends a box without finishing its sentence (…比赛结束后), and
        // the next box opens with a line of text: a paragraph broken at the column's foot, no
        // headline. Over a line shaped like a title, or over a lead, it stands apart
        assert_eq!(box_end_runs_on("球队主教练赵甲在当晚的比赛结束后", "依然十分激动，他说这场比赛的胜利"), Some(true));
        assert_eq!(box_end_runs_on("某篮球队赴某县开展体育下乡交流赛", "千余名群众冒雨观看精彩比赛"), Some(false));
        assert_eq!(box_end_runs_on("某篮球队赴某县开展体育下乡交流赛", "本报某地1月18日电（记者赵甲）日前，"), Some(false));
    }

    #[test]
    fn a_headline_over_a_byline_line_after_a_finished_sentence_stands_apart() {
        // a paragraph whose last line fills the column and ends a sentence, then the next
        // article's headline as wide as the column over its byline line, then its text
        let got = between_columns(14, &["这一天，图书馆共接待读者三百", "多人次，阅览室里座无虚席了。", "社区图书馆延时开放受到欢迎", "本报记者 赵甲"]);
        assert!(got.contains(&"社区图书馆延时开放受到欢迎".to_string()), "{got:#?}");
        assert!(got.iter().any(|b| b.ends_with("座无虚席了。")), "{got:#?}");
    }

    #[test]
    fn a_headline_a_character_wider_than_its_column_stands_apart_but_a_quoting_line_does_not() {
        // a headline one character wider than the column stands apart; a line of text that
        // fills the column with quotation marks in it (set narrow in real text layers) runs on
        let mut lines = column('甲', 12, 8);
        lines.extend(
            [
                "这一天，图书馆共接待读者",
                "三百多人次。",
                "社区图书馆延时开放受到欢迎",
                "社区图书馆每天开放到晚上",
                "九点，还增设了自习区域，",
                "读者都称赞“夜间书房”方便",
                "又安静，上班族下班后都来",
                "这里看书学习。",
            ]
            .map(String::from),
        );
        let page = Page::from_text(&lines.join("\n\n"));
        let got: Vec<String> = blocks_of(&page, &Rules::embedded()).iter().map(Block::text).collect();
        assert!(got.contains(&"社区图书馆延时开放受到欢迎".to_string()), "{got:#?}");
        assert!(got.iter().any(|b| b.contains("区域，读者都称赞“夜间书房”方便又安静")), "{got:#?}");
    }

    #[test]
    fn headlines_collected_at_the_page_end_stand_apart_from_the_last_paragraph() {
        // the last paragraph's last line fills the column and ends a sentence; the headlines
        // collected under it, the first only two characters short of the column, stand apart
        let mut lines = column('甲', 14, 8);
        lines.extend(["这一天，图书馆共接待读者三百", "多人次，阅览室里座无虚席了。", "某县新建十座农家书屋投用", "某村举办首届读书节"].map(String::from));
        let page = Page::from_text(&lines.join("\n\n"));
        let got: Vec<String> = blocks_of(&page, &Rules::embedded()).iter().map(Block::text).collect();
        assert!(got.iter().any(|b| b.ends_with("座无虚席了。")), "{got:#?}");
        assert!(got.contains(&"某县新建十座农家书屋投用".to_string()), "{got:#?}");
    }

    #[test]
    fn a_headline_a_little_short_of_a_flush_column_stands_apart() {
        // a page that sets paragraphs flush: a paragraph's first line fills the column; a
        // headline two characters short of it, after a finished sentence or atop the page,
        // is no first line of the text under it
        let text = ["为满足村民的阅读需求，某县今", "年在十个村新建了农家书屋，每", "座书屋藏书都在两千册以上。"];
        let got = between_columns(14, &[&["这一天，图书馆共接待读者三百", "多人次，阅览室里座无虚席了。", "某县新建十座农家书屋投用"][..], &text].concat());
        assert!(got.contains(&"某县新建十座农家书屋投用".to_string()), "{got:#?}");
        assert!(got.iter().any(|b| b.starts_with("为满足村民")), "{got:#?}");
        let mut page: Vec<String> = ["某县新建十座农家书屋投用"].iter().chain(&text).map(|l| l.to_string()).collect();
        page.extend(column('乙', 14, 8));
        let got: Vec<String> = blocks_of(&Page::from_text(&page.join("\n\n")), &Rules::embedded()).iter().map(Block::text).collect();
        assert_eq!(got[0], "某县新建十座农家书屋投用", "{got:#?}");
    }

    #[test]
    fn a_short_quoted_headline_after_a_finished_sentence_stands_apart() {
        // the paragraph's last line fills the column and ends a sentence; the next article's
        // headline, short and with quoted words, stands over its text
        let got = between_columns(14, &["这一天，图书馆共接待读者三百", "多人次，阅览室里座无虚席了。", "“小书屋”里的大学问", "近日，某村农家书屋迎来了一批"]);
        assert!(got.contains(&"“小书屋”里的大学问".to_string()), "{got:#?}");
        assert!(got.iter().any(|b| b.ends_with("座无虚席了。")), "{got:#?}");
    }

    #[test]
    fn a_headline_as_the_page_s_last_line_stands_apart() {
        // the page ends on a headline printed after its body, as wide as the column, right
        // after a line that fills the column and ends a sentence
        let mut lines = column('甲', 14, 8);
        lines.extend(["这一天，图书馆共接待读者三百".to_string(), "多人次，阅览室里座无虚席了。".to_string(), "社区图书馆延时开放受到欢迎".to_string()]);
        let got: Vec<String> = blocks_of(&Page::from_text(&lines.join("\n\n")), &Rules::embedded()).iter().map(Block::text).collect();
        assert_eq!(got.last().map(String::as_str), Some("社区图书馆延时开放受到欢迎"), "{got:#?}");
    }

    #[test]
    fn a_headline_after_a_byline_that_closed_the_article_above_stands_apart() {
        // a finished paragraph, its article's byline, then the next article's headline as
        // wide as the column right over its first line of text
        let got = between_columns(14, &["这一天，图书馆共接待读者三百", "多人次，阅览室里座无虚席了。", "本报记者 赵甲", "社区图书馆延时开放受到欢迎", "近日，某社区图书馆每天开放到"]);
        assert!(got.contains(&"社区图书馆延时开放受到欢迎".to_string()), "{got:#?}");
    }

    #[test]
    fn a_headline_over_a_lead_opening_on_a_time_stands_apart() {
        // a finished paragraph whose last line fills the column, then the next article's
        // headline as wide as the column over its lead, which opens on 近日，
        let got = between_columns(14, &["这一天，图书馆共接待读者三百", "多人次，阅览室里座无虚席了。", "社区图书馆延时开放受到欢迎", "近日，某社区图书馆每天开放"]);
        assert!(got.contains(&"社区图书馆延时开放受到欢迎".to_string()), "{got:#?}");
    }

    /// The blocks of a page that opens with `lead` under a headline a character short of its
    /// 14-character column (within what a full line may fall short by), a column of text after.
    fn headline_atop(lead: &[&str]) -> Vec<String> {
        let mut lines: Vec<String> = std::iter::once("社区图书馆延时开放受到欢迎").chain(lead.iter().copied()).map(String::from).collect();
        lines.extend(column('乙', 14, 8));
        blocks_of(&Page::from_text(&lines.join("\n\n")), &Rules::embedded()).iter().map(Block::text).collect()
    }

    #[test]
    fn a_headline_atop_the_page_over_a_lead_opening_on_a_time_stands_apart() {
        // the lead opens on 近日，
        let got = headline_atop(&["近日，某社区图书馆每天开放", "到晚上九点，方便居民下班后", "借书还书。"]);
        assert_eq!(got[0], "社区图书馆延时开放受到欢迎", "{got:#?}");
        assert!(got[1].starts_with("近日，") && got[1].ends_with("借书还书。"), "{got:#?}");
    }

    #[test]
    fn a_headline_atop_the_page_over_a_lead_opening_on_its_purpose_stands_apart() {
        // the lead opens on what the reported work is for (为进一步……)
        let got = headline_atop(&["为进一步方便居民借阅图书，", "某社区图书馆每天开放到晚上", "九点。"]);
        assert_eq!(got[0], "社区图书馆延时开放受到欢迎", "{got:#?}");
        assert!(got[1].starts_with("为进一步") && got[1].ends_with("九点。"), "{got:#?}");
    }

    #[test]
    fn each_column_is_unwrapped_at_its_own_measure() {
        // a wide column, then a narrow one, every line followed by a blank line (a PDF layer)
        let mut lines = column('甲', 20, 12);
        lines.extend(column('乙', 14, 12));
        let text = lines.join("\n\n");
        let rules = Rules::embedded();
        let page = Page::from_text(&text);
        let layout = detect_layout(&page, &rules);
        let bodies: Vec<String> = blocks(&page, &rules, layout).iter().map(Block::text).collect();
        assert_eq!(bodies.len(), 2, "{bodies:#?}");
        assert!(bodies[1].starts_with('乙') && bodies[1].ends_with("完了。"), "{bodies:#?}");
    }
}
