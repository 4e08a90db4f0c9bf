//! Batch runs: many pages from folders into an output folder, in parallel, and JSON lines
//! through stdin/stdout for stream engines (Hadoop Streaming, Spark `RDD.pipe`).
//!
//! A page's output depends on nothing but the page and the rules, so the order pages are
//! processed in never changes a byte of what is written.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{output, Extraction, Options, Page, Rules};

/// An output format (also the command line's `--format` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Md,
    Yaml,
    Text,
}

impl Format {
    /// The file extension of an output file.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Md => "md",
            Format::Yaml => "yaml",
            Format::Text => "txt",
        }
    }

    pub fn render(self, x: &Extraction) -> String {
        match self {
            Format::Json => output::json(x),
            Format::Md => output::markdown(x),
            Format::Yaml => output::yaml(x),
            Format::Text => output::text(x),
        }
    }
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub out: PathBuf,
    pub format: Format,
    pub options: Options,
    /// Forced encoding label, or detection.
    pub encoding: Option<String>,
    /// Rewrite outputs that are newer than their page.
    pub force: bool,
    /// File extensions taken from folders (files named on the command line are always taken).
    pub extensions: Vec<String>,
}

/// One page of a batch: where it is read from and where its output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub page: PathBuf,
    pub out: PathBuf,
}

/// What happened to one page.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Written {
        articles: usize,
        truncated: usize,
        leftovers: usize,
        bytes: u64,
        replaced: usize,
    },
    /// The output is newer than the page (and `--force` was not given).
    Skipped,
    Failed(String),
}

/// The totals of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub pages: usize,
    pub written: usize,
    pub skipped: usize,
    pub failed: usize,
    pub articles: usize,
    pub truncated: usize,
    pub leftovers: usize,
    pub bytes: u64,
}

impl Summary {
    /// Adds the totals of another batch.
    pub fn merge(&mut self, o: &Summary) {
        self.pages += o.pages;
        self.written += o.written;
        self.skipped += o.skipped;
        self.failed += o.failed;
        self.articles += o.articles;
        self.truncated += o.truncated;
        self.leftovers += o.leftovers;
        self.bytes += o.bytes;
    }

    pub fn add(&mut self, o: &Outcome) {
        self.pages += 1;
        match o {
            Outcome::Written { articles, truncated, leftovers, bytes, .. } => {
                self.written += 1;
                self.articles += articles;
                self.truncated += truncated;
                self.leftovers += leftovers;
                self.bytes += bytes;
            }
            Outcome::Skipped => self.skipped += 1,
            Outcome::Failed(_) => self.failed += 1,
        }
    }
}

/// The pages under the inputs (files as given; folders walked, sorted, hidden entries
/// skipped), each with its output path: the page's path under its input folder, with the
/// format's extension, under `out`. A path that cannot be walked is returned as an error
/// with the page, so it is reported like any failed page.
pub fn plan(inputs: &[PathBuf], settings: &Settings) -> Vec<Result<Job, (PathBuf, String)>> {
    let mut jobs = Vec::new();
    // an output folder inside an input folder is not walked (its .txt outputs are no pages)
    let out_dir = std::fs::canonicalize(&settings.out).ok();
    for input in inputs {
        let is_dir = std::fs::metadata(input).map(|m| m.is_dir()).unwrap_or(false);
        if !is_dir {
            let name = input.file_name().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("page"));
            jobs.push(Ok(Job { page: input.clone(), out: settings.out.join(name).with_extension(settings.format.extension()) }));
            continue;
        }
        let walk = walkdir::WalkDir::new(input).sort_by_file_name().into_iter().filter_entry(|e| {
            e.depth() == 0 || !(e.file_name().to_string_lossy().starts_with('.') || (e.file_type().is_dir() && out_dir.is_some() && std::fs::canonicalize(e.path()).ok() == out_dir))
        });
        for entry in walk {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = e.path().map(Path::to_path_buf).unwrap_or_else(|| input.clone());
                    jobs.push(Err((at, e.to_string())));
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let ext = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("");
            if !settings.extensions.iter().any(|x| x.eq_ignore_ascii_case(ext)) {
                continue;
            }
            let rel = entry.path().strip_prefix(input).unwrap_or(entry.path());
            jobs.push(Ok(Job { page: entry.path().to_path_buf(), out: settings.out.join(rel).with_extension(settings.format.extension()) }));
        }
    }
    jobs
}

/// Extracts one page and writes its output atomically (a temporary file in the output folder,
/// renamed into place), unless the output is newer than the page.
pub fn run_job(job: &Job, rules: &Rules, settings: &Settings) -> Outcome {
    match try_job(job, rules, settings) {
        Ok(o) => o,
        Err(e) => Outcome::Failed(e),
    }
}

fn modified(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

fn try_job(job: &Job, rules: &Rules, settings: &Settings) -> Result<Outcome, String> {
    if !settings.force {
        if let (Some(page), Some(out)) = (modified(&job.page), modified(&job.out)) {
            if out >= page {
                return Ok(Outcome::Skipped);
            }
        }
    }
    let bytes = std::fs::read(&job.page).map_err(|e| e.to_string())?;
    let page = Page::decode(&bytes, settings.encoding.as_deref()).map_err(|e| e.to_string())?;
    let x = crate::extract(&page, rules, settings.options);
    let text = settings.format.render(&x);
    let dir = job.out.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    write_atomically(&job.out, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", job.out.display()))?;
    Ok(Outcome::Written { articles: x.articles.len(), truncated: x.articles.iter().filter(|a| a.truncated).count(), leftovers: x.leftovers.len(), bytes: bytes.len() as u64, replaced: page.replaced })
}

/// Writes `data` to `path` so that readers see the old file or the whole new one, never a
/// part: a temporary file beside it, then renamed over it. (No fsync per file: a batch of
/// tens of thousands of pages would wait on the disk for each; a crash leaves at worst a
/// temporary `.unweave-*.tmp` file, never a half-written output.)
pub fn write_atomically(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".unweave-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(data)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Runs every job on the current rayon pool; `each` sees every outcome as it comes (for
/// progress and error reports), from any thread.
pub fn run(jobs: &[Job], rules: &Rules, settings: &Settings, each: impl Fn(&Job, &Outcome) + Sync) -> Summary {
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(|job| {
            let o = run_job(job, rules, settings);
            each(job, &o);
            o
        })
        .collect();
    let mut s = Summary::default();
    for o in &outcomes {
        s.add(o);
    }
    s
}

/// One input line of `--jsonl`.
#[derive(Debug, Deserialize)]
pub struct LineIn {
    #[serde(default)]
    pub id: serde_json::Value,
    pub text: String,
}

/// One output line of `--jsonl`: the page's id and its extraction, or the error.
#[derive(Debug, Serialize)]
struct LineOut<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    extraction: Option<&'a Extraction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// The output line for one input line (without its newline). A line that is not a JSON
/// object with a `text` gives an `error` line with the id, if any could be read.
pub fn jsonl_line(line: &str, rules: &Rules, options: Options) -> (String, bool) {
    let null = serde_json::Value::Null;
    match serde_json::from_str::<LineIn>(line) {
        Ok(input) => {
            let x = crate::extract(&Page::from_text(&input.text), rules, options);
            let out = LineOut { id: &input.id, extraction: Some(&x), error: None };
            (serde_json::to_string(&out).unwrap_or_default(), true)
        }
        Err(e) => {
            let id = serde_json::from_str::<serde_json::Value>(line).ok().and_then(|v| v.get("id").cloned()).unwrap_or(null);
            let out = LineOut { id: &id, extraction: None, error: Some(format!("not a page line ({{\"id\": ..., \"text\": ...}}): {e}")) };
            (serde_json::to_string(&out).unwrap_or_default(), false)
        }
    }
}

/// Streams JSON lines from `input` to `output`, `chunk` lines at a time in parallel, in input
/// order. Blank lines are skipped. Returns (pages, failed lines).
pub fn jsonl(input: impl BufRead, mut output: impl Write, rules: &Rules, options: Options, chunk: usize) -> std::io::Result<(usize, usize)> {
    let (mut pages, mut failed) = (0, 0);
    let mut lines = input.lines();
    loop {
        let mut batch = Vec::with_capacity(chunk);
        for line in lines.by_ref() {
            let line = line?;
            if !line.trim().is_empty() {
                batch.push(line);
            }
            if batch.len() >= chunk {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let outs: Vec<(String, bool)> = batch.par_iter().map(|l| jsonl_line(l, rules, options)).collect();
        for (text, ok) in outs {
            pages += 1;
            failed += usize::from(!ok);
            output.write_all(text.as_bytes())?;
            output.write_all(b"\n")?;
        }
        output.flush()?;
    }
    Ok((pages, failed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_keeps_ids_and_order_and_reports_bad_lines() {
        let rules = Rules::embedded();
        let input = "{\"id\": 7, \"text\": \"## 标题\\n\\n正文写了一段话。\\n\"}\n\nnot json\n{\"id\": \"b\", \"txt\": 1}\n{\"id\": \"c\", \"text\": \"\"}\n";
        let mut out = Vec::new();
        let (pages, failed) = jsonl(input.as_bytes(), &mut out, &rules, Options::default(), 2).unwrap();
        assert_eq!((pages, failed), (4, 2));
        let lines: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines[0]["id"], 7);
        assert_eq!(lines[0]["articles"][0]["headline"], "标题");
        assert!(lines[1]["error"].is_string() && lines[1]["id"].is_null());
        assert_eq!(lines[2]["id"], "b");
        assert!(lines[2]["error"].as_str().unwrap().contains("text"));
        assert_eq!(lines[3]["id"], "c");
        assert_eq!(lines[3]["articles"].as_array().map(Vec::len), Some(0));
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomically(&p, b"first").unwrap();
        write_atomically(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
    }
}
