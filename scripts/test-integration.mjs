// `npm run test:integration`: the mocha suite of test/integration/ inside a REAL VS Code extension host.
//   default             code-server (VS Code server + Node extension host, from the tool cache) driven
//                       by the system Chromium; works offline once the cache is warm.
//   PCL_VSCODE=electron @vscode/test-electron (downloads VS Code; needs internet and a display/xvfb).
// Exit code 0 only when every test passed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build, extensionPath, loadHarness, repoRoot, secs, stopOnSignals, tools, versions, workspaceSource } from './e2e/common.mjs';

const t0 = Date.now();
let harness;

/** The two workspaces the suite runs in: the fixture folder, then a multi-root workspace. */
const RUNS = [
  { name: 'integration', workspaceSource },
  { name: 'integration-multiroot', workspaceSource: join(repoRoot, 'test', 'integration', 'multiroot', 'workspace'), workspaceFile: 'multi.code-workspace' },
];

async function viaCodeServer() {
  const toolPaths = tools();
  const { Harness } = loadHarness();
  stopOnSignals(() => [harness]);
  let ok = true;
  for (const run of RUNS) {
    const tSuite = Date.now();
    harness = await Harness.start({ tools: toolPaths, extensionDevelopmentPath: extensionPath, ...run });
    let result;
    try {
      result = await harness.runExtensionTests(join(repoRoot, 'out', 'test', 'integration', 'index.js'), Number(process.env.PCL_TEST_RUN_TIMEOUT_MS) || 600_000);
    } finally {
      await harness.stop();
    }
    console.log(
      `${run.name} (code-server ${versions.codeServer}): ${result.passed} passing, ${result.failed} failing, ${result.pending} pending; ` +
        `exit code ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}; suite ${secs(tSuite)}, total ${secs(t0)}`,
    );
    // A run that passed nothing did not run: that is a failure too.
    ok &&= result.exitCode === 0 && result.failed === 0 && result.passed > 0;
  }
  return ok ? 0 : 1;
}

function viaElectron() {
  const r = spawnSync(process.execPath, [join(repoRoot, 'out', 'test', 'integration', 'runElectron.js')], { cwd: repoRoot, stdio: 'inherit' });
  console.log(`integration (@vscode/test-electron): exit code ${r.status ?? r.signal}; total ${secs(t0)}`);
  return r.status === 0 ? 0 : 1;
}

try {
  build();
  process.exitCode = process.env.PCL_VSCODE === 'electron' ? viaElectron() : await viaCodeServer();
} catch (err) {
  console.error(`test:integration: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
