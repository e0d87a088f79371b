// Bundles the CLI, the extension host code and the panel page; copies the tree-sitter .wasm files.
// Type-checking is separate (`npm run typecheck`, TypeScript 5.x `tsc --noEmit`).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const wasmDir = join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
const runtimeWasm = join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm');
mkdirSync('dist/wasm', { recursive: true });
for (const name of ['tree-sitter-python.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-javascript.wasm']) {
  cpSync(join(wasmDir, name), join('dist/wasm', name));
}
cpSync(runtimeWasm, 'dist/wasm/web-tree-sitter.wasm');

// js-tiktoken's rank tables (3.4 MB of data) ship as files beside the bundles, loaded on first need
// (src/cli/nodeFs.ts, src/vscode/engines.ts): kept out of the bundles V8 parses at start-up.
const ranksDir = dirname(require.resolve('js-tiktoken/ranks/o200k_base'));
mkdirSync('dist/ranks', { recursive: true });
for (const name of ['o200k_base', 'cl100k_base']) cpSync(join(ranksDir, `${name}.cjs`), join('dist/ranks', `${name}.cjs`));
const externalRanks = ['js-tiktoken/ranks/*'];

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  target: 'node20',
};

// The CommonJS bundles must use web-tree-sitter's CommonJS build: its ESM build reads
// `import.meta.url`, which is empty in a cjs bundle (the parser then fails to start).
const node = { alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') }, external: externalRanks };

const builds = [
  { ...common, ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' },
];
if (existsSync('src/vscode/extension.ts')) {
  // dist/extension.js (package.json `main`) is a small loader that loads dist/extension-main.js with
  // V8's code cache (src/vscode/entry.ts, src/node/codeCache.ts).
  builds.push({ ...common, ...node, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension-main.js', platform: 'node', format: 'cjs', external: ['vscode', ...externalRanks] });
  builds.push({ ...common, ...node, entryPoints: ['src/vscode/entry.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] });
}
if (existsSync('src/webview/main.ts')) {
  builds.push({ ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' });
}

// bin/prompt-cost-lint.js loads dist/cli-entry.js, a small loader that loads dist/cli.js with V8's code cache.
if (existsSync('src/cli/entry.ts')) {
  builds.push({ ...common, ...node, entryPoints: ['src/cli/entry.ts'], outfile: 'dist/cli-entry.js', platform: 'node', format: 'cjs' });
}

// The CLI's worker-thread entry (src/cli/workers.ts loads it from next to dist/cli.js).
if (existsSync('src/cli/worker.ts')) {
  builds.push({ ...common, ...node, entryPoints: ['src/cli/worker.ts'], outfile: 'dist/worker.js', platform: 'node', format: 'cjs' });
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
