// The editor adapter's pure parts: the workspace-confined fs (no vscode import) and the choice of
// fixes "fix all safe problems" applies.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FsAdapter, isNetworkPath } from '../../src/vscode/fsAdapter';
import { selectSafeFixes } from '../../src/vscode/fixSelection';
import type { Finding } from '../../src/core/types';

describe('FsAdapter', () => {
  let tmp: string;
  let root: string;
  let outside: string;
  let adapter: FsAdapter;
  let trusted = true;

  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-fs-')));
    root = path.join(tmp, 'ws');
    outside = path.join(tmp, 'outside');
    fs.mkdirSync(path.join(root, 'prompts'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'prompts', 'system.md'), '\uFEFFYou are helpful.');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    fs.writeFileSync(path.join(root, 'blob.bin'), Buffer.from([0x61, 0x00, 0x62]));
    fs.writeFileSync(path.join(root, 'big.md'), 'x'.repeat(2048));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link-out.txt'));
    fs.symlinkSync(path.join(root, 'prompts', 'system.md'), path.join(root, 'link-in.md'));
    fs.symlinkSync(path.join(root, 'loop-a'), path.join(root, 'loop-b'));
    fs.symlinkSync(path.join(root, 'loop-b'), path.join(root, 'loop-a'));
    adapter = new FsAdapter({ roots: () => [root], maxBytes: () => 1024, allowed: () => trusted });
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('reads a file inside the workspace, BOM stripped', () => {
    assert.equal(adapter.readText(path.join(root, 'prompts', 'system.md')), 'You are helpful.');
  });

  test('follows a symlink that stays inside, refuses one that points out', () => {
    assert.equal(adapter.readText(path.join(root, 'link-in.md')), 'You are helpful.');
    assert.equal(adapter.readText(path.join(root, 'link-out.txt')), null);
  });

  test('refuses paths outside every root, traversal and relative paths', () => {
    assert.equal(adapter.readText(path.join(outside, 'secret.txt')), null);
    assert.equal(adapter.readText(path.join(root, '..', 'outside', 'secret.txt')), null);
    assert.equal(adapter.readText('prompts/system.md'), null);
    assert.equal(adapter.readText('/etc/passwd'), null);
  });

  test('skips binary and oversized files, survives loops, directories, missing files and NUL in names', () => {
    assert.equal(adapter.readText(path.join(root, 'blob.bin')), null);
    assert.equal(adapter.readText(path.join(root, 'big.md')), null);
    assert.equal(adapter.readText(path.join(root, 'loop-a')), null);
    assert.equal(adapter.readText(path.join(root, 'prompts')), null);
    assert.equal(adapter.readText(path.join(root, 'missing.md')), null);
    assert.equal(adapter.readText(path.join(root, 'a\0b')), null);
  });

  test('never touches network paths', () => {
    assert.ok(isNetworkPath('//server/share/x.md'));
    assert.ok(isNetworkPath('\\\\server\\share\\x.md'));
    assert.ok(!isNetworkPath('/home/me/x.md'));
    assert.equal(adapter.readText('//server/share/x.md'), null);
  });

  test('reads nothing when the workspace is not trusted', () => {
    trusted = false;
    try {
      assert.equal(adapter.readText(path.join(root, 'prompts', 'system.md')), null);
    } finally {
      trusted = true;
    }
  });
});

function finding(ruleId: string, fixes: Finding['fixes']): Finding {
  return { ruleId, severity: 'warning', span: { start: 0, end: 1 }, message: '', savingsUsd: null, fixes };
}

describe('selectSafeFixes', () => {
  test('takes the first safe fix of each finding, never unsafe ones', () => {
    const sel = selectSafeFixes([
      finding('a', [
        { title: 'unsafe', safe: false, edits: [{ span: { start: 0, end: 0 }, newText: 'u' }] },
        { title: 'safe', safe: true, edits: [{ span: { start: 5, end: 6 }, newText: 's' }] },
      ]),
      finding('b', [{ title: 'unsafe only', safe: false, edits: [{ span: { start: 20, end: 20 }, newText: 'x' }] }]),
    ]);
    assert.deepEqual(sel.fixes.map((f) => f.title), ['safe']);
    assert.equal(sel.deferred, 0);
  });

  test('defers a fix touching an already chosen edit (overlap or the same insertion point); identical fixes count once', () => {
    const insertA = { title: 'A', safe: true, edits: [{ span: { start: 10, end: 10 }, newText: ', a=1' }] };
    const sel = selectSafeFixes([
      finding('one', [insertA]),
      finding('two', [{ title: 'B', safe: true, edits: [{ span: { start: 10, end: 10 }, newText: ', b=1' }] }]),
      finding('three', [{ ...insertA }]),
      finding('four', [{ title: 'C', safe: true, edits: [{ span: { start: 30, end: 40 }, newText: 'c' }] }]),
      finding('five', [{ title: 'D', safe: true, edits: [{ span: { start: 35, end: 45 }, newText: 'd' }] }]),
      finding('six', [{ title: 'E', safe: true, edits: [{ span: { start: 40, end: 41 }, newText: 'e' }] }]),
    ]);
    assert.deepEqual(sel.fixes.map((f) => f.title), ['A', 'C', 'E']);
    assert.equal(sel.deferred, 2);
  });
});
