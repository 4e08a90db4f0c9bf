//! Batch mode through the command line: folders in, one output per page, failures reported
//! without stopping the batch, the same bytes whatever the number of jobs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

fn unweave(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unweave")).args(args).output().expect("the binary runs")
}

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = walk(dir).into_iter().map(|p| (p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap())).collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A folder of pages: the seeds (one in a subfolder), an empty page, an unreadable page and
/// a binary page.
fn pages(root: &Path) -> PathBuf {
    let dir = root.join("pages");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for (i, (name, text, _)) in common::seeds().into_iter().enumerate() {
        let to = if i == 0 { dir.join("sub").join(format!("{name}.txt")) } else { dir.join(format!("{name}.txt")) };
        std::fs::write(to, text).unwrap();
    }
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("notes.md"), "not a page: other extension").unwrap();
    // unreadable: a link to nothing (a permission bit would not stop a test run as root)
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("nowhere"), dir.join("unreadable.txt")).unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    std::fs::write(dir.join("binary.txt"), png).unwrap();
    dir
}

#[test]
fn a_batch_writes_every_good_page_and_reports_the_bad_ones() {
    let root = tempfile::tempdir().unwrap();
    let dir = pages(root.path());
    let out = root.path().join("out");
    let o = unweave(&["extract", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "failures give a non-zero exit status\n{stderr}");
    assert!(stderr.contains("unreadable.txt: "), "{stderr}");
    assert!(stderr.contains("binary.txt: looks like a binary file"), "{stderr}");
    assert!(stderr.contains("8 pages in") && stderr.contains("6 written") && stderr.contains("2 failed"), "{stderr}");
    let written: Vec<PathBuf> = files(&out).into_iter().map(|f| f.0).collect();
    let seeds = common::seeds();
    assert_eq!(written.len(), seeds.len() + 1, "{written:?}");
    assert!(written.contains(&PathBuf::from("sub").join(format!("{}.json", seeds[0].0))), "{written:?}");
    assert!(written.contains(&PathBuf::from("empty.json")), "{written:?}");
    // each output is what `extract PAGE` prints
    let one = unweave(&["extract", dir.join(format!("{}.txt", seeds[1].0)).to_str().unwrap()]);
    assert_eq!(std::fs::read(out.join(format!("{}.json", seeds[1].0))).unwrap(), one.stdout);
    let empty: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("empty.json")).unwrap()).unwrap();
    assert_eq!(empty["articles"].as_array().map(Vec::len), Some(0));
}

#[test]
fn output_is_the_same_whatever_the_jobs_and_newer_outputs_are_kept() {
    let root = tempfile::tempdir().unwrap();
    let dir = pages(root.path());
    std::fs::remove_file(dir.join("binary.txt")).unwrap();
    std::fs::remove_file(dir.join("unreadable.txt")).unwrap();
    let (one, four) = (root.path().join("one"), root.path().join("four"));
    let a = unweave(&["extract", dir.to_str().unwrap(), "--out", one.to_str().unwrap(), "--jobs", "1", "--format", "md"]);
    let b = unweave(&["extract", dir.to_str().unwrap(), "--out", four.to_str().unwrap(), "--jobs", "4", "--format", "md"]);
    assert!(a.status.success() && b.status.success());
    let (fa, fb) = (files(&one), files(&four));
    assert!(!fa.is_empty());
    assert_eq!(fa, fb, "--jobs 1 and --jobs 4 write the same bytes");
    // a second run leaves the (newer) outputs alone; --force rewrites them
    let again = unweave(&["extract", dir.to_str().unwrap(), "--out", one.to_str().unwrap(), "--format", "md"]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains(&format!("0 written, {} skipped", fa.len())), "{stderr}");
    let forced = unweave(&["extract", dir.to_str().unwrap(), "--out", one.to_str().unwrap(), "--format", "md", "--force"]);
    let stderr = String::from_utf8_lossy(&forced.stderr);
    assert!(stderr.contains(&format!("{} written, 0 skipped", fa.len())), "{stderr}");
}

#[test]
fn jsonl_mode_maps_lines_to_lines() {
    use std::io::Write;
    let seeds = common::seeds();
    let mut input = String::new();
    for (name, text, _) in &seeds {
        input.push_str(&serde_json::json!({ "id": name, "text": text }).to_string());
        input.push('\n');
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_unweave")).args(["extract", "--jsonl", "--jobs", "2"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), seeds.len());
    for ((name, text, _), line) in seeds.iter().zip(&lines) {
        assert_eq!(line["id"], name.as_str());
        let x = unweave::extract_text(text, &unweave::Rules::embedded());
        assert_eq!(line["articles"].as_array().map(Vec::len), Some(x.articles.len()), "{name}");
    }
}

#[test]
fn an_output_folder_inside_the_input_is_not_read_as_pages() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text, _) in common::seeds().into_iter().take(2) {
        std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
    }
    let out = dir.join("out");
    for _ in 0..2 {
        let o = unweave(&["extract", dir.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "text", "--force"]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success() && stderr.starts_with("2 pages in"), "{stderr}");
    }
}

#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    use std::io::{BufRead, BufReader};
    // a rules folder large enough that the reference outgrows the pipe's buffer
    let dir = tempfile::tempdir().unwrap();
    let mut yaml = String::from("rules:\n");
    for i in 0..400 {
        yaml.push_str(&format!("  - name: noise-{i}\n    doc: {}\n    kind: noise\n    pattern: '^噪声{i}$'\n    examples:\n      - text: 噪声{i}\n", "一条很长的说明。".repeat(8)));
    }
    std::fs::write(dir.path().join("many.yaml"), yaml).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_unweave")).args(["rules", "doc", dir.path().to_str().unwrap()]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // the reader is dropped: the rest of the reference meets a closed pipe
    let o = child.wait_with_output().unwrap();
    assert_eq!(first.trim(), "# Rule reference");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
