/**
 * The panel page (issue 7): file names, prompt text and model ids holding HTML or script are shown
 * as text; inbound messages are validated and unknown ones ignored, both ways.
 *
 * The page's DOM builder (`src/webview/dom.ts`) runs here against a tiny fake DOM with no HTML
 * parser: markup can only appear if the builder parses strings, which the fake turns into a test
 * failure (its `innerHTML`/`outerHTML` setters throw). The page script itself (`main.ts`) needs a
 * real browser; it is checked statically: every inbound message goes through `parseHostMessage`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHostMessage, parsePageMessage } from '../../src/shared/protocol';
import { fuzzRuns, fuzzSeed } from '../helpers/fuzz';
// dom.ts reads the global `document` only when called, so the fake below is in place by then.
import * as dom from '../../src/webview/dom';

// ---------------------------------------------------------------------------------------------
// A fake DOM: elements, text nodes, attributes; no HTML parsing anywhere.
// ---------------------------------------------------------------------------------------------

class FakeNode {
  childNodes: FakeNode[] = [];
  parentNode: FakeNode | null = null;
  appendChild(c: FakeNode): FakeNode {
    c.parentNode = this;
    this.childNodes.push(c);
    return c;
  }
  replaceChildren(...cs: FakeNode[]): void {
    this.childNodes = [];
    for (const c of cs) this.appendChild(c);
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    this.childNodes = [];
    if (v !== '') this.appendChild(new FakeText(String(v)));
  }
}

class FakeText extends FakeNode {
  constructor(readonly data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }
}

class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  readonly listeners: string[] = [];
  className = '';
  id = '';
  title = '';
  tabIndex = -1;
  hidden = false;
  value = '';
  disabled = false;
  checked = false;
  constructor(readonly tagName: string) {
    super();
  }
  setAttribute(k: string, v: string): void {
    this.attributes.set(k, String(v));
  }
  addEventListener(k: string): void {
    this.listeners.push(k);
  }
  set innerHTML(_v: string) {
    throw new Error('innerHTML written');
  }
  set outerHTML(_v: string) {
    throw new Error('outerHTML written');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML called');
  }
  get options(): FakeElement[] {
    return this.childNodes.filter((c): c is FakeElement => c instanceof FakeElement && c.tagName === 'option');
  }
  get text(): string {
    return this.textContent;
  }
}

const created: FakeElement[] = [];
(globalThis as Record<string, unknown>).document = {
  createElement(tag: string) {
    const el = new FakeElement(tag);
    created.push(el);
    return el;
  },
  createTextNode(data: string) {
    return new FakeText(data);
  },
  write() {
    throw new Error('document.write called');
  },
};


const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'; alert(1); '",
  'javascript:alert(1)',
  '</td></tr><tr><td>injected',
  '&lt;b&gt;entity&lt;/b&gt;',
  'src/<iframe src="https://evil.example">.py',
  'gpt-4o<style>*{display:none}</style>',
  '\u202Egnp.exe',
];

function tags(n: FakeNode, out: string[] = []): string[] {
  if (n instanceof FakeElement) out.push(n.tagName);
  for (const c of n.childNodes) tags(c, out);
  return out;
}

describe('the panel builds DOM from text, never markup', () => {
  test('hostile file names, prompt text and model ids are text nodes', () => {
    for (const s of HOSTILE) {
      created.length = 0;
      const row = dom.h(
        'tr',
        { class: 'row', title: s, attrs: { 'aria-label': s, 'data-id': s } },
        dom.h('td', { text: s }),
        dom.h('td', {}, s),
        dom.h('td', {}, dom.h('code', { text: s }), ' ', s),
      ) as unknown as FakeElement;
      assert.deepEqual(tags(row), ['tr', 'td', 'td', 'td', 'code'], `markup parsed from ${s}`);
      assert.equal(row.textContent, s + s + s + ' ' + s);
      assert.equal(row.attributes.get('aria-label'), s, 'attribute values kept verbatim');
      assert.ok(created.every((e) => !['script', 'img', 'svg', 'iframe', 'style'].includes(e.tagName)));
      const cell = dom.h('td') as unknown as FakeElement;
      dom.replace(cell as unknown as Element, s, dom.h('b', { text: s }));
      assert.deepEqual(tags(cell), ['td', 'b']);
      assert.equal(cell.textContent, s + s);
    }
  });

  test('select options built from hostile model ids are text', () => {
    const select = dom.h('select') as unknown as FakeElement & { value: string };
    dom.setOptions(select as unknown as HTMLSelectElement, HOSTILE.map((s) => [s, s] as [string, string]), HOSTILE[1]!);
    assert.deepEqual(tags(select), ['select', ...HOSTILE.map(() => 'option')]);
    assert.deepEqual(select.options.map((o) => o.textContent), HOSTILE);
    assert.equal(select.value, HOSTILE[1]);
  });

  test('random strings never create elements', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom(...HOSTILE), (a, b) => {
        const s = a + b + a;
        const el = dom.h('div', { text: s }, s) as unknown as FakeElement;
        assert.deepEqual(tags(el), ['div']);
        assert.equal(el.textContent, s + s);
      }),
      { numRuns: fuzzRuns(200), seed: fuzzSeed() + 30 },
    );
  });
});

describe('panel messages are validated both ways; unknown ones ignored', () => {
  const root = join(__dirname, '..', '..', 'src');

  test('the page handles host messages only after parseHostMessage', () => {
    const src = readFileSync(join(root, 'webview', 'main.ts'), 'utf8');
    const handlers = [...src.matchAll(/addEventListener\(\s*'message'\s*,[^{]*\{([^]*?)\n\}\);/g)];
    assert.equal(handlers.length, 1, 'one message listener');
    const body = handlers[0]![1]!;
    assert.match(body, /^\s*const msg = parseHostMessage\(event\.data\);\s*\n\s*if \(!msg\) return;/, 'validated first, unknown ignored');
    assert.ok(!/event\.data/.test(body.replace('parseHostMessage(event.data)', '')), 'event.data is not used unvalidated');
    assert.ok(!/\bonmessage\s*=/.test(src), 'no second entry point');
  });

  test('the page never sets event-handler, src/href or style attributes from data', () => {
    for (const f of readdirSync(join(root, 'webview'))) {
      const src = readFileSync(join(root, 'webview', f), 'utf8');
      assert.ok(!/setAttribute\(\s*['"`](on|src|href|style|srcdoc)/i.test(src), `${f} sets a dangerous attribute`);
      assert.ok(!/attrs:\s*\{[^}]*\b['"]?(on[a-z]+|src|href|style|srcdoc)['"]?\s*:/i.test(src), `${f} passes a dangerous attribute through h()`);
    }
  });

  test('the extension host handles page messages only after parsePageMessage', () => {
    const src = readFileSync(join(root, 'vscode', 'panel', 'provider.ts'), 'utf8');
    const entry = /onDidReceiveMessage\(\(raw\) => void this\.onMessage\(raw\)\)/;
    assert.match(src, entry);
    assert.match(src, /onMessage\(raw: unknown\)[^{]*\{\s*const msg = parsePageMessage\(raw\);\s*if \(!msg\) return;/);
  });

  test('random values, unknown types and hostile extras are rejected without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ type: fc.string(), state: fc.anything() }), fc.record({ type: fc.constantFrom('state', 'scan', 'notice', 'whatIf', 'reveal', 'export'), extra: fc.anything() })), (raw) => {
        let host: unknown;
        let page: unknown;
        assert.doesNotThrow(() => {
          host = parseHostMessage(raw);
          page = parsePageMessage(raw);
        });
        // Whatever passes has a known type.
        if (host) assert.ok(['state', 'scan', 'notice'].includes((host as { type: string }).type));
        if (page) assert.ok(['ready', 'setOptions', 'whatIf', 'reveal', 'export', 'scan', 'cancelScan'].includes((page as { type: string }).type));
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed() + 31 },
    );
    assert.equal(parsePageMessage({ type: 'runCommand', command: 'rm -rf /' }), null);
    assert.equal(parsePageMessage({ type: 'reveal', id: 'x', then: '<script>' }), null, 'extra fields rejected');
    assert.equal(parsePageMessage({ type: 'export', format: 'html' }), null);
    assert.equal(parseHostMessage({ type: 'notice', text: 'x'.repeat(10_001) }), null, 'oversized strings rejected');
    assert.deepEqual(parseHostMessage({ type: 'notice', text: HOSTILE[0] }), { type: 'notice', text: HOSTILE[0] }, 'hostile text is data');
  });
});
