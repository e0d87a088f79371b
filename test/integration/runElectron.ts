// Launcher for the same integration suite through @vscode/test-electron, on machines that can
// download VS Code (it caches the download in .vscode-test/). Built to out/test/integration/runElectron.js
// by scripts/build-tests.mjs; run by `PCL_VSCODE=electron npm run test:integration`.
// Environment: PCL_VSCODE_VERSION (default 'stable'), PCL_WORKSPACE (use this folder instead of a
// fresh copy of test/integration/workspace), PCL_EXTENSION_PATH (another extension folder).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

export async function main(): Promise<number> {
  // out/test/integration/runElectron.js -> repository root
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const extensionDevelopmentPath = path.resolve(process.env.PCL_EXTENSION_PATH || repoRoot);
  const extensionTestsPath = path.resolve(__dirname, 'index.js');
  let workspace = process.env.PCL_WORKSPACE;
  let scratch: string | undefined;
  if (!workspace) {
    // Copy: a test may edit files, and the fixture must stay as committed.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-ws-'));
    workspace = path.join(scratch, 'workspace');
    fs.cpSync(path.join(repoRoot, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  }
  try {
    await runTests({
      version: process.env.PCL_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (err) {
    console.error(`integration tests failed under @vscode/test-electron: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
