/**
 * Prompt-file resolution never reads outside the workspace roots (issue 7).
 *   1. The two real WorkspaceFs implementations — the CLI's `NodeWorkspaceFs` and the editor's
 *      `FsAdapter` — refuse the same hostile paths: traversal, absolute paths elsewhere, symlinks
 *      pointing out, symlink loops, UNC / `//server` paths, `file://` URLs, relative paths, NUL in
 *      names, binary and huge files, directories.
 *   2. The core, fed code that references those paths, may *ask* for them, but every path it asks
 *      for outside the root is refused by the fs, nothing from outside shows up in the results, and
 *      a WorkspaceFs that throws (an unreadable file: tests run as root, so chmod 000 is emulated)
 *      or returns null never breaks the analysis.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeWorkspaceFs, isNetworkPath as cliIsNetwork } from '../../src/cli/nodeFs';
import { FsAdapter, isNetworkPath as editorIsNetwork } from '../../src/vscode/fsAdapter';
import { Engine } from '../../src/core/engine';
import type { WorkspaceFs } from '../../src/core/types';
import { loadWasm } from '../helpers/wasm';
import { SpyFs, corpus, crashNotes, wellFormedProblems } from '../helpers/fuzz';

const CANARY = 'CANARY-7f3a-outside-the-workspace';

let tmp: string;
let root: string;
let outside: string;

before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-sec-')));
  root = path.join(tmp, 'ws');
  outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(root, 'prompts'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'prompts', 'system.md'), 'You are a helpful assistant.');
  fs.writeFileSync(path.join(outside, 'secret.md'), `${CANARY} `.repeat(3000));
  fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'prompts', 'link-out.md'));
  fs.symlinkSync(outside, path.join(root, 'dir-out'));
  fs.symlinkSync(path.join(root, 'prompts', 'system.md'), path.join(root, 'prompts', 'link-in.md'));
  fs.symlinkSync(path.join(root, 'prompts', 'loop-b.md'), path.join(root, 'prompts', 'loop-a.md'));
  fs.symlinkSync(path.join(root, 'prompts', 'loop-a.md'), path.join(root, 'prompts', 'loop-b.md'));
  fs.writeFileSync(path.join(root, 'prompts', 'blob.md'), Buffer.from([0x59, 0x6f, 0x00, 0x01, 0x02]));
  fs.writeFileSync(path.join(root, 'prompts', 'huge.md'), 'x'.repeat(2 * 1024 * 1024));
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Paths that must read as null, relative to the fixture layout. */
function hostile(): Array<[string, string]> {
  return [
    ['traversal', path.join(root, 'prompts', '..', '..', 'outside', 'secret.md')],
    ['traversal to /etc/passwd', `${root}/../../../../../../etc/passwd`],
    ['absolute path elsewhere', '/etc/passwd'],
    ['absolute path outside the root', path.join(outside, 'secret.md')],
    ['symlink pointing out', path.join(root, 'prompts', 'link-out.md')],
    ['through a symlinked folder pointing out', path.join(root, 'dir-out', 'secret.md')],
    ['symlink loop', path.join(root, 'prompts', 'loop-a.md')],
    ['UNC path', '\\\\server\\share\\prompt.md'],
    ['//server/share', '//server/share/prompt.md'],
    ['UNC long form', '\\\\?\\UNC\\server\\share\\prompt.md'],
    ['file:// URL', `file://${path.join(root, 'prompts', 'system.md')}`],
    ['file:///etc/passwd', 'file:///etc/passwd'],
    ['relative path', 'prompts/system.md'],
    ['relative traversal', '../outside/secret.md'],
    ['NUL in the name', path.join(root, 'prompts', 'system.md\0.txt')],
    ['binary file', path.join(root, 'prompts', 'blob.md')],
    ['huge file', path.join(root, 'prompts', 'huge.md')],
    ['directory', path.join(root, 'prompts')],
    ['missing file', path.join(root, 'prompts', 'nope.md')],
    ['empty path', ''],
  ];
}

function implementations(): Array<[string, WorkspaceFs]> {
  return [
    ['CLI NodeWorkspaceFs', new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1024 })],
    ['editor FsAdapter', new FsAdapter({ roots: () => [root], maxBytes: () => 1024 * 1024 })],
  ];
}

describe('WorkspaceFs implementations refuse everything outside the roots', () => {
  test('both read a file inside the root, and a symlink that stays inside', () => {
    for (const [name, wfs] of implementations()) {
      assert.equal(wfs.readText(path.join(root, 'prompts', 'system.md')), 'You are a helpful assistant.', name);
      assert.equal(wfs.readText(path.join(root, 'prompts', 'link-in.md')), 'You are a helpful assistant.', name);
    }
  });

  for (const [label, p] of hostile()) {
    test(`both refuse: ${label}`, () => {
      for (const [name, wfs] of implementations()) {
        let got: string | null | undefined;
        assert.doesNotThrow(() => {
          got = wfs.readText(p);
        }, `${name} threw on ${label}`);
        assert.equal(got, null, `${name} read ${JSON.stringify(p)}`);
      }
    });
  }

  test('one CLI reader used for everything in a row (it resolves each folder once) refuses the same paths', () => {
    const cli = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1024 });
    const inside = path.join(root, 'prompts', 'system.md');
    assert.equal(cli.readText(inside), 'You are a helpful assistant.');
    assert.equal(cli.readText(path.join(root, 'prompts', 'link-in.md')), 'You are a helpful assistant.');
    for (const [label, p] of hostile()) assert.equal(cli.readText(p), null, label);
    // A symlink pointing out, made after its folder was resolved: still resolved in full.
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'prompts', 'late-link.md'));
    try {
      assert.equal(cli.readText(path.join(root, 'prompts', 'late-link.md')), null);
    } finally {
      fs.unlinkSync(path.join(root, 'prompts', 'late-link.md'));
    }
    assert.equal(cli.readText(inside), 'You are a helpful assistant.');
  });

  test('network paths are recognised by both without touching them', () => {
    for (const p of ['//server/share/x', '\\\\server\\share\\x', '\\\\?\\UNC\\server\\share\\x']) {
      assert.ok(cliIsNetwork(p), `CLI: ${p}`);
      assert.ok(editorIsNetwork(p), `editor: ${p}`);
    }
    for (const p of ['/home/me/x', 'C:\\x', 'x/y']) {
      assert.ok(!cliIsNetwork(p) && !editorIsNetwork(p), p);
    }
  });

  test('the CLI says why a read was refused', () => {
    const cli = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1024 });
    const reason = (p: string) => {
      const r = cli.read(p);
      return r.ok ? 'ok' : r.reason;
    };
    assert.equal(reason(path.join(root, 'prompts', 'link-out.md')), 'outside-roots');
    assert.equal(reason('//server/share/x.md'), 'network-path');
    assert.equal(reason(path.join(root, 'prompts', 'blob.md')), 'binary');
    assert.equal(reason(path.join(root, 'prompts', 'huge.md')), 'too-large');
    assert.equal(reason(path.join(root, 'prompts')), 'not-a-file');
    assert.equal(reason(path.join(root, 'prompts', 'loop-a.md')), 'unreadable');
  });

  test('a network root admits nothing', () => {
    const cli = new NodeWorkspaceFs({ roots: ['//server/share'], maxFileSizeKb: 1024 });
    const ed = new FsAdapter({ roots: () => ['//server/share'], maxBytes: () => 1024 });
    assert.equal(cli.readText('//server/share/x.md'), null);
    assert.equal(ed.readText('//server/share/x.md'), null);
  });
});

/** Records every path the core asks for and what the real fs answered. */
class Recorder implements WorkspaceFs {
  readonly log: Array<{ path: string; served: boolean }> = [];
  constructor(private readonly inner: WorkspaceFs) {}
  readText(p: string): string | null {
    const text = this.inner.readText(p);
    this.log.push({ path: p, served: text !== null });
    return text;
  }
}

function insideRoot(p: string): boolean {
  const rel = path.relative(root, p);
  return path.isAbsolute(p) && !rel.startsWith('..') && !path.isAbsolute(rel) && !p.includes('\0');
}

describe('the core asks, the fs refuses, nothing leaks', () => {
  const refs = [
    '../outside/secret.md',
    '../../outside/secret.md',
    '/etc/passwd',
    `${'/..'.repeat(12)}/etc/passwd`,
    'prompts/link-out.md',
    'dir-out/secret.md',
    'prompts/loop-a.md',
    '//server/share/prompt.md',
    '\\\\\\\\server\\\\share\\\\prompt.md',
    'file:///etc/passwd',
    'prompts/blob.md',
    'prompts/huge.md',
  ];
  const escape = (s: string) => s.replace(/\\/g, '\\\\');

  function pySource(ref: string): string {
    return [
      'import anthropic',
      'from pathlib import Path',
      'client = anthropic.Anthropic()',
      `A = open(${JSON.stringify(ref)}).read()`,
      `B = Path(__file__).parent.joinpath(${JSON.stringify(ref)}).read_text()`,
      `C = (Path(__file__).parent / ${JSON.stringify(ref)}).read_text(encoding="utf-8")`,
      'client.messages.create(model="claude-sonnet-4-5", max_tokens=100, system=A + B + C, messages=[{"role": "user", "content": "hi"}])',
      '',
    ].join('\n');
  }
  function tsSource(ref: string): string {
    return [
      "import { readFileSync } from 'node:fs';",
      "import path from 'node:path';",
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      `const A = readFileSync(${JSON.stringify(ref)}, 'utf8');`,
      `const B = readFileSync(path.join(__dirname, ${JSON.stringify(ref)}), 'utf8');`,
      `const C = readFileSync(new URL(${JSON.stringify(ref)}, import.meta.url), 'utf8');`,
      "await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, system: A + B + C, messages: [{ role: 'user', content: 'hi' }] });",
      '',
    ].join('\n');
  }

  for (const [name, wfsOf] of [
    ['CLI NodeWorkspaceFs', () => new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1024 })],
    ['editor FsAdapter', () => new FsAdapter({ roots: () => [root], maxBytes: () => 1024 * 1024 })],
  ] as Array<[string, () => WorkspaceFs]>) {
    test(`${name}: code referencing hostile prompt paths`, async () => {
      const rec = new Recorder(wfsOf());
      const engine = await Engine.create({ fs: rec, loadWasm });
      for (const ref of refs) {
        for (const [file, text] of [
          [path.join(root, 'app.py'), pySource(ref)],
          [path.join(root, 'app.ts'), tsSource(escape(ref))],
        ] as const) {
          const r = await engine.analyze({ path: file, text });
          engine.forget(file);
          assert.deepEqual(crashNotes(r), [], `${ref} in ${file}`);
          assert.deepEqual(wellFormedProblems(r, file, text), []);
          const dump = JSON.stringify({ calls: r.calls.map((c) => c.site.blocks), findings: r.findings, notes: r.notes });
          assert.ok(!dump.includes(CANARY), `content from outside the root leaked through ${ref} in ${file}`);
          for (const c of r.calls) assert.ok(c.inputTokens.central < 2000, `${ref}: ${c.inputTokens.central} tokens: an outside file was counted`);
        }
      }
      for (const { path: p, served } of rec.log) {
        if (served) assert.ok(insideRoot(p), `${name} served ${p}, outside the root`);
      }
      engine.dispose();
    });
  }

  test('the inside prompt file is still read (the refusals are not blanket)', async () => {
    const rec = new Recorder(new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1024 }));
    const engine = await Engine.create({ fs: rec, loadWasm });
    const r = await engine.analyze({ path: path.join(root, 'app.py'), text: pySource('prompts/system.md') });
    assert.ok(rec.log.some((x) => x.served && x.path.endsWith('/prompts/system.md')), JSON.stringify(rec.log));
    assert.equal(r.calls.length, 1);
    engine.dispose();
  });

  for (const mode of ['throwing', 'null'] as const) {
    test(`a WorkspaceFs that ${mode === 'throwing' ? 'throws (unreadable file)' : 'returns null for everything'} never breaks the analysis`, async () => {
      const spy = new SpyFs(mode);
      const engine = await Engine.create({ fs: spy, loadWasm });
      for (const f of corpus()) {
        const r = await engine.analyze({ path: f.path, text: f.text });
        engine.forget(f.path);
        assert.deepEqual(crashNotes(r), [], `${f.path} with a ${mode} fs`);
        assert.deepEqual(wellFormedProblems(r, f.path, f.text), []);
      }
      assert.ok(spy.requested.length > 0, 'the corpus references prompt files and modules');
      engine.dispose();
    });
  }
});
