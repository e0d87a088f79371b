import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, applyFixes, selectFixes } from '../../src/core/report/fixes';
import type { Finding, Fix } from '../../src/core/types';

function fix(title: string, edits: Array<[number, number, string]>, safe = true): Fix {
  return { title, safe, edits: edits.map(([start, end, newText]) => ({ span: { start, end }, newText })) };
}

function finding(fixes: Fix[]): Finding {
  return { ruleId: 'r', severity: 'warning', span: { start: 0, end: 1 }, message: 'm', savingsUsd: null, fixes };
}

describe('applyFixes', () => {
  test('applies non-overlapping edits from the end so offsets stay valid', () => {
    const text = 'create(model="a")\ncreate(model="b")\n';
    const r = applyFixes(text, [
      fix('cap 1', [[16, 16, ', max_tokens=100']]),
      fix('cap 2', [[34, 34, ', max_tokens=200']]),
    ]);
    assert.equal(r.text, 'create(model="a", max_tokens=100)\ncreate(model="b", max_tokens=200)\n');
    assert.equal(r.applied.length, 2);
    assert.equal(r.skipped.length, 0);
  });

  test('the order of the fixes given does not change the result', () => {
    const text = 'abcdefghij';
    const a = fix('a', [[1, 2, 'B']]);
    const b = fix('b', [[5, 7, 'FG']]);
    const c = fix('c', [[9, 9, '!']]);
    assert.equal(applyFixes(text, [a, b, c]).text, 'aBcdeFGhi!j');
    assert.equal(applyFixes(text, [c, b, a]).text, 'aBcdeFGhi!j');
  });

  test('a fix overlapping an earlier one is skipped, not merged', () => {
    const text = 'model="claude-opus-4-1"';
    const first = fix('switch to sonnet', [[6, 23, '"claude-sonnet-4-5"']]);
    const second = fix('switch to haiku', [[7, 22, 'claude-haiku-4-5']]);
    const r = applyFixes(text, [first, second]);
    assert.equal(r.text, 'model="claude-sonnet-4-5"');
    assert.deepEqual(r.applied, [first]);
    assert.deepEqual(r.skipped, [second]);
  });

  test('two insertions at the same offset conflict (their order would be a guess)', () => {
    const r = applyFixes('f()', [fix('x', [[2, 2, 'x=1']]), fix('y', [[2, 2, 'y=2']])]);
    assert.equal(r.text, 'f(x=1)');
    assert.equal(r.skipped.length, 1);
  });

  test('adjacent replacements that only touch are both applied', () => {
    const r = applyFixes('aaabbb', [fix('a', [[0, 3, 'A']]), fix('b', [[3, 6, 'B']])]);
    assert.equal(r.text, 'AB');
    assert.equal(r.applied.length, 2);
  });

  test('a multi-edit fix is atomic: one conflicting edit skips the whole fix', () => {
    const text = '0123456789';
    const taken = fix('taken', [[2, 4, 'xx']]);
    const multi = fix('multi', [[7, 8, 'B'], [3, 5, 'C']]);
    const r = applyFixes(text, [taken, multi]);
    assert.equal(r.text, '01xx456789');
    assert.deepEqual(r.skipped, [multi]);
  });

  test('identical fixes offered by two findings are applied once', () => {
    const r = applyFixes('f()', [fix('cap', [[2, 2, 'max_tokens=1']]), fix('cap again', [[2, 2, 'max_tokens=1']])]);
    assert.equal(r.text, 'f(max_tokens=1)');
    assert.equal(r.applied.length, 1);
    assert.equal(r.skipped.length, 0);
  });

  test('edits outside the text or inverted are skipped without throwing', () => {
    const r = applyFixes('abc', [fix('past end', [[2, 10, 'x']]), fix('inverted', [[2, 1, 'x']]), fix('empty', [])]);
    assert.equal(r.text, 'abc');
    assert.equal(r.applied.length, 0);
    assert.equal(r.skipped.length, 3);
  });

  test('a fix whose own edits overlap is rejected', () => {
    const r = applyFixes('abcdef', [fix('self', [[0, 3, 'x'], [2, 4, 'y']])]);
    assert.equal(r.text, 'abcdef');
    assert.equal(r.skipped.length, 1);
  });

  test('re-applying the fixes of already-fixed text is a no-op when the linter offers none (idempotence)', () => {
    const text = 'client.messages.create(model="m")';
    const once = applyFixes(text, [fix('cap', [[32, 32, ', max_tokens=1024']])]).text;
    assert.equal(once, 'client.messages.create(model="m", max_tokens=1024)');
    assert.equal(applyFixes(once, []).text, once);
  });

  test('UTF-16 offsets: edits after astral characters land where the engine meant', () => {
    const text = 'p = "🙂"; f()';
    const at = text.indexOf('f(') + 2;
    assert.equal(applyFixes(text, [fix('arg', [[at, at, 'x']])]).text, 'p = "🙂"; f(x)');
  });
});

describe('selectFixes', () => {
  test('takes the first safe fix of each finding; unsafe only on request', () => {
    const safe = fix('safe', [[0, 0, 'a']], true);
    const unsafe = fix('unsafe', [[1, 1, 'b']], false);
    const findings = [finding([unsafe, safe]), finding([unsafe]), finding([])];
    assert.deepEqual(selectFixes(findings), [safe]);
    assert.deepEqual(selectFixes(findings, { unsafe: true }), [unsafe, unsafe]);
  });
});

describe('applyEdits', () => {
  test('applies sorted from the end regardless of input order', () => {
    assert.equal(
      applyEdits('hello world', [
        { span: { start: 0, end: 5 }, newText: 'HELLO' },
        { span: { start: 6, end: 11 }, newText: 'there' },
      ].reverse()),
      'HELLO there',
    );
  });
});
