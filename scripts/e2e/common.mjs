// Shared steps of scripts/test-integration.mjs and scripts/test-e2e.mjs: build, tools, harness.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ensureTools, findChromium, repoRoot, versions } from './tools.mjs';

export { repoRoot, versions };
const require = createRequire(import.meta.url);

export const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

/** Extension folder under test: the repository, or $PCL_EXTENSION_PATH (to try the harness on another one). */
export const extensionPath = resolve(process.env.PCL_EXTENSION_PATH || repoRoot);
export const workspaceSource = resolve(process.env.PCL_WORKSPACE_SOURCE || join(repoRoot, 'test', 'integration', 'workspace'));

function node(script, args = []) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`node ${script} failed (exit ${r.status ?? r.signal})`);
}

/** Builds the extension (dist/) and the tests (out/test/). PCL_SKIP_BUILD=1 skips both. */
export function build() {
  if (process.env.PCL_SKIP_BUILD) return;
  const t0 = Date.now();
  node(join(repoRoot, 'esbuild.config.mjs'));
  node(join(repoRoot, 'scripts', 'build-tests.mjs'));
  console.log(`build: extension + tests in ${secs(t0)}`);
}

/** Cached code-server/Node 24/playwright-core plus the system Chromium, as the harness wants them. */
export function tools() {
  const t0 = Date.now();
  const chromium = findChromium();
  if (!chromium) {
    throw new Error(
      'no Chromium found. Install it (Debian/Ubuntu as root: apt-get install chromium) ' +
        'or point PCL_CHROMIUM at a Chrome/Chromium executable.',
    );
  }
  const t = ensureTools();
  console.log(
    `tools: code-server ${versions.codeServer}, node ${versions.node}, playwright-core ${versions.playwright}` +
      ` (${t.installed ? `installed in ${t.seconds.toFixed(1)}s` : `cached, ${secs(t0)}`}), chromium ${chromium}`,
  );
  return { nodeBin: t.nodeBin, codeServerEntry: t.codeServerEntry, playwrightDir: t.playwrightDir, chromium };
}

/** The bundled harness (out/test/e2e/harness.js). */
export function loadHarness() {
  const file = join(repoRoot, 'out', 'test', 'e2e', 'harness.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run node scripts/build-tests.mjs`);
  return require(file);
}

/** Stops the harnesses on Ctrl+C / SIGTERM so no code-server outlives the run. */
export function stopOnSignals(getHarnesses) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, async () => {
      console.error(`\n${sig}: stopping code-server`);
      for (const h of getHarnesses()) await h?.stop().catch(() => undefined);
      process.exit(130);
    });
  }
}
