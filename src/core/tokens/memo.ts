/**
 * A bounded LRU memo for token counts, keyed by (tokenizer, length, 53-bit content hash).
 *
 * The texts themselves are never stored, only their hash, so an entry costs a few dozen bytes.
 * The memo is bounded twice: by entry count, and by the total length of the texts it vouches
 * for (so one workspace of huge prompt files cannot keep it full of entries that are cheap to
 * re-hash but expensive to re-count forever). A text longer than `maxTextChars` is not memoised.
 */
import { hash53 } from './hash';

export interface MemoOptions {
  /** At most this many entries (default 20,000). */
  maxEntries?: number;
  /** At most this many characters of text summed over all entries (default 16 M). */
  maxTotalChars?: number;
  /** Texts longer than this are counted but never memoised (default 4 M characters). */
  maxTextChars?: number;
}

interface Entry<V> {
  value: V;
  chars: number;
}

export class TokenMemo<V> {
  private readonly map = new Map<string, Entry<V>>();
  private chars = 0;
  private hits = 0;
  private misses = 0;
  readonly maxEntries: number;
  readonly maxTotalChars: number;
  readonly maxTextChars: number;

  constructor(options: MemoOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 20_000);
    this.maxTotalChars = Math.max(1, options.maxTotalChars ?? 16_000_000);
    this.maxTextChars = Math.max(0, Math.min(options.maxTextChars ?? 4_000_000, this.maxTotalChars));
  }

  static key(text: string, namespace: string): string {
    return `${namespace}:${text.length}:${hash53(text)}`;
  }

  get(text: string, namespace: string): V | undefined {
    if (text.length > this.maxTextChars) return undefined;
    const k = TokenMemo.key(text, namespace);
    const e = this.map.get(k);
    if (e === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.map.delete(k);
    this.map.set(k, e);
    return e.value;
  }

  set(text: string, namespace: string, value: V): void {
    if (text.length > this.maxTextChars) return;
    const k = TokenMemo.key(text, namespace);
    const old = this.map.get(k);
    if (old) {
      this.chars -= old.chars;
      this.map.delete(k);
    }
    this.map.set(k, { value, chars: text.length });
    this.chars += text.length;
    while (this.map.size > this.maxEntries || this.chars > this.maxTotalChars) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      const e = this.map.get(oldest.value)!;
      this.chars -= e.chars;
      this.map.delete(oldest.value);
    }
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
    this.hits = 0;
    this.misses = 0;
  }

  stats(): { entries: number; chars: number; hits: number; misses: number } {
    return { entries: this.map.size, chars: this.chars, hits: this.hits, misses: this.misses };
  }
}
