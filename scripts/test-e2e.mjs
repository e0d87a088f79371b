// `npm run test:e2e`: every UI scenario (out/test/e2e/**/*.e2e.js, bundled from test/e2e/*.e2e.ts)
// against a fresh code-server + Chromium each. A scenario module exports
//   export async function run(h: Harness): Promise<void>     (throws to fail)
//   export const options?: { theme?: 'dark' | 'light'; settings?: Record<string, unknown>; installVsix?: string; ... }
//     (or a function, possibly async, returning them: it runs just before the scenario's code-server starts)
// and starts from a ready workbench on a copy of test/integration/workspace with the extension loaded.
// Screenshots: test-results/screenshots/<name>.png; logs: test-results/logs/<scenario>/.
// usage: node scripts/test-e2e.mjs [scenario-name-or-path ...]
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { build, extensionPath, loadHarness, repoRoot, secs, stopOnSignals, tools, workspaceSource } from './e2e/common.mjs';

const require = createRequire(import.meta.url);
const t0 = Date.now();

function findScenarios(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findScenarios(p));
    else if (e.name.endsWith('.e2e.js')) out.push(p);
  }
  return out.sort();
}

function selectScenarios(args) {
  const all = findScenarios(join(repoRoot, 'out', 'test', 'e2e'));
  if (args.length === 0) return all;
  return args.map((a) => {
    if (a.endsWith('.js') && existsSync(a)) return resolve(a);
    const hit = all.find((f) => basename(f, '.e2e.js') === a);
    if (!hit) throw new Error(`no scenario named ${a} (have: ${all.map((f) => basename(f, '.e2e.js')).join(', ') || 'none'})`);
    return hit;
  });
}

let current;
try {
  build();
  const scenarios = selectScenarios(process.argv.slice(2));
  if (scenarios.length === 0) {
    console.log('e2e: no UI scenarios (test/e2e/*.e2e.ts) to run');
  } else {
    const toolPaths = tools();
    const { Harness } = loadHarness();
    stopOnSignals(() => [current]);
    let passed = 0;
    const failed = [];
    for (const file of scenarios) {
      const name = basename(file, '.e2e.js');
      const ts = Date.now();
      const mod = require(file);
      if (typeof mod.run !== 'function') {
        failed.push(name);
        console.log(`✗ ${name}: module exports no run(h)`);
        continue;
      }
      try {
        const options = typeof mod.options === 'function' ? await mod.options() : mod.options;
        current = await Harness.start({ tools: toolPaths, name, extensionDevelopmentPath: extensionPath, workspaceSource, ...(options ?? {}) });
        await current.openWorkbench();
        await mod.run(current);
        passed++;
        console.log(`✓ ${name} (${secs(ts)})`);
      } catch (err) {
        failed.push(name);
        if (current?.hasPage) await current.screenshot(`${name}-failure`).catch(() => undefined);
        console.log(`✗ ${name} (${secs(ts)}): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      } finally {
        await current?.stop();
        current = undefined;
      }
    }
    console.log(`e2e: ${passed} passed, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''} in ${secs(t0)}`);
    if (failed.length) process.exitCode = 1;
  }
} catch (err) {
  console.error(`test:e2e: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
