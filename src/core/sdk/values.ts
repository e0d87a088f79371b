/**
 * Reading the value IR (types.ts `Val`) the language front ends produce: small, total helpers
 * the SDK recognizers share. None of them throws; anything unexpected reads as "unknown".
 */
import type { CallArgs, ObjVal, PromptValue, QName, Segment, Val } from '../types';

export function named(args: CallArgs | ObjVal | undefined, ...keys: string[]): Val | undefined {
  const obj = args && 't' in args ? args : args?.named;
  if (!obj) return undefined;
  for (const key of keys) {
    // The last entry wins, as in both languages.
    for (let i = obj.entries.length - 1; i >= 0; i--) {
      const e = obj.entries[i]!;
      if (e.key === key) return e.value;
    }
  }
  return undefined;
}

export function entryOf(obj: ObjVal | undefined, ...keys: string[]) {
  if (!obj) return undefined;
  for (const key of keys) {
    for (let i = obj.entries.length - 1; i >= 0; i--) {
      const e = obj.entries[i]!;
      if (e.key === key) return e;
    }
  }
  return undefined;
}

/** The value as an object: an object literal, or a call's keyword arguments (e.g. `types.GenerateContentConfig(...)`). */
export function asObj(v: Val | undefined): ObjVal | undefined {
  if (!v) return undefined;
  if (v.t === 'obj') return v;
  if (v.t === 'call') return v.args.named;
  return undefined;
}

export function asArr(v: Val | undefined): Val[] | undefined {
  return v?.t === 'arr' ? v.items : undefined;
}

/** The literal string, or null when any part is dynamic. */
export function staticString(v: Val | undefined): string | null {
  if (!v || v.t !== 'str') return null;
  return staticText(v.value);
}

export function staticText(p: PromptValue): string | null {
  let out = '';
  for (const s of p.segments) {
    if (s.kind !== 'static') return null;
    out += s.text;
  }
  return out;
}

export function literalNumber(v: Val | undefined): number | null {
  return v?.t === 'num' ? v.value : null;
}

function exprOf(v: Val, text?: string): string {
  if (v.t === 'unknown') return v.expr;
  if (text) return text.slice(v.span.start, Math.min(v.span.end, v.span.start + 80));
  return v.t;
}

export function dynamicSegment(v: Val, text?: string): Segment {
  return {
    kind: 'dynamic',
    span: v.span,
    expr: exprOf(v, text),
    hint: v.t === 'unknown' ? v.hint : 'unknown',
  };
}

/**
 * A value read as prompt text: strings as they are; arrays and objects as the JSON-like text the
 * SDK would send (tool schemas, structured content); anything unknown as one dynamic hole.
 */
export function toPrompt(v: Val | undefined, text?: string): PromptValue {
  if (!v) return { segments: [] };
  switch (v.t) {
    case 'str':
      return v.value;
    case 'num':
    case 'bool':
      return { segments: [{ kind: 'static', text: String(v.value), span: v.span }] };
    case 'null':
      return { segments: [] };
    case 'obj':
    case 'arr':
      return { segments: jsonSegments(v, text, 0) };
    default:
      return { segments: [dynamicSegment(v, text)] };
  }
}

/** JSON-ish serialisation of a value with dynamic holes kept as holes (for tool definitions). */
function jsonSegments(v: Val, text: string | undefined, depth: number): Segment[] {
  if (depth > 40) return [dynamicSegment(v, text)];
  const out: Segment[] = [];
  const push = (s: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === 'static' && !last.span) last.text += s;
    else out.push({ kind: 'static', text: s });
  };
  switch (v.t) {
    case 'str': {
      const t = staticText(v.value);
      if (t !== null) push(JSON.stringify(t));
      else {
        push('"');
        for (const s of v.value.segments) {
          if (s.kind === 'static') push(JSON.stringify(s.text).slice(1, -1));
          else out.push(s);
        }
        push('"');
      }
      return out;
    }
    case 'num':
    case 'bool':
      push(String(v.value));
      return out;
    case 'null':
      push('null');
      return out;
    case 'obj': {
      push('{');
      v.entries.forEach((e, i) => {
        push(`${i ? ',' : ''}${JSON.stringify(e.key)}:`);
        out.push(...jsonSegments(e.value, text, depth + 1));
      });
      push('}');
      if (v.openSpread) out.push({ kind: 'dynamic', span: v.span, expr: '…spread', hint: 'unknown' });
      return mergeStatic(out);
    }
    case 'arr': {
      push('[');
      v.items.forEach((item, i) => {
        if (i) push(',');
        out.push(...jsonSegments(item, text, depth + 1));
      });
      push(']');
      if (v.openSpread) out.push({ kind: 'dynamic', span: v.span, expr: '…spread', hint: 'unknown' });
      return mergeStatic(out);
    }
    default:
      return [dynamicSegment(v, text)];
  }
}

function mergeStatic(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const last = out[out.length - 1];
    if (s.kind === 'static' && last && last.kind === 'static') {
      out[out.length - 1] = { kind: 'static', text: last.text + s.text };
    } else out.push(s);
  }
  return out;
}

/** Dotted signature of a qualified name: `anthropic.Anthropic().messages.create`, `@anthropic-ai/sdk.default().messages.create`. */
export function signature(q: QName): string {
  let out = q.module ?? '?';
  for (const p of q.path) out += typeof p === 'string' ? `.${p}` : '()';
  return out;
}

/** Arguments of the first `{ call }` step of a qualified name (the client constructor's args). */
export function firstCallArgs(q: QName): CallArgs | undefined {
  for (const p of q.path) if (typeof p !== 'string') return p.call;
  return undefined;
}

/** All call steps of a qualified name, in order. */
export function callArgsOf(q: QName): CallArgs[] {
  const out: CallArgs[] = [];
  for (const p of q.path) if (typeof p !== 'string') out.push(p.call);
  return out;
}

