// The page side of the protocol's safety: the HTML shell's CSP and nonce, and a static check that the
// page never writes markup from strings (everything goes through textContent).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, makeNonce, pageHtml } from '../../src/vscode/panel/html';

const res = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/media/panel.css' };

describe('page shell', () => {
  test('CSP: nothing by default, the webview source for styles, one nonce for scripts', () => {
    assert.equal(
      contentSecurityPolicy(res.cspSource, 'abc123'),
      `default-src 'none'; style-src ${res.cspSource}; script-src 'nonce-abc123';`,
    );
  });

  test('nonces are 32 alphanumerics and differ per load', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const n = makeNonce();
      assert.match(n, /^[A-Za-z0-9]{32}$/);
      seen.add(n);
    }
    assert.equal(seen.size, 50);
  });

  test('the HTML has the CSP meta, one nonced external script and no inline script or style', () => {
    const html = pageHtml(res, 'N0nce');
    assert.ok(html.includes(`content="default-src 'none'; style-src ${res.cspSource}; script-src 'nonce-N0nce';"`));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="N0nce" src="${res.scriptUri}">`]);
    assert.ok(!/<style\b/.test(html), 'no inline <style>');
    assert.ok(!/\sstyle=/.test(html), 'no style attributes');
    assert.ok(!/\son[a-z]+=/.test(html), 'no inline event handlers');
  });

  test('resource URIs are attribute-escaped', () => {
    const html = pageHtml({ ...res, styleUri: 'https://x/"><script>alert(1)</script>' }, 'n');
    assert.ok(!html.includes('"><script>alert(1)'));
  });
});

describe('page code', () => {
  test('never writes markup from strings (innerHTML, outerHTML, insertAdjacentHTML, document.write)', () => {
    const dir = join(__dirname, '../../src/webview');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.includes('main.ts'));
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      assert.ok(!/\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b/.test(src), `${f} writes markup`);
      assert.ok(!/\beval\s*\(|new Function\b/.test(src), `${f} evaluates code`);
    }
  });
});
