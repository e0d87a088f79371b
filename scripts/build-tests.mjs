// Bundles the tests that run inside VS Code and in the browser harness:
//   test/integration/index.ts + **/*.test.ts + runElectron.ts -> out/test/integration/ (loaded by the extension host)
//   test/e2e/**/*.ts                                          -> out/test/e2e/ (run by scripts/test-e2e.mjs)
// CommonJS for Node; `vscode` is provided by the extension host, mocha and playwright-core come from
// node_modules (or the e2e tool cache) at run time.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir, keep) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'workspace' || e.name === 'node_modules') continue; // fixture files are data, not code
      out.push(...walk(p, keep));
    } else if (e.isFile() && keep(e.name)) out.push(p);
  }
  return out.sort();
}

const integrationDir = join(root, 'test', 'integration');
const e2eDir = join(root, 'test', 'e2e');
const integrationEntries = walk(integrationDir, (n) => n.endsWith('.test.ts') || n === 'index.ts' || n === 'runElectron.ts');
const e2eEntries = walk(e2eDir, (n) => n.endsWith('.ts') && !n.endsWith('.d.ts'));

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
};

// Outputs of test files that no longer exist are removed after the build, not before it: other
// runs may be loading out/test/ from the same working tree right now.
function removeStale(srcDir, entries, outDir) {
  const expected = new Set(entries.map((e) => join(outDir, relative(srcDir, e)).replace(/\.ts$/, '.js')));
  for (const f of walk(outDir, (n) => n.endsWith('.js') || n.endsWith('.js.map'))) {
    if (!expected.has(f.replace(/\.map$/, ''))) rmSync(f, { force: true });
  }
}

const t0 = Date.now();
await Promise.all([
  integrationEntries.length &&
    esbuild.build({ ...common, entryPoints: integrationEntries, outbase: integrationDir, outdir: join(root, 'out', 'test', 'integration') }),
  e2eEntries.length && esbuild.build({ ...common, entryPoints: e2eEntries, outbase: e2eDir, outdir: join(root, 'out', 'test', 'e2e') }),
]);
removeStale(integrationDir, integrationEntries, join(root, 'out', 'test', 'integration'));
removeStale(e2eDir, e2eEntries, join(root, 'out', 'test', 'e2e'));
const rel = (p) => relative(root, p);
console.log(
  `build-tests: ${integrationEntries.length} integration + ${e2eEntries.length} e2e entries -> out/test/ in ${Date.now() - t0} ms` +
    (process.env.VERBOSE ? `\n  ${[...integrationEntries, ...e2eEntries].map(rel).join('\n  ')}` : ''),
);
