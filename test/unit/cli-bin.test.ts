/**
 * The shipped command: bin/prompt-cost-lint.js → dist/cli.js (built by `npm run build`, which
 * `npm test` runs first). Skipped when the bundle has not been built.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');
const bin = join(repo, 'bin', 'prompt-cost-lint.js');
const built = existsSync(join(repo, 'dist', 'cli.js'));

describe('bin/prompt-cost-lint.js (the built bundle)', { skip: built ? false : 'dist/cli.js not built (npm run build)' }, () => {
  let root: string;

  before(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'pcl-bin-')));
    mkdirSync(join(root, '.git'));
    writeFileSync(
      join(root, 'app.py'),
      'import anthropic\n\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", messages=[{"role": "user", "content": "hi"}])\n',
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function cli(args: string[]) {
    return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  }

  test('prints the JSON report and exits 1 on an error-level finding', () => {
    const r = cli(['--format', 'json']);
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    assert.equal(report.callSites[0].file, 'app.py');
    assert.ok(report.findings.some((f: { ruleId: string; severity: string }) => f.ruleId === 'missing-max-tokens' && f.severity === 'error'));
    assert.equal(r.status, 1);
  });

  test('exits 2 on bad usage and 0 for --version', () => {
    const bad = cli(['--format', 'yaml']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--help/);
    const v = cli(['--version']);
    assert.equal(v.status, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+/);
  });

  test('--cache: the same report; the results cache goes in the project, V8\'s code cache of the CLI beside its bundle', () => {
    const codeCache = join(repo, 'dist', 'cli.js.v8cache');
    rmSync(codeCache, { force: true });
    const plain = cli(['--format', 'json']);
    assert.ok(!existsSync(codeCache), 'a run without --cache writes nothing');
    const cold = cli(['--format', 'json', '--cache']);
    assert.ok(existsSync(join(root, '.prompt-cost-lint-cache')));
    assert.ok(existsSync(codeCache));
    const warm = cli(['--format', 'json', '--cache']);
    for (const r of [cold, warm]) {
      assert.equal(r.stdout, plain.stdout);
      assert.equal(r.stderr, '');
      assert.equal(r.status, plain.status);
    }
  });
});
