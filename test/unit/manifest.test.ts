import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { configShape, parseConfig } from '../../src/core/config/schema';
import { buildConfiguration, regenerate, SECTION } from '../../scripts/gen-manifest';

const root = join(__dirname, '..', '..');
const pkgText = readFileSync(join(root, 'package.json'), 'utf8');
const pkg = JSON.parse(pkgText);

describe('package.json manifest', () => {
  test('contributes.configuration is what scripts/gen-manifest.ts generates from the zod schema (run `npm run gen:manifest`)', () => {
    assert.deepEqual(pkg.contributes.configuration, buildConfiguration());
    assert.equal(regenerate(pkgText), pkgText, 'package.json would change when regenerated');
  });

  test('the settings are exactly the config schema keys, each default accepted by the schema', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    assert.deepEqual(Object.keys(props).sort(), Object.keys(configShape).map((k) => `${SECTION}.${k}`).sort());
    const raw = Object.fromEntries(Object.entries(props).map(([k, v]) => [k.slice(SECTION.length + 1), v.default]));
    assert.deepEqual(parseConfig(raw).problems, []);
  });

  test('every command has a title, activation covers the analysed languages, assets exist', () => {
    for (const c of pkg.contributes.commands) assert.ok(c.title && c.command.startsWith('promptCost.'), JSON.stringify(c));
    for (const lang of ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact']) {
      assert.ok(pkg.activationEvents.includes(`onLanguage:${lang}`), lang);
    }
    assert.ok(existsSync(join(root, pkg.icon)), pkg.icon);
    for (const c of pkg.contributes.viewsContainers.activitybar) assert.ok(existsSync(join(root, c.icon)), c.icon);
    assert.ok(pkg.capabilities.untrustedWorkspaces.supported === 'limited' && pkg.capabilities.untrustedWorkspaces.description);
  });
});
