//! Conservation: every non-blank character of the page, markup aside, appears exactly once
//! in the output — in an article's fields or paragraphs, or in the leftovers. An extraction
//! that drops or doubles text fails this check, whatever it did to the articles' order.

use std::collections::BTreeMap;

use crate::{text, Extraction, Page, Rules};

/// Brackets and colons that enclose or close a furniture line (（新华社北京3月5日电）,
/// 记者 X：): the dateline and byline fields hold what they enclose, not them.
const DECORATION: &[char] = &['(', ')', '（', '）', '【', '】', '[', ']', '〔', '〕', '<', '>', '《', '》', ':', '：'];

/// What a failed check found: characters of the page missing from the output, and
/// characters of the output that the page does not hold (as many times).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Imbalance {
    pub missing: BTreeMap<char, usize>,
    pub extra: BTreeMap<char, usize>,
}

impl std::fmt::Display for Imbalance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |m: &BTreeMap<char, usize>| m.iter().map(|(c, n)| if *n > 1 { format!("{c}×{n}") } else { c.to_string() }).collect::<Vec<_>>().join(" ");
        write!(f, "missing from the output: [{}]; not on the page: [{}]", show(&self.missing), show(&self.extra))
    }
}

fn count(into: &mut BTreeMap<char, isize>, s: &str, sign: isize) {
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *into.entry(c).or_default() += sign;
    }
}

/// Checks that `x` holds the text of `page` exactly once.
pub fn conservation(page: &Page, x: &Extraction, rules: &Rules) -> Result<(), Imbalance> {
    let mut balance: BTreeMap<char, isize> = BTreeMap::new();
    for line in &page.lines {
        count(&mut balance, &text::strip_markup(line, rules).0, 1);
    }
    let mut furniture = 0;
    for a in &x.articles {
        for f in [&a.kicker, &a.headline, &a.subheadline, &a.byline, &a.continued_from, &a.continues_to].into_iter().flatten() {
            count(&mut balance, f, -1);
        }
        // a dateline inside the byline (本报讯(记者 X)) is printed once
        if let Some(d) = &a.dateline {
            if !a.byline.as_deref().is_some_and(|b| b.contains(d.as_str())) {
                count(&mut balance, d, -1);
            }
        }
        furniture += usize::from(a.byline.is_some()) + usize::from(a.dateline.is_some()) + usize::from(a.continued_from.is_some()) + usize::from(a.continues_to.is_some());
        for p in &a.paragraphs {
            count(&mut balance, p, -1);
        }
    }
    for l in &x.leftovers {
        count(&mut balance, &l.text, -1);
    }
    let mut out = Imbalance::default();
    let mut decoration_budget = 2 * furniture as isize;
    for (c, n) in balance {
        if n > 0 && DECORATION.contains(&c) && decoration_budget > 0 {
            let forgiven = n.min(decoration_budget);
            decoration_budget -= forgiven;
            if n > forgiven {
                out.missing.insert(c, (n - forgiven) as usize);
            }
        } else if n > 0 {
            out.missing.insert(c, n as usize);
        } else if n < 0 {
            out.extra.insert(c, (-n) as usize);
        }
    }
    if out.missing.is_empty() && out.extra.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}
