import type { DynamicHint, Fix, PromptBlock, Segment, Span } from '../../types';
import type { AnalyzedCall, Rule, RuleContext } from '../types';
import { countText } from '../../tokens';
import { tokenizerFor } from '../../analysis';
import { costWith, formatTokens, isAnthropicBilled, money, perCallAndMonth, perCallText, within } from '../util';

const HINT_TEXT: Record<DynamicHint, string> = {
  time: 'a time value',
  uuid: 'a random id',
  id: 'an id',
  user: 'user data',
  random: 'a random value',
  unknown: 'a run-time value',
};

/** A piece of the cache prefix in order: static text (with its tokens) or a run-time hole. */
type Piece = { kind: 'static'; tokens: number; block: number } | { kind: 'dynamic'; seg: Extract<Segment, { kind: 'dynamic' }>; block: number };

/**
 * How many leading blocks form the prefix a cache serves (or could serve):
 * - Anthropic (explicit breakpoints): up to the last breakpoint; with top-level automatic caching
 *   every block; with no breakpoint, everything but the final user message (what a breakpoint
 *   would cover).
 * - OpenAI / Gemini / DeepSeek / AI SDK on other providers (automatic prefix caching): the leading
 *   tools, system and developer blocks (`instructions`, `system`, system messages).
 */
export function cacheRegionEnd(call: AnalyzedCall): number {
  const blocks = call.site.blocks;
  if (call.site.sdk === 'anthropic' || isAnthropicBilled(call)) {
    if (call.site.topLevelCache) return blocks.length;
    let last = -1;
    blocks.forEach((b, i) => {
      if (b.cacheControl) last = i;
    });
    if (last >= 0) return last + 1;
    return blocks.length > 1 && blocks[blocks.length - 1]!.role === 'user' ? blocks.length - 1 : blocks.length;
  }
  let end = 0;
  while (end < blocks.length && ['tools', 'system', 'developer'].includes(blocks[end]!.role)) end++;
  return end;
}

export function piecesOf(call: AnalyzedCall, end: number): Piece[] {
  const tokenizer = tokenizerFor(call.model, call.site);
  const out: Piece[] = [];
  for (let i = 0; i < end; i++) {
    const bt = call.blocks[i];
    if (!bt) break;
    if (!bt.dynamic) {
      out.push({ kind: 'static', tokens: bt.tokens.central, block: i });
      continue;
    }
    const segs = bt.block.value.segments;
    // A whole block that is one unresolved value of no telling kind (`tools=TOOLS`, a prompt file
    // that could not be read, an imported constant) is most likely the same on every call: it
    // neither breaks nor starts a run. Interpolated holes and hinted values (time, ids, user data)
    // change per call.
    if (segs.length === 1 && segs[0]!.kind === 'dynamic' && segs[0]!.hint === 'unknown') continue;
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'static', tokens: countText(text, tokenizer).central, block: i });
      text = '';
    };
    for (const s of segs) {
      if (s.kind === 'static') text += s.text;
      else {
        flush();
        out.push({ kind: 'dynamic', seg: s, block: i });
      }
    }
    flush();
  }
  return out;
}

export const cacheBustingPrefix: Rule = {
  meta: {
    id: 'cache-busting-prefix',
    defaultSeverity: 'warning',
    description: 'Run-time content (a timestamp, an id, user data) comes before a large static block in a cached or cacheable prompt prefix, so the cache never hits.',
    fixable: 'suggestion',
  },
  check(call, ctx) {
    const site = call.site;
    const end = cacheRegionEnd(call);
    if (end === 0) return [];
    const min = call.model?.minCacheableTokens ?? 1024;
    const pieces = piecesOf(call, end);
    const firstDyn = pieces.findIndex((p) => p.kind === 'dynamic');
    if (firstDyn < 0) return [];
    // The longest run of static text after the first run-time part, and all static text after it.
    let run = 0;
    let best = 0;
    let bestStart = -1;
    let runStart = -1;
    let after = 0;
    let total = 0;
    pieces.forEach((p, i) => {
      if (p.kind === 'static') total += p.tokens;
      if (i <= firstDyn) return;
      if (p.kind === 'dynamic') {
        run = 0;
        runStart = -1;
        return;
      }
      after += p.tokens;
      if (runStart < 0) runStart = i;
      run += p.tokens;
      if (run > best) {
        best = run;
        bestStart = runStart;
      }
    });
    if (best < min) return [];
    const dyn = pieces[firstDyn] as Extract<Piece, { kind: 'dynamic' }>;
    const dynamics = pieces.slice(0, bestStart).filter((p): p is Extract<Piece, { kind: 'dynamic' }> => p.kind === 'dynamic');
    const named = dynamics.slice(0, 3).map((p) => `\`${p.seg.expr}\``).join(', ') + (dynamics.length > 3 ? ', …' : '');
    const what = dynamics.length === 1 ? `${named} (${HINT_TEXT[dyn.seg.hint]})` : named;
    const explicit = site.sdk === 'anthropic' || isAnthropicBilled(call);
    const marked = explicit && (!!site.topLevelCache || site.blocks.some((b) => b.cacheControl));
    const whereText = explicit ? (marked ? 'the cached prefix' : 'the cacheable prefix (tools, system, leading messages)') : "the provider's automatically cached prefix";
    let costText = '';
    let savings: { perCall: number; perMonth: number } | null = null;
    const model = call.model;
    if (model && call.cost && model.cacheReadPerMTok !== null) {
      const ttl = (site.topLevelCache ?? site.blocks.find((b) => b.cacheControl)?.cacheControl)?.ttl ?? '5m';
      const moved = costWith(call, model, ctx, { cachedPrefixTokens: total, cacheTtl: ttl, cacheHitRate: ctx.config.cacheHitRate });
      const perCall = Math.max(0, call.cost.perCallUsd - moved.perCallUsd);
      savings = { perCall, perMonth: perCall * call.volume.perMonth };
      const now = marked ? 'every call writes the cache and none reads it' : 'nothing of it is ever read from the cache';
      costText =
        ` Now ${now}: ${perCallAndMonth(ctx, call, call.cost.perCallUsd)}; with the run-time part moved after the static text, ` +
        `${perCallAndMonth(ctx, call, moved.perCallUsd)} at a ${Math.round(ctx.config.cacheHitRate * 100)}% hit rate` +
        (perCall > 0 ? ` (saves ≈${perCallText(ctx, perCall)}${call.volume.perMonth > 0 ? `, ≈${money(ctx, savings.perMonth)}/month` : ''}).` : '.');
    }
    const fixes = moveFix(call, ctx, pieces, firstDyn, bestStart);
    if (fixes.length === 0) fixes.push(...swapInLiteralFix(call, ctx, pieces, firstDyn, bestStart));
    const span = within(call, dyn.seg.span ?? site.blocks[dyn.block]?.span);
    return [
      {
        span,
        message:
          `${what} ${dynamics.length === 1 ? 'comes' : 'come'} before ≈${formatTokens(best)} static tokens in ${whereText}, so the prefix changes on every call and ` +
          `≈${formatTokens(after)} tokens that could be cached are billed in full each time (caching needs ${formatTokens(min)}+ identical leading tokens).` +
          costText +
          ` Move the run-time part after the static block or into the user message` +
          (explicit && !marked ? ', then add cache_control to the static block.' : '.'),
        savingsUsd: savings,
        fixes,
      },
    ];
  },
};

/**
 * The one edit that is clean enough to offer: the run-time part is one or more whole blocks
 * (content parts or messages written as separate list elements) right before the large static
 * block, with no breakpoint of their own: move their source text after the static block.
 */
function moveFix(call: AnalyzedCall, ctx: RuleContext, pieces: Piece[], firstDyn: number, bestStart: number): Fix[] {
  const dynBlock = pieces[firstDyn]!.block;
  const staticBlock = pieces[bestStart]!.block;
  if (staticBlock <= dynBlock) return [];
  const blocks = call.site.blocks;
  const moving: PromptBlock[] = blocks.slice(dynBlock, staticBlock);
  const target = blocks[staticBlock]!;
  // The long static run must begin with the target block (the moved blocks travel whole).
  if (bestStart > 0 && pieces[bestStart - 1]!.block === staticBlock) return [];
  const spans = [...moving, target].map((b) => b.span);
  if (spans.some((s) => !s || !inside(call.site.span, s))) return [];
  if (moving.some((b) => b.cacheControl) || moving.some((b) => b.role !== target.role)) return [];
  for (let i = 1; i < spans.length; i++) if (spans[i]!.start < spans[i - 1]!.end) return [];
  const s = spans as Span[];
  const first = s[0]!;
  const lastMoved = s[s.length - 2]!;
  const targetSpan = s[s.length - 1]!;
  const sep = ctx.text.slice(lastMoved.end, targetSpan.start);
  // Only a comma, whitespace and line comments may separate the elements.
  const bare = sep.replace(ctx.language === 'python' ? /#[^\n]*/g : /\/\/[^\n]*/g, '');
  if (!/^\s*,\s*$/.test(bare)) return [];
  const movedText = ctx.text.slice(first.start, lastMoved.end);
  return [
    {
      title: `Move the run-time ${moving.length === 1 ? 'block' : 'blocks'} after the static ${target.role === 'tools' ? 'tool definitions' : target.role + ' block'}`,
      edits: [
        { span: { start: first.start, end: targetSpan.start }, newText: '' },
        { span: { start: targetSpan.end, end: targetSpan.end }, newText: sep + movedText },
      ],
      safe: false,
    },
  ];
}

/**
 * The other clean case: one f-string / template literal whose run-time head is followed by a
 * single trailing interpolation of a static name — `f"Today is {date}.\n\n{POLICY}"` becomes
 * `f"{POLICY}\n\nToday is {date}."`. Anything less regular gets no fix.
 */
function swapInLiteralFix(call: AnalyzedCall, ctx: RuleContext, pieces: Piece[], firstDyn: number, bestStart: number): Fix[] {
  const blockIndex = pieces[firstDyn]!.block;
  if (pieces[bestStart]!.block !== blockIndex) return [];
  const block = call.site.blocks[blockIndex]!;
  const segs = block.value.segments;
  // The run is the block's last segment, everything before it is the head.
  const lastDyn = segs.map((x) => x.kind).lastIndexOf('dynamic');
  if (lastDyn < 0 || lastDyn !== segs.length - 2) return [];
  const head = segs.slice(0, lastDyn + 1);
  if (head.some((x) => !x.span)) return [];
  const text = ctx.text;
  const bodyStart = head[0]!.span!.start;
  const python = ctx.language === 'python';
  const quote = text[bodyStart - 1];
  if (python ? !(quote === '"' || quote === "'") || !/[fF]$/.test(text.slice(bodyStart - 3, bodyStart - 1)) || text.slice(bodyStart - 3, bodyStart) === quote!.repeat(3) : quote !== '`') return [];
  let dynEnd = head[lastDyn]!.span!.end;
  if (!python && text[dynEnd] === '}') dynEnd++; // `${expr}`: the span is the expression
  const headText = text.slice(bodyStart, dynEnd);
  if (headText.includes(quote!)) return [];
  const rest = text.slice(dynEnd);
  const concat = concatFix(call, text, python, quote!, bodyStart, dynEnd, headText, rest);
  if (concat) return [concat];
  const m = python
    ? /^((?:[^{}"'\\\n]|\\[nt])*?)(\{[A-Za-z_][\w.]*\})(["'])/.exec(rest)
    : /^((?:[^{}`$\\\n]|\\[nt])*?)(\$\{[A-Za-z_$][\w.$]*\})`/.exec(rest);
  if (!m || (python && m[3] !== quote)) return [];
  const glue = m[1]!;
  const interp = m[2]!;
  const g = /^([^\s\\]*)(.*)$/s.exec(glue)!;
  const punct = g[1]!;
  const sep = g[2] || ' ';
  const end = dynEnd + glue.length + interp.length;
  if (!inside(call.site.span, { start: bodyStart, end })) return [];
  return [
    {
      title: `Move ${interp} to the start of the ${python ? 'f-string' : 'template'}`,
      edits: [{ span: { start: bodyStart, end }, newText: interp + sep + headText + punct }],
      safe: false,
    },
  ];
}

/** `f"Request {id}.\n" + POLICY` → `POLICY + f"\nRequest {id}."` (one literal, then `+ NAME` ending the value). */
function concatFix(call: AnalyzedCall, text: string, python: boolean, quote: string, bodyStart: number, dynEnd: number, headText: string, rest: string): Fix | null {
  const m = python
    ? /^((?:[^{}"'\\\n]|\\[nt])*?)(["'])[ \t]*\+[ \t]*([A-Za-z_][\w.]*)(?=\s*(?:[,)\]}#]|$))/.exec(rest)
    : /^((?:[^{}`$\\\n]|\\[nt])*?)`[ \t]*\+[ \t]*([A-Za-z_$][\w.$]*)(?=\s*(?:[,)\]};]|\/\/|$))/.exec(rest);
  if (!m || (python && m[2] !== quote)) return null;
  const glue = m[1]!;
  const name = python ? m[3]! : m[2]!;
  // The literal's opening: `f"` / `` ` ``.
  let ps = bodyStart - 1;
  if (python) while (ps > 0 && /[rRfFbBuU]/.test(text[ps - 1]!)) ps--;
  const open = text.slice(ps, bodyStart);
  const litStart = bodyStart - open.length;
  const end = dynEnd + m[0].length;
  if (!inside(call.site.span, { start: litStart, end })) return null;
  const g = /^([^\s\\]*)(.*)$/s.exec(glue)!;
  const punct = g[1]!;
  const sep = g[2] || ' ';
  return {
    title: `Put ${name} first`,
    edits: [{ span: { start: litStart, end }, newText: `${name} + ${open}${sep}${headText}${punct}${python ? quote : '`'}` }],
    safe: false,
  };
}

function inside(outer: Span, s: Span): boolean {
  return s.start >= outer.start && s.end <= outer.end;
}
