/**
 * Generates package.json's `contributes.configuration` from the zod config schema
 * (src/core/config/schema.ts), so the editor's settings are never a hand-kept mirror of
 * `.prompt-cost.json`: one key per `configShape` entry, `promptCost.<key>`, with its JSON schema
 * (zod v4 `z.toJSONSchema`), default and description.
 *
 *   node --import tsx scripts/gen-manifest.ts           # rewrite package.json
 *   node --import tsx scripts/gen-manifest.ts --check   # exit 1 when package.json is stale
 *
 * test/unit/manifest.test.ts fails when package.json differs from what this produces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { configShape } from '../src/core/config/schema';

export const SECTION = 'promptCost';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Drops what VS Code's settings UI does not need: `$schema`, MAX_SAFE_INTEGER bounds, string `propertyNames`. */
function tidy(node: Json): Json {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$schema') continue;
    if ((k === 'maximum' || k === 'minimum') && typeof v === 'number' && Math.abs(v) >= Number.MAX_SAFE_INTEGER) continue;
    if (k === 'propertyNames' && v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && v['type'] === 'string') continue;
    out[k] = tidy(v);
  }
  return out;
}

/** The `contributes.configuration` object for package.json. */
export function buildConfiguration(): { title: string; properties: Record<string, Json> } {
  const properties: Record<string, Json> = {};
  let order = 0;
  for (const [key, schema] of Object.entries(configShape)) {
    const json = tidy(z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Json) as { [key: string]: Json };
    const { description, ...rest } = json;
    properties[`${SECTION}.${key}`] = {
      ...rest,
      markdownDescription: description ?? '',
      scope: 'resource',
      order: order++,
    };
  }
  return { title: 'Prompt Cost Lint', properties };
}

/** package.json text with its configuration regenerated (the rest unchanged). */
export function regenerate(packageJsonText: string): string {
  const pkg = JSON.parse(packageJsonText) as { contributes?: Record<string, unknown> };
  pkg.contributes = { ...(pkg.contributes ?? {}), configuration: buildConfiguration() };
  return JSON.stringify(pkg, null, 2) + '\n';
}

function main(): void {
  const file = join(__dirname, '..', 'package.json');
  const before = readFileSync(file, 'utf8');
  const after = regenerate(before);
  if (process.argv.includes('--check')) {
    if (before !== after) {
      console.error('package.json contributes.configuration is stale: run `npm run gen:manifest`.');
      process.exit(1);
    }
    console.log('package.json contributes.configuration is up to date.');
    return;
  }
  if (before !== after) writeFileSync(file, after);
  console.log(`contributes.configuration: ${Object.keys(configShape).length} settings written to package.json.`);
}

if (require.main === module) main();
