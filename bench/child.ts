/**
 * The measurements that need a fresh process, one per invocation (bench/run.ts bundles this file
 * with esbuild, like the shipped bundles, and runs it with plain `node --expose-gc`):
 *
 *   child.cjs activate <extension.js>        activate() with a stub `vscode`; what got loaded
 *   child.cjs cold <python|typescript> <dist> <cache> [save]  Engine.create + first analyze of a 500-line file,
 *                                            10 calls (bench/coldEngine.ts, loaded with the code cache <cache>)
 *   child.cjs edit <python|typescript> <dist> keystrokes in a 2,000-line file, incremental re-analysis
 *   child.cjs memory <folder> <dist>          one Engine over a 1,000-file workspace: heap growth
 *
 * Each prints one JSON object on stdout.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import * as fs from 'node:fs';
import { Engine } from '../src/core/engine';
import { Parsers, type Tree } from '../src/core/parse/parser';
import { createWasmLoader, NodeWorkspaceFs } from '../src/cli/nodeFs';
import { createRankLoader } from '../src/node/ranks';
import { loadWithCodeCache } from '../src/node/codeCache';
import { rng, sourceFile, type Lang } from './corpus';

const MB = 1024 * 1024;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) for (let i = 0; i < 3; i++) g();
}
function mem() {
  gc();
  const m = process.memoryUsage();
  return { heapUsedMB: m.heapUsed / MB, rssMB: m.rss / MB, externalMB: m.external / MB, arrayBuffersMB: m.arrayBuffers / MB };
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Counts what activation must not do: compile/instantiate wasm (the parser runtime, grammars) or read .wasm files. */
function spyHeavy() {
  const seen = { wasmCompiles: 0, wasmReads: [] as string[], rankReads: [] as string[] };
  // An encoder's rank table is a .cjs module beside the bundle (dist/ranks/) or in js-tiktoken.
  const noteRead = (file: unknown) => {
    const f = String(file);
    if (f.endsWith('.wasm')) seen.wasmReads.push(f);
    else if (/[\\/]ranks[\\/][\w.-]+$/.test(f)) seen.rankReads.push(f);
  };
  const wa = WebAssembly as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const k of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
    const orig = wa[k];
    if (typeof orig !== 'function') continue;
    wa[k] = function (this: unknown, ...a: unknown[]) {
      seen.wasmCompiles++;
      return orig.apply(this, a);
    };
  }
  const OrigModule = WebAssembly.Module;
  (WebAssembly as { Module: unknown }).Module = new Proxy(OrigModule, {
    construct(t, a) {
      seen.wasmCompiles++;
      return Reflect.construct(t, a);
    },
  });
  const f = fs as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const k of ['readFileSync', 'readFile']) {
    const orig = f[k]!;
    try {
      f[k] = function (this: unknown, ...a: unknown[]) {
        noteRead(a[0]);
        return orig.apply(this, a);
      };
    } catch {
      // read-only export: leave it
    }
  }
  const fp = fs.promises as unknown as Record<string, (...a: unknown[]) => unknown>;
  const origP = fp.readFile!;
  fp.readFile = function (this: unknown, ...a: unknown[]) {
    noteRead(a[0]);
    return origP.apply(this, a);
  };
  return seen;
}

/** Top-level names of the `vscode` API (classes and enums of @types/vscode, and the namespaces). */
const VSCODE_NAMES = (
  'BranchCoverage Breakpoint CallHierarchyIncomingCall CallHierarchyItem CallHierarchyOutgoingCall ' +
  'CancellationError CancellationTokenSource ChatRequestTurn ChatResponseAnchorPart ' +
  'ChatResponseCommandButtonPart ChatResponseFileTreePart ChatResponseMarkdownPart ' +
  'ChatResponseProgressPart ChatResponseReferencePart ChatResponseTurn ChatResultFeedbackKind ' +
  'CodeAction CodeActionKind CodeActionTriggerKind CodeLens Color ColorInformation ' +
  'ColorPresentation ColorThemeKind CommentMode CommentThreadCollapsibleState CommentThreadState ' +
  'CompletionItem CompletionItemKind CompletionItemTag CompletionList CompletionTriggerKind ' +
  'ConfigurationTarget CustomExecution DataTransfer DataTransferItem DebugAdapterExecutable ' +
  'DebugAdapterInlineImplementation DebugAdapterNamedPipeServer DebugAdapterServer ' +
  'DebugConfigurationProviderTriggerKind DebugConsoleMode DebugStackFrame DebugThread ' +
  'DeclarationCoverage DecorationRangeBehavior Diagnostic DiagnosticRelatedInformation ' +
  'DiagnosticSeverity DiagnosticTag Disposable DocumentDropEdit DocumentHighlight ' +
  'DocumentHighlightKind DocumentLink DocumentSymbol EndOfLine EnvironmentVariableMutatorType ' +
  'EvaluatableExpression EventEmitter ExtensionKind ExtensionMode FileChangeType FileCoverage ' +
  'FileDecoration FilePermission FileSystemError FileType FoldingRange FoldingRangeKind ' +
  'FunctionBreakpoint Hover IndentAction InlayHint InlayHintKind InlayHintLabelPart ' +
  'InlineCompletionItem InlineCompletionList InlineCompletionTriggerKind ' +
  'InlineValueEvaluatableExpression InlineValueText InlineValueVariableLookup ' +
  'InputBoxValidationSeverity LanguageModelChatMessage LanguageModelChatMessageRole ' +
  'LanguageModelError LanguageStatusSeverity LinkedEditingRanges Location LogLevel MarkdownString ' +
  'NotebookCellData NotebookCellKind NotebookCellOutput NotebookCellOutputItem ' +
  'NotebookCellStatusBarAlignment NotebookCellStatusBarItem NotebookControllerAffinity NotebookData ' +
  'NotebookEdit NotebookEditorRevealType NotebookRange OverviewRulerLane ParameterInformation ' +
  'Position ProcessExecution ProgressLocation QuickInputButtons QuickPickItemKind Range ' +
  'RelativePattern Selection SelectionRange SemanticTokens SemanticTokensBuilder SemanticTokensEdit ' +
  'SemanticTokensEdits SemanticTokensLegend ShellExecution ShellQuoting SignatureHelp ' +
  'SignatureHelpTriggerKind SignatureInformation SnippetString SnippetTextEdit SourceBreakpoint ' +
  'StatementCoverage StatusBarAlignment SymbolInformation SymbolKind SymbolTag SyntaxTokenType ' +
  'TabInputCustom TabInputNotebook TabInputNotebookDiff TabInputTerminal TabInputText ' +
  'TabInputTextDiff TabInputWebview Task TaskGroup TaskPanelKind TaskRevealKind TaskScope ' +
  'TelemetryTrustedValue TerminalExitReason TerminalLink TerminalLocation TerminalProfile ' +
  'TestCoverageCount TestMessage TestRunProfileKind TestRunRequest TestTag TextDocumentChangeReason ' +
  'TextDocumentSaveReason TextEdit TextEditorCursorStyle TextEditorLineNumbersStyle ' +
  'TextEditorRevealType TextEditorSelectionChangeKind ThemeColor ThemeIcon TreeItem ' +
  'TreeItemCheckboxState TreeItemCollapsibleState TypeHierarchyItem UIKind Uri ViewColumn ' +
  'WorkspaceEdit ' +
  'window workspace languages commands env extensions debug tasks scm tests l10n authentication chat lm notebooks comments'
).split(' ');

/** A Proxy-based `vscode` good enough for activate(): every member exists, calls return disposables. */
function fakeVscode(calls: string[]) {
  const cache = new Map<string, unknown>();
  const make = (path: string): unknown => {
    const hit = cache.get(path);
    if (hit) return hit;
    const target = function () {} as unknown as Record<string | symbol, unknown>;
    const assigned = new Map<string | symbol, unknown>();
    const p: unknown = new Proxy(target, {
      set(_t, key, value) {
        assigned.set(key, value);
        return true;
      },
      get(_t, key) {
        if (assigned.has(key)) return assigned.get(key);
        if (key === 'then') return undefined;
        if (key === Symbol.toPrimitive) return () => path;
        if (key === Symbol.iterator) return function* () {};
        if (key === 'prototype') return target.prototype;
        if (typeof key === 'symbol') return undefined;
        if (key === 'dispose') return () => undefined;
        if (path === 'vscode.workspace' && key === 'workspaceFolders') return undefined;
        if (path === 'vscode.workspace' && key === 'textDocuments') return [];
        if (path === 'vscode.workspace' && key === 'isTrusted') return true;
        if (path === 'vscode.window' && key === 'visibleTextEditors') return [];
        if (path === 'vscode.window' && key === 'activeTextEditor') return undefined;
        if (path === 'vscode.env' && key === 'language') return 'en';
        return make(`${path}.${key}`);
      },
      apply(_t, _this, args) {
        calls.push(path);
        if (path === 'vscode.workspace.getConfiguration') {
          return { get: (_k: string, def?: unknown) => def, has: () => false, inspect: () => undefined, update: async () => undefined };
        }
        return make(`${path}()`);
      },
      construct() {
        calls.push(`new ${path}`);
        return make(`new ${path}`) as object;
      },
    });
    cache.set(path, p);
    return p;
  };
  // A plain object with own keys: bundles copy the module's own properties (esbuild's __toESM).
  const api: Record<string, unknown> = {};
  for (const name of VSCODE_NAMES) if (name) api[name] = make(`vscode.${name}`);
  api.version = '1.100.0';
  return api;
}

async function activate(extensionJs: string) {
  const calls: string[] = [];
  const vscode = fakeVscode(calls);
  const M = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
  const origLoad = M._load;
  M._load = function (req: string, ...rest: unknown[]) {
    if (req === 'vscode') return vscode;
    return origLoad.call(this, req, ...rest);
  };
  const seen = spyHeavy();
  const before = mem();
  let t0 = performance.now();
  let c0 = cpuMs();
  const ext = require(extensionJs) as { activate(ctx: unknown): unknown };
  const requireMs = performance.now() - t0;
  const requireCpuMs = cpuMs() - c0;
  const afterRequire = mem();
  const dir = join(extensionJs, '..', '..');
  const memento = { get: (_k: string, d?: unknown) => d, update: async () => undefined, keys: () => [] };
  const context = {
    subscriptions: [] as unknown[],
    extensionPath: dir,
    extensionUri: (vscode as { Uri: { file(p: string): unknown } }).Uri.file(dir),
    asAbsolutePath: (p: string) => join(dir, p),
    globalState: memento,
    workspaceState: memento,
    storageUri: undefined,
    globalStorageUri: (vscode as { Uri: { file(p: string): unknown } }).Uri.file('/tmp'),
    logUri: (vscode as { Uri: { file(p: string): unknown } }).Uri.file('/tmp'),
    extensionMode: 1,
    secrets: { get: async () => undefined, store: async () => undefined },
    environmentVariableCollection: {},
    extension: { id: 'prompt-cost-lint.prompt-cost-lint', extensionPath: dir, packageJSON: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as unknown, isActive: true },
  };
  t0 = performance.now();
  c0 = cpuMs();
  let error: string | null = null;
  try {
    ext.activate(context);
  } catch (err) {
    error = err instanceof Error ? `${err.message}\n${err.stack}` : String(err);
  }
  const activateMs = performance.now() - t0;
  const activateCpuMs = cpuMs() - c0;
  const atActivate = { wasmCompiles: seen.wasmCompiles, wasmReads: seen.wasmReads.length, rankReads: seen.rankReads.length };
  const after = mem();
  // Let the deferred start (open documents: none here) run, then look again.
  await new Promise((r) => setTimeout(r, 200));
  return {
    requireMs,
    requireCpuMs,
    activateMs,
    activateCpuMs,
    error,
    subscriptions: context.subscriptions.length,
    heavyAtActivate: atActivate,
    heavyAfterIdle: { wasmCompiles: seen.wasmCompiles, wasmReads: seen.wasmReads.length, rankReads: seen.rankReads.length },
    heapBeforeMB: before.heapUsedMB,
    heapAfterRequireMB: afterRequire.heapUsedMB,
    heapAfterActivateMB: after.heapUsedMB,
    vscodeCalls: calls.length,
  };
}

function extOf(lang: Lang) {
  return lang === 'python' ? '.py' : '.ts';
}

/**
 * `typing`: keystrokes in prompts and comments (a third inside a call's first string, the rest a
 * comment typed at a line end) — the reuse path. `code`: digits typed into number literals of the
 * code (`range(45)` → `range(457)`), which always re-parse and re-run the front end.
 */
async function edit(lang: Lang, dist: string, n: number, mode: 'typing' | 'code' = 'typing') {
  let text = sourceFile(lang, 2000 + (lang === 'python' ? 1 : 2), 2000, 10);
  const initial = text;
  const applied: Array<{ at: number; insert: string }> = [];
  const path = `/tmp/pcl-bench/edit${extOf(lang)}`;
  const fsys = new NodeWorkspaceFs({ roots: ['/tmp'], maxFileSizeKb: 1024 });
  const engine = await Engine.create({ fs: fsys, loadWasm: createWasmLoader(dist), loadRanks: createRankLoader(dist) });
  const first = await engine.analyze({ path, text });
  const r = rng(7);
  // Typing: insert a character at a random line end inside the code; a third of the edits land inside a prompt.
  const promptAt: number[] = first.calls.map((c) => c.site.span.start);
  const times: number[] = [];
  const cpus: number[] = [];
  const full: number[] = [];
  let callsSeen = first.calls.length;
  let reused = 0;
  /** One keystroke: `insert` typed at `at`, passed as a content change, timed. */
  const type = async (at: number, insert: string) => {
    applied.push({ at, insert });
    text = text.slice(0, at) + insert + text.slice(at);
    for (let k = 0; k < promptAt.length; k++) if (promptAt[k]! > at) promptAt[k]! += insert.length;
    const t0 = performance.now();
    const c0 = cpuMs();
    const res = await engine.analyze({ path, text }, [{ rangeOffset: at, rangeLength: 0, text: insert }]);
    times.push(performance.now() - t0);
    cpus.push(cpuMs() - c0);
    if (res.reused) reused++;
    callsSeen = res.calls.length;
  };
  for (let i = 0; i < n; i++) {
    let at: number;
    if (mode === 'code') {
      // after a digit of a number literal that follows `(`, `= ` or `* `
      const re = /(?:\(|= |\* )\d/g;
      re.lastIndex = Math.floor(r() * text.length);
      const m = re.exec(text) ?? (re.lastIndex = 0, re.exec(text))!;
      at = m.index + m[0].length;
      await type(at, String(Math.floor(r() * 10)));
      continue;
    }
    if (r() < 0.33 && promptAt.length) {
      const s = promptAt[Math.floor(r() * promptAt.length)]!;
      at = text.indexOf('"', s) > 0 && lang === 'python' ? text.indexOf('"', s) + 1 : text.indexOf("'", s) + 1;
      if (at <= 0) at = s;
    } else {
      const nl = text.indexOf('\n', Math.floor(r() * text.length));
      at = nl < 0 ? text.length : nl;
    }
    const ch = i % 10 === 9 ? ' ' : String.fromCharCode(97 + Math.floor(r() * 26));
    // Inside a code line end, type into a trailing comment so the syntax stays valid.
    await type(at, at === text.length || text[at] === '\n' ? (lang === 'python' ? `  # ${ch}` : ` // ${ch}`) : ch);
  }
  // Reference in the same process: the same document re-analysed without the change (full re-parse).
  for (let i = 0; i < Math.min(20, n); i++) {
    engine.forget(path);
    text += ' ';
    const t0 = performance.now();
    await engine.analyze({ path, text });
    full.push(performance.now() - t0);
  }
  // Reference: the incremental re-parse alone (tree.edit + parse with the old tree), same edits.
  const parseOnly = await replayParses(lang, dist, initial, applied);
  return {
    lines: text.split('\n').length,
    calls: callsSeen,
    edits: n,
    mode,
    reused,
    parseOnlyP50Ms: percentile(parseOnly, 50),
    parseOnlyP95Ms: percentile(parseOnly, 95),
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
    p50CpuMs: percentile(cpus, 50),
    p95CpuMs: percentile(cpus, 95),
    fullReparseP50Ms: percentile(full, 50),
  };
}

async function replayParses(lang: Lang, dist: string, initial: string, applied: Array<{ at: number; insert: string }>): Promise<number[]> {
  const parsers = await Parsers.load(createWasmLoader(dist));
  await parsers.ready(lang);
  let text = initial;
  let tree = parsers.parse(lang, text);
  const point = (t: string, i: number) => {
    const before = t.slice(0, i);
    const row = before.split('\n').length - 1;
    return { row, column: i - (before.lastIndexOf('\n') + 1) };
  };
  const times: number[] = [];
  for (const { at, insert } of applied) {
    const next = text.slice(0, at) + insert + text.slice(at);
    tree.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + insert.length, startPosition: point(text, at), oldEndPosition: point(text, at), newEndPosition: point(next, at + insert.length) } as Parameters<Tree['edit']>[0]);
    const t0 = performance.now();
    const fresh = parsers.parse(lang, next, tree);
    times.push(performance.now() - t0);
    tree.delete();
    tree = fresh;
    text = next;
  }
  tree.delete();
  return times;
}

async function memory(folder: string, dist: string) {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else files.push(join(d, e.name));
    }
  };
  walk(folder);
  files.sort();
  const sel = files.slice(0, 1000);
  const fsys = new NodeWorkspaceFs({ roots: [folder], maxFileSizeKb: 1024 });
  const engine = await Engine.create({ fs: fsys, loadWasm: createWasmLoader(dist), loadRanks: createRankLoader(dist) });
  // Load both grammars families and the encoder first: growth is what the workspace adds.
  for (const p of sel.slice(0, 20)) {
    const a = await engine.analyze({ path: p, text: readFileSync(p, 'utf8') });
    engine.forget(a.path);
  }
  const before = mem();
  let calls = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (const p of sel) {
    const text = readFileSync(p, 'utf8');
    bytes += statSync(p).size;
    const a = await engine.analyze({ path: p, text });
    calls += a.calls.length;
    // The extension keeps the tree while the editor is open and forgets it when it closes.
    engine.forget(p);
  }
  const elapsedMs = performance.now() - t0;
  const after = mem();
  // The same with the trees kept (no forget) for 200 files, to show what forget frees.
  for (const p of sel.slice(0, 200)) await engine.analyze({ path: p, text: readFileSync(p, 'utf8') });
  const kept = mem();
  engine.dispose();
  const disposed = mem();
  return {
    files: sel.length,
    bytes,
    calls,
    elapsedMs,
    heapGrowthMB: after.heapUsedMB - before.heapUsedMB,
    rssGrowthMB: after.rssMB - before.rssMB,
    externalGrowthMB: after.externalMB - before.externalMB,
    before,
    after,
    rssWith200TreesKeptMB: kept.rssMB,
    rssAfterDisposeMB: disposed.rssMB,
  };
}

async function main(): Promise<void> {
  const [mode, a, b, c] = process.argv.slice(2);
  let out: unknown;
  switch (mode) {
    case 'activate':
      out = await activate(a!);
      break;
    case 'cold': {
      // The engine is loaded from its own bundle through the extension's code-cache loader:
      // `cold <lang> <dist> <cache file> [save]` (bench/run.ts: the first run without a cache writes it).
      const loaded = loadWithCodeCache<typeof import('./coldEngine')>(join(__dirname, 'cold-engine.cjs'), c ?? join(__dirname, 'no.v8cache'));
      const result = await loaded.exports.cold(a as Lang, b!);
      out = { ...result, codeCache: loaded.cache, cacheSaved: process.argv[6] === 'save' ? loaded.save() : false };
      break;
    }
    case 'edit':
      out = await edit(a as Lang, b!, Number(c ?? 200), (process.argv[6] as 'typing' | 'code' | undefined) ?? 'typing');
      break;
    case 'memory':
      out = await memory(a!, b!);
      break;
    default:
      throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

void main();
