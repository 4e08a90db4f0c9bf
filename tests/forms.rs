//! The furniture of other papers, set around real articles' text: the gold articles of the
//! seeds and the development set, each printed under its headline with a byline, credit,
//! source or end mark in a form the seeds and the development set do not use (names made
//! up), must come out with the right authors and with nothing of that furniture in its text.

mod common;

use unweave::eval::{norm, GoldArticle};
use unweave::Rules;

/// A form of furniture: where it stands, the text printed, the authors it names.
struct Form {
    place: Place,
    text: &'static str,
    authors: &'static [&'static str],
}

#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// On its own line under the headline.
    Top,
    /// Opening the lead paragraph.
    Lead,
    /// On its own line after the last paragraph.
    Trail,
    /// Closing the last paragraph's line.
    Suffix,
}

const FORMS: &[Form] = &[
    Form { place: Place::Top, text: "文/赵甲乙 图/钱丙", authors: &["赵甲乙", "钱丙"] },
    Form { place: Place::Top, text: "某某日报记者 孙丁戊", authors: &["孙丁戊"] },
    Form { place: Place::Top, text: "实习生 李己 本报记者 周庚辛", authors: &["李己", "周庚辛"] },
    Form { place: Place::Top, text: "融媒体记者 吴壬", authors: &["吴壬"] },
    Form { place: Place::Top, text: "记者 阿依努尔·买买提", authors: &["阿依努尔·买买提"] },
    Form { place: Place::Top, text: "本报驻京记者 何亥", authors: &["何亥"] },
    Form { place: Place::Top, text: "撰文 | 吕甲 摄影 | 施乙", authors: &["吕甲", "施乙"] },
    Form { place: Place::Lead, text: "本报讯 记者 郑癸 通讯员 王子丑 ", authors: &["郑癸", "王子丑"] },
    Form { place: Place::Lead, text: "某某网北京3月1日电 ", authors: &[] },
    Form { place: Place::Trail, text: "作者：冯寅卯", authors: &["冯寅卯"] },
    Form { place: Place::Trail, text: "张丙 孔丁 文/图", authors: &["张丙", "孔丁"] },
    Form { place: Place::Trail, text: "（某某社供稿）", authors: &[] },
    Form { place: Place::Trail, text: "（记者 陈辰 通讯员 褚巳午）", authors: &["陈辰", "褚巳午"] },
    Form { place: Place::Suffix, text: "（记者 卫未申）", authors: &["卫未申"] },
    Form { place: Place::Suffix, text: "（据某某社）", authors: &[] },
];

/// Lines that belong to no article, printed after an article's last paragraph.
const NOISE: &[&str] = &["（完）", "（责任编辑：蒋酉戌）", "上一篇　下一篇", "发布时间：2024-03-01 08:30"];

/// News articles of the gold with a headline, two paragraphs or more and no byline, kicker or
/// deck of their own (the form printed is the only one).
fn articles() -> Vec<GoldArticle> {
    let mut out: Vec<GoldArticle> = common::seeds()
        .into_iter()
        .chain(common::dev())
        .flat_map(|(_, _, g)| g.articles)
        .filter(|a| {
            a.kind.as_deref() == Some("news") && a.headline.is_some() && a.body.len() >= 2 && a.kicker.is_none() && a.subheadline.is_none() && a.continued_from.is_none() && a.continues_to.is_none()
        })
        .collect();
    out.sort_by(|a, b| a.headline.cmp(&b.headline));
    out.dedup_by(|a, b| a.headline == b.headline);
    out
}

#[test]
fn the_furniture_of_other_papers_stays_out_of_the_text() {
    let rules = Rules::embedded();
    let arts = articles();
    assert!(arts.len() >= 12, "{} articles", arts.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    // three articles a page, each with the next form, the pages in turn taking the noise lines
    for (page_no, chunk) in arts.chunks(3).enumerate() {
        let mut page = String::from("上一版　下一版\n\n");
        let mut want = Vec::new();
        for (k, a) in chunk.iter().enumerate() {
            let form = &FORMS[(page_no * 3 + k) % FORMS.len()];
            let paragraphs: Vec<String> = a.body.iter().map(|p| p.text()).collect();
            page.push_str(&format!("## {}\n\n", a.headline.as_deref().unwrap_or_default()));
            if form.place == Place::Top {
                page.push_str(&format!("{}\n\n", form.text));
            }
            for (i, p) in paragraphs.iter().enumerate() {
                let lead = if i == 0 && form.place == Place::Lead { form.text } else { "" };
                let suffix = if i + 1 == paragraphs.len() && form.place == Place::Suffix && p.ends_with('。') { form.text } else { "" };
                page.push_str(&format!("{lead}{p}{suffix}\n\n"));
            }
            if form.place == Place::Trail {
                page.push_str(&format!("{}\n\n", form.text));
            }
            page.push_str(&format!("{}\n\n", NOISE[(page_no + k) % NOISE.len()]));
            let suffixed = form.place != Place::Suffix || paragraphs.last().is_some_and(|p| p.ends_with('。'));
            want.push((a.headline.clone().unwrap_or_default(), norm(&paragraphs.concat()), if suffixed { form.authors } else { &[][..] }));
        }
        let got = unweave::extract_text(&page, &rules);
        for (headline, text, authors) in want {
            checked += 1;
            // (headlines compared as the scorer compares them: 金 for the radical ⾦, spaces aside)
            let Some(a) = got.articles.iter().find(|a| a.headline.as_deref().map(norm) == Some(norm(&headline))) else {
                failures.push(format!("page {page_no}: no article {headline}"));
                continue;
            };
            let body = norm(&a.paragraphs.concat());
            if body != text {
                failures.push(format!("page {page_no}: {headline}: text differs\n  got  {body}\n  want {text}"));
            }
            if a.authors != authors {
                failures.push(format!("page {page_no}: {headline}: authors {:?}, want {authors:?}", a.authors));
            }
        }
    }
    println!("{checked} articles checked, {} failures", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
