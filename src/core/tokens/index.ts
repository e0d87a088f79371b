/**
 * Token counting (DESIGN.md §4): exact js-tiktoken counts for OpenAI's encoders, calibrated
 * ranges for Claude, Gemini, DeepSeek and the rest, per-provider message framing, and a bounded
 * memo keyed by content hash. Encoders load lazily (`ensureTokenizer`), never at import time.
 */
export {
  countText,
  countRaw,
  ensureTokenizer,
  isTokenizerReady,
  onTokenizerLoaded,
  isExactTokenizer,
  normalizeTokenizerId,
  baseEncoderFor,
  configureTokenMemo,
  clearTokenMemo,
  tokenMemoStats,
} from './count';
export { countPrompt, countMessagesFraming, framingStyleFor, FRAMING, type FramingStyle, type PromptCount, type CountableBlock } from './prompt';
export {
  classifyText,
  profileText,
  ratioFor,
  charEstimateO200k,
  RATIOS,
  CHARS_PER_TOKEN,
  TOKENS_PER_NONLATIN_CHAR,
  TOKENS_PER_ALPHABETIC_CHAR,
  TOKENS_PER_WIDE_UNIT,
  CHARS_PER_TOKEN_REPEATED,
  type ContentClass,
  type ContentProfile,
  type Ratio,
} from './estimate';
export {
  ensureEncoder,
  setRankLoader,
  type RankLoader,
  isEncoderLoaded,
  encoderLoadError,
  unloadEncoders,
  countWithEncoder,
  getEncoder,
  safeSplitBefore,
  LONG_RUN,
  DEFAULT_CHUNK,
  type EncoderName,
  type ExactResult,
} from './encoders';
export { TokenMemo, type MemoOptions } from './memo';
export { hash53 } from './hash';
