//! The formats for CI: SARIF 2.1.0 and GitHub Actions workflow commands.
//!
//! SARIF is validated twice when the tools are installed (`.ci/run` installs both and CI requires
//! them): with Microsoft's SARIF multitool (`MTLINT_SARIF_MULTITOOL`, from npm), and against the
//! SARIF 2.1.0 JSON schema that comes with it, by Python's `jsonschema` (`MTLINT_CI_PYTHON`, a
//! virtualenv with it): the multitool's own rules do not report every schema violation (a result
//! `level` outside the enumeration passes unnoticed).

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn mtlint(dir: &Path, args: &[&str]) -> String {
    let o = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--no-config", "--no-cache"])
        .args(args)
        .output()
        .unwrap();
    assert!(matches!(o.status.code(), Some(0 | 1)), "{o:?}");
    String::from_utf8(o.stdout).unwrap()
}

/// The multitool's binary (`Sarif.Multitool` of the npm package `@microsoft/sarif-multitool-linux`,
/// not the node wrapper, which passes arguments through a shell): `$MTLINT_SARIF_MULTITOOL`, else
/// the copy `.ci/run` installs. Required in CI.
fn multitool() -> Option<PathBuf> {
    let p = std::env::var_os("MTLINT_SARIF_MULTITOOL")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            root().join(
                "target/ci-tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool",
            )
        });
    if p.is_file() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the SARIF multitool is missing ({}): .ci/run installs it",
        p.display()
    );
    eprintln!("note: SARIF multitool not installed, schema validation skipped");
    None
}

fn fixtures() -> Vec<String> {
    // Files only: fixtures/bilingual/ is a directory of XLIFF and PO files.
    let mut v: Vec<String> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_file())
        .map(|e| format!("fixtures/{}", e.file_name().to_string_lossy()))
        .collect();
    v.sort();
    v
}

#[test]
fn sarif_is_valid_and_matches_the_jsonl_findings() {
    let files = fixtures();
    let mut args = vec!["--format", "sarif"];
    args.extend(files.iter().map(String::as_str));
    let sarif = mtlint(root(), &args);
    let doc: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "mtlint");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    // The same findings as jsonl, with consistent rule indices and UTF-16 regions.
    let mut jargs = vec!["--format", "jsonl"];
    jargs.extend(files.iter().map(String::as_str));
    let jsonl: Vec<Value> = mtlint(root(), &jargs)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), jsonl.len());
    assert!(results.len() > 50);
    for (r, j) in results.iter().zip(&jsonl) {
        assert_eq!(r["ruleId"], j["rule"]);
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], j["rule"]);
        assert!(rules[i]["shortDescription"]["text"].is_string());
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], j["path"]);
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let text = std::fs::read_to_string(root().join(j["path"].as_str().unwrap())).unwrap();
        let start = j["start"].as_u64().unwrap() as usize;
        let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
        let utf16 = text[line_start..start].encode_utf16().count() as u64 + 1;
        let region = &loc["region"];
        assert_eq!(region["startLine"], j["line"]);
        assert_eq!(region["startColumn"].as_u64(), Some(utf16), "{r}");
        assert!(r["partialFingerprints"]["mtlint/v1"].is_string());
        let level = match j["severity"].as_str().unwrap() {
            "info" => "note",
            s => s,
        };
        assert_eq!(r["level"], level);
    }
    // Safe fixes travel as SARIF fixes.
    assert!(results.iter().any(|r| r["fixes"].is_array()));

    if let Some(tool) = multitool() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.sarif");
        std::fs::write(&file, &sarif).unwrap();
        let o = std::process::Command::new(&tool)
            .args(["validate", "--output"])
            .arg(dir.path().join("report.sarif"))
            .arg(&file)
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "validator failed: {out}");
        let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error ")).collect();
        assert!(errors.is_empty(), "SARIF errors:\n{}", errors.join("\n"));
        // The schema beside the multitool's binary, by jsonschema.
        let schema = tool
            .parent()
            .map(|d| d.join("sarif-2.1.0.json"))
            .filter(|p| p.is_file());
        match (schema, python()) {
            (Some(schema), Some(py)) => {
                let o = std::process::Command::new(py)
                    .arg("-c")
                    .arg(
                        "import json, sys, jsonschema\n\
                         jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
                    )
                    .arg(&file)
                    .arg(&schema)
                    .output()
                    .unwrap();
                assert!(
                    o.status.success(),
                    "SARIF schema violation: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
            }
            _ => {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "CI needs the schema and MTLINT_CI_PYTHON"
                );
                eprintln!(
                    "note: JSON schema validation skipped (no schema or no MTLINT_CI_PYTHON)"
                );
            }
        }
    }
}

/// A Python with `jsonschema` (`$MTLINT_CI_PYTHON`).
fn python() -> Option<PathBuf> {
    std::env::var_os("MTLINT_CI_PYTHON").map(PathBuf::from)
}

#[test]
fn sarif_fingerprints_survive_edits_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let body = "We saw the the cat.\n\nThe price price rose.\n";
    std::fs::write(dir.path().join("a.txt"), body).unwrap();
    let fps = |d: &Path| -> Vec<String> {
        let v: Value = serde_json::from_str(&mtlint(d, &["--format", "sarif", "a.txt"])).unwrap();
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["mtlint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = fps(dir.path());
    assert_eq!(before.len(), 2);
    std::fs::write(
        dir.path().join("a.txt"),
        format!("A new opening paragraph.\n\n{body}"),
    )
    .unwrap();
    assert_eq!(fps(dir.path()), before);
}

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a,b.txt"),
        "Growth was 12 % and the the rest.\n",
    )
    .unwrap();
    let out = mtlint(dir.path(), &["--format", "github", "a,b.txt"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(!lines.is_empty());
    for l in &lines {
        assert!(
            l.starts_with("::warning file=a%2Cb.txt,line=1,col=")
                || l.starts_with("::notice file=a%2Cb.txt,line=1,col=")
                || l.starts_with("::error file=a%2Cb.txt,line=1,col="),
            "{l}"
        );
        let (props, message) = l[2..].split_once("::").unwrap();
        assert!(props.contains(",endLine=1,endColumn=") && props.contains(",title="));
        assert!(!message.contains('\n') && !message.contains('\r'));
    }
    let repeated = lines
        .iter()
        .find(|l| l.contains("title=repetition/repeated-word"))
        .unwrap();
    assert!(
        repeated.contains("col=24,endLine=1,endColumn=27"),
        "{repeated}"
    );
}

#[test]
fn pre_commit_hooks_run_mtlint_on_prose_files() {
    // .pre-commit-hooks.yaml: each hook's entry is an mtlint command that works on the files its
    // pattern selects (the YAML is read line by line: it is flat on purpose).
    let yaml = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |hook: &str, key: &str| -> String {
        let start = yaml.find(&format!("\n- id: {hook}\n")).unwrap() + 1;
        let rest = &yaml[start..];
        let end = rest[1..].find("\n- id:").map_or(rest.len(), |e| e + 1);
        rest[..end]
            .lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{key}: ")))
            .unwrap()
            .trim_matches('\'')
            .to_string()
    };
    for hook in ["mtlint", "mtlint-fix"] {
        assert_eq!(field(hook, "language"), "rust");
        let files = regex::Regex::new(&field(hook, "files")).unwrap();
        assert!(files.is_match("docs/a.md") && files.is_match("notes.txt"));
        assert!(!files.is_match("src/main.rs"));
        let entry = field(hook, "entry");
        let args: Vec<&str> = entry.split_whitespace().collect();
        assert_eq!(args[0], "mtlint");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "The the end.\n").unwrap();
        let o = Command::cargo_bin("mtlint")
            .unwrap()
            .current_dir(dir.path())
            .args(&args[1..])
            .args(["--no-config", "--grammar", "off", "--no-cache", "a.md"])
            .output()
            .unwrap();
        let expected = if hook == "mtlint" { 1 } else { 0 };
        assert_eq!(o.status.code(), Some(expected), "{hook}: {o:?}");
    }
}
