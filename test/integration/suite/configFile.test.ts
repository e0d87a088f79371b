// .prompt-cost.json: wins over the settings key by key, is watched (no reload), its problems are
// warned about by key, and its exclude globs keep files out.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, hoverText, open, ours, updateSetting, waitFor, withRule } from './util';

const CONFIG = '.prompt-cost.json';

async function hoverAt(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos));
}

async function writeConfig(text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(CONFIG), Buffer.from(text, 'utf8'));
}

describe('.prompt-cost.json', () => {
  let original: string;

  before(async () => {
    await api();
    original = Buffer.from(await vscode.workspace.fs.readFile(fileUri(CONFIG))).toString('utf8');
  });

  after(async () => {
    await writeConfig(original);
    await updateSetting('defaultMonthlyCalls', undefined);
    // Leave the next suites the fixture's configuration, applied.
    const ext = await api();
    await waitFor('the fixture configuration applied again', () => {
      const c = ext.services.configFor(fileUri('app.py'));
      return c.exclude.includes('**/vendor/**') && c.expectedOutputTokens === 400 && c.defaultMonthlyCalls === 10000;
    });
  });

  it('applies on change without reload and wins over the editor setting for the same key', async () => {
    const doc = await open('app.py');
    const pos = new vscode.Position(7, 10);
    await updateSetting('defaultMonthlyCalls', 5000);
    await waitFor('the setting in the hover', async () => (await hoverAt(doc.uri, pos)).includes('5,000 calls/month'));
    await writeConfig(JSON.stringify({ ...JSON.parse(original), defaultMonthlyCalls: 77000 }, null, 2));
    await waitFor('the file value in the hover', async () => (await hoverAt(doc.uri, pos)).includes('77,000 calls/month'));
    await writeConfig(original);
    await waitFor('the setting again once the file drops the key', async () => (await hoverAt(doc.uri, pos)).includes('5,000 calls/month'));
  });

  it('warns about a bad key by name, keeps the valid keys and keeps analysing', async () => {
    const ext = await api();
    const doc = await open('support.py');
    await writeConfig(JSON.stringify({ defaultMonthlyCalls: 'lots', rules: { 'missing-cache-control': 'error' } }));
    const problem = await waitFor('a warning naming .prompt-cost.json: defaultMonthlyCalls', () =>
      ext.configProblems().find((p) => p.startsWith(`${CONFIG}: defaultMonthlyCalls:`)),
    );
    assert.ok(problem);
    await waitFor('the valid rules key applied (error severity)', () => {
      const ds = withRule(doc.uri, 'missing-cache-control');
      return ds.length === 1 && ds[0]!.severity === vscode.DiagnosticSeverity.Error;
    });
    await writeConfig('{ not json');
    await waitFor('a warning for invalid JSON', () => ext.configProblems().some((p) => p.startsWith(`${CONFIG}: invalid JSON`)));
    await waitFor('defaults again (warning severity)', () => {
      const ds = withRule(doc.uri, 'missing-cache-control');
      return ds.length === 1 && ds[0]!.severity === vscode.DiagnosticSeverity.Warning;
    });
    await writeConfig(original);
  });

  it('keeps files matching its exclude globs out of the analysis', async () => {
    const ext = await api();
    // The previous test restored the file last: wait until the watcher has applied it again.
    await waitFor('the exclude globs of .prompt-cost.json in effect', () => ext.services.configFor(fileUri('app.py')).exclude.includes('**/vendor/**'));
    const body = 'import anthropic\n\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-sonnet-4-5", messages=[])\n';
    const vendored = fileUri('vendor/lib.py');
    const own = fileUri('own_copy.py');
    await vscode.workspace.fs.writeFile(vendored, Buffer.from(body, 'utf8'));
    await vscode.workspace.fs.writeFile(own, Buffer.from(body, 'utf8'));
    try {
      await ext.analyzeNow(own);
      await waitFor('findings in the copy outside vendor/', () => withRule(own, 'missing-max-tokens').length === 1);
      await ext.analyzeNow(vendored);
      assert.equal(ours(vendored).length, 0);
      assert.ok(![...ext.services.results.keys()].some((p) => p.endsWith('/vendor/lib.py')));
    } finally {
      await vscode.workspace.fs.delete(fileUri('vendor'), { recursive: true });
      await vscode.workspace.fs.delete(own);
    }
  });
});
