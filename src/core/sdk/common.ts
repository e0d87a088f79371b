/**
 * What the SDK recognizers share: reading a qualified name into client + API steps, building the
 * prompt blocks of chat-style message arrays, cache markers, and the CallSite skeleton.
 */
import type {
  BlockRole,
  CacheInsert,
  CacheMarker,
  Candidate,
  CallSite,
  InsertPoint,
  Language,
  NumberArg,
  ObjVal,
  PromptBlock,
  SdkFamily,
  Span,
  Val,
} from '../types';
import type { PricingTable } from '../pricing/table';
import { entryText, ephemeralCacheValue, insertAt } from '../text/edits';
import { asArr, asObj, dynamicSegment, entryOf, literalNumber, named, staticString, toPrompt } from './values';

export interface RecognizeContext {
  language: Language;
  text: string;
  pricing: PricingTable;
}

export type Recognizer = (c: Candidate, ctx: RecognizeContext) => CallSite | null;

const NOISE_STEPS = new Set(['with_raw_response', 'withRawResponse', 'with_streaming_response', 'withStreamingResponse']);
/** Client methods that return a configured copy of the client: `client.with_options(timeout=…).messages.create`. */
const COPY_STEPS = new Set(['with_options', 'withOptions', 'copy']);

/** A callee split into the client part (before the first call) and the API part (after it). */
export interface CalleeShape {
  module: string | null;
  /** Steps before the first call, with a leading JS `default` dropped: 'Anthropic', 'genai.Client', ''. */
  client: string;
  /** Whether the chain contains a constructor/factory call. */
  constructed: boolean;
  /** Steps after the first call (or all steps when there is none): 'messages.create'. */
  api: string;
  origin: Candidate['callee']['origin'];
}

export function shapeOf(c: Candidate): CalleeShape {
  const q = c.callee;
  const before: string[] = [];
  const after: string[] = [];
  let constructed = false;
  let skipCall = false;
  for (const step of q.path) {
    if (typeof step !== 'string') {
      if (skipCall) {
        skipCall = false;
        continue;
      }
      if (constructed) after.push('()');
      constructed = true;
      continue;
    }
    skipCall = false;
    if (NOISE_STEPS.has(step)) continue;
    if (constructed && COPY_STEPS.has(step)) {
      skipCall = true;
      continue;
    }
    (constructed ? after : before).push(step);
  }
  if (before[0] === 'default') before.shift();
  return {
    module: q.module,
    client: before.join('.'),
    constructed,
    api: (constructed ? after : before).join('.'),
    origin: q.origin,
  };
}

/** The literal model id (or null) and where it is written. */
export function modelArg(v: Val | undefined): Pick<CallSite, 'model' | 'modelSpan' | 'modelDynamic'> {
  if (!v) return { model: null, modelDynamic: false };
  const s = staticString(v);
  if (s !== null) return { model: s, modelSpan: v.span, modelDynamic: false };
  return { model: null, modelSpan: v.span, modelDynamic: true };
}

/** The first of `params` present in `obj`, as an output cap. */
export function capArg(obj: ObjVal | undefined, params: string[]): NumberArg | null {
  const e = entryOf(obj, ...params);
  if (!e) return null;
  return { value: literalNumber(e.value), param: e.key, span: e.span };
}

/** Anthropic-style `cache_control: {type: "ephemeral", ttl?}` (or AI SDK `cacheControl`) on an object. */
export function cacheMarkerOf(obj: ObjVal | undefined): CacheMarker | undefined {
  const e = entryOf(obj, 'cache_control', 'cacheControl');
  if (!e || e.value.t === 'null') return undefined;
  const ttl = staticString(named(asObj(e.value), 'ttl')) === '1h' ? '1h' : '5m';
  return { span: e.span, ttl };
}

/** AI SDK: `providerOptions: { anthropic: { cacheControl: {...} } }` (also the older `experimental_providerMetadata`). */
export function aiSdkCacheMarker(obj: ObjVal | undefined): CacheMarker | undefined {
  const po = asObj(named(obj, 'providerOptions', 'experimental_providerMetadata', 'providerMetadata'));
  return cacheMarkerOf(asObj(named(po, 'anthropic')));
}

/** An edit adding a `cache_control: {type: "ephemeral"}` entry at an object's insert point. */
export function cacheEntryEdit(insert: InsertPoint | undefined, language: Language): CacheInsert | undefined {
  if (!insert) return undefined;
  return insertAt(insert, entryText(insert, 'cache_control', ephemeralCacheValue(insert, language), language));
}

/** Replace a plain string value with a one-element text-block list carrying a cache breakpoint. */
export function wrapAsCachedBlock(value: Val, ctx: RecognizeContext, within: Span): CacheInsert | undefined {
  // Only an argument written in the call itself: wrapping a shared constant's definition would change its other uses.
  if (value.span.start < within.start || value.span.end > within.end || value.span.end <= value.span.start) return undefined;
  const expr = ctx.text.slice(value.span.start, value.span.end);
  const newText =
    ctx.language === 'python'
      ? `[{"type": "text", "text": ${expr}, "cache_control": {"type": "ephemeral"}}]`
      : `[{ type: 'text', text: ${expr}, cache_control: { type: 'ephemeral' } }]`;
  return { span: value.span, newText };
}

function roleOf(v: Val | undefined, fallback: BlockRole): BlockRole {
  const r = staticString(v);
  switch (r) {
    case 'system':
    case 'developer':
    case 'user':
    case 'assistant':
    case 'tool':
      return r;
    case 'model':
      return 'assistant';
    case 'function':
      return 'tool';
    default:
      return fallback;
  }
}

/** Blocks of one content value: a string, or a list of parts (text parts counted, others dynamic). */
export function contentBlocks(content: Val | undefined, role: BlockRole, ctx: RecognizeContext, span?: Span): PromptBlock[] {
  if (!content) return [];
  const parts = asArr(content);
  if (!parts) {
    if (content.t === 'obj') return [partBlock(content, role, ctx)];
    const block: PromptBlock = { role, value: toPrompt(content, ctx.text), span: span ?? content.span };
    return [block];
  }
  return parts.map((p) => (p.t === 'obj' ? partBlock(p, role, ctx) : { role, value: toPrompt(p, ctx.text), span: p.span }));
}

/** One content part: `{type: 'text', text}` (Anthropic/OpenAI), `{text}` (Gemini), or other media. */
function partBlock(part: ObjVal, role: BlockRole, ctx: RecognizeContext): PromptBlock {
  const type = staticString(named(part, 'type'));
  const textVal = named(part, 'text', 'input_text');
  const block: PromptBlock = {
    role,
    span: part.span,
    value:
      textVal !== undefined
        ? toPrompt(textVal, ctx.text)
        : type === null || /text/.test(type)
          ? toPrompt(part, ctx.text)
          : // images, documents, audio: their tokens are not knowable statically
            { segments: [{ kind: 'dynamic', span: part.span, expr: `${type} content`, hint: 'unknown' }] },
    cacheControl: cacheMarkerOf(part) ?? aiSdkCacheMarker(part),
  };
  if (!block.cacheControl) block.cacheInsert = cacheEntryEdit(part.insert, ctx.language);
  return block;
}

/** Chat-style `messages` (OpenAI, Anthropic, LiteLLM, AI SDK): one block per text part, in order. */
export function messageBlocks(messages: Val | undefined, ctx: RecognizeContext, defaultRole: BlockRole = 'user'): PromptBlock[] {
  if (!messages) return [];
  const items = asArr(messages);
  if (!items) return [{ role: defaultRole, value: toPrompt(messages, ctx.text), span: messages.span }];
  const out: PromptBlock[] = [];
  for (const m of items) {
    const obj = asObj(m);
    if (!obj) {
      out.push({ role: defaultRole, value: toPrompt(m, ctx.text), span: m.span });
      continue;
    }
    const role = roleOf(named(obj, 'role'), defaultRole);
    const content = named(obj, 'content', 'parts');
    const blocks = contentBlocks(content, role, ctx, obj.span);
    if (content === undefined && obj.openSpread) blocks.push({ role, value: toPrompt(m, ctx.text), span: obj.span });
    // A message-level marker (AI SDK providerOptions) ends the prefix at its last block.
    const marker = aiSdkCacheMarker(obj) ?? cacheMarkerOf(obj);
    if (marker && blocks.length) blocks[blocks.length - 1]!.cacheControl ??= marker;
    out.push(...blocks);
  }
  if (messages.t === 'arr' && messages.openSpread) {
    out.push({ role: defaultRole, value: { segments: [dynamicSegment(messages, ctx.text)] }, span: messages.span });
  }
  return out;
}

/** Tool definitions as one block (their JSON text), with a breakpoint when a tool carries cache_control. */
export function toolBlocks(tools: Val | undefined, ctx: RecognizeContext): PromptBlock[] {
  if (!tools) return [];
  const items = asArr(tools);
  if (!items) return [{ role: 'tools', value: toPrompt(tools, ctx.text), span: tools.span }];
  return items.map((t) => {
    const obj = asObj(t);
    const block: PromptBlock = { role: 'tools', value: toPrompt(t, ctx.text), span: t.span, cacheControl: cacheMarkerOf(obj) };
    if (!block.cacheControl) block.cacheInsert = cacheEntryEdit(obj?.insert, ctx.language);
    return block;
  });
}

/** The skeleton every recognizer fills in. */
export function baseSite(c: Candidate, ctx: RecognizeContext, sdk: SdkFamily, provider: string, api: string): CallSite {
  return {
    language: ctx.language,
    span: c.span,
    sdk,
    provider,
    api,
    model: null,
    modelDynamic: false,
    maxTokens: null,
    capParam: null,
    capRequired: false,
    capInsert: c.args.named.insert,
    optionsInsert: c.args.named.insert,
    blocks: [],
    openArgs: c.args.named.openSpread,
    batch: false,
    stream: false,
    batchAvailable: false,
    context: c.context,
  };
}

/** For an unknown-origin receiver: accept only when the model literal names a known provider's model. */
export function unmistakableModel(modelVal: Val | undefined, ctx: RecognizeContext, providers: string[]): boolean {
  const id = staticString(modelVal);
  if (!id) return false;
  const entry = ctx.pricing.lookup(id);
  return !!entry && providers.includes(entry.provider);
}
