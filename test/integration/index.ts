// extensionTestsPath entry of the integration suite. VS Code loads this module inside the extension
// host and awaits run(): the same contract under @vscode/test-electron and under code-server (where
// the workbench is opened with a `payload` naming this file). esbuild bundles it, with every
// `*.test.ts` next to it, into out/test/integration/; the tests are loaded from there. In a
// multi-root workspace it loads multiroot/*.test.js only, in a folder everything else.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) out.push(full);
  }
  return out.sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    // Cold extension host + first parse of the grammars: give every test room.
    timeout: Number(process.env.PCL_TEST_TIMEOUT_MS) || 60_000,
    grep: process.env.PCL_TEST_GREP || undefined,
  });
  return new Promise<void>((resolve, reject) => {
    try {
      // The multi-root suite (multiroot/) runs when a multi-root workspace is open, the rest otherwise.
      const multiRoot = !!vscode.workspace.workspaceFile && (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      const files = findTests(__dirname).filter((f) => f.split(path.sep).includes('multiroot') === multiRoot);
      if (files.length === 0) {
        reject(new Error(`no *.test.js files under ${__dirname}`));
        return;
      }
      for (const f of files) mocha.addFile(f);
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
