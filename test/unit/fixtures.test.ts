/**
 * The fixture harness (markdownlint/Ruff style): every file under test/fixtures/<rule-id>/ is linted;
 * `# expect: <rule-id>[, <rule-id>…]` (or `// expect: …`) on a line says which findings start on
 * that line, and every finding must be expected. Messages and fixed texts are snapshotted in
 * test/fixtures/__snapshots__/, and every fix is re-linted: it must remove its finding and keep
 * the file parseable. `UPDATE_SNAPSHOTS=1` rewrites the snapshots.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Engine, type FileAnalysis } from '../../src/core/engine';
import { applyEdits } from '../../src/core/report/fixes';
import { testEngine } from '../helpers/engine';
import { testParsers } from '../helpers/wasm';
import { languageOfPath } from '../../src/core/parse/parser';

const ROOT = join(__dirname, '..', 'fixtures');
const SNAP_DIR = join(ROOT, '__snapshots__');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
/** Fixtures are analysed under this virtual root (see RootFs). */
const VIRTUAL = '/ws';

function listFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name.startsWith('_') || name === 'prompts' || name === 'node_modules') continue;
    if (statSync(p).isDirectory()) out.push(...listFixtures(p));
    else if (languageOfPath(p)) out.push(p);
  }
  return out;
}

function expectations(text: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  text.split('\n').forEach((line, i) => {
    const m = /(?:#|\/\/|\/\*)\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/.exec(line);
    if (m) out.set(i + 1, m[1]!.split(',').map((s) => s.trim()).sort());
  });
  return out;
}

function actual(result: FileAnalysis): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const f of result.findings) {
    const line = result.lines.toLineCol(f.span.start).line;
    out.set(line, [...(out.get(line) ?? []), f.ruleId].sort());
  }
  return out;
}

async function errorCount(path: string, text: string): Promise<number> {
  const parsers = await testParsers();
  const tree = parsers.parse(languageOfPath(path)!, text);
  let n = 0;
  const cursor = tree.walk();
  let done = false;
  while (!done) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) n++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  tree.delete();
  return n;
}

const files = listFixtures(ROOT);

/** A folder's `_config.json` (if any) configures the engine for the fixtures in it. */
const engines = new Map<string, Promise<Engine>>();
function engineFor(file: string): Promise<Engine> {
  const dir = join(file, '..');
  const cfgPath = join(dir, '_config.json');
  const key = existsSync(cfgPath) ? cfgPath : '';
  let e = engines.get(key);
  if (!e) {
    e = testEngine(ROOT, key ? JSON.parse(readFileSync(cfgPath, 'utf8')) : undefined, VIRTUAL);
    engines.set(key, e);
  }
  return e;
}

describe('rule fixtures', () => {

  test('there are fixtures', () => {
    assert.ok(files.length > 0);
  });

  for (const file of files) {
    const name = relative(ROOT, file).split('\\').join('/');
    test(name, async () => {
      const engine = await engineFor(file);
      const text = readFileSync(file, 'utf8');
      const path = `${VIRTUAL}/${name}`;
      const result = await engine.analyze({ path, text });
      const want = expectations(text);
      const got = actual(result);
      const fmt = (m: Map<number, string[]>) => [...m.entries()].sort((a, b) => a[0] - b[0]).map(([l, ids]) => `${l}: ${ids.join(', ')}`);
      assert.deepEqual(fmt(got), fmt(want), `findings of ${name} (line: rules)`);

      // Snapshot of messages and fixed texts.
      const snapshot: Array<{ line: number; ruleId: string; severity: string; message: string; fixes: Array<{ title: string; safe: boolean; fixed: string }> }> = [];
      const before = await errorCount(file, text);
      for (const f of result.findings) {
        const line = result.lines.toLineCol(f.span.start).line;
        const fixes = [];
        for (const fix of f.fixes) {
          const fixed = applyEdits(text, fix.edits);
          // Re-lint: the fix keeps the file parseable and removes its finding.
          assert.ok((await errorCount(file, fixed)) <= before, `${name}:${line} fix "${fix.title}" breaks the syntax`);
          const again = await engine.analyze({ path, text: fixed });
          const sameRule = again.findings.filter((g) => g.ruleId === f.ruleId && again.lines.toLineCol(g.span.start).line === line);
          assert.equal(sameRule.length, 0, `${name}:${line} fix "${fix.title}" does not remove ${f.ruleId}`);
          // Only the changed lines differ.
          fixes.push({ title: fix.title, safe: fix.safe, fixed: changedLines(text, fixed) });
        }
        snapshot.push({ line, ruleId: f.ruleId, severity: f.severity, message: f.message, fixes });
      }
      engine.forget(path);
      const snapFile = join(SNAP_DIR, name.replace(/\//g, '__') + '.json');
      const serialized = JSON.stringify(snapshot, null, 2) + '\n';
      if (UPDATE || !existsSync(snapFile)) {
        mkdirSync(SNAP_DIR, { recursive: true });
        writeFileSync(snapFile, serialized);
        if (!UPDATE && process.env.CI) assert.fail(`snapshot ${snapFile} was missing (written now; commit it)`);
      } else {
        assert.equal(serialized, readFileSync(snapFile, 'utf8'), `snapshot of ${name} changed (UPDATE_SNAPSHOTS=1 to accept)`);
      }
    });
  }
});

/** The lines that differ, as `-old` / `+new` (a compact, reviewable diff). */
function changedLines(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let ex = x.length - 1;
  let ey = y.length - 1;
  while (ex >= start && ey >= start && x[ex] === y[ey]) {
    ex--;
    ey--;
  }
  return [...x.slice(start, ex + 1).map((l) => '-' + l), ...y.slice(start, ey + 1).map((l) => '+' + l)].join('\n');
}
