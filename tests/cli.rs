//! The command line, tested as data: each `tests/cmd/*.toml` case gives the arguments, the
//! expected stdout, stderr and exit status (trycmd). `TRYCMD=overwrite cargo test --test cli`
//! rewrites the expectations after a deliberate change; review the diff before committing.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
