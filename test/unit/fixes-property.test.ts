/**
 * Fixes never corrupt code (issue 7). For every fix offered on every fixture and example — as
 * written, in CRLF and BOM variants, and on randomly damaged copies:
 *   - its edits lie inside the text and do not overlap;
 *   - applied alone, the text changes only inside the fix's edit spans, and only inside the
 *     finding's call (every edit is within the call site's range);
 *   - the file stays as parseable as before (no more ERROR/MISSING nodes; on damaged copies that
 *     already have syntax errors, error recovery may regroup them, so only clean ones are held to it);
 *   - on the undamaged files, re-analysis no longer reports that finding on that call;
 *   - `--fix` converges: the selected fixes applied pass after pass (as the CLI does) reach a text
 *     where a further full `--fix` run changes nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Engine, type FileAnalysis } from '../../src/core/engine';
import { applyEdits, applyFixes, selectFixes } from '../../src/core/report/fixes';
import { languageOfPath } from '../../src/core/parse/parser';
import type { Finding, Fix } from '../../src/core/types';
import { loadWasm, testParsers } from '../helpers/wasm';
import { SpyFs, VROOTS, applyVariant, corpus, describeInput, fuzzRuns, fuzzSeed, mutantArb, type CorpusFile } from '../helpers/fuzz';

/** The CLI's number of --fix passes per run (src/cli/main.ts MAX_FIX_PASSES). */
const PASSES = 5;

async function errorCount(path: string, text: string): Promise<number> {
  const parsers = await testParsers();
  const tree = parsers.parse(languageOfPath(path)!, text);
  let n = 0;
  const cursor = tree.walk();
  for (;;) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) n++;
    if (cursor.gotoFirstChild()) continue;
    let up = false;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        up = true;
        break;
      }
    }
    if (up) break;
  }
  cursor.delete();
  tree.delete();
  return n;
}

/** The fixtures folder's `_config.json` for a corpus file, if any. */
function configOf(f: CorpusFile): unknown {
  const [vroot, real] = Object.entries(VROOTS).find(([v]) => f.path.startsWith(v + '/'))!;
  const dir = join(real, f.path.slice(vroot.length + 1), '..');
  const cfg = join(dir, '_config.json');
  return existsSync(cfg) ? JSON.parse(readFileSync(cfg, 'utf8')) : undefined;
}

const engines = new Map<string, Promise<Engine>>();
function engineFor(f: CorpusFile): Promise<Engine> {
  const cfg = configOf(f);
  const key = JSON.stringify(cfg ?? null);
  let e = engines.get(key);
  if (!e) {
    e = (async () => {
      const engine = await Engine.create({ fs: new SpyFs(), loadWasm });
      if (cfg !== undefined) assert.deepEqual(engine.configure(cfg), []);
      return engine;
    })();
    engines.set(key, e);
  }
  return e;
}

/** The region of `a` that differs from `b` (common prefix and suffix removed). */
function changedRegion(a: string, b: string): { start: number; end: number } | null {
  if (a === b) return null;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { start: p, end: a.length - s };
}

function callOf(result: FileAnalysis, f: Finding) {
  // The innermost call containing the finding (runRules clamps a finding into its call).
  return result.calls
    .filter((c) => c.site.span.start <= f.span.start && f.span.end <= c.site.span.end)
    .sort((x, y) => x.site.span.end - x.site.span.start - (y.site.span.end - y.site.span.start))[0];
}

/** Check every offered fix of a result; returns how many were checked. */
async function checkFixes(engine: Engine, path: string, text: string, result: FileAnalysis, reanalyse: boolean): Promise<number> {
  const before = await errorCount(path, text);
  let n = 0;
  for (const f of result.findings) {
    const call = callOf(result, f);
    assert.ok(call, `${f.ruleId} finding outside every call in ${describeInput(path, text)}`);
    for (const fix of f.fixes) {
      n++;
      const where = `${path}: ${f.ruleId} fix "${fix.title}"`;
      assert.ok(fix.edits.length > 0, `${where} has no edits`);
      const sorted = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
      for (const [i, e] of sorted.entries()) {
        assert.ok(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length, `${where} edit ${JSON.stringify(e.span)} outside the text`);
        assert.ok(i === 0 || sorted[i - 1]!.span.end <= e.span.start, `${where} has overlapping edits`);
        assert.ok(
          call.site.span.start <= e.span.start && e.span.end <= call.site.span.end,
          `${where} edits ${JSON.stringify(e.span)} outside its call ${JSON.stringify(call.site.span)}`,
        );
      }
      const fixed = applyEdits(text, fix.edits);
      const region = changedRegion(text, fixed);
      if (region) {
        // Every changed character lies within the hull of the edits, and each gap between edits is untouched.
        const head = text.slice(0, sorted[0]!.span.start);
        const tail = text.slice(sorted.at(-1)!.span.end);
        assert.ok(fixed.startsWith(head) && fixed.endsWith(tail) && fixed.length >= head.length + tail.length, `${where} changed ${JSON.stringify(region)} outside its edits`);
        let shift = 0;
        for (let i = 0; i + 1 < sorted.length; i++) {
          shift += sorted[i]!.newText.length - (sorted[i]!.span.end - sorted[i]!.span.start);
          const gap = text.slice(sorted[i]!.span.end, sorted[i + 1]!.span.start);
          assert.equal(fixed.slice(sorted[i]!.span.end + shift, sorted[i]!.span.end + shift + gap.length), gap, `${where} changed text between its edits`);
        }
      }
      // On a file that is already broken, tree-sitter's error recovery may re-split the broken
      // region around any insertion; there only "a clean file stays clean" is required.
      if (reanalyse || before === 0) assert.ok((await errorCount(path, fixed)) <= before, `${where} breaks the syntax:\n${fixed.slice(Math.max(0, (region?.start ?? 0) - 80), (region?.end ?? 0) + 80)}`);
      if (reanalyse) {
        const again = await engine.analyze({ path: path + '.fixed' + path.slice(path.lastIndexOf('.')), text: fixed });
        engine.forget(path + '.fixed' + path.slice(path.lastIndexOf('.')));
        const shiftAt = fixed.length - text.length;
        const start = call.site.span.start;
        const end = call.site.span.end + shiftAt;
        // A call may carry several findings of one rule (two dead markers): the fix removes one of them.
        const inCall = (r: FileAnalysis, s: number, e: number) => r.findings.filter((g) => g.ruleId === f.ruleId && g.span.start >= s && g.span.end <= e).length;
        const had = inCall(result, call.site.span.start, call.site.span.end);
        const still = sameCallStart(again, start) ? inCall(again, start, end) : 0;
        assert.ok(still < had, `${where} does not remove its finding (${had} → ${still}):\n${fixed.slice(start, end)}`);
      }
    }
  }
  return n;
}

function sameCallStart(r: FileAnalysis, start: number): boolean {
  return r.calls.some((c) => c.site.span.start === start);
}

/** What `--fix` does to one file: select, apply, re-analyse, up to PASSES times. */
async function fixRun(engine: Engine, path: string, text: string, unsafe: boolean): Promise<string> {
  let current = text;
  for (let pass = 0; pass < PASSES; pass++) {
    const r = await engine.analyze({ path, text: current });
    const fixes: Fix[] = selectFixes(r.findings, { unsafe });
    if (fixes.length === 0) break;
    const out = applyFixes(current, fixes);
    if (out.applied.length === 0 || out.text === current) break;
    current = out.text;
  }
  engine.forget(path);
  return current;
}

const files = corpus();
let checked = 0;

describe('fixes never corrupt code', () => {
  for (const f of files) {
    test(f.path, async () => {
      const engine = await engineFor(f);
      for (const v of ['as-is', 'crlf', 'bom'] as const) {
        const text = applyVariant(f.text, v);
        const result = await engine.analyze({ path: f.path, text });
        checked += await checkFixes(engine, f.path, text, result, v === 'as-is');
        engine.forget(f.path);
      }
      for (const unsafe of [false, true]) {
        const once = await fixRun(engine, f.path, f.text, unsafe);
        assert.ok((await errorCount(f.path, once)) <= (await errorCount(f.path, f.text)), `${f.path}: --fix${unsafe ? ' --unsafe-fixes' : ''} breaks the syntax`);
        const twice = await fixRun(engine, f.path, once, unsafe);
        assert.equal(twice, once, `${f.path}: a second --fix${unsafe ? ' --unsafe-fixes' : ''} run still changes the file`);
      }
    });
  }

  test('fixes offered on randomly damaged files stay inside their call and do not add syntax errors', async () => {
    await fc.assert(
      fc.asyncProperty(mutantArb(files), async (m) => {
        const source = files.find((x) => x.path === m.source)!;
        const engine = await engineFor(source);
        const result = await engine.analyze({ path: m.path, text: m.text });
        checked += await checkFixes(engine, m.path, m.text, result, false);
        engine.forget(m.path);
      }),
      { numRuns: fuzzRuns(80), seed: fuzzSeed() + 10, endOnFailure: true },
    );
  });

  test('summary', () => {
    process.stdout.write(`# fixes-property: ${checked} fixes checked\n`);
    assert.ok(checked > 50, `only ${checked} fixes were offered on the corpus`);
  });
});
