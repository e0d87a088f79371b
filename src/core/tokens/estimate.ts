/**
 * Calibrated estimates for tokenizers without a public encoder (Claude, Gemini, DeepSeek, …).
 *
 * Each estimate is the exact o200k_base count times a ratio that depends on what the text is
 * made of. A single cheap pass over the text measures three content classes:
 *   - prose: Latin-script natural language,
 *   - code: text dense in code punctuation ({}[]()<>=;_|&*+/\\$#@`),
 *   - cjk: CJK, Hangul, kana and other non-Latin scripts (Cyrillic, Greek, Arabic, …),
 * and the ratio (low, central, high) is the blend of the per-class ratios weighted by each class's
 * share of the text. Where the sources behind every number come from is in docs/tokens.md.
 */
import type { TokenizerId } from '../types';

export type ContentClass = 'prose' | 'code' | 'cjk';

export interface Ratio {
  low: number;
  central: number;
  high: number;
}

export interface ContentProfile {
  /** UTF-16 length. */
  length: number;
  /** Characters that are neither whitespace nor non-Latin script. */
  latin: number;
  /** Characters of non-Latin scripts (dense CJK/Hangul/kana plus alphabetic ones). */
  nonLatin: number;
  /** The dense part of `nonLatin`: CJK ideographs, kana, Hangul, fullwidth forms. */
  dense: number;
  /** UTF-16 units of emoji and other astral/symbol characters (part of `latin`). */
  wide: number;
  /** Share of the text that is non-Latin script (0…1). */
  cjkShare: number;
  /** How code-like the Latin part is (0 = prose, 1 = code). */
  codeScore: number;
  /** The dominant class. */
  dominant: ContentClass;
}

/** Ratios to the exact o200k_base count, per tokenizer and content class. */
export const RATIOS: Record<Exclude<TokenizerId, 'o200k_base'>, Record<ContentClass, Ratio>> = {
  // Claude 3 … 4.6 vs GPT-4o (VentureBeat): English +16 %, math +21 %, Python +30 %; ~10–30 % on code;
  // o200k × 1.15 "consistently underestimates"; users settled on ×1.25.
  claude: {
    prose: { low: 1.1, central: 1.16, high: 1.3 },
    code: { low: 1.15, central: 1.28, high: 1.4 },
    cjk: { low: 1.0, central: 1.25, high: 1.6 },
  },
  // Opus 4.7+, Claude 5.x, Haiku 5.5: the 4.6 ratio × the new tokenizer's inflation
  // (English prose ≈1.45×, TypeScript ≈1.13×, Python ≈1.20×, CJK/Cyrillic ≈1.00×; Anthropic: 1.0–1.35×).
  'claude-2026': {
    prose: { low: 1.3, central: 1.62, high: 1.9 },
    code: { low: 1.3, central: 1.5, high: 1.68 },
    cjk: { low: 1.0, central: 1.25, high: 1.6 },
  },
  // Gemini (SentencePiece, 256k vocabulary): ≈ o200k × 1.08 on English.
  gemini: {
    prose: { low: 0.95, central: 1.08, high: 1.25 },
    code: { low: 1.0, central: 1.12, high: 1.35 },
    cjk: { low: 0.8, central: 1.0, high: 1.25 },
  },
  // DeepSeek V3/V4 (128k BPE). DeepSeek's own rule of thumb: 1 English char ≈ 0.3 token,
  // 1 Chinese char ≈ 0.6 token (o200k: ≈0.75 token per Chinese char).
  deepseek: {
    prose: { low: 0.95, central: 1.08, high: 1.35 },
    code: { low: 0.95, central: 1.05, high: 1.3 },
    cjk: { low: 0.65, central: 0.8, high: 1.05 },
  },
  // Unknown tokenizer: o200k with a wide band.
  generic: {
    prose: { low: 0.85, central: 1.1, high: 1.5 },
    code: { low: 0.85, central: 1.15, high: 1.6 },
    cjk: { low: 0.7, central: 1.1, high: 1.7 },
  },
  // Only used when the cl100k encoder is not loaded yet: cl100k vs o200k.
  cl100k_base: {
    prose: { low: 0.98, central: 1.0, high: 1.06 },
    code: { low: 0.98, central: 1.02, high: 1.12 },
    cjk: { low: 1.0, central: 1.3, high: 1.8 },
  },
};

/** o200k_base characters per token (UTF-16 units incl. whitespace), for the no-encoder fallback. */
export const CHARS_PER_TOKEN: Record<'prose' | 'code', Ratio> = {
  prose: { low: 3.0, central: 4.4, high: 6.2 },
  code: { low: 2.4, central: 3.2, high: 4.8 },
};
/** o200k_base characters per token inside runs of one repeated ASCII character (≥ 8). */
export const CHARS_PER_TOKEN_REPEATED: Ratio = { low: 4, central: 12, high: 32 };
const REPEAT_RE = /([\x20-\x7e])\1{7,}/g;

/** o200k_base tokens per CJK/kana/Hangul character, for the no-encoder fallback. */
export const TOKENS_PER_NONLATIN_CHAR: Ratio = { low: 0.45, central: 0.8, high: 1.3 };
/** o200k_base tokens per character of other non-Latin scripts (Cyrillic ≈0.2, Indic up to ≈0.6). */
export const TOKENS_PER_ALPHABETIC_CHAR: Ratio = { low: 0.14, central: 0.3, high: 0.7 };

/** o200k_base tokens per UTF-16 unit of emoji (incl. ZWJ sequences) and symbols. */
export const TOKENS_PER_WIDE_UNIT: Ratio = { low: 0.4, central: 0.8, high: 1.6 };

function isDense(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x9fff) || // CJK radicals, punctuation, kana, ideographs
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7ff) || // Hangul
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff00 && c <= 0xffef) || // fullwidth forms
    (c >= 0x1100 && c <= 0x11ff) // Hangul jamo
  );
}

const CODE_SYMBOLS = new Set('{}[]()<>=;_|&*+/\\$#@`'.split('').map((c) => c.charCodeAt(0)));

function isNonLatin(c: number): boolean {
  // Below Greek: Latin (incl. Latin-1 and Extended, IPA, combining marks).
  if (c < 0x0370) return false;
  // General punctuation, letterlike symbols, arrows, math, box drawing: treat as Latin-ish text.
  if (c >= 0x2000 && c <= 0x2bff) return false;
  // Latin Extended Additional.
  if (c >= 0x1e00 && c <= 0x1eff) return false;
  // Surrogates (emoji and rare CJK): emoji are symbols, cheap to count as Latin-ish.
  if (c >= 0xd800 && c <= 0xdfff) return false;
  // Variation selectors, specials.
  if (c >= 0xfe00 && c <= 0xfe0f) return false;
  return true;
}

/** One pass over the text; cheap enough to run on every count. */
export function profileText(text: string): ContentProfile {
  let latin = 0;
  let nonLatin = 0;
  let dense = 0;
  let wide = 0;
  let symbols = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) continue;
    if (c < 0x80) {
      latin++;
      if (CODE_SYMBOLS.has(c)) symbols++;
    } else if (isNonLatin(c)) {
      nonLatin++;
      if (isDense(c)) dense++;
    } else {
      latin++;
      if ((c >= 0xd800 && c <= 0xdfff) || c === 0x200d || c === 0xfe0f || (c >= 0x2600 && c <= 0x27bf)) wide++;
    }
  }
  const visible = latin + nonLatin;
  const cjkShare = visible === 0 ? 0 : nonLatin / visible;
  // Prose carries 0–2 % of these symbols, code 8–25 %.
  const density = latin === 0 ? 0 : symbols / latin;
  const codeScore = Math.max(0, Math.min(1, (density - 0.02) / 0.08));
  let dominant: ContentClass = 'prose';
  if (cjkShare >= 0.5) dominant = 'cjk';
  else if (codeScore >= 0.5) dominant = 'code';
  return { length: text.length, latin, nonLatin, dense, wide, cjkShare, codeScore, dominant };
}

/** The dominant content class of a text. */
export function classifyText(text: string): ContentClass {
  return profileText(text).dominant;
}

function blend3(t: Record<ContentClass, Ratio>, p: ContentProfile, k: keyof Ratio): number {
  const latinPart = p.codeScore * t.code[k] + (1 - p.codeScore) * t.prose[k];
  return p.cjkShare * t.cjk[k] + (1 - p.cjkShare) * latinPart;
}

/** The blended ratio to o200k_base for a text of this profile. */
export function ratioFor(id: Exclude<TokenizerId, 'o200k_base'>, p: ContentProfile): Ratio {
  const t = RATIOS[id];
  return { low: blend3(t, p, 'low'), central: blend3(t, p, 'central'), high: blend3(t, p, 'high') };
}

/**
 * o200k_base tokens estimated from characters alone (no encoder loaded). Deliberately wide.
 * Whitespace is part of the Latin share (o200k merges runs of it into few tokens).
 */
export function charEstimateO200k(text: string, p: ContentProfile = profileText(text)): Ratio {
  const visible = p.latin + p.nonLatin;
  if (visible === 0) return { low: 0, central: 0, high: 0 };
  // Runs of one repeated character (rules, table separators, indentation) merge into long tokens.
  let repeated = 0;
  REPEAT_RE.lastIndex = 0;
  for (let m = REPEAT_RE.exec(text); m !== null; m = REPEAT_RE.exec(text)) repeated += m[0].length;
  // Latin characters plus whitespace, i.e. everything that is not non-Latin script.
  const latinish = Math.max(0, text.length - p.nonLatin - p.wide - repeated);
  const est = (k: keyof Ratio, cptK: keyof Ratio): number => {
    const cpt = p.codeScore * CHARS_PER_TOKEN.code[cptK] + (1 - p.codeScore) * CHARS_PER_TOKEN.prose[cptK];
    return latinish / cpt + repeated / CHARS_PER_TOKEN_REPEATED[cptK] + p.wide * TOKENS_PER_WIDE_UNIT[k] + p.dense * TOKENS_PER_NONLATIN_CHAR[k] + (p.nonLatin - p.dense) * TOKENS_PER_ALPHABETIC_CHAR[k];
  };
  // Fewer tokens when characters per token is high.
  return {
    low: Math.max(1, Math.floor(est('low', 'high'))),
    central: Math.max(1, Math.round(est('central', 'central'))),
    high: Math.max(1, Math.ceil(est('high', 'low'))),
  };
}
