//! `mtlint lsp`: a language server over standard input and output.
//!
//! Transport and message types are `lsp-server`'s (the synchronous JSON-RPC layer rust-analyzer
//! uses): no async runtime, since linting is CPU-bound work for threads anyway. The protocol is
//! handled on `serde_json` values, so that URIs are echoed exactly as the client sent them.
//!
//! Threads: the main thread reads messages and keeps the open documents; a worker lints the
//! newest version of each changed document (edits that arrive while it works are coalesced, so
//! there is no timer to wait for) and publishes the diagnostics with the document's version,
//! unless a newer version has arrived meanwhile; a writer thread owns standard output. Only LSP
//! messages go to stdout; logs go to stderr.
//!
//! The linter is the one `mtlint check` uses, with an in-memory result cache: after an edit, only
//! the paragraphs that changed are analysed again, while the document-level checks see the whole
//! document. The grammar data is loaded once per process. The workspace's `mtlint.toml` is read
//! at start and again when it changes (`workspace/didChangeWatchedFiles`); a broken config is
//! reported with `window/showMessage` and the previous configuration stays in force.

mod convert;
pub mod documents;

use crate::cache::Cache;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::fix;
use crate::source::SourceKind;
use crate::Linter;
use documents::{Doc, Documents, Encoding};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};

/// What goes to standard output: a message, or raw JSON (an error answering a message that
/// could not be read has a null id, which `lsp-server` cannot express).
enum Out {
    Msg(Message),
    Raw(Value),
}

/// Where the server finds its configuration.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--config FILE`: this file instead of looking in the workspace.
    pub config: Option<PathBuf>,
    /// `--no-config`.
    pub no_config: bool,
    /// `--nlprule-dir`.
    pub nlprule_dir: Option<PathBuf>,
    /// `--grammar`.
    pub grammar: Option<crate::config::GrammarMode>,
}

/// The last diagnostics of a document: for its version, in byte spans of that version's text.
struct Linted {
    version: i64,
    kind: SourceKind,
    diagnostics: Arc<Vec<Diagnostic>>,
}

/// What the main thread and the worker share.
struct Shared {
    linter: RwLock<Arc<Linter>>,
    /// The newest version of each open document (a result for an older one is not published).
    latest: Mutex<HashMap<String, i64>>,
    results: Mutex<HashMap<String, Linted>>,
    out: Sender<Out>,
    encoding: Encoding,
}

impl Shared {
    fn is_latest(&self, uri: &str, version: i64) -> bool {
        self.latest.lock().unwrap().get(uri) == Some(&version)
    }

    fn notify(&self, method: &str, params: Value) {
        let _ = self
            .out
            .send(Out::Msg(Message::Notification(Notification::new(
                method.to_string(),
                params,
            ))));
    }

    fn show(&self, kind: u8, message: String) {
        eprintln!("mtlint lsp: {message}");
        self.notify(
            "window/showMessage",
            json!({"type": kind, "message": message}),
        );
    }

    /// Lints `doc` (a snapshot) and publishes the result if it is still the newest version.
    fn lint_and_publish(&self, doc: &Doc, kind: SourceKind) {
        if !self.is_latest(&doc.uri, doc.version) {
            return;
        }
        let linter = self.linter.read().unwrap().clone();
        let diagnostics = Arc::new(linter.check_text(&doc.text, kind));
        let published: Vec<Value> = diagnostics
            .iter()
            .map(|d| convert::diagnostic(doc, d, linter.rule(&d.rule), self.encoding))
            .collect();
        // Checked and stored under the lock: a newer version cannot slip in between.
        let mut results = self.results.lock().unwrap();
        if !self.is_latest(&doc.uri, doc.version) {
            return;
        }
        results.insert(
            doc.uri.clone(),
            Linted {
                version: doc.version,
                kind,
                diagnostics,
            },
        );
        self.notify(
            "textDocument/publishDiagnostics",
            json!({"uri": doc.uri, "version": doc.version, "diagnostics": published}),
        );
    }
}

/// A document to lint.
struct Job {
    doc: Doc,
    kind: SourceKind,
}

/// Lints jobs as they come; of several versions of one document waiting, only the newest.
fn worker(shared: Arc<Shared>, jobs: Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut pending: Vec<Job> = vec![first];
        pending.extend(jobs.try_iter());
        let mut newest: HashMap<String, Job> = HashMap::new();
        let mut order = Vec::new();
        for j in pending {
            if !newest.contains_key(&j.doc.uri) {
                order.push(j.doc.uri.clone());
            }
            newest.insert(j.doc.uri.clone(), j);
        }
        for uri in order {
            let j = &newest[&uri];
            shared.lint_and_publish(&j.doc, j.kind);
        }
    }
}

/// Builds the linter for the workspace at `root` (config discovered from there, or as the
/// options say), with an in-memory result cache.
fn build_linter(opts: &Options, root: Option<&std::path::Path>) -> anyhow::Result<Linter> {
    let mut config = if opts.no_config {
        Config::default()
    } else if let Some(p) = &opts.config {
        Config::load(p)?
    } else {
        let start = root
            .map(PathBuf::from)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        match Config::discover(&start) {
            Some(p) => Config::load(&p)?,
            None => Config::default(),
        }
    };
    config.grammar.nlprule_dir_flag = opts.nlprule_dir.clone();
    if let Some(g) = opts.grammar {
        config.grammar.mode = Some(g);
    }
    Ok(crate::registry::linter(config)?.with_cache(Arc::new(Cache::in_memory())))
}

/// Runs the server until `exit`. Returns the process's exit status: 0 after `shutdown`, 1 if
/// the client exited without it (or the input ended).
pub fn run(opts: Options) -> anyhow::Result<i32> {
    crate::grammar::prefetch(true);
    let (out_tx, out_rx) = channel::<Out>();
    let writer = std::thread::spawn(move || {
        let mut stdout = std::io::stdout().lock();
        for m in out_rx {
            let r = match m {
                Out::Msg(m) => m.write(&mut stdout),
                Out::Raw(v) => {
                    let text = v.to_string();
                    use std::io::Write;
                    write!(stdout, "Content-Length: {}\r\n\r\n{text}", text.len())
                        .and_then(|()| stdout.flush())
                }
            };
            if r.is_err() {
                break;
            }
        }
    });
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut server: Option<Server> = None;
    let mut shutdown = false;
    let code = loop {
        let msg = match Message::read(&mut input) {
            Ok(Some(m)) => m,
            Ok(None) => break 1,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                eprintln!("mtlint lsp: {e}");
                let _ = out_tx.send(Out::Raw(json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": {"code": ErrorCode::ParseError as i32, "message": e.to_string()},
                })));
                continue;
            }
            Err(e) => {
                eprintln!("mtlint lsp: reading standard input: {e}");
                break 1;
            }
        };
        match msg {
            Message::Request(req) => {
                let resp = if shutdown {
                    error(
                        req.id,
                        ErrorCode::InvalidRequest,
                        "the server is shutting down",
                    )
                } else if req.method == "shutdown" {
                    shutdown = true;
                    Response::new_ok(req.id, Value::Null)
                } else {
                    match (&mut server, req.method.as_str()) {
                        (None, "initialize") => {
                            match Server::initialize(&opts, &req.params, out_tx.clone()) {
                                Ok((s, result)) => {
                                    server = Some(s);
                                    Response::new_ok(req.id, result)
                                }
                                Err(e) => error(req.id, ErrorCode::InternalError, &e.to_string()),
                            }
                        }
                        (None, _) => {
                            error(req.id, ErrorCode::ServerNotInitialized, "initialize first")
                        }
                        (Some(_), "initialize") => error(
                            req.id,
                            ErrorCode::InvalidRequest,
                            "initialize was already received",
                        ),
                        (Some(s), _) => s.request(req),
                    }
                };
                let _ = out_tx.send(Out::Msg(Message::Response(resp)));
            }
            Message::Notification(n) if n.method == "exit" => break if shutdown { 0 } else { 1 },
            Message::Notification(n) => {
                if let (Some(s), false) = (&mut server, shutdown) {
                    s.notification(n);
                }
            }
            // Answers to our requests (client/registerCapability): nothing to do.
            Message::Response(_) => {}
        }
    };
    drop(server);
    drop(out_tx);
    let _ = writer.join();
    Ok(code)
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_string())
}

/// The `uri` of `params.textDocument`.
fn doc_uri(params: &Value) -> Option<&str> {
    params.get("textDocument")?.get("uri")?.as_str()
}

struct Server {
    opts: Options,
    root: Option<PathBuf>,
    docs: Documents,
    shared: Arc<Shared>,
    jobs: Sender<Job>,
    /// The config's `include` globs (documents they match are checked whatever their language).
    include: Vec<String>,
    watch_dynamic: bool,
}

impl Server {
    fn initialize(
        opts: &Options,
        params: &Value,
        out: Sender<Out>,
    ) -> anyhow::Result<(Server, Value)> {
        let offered: Vec<&str> = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let encoding = if offered.contains(&"utf-8") {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let root = params
            .pointer("/workspaceFolders/0/uri")
            .or_else(|| params.get("rootUri"))
            .and_then(Value::as_str)
            .and_then(documents::file_path)
            .or_else(|| {
                params
                    .get("rootPath")
                    .and_then(Value::as_str)
                    .map(PathBuf::from)
            });
        let (linter, problem) = match build_linter(opts, root.as_deref()) {
            Ok(l) => (l, None),
            Err(e) => (
                build_linter(
                    &Options {
                        no_config: true,
                        ..opts.clone()
                    },
                    root.as_deref(),
                )?,
                Some(e),
            ),
        };
        let include = linter.config.include.clone();
        let shared = Arc::new(Shared {
            linter: RwLock::new(Arc::new(linter)),
            latest: Default::default(),
            results: Default::default(),
            out,
            encoding,
        });
        if let Some(e) = problem {
            shared.show(1, format!("mtlint.toml: {e:#} (using the defaults)"));
        }
        let (jobs, rx) = channel();
        let w = shared.clone();
        std::thread::Builder::new()
            .name("mtlint-lsp-lint".into())
            .spawn(move || worker(w, rx))?;
        let watch_dynamic = params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let result = json!({
            "capabilities": {
                "positionEncoding": encoding.name(),
                "textDocumentSync": {"openClose": true, "change": 2, "save": {"includeText": false}},
                "codeActionProvider": {"codeActionKinds": ["quickfix", convert::FIX_ALL]},
                "hoverProvider": true,
            },
            "serverInfo": {"name": "mtlint", "version": env!("CARGO_PKG_VERSION")},
        });
        Ok((
            Server {
                opts: opts.clone(),
                root,
                docs: Documents::default(),
                shared,
                jobs,
                include,
                watch_dynamic,
            },
            result,
        ))
    }

    fn kind(&self, doc: &Doc) -> Option<SourceKind> {
        documents::kind_of(&doc.language, doc.path().as_deref(), &self.include)
    }

    fn schedule(&self, uri: &str) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        self.shared
            .latest
            .lock()
            .unwrap()
            .insert(uri.to_string(), doc.version);
        match self.kind(doc) {
            Some(kind) => {
                let _ = self.jobs.send(Job {
                    doc: doc.clone(),
                    kind,
                });
            }
            None => self.clear(uri),
        }
    }

    fn clear(&self, uri: &str) {
        self.shared.results.lock().unwrap().remove(uri);
        self.shared.notify(
            "textDocument/publishDiagnostics",
            json!({"uri": uri, "diagnostics": []}),
        );
    }

    fn notification(&mut self, n: Notification) {
        let p = &n.params;
        match n.method.as_str() {
            "initialized" => self.register_watchers(),
            "textDocument/didOpen" => {
                let td = &p["textDocument"];
                let (Some(uri), Some(text)) = (td["uri"].as_str(), td["text"].as_str()) else {
                    return eprintln!("mtlint lsp: didOpen without uri or text");
                };
                let version = td["version"].as_i64().unwrap_or(0);
                let lang = td["languageId"].as_str().unwrap_or("").to_string();
                self.docs
                    .open(Doc::new(uri.to_string(), version, lang, text.to_string()));
                self.schedule(uri);
            }
            "textDocument/didChange" => {
                let Some(uri) = doc_uri(p) else { return };
                let enc = self.shared.encoding;
                let Some(doc) = self.docs.get_mut(uri) else {
                    return eprintln!(
                        "mtlint lsp: didChange for a document that is not open: {uri}"
                    );
                };
                let changes = p["contentChanges"].as_array().cloned().unwrap_or_default();
                if let Err(e) = doc.apply(&changes, enc) {
                    return eprintln!("mtlint lsp: {uri}: {e}");
                }
                doc.version = p["textDocument"]["version"]
                    .as_i64()
                    .unwrap_or(doc.version + 1);
                let uri = uri.to_string();
                self.schedule(&uri);
            }
            "textDocument/didClose" => {
                let Some(uri) = doc_uri(p) else { return };
                self.docs.close(uri);
                self.shared.latest.lock().unwrap().remove(uri);
                self.clear(uri);
            }
            "workspace/didChangeWatchedFiles" => {
                let config_changed = p["changes"].as_array().is_some_and(|c| {
                    c.iter().any(|ch| {
                        ch["uri"].as_str().is_some_and(|u| {
                            crate::config::CONFIG_NAMES.iter().any(|n| u.ends_with(n))
                                || self.linter_files_changed(u)
                        })
                    })
                });
                if config_changed {
                    self.reload();
                }
            }
            _ => {}
        }
    }

    /// A words file or a rule pack of the config changed (they are part of the config).
    fn linter_files_changed(&self, uri: &str) -> bool {
        let Some(path) = documents::file_path(uri) else {
            return false;
        };
        let linter = self.shared.linter.read().unwrap().clone();
        let c = &linter.config;
        c.words_file.as_ref().is_some_and(|w| c.resolve(w) == path)
            || c.rules.dirs.iter().any(|d| path.starts_with(c.resolve(d)))
    }

    fn register_watchers(&self) {
        if !self.watch_dynamic {
            return;
        }
        let req = Request::new(
            RequestId::from("mtlint-watch-config".to_string()),
            "client/registerCapability".to_string(),
            json!({"registrations": [{
                "id": "mtlint-config",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": {"watchers": [
                    {"globPattern": "**/mtlint.toml"},
                    {"globPattern": "**/.mtlint.toml"},
                ]},
            }]}),
        );
        let _ = self.shared.out.send(Out::Msg(Message::Request(req)));
    }

    /// Reads the configuration again; on success every open document is checked again.
    fn reload(&mut self) {
        match build_linter(&self.opts, self.root.as_deref()) {
            Ok(l) => {
                self.include = l.config.include.clone();
                *self.shared.linter.write().unwrap() = Arc::new(l);
                self.shared.results.lock().unwrap().clear();
                let uris: Vec<String> = self.docs.all().map(|d| d.uri.clone()).collect();
                for u in uris {
                    self.schedule(&u);
                }
                eprintln!("mtlint lsp: configuration reloaded");
            }
            Err(e) => self.shared.show(
                1,
                format!("mtlint.toml: {e:#} (the previous configuration stays in force)"),
            ),
        }
    }

    /// The diagnostics of the document's current version: stored, or computed now.
    fn current(&self, doc: &Doc) -> Option<(SourceKind, Arc<Vec<Diagnostic>>)> {
        if let Some(l) = self.shared.results.lock().unwrap().get(&doc.uri) {
            if l.version == doc.version {
                return Some((l.kind, l.diagnostics.clone()));
            }
        }
        let kind = self.kind(doc)?;
        let linter = self.shared.linter.read().unwrap().clone();
        Some((kind, Arc::new(linter.check_text(&doc.text, kind))))
    }

    fn request(&mut self, req: Request) -> Response {
        let result = match req.method.as_str() {
            "textDocument/codeAction" => self.code_actions(&req.params),
            "textDocument/hover" => self.hover(&req.params),
            _ => {
                return error(
                    req.id,
                    ErrorCode::MethodNotFound,
                    &format!("unknown method {}", req.method),
                )
            }
        };
        match result {
            Ok(v) => Response::new_ok(req.id, v),
            Err(e) => error(req.id, ErrorCode::InvalidParams, &e),
        }
    }

    fn code_actions(&self, p: &Value) -> Result<Value, String> {
        let uri = doc_uri(p).ok_or("no textDocument.uri")?;
        let Some(doc) = self.docs.get(uri) else {
            return Ok(json!([]));
        };
        let enc = self.shared.encoding;
        let range = p.get("range").ok_or("no range")?;
        let start = doc.offset(&range["start"], enc).ok_or("bad range")?;
        let end = doc.offset(&range["end"], enc).ok_or("bad range")?;
        let only: Vec<&str> = p
            .pointer("/context/only")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let wants = |kind: &str| {
            only.is_empty()
                || only
                    .iter()
                    .any(|o| kind == *o || kind.starts_with(&format!("{o}.")))
        };
        let Some((kind, diags)) = self.current(doc) else {
            return Ok(json!([]));
        };
        let linter = self.shared.linter.read().unwrap().clone();
        let mut actions = Vec::new();
        if wants("quickfix") {
            let raw: Vec<_> = diags
                .iter()
                .filter(|d| d.span.start <= end && start <= d.span.end)
                .collect();
            // The edits as `--fix` would make them: escaped for XLIFF/PO, and a fix that
            // touches markup or file syntax not preferred.
            let mut protected: Vec<_> = raw.iter().map(|d| (*d).clone()).collect();
            fix::protect_markup(&doc.text, kind, &mut protected);
            for (d, p) in raw.iter().zip(&protected) {
                let lsp = convert::diagnostic(doc, d, linter.rule(&d.rule), enc);
                actions.extend(convert::actions_for(doc, kind, p, &lsp, enc));
            }
        }
        if wants(convert::FIX_ALL) {
            let mut first = diags.to_vec();
            fix::protect_markup(&doc.text, kind, &mut first);
            let fixed = fix::fix_until_stable(&doc.text, Some(first), |t| {
                let mut ds = linter.check_text(t, kind);
                fix::protect_markup(t, kind, &mut ds);
                ds
            });
            if fixed.fixed > 0 {
                let edit = convert::minimal_edit(&doc.text, &fixed.text);
                actions.push(json!({
                    "title": format!("Fix all safe mtlint problems ({})", fixed.fixed),
                    "kind": convert::FIX_ALL,
                    "edit": convert::workspace_edit(doc, &[edit], enc),
                }));
            }
        }
        Ok(Value::Array(actions))
    }

    fn hover(&self, p: &Value) -> Result<Value, String> {
        let uri = doc_uri(p).ok_or("no textDocument.uri")?;
        let Some(doc) = self.docs.get(uri) else {
            return Ok(Value::Null);
        };
        let enc = self.shared.encoding;
        let at = doc
            .offset(p.get("position").ok_or("no position")?, enc)
            .ok_or("bad position")?;
        let Some((_, diags)) = self.current(doc) else {
            return Ok(Value::Null);
        };
        let linter = self.shared.linter.read().unwrap().clone();
        let hits: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.span.start <= at && at <= d.span.end)
            .collect();
        let Some(first) = hits.first() else {
            return Ok(Value::Null);
        };
        let mut seen = Vec::new();
        let mut text = Vec::new();
        for d in &hits {
            if seen.contains(&d.rule.as_str()) {
                continue;
            }
            seen.push(&d.rule);
            if let Some(m) = linter.rule(&d.rule) {
                text.push(convert::hover(m, d.severity));
            }
        }
        Ok(json!({
            "contents": {"kind": "markdown", "value": text.join("\n\n---\n\n")},
            "range": doc.range(&first.span, enc),
        }))
    }
}
