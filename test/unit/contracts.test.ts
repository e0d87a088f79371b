/**
 * Contracts checked by machine (STYLE.md §3): every rule is registered, documented and has
 * fixtures in both languages; the core never imports the editor or Node built-ins.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { rules } from '../../src/core/rules';

const ROOT = join(__dirname, '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('rule registry', () => {
  test('rule ids are unique and kebab-case', () => {
    const ids = rules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });

  for (const rule of rules) {
    const id = rule.meta.id;
    test(`${id}: has a docs page that states its default severity`, () => {
      const page = join(ROOT, 'docs', 'rules', `${id}.md`);
      assert.ok(existsSync(page), `docs/rules/${id}.md is missing`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${id}\n`), `docs/rules/${id}.md must start with "# ${id}"`);
      assert.match(text, new RegExp(`Default severity:\\*\\*\\s*${rule.meta.defaultSeverity}`), `docs/rules/${id}.md must state the default severity "${rule.meta.defaultSeverity}"`);
    });

    test(`${id}: has fixtures in Python and in TypeScript/JavaScript that expect it`, () => {
      const dir = join(ROOT, 'test', 'fixtures', id);
      assert.ok(existsSync(dir), `test/fixtures/${id}/ is missing`);
      const files = walk(dir).filter((f) => !f.includes(`${join(dir, 'prompts')}`));
      const expects = (re: RegExp) => files.some((f) => re.test(f) && readFileSync(f, 'utf8').includes(`expect: ${id}`));
      assert.ok(expects(/\.py$/), `no Python fixture expects ${id}`);
      assert.ok(expects(/\.(ts|tsx|js|jsx|mjs|cjs)$/), `no TypeScript/JavaScript fixture expects ${id}`);
    });
  }

  test('every docs/rules page belongs to a registered rule', () => {
    const ids = new Set(rules.map((r) => r.meta.id));
    for (const f of readdirSync(join(ROOT, 'docs', 'rules'))) {
      if (f.endsWith('.md') && f !== 'README.md') assert.ok(ids.has(f.slice(0, -3)), `docs/rules/${f} has no rule`);
    }
  });
});

describe('module boundaries', () => {
  const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const files = walk(join(ROOT, 'src', 'core')).filter((f) => f.endsWith('.ts'));

  test('src/core imports neither vscode nor Node built-ins', () => {
    assert.ok(files.length > 10);
    const bad: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (spec === 'vscode' || node.has(spec)) bad.push(`${f.slice(ROOT.length + 1)}: ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('only src/vscode imports vscode', () => {
    const bad = walk(join(ROOT, 'src'))
      .filter((f) => f.endsWith('.ts') && !f.includes(`${join('src', 'vscode')}`))
      .filter((f) => /from\s+['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(bad, []);
  });
});
