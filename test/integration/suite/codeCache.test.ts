// The extension's bundle is loaded through dist/extension.js with V8's code cache
// (src/vscode/entry.ts): in the real extension host, the cache is written after the first analysis.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, open, waitFor, withRule } from './util';

describe('code cache', () => {
  it('loads the bundle through the cache loader and writes the cache after an analysis with calls', async () => {
    // The extension host is this process: the cache must have been written since it started.
    const hostStarted = Date.now() - process.uptime() * 1000;
    const ext = await api();
    const state = ext.codeCache();
    console.log(`[code cache] bundle loaded with cache: ${state.loaded}`);
    assert.ok(['used', 'rejected', 'none'].includes(state.loaded), `loaded through dist/extension.js (got ${state.loaded})`);
    const doc = await open('app.py');
    await waitFor('a finding in app.py', () => withRule(doc.uri, 'missing-max-tokens').length > 0);
    await waitFor('the code cache to be written', () => ext.codeCache().writes > 0, 15_000);
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const file = path.join(root, 'dist', 'extension-main.js.v8cache');
    const st = fs.statSync(file);
    assert.ok(st.size > 10_000, `a real cache (${st.size} bytes)`);
    assert.ok(st.mtimeMs >= hostStarted - 1000, 'written by this extension host');
  });
});
