/**
 * The single source of settings: `.prompt-cost.json` and the editor's `promptCost.*` settings are
 * both validated by this schema, and package.json's `contributes.configuration` is generated from it
 * (scripts/gen-config.ts). A bad value never sinks the whole config: each key is validated on its
 * own, the bad ones are reported by name and fall back to their defaults.
 */
import { z } from 'zod';
import { issuesToProblems, modelOverrideSchema } from '../pricing/schema';

export const severitySetting = z.enum(['off', 'info', 'warning', 'error']);

/** Each key: schema with its default, and the description shown in settings and docs. */
export const configShape = {
  enable: z.boolean().default(true).describe('Turn Prompt Cost Lint on or off.'),
  rules: z
    .record(z.string(), severitySetting)
    .default({})
    .describe('Per-rule severity override: "off", "info", "warning" or "error", keyed by rule id (e.g. {"missing-max-tokens": "error"}).'),
  defaultMonthlyCalls: z
    .number()
    .nonnegative()
    .finite()
    .default(10000)
    .describe('Calls per month assumed for a call site with no `prompt-cost:` volume comment.'),
  expectedOutputTokens: z
    .number()
    .int()
    .positive()
    .default(500)
    .describe('Output tokens assumed for a call with no output cap (a call with a cap is priced at its cap, the upper bound).'),
  oversizedPromptTokens: z
    .number()
    .int()
    .positive()
    .default(8000)
    .describe('Static input tokens above which `oversized-prompt` warns.'),
  cacheHitRate: z
    .number()
    .min(0)
    .max(1)
    .default(0.9)
    .describe('Share of calls assumed to hit the prompt cache when a cacheable prefix is marked (0–1).'),
  displayCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a three-letter ISO currency code such as "EUR"')
    .default('USD')
    .describe('Currency shown in messages, lenses and the panel. Reports in JSON stay in USD.'),
  currencyRate: z
    .number()
    .positive()
    .finite()
    .default(1)
    .describe('Units of the display currency per 1 USD.'),
  models: z
    .array(modelOverrideSchema)
    .default([])
    .describe('Models to add to the price table, or fields to override on a known model (matched by `id`). Prices are USD per million tokens.'),
  exclude: z
    .array(z.string())
    .default(['**/node_modules/**', '**/.venv/**', '**/venv/**', '**/dist/**', '**/build/**', '**/*.min.js'])
    .describe('Glob patterns of files to skip (in addition to .gitignore).'),
  maxFileSizeKb: z
    .number()
    .int()
    .positive()
    .default(1024)
    .describe('Files larger than this are skipped with a note.'),
} as const;

export const configSchema = z.object(configShape).strict();
export type Config = z.infer<typeof configSchema>;
export type ConfigKey = keyof typeof configShape;

export interface ConfigProblem {
  /** Dotted path of the bad field, e.g. `models[0].inputPerMTok` or `defaultMonthlyCalls`. */
  path: string;
  message: string;
}

export function defaultConfig(): Config {
  return configSchema.parse({});
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/**
 * Validate a raw config object key by key. Unknown keys and invalid values are reported; every
 * valid key is kept, every invalid one falls back to its default.
 */
export function parseConfig(raw: unknown): { config: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config = defaultConfig();
  if (raw === undefined || raw === null) return { config, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ path: '(root)', message: 'the configuration must be a JSON object' });
    return { config, problems };
  }
  const shape = configShape as Record<string, z.ZodType>;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === '$schema') continue;
    // Own keys only: `constructor`, `toString` or `__proto__` in the file are unknown settings, not Object's members.
    const schema = Object.prototype.hasOwnProperty.call(shape, key) ? shape[key] : undefined;
    if (!schema) {
      problems.push({ path: key, message: `unknown setting "${key}"` });
      continue;
    }
    if (value === undefined) continue;
    if (key === 'models' && Array.isArray(value)) {
      // Element by element: a bad entry is reported by its path (`models[1].inputPerMTok`) and
      // dropped; the valid entries are kept.
      const kept: unknown[] = [];
      value.forEach((entry, i) => {
        const r = modelOverrideSchema.safeParse(entry);
        if (r.success) kept.push(r.data);
        else problems.push(...issuesToProblems(r.error.issues, ['models', i]));
      });
      (config as Record<string, unknown>)[key] = kept;
      continue;
    }
    const result = schema.safeParse(value);
    if (result.success) {
      (config as Record<string, unknown>)[key] = result.data;
    } else {
      for (const issue of result.error.issues) {
        problems.push({ path: formatPath([key, ...issue.path]), message: issue.message });
      }
    }
  }
  return { config, problems };
}

export function formatProblem(p: ConfigProblem, source?: string): string {
  return `${source ? source + ': ' : ''}${p.path}: ${p.message}`;
}
