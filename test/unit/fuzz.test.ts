/**
 * Fuzzing the core (issue 7): damaged real code, random bytes, line-ending and BOM variants. The
 * properties: `analyze` never rejects, never reports an internal crash, returns a well-formed result
 * (spans inside the text and inside their call; fix edits inside the text, not overlapping), the
 * report and its formatters accept the result, an incremental re-parse gives the same answer as a
 * fresh one, and every file finishes within a generous safety-net bound (not a timing assertion:
 * it only catches a hang).
 *
 * Default: a few hundred runs. `FUZZ_RUNS=N` runs N per property; `FUZZ_SEED=S` changes the seed.
 * The counts and the slowest input are printed at the end (`# fuzz: …`).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Engine, type ContentChange, type FileAnalysis } from '../../src/core/engine';
import { formatJson } from '../../src/core/report/json';
import { formatText } from '../../src/core/report/text';
import { formatCsv } from '../../src/core/report/csv';
import { formatSarif } from '../../src/core/report/sarif';
import { rowsFromAnalysis } from '../../src/core/report/viewmodel';
import { rules } from '../../src/core/rules';
import { loadWasm } from '../helpers/wasm';
import {
  SpyFs,
  corpus,
  crashNotes,
  describeInput,
  fuzzRuns,
  fuzzSeed,
  mutantArb,
  randomBytesText,
  variantArb,
  applyVariant,
  wellFormedProblems,
} from '../helpers/fuzz';

/** CPU milliseconds per file: a safety net against hangs only, not a performance assertion. */
const PER_FILE_BOUND_MS = 10_000;

const stats = { runs: 0, slowestMs: 0, slowest: '' };

after(() => {
  process.stdout.write(`# fuzz: ${stats.runs} analyses; slowest ${stats.slowestMs.toFixed(0)} ms CPU (${stats.slowest})\n`);
});

let enginePromise: Promise<Engine> | undefined;
function engine(): Promise<Engine> {
  enginePromise ??= (async () => {
    const e = await Engine.create({ fs: new SpyFs(), loadWasm });
    // Grammars and tokenizers load on first use: warm up before anything is timed.
    for (const f of files) await e.analyze({ path: f.path, text: f.text });
    return e;
  })();
  return enginePromise;
}

/** Analyse, check the result is well-formed and report/format it; returns the result. */
async function check(e: Engine, path: string, text: string, changes?: ContentChange[]): Promise<FileAnalysis> {
  const c0 = process.cpuUsage();
  let result: FileAnalysis;
  try {
    result = await e.analyze({ path, text }, changes);
  } catch (err) {
    assert.fail(`analyze rejected (${String(err)}) on ${describeInput(path, text)}`);
  }
  // CPU time, not wall time: other processes on a shared machine must not fail the safety net.
  const cpu = process.cpuUsage(c0);
  const ms = (cpu.user + cpu.system) / 1000;
  stats.runs++;
  if (ms > stats.slowestMs) {
    stats.slowestMs = ms;
    stats.slowest = `${path}, ${text.length} chars`;
  }
  assert.ok(ms < PER_FILE_BOUND_MS, `took ${ms.toFixed(0)} ms of CPU on ${describeInput(path, text)}`);
  assert.deepEqual(crashNotes(result), [], `internal failure on ${describeInput(path, text)}`);
  assert.deepEqual(wellFormedProblems(result, path, text), [], `malformed result on ${describeInput(path, text)}`);
  const report = e.report([result], (p) => p.replace(/^\/ws\//, ''));
  formatJson(report);
  formatText(report);
  formatCsv(report);
  formatSarif(report, { rules: rules.map((r) => r.meta), toolVersion: '0.0.0', informationUri: 'https://example.invalid', docsBaseUri: 'https://example.invalid/docs' });
  rowsFromAnalysis(result, path);
  return result;
}

/** One VS Code-style change turning `a` into `b` (common prefix and suffix kept). */
function diffChange(a: string, b: string): ContentChange {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { rangeOffset: p, rangeLength: a.length - p - s, text: b.slice(p, b.length - s) };
}

/** What should not depend on how the tree was built. */
function signature(r: FileAnalysis): string {
  return JSON.stringify({
    calls: r.calls.map((c) => [c.site.span, c.site.model, c.site.api]),
    findings: r.findings.map((f) => [f.ruleId, f.span, f.fixes.map((x) => x.edits)]),
  });
}

const files = corpus();

describe('fuzz: the core on damaged code', () => {
  test('the corpus is there (fixtures and examples, Python and TypeScript)', () => {
    assert.ok(files.some((f) => f.path.endsWith('.py')) && files.some((f) => f.path.endsWith('.ts')));
    assert.ok(files.length >= 20, `only ${files.length} corpus files`);
  });

  test('every corpus file as written, and in CRLF/CR/BOM variants', async () => {
    const e = await engine();
    for (const f of files) {
      for (const v of ['as-is', 'crlf', 'cr', 'bom', 'bom-crlf'] as const) {
        await check(e, f.path, applyVariant(f.text, v));
      }
      e.forget(f.path);
    }
  });

  test('mutated fixtures and examples: cut, deleted/duplicated/swapped lines and tokens, junk inserted', async () => {
    const e = await engine();
    await fc.assert(
      fc.asyncProperty(mutantArb(files), async (m) => {
        await check(e, m.path, m.text);
      }),
      { numRuns: fuzzRuns(250), seed: fuzzSeed(), endOnFailure: true },
    );
  });

  test('incremental re-parse after a random edit gives the same calls and findings as a fresh parse', async () => {
    const e = await engine();
    const fresh = await Engine.create({ fs: new SpyFs(), loadWasm });
    await fc.assert(
      fc.asyncProperty(mutantArb(files), async (m) => {
        const base = files.find((f) => f.path === m.source)!.text;
        const path = '/ws/incremental/' + m.path.split('/').pop();
        await check(e, path, base);
        const edited = await check(e, path, m.text, [diffChange(base, m.text)]);
        const scratch = await fresh.analyze({ path, text: m.text });
        fresh.forget(path);
        assert.equal(signature(edited), signature(scratch), `incremental ≠ fresh on ${describeInput(path, m.text)}`);
      }),
      { numRuns: fuzzRuns(60), seed: fuzzSeed() + 1, endOnFailure: true },
    );
    fresh.dispose();
  });

  test('wrong or stale change lists (bad offsets, NaN, changes that do not match the text) fall back to a fresh parse', async () => {
    const e = await engine();
    const fresh = await Engine.create({ fs: new SpyFs(), loadWasm });
    const num = fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5));
    const change = fc.record({ rangeOffset: num, rangeLength: num, text: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('\r\n', '(', '"', '😀')) });
    await fc.assert(
      fc.asyncProperty(mutantArb(files), fc.array(change, { minLength: 1, maxLength: 4 }), async (m, changes) => {
        const base = files.find((f) => f.path === m.source)!.text;
        const path = '/ws/stale/' + m.path.split('/').pop();
        await check(e, path, base);
        const edited = await check(e, path, m.text, changes);
        const scratch = await fresh.analyze({ path, text: m.text });
        fresh.forget(path);
        assert.equal(signature(edited), signature(scratch), `stale changes ${JSON.stringify(changes)} on ${describeInput(path, m.text)}`);
      }),
      { numRuns: fuzzRuns(40), seed: fuzzSeed() + 4, endOnFailure: true },
    );
    fresh.dispose();
  });

  test('random bytes decoded as UTF-8 (invalid sequences → U+FFFD), in every language and variant', async () => {
    const e = await engine();
    await fc.assert(
      fc.asyncProperty(randomBytesText, fc.constantFrom('a.py', 'a.ts', 'a.tsx', 'a.js'), variantArb, async (text, name, v) => {
        const t = applyVariant(text, v);
        const r = await check(e, `/ws/random/${name}`, t);
        if (t.includes('\u0000')) assert.equal(r.notes.length, 1, 'a NUL byte: skipped as binary with one note');
      }),
      { numRuns: fuzzRuns(150), seed: fuzzSeed() + 2, endOnFailure: true },
    );
  });

  test('random snippets spliced into a real call', async () => {
    const e = await engine();
    const heads = [
      { path: '/ws/splice/a.py', pre: 'import anthropic\nclient = anthropic.Anthropic()\nr = client.messages.create(model="claude-sonnet-4-5", max_tokens=100, messages=[{"role": "user", "content": ', post: '}])\n' },
      { path: '/ws/splice/a.ts', pre: 'import OpenAI from "openai";\nconst c = new OpenAI();\nawait c.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: ', post: ' }] });\n' },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...heads), fc.string({ unit: 'grapheme', maxLength: 60 }), async (h, s) => {
        await check(e, h.path, h.pre + s + h.post);
        await check(e, h.path, h.pre + JSON.stringify(s) + h.post);
      }),
      { numRuns: fuzzRuns(100), seed: fuzzSeed() + 3, endOnFailure: true },
    );
  });
});
