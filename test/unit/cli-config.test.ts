import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfigFile, loadConfig, parseJson } from '../../src/cli/config';

describe('config loading', () => {
  let base: string;

  before(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'pcl-config-')));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  function project(name: string, files: Record<string, string>, git = true): string {
    const root = join(base, name);
    mkdirSync(root, { recursive: true });
    if (git) mkdirSync(join(root, '.git'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    return root;
  }

  test('no config anywhere: defaults, exclude globs relative to the cwd', () => {
    const root = project('none', {});
    const r = loadConfig(root, null);
    assert.ok(r.ok);
    assert.equal(r.loaded.path, null);
    assert.equal(r.loaded.config.defaultMonthlyCalls, 10000);
    assert.equal(r.loaded.baseDir, root);
  });

  test('found by walking up from a subfolder to the git root', () => {
    const root = project('walk', { '.prompt-cost.json': '{"defaultMonthlyCalls": 5}', 'a/b/c/x.py': '' });
    const cwd = join(root, 'a', 'b', 'c');
    assert.equal(findConfigFile(cwd), join(root, '.prompt-cost.json'));
    const r = loadConfig(cwd, null);
    assert.ok(r.ok);
    assert.equal(r.loaded.config.defaultMonthlyCalls, 5);
    assert.equal(r.loaded.baseDir, root);
  });

  test('the walk stops at the git root: a config above the repository is not used', () => {
    writeFileSync(join(base, '.prompt-cost.json'), '{"defaultMonthlyCalls": 7}');
    const root = project('stop', { 'src/x.py': '' });
    assert.equal(findConfigFile(join(root, 'src')), null);
    rmSync(join(base, '.prompt-cost.json'));
  });

  test('--config names the file explicitly (relative to the cwd)', () => {
    const root = project('explicit', { 'cfg/ci.json': '{"oversizedPromptTokens": 100}' });
    const r = loadConfig(root, 'cfg/ci.json');
    assert.ok(r.ok);
    assert.equal(r.loaded.config.oversizedPromptTokens, 100);
    assert.equal(r.loaded.baseDir, join(root, 'cfg'));
  });

  test('a missing --config file is an error naming it', () => {
    const root = project('missing', {});
    const r = loadConfig(root, 'nope.json');
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, ['nope.json: no such file']);
  });

  test('malformed JSON: file, line and column', () => {
    const root = project('bad-json', { '.prompt-cost.json': '{\n  "defaultMonthlyCalls": 5,\n}\n' });
    const r = loadConfig(root, null);
    assert.ok(!r.ok);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /^\.prompt-cost\.json:3:1: invalid JSON: /);
  });

  test('every invalid field is named by its path', () => {
    const root = project('bad-fields', {
      '.prompt-cost.json': JSON.stringify({ defaultMonthlyCalls: -5, colour: 'red', rules: { 'missing-max-tokens': 'loud' } }),
    });
    const r = loadConfig(root, null);
    assert.ok(!r.ok);
    assert.equal(r.errors.length, 3);
    assert.ok(r.errors.some((e) => /^\.prompt-cost\.json: defaultMonthlyCalls: /.test(e)));
    assert.ok(r.errors.some((e) => e === '.prompt-cost.json: colour: unknown setting "colour"'));
    assert.ok(r.errors.some((e) => /^\.prompt-cost\.json: rules\.missing-max-tokens: /.test(e)));
  });

  test('a config that is not an object', () => {
    const root = project('array', { '.prompt-cost.json': '[1, 2]' });
    const r = loadConfig(root, null);
    assert.ok(!r.ok);
    assert.match(r.errors[0]!, /^\.prompt-cost\.json: \(root\): /);
  });

  test('parseJson gives 1-based positions, also for truncated input', () => {
    assert.deepEqual(parseJson('{"a": 1}'), { ok: true, value: { a: 1 } });
    const cut = parseJson('{\n "a": [1,');
    assert.ok(!cut.ok);
    assert.equal(cut.line, 2);
    const bad = parseJson('{"a" 1}');
    assert.ok(!bad.ok);
    assert.deepEqual([bad.line, bad.column], [1, 6]);
  });
});
