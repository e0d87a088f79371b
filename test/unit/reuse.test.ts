/**
 * Typing in a comment or a prompt keeps the last front-end result (src/core/reuse.ts) instead of
 * re-parsing: after every such edit the result must equal a fresh analysis of the same text.
 * Random edits — inside string literals and comments, at their edges, new trailing comments, code
 * typed in Python function bodies, and now and then a character that must send the engine back to
 * a full analysis — are replayed on every example, fixture and corpus file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Engine, type ContentChange, type FileAnalysis } from '../../src/core/engine';
import { Parsers, languageOfPath, type Node } from '../../src/core/parse/parser';
import { NodeWorkspaceFs } from '../../src/cli/nodeFs';
import { MemFs } from '../helpers/memfs';
import { loadWasm } from '../helpers/wasm';
import { rng, sourceFile } from '../../bench/corpus';

const REPO = join(__dirname, '..', '..');
const DIRS = ['examples', 'test/fixtures', 'test/corpus/real'].map((d) => join(REPO, d));

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== '__snapshots__' && name !== 'node_modules') sourceFiles(p, out);
    } else if (/\.(py|ts|tsx|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}


/** What the editor shows of an analysis: every call, finding (with fixes) and note. */
function view(r: FileAnalysis): string {
  return JSON.stringify({ calls: r.calls, findings: r.findings, notes: r.notes, language: r.language });
}

/**
 * A document typed into one change at a time: each result is checked against a fresh analysis of
 * the same text (and returned, to say whether it kept the front-end result).
 */
async function typingSession(path: string, text: string) {
  const e = await Engine.create({ fs: new MemFs({}), loadWasm });
  const fresh = await Engine.create({ fs: new MemFs({}), loadWasm });
  await e.analyze({ path, text });
  let cur = text;
  return {
    get text(): string {
      return cur;
    },
    /** Type `typed` at offset `at` of the current text. */
    async type(at: number, typed: string): Promise<FileAnalysis> {
      cur = cur.slice(0, at) + typed + cur.slice(at);
      const got = await e.analyze({ path, text: cur }, [{ rangeOffset: at, rangeLength: 0, text: typed }]);
      fresh.forget(path);
      assert.equal(view(got), view(await fresh.analyze({ path, text: cur })), `after typing ${JSON.stringify(typed)} at ${at}`);
      return got;
    },
  };
}

const SAFE = 'abcxyz XYZ019_-.,:;!?#/*()[]<>=+@&|~^';
const UNSAFE = ['"', "'", '`', '{', '}', '\\', '\n', '$', '%', '\\n'];

function pickChar(r: () => number): string {
  if (r() < 0.04) return UNSAFE[Math.floor(r() * UNSAFE.length)]!;
  const n = 1 + Math.floor(r() * 3);
  let s = '';
  for (let i = 0; i < n; i++) s += SAFE[Math.floor(r() * SAFE.length)]!;
  return s;
}

const FUNCTIONS = new Set(['function_definition', 'function_declaration', 'function_expression', 'arrow_function', 'method_definition']);
const NUMBERS = new Set(['integer', 'number']);

/** What the edits are placed by: plain copies (the tree is freed before they are used). */
interface Target {
  type: string;
  startIndex: number;
  endIndex: number;
  /** In a top-level Python statement (not in a function body). */
  top?: boolean;
}

/** A statement written directly in a Python module or class body (constants, dataclass fields). */
function topStatement(n: Node): boolean {
  const p = n.parent;
  return n.type === 'expression_statement' && !!p && (p.type === 'module' || (p.type === 'block' && p.parent?.type === 'class_definition'));
}

/** Comments and literals into `out`; names and numbers in function bodies and in top-level Python statements into `words`. */
function collect(n: Node, out: Target[], words: Target[], inBody = false, top = false): void {
  const copy = () => ({ type: n.type, startIndex: n.startIndex, endIndex: n.endIndex, top });
  if (n.type === 'comment' || n.type === 'string_content' || n.type === 'string_fragment') out.push(copy());
  if ((inBody || top) && (n.type === 'identifier' || n.type === 'property_identifier' || NUMBERS.has(n.type))) words.push(copy());
  for (const c of n.children) {
    if (c) collect(c, out, words, inBody || (FUNCTIONS.has(n.type) && (c.type === 'block' || c.type === 'statement_block')), top || topStatement(c));
  }
}

const CODE_RISKY = ['(', ')', ':', '#', '"', '\n', '[', 'global ', '    '];

/** Code typed in a function body — names and numbers edited in place, and now and then a character that changes the code's shape. */
function codeEdit(text: string, words: Target[], r: () => number): ContentChange & { top?: boolean } {
  // A third of them in numbers of top-level Python statements (constants, class fields), when there are some.
  const topNumbers = words.filter((x) => x.top && NUMBERS.has(x.type));
  const pool = topNumbers.length && r() < 0.33 ? topNumbers : words;
  const w = pool[Math.floor(r() * pool.length)]!;
  const top = w.top;
  const at = w.startIndex + Math.floor(r() * (w.endIndex - w.startIndex + 1));
  if (r() < 0.05) return { rangeOffset: at, rangeLength: 0, text: CODE_RISKY[Math.floor(r() * CODE_RISKY.length)]!, top };
  const alphabet = NUMBERS.has(w.type) ? '0123456789' : 'abcxyz_019';
  if (r() < 0.25 && w.endIndex - w.startIndex > 1 && at < w.endIndex) return { rangeOffset: at, rangeLength: 1, text: '', top };
  let t = '';
  for (let i = 1 + Math.floor(r() * 2); i > 0; i--) t += alphabet[Math.floor(r() * alphabet.length)]!;
  // a name must not start with a digit
  return { rangeOffset: at, rangeLength: 0, text: at === w.startIndex && !NUMBERS.has(w.type) ? 'q' + t : t, top };
}

/** One random edit of the kinds the reuse path takes (and some it must refuse). */
function randomEdit(text: string, targets: Target[], r: () => number, lang: string): ContentChange {
  const k = r();
  if (k < 0.25 || targets.length === 0) {
    // a trailing comment, or text, at a random line end
    let at = text.indexOf('\n', Math.floor(r() * text.length));
    if (at < 0) at = text.length;
    const c = lang === 'python' ? '#' : '//';
    return { rangeOffset: at, rangeLength: 0, text: r() < 0.95 ? `  ${c} ${pickChar(r)}` : pickChar(r) };
  }
  const t = targets[Math.floor(r() * targets.length)]!;
  const where = r();
  let at = where < 0.25 ? t.startIndex : where < 0.5 ? t.endIndex : t.startIndex + Math.floor(r() * (t.endIndex - t.startIndex + 1));
  // Not before a comment's marker (that types code, and a syntax error would end reuse for the rest of the run).
  if (t.type === 'comment') at = Math.max(at, t.startIndex + (lang === 'python' ? 1 : 2));
  if (r() < 0.2 && at < t.endIndex) {
    // delete one or two characters
    return { rangeOffset: at, rangeLength: Math.min(1 + Math.floor(r() * 2), text.length - at), text: '' };
  }
  return { rangeOffset: at, rangeLength: 0, text: pickChar(r) };
}

function apply(text: string, ch: ContentChange): string {
  return text.slice(0, ch.rangeOffset) + ch.text + text.slice(ch.rangeOffset + ch.rangeLength);
}

describe('reuse of the front end across edits in comments and prompts', () => {
  test('every edit gives the result of a fresh analysis (examples, fixtures, corpus)', async () => {
    // Plus generated application code (bench/corpus.ts): many functions without LLM calls, whose
    // bodies the Python front end never scans — where code typed keeps the result.
    // (The path is part of what is analysed: a plain name, no `test` in it. One folder per process,
    // so two runs on one machine do not delete each other's files.)
    const gen = join(tmpdir(), `pcl-reuse-generated-${process.pid}`);
    rmSync(gen, { recursive: true, force: true });
    mkdirSync(gen, { recursive: true });
    for (let seed = 1; seed <= 4; seed++) {
      writeFileSync(join(gen, `generated_${seed}.py`), sourceFile('python', seed, 250, 3));
      writeFileSync(join(gen, `generated_${seed}.ts`), sourceFile('typescript', seed, 250, 3));
    }
    const files = [...DIRS.flatMap((d) => sourceFiles(d)), ...sourceFiles(gen)];
    assert.ok(files.length > 100, `only ${files.length} files`);
    const parsers = await Parsers.load(loadWasm);
    let edits = 0;
    let reused = 0;
    const reusedCode = [0, 0];
    let reusedTop = 0;
    const mismatches: string[] = [];
    for (const [i, file] of files.entries()) {
      const lang = languageOfPath(file);
      if (!lang) continue;
      await parsers.ready(lang);
      const fs = new NodeWorkspaceFs({ roots: [dirname(file)], maxFileSizeKb: 1024 });
      const engine = await Engine.create({ fs, loadWasm });
      const fresh = await Engine.create({ fs, loadWasm });
      const path = file.split('\\').join('/');
      let text = readFileSync(file, 'utf8');
      await engine.analyze({ path, text });
      const r = rng(1000 + i + Number(process.env.PCL_REUSE_SEED ?? 0));
      const history: ContentChange[][] = [];
      let undo: ContentChange[] = [];
      for (let step = 0; step < (file.includes('generated_') ? 60 : 8); step++) {
        const tree = parsers.parse(lang, text);
        const targets: Target[] = [];
        const words: Target[] = [];
        collect(tree.rootNode, targets, words);
        const broken = tree.rootNode.hasError;
        tree.delete();
        // After an edit that broke the syntax, the next one undoes it (as a user fixes a typo):
        // a file with a syntax error always takes the full path.
        const isCode = !broken && words.length > 0 && r() < 0.4;
        const first = isCode ? codeEdit(text, words, r) : null;
        const changes: ContentChange[] = broken && undo.length ? undo : [first ?? randomEdit(text, targets, r, lang)];
        let next = changes.reduce(apply, text);
        if (!broken && r() < 0.15) {
          // two changes in one event (the second in the text after the first)
          const second = randomEdit(next, targets, r, lang);
          if (second.rangeOffset + second.rangeLength <= next.length) {
            changes.push(second);
            next = apply(next, second);
          }
        }
        history.push(changes);
        // The inverse of these changes, last first, each in the text it applies to.
        undo = [];
        {
          let t = text;
          const steps: Array<{ before: string; ch: ContentChange }> = [];
          for (const ch of changes) {
            steps.push({ before: t, ch });
            t = apply(t, ch);
          }
          for (const { before, ch } of steps.reverse()) undo.push({ rangeOffset: ch.rangeOffset, rangeLength: ch.text.length, text: before.slice(ch.rangeOffset, ch.rangeOffset + ch.rangeLength) });
        }
        const got = await engine.analyze({ path, text: next }, changes);
        fresh.forget(path);
        const want = await fresh.analyze({ path, text: next });
        edits++;
        if (got.reused) reused++;
        if (got.reused && isCode && changes.length === 1) {
          if (first?.top) reusedTop++;
          else reusedCode[lang === 'python' ? 0 : 1]++;
        }
        if (view(got) !== view(want) && mismatches.length < 5) {
          mismatches.push(`${relative(REPO, file)} after ${JSON.stringify(history)} (reused: ${!!got.reused}) near ${JSON.stringify(next.slice(Math.max(0, changes[0]!.rangeOffset - 40), changes[0]!.rangeOffset + 40))}`);
        }
        text = next;
      }
      engine.dispose();
      fresh.dispose();
    }
    rmSync(gen, { recursive: true, force: true });
    console.log(`reuse: ${reused} of ${edits} edits kept the front-end result; code typed in function bodies: ${reusedCode[0]} in Python, ${reusedCode[1]} in TS/JS; in Python module and class-level assignments: ${reusedTop}`);
    assert.deepEqual(mismatches, []);
    // Many of these edits must take the reuse path, or this test checks nothing (the others are
    // dict keys, names, paths, quotes, braces: the full path on purpose).
    assert.ok(reused > edits / 4, `${reused} of ${edits} edits reused the front end`);
    assert.ok(reusedCode[0]! > 20 && reusedCode[1]! > 20, `code edits in function bodies that reused the front end: ${reusedCode.join(' (Python), ')} (TS/JS)`);
    assert.ok(reusedTop > 10, `code edits in Python module and class-level assignments that reused the front end: ${reusedTop}`);
  });

  test('a comment typed after the last statement of a Python loop: the loop takes it in, as a fresh parse does', async () => {
    const text = [
      'import anthropic',
      'client = anthropic.Anthropic()',
      'def run(items):',
      '    for item in items:',
      '        client.messages.create(model="claude-haiku-4-5", max_tokens=50, messages=[{"role": "user", "content": item}])',
      'run([])',
      '',
    ].join('\n');
    const session = await typingSession('/w/loop.py', text);
    const at = text.indexOf('}])') + 3;
    for (const [i, typed] of ['  # batch me', 'X', ' later'].entries()) {
      const pos = at + (i === 0 ? 0 : '  # batch me'.length + (i === 2 ? 1 : 0));
      const got = await session.type(pos, typed);
      assert.equal(got.reused, true, `edit ${i} kept the result`);
      assert.equal(got.calls[0]!.site.context.loops[0]!.span.end, session.text.indexOf('\nrun('), 'the loop ends after the comment');
    }
  });

  test('code typed in a function without LLM calls keeps the result (Python and TypeScript); in the LLM call it does not', async () => {
    const py = ['import openai', 'client = openai.OpenAI()', 'def helper(x):', '    total = x * 12', '    return total', 'def ask(q):', '    return client.chat.completions.create(model="gpt-4o", max_tokens=10, messages=[{"role": "user", "content": q}])', ''].join('\n');
    const ts = ["import OpenAI from 'openai';", 'const client = new OpenAI();', 'function helper(x: number) {', '  const total = x * 12;', '  return total;', '}', 'export async function ask(q: string) {', "  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: q }] });", '}', ''].join('\n');
    for (const [path, text] of [['/w/a.py', py], ['/w/a.ts', ts]] as const) {
      const e = await Engine.create({ fs: new MemFs({}), loadWasm });
      await e.analyze({ path, text });
      const at = text.indexOf('12') + 1;
      const t1 = text.slice(0, at) + '5' + text.slice(at);
      const r1 = await e.analyze({ path, text: t1 }, [{ rangeOffset: at, rangeLength: 0, text: '5' }]);
      assert.equal(r1.reused, true, `${path}: helper edit kept the result`);
      const cap = t1.indexOf('10') + 1;
      const t2 = t1.slice(0, cap) + '0' + t1.slice(cap);
      const r2 = await e.analyze({ path, text: t2 }, [{ rangeOffset: cap, rangeLength: 0, text: '0' }]);
      assert.equal(r2.reused, undefined, `${path}: the cap edit takes the full path`);
      assert.equal(r2.calls[0]!.site.maxTokens?.value, 100);
    }
  });

  test('a comment typed at the end of a Python decorator line: the decorator takes it in, as a fresh parse does', async () => {
    const text = [
      'from openai import OpenAI',
      'from tenacity import retry, wait_exponential',
      'oai = OpenAI()',
      '@retry(wait=wait_exponential(multiplier=1, max=30))',
      'def ask(q: str) -> str:',
      '    return oai.chat.completions.create(model="gpt-4.1-mini", max_tokens=50, messages=[{"role": "user", "content": q}])',
      '',
    ].join('\n');
    const session = await typingSession('/w/a.py', text);
    const got = await session.type(text.indexOf('max=30))') + 'max=30))'.length, '  # backoff');
    assert.equal(got.reused, true);
    assert.ok(got.calls[0]!.site.context.retry, 'the retry decorator is found');
  });

  test('code typed right after a block comment edited before is code, not comment', async () => {
    const text = ['/**', ' * Licence header.', ' */', "import OpenAI from 'openai';", 'const client = new OpenAI();', "export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: q }] });", ''].join('\n');
    const session = await typingSession('/w/a.ts', text);
    assert.equal((await session.type(text.indexOf('Licence') + 3, 'x')).reused, true);
    const got = await session.type(session.text.indexOf('*/') + 2, '-');
    assert.equal(got.reused, undefined);
  });

  test('Python: a number typed in a class field or constant nothing reads keeps the result; one the front end reads does not', async () => {
    const text = [
      'import anthropic',
      'from dataclasses import dataclass',
      'RETRIES = 3',
      'CAP = 200',
      '@dataclass',
      'class Settings:',
      '    timeout: float = 30.0',
      '    cap: int = 400',
      'class Bot:',
      '    def __init__(self):',
      '        self.client = anthropic.Anthropic()',
      '    def ask(self, q):',
      '        return self.client.messages.create(model="claude-sonnet-4-5", max_tokens=CAP, messages=[{"role": "user", "content": q}])',
      '',
    ].join('\n');
    const session = await typingSession('/w/a.py', text);
    const type = (after: string, typed: string) => session.type(session.text.indexOf(after) + after.length, typed);
    assert.equal((await type('timeout: float = 3', '5')).reused, true, 'a dataclass field nothing reads');
    assert.equal((await type('RETRIES = ', '1')).reused, true, 'a constant nothing reads');
    assert.equal((await type('    cap: int = 4', '0')).reused, true, 'another class field nothing reads (the call reads CAP, not cap)');
    const capped = await type('CAP = 2', '5');
    assert.equal(capped.reused, undefined, 'a constant the call reads takes the full path');
    assert.equal(capped.calls[0]!.site.maxTokens?.value, 2500);
    // A word typed (a new name): the full path.
    assert.equal((await type('RETRIES = 1', ' + x')).reused, undefined);
    // Two numbers side by side: not a statement any more (parsed alone to check), the full path.
    assert.equal((await type('timeout: float = 35', ' 1')).reused, undefined);
  });

  test('an edit in a prompt updates its tokens without re-parsing; a key or code edit re-parses', async () => {
    const text = [
      'import anthropic',
      'client = anthropic.Anthropic()',
      'SYSTEM = "You are a terse assistant."',
      'def ask(q):',
      '    return client.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=SYSTEM, messages=[{"role": "user", "content": q}])',
      '',
    ].join('\n');
    const e = await Engine.create({ fs: new MemFs({}), loadWasm });
    const first = await e.analyze({ path: '/w/a.py', text });
    const at = text.indexOf('terse') + 'terse'.length;
    const longer = text.slice(0, at) + ' and very careful' + text.slice(at);
    const r = await e.analyze({ path: '/w/a.py', text: longer }, [{ rangeOffset: at, rangeLength: 0, text: ' and very careful' }]);
    assert.equal(r.reused, true);
    assert.ok(r.calls[0]!.inputTokens.central > first.calls[0]!.inputTokens.central);
    // The model string is a prompt-like literal too: a typo makes it unknown at once.
    const m = longer.indexOf('sonnet');
    const typo = longer.slice(0, m) + 'x' + longer.slice(m);
    const r2 = await e.analyze({ path: '/w/a.py', text: typo }, [{ rangeOffset: m, rangeLength: 0, text: 'x' }]);
    assert.equal(r2.reused, true);
    assert.equal(r2.calls[0]!.site.model, 'claude-xsonnet-4-5');
    assert.ok(r2.findings.some((f) => f.ruleId === 'unknown-model'));
    // A dict key is read by the front end: that edit takes the full path.
    const k = typo.indexOf('"role"') + 1;
    const key = typo.slice(0, k) + 'x' + typo.slice(k);
    const r3 = await e.analyze({ path: '/w/a.py', text: key }, [{ rangeOffset: k, rangeLength: 0, text: 'x' }]);
    assert.equal(r3.reused, undefined);
    // A quote typed in a prompt can end the literal: full path.
    const q = key.indexOf('careful');
    const quoted = key.slice(0, q) + '"' + key.slice(q);
    const r4 = await e.analyze({ path: '/w/a.py', text: quoted }, [{ rangeOffset: q, rangeLength: 0, text: '"' }]);
    assert.equal(r4.reused, undefined);
  });
});
