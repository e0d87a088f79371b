/**
 * The model price table (DESIGN.md §5): lookup by id, alias and normalised id (provider prefixes,
 * Bedrock/Vertex ids, date suffixes), suggestions for unknown ids, and user overrides.
 *
 * Lookups never guess: an id is found exactly, through an alias, or after stripping well-known
 * decorations. Anything else is unknown (null), and `nearest` only offers a suggestion.
 */
import type { ModelEntry, TokenizerId } from '../types';
import defaultModels from './models.json';
import { issuesToProblems, modelEntrySchema, modelOverrideSchema, type ModelOverride, type ModelsFile } from './schema';

export interface PricingProblem {
  /** e.g. `models[1].inputPerMTok` or `models[2]`. */
  path: string;
  message: string;
}

/** LiteLLM / gateway provider prefixes (`anthropic/claude-…`, `vertex_ai/gemini-…`). */
const PROVIDER_PREFIXES = [
  'anthropic',
  'openai',
  'azure',
  'azure_ai',
  'gemini',
  'google',
  'vertex_ai',
  'vertex_ai_beta',
  'vertex',
  'bedrock',
  'bedrock_converse',
  'converse',
  'invoke',
  'deepseek',
  'groq',
  'together_ai',
  'together',
  'openrouter',
  'text-completion-openai',
];

/** Where a prefix says which provider bills the call. */
const PREFIX_PROVIDER: Record<string, string> = {
  anthropic: 'anthropic',
  openai: 'openai',
  azure: 'openai',
  gemini: 'google',
  google: 'google',
  vertex_ai: 'google',
  deepseek: 'deepseek',
  groq: 'groq',
  together_ai: 'together',
  together: 'together',
};

/** Hints that name the same billing provider as an entry's `provider`. */
const HINT_ALIASES: Record<string, string> = {
  gemini: 'google',
  'google-genai': 'google',
  'google-generativeai': 'google',
  vertex: 'google',
  vertex_ai: 'google',
  azure: 'openai',
  together_ai: 'together',
};

const BEDROCK_REGION = /^(?:us|eu|apac|au|jp|ca|global|us-gov)\./;
const BEDROCK_VENDOR = /^(?:anthropic|meta|amazon|mistral|cohere|ai21|deepseek|openai|qwen|google)\./;
const BEDROCK_VERSION = /-v\d+(?::\d+)?$/;
const VERTEX_AT = /@(?:\d{8}|default|latest|\d{3})$/;
const DATE_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2})$/;
const LATEST_SUFFIX = /-latest$/;

function key(id: string): string {
  return id.trim().toLowerCase();
}

/** Successively normalised forms of an id (each step strips one more decoration), without duplicates. */
export function normalisedForms(id: string): { forms: string[]; prefixProvider: string | null } {
  const forms: string[] = [];
  const push = (s: string): void => {
    if (s && !forms.includes(s)) forms.push(s);
  };
  let s = key(id);
  push(s);
  let prefixProvider: string | null = null;
  // Provider prefixes, possibly stacked (`openrouter/anthropic/…`, `bedrock/converse/…`).
  for (let guard = 0; guard < 4; guard++) {
    const slash = s.indexOf('/');
    if (slash <= 0) break;
    const head = s.slice(0, slash);
    if (head === 'models' || head === 'publishers' || PROVIDER_PREFIXES.includes(head)) {
      prefixProvider = PREFIX_PROVIDER[head] ?? prefixProvider;
      s = s.slice(slash + 1);
      push(s);
    } else break;
  }
  // Vertex `publishers/google/models/gemini-…`.
  const modelsAt = s.lastIndexOf('models/');
  if (modelsAt >= 0) {
    s = s.slice(modelsAt + 'models/'.length);
    push(s);
  }
  // Bedrock: region, vendor and version decorations.
  if (BEDROCK_REGION.test(s) && BEDROCK_VENDOR.test(s.replace(BEDROCK_REGION, ''))) {
    s = s.replace(BEDROCK_REGION, '');
    push(s);
  }
  if (BEDROCK_VENDOR.test(s)) {
    s = s.replace(BEDROCK_VENDOR, '');
    push(s);
    if (BEDROCK_VERSION.test(s)) {
      s = s.replace(BEDROCK_VERSION, '');
      push(s);
    }
  } else if (/-v\d+:\d+$/.test(s)) {
    s = s.replace(BEDROCK_VERSION, '');
    push(s);
  }
  // Vertex `@date`.
  if (VERTEX_AT.test(s)) {
    s = s.replace(VERTEX_AT, '');
    push(s);
  }
  // Trailing date and `-latest`.
  for (let guard = 0; guard < 2; guard++) {
    const before = s;
    s = s.replace(DATE_SUFFIX, '').replace(LATEST_SUFFIX, '');
    if (s === before) break;
    push(s);
  }
  return { forms, prefixProvider };
}

function canonicalHint(hint: string | undefined | null): string | null {
  if (!hint) return null;
  const h = key(hint);
  return HINT_ALIASES[h] ?? h;
}

/** Levenshtein distance, bounded: returns `limit + 1` as soon as it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

function squash(s: string): string {
  return s.replace(/[-_.\s]/g, '');
}

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export interface OverrideResult {
  table: PricingTable;
  /** Bad entries, by path; the rest of the overrides still apply. */
  problems: PricingProblem[];
  /** Not errors: what was assumed for a newly added model (also written into its `source`). */
  notes: PricingProblem[];
}

export class PricingTable {
  readonly pricingDate: string;
  private readonly entries: readonly ModelEntry[];
  /** Lower-cased id or alias → entries (several when providers share a name). */
  private readonly index = new Map<string, ModelEntry[]>();
  /** `nearest` answers by query: it compares against every id and alias (≈1 ms per query). */
  private readonly nearestMemo = new Map<string, string | null>();

  constructor(models: readonly ModelEntry[], pricingDate: string) {
    this.entries = models;
    this.pricingDate = pricingDate;
    for (const m of models) {
      this.add(m.id, m);
    }
    // Aliases after ids, so an id always comes first.
    for (const m of models) {
      for (const a of m.aliases) this.add(a, m);
    }
  }

  private add(name: string, m: ModelEntry): void {
    const k = key(name);
    const list = this.index.get(k);
    if (!list) this.index.set(k, [m]);
    else if (!list.includes(m)) list.push(m);
  }

  private pick(list: ModelEntry[], hint: string | null): ModelEntry {
    if (hint) {
      const match = list.find((m) => m.provider === hint);
      if (match) return match;
    }
    return list[0];
  }

  /**
   * Find a model by id (case-insensitive): exact id or alias first, then the id with its
   * decorations stripped one by one (provider prefix, Bedrock region/vendor/version, Vertex
   * `@date`, Gemini `models/`, trailing date and `-latest`). Never a fuzzy match.
   * `providerHint` (e.g. 'deepseek' for a DeepSeek base URL) picks among same-named entries.
   */
  lookup(id: string, providerHint?: string): ModelEntry | null {
    if (typeof id !== 'string' || !id.trim()) return null;
    const { forms, prefixProvider } = normalisedForms(id);
    const hint = canonicalHint(providerHint) ?? prefixProvider;
    for (const f of forms) {
      const list = this.index.get(f);
      if (list) return this.pick(list, hint);
    }
    return null;
  }

  /** A suggestion for an unknown id (for `unknown-model`), or null when nothing is reasonably close. */
  nearest(id: string): string | null {
    if (typeof id !== 'string' || !id.trim()) return null;
    const memo = this.nearestMemo.get(id);
    if (memo !== undefined) return memo;
    const found = this.nearestUncached(id);
    if (this.nearestMemo.size > 1000) this.nearestMemo.clear();
    this.nearestMemo.set(id, found);
    return found;
  }

  private nearestUncached(id: string): string | null {
    // A query that is already a known id has nothing to suggest.
    if (this.lookup(id)) return null;
    const { forms } = normalisedForms(id);
    const q = forms[forms.length - 1];
    const qs = squash(q);
    if (qs.length < 2) return null;
    let best: { id: string; score: number; prefix: number; deprecated: boolean } | null = null;
    const consider = (candidateId: string, name: string, m: ModelEntry): void => {
      const n = key(name);
      const ns = squash(n);
      let score: number;
      if (ns === qs) score = 0;
      else {
        const limit = Math.max(1, Math.min(4, Math.floor(Math.max(qs.length, ns.length) * 0.3)));
        const d = Math.min(editDistance(q, n, limit), editDistance(qs, ns, limit));
        if (d > limit) {
          // Shared-prefix heuristic: a known id followed by an unknown decoration
          // (`claude-sonnet-4-5-experimental`) — only when the known id covers most of the query.
          if (q.startsWith(n + '-') && n.length >= 0.5 * q.length) score = 0.3;
          else return;
        } else if (digits(q) !== digits(n)) {
          // Another version number is another model, not a typo: `gpt-7` is not `gpt-5`.
          return;
        } else score = d / Math.max(qs.length, ns.length, 1);
      }
      const cand = { id: candidateId, score, prefix: commonPrefix(q, n), deprecated: m.deprecation !== null };
      if (
        !best ||
        cand.score < best.score ||
        (cand.score === best.score && cand.prefix > best.prefix) ||
        (cand.score === best.score && cand.prefix === best.prefix && best.deprecated && !cand.deprecated)
      ) {
        best = cand;
      }
    };
    for (const m of this.entries) {
      consider(m.id, m.id, m);
      for (const a of m.aliases) {
        if (!a.includes('/') && !a.includes('.anthropic') && !a.includes('@')) consider(m.id, a, m);
      }
    }
    const found = best as { id: string; score: number } | null;
    if (!found || found.score > 0.34) return null;
    return found.id;
  }

  all(): ModelEntry[] {
    return [...this.entries];
  }

  /**
   * Apply the user's `models` entries: fields of a known model are replaced; a new model is added
   * when it has at least provider, inputPerMTok and outputPerMTok (the rest get stated defaults).
   * A bad entry is reported by its path (`models[1].inputPerMTok`) and skipped; the others apply.
   */
  withOverrides(overrides: readonly unknown[]): OverrideResult {
    const problems: PricingProblem[] = [];
    const notes: PricingProblem[] = [];
    const models = [...this.entries];
    if (!Array.isArray(overrides)) {
      problems.push({ path: 'models', message: 'must be a list of model entries' });
      return { table: this, problems, notes };
    }
    overrides.forEach((raw, i) => {
      const base = `models[${i}]`;
      const parsed = modelOverrideSchema.safeParse(raw);
      if (!parsed.success) {
        problems.push(...issuesToProblems(parsed.error.issues, ['models', i]));
        return;
      }
      const o: ModelOverride = parsed.data;
      // Matched by exact id or alias only: `claude-sonnet-4-5-20990101` is a new model, not an override.
      const known = findExact(models, o.id, o.provider);
      if (known) {
        const merged: ModelEntry = { ...known, ...stripUndefined(o), id: known.id };
        // Aliases add to the built-in ones so that every id the table knew still resolves.
        merged.aliases = unique([...known.aliases, ...(o.aliases ?? []), ...(key(o.id) !== key(known.id) ? [o.id] : [])]);
        const check = modelEntrySchema.safeParse(merged);
        if (!check.success) {
          problems.push(...issuesToProblems(check.error.issues, ['models', i]));
          return;
        }
        models[models.indexOf(known)] = check.data;
        return;
      }
      const missing = (['provider', 'inputPerMTok', 'outputPerMTok'] as const).filter((f) => o[f] === undefined);
      if (missing.length > 0) {
        problems.push({
          path: base,
          message: `"${o.id}" is not a known model; to add it, give ${missing.join(', ')} (missing)`,
        });
        return;
      }
      const { entry, assumed } = newModel(o, this.pricingDate);
      const check = modelEntrySchema.safeParse(entry);
      if (!check.success) {
        problems.push(...issuesToProblems(check.error.issues, ['models', i]));
        return;
      }
      if (assumed.length > 0) notes.push({ path: base, message: `added "${o.id}"; assumed ${assumed.join(', ')}` });
      models.push(check.data);
    });
    return { table: new PricingTable(models, this.pricingDate), problems, notes };
  }
}

function findExact(models: readonly ModelEntry[], id: string, provider: string | undefined): ModelEntry | null {
  const k = key(id);
  const matches = models.filter((m) => key(m.id) === k || m.aliases.some((a) => key(a) === k));
  if (matches.length === 0) return null;
  return matches.find((m) => m.provider === provider) ?? matches[0];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function unique(xs: string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const TOKENIZER_BY_PROVIDER: Record<string, TokenizerId> = {
  openai: 'o200k_base',
  azure: 'o200k_base',
  anthropic: 'claude-2026',
  google: 'gemini',
  deepseek: 'deepseek',
};

/** A user-added model: the given fields, and stated defaults for the rest. */
function newModel(o: ModelOverride, pricingDate: string): { entry: ModelEntry; assumed: string[] } {
  const assumed: string[] = [];
  const provider = o.provider as string;
  const input = o.inputPerMTok as number;
  const anthropic = provider === 'anthropic';
  function pick<K extends keyof ModelEntry>(field: K, fallback: ModelEntry[K], label: string): ModelEntry[K] {
    const v = (o as Partial<ModelEntry>)[field];
    if (v !== undefined) return v as ModelEntry[K];
    assumed.push(label);
    return fallback;
  }
  const entry: ModelEntry = {
    id: o.id,
    aliases: o.aliases ?? [],
    provider,
    ...(o.displayName !== undefined ? { displayName: o.displayName } : {}),
    inputPerMTok: input,
    outputPerMTok: o.outputPerMTok as number,
    cacheWrite5mPerMTok: pick('cacheWrite5mPerMTok', anthropic ? round(input * 1.25) : null, anthropic ? 'cacheWrite5mPerMTok = 1.25× input' : 'no cache-write charge'),
    cacheWrite1hPerMTok: pick('cacheWrite1hPerMTok', anthropic ? round(input * 2) : null, anthropic ? 'cacheWrite1hPerMTok = 2× input' : 'no 1h cache write'),
    cacheReadPerMTok: pick('cacheReadPerMTok', anthropic ? round(input * 0.1) : null, anthropic ? 'cacheReadPerMTok = 0.1× input' : 'no prompt cache'),
    batchDiscount: pick('batchDiscount', null, 'no batch API'),
    contextWindow: pick('contextWindow', 128_000, 'contextWindow 128,000'),
    maxOutput: pick('maxOutput', o.contextWindow ?? 128_000, 'maxOutput = the context window'),
    minCacheableTokens: pick('minCacheableTokens', anthropic ? 1024 : null, anthropic ? 'minCacheableTokens 1,024' : 'minCacheableTokens unknown'),
    tier: pick('tier', 'mid', 'tier "mid"'),
    cheaperSibling: pick('cheaperSibling', null, 'no cheaper sibling'),
    tokenizer: pick('tokenizer', TOKENIZER_BY_PROVIDER[provider] ?? 'generic', `tokenizer "${TOKENIZER_BY_PROVIDER[provider] ?? 'generic'}"`),
    priceTiers: o.priceTiers ?? [],
    deprecation: o.deprecation ?? null,
    checked: o.checked ?? pricingDate,
    source: '',
  };
  entry.source = o.source ?? (assumed.length ? `user configuration (assumed: ${assumed.join('; ')})` : 'user configuration');
  return { entry, assumed };
}

function round(x: number): number {
  return Number(x.toPrecision(12));
}

let builtIn: PricingTable | null = null;

/**
 * The built-in table (models.json). It is not validated at run time: validating it cost ≈20 ms of
 * every cold start. The unit tests check that it passes `modelsFileSchema` unchanged (valid, and
 * already in the schema's output form), so what ships is what the schema would produce.
 */
export function loadDefaultPricing(): PricingTable {
  if (builtIn) return builtIn;
  const data = defaultModels as unknown as ModelsFile;
  builtIn = new PricingTable(data.models, data.pricingDate);
  return builtIn;
}

export type { ModelOverride };
