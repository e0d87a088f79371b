/**
 * The panel page's HTML shell: a strict CSP with a per-load nonce, local resources only (through
 * `asWebviewUri`), the stylesheet and the bundled script. Everything else is built by the script
 * with DOM APIs (textContent, never innerHTML with data). No `vscode` import: the caller passes the
 * webview's CSP source and the resolved resource URIs, so this is unit-testable.
 */

const NONCE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 random alphanumerics for the CSP nonce (fresh for every page load). */
export function makeNonce(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += NONCE_CHARS[b % NONCE_CHARS.length];
  return out;
}

/** The Content-Security-Policy of the page: nothing by default, the extension's stylesheet, one nonced script. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}';`;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface PageResources {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(<extension>/dist/webview.js)`, as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(<extension>/media/panel.css)`, as a string. */
  styleUri: string;
}

export function pageHtml(res: PageResources, nonce = makeNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(res.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(res.styleUri)}">
<title>Prompt cost</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="muted">Loading…</p></main>
<script nonce="${nonce}" src="${attr(res.scriptUri)}"></script>
</body>
</html>`;
}
