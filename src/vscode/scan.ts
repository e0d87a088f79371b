/**
 * Workspace scan: every Python / TypeScript / JavaScript file of every folder (minus the
 * `exclude` globs), read through the workspace-confined fs adapter and analysed in small batches
 * that yield to the event loop, so the editor stays responsive; cancellable. Open documents keep
 * their live analysis.
 */
import * as vscode from 'vscode';
import { ensureTokenizer } from '../core/tokens';
import type { EngineApi } from '../core/engine';
import type { WorkspaceFs } from '../core/types';
import type { ConfigStore } from './config';
import { pathOf } from './paths';
import type { ResultStore } from './results';

export const SOURCE_GLOB = '**/*.{py,pyi,ts,mts,cts,tsx,js,mjs,cjs,jsx}';
const BATCH = 16;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface ScanProgress {
  done: number;
  total: number;
}

export async function scanWorkspace(
  deps: { configs: ConfigStore; store: ResultStore; fs: WorkspaceFs; engine: (folder: vscode.WorkspaceFolder) => Promise<EngineApi> },
  token?: vscode.CancellationToken,
  progress?: (p: ScanProgress) => void,
): Promise<{ files: number; cancelled: boolean }> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const work: Array<{ folder: vscode.WorkspaceFolder; uri: vscode.Uri }> = [];
  for (const folder of folders) {
    const { config } = deps.configs.get(folder);
    if (!config.enable || folder.uri.scheme !== 'file') continue;
    const exclude = config.exclude.length > 0 ? `{${config.exclude.join(',')}}` : null;
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, SOURCE_GLOB), exclude, undefined, token);
    for (const uri of uris) work.push({ folder, uri });
  }
  if (token?.isCancellationRequested) return { files: 0, cancelled: true };
  // Scanned files are not re-analysed when the encoder finishes loading (open documents are), so a
  // scan waits for it: a background job, and the load yields to the event loop.
  if (work.length > 0) await ensureTokenizer('o200k_base');
  deps.store.clearScanned();
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  let done = 0;
  for (let i = 0; i < work.length; i += BATCH) {
    if (token?.isCancellationRequested) return { files: done, cancelled: true };
    for (const { folder, uri } of work.slice(i, i + BATCH)) {
      done++;
      if (open.has(uri.toString())) continue;
      const path = pathOf(uri);
      const text = deps.fs.readText(path);
      if (text === null) continue;
      const engine = await deps.engine(folder);
      const analysis = await engine.analyze({ path, text, root: pathOf(folder.uri) });
      engine.forget(path); // scanned files keep no tree: memory stays flat on big workspaces
      deps.store.setScanned(analysis);
    }
    progress?.({ done, total: work.length });
    await yieldToEventLoop();
  }
  return { files: done, cancelled: false };
}
