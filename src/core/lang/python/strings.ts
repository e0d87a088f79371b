/**
 * Python string semantics the value resolver needs, on plain text and on prompt values:
 * literal prefixes and escape decoding, `textwrap.dedent`, `inspect.cleandoc`, `str.strip`,
 * `%`-formatting and `str.format` field parsing, and the dynamic-hole hint heuristics.
 * Everything here is pure and total (never throws).
 */
import type { DynamicHint, PromptValue, Segment } from '../../types';
import { noteRead } from '../trace';

export interface LiteralShape {
  prefix: string;
  raw: boolean;
  bytes: boolean;
  fmt: boolean;
  /** Offsets (relative to the literal's start) of the body between the quotes. */
  bodyStart: number;
  bodyEnd: number;
}

/** Split a Python string literal into prefix, quotes and body. null when it is not one. */
export function literalShape(text: string): LiteralShape | null {
  const m = /^([rRbBuUfFtT]{0,2})('''|"""|'|")/.exec(text);
  if (!m) return null;
  const prefix = m[1]!.toLowerCase();
  const q = m[2]!;
  const bodyStart = m[0].length;
  let bodyEnd = text.length;
  if (text.length >= bodyStart + q.length && text.endsWith(q)) bodyEnd = text.length - q.length;
  return {
    prefix,
    raw: prefix.includes('r'),
    bytes: prefix.includes('b'),
    fmt: prefix.includes('f') || prefix.includes('t'),
    bodyStart,
    bodyEnd: Math.max(bodyStart, bodyEnd),
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decode backslash escapes the way Python does for a non-raw literal. */
export function decodeEscapes(s: string, bytes: boolean): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1]!;
    if (n === '\n') {
      i++;
      continue;
    }
    if (n === '\r') {
      i += s[i + 2] === '\n' ? 2 : 1;
      continue;
    }
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    if (n >= '0' && n <= '7') {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))!;
      out += String.fromCharCode(parseInt(m[0], 8));
      i += m[0].length;
      continue;
    }
    const hexLen = n === 'x' ? 2 : !bytes && n === 'u' ? 4 : !bytes && n === 'U' ? 8 : 0;
    if (hexLen) {
      const hex = s.slice(i + 2, i + 2 + hexLen);
      if (hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex)) {
        const cp = parseInt(hex, 16);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
        i += 1 + hexLen;
        continue;
      }
    }
    if (!bytes && n === 'N' && s[i + 2] === '{') {
      const close = s.indexOf('}', i + 3);
      if (close > 0) {
        // Unicode names are not in our tables; one character stands for it.
        out += '\ufffd';
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Replace `{{` and `}}` with single braces (f-string and str.format static text). */
export function unescapeBraces(s: string): string {
  return s.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

// ---------------------------------------------------------------------------------------------
// Text transforms applied to prompt values: dynamic holes become placeholder characters.
// ---------------------------------------------------------------------------------------------

const HOLE = '\uE000';

/** Apply a text transform to a prompt value whose holes are opaque non-space characters. */
export function transformValue(pv: PromptValue, fn: (s: string) => string): PromptValue {
  // The text is read (and, when the transform changes it, goes on in new segments).
  noteRead(pv.segments);
  const holes: Segment[] = [];
  let joined = '';
  for (const seg of pv.segments) {
    if (seg.kind === 'static') {
      if (seg.text.includes(HOLE)) return pv;
      joined += seg.text;
    } else {
      holes.push(seg);
      joined += HOLE;
    }
  }
  const out = fn(joined);
  const segments: Segment[] = [];
  let h = 0;
  let buf = '';
  for (const ch of out) {
    if (ch === HOLE) {
      if (buf) segments.push({ kind: 'static', text: buf });
      buf = '';
      const hole = holes[h++];
      if (hole) segments.push(hole);
    } else buf += ch;
  }
  if (buf) segments.push({ kind: 'static', text: buf });
  // A transform never drops holes; if it did, keep the value honest by appending them.
  while (h < holes.length) segments.push(holes[h++]!);
  // Keep the original spans when the transform changed nothing.
  if (out === joined) return pv;
  return { segments };
}

/** `textwrap.dedent` exactly as CPython implements it. */
export function dedent(text: string): string {
  text = text.replace(/^[ \t]+$/gm, '');
  let margin: string | null = null;
  const re = /^([ \t]*)(?:[^ \t\n])/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const indent = m[1]!;
    if (margin === null) margin = indent;
    else if (indent.startsWith(margin)) {
      // keep
    } else if (margin.startsWith(indent)) margin = indent;
    else {
      let i = 0;
      while (i < margin.length && i < indent.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
    if (m[0].length === 0) re.lastIndex++;
  }
  if (margin) {
    const lines = text.split('\n');
    return lines.map((l) => (l.startsWith(margin!) ? l.slice(margin!.length) : l)).join('\n');
  }
  return text;
}

function expandTabs(line: string, size = 8): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(size - (out.length % size));
    else out += ch;
  }
  return out;
}

/** `inspect.cleandoc`. */
export function cleandoc(doc: string): string {
  const lines = doc.split('\n').map((l) => expandTabs(l));
  let margin = Infinity;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    const content = l.replace(/^\s+/, '').length;
    if (content) margin = Math.min(margin, l.length - content);
  }
  if (lines.length) lines[0] = lines[0]!.replace(/^\s+/, '');
  if (margin !== Infinity) for (let i = 1; i < lines.length; i++) lines[i] = lines[i]!.slice(margin);
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  while (lines.length && !lines[0]) lines.shift();
  return lines.join('\n');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** `str.strip/lstrip/rstrip` with an optional set of characters. */
export function strip(text: string, which: 'strip' | 'lstrip' | 'rstrip', chars?: string): string {
  const cls = chars === undefined ? '\\s' : chars.length ? `[${escapeRe(chars)}]` : null;
  if (!cls) return text;
  const set = chars === undefined ? '\\s' : cls;
  let out = text;
  if (which !== 'rstrip') out = out.replace(new RegExp(`^(?:${set})+`), '');
  if (which !== 'lstrip') out = out.replace(new RegExp(`(?:${set})+$`), '');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Format strings
// ---------------------------------------------------------------------------------------------

export type FormatPiece = { kind: 'text'; text: string } | { kind: 'field'; field: string; conv: string | null; spec: string; raw: string };

/** Parse a `str.format` template. Returns null when it is malformed. */
export function parseBraceFormat(s: string): FormatPiece[] | null {
  const out: FormatPiece[] = [];
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '{') {
      if (s[i + 1] === '{') {
        text += '{';
        i++;
        continue;
      }
      // Find the matching close brace (format specs may nest one level of braces).
      let depth = 1;
      let j = i + 1;
      for (; j < s.length && depth; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') depth--;
      }
      if (depth) return null;
      const inner = s.slice(i + 1, j - 1);
      const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(inner);
      if (!m) return null;
      if (text) out.push({ kind: 'text', text });
      text = '';
      out.push({ kind: 'field', field: m[1]!, conv: m[2] ?? null, spec: m[3] ?? '', raw: s.slice(i, j) });
      i = j - 1;
    } else if (c === '}') {
      if (s[i + 1] === '}') i++;
      text += '}';
    } else text += c;
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}

export type PercentPiece = { kind: 'text'; text: string } | { kind: 'spec'; key: string | null; conv: string; raw: string; star: number };

/** Parse a `%`-format template. Returns null when it is malformed. */
export function parsePercentFormat(s: string): PercentPiece[] | null {
  const out: PercentPiece[] = [];
  let text = '';
  const re = /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/y;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '%') {
      text += c;
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return null;
    if (m[5] === '%') {
      text += '%';
    } else {
      if (text) out.push({ kind: 'text', text });
      text = '';
      const star = (m[3] === '*' ? 1 : 0) + (m[4] === '*' ? 1 : 0);
      out.push({ kind: 'spec', key: m[1] ?? null, conv: m[5]!, raw: m[0], star });
    }
    i += m[0].length - 1;
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Hints for dynamic holes
// ---------------------------------------------------------------------------------------------

const USER_WORDS = new Set([
  'user',
  'users',
  'username',
  'name',
  'email',
  'query',
  'question',
  'input',
  'message',
  'messages',
  'msg',
  'request',
  'req',
  'body',
  'text',
  'content',
  'document',
  'doc',
  'docs',
  'documents',
  'prompt',
  'user_input',
  'user_message',
  'user_query',
  'comment',
  'feedback',
  'article',
  'transcript',
]);

/** What an unresolvable expression probably holds, from its text. */
export function hintOf(expr: string): DynamicHint {
  const lower = expr.toLowerCase();
  if (
    /\b(datetime|utcnow|now|today|timestamp|strftime|isoformat|ctime|asctime|localtime|gmtime|perf_counter|monotonic)\b/.test(lower) ||
    /\btime\s*\.\s*time\b|\btime\(\)|\bdate\b|_at\b|\bcurrent_time\b|_time\b|\btime_/.test(lower)
  )
    return 'time';
  if (/uuid|guid/.test(lower)) return 'uuid';
  if (/\brandom\b|\brandint\b|\bsecrets\b|token_hex|token_urlsafe|\bnonce\b|\bshuffle\b|\bchoice\b/.test(lower)) return 'random';
  const idents = expr.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  const last = idents[idents.length - 1] ?? '';
  if (/(^|_)ids?$/i.test(last) || /[a-z]I[dD]s?$/.test(last) || /^[a-z]+ids?$/.test(last) && /(user|request|session|trace|conversation|thread|customer|account|tenant|org|message|chat|run|job|order|doc|item|u|g)ids?$/.test(last)) return 'id';
  if (/session/.test(lower) || /request_?id/.test(lower)) return 'id';
  for (const id of idents) {
    const l = id.toLowerCase();
    if (USER_WORDS.has(l)) return 'user';
    for (const part of l.split('_')) if (part && USER_WORDS.has(part)) return 'user';
  }
  return 'unknown';
}
