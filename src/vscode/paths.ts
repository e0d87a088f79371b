/**
 * Engine paths ⇄ editor URIs. The engine speaks absolute '/'-separated paths; files on disk map
 * to their fsPath, anything else (untitled documents, other schemes) to a virtual path
 * `/<scheme>/<authority+path>` that keeps the original extension (the engine picks the language
 * from it when no language id is given).
 */
import * as vscode from 'vscode';

const virtual = new Map<string, vscode.Uri>();

export function pathOf(uri: vscode.Uri): string {
  if (uri.scheme === 'file') return uri.fsPath.replace(/\\/g, '/');
  const p = `/${uri.scheme}/${uri.authority ? uri.authority + '/' : ''}${uri.path.replace(/^\/+/, '')}`;
  virtual.set(p, uri);
  return p;
}

export function uriOf(path: string): vscode.Uri {
  return virtual.get(path) ?? vscode.Uri.file(path);
}

/** The workspace folder holding a URI (or a folder URI itself). */
export function folderOf(uri: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
  if (!uri) return vscode.workspace.workspaceFolders?.[0];
  return vscode.workspace.getWorkspaceFolder(uri) ?? undefined;
}

/** Workspace-relative, '/'-separated path for display and reports (folder name first in multi-root). */
export function relativePath(path: string): string {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return vscode.workspace.asRelativePath(uriOf(path), multiRoot).replace(/\\/g, '/');
}
