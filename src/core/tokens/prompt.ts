/**
 * A request's input tokens: the prompt blocks' text plus each provider's per-message framing.
 *
 * OpenAI (chat completions, and the Responses API which frames messages the same way): every
 * message costs 3 tokens plus its role, plus its name and 1 more when it has one, and every reply
 * is primed with 3 tokens (the rule of OpenAI's cookbook "How to count tokens with tiktoken",
 * `num_tokens_from_messages`). Anthropic and Gemini do not publish theirs: a small estimated
 * overhead per message (see docs/tokens.md), plus, for Anthropic, the documented tool-use system
 * prompt when tools are present.
 */
import type { BlockRole, CallSite, PromptBlock, Segment, TokenCount, TokenizerId } from '../types';
import { countRaw, isExactTokenizer, normalizeTokenizerId } from './count';

export type FramingStyle = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini' | 'plain';

/** A prompt block, optionally with the message's `name` (OpenAI chat), which adds to the framing. */
export type CountableBlock = PromptBlock & { name?: string };

export interface PromptCount {
  /** Everything: blocks, framing and reply priming. */
  total: TokenCount;
  /** Per block, its framing included (reply priming and request-level overhead are only in `total`). */
  perBlock: TokenCount[];
  /** Some segment is only known at run time. */
  dynamic: boolean;
  /** Some dynamic segment has no `maxTokens`: `high` does not bound the run-time size. */
  unbounded: boolean;
  /** The framing part of `total` (message overhead, priming, tool-use system prompt). */
  framing: TokenCount;
}

interface Range {
  low: number;
  central: number;
  high: number;
}

/** Per-style framing constants (tokens). */
export const FRAMING = {
  openai: { perMessage: 3, perName: 1, replyPriming: 3 },
  /** Estimated: role markers around each message; request-level overhead; system block. */
  anthropic: {
    perMessage: { low: 3, central: 4, high: 7 },
    system: { low: 0, central: 3, high: 6 },
    request: { low: 1, central: 3, high: 7 },
    /**
     * The tool-use system prompt Anthropic adds when `tools` is present ("Tool use pricing and
     * tokens" page): Claude 4.x 346 (tool_choice auto/none) or 313 (any/tool); Claude 3 models
     * 159 (3 Sonnet, auto) … 530 (3 Opus, auto).
     */
    toolUseSystemPrompt: { low: 159, central: 346, high: 530 },
  },
  /** Estimated: Gemini's countTokens reports almost no framing for a text turn. */
  gemini: {
    perMessage: { low: 0, central: 2, high: 5 },
    system: { low: 0, central: 2, high: 5 },
  },
  /** OpenAI renders tool schemas into its own compact format: JSON text is an upper-ish bound. */
  openaiToolsVsJson: { low: 0.5, central: 1.0, high: 1.15, extra: { low: 0, central: 8, high: 16 } },
} as const;

function zero(): Range & { exact: boolean } {
  return { low: 0, central: 0, high: 0, exact: true };
}

function add(acc: Range & { exact: boolean }, c: Range, exact = true): void {
  acc.low += c.low;
  acc.central += c.central;
  acc.high += c.high;
  if (!exact || c.low !== c.high) acc.exact = false;
}

function constant(n: number): Range {
  return { low: n, central: n, high: n };
}

function finish(r: Range & { exact: boolean }): TokenCount {
  const low = Math.max(0, Math.floor(r.low));
  const high = Math.max(low, Math.ceil(r.high));
  const central = Math.min(high, Math.max(low, Math.round(r.central)));
  const exact = r.exact && low === high;
  return { central, low, high, exact };
}

interface ContentCount {
  count: Range & { exact: boolean };
  dynamic: boolean;
  unbounded: boolean;
}

function finite(n: unknown): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

/** Static runs are counted joined (BPE merges across adjacent static segments); holes add their bounds. */
function countSegments(segments: readonly Segment[] | undefined, id: TokenizerId): ContentCount {
  const out: ContentCount = { count: zero(), dynamic: false, unbounded: false };
  if (!Array.isArray(segments)) return out;
  let run = '';
  const flush = (): void => {
    if (run.length > 0) {
      const c = countRaw(run, id);
      add(out.count, c, c.exact);
      run = '';
    }
  };
  for (const s of segments) {
    if (!s || typeof s !== 'object') continue;
    if (s.kind === 'static') {
      if (typeof s.text === 'string') run += s.text;
      continue;
    }
    flush();
    out.dynamic = true;
    const min = finite(s.minTokens);
    const max = finite(s.maxTokens);
    if (max === null) out.unbounded = true;
    const lo = min ?? 0;
    const hi = Math.max(lo, max ?? lo);
    // A hole of unknown size adds nothing to the static count (the report says `dynamic`), so an
    // exact static count stays exact; a hole with bounds makes the count a range.
    add(out.count, { low: lo, central: lo, high: hi }, lo === hi);
  }
  flush();
  return out;
}

function roleTokens(role: string, id: TokenizerId): Range & { exact: boolean } {
  const c = countRaw(role, id);
  return { low: c.low, central: c.central, high: c.high, exact: c.exact };
}

function isOpenAi(style: FramingStyle): boolean {
  return style === 'openai-chat' || style === 'openai-responses';
}

/**
 * Count a request's prompt: static text exactly (or as a calibrated range), dynamic holes by
 * their `minTokens`/`maxTokens` when known (else 0, and `dynamic: true`), plus the framing of
 * `style`. Blocks with role 'tools' hold tool definitions as JSON text. Never throws.
 */
export function countPrompt(blocks: readonly CountableBlock[], id: TokenizerId, style: FramingStyle): PromptCount {
  const tid = normalizeTokenizerId(id);
  const exactTok = isExactTokenizer(tid);
  const perBlock: TokenCount[] = [];
  const total = zero();
  const framing = zero();
  let dynamic = false;
  let unbounded = false;
  let messages = 0;
  let hasTools = false;

  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (!block || typeof block !== 'object') {
      perBlock.push(finish(zero()));
      continue;
    }
    const content = countSegments(block.value?.segments, tid);
    dynamic ||= content.dynamic;
    unbounded ||= content.unbounded;
    const b = zero();
    add(b, content.count, content.count.exact);
    const f = zero();
    const role: BlockRole | string = block.role;

    if (role === 'tools') {
      hasTools = true;
      if (isOpenAi(style)) {
        // Tool schemas are re-rendered by OpenAI: JSON text is an estimate, never exact.
        const k = FRAMING.openaiToolsVsJson;
        const c = content.count;
        const adj = { low: c.low * k.low - c.low, central: c.central * k.central - c.central, high: c.high * k.high - c.high };
        add(f, { low: adj.low + k.extra.low, central: adj.central + k.extra.central, high: adj.high + k.extra.high }, false);
      }
    } else if (isOpenAi(style)) {
      messages++;
      add(f, constant(FRAMING.openai.perMessage));
      add(f, roleTokens(role, tid), exactTok);
      const name = (block as CountableBlock).name;
      if (typeof name === 'string' && name.length > 0) {
        add(f, countRaw(name, tid));
        add(f, constant(FRAMING.openai.perName));
      }
    } else if (style === 'anthropic') {
      messages++;
      add(f, role === 'system' ? FRAMING.anthropic.system : FRAMING.anthropic.perMessage, false);
    } else if (style === 'gemini') {
      messages++;
      add(f, role === 'system' ? FRAMING.gemini.system : FRAMING.gemini.perMessage, false);
    }
    add(b, f, f.exact);
    add(framing, f, f.exact);
    add(total, b, b.exact);
    perBlock.push(finish(b));
  }

  // Request-level framing.
  const req = zero();
  if (isOpenAi(style) && messages > 0) add(req, constant(FRAMING.openai.replyPriming));
  if (style === 'anthropic' && (messages > 0 || hasTools)) {
    add(req, FRAMING.anthropic.request, false);
    if (hasTools) add(req, FRAMING.anthropic.toolUseSystemPrompt, false);
  }
  add(framing, req, req.exact);
  add(total, req, req.exact);

  return { total: finish(total), perBlock, dynamic, unbounded, framing: finish(framing) };
}

/**
 * The fixed part of OpenAI's per-message rule: 3 per message, 1 per named message, 3 reply
 * priming. The role, name and content text tokens come on top (`countPrompt` adds them).
 */
export function countMessagesFraming(messageCount: number, namedMessages = 0): number {
  const n = Math.max(0, Math.floor(messageCount));
  if (n === 0) return 0;
  return n * FRAMING.openai.perMessage + Math.max(0, Math.floor(namedMessages)) * FRAMING.openai.perName + FRAMING.openai.replyPriming;
}

/**
 * The framing style of a call site: by API for the first-party SDKs, by billing provider for the
 * multi-provider ones (Vercel AI SDK, LangChain, LiteLLM). OpenAI-compatible providers (DeepSeek,
 * Groq, Together, …) frame like OpenAI chat.
 */
export function framingStyleFor(site: Pick<CallSite, 'sdk' | 'api' | 'provider'>): FramingStyle {
  const api = typeof site.api === 'string' ? site.api : '';
  switch (site.sdk) {
    case 'anthropic':
      return 'anthropic';
    case 'google-genai':
    case 'google-generativeai':
      return 'gemini';
    case 'openai':
      if (api.startsWith('responses')) return 'openai-responses';
      if (api === 'completions.create' || api.startsWith('embeddings')) return 'plain';
      return 'openai-chat';
    default: {
      const p = (site.provider ?? '').toLowerCase();
      if (p === 'anthropic' || p === 'bedrock') return 'anthropic';
      if (p === 'google' || p === 'vertex' || p === 'gemini') return 'gemini';
      return 'openai-chat';
    }
  }
}
