import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { discoverFiles, isSourceFile, relPath } from '../../src/cli/discover';
import { NodeWorkspaceFs, isNetworkPath } from '../../src/cli/nodeFs';

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.venv/**', '**/venv/**', '**/dist/**', '**/build/**', '**/*.min.js'];

describe('file discovery', () => {
  let base: string;
  let root: string;
  let outside: string;

  before(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'pcl-discover-')));
    root = join(base, 'proj');
    outside = join(base, 'elsewhere');
    mkdirSync(join(root, '.git'), { recursive: true });
    write(root, {
      '.gitignore': 'generated/\n*.log\nsecret_*.py\n!secret_keep.py\n',
      'app.py': 'x = 1\n',
      'secret_one.py': '',
      'secret_keep.py': '',
      'src/a.ts': '',
      'src/b.tsx': '',
      'src/c.mjs': '',
      'src/d.cts': '',
      'src/types.d.ts': '',
      'src/readme.md': '',
      'src/.gitignore': 'local_*.ts\n',
      'src/local_x.ts': '',
      'src/deep/local_y.ts': '',
      'src/deep/z.jsx': '',
      'other/local_z.ts': '',
      'generated/gen.py': '',
      'node_modules/pkg/index.js': '',
      'sub/node_modules/pkg/index.js': '',
      '.venv/lib/x.py': '',
      'venv/lib/y.py': '',
      '__pycache__/m.py': '',
      'dist/cli.js': '',
      'build/out.js': '',
      'vendor/lib.min.js': '',
      'scripts/tool.py': '',
      'scripts/skip/ignored.py': '',
      '.git/hooks/pre-commit.py': '',
      'stub.pyi': '',
    });
    write(outside, { 'far.py': 'print(1)\n', 'nested/far2.ts': '' });
    // A symlink cycle, a symlinked folder inside the root, and links pointing out of it.
    symlinkSync(root, join(root, 'src', 'loop'));
    symlinkSync(join(root, 'scripts'), join(root, 'scripts-link'));
    symlinkSync(outside, join(root, 'out-dir'));
    symlinkSync(join(outside, 'far.py'), join(root, 'out-file.py'));
  });

  after(() => rmSync(base, { recursive: true, force: true }));

  function rels(files: string[]): string[] {
    return files.map((f) => relative(root, f).split('\\').join('/'));
  }

  test('walks the tree honouring nested .gitignore files, default skips and exclude globs; sorted; symlinks confined', () => {
    const r = discoverFiles(['.'], { cwd: root, exclude: [...DEFAULT_EXCLUDE, 'scripts/skip/**'], excludeBase: root });
    assert.deepEqual(rels(r.files), [
      'app.py',
      'other/local_z.ts', // the src/.gitignore rule does not reach a sibling folder
      'scripts/tool.py',
      'secret_keep.py', // re-included by a negation
      'src/a.ts',
      'src/b.tsx',
      'src/c.mjs',
      'src/d.cts',
      'src/deep/z.jsx',
      'stub.pyi',
    ]);
    assert.deepEqual(r.missing, []);
    // scripts-link resolves to scripts/ (already walked): analysed once, not twice.
    assert.ok(!r.files.some((f) => f.includes('scripts-link')));
    // Links out of the root are not followed, with a note.
    assert.ok(!r.files.some((f) => f.includes('far')));
    const noted = r.notes.filter((n) => !/^build folders? not analysed/.test(n.message)).map((n) => n.path).sort();
    assert.deepEqual(noted, ['out-dir', 'out-file.py']);
  });

  test('build folders skipped by default get one note naming them, unless .gitignore or a written exclude leaves them out', () => {
    const builds = (r: ReturnType<typeof discoverFiles>) => r.notes.filter((n) => /build folders? not analysed/.test(n.message));
    // The default exclude list names dist/ and build/ itself: that is not the user leaving them out.
    const r = discoverFiles(['.'], { cwd: root, exclude: DEFAULT_EXCLUDE, excludeBase: root });
    assert.equal(builds(r).length, 1);
    assert.equal(builds(r)[0]!.level, 'info');
    assert.match(builds(r)[0]!.message, /build folders not analysed: .*(build\/, dist\/|dist\/, build\/).*name a folder on the command line to check it/);
    // A config file that writes its own exclude with dist/: only build/ is left to mention.
    const written = discoverFiles(['.'], { cwd: root, exclude: ['dist/**'], excludeBase: root, excludeWritten: true });
    assert.match(builds(written)[0]!.message, /build folder not analysed: build\/ /);
    // Named on the command line, a build folder is checked.
    assert.deepEqual(rels(discoverFiles(['dist'], { cwd: root, exclude: [], excludeBase: root }).files), ['dist/cli.js']);
    // Ignored by .gitignore: the user knows; no note.
    const ignoredRoot = join(base, 'ignored');
    mkdirSync(join(ignoredRoot, '.git'), { recursive: true });
    write(ignoredRoot, { '.gitignore': 'dist/\nbuild/\n', 'app.py': '', 'dist/x.js': '', 'build/y.js': '' });
    assert.deepEqual(builds(discoverFiles(['.'], { cwd: ignoredRoot, exclude: DEFAULT_EXCLUDE, excludeBase: ignoredRoot })), []);
  });

  test('a folder whose name starts with two dots is inside the project: .gitignore and exclude apply to it', () => {
    const proj = join(base, 'dots');
    mkdirSync(join(proj, '.git'), { recursive: true });
    write(proj, { '.gitignore': 'secret.py\n', '..data/secret.py': '', '..data/keep.py': '', '..data/drop.py': '' });
    const found = discoverFiles([], { cwd: proj, exclude: ['..data/drop.py'], excludeBase: proj });
    assert.deepEqual(found.files.map((f) => relative(proj, f).split('\\').join('/')), ['..data/keep.py']);
  });

  test('the default skip list applies even with no exclude globs', () => {
    const r = discoverFiles([root], { cwd: root, exclude: [], excludeBase: root });
    const got = rels(r.files);
    for (const dir of ['node_modules/', 'sub/node_modules/', '.venv/', 'venv/', '__pycache__/', 'dist/', 'build/', '.git/']) {
      assert.ok(!got.some((f) => f.startsWith(dir)), dir);
    }
    assert.ok(got.includes('vendor/lib.min.js'), 'only the exclude glob skips *.min.js');
    assert.ok(got.includes('scripts/skip/ignored.py'));
  });

  test('a subfolder argument still obeys the .gitignore files above it', () => {
    const r = discoverFiles(['src'], { cwd: root, exclude: [], excludeBase: root });
    assert.deepEqual(rels(r.files), ['src/a.ts', 'src/b.tsx', 'src/c.mjs', 'src/d.cts', 'src/deep/z.jsx']);
  });

  test('explicitly named files are analysed even when ignored, with a note; unsupported files get a note', () => {
    const r = discoverFiles(['generated/gen.py', 'src/readme.md', 'app.py', 'app.py'], { cwd: root, exclude: DEFAULT_EXCLUDE, excludeBase: root });
    assert.deepEqual(rels(r.files), ['app.py', 'generated/gen.py']);
    assert.ok(r.notes.some((n) => n.path === 'generated/gen.py' && /named explicitly/.test(n.message)));
    assert.ok(r.notes.some((n) => n.path === 'src/readme.md' && /not a Python, TypeScript or JavaScript file/.test(n.message)));
  });

  test('an ignored folder named explicitly is checked, with only the .gitignore files inside it', () => {
    write(root, { 'generated/.gitignore': 'skip_me.py\n', 'generated/skip_me.py': '', 'generated/sub/more.py': '' });
    const r = discoverFiles(['generated'], { cwd: root, exclude: DEFAULT_EXCLUDE, excludeBase: root });
    assert.deepEqual(rels(r.files), ['generated/gen.py', 'generated/sub/more.py']);
    assert.ok(r.notes.some((n) => n.path === 'generated' && /named explicitly/.test(n.message)));
    const d = discoverFiles(['dist'], { cwd: root, exclude: DEFAULT_EXCLUDE, excludeBase: root });
    assert.deepEqual(rels(d.files), ['dist/cli.js']);
    // Not named: still skipped.
    assert.ok(!discoverFiles(['.'], { cwd: root, exclude: DEFAULT_EXCLUDE, excludeBase: root }).files.some((f) => f.includes('generated')));
  });

  test('paths that do not exist are reported as missing', () => {
    const r = discoverFiles(['nope', 'app.py'], { cwd: root, exclude: [], excludeBase: root });
    assert.deepEqual(r.missing, ['nope']);
    assert.deepEqual(rels(r.files), ['app.py']);
  });

  test('the order is stable across runs', () => {
    const a = discoverFiles(['.'], { cwd: root, exclude: DEFAULT_EXCLUDE, excludeBase: root }).files;
    const b = discoverFiles(['src', '.', 'app.py'], { cwd: root, exclude: DEFAULT_EXCLUDE, excludeBase: root }).files;
    assert.deepEqual(a, b);
  });

  test('report paths are relative to the cwd, with ../ outside it', () => {
    assert.equal(relPath(root, join(root, 'src', 'a.ts')), 'src/a.ts');
    assert.equal(relPath(join(root, 'src'), join(root, 'app.py')), '../app.py');
    assert.equal(relPath(root, root), '.');
  });

  test('source extensions', () => {
    for (const f of ['a.py', 'a.pyi', 'a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'A.PY']) assert.ok(isSourceFile(f), f);
    for (const f of ['a.md', 'a.d.ts', 'a.d.mts', 'a.json', 'py', 'a.pyc']) assert.ok(!isSourceFile(f), f);
  });

  describe('NodeWorkspaceFs', () => {
    test('reads inside the roots, strips a BOM, and refuses symlinks pointing out', () => {
      write(root, { 'prompts/sys.md': '\uFEFFYou are helpful.\n' });
      const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1 });
      assert.equal(fs.readText(join(root, 'prompts/sys.md')), 'You are helpful.\n');
      const r = fs.read(join(root, 'prompts/sys.md'));
      assert.ok(r.ok && r.bom);
      assert.equal(fs.readText(join(root, 'out-file.py')), null);
      assert.deepEqual(fs.read(join(root, 'out-file.py')), { ok: false, reason: 'outside-roots' });
      assert.deepEqual(fs.read(join(root, 'out-dir', 'far.py')), { ok: false, reason: 'outside-roots' });
      assert.deepEqual(fs.read(join(outside, 'far.py')), { ok: false, reason: 'outside-roots' });
      assert.deepEqual(fs.read(join(root, '..', 'elsewhere', 'far.py')), { ok: false, reason: 'outside-roots' });
    });

    test('refuses network paths, relative paths, folders, missing files', () => {
      const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1 });
      assert.deepEqual(fs.read('\\\\server\\share\\x.py'), { ok: false, reason: 'network-path' });
      assert.deepEqual(fs.read('//server/share/x.py'), { ok: false, reason: 'network-path' });
      assert.ok(isNetworkPath('\\\\?\\UNC\\server\\share'));
      assert.deepEqual(fs.read('app.py'), { ok: false, reason: 'outside-roots' });
      assert.deepEqual(fs.read(join(root, 'src')), { ok: false, reason: 'not-a-file' });
      assert.deepEqual(fs.read(join(root, 'nothing.py')), { ok: false, reason: 'missing' });
    });

    test('skips binary files and files above the size limit', () => {
      write(root, {
        'bin.py': Buffer.concat([Buffer.from('import os\n'), Buffer.from([0, 1, 2]), Buffer.from('rest')]),
        'big.py': 'x = 1\n'.repeat(400), // 2,400 bytes
        'ok.py': 'x = 1\n'.repeat(100), // 600 bytes
      });
      const fs = new NodeWorkspaceFs({ roots: [root], maxFileSizeKb: 1 });
      assert.deepEqual(fs.read(join(root, 'bin.py')), { ok: false, reason: 'binary' });
      assert.deepEqual(fs.read(join(root, 'big.py')), { ok: false, reason: 'too-large' });
      assert.equal(fs.readText(join(root, 'ok.py'))?.length, 600);
    });

    test('a root that is itself reached through a symlink still admits its files', () => {
      const linkRoot = join(base, 'proj-link');
      symlinkSync(root, linkRoot);
      const fs = new NodeWorkspaceFs({ roots: [linkRoot], maxFileSizeKb: 64 });
      assert.equal(fs.readText(join(linkRoot, 'app.py')), 'x = 1\n');
      assert.equal(fs.readText(join(root, 'app.py')), 'x = 1\n');
    });
  });
});
