import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs, HELP_TEXT } from '../../src/cli/args';

function ok(argv: string[]) {
  const r = parseCliArgs(argv);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.options;
}

function bad(argv: string[]): string {
  const r = parseCliArgs(argv);
  assert.ok(!r.ok, `expected ${JSON.stringify(argv)} to be rejected`);
  assert.doesNotMatch(r.error, /\n/, 'the error is one line');
  return r.error;
}

describe('CLI arguments', () => {
  test('defaults: the current folder, text format, no fixing, no limit', () => {
    assert.deepEqual(ok([]), {
      paths: ['.'],
      format: 'text',
      fix: false,
      unsafeFixes: false,
      config: null,
      maxWarnings: null,
      quiet: false,
      exitZero: false,
      noColor: false,
      output: null,
      cache: false,
      cacheLocation: null,
      cacheStrategy: 'metadata',
      help: false,
      version: false,
    });
  });

  test('--cache, --cache-location, --cache-strategy (the location alone turns nothing on)', () => {
    const o = ok(['--cache', '--cache-location', '.cache/', '--cache-strategy', 'content']);
    assert.equal(o.cache, true);
    assert.equal(o.cacheLocation, '.cache/');
    assert.equal(o.cacheStrategy, 'content');
    assert.equal(ok(['--cache-location', 'x']).cache, false);
    assert.equal(ok(['--cache-strategy=metadata']).cacheStrategy, 'metadata');
  });

  test('--exit-zero', () => {
    assert.equal(ok(['--exit-zero']).exitZero, true);
  });

  test('every option, long and short, with paths in any position', () => {
    const o = ok(['src', '--format', 'sarif', '--fix', '--unsafe-fixes', 'app.py', '-c', 'cfg.json', '--max-warnings', '3', '-q', '--no-color', '-o', 'out.sarif']);
    assert.deepEqual(o.paths, ['src', 'app.py']);
    assert.equal(o.format, 'sarif');
    assert.equal(o.fix, true);
    assert.equal(o.unsafeFixes, true);
    assert.equal(o.config, 'cfg.json');
    assert.equal(o.maxWarnings, 3);
    assert.equal(o.quiet, true);
    assert.equal(o.noColor, true);
    assert.equal(o.output, 'out.sarif');
    assert.equal(ok(['--format=json']).format, 'json');
    assert.equal(ok(['-f', 'json']).format, 'json');
    assert.equal(ok(['-h']).help, true);
    assert.equal(ok(['--version']).version, true);
  });

  test('--max-warnings accepts 0 and -1 (no limit, written --max-warnings=-1)', () => {
    assert.equal(ok(['--max-warnings', '0']).maxWarnings, 0);
    assert.equal(ok(['--max-warnings=-1']).maxWarnings, null);
  });

  test('a file named like an option goes after --', () => {
    assert.deepEqual(ok(['--', '--weird.py']).paths, ['--weird.py']);
  });

  test('bad usage is a one-line error', () => {
    assert.match(bad(['--bogus']), /Unknown option '--bogus'/);
    assert.match(bad(['--format', 'xml']), /--format must be one of text, json, sarif, csv \(got "xml"\)/);
    assert.match(bad(['--format']), /--format/);
    assert.match(bad(['--max-warnings', 'many']), /--max-warnings must be a whole number/);
    assert.match(bad(['--max-warnings', '1.5']), /--max-warnings/);
    assert.match(bad(['--max-warnings=-2']), /--max-warnings/);
    assert.match(bad(['--unsafe-fixes']), /only works together with --fix/);
    assert.match(bad(['--fix=yes']), /--fix/);
    assert.match(bad(['--config', '']), /--config needs a file name/);
    assert.match(bad(['--cache-strategy', 'mtime']), /--cache-strategy must be one of metadata, content \(got "mtime"\)/);
    assert.match(bad(['--cache-location', ' ']), /--cache-location needs a file or folder name/);
    assert.match(bad(['--cache=yes']), /--cache/);
  });

  test('the help text lists every option and the exit codes', () => {
    for (const opt of ['--format', '--fix', '--unsafe-fixes', '--config', '--max-warnings', '--quiet', '--no-color', '--output', '--cache', '--cache-location', '--cache-strategy', '--help', '--version']) {
      assert.ok(HELP_TEXT.includes(opt), opt);
    }
    assert.match(HELP_TEXT, /Exit codes: 0 .*1 .*2 /);
  });
});
