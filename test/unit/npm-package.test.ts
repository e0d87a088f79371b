/**
 * What `npm pack` puts in the CLI's npm package (.npmignore): the launcher, the bundles it loads
 * and their grammars and rank tables — dist/ is git-ignored, and without .npmignore npm would
 * leave it out and `npx prompt-cost-lint` would only say that dist/cli.js is missing. Skipped when
 * the bundles have not been built.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');
const built = existsSync(join(repo, 'dist', 'cli.js'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('the npm package holds the CLI and what it loads, and no sources, tests or machine-specific files', { skip: built ? false : 'dist/ not built (npm run build)' }, () => {
  const r = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repo, encoding: 'utf8', shell: process.platform === 'win32' });
  assert.equal(r.status, 0, r.stderr);
  const files = new Set((JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path));
  for (const f of ['bin/prompt-cost-lint.js', 'dist/cli.js', 'dist/cli-entry.js', 'dist/worker.js', 'dist/wasm/web-tree-sitter.wasm', 'dist/wasm/tree-sitter-python.wasm', 'dist/wasm/tree-sitter-tsx.wasm', 'dist/ranks/o200k_base.cjs', 'dist/ranks/cl100k_base.cjs', 'package.json', 'README.md', 'LICENSE', 'docs/cli.md', 'docs/rules/missing-max-tokens.md']) {
    assert.ok(files.has(f), `${f} is in the package`);
  }
  const unwanted = [...files].filter((f) => /^(src|test|bench|scripts|examples|media|node_modules|out)\//.test(f) || /\.(map|v8cache|tmp)$/.test(f) || /^dist\/(extension|webview)/.test(f));
  assert.deepEqual(unwanted, []);
});
