//! `mtlint lsp` at the protocol level: the real binary, JSON-RPC over its stdin and stdout.
//! Incremental edits, CRLF, UTF-16 and UTF-8 positions after astral characters, versions (stale
//! results never published over newer ones), config reload, code actions, hover, malformed and
//! unexpected messages, shutdown and exit.

mod lsp_client;

use lsp_client::Client;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn bin() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_BIN_EXE_mtlint"))
}

fn rules(p: &Value) -> Vec<String> {
    p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn find<'a>(p: &'a Value, code: &str) -> &'a Value {
    p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {p:#}"))
}

const REPEATED: &str = "repetition/repeated-word";

#[test]
fn diagnostics_versions_incremental_edits_and_positions() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(bin(), dir.path(), &["--no-config"]);
    let init = c.initialize(json!({}), dir.path());
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    // Neovim's lower-case percent-encoding is echoed as sent; its "text" language id is served.
    let uri = format!("file://{}/caf%c3%a9.txt", dir.path().display());
    let text = "😀 We saw the the cat.\r\nA line with the the end.\r\n";
    c.open(&uri, "text", 0, text);
    let p = c.publish(&uri, 0);
    let d = find(&p, REPEATED);
    assert_eq!(d["source"], "mtlint");
    assert_eq!(d["severity"], 2);
    // "😀" is two UTF-16 code units: " the" starts at character 13 (12 in scalar values).
    assert_eq!(
        d["range"],
        json!({"start": {"line": 0, "character": 13}, "end": {"line": 0, "character": 17}})
    );
    assert_eq!(rules(&p).iter().filter(|r| *r == REPEATED).count(), 2);
    let second = &p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == REPEATED)
        .nth(1)
        .unwrap()["range"];
    assert_eq!(second["start"], json!({"line": 1, "character": 15}));

    // An incremental edit removes the first repetition: published with the new version.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 1}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 13}, "end": {"line": 0, "character": 17}}, "text": ""}
        ]}),
    );
    let p = c.publish(&uri, 1);
    let left = p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == REPEATED)
        .collect::<Vec<_>>();
    assert_eq!(left.len(), 1);
    assert_eq!(
        left[0]["range"]["start"],
        json!({"line": 1, "character": 15})
    );

    // Quick edits: whatever is published, the last word is the newest version, and nothing of an
    // older version comes after a newer one.
    for v in 2..=6 {
        let t = if v % 2 == 0 {
            "Clean text here.\n"
        } else {
            "The the cat.\n"
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": t}]}),
        );
    }
    let last = c.publish(&uri, 6);
    assert!(rules(&last).is_empty(), "{last}");
    let later = c.drain(Duration::from_millis(700));
    let versions: Vec<i64> = later
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(
        versions.iter().all(|&v| v >= 6),
        "stale publish after v6: {versions:?}"
    );

    // Closing clears.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"] == json!([])
            && m["params"].get("version").is_none()
    });
    assert_eq!(cleared["params"]["uri"], uri.as_str());
    assert_eq!(c.finish(), 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(bin(), dir.path(), &["--no-config", "--grammar", "off"]);
    let init = c.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        dir.path(),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let uri = format!("file://{}/a.md", dir.path().display());
    c.open(&uri, "markdown", 3, "# Café 😀\n\nWe saw the the cat.\n");
    let p = c.publish(&uri, 3);
    assert_eq!(
        find(&p, REPEATED)["range"]["start"],
        json!({"line": 2, "character": 10})
    );
    assert_eq!(c.finish(), 0);
}

#[test]
fn code_actions_hover_and_fix_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(bin(), dir.path(), &["--no-config", "--grammar", "off"]);
    c.initialize(json!({}), dir.path());
    let uri = format!("file://{}/a.md", dir.path().display());
    let text = "We saw the the cat.\n\nThe price price rose.\n";
    c.open(&uri, "markdown", 0, text);
    let p = c.publish(&uri, 0);
    let d = find(&p, REPEATED).clone();
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let actions = r["result"].as_array().unwrap();
    let quick = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .unwrap();
    let edits = &quick["edit"]["changes"][uri.as_str()];
    assert_eq!(edits[0]["newText"], "");
    assert_eq!(edits[0]["range"], d["range"]);
    let disable = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Disable repetition/repeated-word")
        })
        .unwrap();
    assert_eq!(
        disable["edit"]["changes"][uri.as_str()][0]["newText"],
        " <!-- mtlint-disable-line repetition/repeated-word -->"
    );
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.mtlint")
        .unwrap();
    let e = &fix_all["edit"]["changes"][uri.as_str()][0];
    // One edit spanning from the first fix to the last, without the text they share.
    assert_eq!(e["range"]["start"], json!({"line": 0, "character": 11}));
    assert_eq!(e["range"]["end"]["line"], 2);
    assert_eq!(e["newText"].as_str().unwrap().matches("price").count(), 0);

    // Only source actions when asked for them.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let kinds: Vec<&str> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["source.fixAll.mtlint"]);

    // Hover on the flagged text explains the rule.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": d["range"]["start"]}),
    );
    let v = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        v.contains("repetition/repeated-word") && v.contains("Examples"),
        "{v}"
    );
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(h["result"], Value::Null);
    assert_eq!(c.finish(), 0);
}

#[test]
fn config_is_read_from_the_workspace_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("mtlint.toml");
    std::fs::write(&cfg, "[rules]\ndisable = [\"repetition/repeated-word\"]\n").unwrap();
    let mut c = Client::start(bin(), dir.path(), &["--grammar", "off"]);
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        dir.path(),
    );
    // The server asks to watch mtlint.toml.
    let reg = c.wait(|m| m["method"] == "client/registerCapability");
    let watchers = reg["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(watchers.contains("mtlint.toml"), "{watchers}");
    c.send(json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));
    let uri = format!("file://{}/a.txt", dir.path().display());
    c.open(&uri, "text", 0, "We saw the the cat.\n");
    assert!(!rules(&c.publish(&uri, 0)).contains(&REPEATED.to_string()));

    std::fs::write(&cfg, "[rules]\ndisable = []\n").unwrap();
    let changed = json!({"changes": [{"uri": format!("file://{}", cfg.display()), "type": 2}]});
    c.notify("workspace/didChangeWatchedFiles", changed.clone());
    assert!(rules(&c.publish(&uri, 0)).contains(&REPEATED.to_string()));

    // A broken config is a message, and the previous configuration stays.
    std::fs::write(&cfg, "[rules\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", changed);
    let msg = c.wait(|m| m["method"] == "window/showMessage");
    assert_eq!(msg["params"]["type"], 1);
    assert!(
        msg["params"]["message"]
            .as_str()
            .unwrap()
            .contains("mtlint.toml"),
        "{msg}"
    );
    assert_eq!(c.finish(), 0);
}

#[test]
fn malformed_and_unexpected_messages_get_errors_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(bin(), dir.path(), &["--no-config", "--grammar", "off"]);
    // Before initialize.
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002);
    c.initialize(json!({}), dir.path());
    // Not JSON at all.
    c.raw("{this is not json");
    let e = c.wait(|m| m.get("error").is_some() && m["id"].is_null());
    assert_eq!(e["error"]["code"], -32700);
    // An unknown method, and params of the wrong shape.
    assert_eq!(
        c.request("mtlint/nonsense", json!({}))["error"]["code"],
        -32601
    );
    assert_eq!(
        c.request("textDocument/codeAction", json!({"nope": 1}))["error"]["code"],
        -32602
    );
    // Notifications about documents never opened, and junk changes, are ignored.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": "file:///nope.txt", "version": 3}, "contentChanges": [{"text": "x"}]}));
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": 5}}));
    // Still alive and well.
    let uri = format!("file://{}/a.txt", dir.path().display());
    c.open(&uri, "plaintext", 0, "The the end.\n");
    assert!(rules(&c.publish(&uri, 0)).contains(&REPEATED.to_string()));
    // Files that are not prose get nothing.
    let rs = format!("file://{}/main.rs", dir.path().display());
    c.open(&rs, "rust", 0, "fn main() { the the }\n");
    let p = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == rs.as_str()
    });
    assert_eq!(p["params"]["diagnostics"], json!([]));
    assert_eq!(c.finish(), 0);
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(bin(), dir.path(), &["--no-config", "--grammar", "off"]);
    c.initialize(json!({}), dir.path());
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(s) = c.child.try_wait().unwrap() {
            assert_eq!(s.code(), Some(1));
            break;
        }
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn xliff_buffers_get_bilingual_findings_escaped_fixes_and_parse_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(bin(), dir.path(), &["--no-config", "--grammar", "off"]);
    c.initialize(json!({}), dir.path());
    let uri = format!("file://{}/app.xlf", dir.path().display());
    let text = "<xliff version=\"2.0\" srcLang=\"zh\" trgLang=\"en\"><file id=\"f\">\n<unit id=\"1\"><segment><source>备份了3.5万张照片</source><target>Backed up 3,500 photos</target></segment></unit>\n<unit id=\"2\"><segment><source>研究 &amp; 教学</source><target>Research and and teaching &amp; more</target></segment></unit>\n</file></xliff>\n";
    // Neovim's filetype for .xlf is "xml": the extension decides.
    c.open(&uri, "xml", 0, text);
    let p = c.publish(&uri, 0);
    let n = find(&p, "bilingual/number-mismatch");
    // UTF-16 column of "3,500" in its line (the Chinese source before it is one unit a character).
    let line1 = text.lines().nth(1).unwrap();
    let col = line1[..line1.find("3,500").unwrap()].encode_utf16().count();
    assert_eq!(n["range"]["start"], json!({"line": 1, "character": col}));
    let d = find(&p, REPEATED).clone();
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let quick = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .unwrap()
        .clone();
    assert_eq!(quick["edit"]["changes"][uri.as_str()][0]["newText"], "");
    // A buffer that does not parse: one error at the mismatched end tag.
    let bad = "<xliff version=\"2.0\"><file id=\"f\"><unit id=\"1\"><segment><source>A</source><target>B</segment>\n";
    c.open(
        &format!("file://{}/bad.xlf", dir.path().display()),
        "xml",
        0,
        bad,
    );
    let p = c.publish(&format!("file://{}/bad.xlf", dir.path().display()), 0);
    let m = find(&p, "bilingual/malformed-file");
    assert_eq!(m["severity"], 1);
    assert_eq!(m["range"]["start"]["line"], 0);
    assert_eq!(c.finish(), 0);
}
