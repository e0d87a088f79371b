/**
 * src/node/codeCache.ts: the extension's bundle is loaded with V8's code cache. Each load runs in
 * a fresh Node process (a code cache is only worth anything across processes).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const LOADER_SRC = join(__dirname, '..', '..', 'src', 'node', 'codeCache.ts');

/** A bundle with some functions to compile, a require of a Node built-in and its own __dirname. */
const BUNDLE = `
const path = require('node:path');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
exports.run = () => ({ fib: fib(15), dir: path.basename(__dirname), file: path.basename(__filename), resolved: typeof require.resolve });
`;

function setup(): { dir: string; loader: string; bundle: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pcl-codecache-'));
  const loader = join(dir, 'loader.cjs');
  esbuild.buildSync({ entryPoints: [LOADER_SRC], outfile: loader, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
  const bundle = join(dir, 'main.js');
  writeFileSync(bundle, BUNDLE);
  return { dir, loader, bundle, cache: join(dir, 'main.js.v8cache') };
}

/** Load the bundle in a fresh process, run it, optionally save the cache; returns what happened. */
function load(s: { loader: string; bundle: string; cache: string }, save: boolean): { cache: string; saved: boolean; result: { fib: number; dir: string; file: string; resolved: string } } {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(s.loader)});
    const l = loadWithCodeCache(${JSON.stringify(s.bundle)}, ${JSON.stringify(s.cache)});
    const result = l.exports.run();
    const saved = ${save} ? l.save() : false;
    process.stdout.write(JSON.stringify({ cache: l.cache, saved, result }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('loading a bundle with V8 code cache', () => {
  test('no cache, then a written cache is used by the next process; the module behaves the same', () => {
    const s = setup();
    try {
      const first = load(s, true);
      assert.equal(first.cache, 'none');
      assert.equal(first.saved, true);
      assert.ok(existsSync(s.cache) && readFileSync(s.cache).length > 0);
      const second = load(s, false);
      assert.equal(second.cache, 'used');
      assert.deepEqual(second.result, first.result);
      assert.deepEqual(first.result, { fib: 610, dir: s.dir.split(/[\\/]/).pop(), file: 'main.js', resolved: 'function' });
    } finally {
      rmSync(s.dir, { recursive: true, force: true });
    }
  });

  test('a damaged or stale cache is rejected, the bundle still loads, and saving replaces it', () => {
    const s = setup();
    try {
      writeFileSync(s.cache, Buffer.from('not a code cache at all, just bytes'.repeat(20)));
      const r = load(s, true);
      assert.equal(r.cache, 'rejected');
      assert.equal(r.result.fib, 610);
      assert.equal(load(s, false).cache, 'used');
      // The bundle changes (an update): the old cache no longer matches its source.
      writeFileSync(s.bundle, BUNDLE + '\nexports.more = 1;\n');
      assert.equal(load(s, false).cache, 'rejected');
    } finally {
      rmSync(s.dir, { recursive: true, force: true });
    }
  });

  test('a bundle changed without changing its length does not run the old code (V8 checks only the length)', () => {
    const s = setup();
    try {
      assert.equal(load(s, true).result.fib, 610);
      assert.equal(load(s, false).cache, 'used');
      writeFileSync(s.bundle, BUNDLE.replace('fib(15)', 'fib(16)'));
      const r = load(s, true);
      assert.equal(r.result.fib, 987);
      assert.equal(r.cache, 'rejected');
      assert.equal(load(s, false).cache, 'used');
    } finally {
      rmSync(s.dir, { recursive: true, force: true });
    }
  });

  test('a read-only folder: nothing is written, nothing breaks', { skip: process.getuid?.() === 0 ? 'root can write anywhere' : false }, () => {
    const s = setup();
    try {
      chmodSync(s.dir, 0o555);
      const r = load(s, true);
      assert.equal(r.saved, false);
      assert.equal(r.result.fib, 610);
      assert.equal(existsSync(s.cache), false);
    } finally {
      chmodSync(s.dir, 0o755);
      rmSync(s.dir, { recursive: true, force: true });
    }
  });

  test('a cache path that cannot be written (a directory in the way) does not throw', () => {
    const s = setup();
    try {
      const blocked = { ...s, cache: s.dir };
      const r = load(blocked, true);
      assert.equal(r.cache, 'none');
      assert.equal(r.saved, false);
      assert.equal(r.result.fib, 610);
    } finally {
      rmSync(s.dir, { recursive: true, force: true });
    }
  });
});
