//! The `unweave` command line: wires the library's stages to files and flags.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use unweave::{eval, output, rules, Options, Page, Rules};

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

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Md,
    Yaml,
    Text,
}

#[derive(Subcommand)]
enum Command {
    /// Print the articles of a page.
    ///
    /// Example: unweave extract page.txt --format md
    Extract {
        /// The page file.
        page: PathBuf,
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
    Check { dir: Option<PathBuf> },
    /// Run every rule's examples and report failures by rule name.
    Test { dir: Option<PathBuf> },
    /// List the rules with their one-line docs.
    List { dir: Option<PathBuf> },
    /// Show one rule in full.
    Show { name: String, #[arg(long)] dir: Option<PathBuf> },
    /// Print the JSON Schema of rule files (point your editor's YAML support at it).
    ///
    /// Example: unweave rules schema > rules.schema.json, then put
    /// `# yaml-language-server: $schema=rules.schema.json` at the top of a rule file.
    Schema,
    /// Print the Markdown reference of the rules (docs/rules.md is this, for the bundled rules).
    Doc { dir: Option<PathBuf> },
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
        Command::Extract { page, format, rules, explain, encoding } => {
            let rules = load_rules(rules.as_deref())?;
            let bytes = std::fs::read(&page).map_err(|e| {
                eprintln!("error: {}: {e}", page.display());
                ExitCode::from(1)
            })?;
            let p = Page::decode(&bytes, encoding.as_deref()).map_err(|e| {
                eprintln!("error: {}: {e}", page.display());
                ExitCode::from(1)
            })?;
            if p.replaced > 0 {
                eprintln!("warning: {}: {} invalid byte sequence(s) replaced by U+FFFD while decoding as {}", page.display(), p.replaced, p.encoding);
            }
            let x = unweave::extract(&p, &rules, Options { explain });
            let out = match format {
                Format::Json => output::json(&x),
                Format::Md => output::markdown(&x),
                Format::Yaml => output::yaml(&x),
                Format::Text => output::text(&x),
            };
            let _ = std::io::stdout().write_all(out.as_bytes());
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { gold, pages, rules, verbose } => {
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
                let text = std::fs::read_to_string(&page_path).map_err(|e| {
                    eprintln!("error: {}: {e}", page_path.display());
                    ExitCode::from(1)
                })?;
                let x = unweave::extract_text(&text, &rules);
                let preds: Vec<eval::Pred> = x.articles.iter().map(eval::Pred::from_article).collect();
                let (c, details) = eval::score_page(&g, &text, &preds);
                let stem = gp.file_stem().unwrap_or_default().to_string_lossy().to_string();
                if verbose {
                    for d in &details {
                        eprintln!(
                            "  {stem} {}: exact={} headline={} order={} found={}/{} pure={}",
                            d.id, d.exact, d.headline, d.order, d.found, d.total, d.pure
                        );
                    }
                }
                println!("{}", eval::page_line(&stem, &c));
                eval::add_counts(&mut total, &c);
            }
            println!("{}", eval::summary_line(&total));
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { action } => rules_cmd(action),
    }
}

fn rules_cmd(action: RulesAction) -> Result<ExitCode, ExitCode> {
    match action {
        RulesAction::Check { dir } => {
            let r = load_rules(dir.as_deref())?;
            println!("ok: {} rules, {} weights", r.rules.len(), r.weights.len());
            Ok(ExitCode::SUCCESS)
        }
        RulesAction::Test { dir } => {
            let r = load_rules(dir.as_deref())?;
            let failures = rules::run_examples(&r);
            for f in &failures {
                println!("FAIL {f}");
            }
            let n: usize = r.rules.iter().map(|x| x.examples.len()).sum();
            println!("{} passed, {} failed", n - failures.len(), failures.len());
            Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        RulesAction::Schema => {
            let s = serde_json::to_string_pretty(&rules::schema::json()).unwrap_or_default();
            println!("{s}");
            Ok(ExitCode::SUCCESS)
        }
        RulesAction::Doc { dir } => {
            let r = load_rules(dir.as_deref())?;
            print!("{}", rules::reference::markdown(&r));
            Ok(ExitCode::SUCCESS)
        }
        RulesAction::List { dir } => {
            let r = load_rules(dir.as_deref())?;
            for x in &r.rules {
                println!("{:<34} {:<16} {}", x.name, x.kind.name(), x.doc);
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
            println!("name: {}\nkind: {} ({})\nsource: {}\ndoc: {}", x.name, x.kind.name(), x.kind.doc(), x.source, x.doc);
            if let Some(p) = &x.pattern {
                println!("pattern: {p}");
            }
            if !x.keywords.is_empty() {
                println!("keywords: {}", x.keywords.join(" "));
            }
            for e in &x.examples {
                println!("example ({}): {}", if e.matches { "matches" } else { "does not match" }, e.text);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
