//! The `unweave` command line: wires the library's stages to files and flags.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use clap::{Args, Parser, Subcommand};
use unweave::batch::{self, Format};
use unweave::{eval, rules, Options, Page, Rules};

/// Prints a line on stdout; a closed pipe (`unweave eval | head`) ends the program quietly
/// instead of panicking, as command-line tools do.
macro_rules! say {
    ($($arg:tt)*) => {{
        let mut out = std::io::stdout().lock();
        if let Err(e) = writeln!(out, $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// Reassemble the articles of scraped newspaper pages.
///
/// A page is a text file: an HTML e-paper scrape, a PDF text layer or OCR output. unweave
/// finds every article on it — kicker, headline, subheadline, byline, authors, dateline and
/// body paragraphs in reading order — even when columns were cut mid-word and interleaved.
#[derive(Parser)]
#[command(name = "unweave", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the articles of pages: one page to stdout, folders into --out, or JSON lines.
    ///
    /// One page:          unweave extract page.txt --format md
    /// A run of a paper:  unweave extract scans/2024/ --out articles/ --jobs 8
    /// A stream mapper:   unweave extract --jsonl < pages.jsonl > articles.jsonl
    ///
    /// In batch mode (--out), folders are walked (hidden entries skipped, files with the
    /// --ext extensions taken), pages are extracted in parallel and each output is written
    /// atomically to the same relative path under --out; an output newer than its page is
    /// left alone unless --force. A page that fails is reported with its reason and the batch
    /// goes on; the exit status is 1 when any page failed. A progress bar is shown on a
    /// terminal and a summary at the end.
    #[command(verbatim_doc_comment)]
    Extract {
        /// Page files or folders of pages.
        #[arg(required_unless_present = "jsonl")]
        inputs: Vec<PathBuf>,
        /// Write one output file per page into this folder (batch mode).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Output format: json (the scorer's format with provenance), md, yaml or text.
        #[arg(long, short, value_enum, default_value = "json")]
        format: Format,
        /// A folder of rule files layered over the embedded rules.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Keep the signals behind every chosen join in the output.
        #[arg(long)]
        explain: bool,
        /// Decode the page in this encoding (utf-8, gb18030, gbk, big5, utf-16le ...)
        /// instead of detecting it. The encoding used is reported in JSON output.
        #[arg(long)]
        encoding: Option<String>,
        /// Pages extracted at once (default: one per core).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Rewrite outputs even when they are newer than their page.
        #[arg(long)]
        force: bool,
        /// Extensions of the files taken from folders (comma-separated).
        #[arg(long, value_delimiter = ',', default_value = "txt")]
        ext: Vec<String>,
        /// Read JSON lines {"id": ..., "text": ...} on stdin and write one JSON line per page
        /// ({"id": ..., "articles": [...], ...} or {"id": ..., "error": ...}) on stdout.
        #[arg(long, conflicts_with_all = ["inputs", "out", "format"])]
        jsonl: bool,
    },
    /// Score extractions of pages against gold articles (the metrics of score.py).
    ///
    /// Example: unweave eval --gold shared/gold --pages shared/seeds
    Eval {
        /// Folder of gold files NAME.yaml.
        #[arg(long)]
        gold: PathBuf,
        /// Folder of the pages the gold names.
        #[arg(long)]
        pages: PathBuf,
        /// A folder of rule files layered over the embedded rules.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Print each gold article's outcome.
        #[arg(long)]
        verbose: bool,
        /// Print each gold join the extraction missed (to standard error): the page lines the
        /// gold joins, the texts either side of the cut, and what was read there instead.
        /// For seeing what a rule or weight change broke or mended.
        #[arg(long)]
        joins: bool,
    },
    /// Build a benchmark corpus: the gold's pages and COUNT pages generated from its articles.
    ///
    /// Example: unweave corpus --gold tests/fixtures/gold --pages tests/fixtures/seeds --out /tmp/corpus --count 5000
    Corpus {
        /// Folder of gold files NAME.yaml.
        #[arg(long)]
        gold: PathBuf,
        /// Folder of the pages the gold names.
        #[arg(long)]
        pages: PathBuf,
        /// Folder to write the corpus into.
        #[arg(long)]
        out: PathBuf,
        /// Generated pages to add.
        #[arg(long, default_value = "5000")]
        count: u64,
    },
    /// Inspect and check rule files.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
}

#[derive(Subcommand)]
enum RulesAction {
    /// Load and compile the rules (embedded, with DIR layered over them); report every error.
    Check(RulesDir),
    /// Run every rule's examples and report failures by rule name.
    Test(RulesDir),
    /// List the rules with their one-line docs.
    List(RulesDir),
    /// Show one rule in full.
    Show {
        /// The rule's name (see `unweave rules list`).
        name: String,
        /// A folder of rule files layered over the embedded rules.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Print the JSON Schema of rule files (point your editor's YAML support at it).
    ///
    /// Example: unweave rules schema > rules.schema.json, then put
    /// `# yaml-language-server: $schema=rules.schema.json` at the top of a rule file.
    Schema,
    /// Print the Markdown reference of the rules (docs/rules.md is this, for the bundled rules).
    Doc(RulesDir),
}

/// The folder of rules a `rules` subcommand reads.
#[derive(Args)]
struct RulesDir {
    /// A folder of rule files layered over the embedded rules: a rule of the same name replaces the embedded one, `disabled: true` switches one off, a new name adds one. Without it, the embedded rules alone.
    dir: Option<PathBuf>,
}

fn load_rules(dir: Option<&Path>) -> Result<Rules, ExitCode> {
    Rules::load(dir).map_err(|e| {
        eprintln!("{e}");
        eprintln!("error: {} problem(s) in the rules; nothing was run", e.0.len());
        ExitCode::from(2)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(code) => code,
    }
}

fn run(cli: Cli) -> Result<ExitCode, ExitCode> {
    match cli.command {
        Command::Extract { inputs, out, format, rules, explain, encoding, jobs, force, ext, jsonl } => {
            let rules = load_rules(rules.as_deref())?;
            if let Some(n) = jobs {
                let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
            }
            let options = Options { explain };
            if jsonl {
                return jsonl_cmd(&rules, options);
            }
            match out {
                Some(out) => {
                    let settings = batch::Settings { out, format, options, encoding, force, extensions: ext };
                    Ok(batch_cmd(&inputs, &rules, &settings))
                }
                None if inputs.len() == 1 && !inputs[0].is_dir() => one_page(&inputs[0], &rules, format, options, encoding.as_deref()),
                None => {
                    eprintln!("error: give --out DIR to extract a folder or several pages (one page without --out goes to stdout)");
                    Err(ExitCode::from(2))
                }
            }
        }
        Command::Eval { gold, pages, rules, verbose, joins } => {
            let rules = load_rules(rules.as_deref())?;
            let mut files: Vec<PathBuf> = std::fs::read_dir(&gold)
                .map_err(|e| {
                    eprintln!("error: {}: {e}", gold.display());
                    ExitCode::from(1)
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect();
            files.sort();
            let mut total = eval::Counts::new();
            for gp in files {
                let g = eval::load_gold(&gp).map_err(|e| {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                })?;
                let page_path = pages.join(&g.source);
                let fail = |e: &dyn std::fmt::Display| {
                    eprintln!("error: {}: {e}", page_path.display());
                    ExitCode::from(1)
                };
                let bytes = std::fs::read(&page_path).map_err(|e| fail(&e))?;
                // the page is decoded as `extract` decodes it; the gold is found in the decoded
                // text as the reference scorer finds it, radical code points kept as the gold
                // keeps them (the page's lines fold them)
                let (text, _) = unweave::read::decode_text(&bytes, None).map_err(|e| fail(&e))?;
                let x = unweave::extract_text(&text, &rules);
                let preds: Vec<eval::Pred> = x.articles.iter().map(eval::Pred::from_article).collect();
                let (c, details) = eval::score_page(&g, &text, &preds);
                let stem = gp.file_stem().unwrap_or_default().to_string_lossy().to_string();
                if verbose {
                    for d in &details {
                        eprintln!("  {stem} {}: exact={} headline={} order={} found={}/{} pure={}", d.id, d.exact, d.headline, d.order, d.found, d.total, d.pure);
                    }
                }
                if joins {
                    let lines: Vec<&str> = text.split('\n').collect();
                    for m in eval::missed_joins(&g, &text, &x.articles) {
                        eprintln!("  {stem} {}", eval::missed_line(&lines, &m));
                    }
                }
                say!("{}", eval::page_line(&stem, &c));
                eval::add_counts(&mut total, &c);
            }
            say!("{}", eval::summary_line(&total));
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { action } => rules_cmd(action),
        Command::Corpus { gold, pages, out, count } => {
            let files = unweave::synth::corpus(&gold, &pages, count).map_err(|e| {
                eprintln!("error: {e}");
                ExitCode::from(1)
            })?;
            let mut bytes = 0;
            for (name, text) in &files {
                let path = out.join(name);
                let written = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|_| batch::write_atomically(&path, text.as_bytes()));
                if let Err(e) = written {
                    eprintln!("error: {}: {e}", path.display());
                    return Err(ExitCode::from(1));
                }
                bytes += text.len();
            }
            eprintln!("{} pages, {:.1} MB in {}", files.len(), bytes as f64 / 1e6, out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn one_page(page: &Path, rules: &Rules, format: Format, options: Options, encoding: Option<&str>) -> Result<ExitCode, ExitCode> {
    let bytes = std::fs::read(page).map_err(|e| {
        eprintln!("error: {}: {e}", page.display());
        ExitCode::from(1)
    })?;
    let p = Page::decode(&bytes, encoding).map_err(|e| {
        eprintln!("error: {}: {e}", page.display());
        ExitCode::from(1)
    })?;
    if p.replaced > 0 {
        eprintln!("warning: {}: {} invalid byte sequence(s) replaced by U+FFFD while decoding as {}", page.display(), p.replaced, p.encoding);
    }
    let x = unweave::extract(&p, rules, options);
    let _ = std::io::stdout().write_all(format.render(&x).as_bytes());
    Ok(ExitCode::SUCCESS)
}

fn batch_cmd(inputs: &[PathBuf], rules: &Rules, settings: &batch::Settings) -> ExitCode {
    let start = Instant::now();
    let mut jobs = Vec::new();
    let mut summary = batch::Summary::default();
    for j in batch::plan(inputs, settings) {
        match j {
            Ok(j) => jobs.push(j),
            Err((path, why)) => {
                eprintln!("error: {}: {why}", path.display());
                summary.add(&batch::Outcome::Failed(why));
            }
        }
    }
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(jobs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{elapsed_precise} [{bar:32}] {pos}/{len} pages  {per_sec}  eta {eta}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let s = batch::run(&jobs, rules, settings, |job, outcome| {
        match outcome {
            batch::Outcome::Failed(why) => bar.suspend(|| eprintln!("error: {}: {why}", job.page.display())),
            batch::Outcome::Written { replaced, .. } if *replaced > 0 => bar.suspend(|| eprintln!("warning: {}: {replaced} invalid byte sequence(s) replaced by U+FFFD", job.page.display())),
            _ => {}
        }
        bar.inc(1);
    });
    bar.finish_and_clear();
    summary.merge(&s);
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} pages in {secs:.2}s ({:.0} pages/s, {:.1} MB/s): {} written, {} skipped (output newer; --force rewrites), {} failed; {} articles ({} truncated), {} leftovers",
        summary.pages,
        summary.written as f64 / secs.max(1e-9),
        summary.bytes as f64 / 1e6 / secs.max(1e-9),
        summary.written,
        summary.skipped,
        summary.failed,
        summary.articles,
        summary.truncated,
        summary.leftovers,
    );
    if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn jsonl_cmd(rules: &Rules, options: Options) -> Result<ExitCode, ExitCode> {
    let stdin = std::io::stdin().lock();
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match batch::jsonl(stdin, stdout, rules, options, 256) {
        Ok((_, 0)) => Ok(ExitCode::SUCCESS),
        Ok((pages, failed)) => {
            eprintln!("error: {failed} of {pages} input lines were not pages; their output lines carry `error`");
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(ExitCode::from(1))
        }
    }
}

fn rules_cmd(action: RulesAction) -> Result<ExitCode, ExitCode> {
    match action {
        RulesAction::Check(RulesDir { dir }) => {
            let r = load_rules(dir.as_deref())?;
            say!("ok: {} rules, {} weights", r.rules.len(), r.weights.len());
            Ok(ExitCode::SUCCESS)
        }
        RulesAction::Test(RulesDir { dir }) => {
            let r = load_rules(dir.as_deref())?;
            let failures = rules::run_examples(&r);
            for f in &failures {
                say!("FAIL {f}");
            }
            let n: usize = r.rules.iter().map(|x| x.examples.len()).sum();
            say!("{} passed, {} failed", n - failures.len(), failures.len());
            Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        RulesAction::Schema => {
            let s = serde_json::to_string_pretty(&rules::schema::json()).unwrap_or_default();
            say!("{s}");
            Ok(ExitCode::SUCCESS)
        }
        RulesAction::Doc(RulesDir { dir }) => {
            let r = load_rules(dir.as_deref())?;
            say!("{}", rules::reference::markdown(&r).trim_end());
            Ok(ExitCode::SUCCESS)
        }
        RulesAction::List(RulesDir { dir }) => {
            let r = load_rules(dir.as_deref())?;
            for x in &r.rules {
                say!("{:<34} {:<16} {}", x.name, x.kind.name(), x.doc);
            }
            Ok(ExitCode::SUCCESS)
        }
        RulesAction::Show { name, dir } => {
            let r = load_rules(dir.as_deref())?;
            let Some(x) = r.get(&name) else {
                let names: Vec<&str> = r.rules.iter().map(|x| x.name.as_str()).collect();
                match rules::nearest(&name, &names) {
                    Some(n) => eprintln!("error: no rule named `{name}`; did you mean `{n}`?"),
                    None => eprintln!("error: no rule named `{name}` (see `unweave rules list`)"),
                }
                return Err(ExitCode::from(2));
            };
            say!("name: {}\nkind: {} ({})\nsource: {}\ndoc: {}", x.name, x.kind.name(), x.kind.doc(), x.source, x.doc);
            if let Some(p) = &x.pattern {
                say!("pattern: {p}");
            }
            if !x.keywords.is_empty() {
                say!("keywords: {}", x.keywords.join(" "));
            }
            for e in &x.examples {
                say!("example ({}): {}", if e.matches { "matches" } else { "does not match" }, e.text);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
