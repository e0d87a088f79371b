/**
 * Robustness on hostile sizes and shapes (issue 7): huge files, huge literals, 10,000-deep nesting,
 * 100,000 calls, a minified one-line bundle, and memory over many analyses. Each file must either
 * be analysed or be skipped with exactly one informational note; nothing escapes `analyze`. The
 * 10 s bound per file is a safety net against hangs, not a performance assertion.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Engine, MAX_CALLS_PER_FILE, type FileAnalysis } from '../../src/core/engine';
import { MAX_NESTING, maxBracketDepth } from '../../src/core/text/nesting';
import { loadWasm } from '../helpers/wasm';
import { MemFs } from '../helpers/memfs';
import { SpyFs, corpus, crashNotes, wellFormedProblems } from '../helpers/fuzz';

/** CPU milliseconds per file: a safety net against hangs and runaway work, not a performance assertion. */
const BOUND_MS = 10_000;
/** `FUZZ_RUNS` or `ROBUSTNESS_FULL=1`: the full sizes (100,000 calls); by default smaller ones keep the run short. */
const FULL = Number(process.env.FUZZ_RUNS) > 0 || process.env.ROBUSTNESS_FULL === '1';
/** Some of these inputs are slow to build and parse on a loaded machine; the bound is per file. */
const SLOW = { timeout: 240_000 };

async function engine(config?: unknown): Promise<Engine> {
  const e = await Engine.create({ fs: new MemFs(), loadWasm });
  if (config) assert.deepEqual(e.configure(config), []);
  // Load grammars and tokenizers before anything is timed.
  await e.analyze({ path: '/w/warm.py', text: 'import anthropic\nanthropic.Anthropic().messages.create(model="claude-sonnet-4-5", max_tokens=9, messages=[])\n' });
  await e.analyze({ path: '/w/warm.ts', text: 'import OpenAI from "openai";\nnew OpenAI().chat.completions.create({ model: "gpt-4o", messages: [] });\n' });
  return e;
}

async function timed(e: Engine, path: string, text: string): Promise<{ r: FileAnalysis; ms: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await e.analyze({ path, text });
  const c = process.cpuUsage(c0);
  // CPU time, not wall time: other processes on a shared machine must not fail the safety net.
  const ms = (c.user + c.system) / 1000;
  const wall = performance.now() - t0;
  e.forget(path);
  process.stdout.write(`# ${path}: ${text.length} chars, ${ms.toFixed(0)} ms CPU (${wall.toFixed(0)} ms wall), ${r.calls.length} calls, notes ${JSON.stringify(r.notes.map((n) => n.message))}\n`);
  assert.ok(ms < BOUND_MS, `${path} took ${ms.toFixed(0)} ms of CPU`);
  assert.deepEqual(crashNotes(r), []);
  assert.deepEqual(wellFormedProblems(r, path, text), []);
  return { r, ms };
}

const ANTHROPIC_CALL = 'c.messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=[{"role": "user", "content": "hi"}])\n';
const PY_HEAD = 'import anthropic\nc = anthropic.Anthropic()\n';
const OPENAI_CALL = 'c.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });\n';
const TS_HEAD = 'import OpenAI from "openai";\nconst c = new OpenAI();\n';

describe('robustness: sizes', () => {
  test('a 10 MB file is skipped with one informational note under the default limit', SLOW, async () => {
    const e = await engine();
    for (const [path, head, call] of [['/w/huge.py', PY_HEAD, ANTHROPIC_CALL], ['/w/huge.ts', TS_HEAD, OPENAI_CALL]] as const) {
      const text = head + call.repeat(Math.ceil((10 * 1024 * 1024) / call.length));
      const { r } = await timed(e, path, text);
      assert.equal(r.calls.length, 0);
      assert.equal(r.notes.length, 1);
      assert.equal(r.notes[0]!.level, 'info');
      assert.match(r.notes[0]!.message, /maxFileSizeKb/);
    }
  });

  test('a 1 MB string literal in a call (limit raised) is analysed', SLOW, async () => {
    const e = await engine({ maxFileSizeKb: 4096 });
    const big = 'lorem ipsum dolor '.repeat(60_000);
    const py = `${PY_HEAD}c.messages.create(model="claude-sonnet-4-5", max_tokens=10, system="${big}", messages=[])\n`;
    const ts = `${TS_HEAD}c.chat.completions.create({ model: "gpt-4o", messages: [{ role: "system", content: "${big}" }] });\n`;
    for (const [path, text] of [['/w/lit.py', py], ['/w/lit.ts', ts]] as const) {
      const { r } = await timed(e, path, text);
      assert.equal(r.calls.length, 1);
      assert.ok(r.calls[0]!.inputTokens.central > 100_000, 'the literal is counted');
      assert.ok(r.findings.some((f) => f.ruleId === 'oversized-prompt'));
    }
  });

  test('100,000 calls in one file (limit raised): the first MAX_CALLS_PER_FILE are analysed, one note for the rest', { timeout: 900_000 }, async () => {
    // Built at 3,000 calls above the cap, then 100,000: both must end with exactly one cap note.
    const e = await engine({ maxFileSizeKb: 16 * 1024 });
    for (const n of FULL ? [MAX_CALLS_PER_FILE + 3000, 100_000] : [MAX_CALLS_PER_FILE + 3000]) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await e.analyze({ path: '/w/many.py', text: PY_HEAD + ANTHROPIC_CALL.repeat(n) });
      const c = process.cpuUsage(c0);
      e.forget('/w/many.py');
      process.stdout.write(`# ${n} Python calls: ${((c.user + c.system) / 1000).toFixed(0)} ms CPU (${(performance.now() - t0).toFixed(0)} ms wall), notes ${JSON.stringify(r.notes.map((x) => x.message))}\n`);
      assert.deepEqual(crashNotes(r), []);
      assert.equal(r.calls.length, MAX_CALLS_PER_FILE);
      const cap = r.notes.filter((x) => x.message.includes(`first ${MAX_CALLS_PER_FILE} LLM calls`));
      assert.equal(cap.length, 1);
      assert.equal(cap[0]!.level, 'info');
      // A 10 MB file (ten times the default size limit) is parsed and scanned whole: its own, wider net.
      assert.ok((c.user + c.system) / 1000 < (n > 10_000 ? 60_000 : BOUND_MS), `${n} calls took ${((c.user + c.system) / 1000).toFixed(0)} ms of CPU`);
    }
  });

  test('100,000 plain calls that are not LLM calls (30,000 by default)', SLOW, async () => {
    const e = await engine({ maxFileSizeKb: 4096 });
    const n = FULL ? 100_000 : 30_000;
    await timed(e, '/w/plain.py', PY_HEAD + 'f(1)\n'.repeat(n) + ANTHROPIC_CALL);
    await timed(e, '/w/plain.ts', TS_HEAD + 'f(1);\n'.repeat(n) + OPENAI_CALL);
  });

  test('a minified 1 MB one-line JavaScript bundle', SLOW, async () => {
    const e = await engine({ maxFileSizeKb: 2048 });
    const parts: string[] = [];
    let i = 0;
    while (parts.join('').length < 1024 * 1024) {
      parts.push(
        `function a${i}(t,e){var n=t.map(function(r){return r*e+${i}}),o={k:"v${i}",f:[1,2,3],g:function(){return this.k}};if(n.length>${i % 7}){for(var s=0;s<n.length;s++)o.f.push(n[s])}return e?o:null};`,
        i % 25 === 0
          ? `var c${i}=new OpenAI;c${i}.chat.completions.create({model:"gpt-4o-mini",messages:[{role:"user",content:"q${i}"+a${i}}]}).then(function(x){return x});`
          : `var c${i}=b${i}.run({name:"q${i}",items:[a${i}(1,2)]}).then(function(x){return x});`,
      );
      i++;
    }
    const text = parts.join('');
    assert.ok(!text.includes('\n'));
    const { r } = await timed(e, '/w/bundle.min.js', text);
    assert.ok(r.calls.length > 0 || r.notes.length > 0);
  });
});

describe('robustness: nesting', () => {
  const N = 10_000;
  // Each deep expression feeds an LLM call, so the front ends really look at it (files with no
  // LLM call are passed over cheaply).
  const py = (expr: string) => `${PY_HEAD}x = ${expr}\nc.messages.create(model="claude-sonnet-4-5", max_tokens=10, system=x, messages=[])\n`;
  const ts = (expr: string) => `${TS_HEAD}const x = ${expr};\nc.chat.completions.create({ model: "gpt-4o", messages: [{ role: "system", content: x }] });\n`;
  const cases: Array<[string, string]> = [
    ['/w/parens.py', py(`${'('.repeat(N)}"a"${')'.repeat(N)}`)],
    ['/w/lists.py', py(`${'['.repeat(N)}${']'.repeat(N)}`)],
    ['/w/calls.py', py(`${'f('.repeat(N)}${')'.repeat(N)}`)],
    ['/w/dicts.py', py(`${'{"a": '.repeat(N)}1${'}'.repeat(N)}`)],
    ['/w/plus.py', py(`"a"${' + "a"'.repeat(N)}`)],
    ['/w/fstrings.py', py(`${'f"{'.repeat(N)}1${'}"'.repeat(N)}`)],
    ['/w/call-arg.py', `${PY_HEAD}c.messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=[{"role": "user", "content": ${'f('.repeat(N)}${')'.repeat(N)}}])\n`],
    ['/w/parens.ts', ts(`${'('.repeat(N)}"a"${')'.repeat(N)}`)],
    ['/w/arrays.ts', ts(`${'['.repeat(N)}${']'.repeat(N)}`)],
    ['/w/calls.ts', ts(`${'f('.repeat(N)}${')'.repeat(N)}`)],
    ['/w/objects.ts', ts(`${'{a: '.repeat(N)}1${'}'.repeat(N)}`)],
    ['/w/plus.ts', ts(`"a"${' + "a"'.repeat(N)}`)],
    ['/w/templates.ts', ts(`${'`${'.repeat(N)}1${'}`'.repeat(N)}`)],
    ['/w/call-arg.ts', `${TS_HEAD}c.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: ${'f('.repeat(N)}${')'.repeat(N)} }] });\n`],
    ['/w/arrows.ts', ts(`${'() => '.repeat(N)}"a"`)],
    // Method chains are not bracket-nested, so the nesting guard does not see them: 10,000 links
    // of a name that cannot be an LLM call, and 10,000 links of one that can (each link a
    // possible call site whose callee is the whole chain before it).
    ['/w/chain.py', py(`y${'.f()'.repeat(N)}`)],
    ['/w/chain.ts', ts(`y${'.f()'.repeat(N)}`)],
    ['/w/create-chain.py', `${PY_HEAD}x = c.messages${'.create()'.repeat(N)}\n`],
    ['/w/create-chain.ts', `${TS_HEAD}const x = c.chat.completions${'.create()'.repeat(N)};\n`],
    ['/w/blocks.js', `${TS_HEAD}${'if (a) {'.repeat(N)}${OPENAI_CALL}${'}'.repeat(N)}\n`],
  ];
  for (const [path, text] of cases) {
    test(`deep ${path.slice(3)}: analysed, or skipped with one note`, SLOW, async () => {
      const e = await engine({ maxFileSizeKb: 4096 });
      const { r } = await timed(e, path, text);
      const deep = r.notes.filter((n) => n.message.includes(`nests more than ${MAX_NESTING}`));
      assert.ok(deep.length <= 1);
      if (deep.length) {
        assert.equal(deep[0]!.level, 'info');
        assert.equal(r.calls.length, 0);
      }
    });
  }

  test('the nesting gate: ordinary code is never walked, brackets inside strings do not skip a file', async () => {
    for (const f of corpus()) assert.ok(maxBracketDepth(f.text) < 64, f.path);
    const e = await engine();
    const text = `${PY_HEAD}c.messages.create(model="claude-sonnet-4-5", max_tokens=10, system="${'('.repeat(2000)}", messages=[])\n`;
    const { r } = await timed(e, '/w/strparens.py', text);
    assert.equal(r.calls.length, 1, 'not skipped: the tree is shallow');
  });
});

describe('robustness: bodies scanned on demand', () => {
  test('5,000 functions that all change the list an LLM call sends: every body scanned once, within the bound', SLOW, async () => {
    const e = await engine({ maxFileSizeKb: 4096 });
    const fns = Array.from({ length: 5000 }, (_, i) => `def f${i}(x):\n    HISTORY.append(x)\n    return x\n`).join('\n');
    const text = `${PY_HEAD}HISTORY = []\n\n${fns}\n\ndef ask():\n    return c.messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=HISTORY)\n`;
    const { r } = await timed(e, '/w/history.py', text);
    assert.equal(r.calls.length, 1);
  });
});

describe('robustness: memory', () => {
  test('memory stays bounded over many analyses with forget() (trees freed)', { timeout: 300_000 }, async () => {
    const e = await Engine.create({ fs: new SpyFs(), loadWasm });
    // Large files (~200 KB: a fixture repeated), so a leaked tree would show: without forget()
    // this loop grows by ~200 MB; with it, by a few tens of MB of allocator noise.
    const big = corpus()
      .filter((f) => f.path.includes('/fixtures/'))
      .slice(0, 4)
      .map((f) => ({ path: f.path, text: Array.from({ length: 60 }, () => f.text).join('\n') }));
    const rounds = FULL ? 20 : 6;
    // JS heap in use plus everything outside the JS heap (the parser's wasm memory is in rss).
    // A full GC before each measure, also when the test runner was started without --expose-gc.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const measure = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + (m.rss - m.heapTotal);
    };
    for (const f of big) {
      await e.analyze(f);
      e.forget(f.path);
    }
    const base = measure();
    let peak = base;
    for (let round = 0; round < rounds; round++) {
      for (const f of big) {
        // A fresh path each time: the engine keeps each path's tree until forget().
        const path = f.path.replace(/(\.\w+)$/, `-${round}$1`);
        await e.analyze({ path, text: f.text });
        e.forget(path);
      }
      peak = Math.max(peak, measure());
    }
    const growthMb = (peak - base) / 1024 / 1024;
    process.stdout.write(`# memory: ${rounds} rounds × ${big.length} files of ~${Math.round(big[0]!.text.length / 1024)} KB, growth ${growthMb.toFixed(1)} MB\n`);
    assert.ok(growthMb < 100, `memory grew by ${growthMb.toFixed(1)} MB`);
    e.dispose();
  });
});
