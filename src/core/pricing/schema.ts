/**
 * The zod schemas of the model price table (DESIGN.md §5). The built-in table (models.json) and
 * the user's `models` overrides (`.prompt-cost.json` / editor settings) are validated by these.
 * All prices are USD per million tokens.
 */
import { z } from 'zod';
import type { ModelEntry, ModelTier, PriceTier, TokenizerId } from '../types';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z.string().regex(datePattern, 'a date written YYYY-MM-DD');
const price = z.number().finite().nonnegative();
const tokens = z.number().int().positive();

export const tokenizerIds = [
  'o200k_base',
  'cl100k_base',
  'claude',
  'claude-2026',
  'gemini',
  'deepseek',
  'generic',
] as const satisfies readonly TokenizerId[];

export const modelTiers = ['flagship', 'mid', 'small'] as const satisfies readonly ModelTier[];

export const priceTierSchema = z.strictObject({
  aboveInputTokens: tokens,
  inputPerMTok: price,
  outputPerMTok: price,
  cacheReadPerMTok: price.nullable().optional(),
  cacheWrite5mPerMTok: price.nullable().optional(),
});

export const deprecationSchema = z.strictObject({
  date: isoDate,
  successor: z.string().min(1).nullable(),
});

/** Exactly the `ModelEntry` interface of src/core/types.ts; unknown keys are rejected. */
export const modelEntrySchema = z.strictObject({
  id: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  provider: z.string().min(1),
  displayName: z.string().optional(),
  inputPerMTok: price,
  outputPerMTok: price,
  cacheWrite5mPerMTok: price.nullable(),
  cacheWrite1hPerMTok: price.nullable(),
  cacheReadPerMTok: price.nullable(),
  batchDiscount: z.number().min(0).max(1).nullable(),
  contextWindow: tokens,
  maxOutput: tokens,
  minCacheableTokens: tokens.nullable(),
  tier: z.enum(modelTiers),
  cheaperSibling: z.string().min(1).nullable(),
  tokenizer: z.enum(tokenizerIds),
  priceTiers: z.array(priceTierSchema),
  deprecation: deprecationSchema.nullable(),
  checked: isoDate,
  source: z.string().min(1),
});

/**
 * A user's model entry: `id` is required; every other field is optional. On a known model the
 * given fields replace the built-in ones; a new model needs at least provider, inputPerMTok and
 * outputPerMTok (checked by `PricingTable.withOverrides`, which can name what is missing).
 */
export const modelOverrideSchema = modelEntrySchema
  .omit({ id: true })
  .partial()
  .extend({ id: z.string({ error: 'required: the model id to add or override' }).min(1) })
  .strict();

export type ModelOverride = z.infer<typeof modelOverrideSchema>;

export const modelsFileSchema = z.strictObject({
  pricingDate: isoDate,
  models: z.array(modelEntrySchema),
});

export type ModelsFile = z.infer<typeof modelsFileSchema>;

// Compile-time guarantee that the schema and the shared interface describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesInterface: Same<z.infer<typeof modelEntrySchema>, ModelEntry> = true;
const tierMatchesInterface: Same<z.infer<typeof priceTierSchema>, PriceTier> = true;
void schemaMatchesInterface;
void tierMatchesInterface;

export interface SchemaProblem {
  /** e.g. `models[1].inputPerMTok`. */
  path: string;
  message: string;
}

/** `['models', 1, 'inputPerMTok']` → `models[1].inputPerMTok`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/**
 * zod issues as path/message pairs under `base` (e.g. `models[1]`). An unknown key gets its own
 * path (`models[1].inputPerMtok: unknown field`) instead of one issue on the object.
 */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], base: ReadonlyArray<PropertyKey>): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: formatIssuePath([...base, ...issue.path, key]), message: `unknown field "${key}"` });
      }
      continue;
    }
    out.push({ path: formatIssuePath([...base, ...issue.path]), message: issue.message });
  }
  return out;
}
