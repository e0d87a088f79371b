/**
 * Token counts for one text: exact for OpenAI's encoders, a calibrated range for the rest.
 *
 *   await ensureTokenizer('claude-2026');      // loads o200k_base once, lazily
 *   countText(systemPrompt, 'claude-2026');    // { central, low, high, exact: false }
 *
 * `countText` is synchronous and never throws: before the encoder is loaded (or if it failed to
 * load) it answers with a character-based estimate and a wider range.
 */
import type { TokenCount, TokenizerId } from '../types';
import { countWithEncoder, ensureEncoder, getEncoder, isEncoderLoaded, type EncoderName } from './encoders';
import { charEstimateO200k, profileText, ratioFor } from './estimate';
import { TokenMemo, type MemoOptions } from './memo';

const TOKENIZER_IDS: readonly TokenizerId[] = ['o200k_base', 'cl100k_base', 'claude', 'claude-2026', 'gemini', 'deepseek', 'generic'];

/** True for tokenizers counted exactly (OpenAI's public BPEs). */
export function isExactTokenizer(id: TokenizerId): id is EncoderName {
  return id === 'o200k_base' || id === 'cl100k_base';
}

/** Unknown ids (e.g. from a user's config) are treated as 'generic'. */
export function normalizeTokenizerId(id: string): TokenizerId {
  return (TOKENIZER_IDS as readonly string[]).includes(id) ? (id as TokenizerId) : 'generic';
}

/** The encoder a tokenizer counts with: its own for OpenAI, o200k_base as the base of every estimate. */
export function baseEncoderFor(id: TokenizerId): EncoderName {
  return id === 'cl100k_base' ? 'cl100k_base' : 'o200k_base';
}

const loadedListeners = new Set<(id: TokenizerId) => void>();

/**
 * Called once each time an encoder finishes loading in the background (see `ensureTokenizer`):
 * the editor re-analyses its open documents so estimated counts become exact. Returns a disposer.
 */
export function onTokenizerLoaded(listener: (id: TokenizerId) => void): () => void {
  loadedListeners.add(listener);
  return () => loadedListeners.delete(listener);
}

/** Load what `id` needs (once). Never rejects; on failure counts stay estimates. */
export function ensureTokenizer(id: TokenizerId): Promise<void> {
  const wasReady = isTokenizerReady(id);
  const p = ensureEncoder(baseEncoderFor(normalizeTokenizerId(id)));
  if (!wasReady) {
    void p.then(() => {
      if (!isTokenizerReady(id)) return;
      for (const l of [...loadedListeners]) {
        try {
          l(id);
        } catch {
          // a listener's failure is its own
        }
      }
    });
  }
  return p;
}

/** True when `countText(…, id)` can answer from a loaded encoder. */
export function isTokenizerReady(id: TokenizerId): boolean {
  return isEncoderLoaded(baseEncoderFor(normalizeTokenizerId(id)));
}

let memo = new TokenMemo<TokenCount>();

/** Replace the memo's bounds (clears it). */
export function configureTokenMemo(options: MemoOptions): void {
  memo = new TokenMemo<TokenCount>(options);
}

export function tokenMemoStats(): ReturnType<TokenMemo<TokenCount>['stats']> & { maxEntries: number; maxTotalChars: number } {
  return { ...memo.stats(), maxEntries: memo.maxEntries, maxTotalChars: memo.maxTotalChars };
}

export function clearTokenMemo(): void {
  memo.clear();
}

const ZERO: TokenCount = Object.freeze({ central: 0, low: 0, high: 0, exact: true }) as TokenCount;

function isBlank(text: string): boolean {
  return text.length === 0 || /^\s*$/u.test(text);
}

/** Exact base count (memoised); null when the encoder is not loaded. */
function baseCount(text: string, enc: EncoderName): TokenCount | null {
  const cached = memo.get(text, enc);
  if (cached) return cached;
  const encoder = getEncoder(enc);
  if (!encoder) return null;
  let result: TokenCount;
  try {
    const r = countWithEncoder(encoder, text);
    result =
      r.cuts === 0
        ? { central: r.tokens, low: r.tokens, high: r.tokens, exact: true }
        : { central: r.tokens, low: r.low, high: r.high, exact: false };
  } catch {
    return null;
  }
  memo.set(text, enc, result);
  return result;
}

/**
 * Count `text` as the tokenizer `id` would, whitespace included (used for prompt parts where a
 * blank line between two holes is real tokens). Never throws.
 */
export function countRaw(text: string, id: TokenizerId): TokenCount {
  if (text.length === 0) return { ...ZERO };
  const tid = normalizeTokenizerId(id);
  const enc = baseEncoderFor(tid);
  const base = baseCount(text, enc);
  if (isExactTokenizer(tid)) {
    if (base) return { ...base };
    return scaled(charEstimateO200k(text), tid === 'cl100k_base' ? ratioFor('cl100k_base', profileText(text)) : unit, false);
  }
  const key = tid;
  if (base) {
    const cached = memo.get(text, key);
    if (cached) return { ...cached };
  }
  const profile = profileText(text);
  const ratio = ratioFor(tid, profile);
  if (base) {
    const r = scaled(base, ratio, false);
    memo.set(text, key, r);
    return { ...r };
  }
  return scaled(charEstimateO200k(text, profile), ratio, false);
}

const unit = { low: 1, central: 1, high: 1 };

function scaled(base: { low: number; central: number; high: number }, ratio: { low: number; central: number; high: number }, exact: boolean): TokenCount {
  const low = Math.floor(base.low * ratio.low);
  const high = Math.ceil(base.high * ratio.high);
  const central = Math.min(high, Math.max(low, Math.round(base.central * ratio.central)));
  return { central, low, high, exact };
}

/**
 * Token count of `text` for tokenizer `id`. Exact (low = central = high) for o200k_base and
 * cl100k_base once their encoder is loaded; otherwise a range with `exact: false`.
 * Empty and whitespace-only text counts 0. Never throws.
 */
export function countText(text: string, id: TokenizerId): TokenCount {
  if (typeof text !== 'string' || isBlank(text)) return { ...ZERO };
  return countRaw(text, id);
}
