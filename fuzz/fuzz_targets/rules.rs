//! Rule files from arbitrary text: loading either compiles or reports located errors, never
//! panics or hangs. Run: `cargo +nightly fuzz run rules -- -max_total_time=600`
#![no_main]

use libfuzzer_sys::fuzz_target;
use unweave::Rules;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // the file alone: compiling the embedded rules at every run would starve the fuzzer
    let files = vec![("fuzz.yaml".to_string(), text.to_string())];
    if let Err(e) = Rules::from_sources(&files, true) {
        assert!(!e.0.is_empty());
        let _ = e.to_string();
    }
});
