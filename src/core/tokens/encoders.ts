/**
 * The exact BPE encoders (OpenAI's o200k_base and cl100k_base through `js-tiktoken/lite`), loaded
 * lazily and once. Nothing here runs at import time: the rank tables (≈2–4 MB of base64 text) are
 * fetched with a dynamic `import()` only when `ensureEncoder` is first awaited, so activation and
 * the typing path never pay for them before a count is needed.
 *
 * `countExact` guards js-tiktoken's two cost traps:
 *  - its byte-pair merge is quadratic in the length of one pre-tokenizer piece (2,000 identical
 *    letters take about a second; 512 take ≈15–45 ms), so runs of ≥ LONG_RUN same-class characters are cut into
 *    slices (±1 token per cut), or estimated from their length when there are many; the count
 *    then carries a range and is no longer marked exact;
 *  - very long texts are counted chunk by chunk, split only where no pre-tokenizer piece can cross
 *    the split (a space after a non-space character, or a letter/digit after a line break), so
 *    chunking alone never changes the count.
 */
import type { Tiktoken } from 'js-tiktoken/lite' with { 'resolution-mode': 'import' };

export type EncoderName = 'o200k_base' | 'cl100k_base';

interface RankTable {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

const encoders = new Map<EncoderName, Tiktoken>();
const loading = new Map<EncoderName, Promise<void>>();
const failures = new Map<EncoderName, string>();

function pickRanks(mod: unknown): RankTable | null {
  // ESM default export, CJS module.exports, or a bundler's double-wrapped default.
  const candidates: unknown[] = [];
  const m = mod as { default?: unknown } | null;
  if (m && typeof m === 'object') {
    candidates.push(m.default, (m.default as { default?: unknown } | undefined)?.default, m);
  }
  for (const c of candidates) {
    const r = c as Partial<RankTable> | undefined;
    if (r && typeof r === 'object' && typeof r.bpe_ranks === 'string' && typeof r.pat_str === 'string') {
      return r as RankTable;
    }
  }
  return null;
}

/**
 * Where rank tables come from. The CLI and the extension load them from files shipped beside
 * their bundle (so the 3.4 MB of rank data is not part of the bundle V8 parses at start-up);
 * without a loader (tests, tsx) they are imported from js-tiktoken.
 */
export type RankLoader = (name: EncoderName) => Promise<unknown>;
let rankLoader: RankLoader | null = null;

export function setRankLoader(loader: RankLoader | null): void {
  rankLoader = loader;
}

async function importRanks(name: EncoderName): Promise<unknown> {
  if (rankLoader) return rankLoader(name);
  // Literal specifiers so bundlers see each table (they are marked external in our bundles).
  switch (name) {
    case 'o200k_base':
      return import('js-tiktoken/ranks/o200k_base');
    case 'cl100k_base':
      return import('js-tiktoken/ranks/cl100k_base');
  }
}

/**
 * js-tiktoken keeps two tables: `rankMap` (bytes → rank, what encoding needs) and `textMap`
 * (rank → bytes, only for decode). The second holds ~200k small Uint8Arrays: ≈47 MB of the ≈67 MB
 * of heap an o200k encoder retains. We never decode, so it is released (measured in
 * bench/tokenizers.ts; docs/tokens.md). Decoding with this encoder is therefore not supported.
 */
function dropDecodeTable(enc: Tiktoken): void {
  const e = enc as unknown as { textMap?: unknown };
  if (e.textMap instanceof Map) e.textMap = new Map<number, Uint8Array>();
}

const B64 = new Int16Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (B64[c.charCodeAt(0)] = i));
B64['-'.charCodeAt(0)] = 62; // base64url, as base64-js accepts
B64['_'.charCodeAt(0)] = 63;

/** The bytes of one base64 token as js-tiktoken's rank key: `bytes.join(',')` (no Uint8Array in between). */
function rankKey(token: string): string {
  let len = token.length;
  while (len > 0 && token.charCodeAt(len - 1) === 61 /* = */) len--;
  // Collect the bytes and join once: a key built by `+=` is a rope (ConsString) of many small
  // nodes, and 200k of them retained ≈ 40 MB more heap than flat strings (bench/tokenizers.ts).
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const c = token.charCodeAt(i);
    acc = (acc << 6) | (c < 128 ? Math.max(0, B64[c]!) : 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return bytes.length === 1 ? String(bytes[0]) : bytes.join(',');
}

/**
 * js-tiktoken's constructor decodes the rank table through an object of 200k base64 keys, a
 * Uint8Array per token and the decode-only `textMap` — about 80% of the first analysis of a cold
 * process (bench/run.ts). Build the same `rankMap` (same keys, same ranks; later duplicates win,
 * as there) in one pass instead, and no `textMap` (never used: we do not decode).
 */
async function construct(Ctor: typeof Tiktoken, ranks: RankTable): Promise<Tiktoken> {
  const enc = new Ctor({ ...ranks, bpe_ranks: '' });
  const map = (enc as unknown as { rankMap?: unknown }).rankMap;
  if (!(map instanceof Map)) return new Ctor(ranks);
  const bpe = ranks.bpe_ranks;
  // Yield to the event loop every few milliseconds: in the editor this load runs beside typing,
  // and one 0.5 s block would freeze the extension host.
  let sliceStart = now();
  for (let start = 0; start < bpe.length; ) {
    let end = bpe.indexOf('\n', start);
    if (end < 0) end = bpe.length;
    if (end > start) {
      const parts = bpe.slice(start, end).split(' ');
      const offset = Number.parseInt(parts[1]!, 10);
      for (let i = 2; i < parts.length; i++) {
        map.set(rankKey(parts[i]!), offset + i - 2);
        if ((i & 1023) === 0 && now() - sliceStart > YIELD_AFTER_MS) {
          await yieldToEventLoop();
          sliceStart = now();
        }
      }
    }
    start = end + 1;
  }
  return enc;
}

/** Longest stretch of encoder-building work between two yields. */
const YIELD_AFTER_MS = 8;

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Load one encoder (once; concurrent callers share the same promise). Never rejects. */
export function ensureEncoder(name: EncoderName): Promise<void> {
  if (encoders.has(name)) return Promise.resolve();
  let p = loading.get(name);
  if (!p) {
    p = (async () => {
      try {
        // Not on the caller's turn: reading the rank table (a 2 MB module) is synchronous, and an
        // editor that does not wait for the encoder must publish its first, estimated diagnostics first.
        await yieldToEventLoop();
        const [lite, mod] = await Promise.all([import('js-tiktoken/lite'), importRanks(name)]);
        const ranks = pickRanks(mod);
        const Ctor = (lite as { Tiktoken?: typeof Tiktoken }).Tiktoken
          ?? (lite as { default?: { Tiktoken?: typeof Tiktoken } }).default?.Tiktoken;
        if (!ranks || !Ctor) throw new Error(`js-tiktoken ${name} rank table not found`);
        const enc = await construct(Ctor, ranks);
        dropDecodeTable(enc);
        encoders.set(name, enc);
        failures.delete(name);
      } catch (e) {
        failures.set(name, e instanceof Error ? e.message : String(e));
      } finally {
        loading.delete(name);
      }
    })();
    loading.set(name, p);
  }
  return p;
}

export function isEncoderLoaded(name: EncoderName): boolean {
  return encoders.has(name);
}

/** Why the last load of `name` failed, if it did (the counts then fall back to estimates). */
export function encoderLoadError(name: EncoderName): string | null {
  return failures.get(name) ?? null;
}

/** Forget loaded encoders (tests and benchmarks only). */
export function unloadEncoders(): void {
  encoders.clear();
  failures.clear();
}

export function getEncoder(name: EncoderName): Tiktoken | null {
  return encoders.get(name) ?? null;
}

/** Runs of this many same-class characters are sliced (see the file comment). */
export const LONG_RUN = 512;
const SLICE = 256;
/** Texts longer than this are counted in chunks of about this size. */
export const DEFAULT_CHUNK = 64 * 1024;

const LONG_RUN_RE = new RegExp(
  `[\\p{L}\\p{M}]{${LONG_RUN},}|[^\\s\\p{L}\\p{N}]{${LONG_RUN},}|[^\\S\\r\\n]{${LONG_RUN},}|[\\r\\n]{${LONG_RUN},}`,
  'gu',
);

function isWs(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || /\s/u.test(c);
}

function isAlnum(c: string): boolean {
  return /[\p{L}\p{N}]/u.test(c);
}

/**
 * A split point at or before `at` (and after `min`) such that no o200k/cl100k pre-tokenizer piece
 * crosses it; -1 when there is none in that window.
 */
export function safeSplitBefore(text: string, at: number, min: number): number {
  for (let i = at; i > min; i--) {
    const prev = text[i - 1]!;
    const cur = text[i]!;
    // Never split a UTF-16 surrogate pair.
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (cur === ' ' && !isWs(prev)) return i;
    if (prev === '\n' && isAlnum(cur)) return i;
  }
  return -1;
}

export interface ExactResult {
  tokens: number;
  /** Bounds: equal to `tokens` unless long runs were cut or estimated. */
  low: number;
  high: number;
  /** Number of places where a long run was cut or estimated (0 = the count is exact). */
  cuts: number;
}

/** Above this many slices in one chunk, long runs are estimated from their length instead. */
const MAX_SLICES_PER_CHUNK = 16;

function encodeLen(enc: Tiktoken, text: string): number {
  return text.length === 0 ? 0 : enc.encode(text, [], []).length;
}

/** Count one chunk, slicing (or, past a budget, estimating) pathological long runs. */
function countChunk(enc: Tiktoken, text: string): ExactResult {
  LONG_RUN_RE.lastIndex = 0;
  const runs: Array<{ index: number; text: string }> = [];
  let slices = 0;
  for (let m = LONG_RUN_RE.exec(text); m !== null; m = LONG_RUN_RE.exec(text)) {
    runs.push({ index: m.index, text: m[0] });
    slices += Math.ceil(m[0].length / SLICE);
  }
  if (runs.length === 0) {
    const n = encodeLen(enc, text);
    return { tokens: n, low: n, high: n, cuts: 0 };
  }
  const estimate = slices > MAX_SLICES_PER_CHUNK;
  const sliceMemo = new Map<string, number>();
  let tokens = 0;
  let low = 0;
  let high = 0;
  let cuts = 0;
  let last = 0;
  const exact = (n: number): void => {
    tokens += n;
    low += n;
    high += n;
  };
  for (const run of runs) {
    exact(encodeLen(enc, text.slice(last, run.index)));
    cuts++;
    if (estimate) {
      // Repeated or random characters: between ~8 characters per token (runs of one character)
      // and 1 (random symbols).
      const len = run.text.length;
      tokens += Math.round(len / 3.5);
      low += Math.floor(len / 8);
      high += len;
    } else {
      for (let i = 0; i < run.text.length; ) {
        let end = Math.min(run.text.length, i + SLICE);
        const c = run.text.charCodeAt(end - 1);
        if (end < run.text.length && c >= 0xd800 && c <= 0xdbff) end++; // keep surrogate pairs whole
        const slice = run.text.slice(i, end);
        let n = sliceMemo.get(slice);
        if (n === undefined) {
          n = encodeLen(enc, slice);
          sliceMemo.set(slice, n);
        }
        tokens += n;
        low += Math.max(0, n - 1);
        high += n + 1;
        cuts++;
        i = end;
      }
    }
    last = run.index + run.text.length;
  }
  exact(encodeLen(enc, text.slice(last)));
  return { tokens, low: Math.max(0, low), high, cuts };
}

/** Exact count with a loaded encoder, chunked for long texts. */
export function countWithEncoder(enc: Tiktoken, text: string, chunk = DEFAULT_CHUNK): ExactResult {
  let tokens = 0;
  let low = 0;
  let high = 0;
  let cuts = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.length;
    if (end - start > chunk) {
      const target = start + chunk;
      end = safeSplitBefore(text, target, start + (chunk >> 1));
      if (end < 0) {
        end = target; // no safe point: hard cut (rare: one enormous word), ±1 token
        const c = text.charCodeAt(end);
        if (c >= 0xdc00 && c <= 0xdfff) end++;
        cuts++;
        low -= 1;
        high += 1;
      }
    }
    const r = countChunk(enc, text.slice(start, end));
    tokens += r.tokens;
    low += r.low;
    high += r.high;
    cuts += r.cuts;
    start = end;
  }
  return { tokens, low: Math.max(0, Math.min(low, tokens)), high: Math.max(high, tokens), cuts };
}
