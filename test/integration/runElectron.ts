// Launcher for the same integration suite through @vscode/test-electron, on machines that can
// download VS Code (it caches the download in .vscode-test/). Built to out/test/integration/runElectron.js
// by scripts/build-tests.mjs; run by `PCL_VSCODE=electron npm run test:integration`.
// Two runs, as under code-server: a fresh copy of test/integration/workspace opened as a folder,
// then test/integration/multiroot/workspace opened through its multi.code-workspace file.
// Environment: PCL_VSCODE_VERSION (default 'stable'), PCL_WORKSPACE (use this folder instead of a
// fresh copy of test/integration/workspace, and skip the multi-root run), PCL_EXTENSION_PATH
// (another extension folder).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function runIn(repoRoot: string, source: string | null, fixed: string | null, open: (workspace: string) => string): Promise<number> {
  const extensionDevelopmentPath = path.resolve(process.env.PCL_EXTENSION_PATH || repoRoot);
  const extensionTestsPath = path.resolve(__dirname, 'index.js');
  let workspace = fixed;
  let scratch: string | undefined;
  if (!workspace) {
    // Copy: a test may edit files, and the fixture must stay as committed.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-ws-'));
    workspace = path.join(scratch, 'workspace');
    fs.cpSync(source!, workspace, { recursive: true });
  }
  try {
    await runTests({
      version: process.env.PCL_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [open(workspace), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (err) {
    console.error(`integration tests failed under @vscode/test-electron: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export async function main(): Promise<number> {
  // out/test/integration/runElectron.js -> repository root
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const fixed = process.env.PCL_WORKSPACE ? path.resolve(process.env.PCL_WORKSPACE) : null;
  const folder = await runIn(repoRoot, path.join(repoRoot, 'test', 'integration', 'workspace'), fixed, (w) => w);
  if (fixed) return folder;
  const multi = await runIn(repoRoot, path.join(repoRoot, 'test', 'integration', 'multiroot', 'workspace'), null, (w) => path.join(w, 'multi.code-workspace'));
  return folder || multi;
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
