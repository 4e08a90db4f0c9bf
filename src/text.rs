//! Character classes and small text helpers shared by the stages.

use crate::rules::{Kind, Rules};

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x2E80..=0x2FDF)
}

/// Width in half-width cells: CJK and full-width characters count 2, others 1.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Two column measures (widths in half-width cells) a quarter apart or more: two columns or
/// boxes, not one column's lines.
pub fn other_measure(a: usize, b: usize) -> bool {
    a.max(b) >= a.min(b) + a.min(b) / 4
}

/// Two widths (half-width cells) of one column's lines: a cell apart at most.
pub fn same_measure(a: usize, b: usize) -> bool {
    a.abs_diff(b) <= 1
}

/// Half-width cells of one character. Dashes and ellipses are set full-width in a Chinese
/// column, so they count as two like the Han characters around them; curly quotes come out
/// narrow in the text layers of real pages (a line of a column holding two of them is as
/// wide as its neighbours when they count one each), so they count as one.
pub fn char_width(c: char) -> usize {
    match c {
        '\u{2018}'..='\u{201F}' => 1,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' => 2,
        c if (c as u32) < 0x1100 => 1,
        _ => 2,
    }
}

/// Width in half-width cells with full-width punctuation (《》（）、) counted as one cell:
/// a column compresses its punctuation to fit a character more on a line, so only a line
/// wider than its column by this width is wider than any line of the column can be.
pub fn solid_width(s: &str) -> usize {
    s.chars().map(|c| if is_cjk_punctuation(c) { 1 } else { char_width(c) }).sum()
}

/// Full-width punctuation: CJK symbols and punctuation, full-width forms that are no letter
/// or digit.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// A line without its leading markup: returns (text, markdown heading level, leading mark).
pub fn strip_markup(raw: &str, rules: &Rules) -> (String, u8, Option<char>) {
    let mut s = raw.trim();
    let mut level = 0u8;
    if s.starts_with('#') {
        let n = s.chars().take_while(|&c| c == '#').count();
        let rest = &s[n..];
        if n <= 6 && (rest.starts_with(' ') || rest.starts_with('\u{3000}')) {
            level = n as u8;
            s = rest.trim();
        }
    }
    let mut mark = None;
    let marks = rules.keywords(Kind::Markup);
    if let Some(c) = s.chars().next() {
        let cs = c.to_string();
        // a bullet or author mark, followed by text (a lone "-" or "·" inside text is kept)
        if c != '#' && marks.contains(&cs) && s.chars().count() > 1 {
            let rest = s[c.len_utf8()..].trim_start();
            let next = rest.chars().next();
            if !(c == '-' && next.is_some_and(|n| n.is_ascii_digit())) {
                mark = Some(c);
                s = rest;
            }
        }
    }
    (s.to_string(), level, mark)
}

/// Does the text end a sentence (closing quotes and brackets aside)?
pub fn ends_sentence(text: &str, rules: &Rules) -> bool {
    let closers = rules.keywords(Kind::Closer);
    let mut t = text.trim_end();
    loop {
        let Some(c) = t.chars().last() else { return false };
        let cs = c.to_string();
        if closers.contains(&cs) {
            t = &t[..t.len() - c.len_utf8()];
            continue;
        }
        break;
    }
    rules.keywords(Kind::Terminal).iter().any(|k| t.ends_with(k.as_str()))
}

/// Does the text end on a word that cannot end a heading (关于, 进一步, 和)?
pub fn ends_open(text: &str, rules: &Rules) -> bool {
    let t = text.trim_end();
    // (a one-character word ends the text only where the dictionary reads it as a word of its
    // own: 为 in 工作为, not in 大有可为; 向 in 不断向, not in 新方向)
    let own_word = |k: &str| k.chars().count() > 1 || !k.chars().all(is_han) || crate::dict::last_word_len(t) == 1;
    rules.keywords(Kind::NoEnd).iter().any(|k| t.ends_with(k.as_str()) && own_word(k))
}

/// Does the text open with a character that cannot start a sentence (or one that cannot when
/// it stands as a word of its own: 的 in 的支持下)?
pub fn starts_mid_sentence(text: &str, rules: &Rules) -> bool {
    rules.keywords(Kind::NoStart).iter().any(|k| text.starts_with(k.as_str()))
        || rules.keywords(Kind::NoStartWord).iter().any(|k| text.starts_with(k.as_str()) && crate::dict::first_word_len(text) == k.chars().count())
        || rules.of(Kind::CutHead).any(|r| r.regex.as_ref().and_then(|re| re.find(text)).is_some_and(|m| m.start() == 0))
}

/// Does the text open on a one-character word (the dictionary's likeliest reading of its
/// opening) that opens no sentence (站…, 务…; rule kind `opener_word` lists those that do)?
/// Such an opening is the rest of a word cut in two.
pub fn opens_on_broken_word(text: &str, rules: &Rules) -> bool {
    text.chars().next().is_some_and(is_han) && !rules.keywords(Kind::OpenerWord).iter().any(|o| text.starts_with(o.as_str())) && crate::dict::first_word_len(text) == 1
}

/// Are round brackets and double quotes balanced (every one opened is closed, in order)?
pub fn brackets_balanced(text: &str) -> bool {
    let mut depth = 0i32;
    let mut quote = 0i32;
    for c in text.chars() {
        match c {
            '(' | '（' | '《' | '【' => depth += 1,
            ')' | '）' | '》' | '】' => depth -= 1,
            '“' => quote += 1,
            '”' => quote -= 1,
            _ => {}
        }
        if depth < 0 || quote < 0 {
            return false;
        }
    }
    depth == 0 && quote == 0
}

/// The Han characters at the end of `s`, at most `n`.
pub fn han_tail(s: &str, n: usize) -> String {
    let v: Vec<char> = s.chars().rev().take_while(|c| is_han(*c)).take(n).collect();
    v.into_iter().rev().collect()
}

/// A text's two ends as a number cut sees them: whether it ends in a number (its last
/// character a digit, or a decimal point after one), and how it would go on from a number
/// before it: with a digit or a unit or measure word (rule kind `number_unit`: 个, 万, 米;
/// `Some(true)`), on another Han character (`Some(false)`), or on anything else (`None`:
/// punctuation, Latin).
#[derive(Debug, Clone, Copy, Default)]
pub struct NumberEnds {
    tail: bool,
    head: Option<bool>,
}

impl NumberEnds {
    pub fn of(text: &str, rules: &Rules) -> NumberEnds {
        let mut t = text.trim_end().chars().rev();
        let tail = match t.next() {
            Some('.' | '．') => t.next().is_some_and(is_digit),
            Some(c) => is_digit(c),
            None => false,
        };
        let h = text.trim_start();
        let head = if h.chars().next().is_some_and(is_digit) || rules.keywords(Kind::NumberUnit).iter().any(|k| h.starts_with(k.as_str())) {
            Some(true)
        } else if h.chars().next().is_some_and(is_han) {
            Some(false)
        } else {
            None
        };
        NumberEnds { tail, head }
    }

    /// [`cut_number`] from this text's end into `next`'s start.
    pub fn cut(self, next: NumberEnds) -> Option<bool> {
        if self.tail {
            next.head
        } else {
            None
        }
    }
}

/// What a cut does to a number the tail ends in (none: `None`): the head goes on with its
/// digits or its unit (`Some(true)`: 1|2万份, 3.|8%, 福建等11|个省), or the number is left
/// without one, the head opening on another Han character (`Some(false)`: 共11|今年).
pub fn cut_number(tail: &str, head: &str, rules: &Rules) -> Option<bool> {
    NumberEnds::of(tail, rules).cut(NumberEnds::of(head, rules))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Marks of punctuation a cut may leave on either side: a text ending on a pause mark (，、：,
/// the marks that cannot open a sentence and neither end one nor close a span) is never
/// followed by a text opening on a mark that cannot open a sentence (。，、；: the same less
/// the closers and %): two marks in a row are no text's (各地，|。展销会).
#[derive(Debug, Clone, Default)]
pub struct Pauses {
    pauses: Vec<char>,
    marks: Vec<char>,
}

impl Pauses {
    pub fn new(rules: &Rules) -> Self {
        let single = |k: &String| {
            let mut cs = k.chars();
            cs.next().filter(|_| cs.next().is_none())
        };
        let set = |kind: Kind| -> Vec<char> { rules.keywords(kind).iter().filter_map(single).collect() };
        let (closers, terminals) = (set(Kind::Closer), set(Kind::Terminal));
        let punct = |c: &char| !is_han(*c) && !c.is_alphanumeric() && !matches!(c, '%' | '％');
        let marks: Vec<char> = set(Kind::NoStart).into_iter().filter(punct).filter(|c| !closers.contains(c)).collect();
        let pauses = marks.iter().copied().filter(|c| !terminals.contains(c)).collect();
        Pauses { pauses, marks }
    }

    /// The text ends on a pause mark (，、：).
    pub fn ends_on_pause(&self, text: &str) -> bool {
        text.trim_end().chars().last().is_some_and(|c| self.pauses.contains(&c))
    }

    /// The text opens on a mark that cannot open a sentence (。，、；).
    pub fn opens_on_mark(&self, text: &str) -> bool {
        text.trim_start().chars().next().is_some_and(|c| self.marks.contains(&c))
    }
}

/// A list cut in one of its items: the tail's last item, after a list mark (、), and the
/// head's first item, before one, make an item of at most [`LIST_ITEM`] Han characters
/// (赵甲、钱乙丙、孙|丁戊、李己). Items of such a list are short names; a text cut elsewhere
/// rarely has a list mark this close on both sides.
pub fn cut_list(tail: &str, head: &str, rules: &Rules) -> bool {
    list_cut(list_tail(tail, rules), list_head(head, rules))
}

/// A paragraph's leading item number, as the `enumerator` rules read it: which rule (one way
/// of numbering, one sequence: its index among them) and the number.
pub fn item_number(text: &str, rules: &Rules) -> Option<(usize, u32)> {
    let t = text.trim_start();
    rules.of(Kind::Enumerator).enumerate().find_map(|(i, r)| {
        let caps = r.regex.as_ref()?.captures(t)?;
        (caps.get(0)?.start() == 0).then_some(())?;
        Some((i, ordinal(caps.name("n")?.as_str())?))
    })
}

/// The items a text numbers, given as its lines: an item number opening a line or a sentence
/// (a paragraph unwrapped into the one before it, a point run in under its section's title),
/// the last of each way of numbering.
pub fn item_numbers<'a>(lines: impl IntoIterator<Item = &'a str>, rules: &Rules) -> Vec<(usize, u32)> {
    let mut last: Vec<(usize, u32)> = Vec::new();
    for text in lines {
        let starts = text.char_indices().map(|(i, _)| i).filter(|&i| i == 0 || ends_sentence(&text[..i], rules));
        for (kind, n) in starts.filter_map(|i| item_number(&text[i..], rules)) {
            match last.iter_mut().find(|x| x.0 == kind) {
                Some(x) => x.1 = n,
                None => last.push((kind, n)),
            }
        }
    }
    last
}

/// The value of a number written in digits or in Chinese numerals up to 99 (十二, 二十, 三十五).
fn ordinal(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| "一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32 + 1);
    let c: Vec<char> = s.chars().collect();
    match c.as_slice() {
        [d] => digit(*d).or((*d == '十').then_some(10)),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        _ => None,
    }
}

/// Whether the item ends of [`list_tail`] and [`list_head`] make one short item.
pub fn list_cut(tail: Option<usize>, head: Option<usize>) -> bool {
    matches!((tail, head), (Some(t), Some(h)) if h > 0 && t + h <= LIST_ITEM)
}

/// The Han characters after the last list mark of `tail`, if they are all that follow it and
/// fewer than [`LIST_ITEM`] (none when the text ends on the mark).
pub fn list_tail(tail: &str, rules: &Rules) -> Option<usize> {
    let tail = tail.trim_end();
    let item = tail.chars().rev().take_while(|&c| is_han(c)).take(LIST_ITEM).count();
    (item < LIST_ITEM && is_list_mark(tail.chars().rev().nth(item)?, rules)).then_some(item)
}

/// The Han characters of `head` before its first list mark, if they are all that precede it
/// and fewer than [`LIST_ITEM`].
pub fn list_head(head: &str, rules: &Rules) -> Option<usize> {
    let head = head.trim_start();
    let item = head.chars().take_while(|&c| is_han(c)).take(LIST_ITEM).count();
    (item < LIST_ITEM && is_list_mark(head.chars().nth(item)?, rules)).then_some(item)
}

/// Is `c` a list mark (a `list_mark` rule's keyword)?
fn is_list_mark(c: char, rules: &Rules) -> bool {
    rules.keywords(Kind::ListMark).iter().any(|m| m.chars().eq(std::iter::once(c)))
}

/// Han characters at most in an item of a list cut in two (see [`cut_list`]).
const LIST_ITEM: usize = 4;

/// Pairs of `marks` left open after `text`, `open` of them being open before it (a closing
/// mark with none open is ignored).
pub fn depth_after(open: i32, text: &str, marks: (char, char)) -> i32 {
    text.chars().fold(open, |d, c| {
        if c == marks.0 {
            d + 1
        } else if c == marks.1 {
            (d - 1).max(0)
        } else {
            d
        }
    })
}

/// The paired marks of the rules (quotation marks, title marks, brackets): the spans a text
/// can be cut inside of.
#[derive(Debug, Clone)]
pub struct MarkPairs(Vec<(char, char)>);

impl MarkPairs {
    pub fn new(rules: &Rules) -> Self {
        let pairs = rules.keywords(Kind::PairedMarks).iter().filter_map(|k| {
            let mut cs = k.chars();
            Some((cs.next()?, cs.next()?))
        });
        MarkPairs(pairs.take(32).collect())
    }

    /// One bit per pair: the text leaves a span of it open (more opening marks than closing
    /// ones after it, counting from none open).
    pub fn left_open(&self, text: &str) -> u32 {
        self.0.iter().enumerate().filter(|(_, p)| depth_after(0, text, **p) > 0).fold(0, |m, (i, _)| m | 1 << i)
    }

    /// One bit per pair: the text opens inside a span of it (the first of its marks the text
    /// prints is a closing one, however far in: a quotation runs over lines and cells).
    pub fn opens_inside(&self, text: &str) -> u32 {
        self.0.iter().enumerate().filter(|(_, (o, c))| text.chars().find(|x| x == o || x == c) == Some(*c)).fold(0, |m, (i, _)| m | 1 << i)
    }

    /// Whether `head`, opening inside a span, continues a span `tail` left open: `None` when
    /// the head opens inside none.
    pub fn continues(&self, tail: &str, head: &str) -> Option<bool> {
        joins_span(self.left_open(tail), self.opens_inside(head))
    }
}

/// [`MarkPairs::continues`] from the two masks: `None` when the head opens inside no span,
/// else whether the tail left one of those spans open.
pub fn joins_span(left_open: u32, opens_inside: u32) -> Option<bool> {
    (opens_inside != 0).then_some(left_open & opens_inside != 0)
}

/// The Han characters at the start of `s` (after opening quotes), at most `n`.
pub fn han_head(s: &str, n: usize) -> String {
    s.chars().skip_while(|c| matches!(c, '“' | '‘' | '"' | '「')).take_while(|c| is_han(*c)).take(n).collect()
}

/// A text set in a PDF column `width` characters wide, one line of the column per page line
/// and a blank line after each, as a PDF text layer prints it (for tests).
#[cfg(test)]
pub fn pdf_column(s: &str, width: usize) -> String {
    let cs: Vec<char> = s.chars().collect();
    cs.chunks(width).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_ends_open_on_a_word_of_its_own_only() {
        let rules = Rules::embedded();
        // the dictionary reads the last word: 为 and 向 alone are open, inside a word they are not
        assert!(ends_open("我们要把", &rules));
        assert!(ends_open("城乡居民的", &rules));
        assert!(!ends_open("小店经济大有可为", &rules));
        assert!(!ends_open("乡村发展的新方向", &rules));
        assert!(!ends_open("全民参与", &rules));
        // (verbs that end in such a character and need an object are listed whole)
        assert!(ends_open("让城市绿道成为", &rules));
        // words of two characters and marks end a text wherever they stand
        assert!(ends_open("省政府关于", &rules));
        assert!(ends_open("读书、", &rules));
        assert_eq!(crate::dict::last_word_len("工作的"), 1);
        assert_eq!(crate::dict::last_word_len("大有可为"), 4);
        assert_eq!(crate::dict::last_word_len("abc"), 0);
    }

    #[test]
    fn item_numbers_read_digits_and_chinese_numerals() {
        let rules = Rules::embedded();
        assert_eq!(ordinal("十二"), Some(12));
        assert_eq!(ordinal("二十"), Some(20));
        assert_eq!(ordinal("三十五"), Some(35));
        assert_eq!(ordinal("十"), Some(10));
        assert_eq!(ordinal("7"), Some(7));
        assert_eq!(ordinal("十十"), None);
        let (bracketed, n) = item_number("（五）推进老旧小区改造。", &rules).expect("an item");
        assert_eq!(n, 5);
        assert_eq!(item_number("(六)加快公园绿地建设", &rules), Some((bracketed, 6)));
        // another way of numbering is another sequence
        assert_ne!(item_number("三、加强农村道路养护", &rules).map(|x| x.0), Some(bracketed));
        assert_eq!(item_number("一、二等奖各一名", &rules), None);
        assert_eq!(item_number("2023年以来，全县", &rules), None);
        // the last item of each numbering a text holds, opening a line or a sentence
        let lines = ["二、改善居住条件（三）推进老旧小区改造。", "按计划完成年度任务。（四）加快公园绿地", "建设，（九）不算"];
        let mut got = item_numbers(lines, &rules);
        got.sort_unstable();
        let chinese = item_number("二、改善", &rules).expect("an item").0;
        let mut want = vec![(bracketed, 4), (chinese, 2)];
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn pause_marks_and_the_marks_that_cannot_follow_them_come_from_the_rules() {
        let p = Pauses::new(&Rules::embedded());
        for t in ["参展企业来自全省各地，", "评委有：", "甲、乙、", "某县, "] {
            assert!(p.ends_on_pause(t), "{t}");
        }
        // a finished sentence, a closed quotation, a word: no pause
        for t in ["展销会为期三天。", "他说：“好。”", "某县展销会", "增长12%"] {
            assert!(!p.ends_on_pause(t), "{t}");
        }
        for h in ["。展销会为期三天", "，并指出", "、乙", "；二是"] {
            assert!(p.opens_on_mark(h), "{h}");
        }
        // a closing quote or bracket, a percent sign, the plural suffix: marks of another kind
        for h in ["”他说", "）等单位", "%的增长", "们纷纷表示", "“好”"] {
            assert!(!p.opens_on_mark(h), "{h}");
        }
    }

    #[test]
    fn a_quotation_is_seen_open_and_closed_across_a_cut() {
        let pairs = MarkPairs::new(&Rules::embedded());
        assert_eq!(pairs.continues("村民赵甲说：“今年的收成", "很好，”他说。"), Some(true));
        assert_eq!(pairs.continues("村民赵甲说：“今年的收成很好。”", "很好，”他说。"), Some(false));
        // the closing mark may stand far into the text: a quotation runs over lines and cells
        let long = format!("{}，”村民赵甲说。", "比去年好多了日子越过越红火".repeat(5));
        assert_eq!(pairs.continues("村民赵甲说：“", &long), Some(true));
        assert_eq!(pairs.continues("村民赵甲说：“今年", "他说：“好。”"), None);
        assert_eq!(pairs.continues("村民赵甲说：“今年", "今年的收成很好。"), None);
    }

    #[test]
    fn a_title_or_a_bracket_cut_open_runs_on_into_the_text_that_closes_it() {
        let pairs = MarkPairs::new(&Rules::embedded());
        assert_eq!(pairs.continues("一曲《某某", "之歌》拉开序幕。"), Some(true));
        assert_eq!(pairs.continues("会议审议了《某某", "之歌》拉开序幕。"), Some(true));
        assert_eq!(pairs.continues("全场掌声不断。", "之歌》拉开序幕。"), Some(false));
        // a span of another kind left open does not close this one
        assert_eq!(pairs.continues("他说：“一曲", "之歌》拉开序幕。"), Some(false));
        assert_eq!(pairs.continues("某某公司（以下简称", "某某）成立。"), Some(true));
        assert_eq!(pairs.continues("一曲《某某", "一个很好的开端。"), None);
    }

    #[test]
    fn curly_quotes_count_one_cell_and_dashes_two() {
        assert_eq!(width("“夜间书房”"), 10);
        assert_eq!(width("——"), 4);
        assert_eq!(width("2月"), 3);
    }
}
