// Smoke test, inside a real extension host: the extension is installed from the development path,
// and opening a Python file of the fixture workspace activates it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'prompt-cost-lint.prompt-cost-lint';

async function waitFor<T>(probe: () => T | undefined | false, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('smoke: the extension in a real VS Code', () => {
  it('is installed from the development path', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among ${vscode.extensions.all.length} loaded extensions`);
    assert.equal(ext.packageJSON.name, 'prompt-cost-lint');
    console.log(
      `[smoke] vscode ${vscode.version}, remoteName=${vscode.env.remoteName ?? '(local)'}, ` +
        `node ${process.versions.node}, extension at ${ext.extensionUri.toString()}`,
    );
  });

  it('has the fixture workspace open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
  });

  it('activates when a Python file of the workspace is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const folder = vscode.workspace.workspaceFolders![0];
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'app.py'));
    assert.equal(doc.languageId, 'python');
    await vscode.window.showTextDocument(doc);
    // Activation is driven by the editor (activation events), not by the test calling activate().
    await waitFor(() => ext.isActive, 30_000, `${EXTENSION_ID} to activate after opening app.py`);
    assert.equal(ext.isActive, true);
  });
});
