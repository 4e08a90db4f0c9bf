//! The whole pipeline on arbitrary bytes: decoding, extraction, every output format, and
//! conservation of the page's text. Run: `cargo +nightly fuzz run extract -- -max_total_time=600`
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use unweave::{check, extract, output, Options, Page, Rules};

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(Rules::embedded)
}

fuzz_target!(|data: &[u8]| {
    let Ok(page) = Page::decode(data, None) else { return };
    let x = extract(&page, rules(), Options { explain: data.first().is_some_and(|b| b & 1 == 1) });
    let _ = output::json(&x);
    let _ = output::markdown(&x);
    let _ = output::yaml(&x);
    let _ = output::text(&x);
    if let Err(e) = check::conservation(&page, &x, rules()) {
        panic!("text lost or doubled: {e}");
    }
});
