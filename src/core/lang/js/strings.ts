/**
 * String helpers for the JS/TS front end: escape decoding (cooked strings), dedent semantics of the
 * `dedent` / `ts-dedent` / `outdent` packages, and the hint heuristics for dynamic holes.
 */
import type { DynamicHint } from '../../types';

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** Decode the escape sequences of a JS string or template part (without its quotes). */
export function decodeEscapes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const next = raw[i + 1]!;
    i++;
    if (next in SIMPLE_ESCAPES && !(next === '0' && /[0-9]/.test(raw[i + 1] ?? ''))) {
      out += SIMPLE_ESCAPES[next];
    } else if (next === 'x') {
      const hex = raw.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        i += 2;
      } else out += 'x';
    } else if (next === 'u') {
      if (raw[i + 1] === '{') {
        const close = raw.indexOf('}', i + 2);
        const hex = close > 0 ? raw.slice(i + 2, close) : '';
        if (/^[0-9a-fA-F]{1,6}$/.test(hex) && parseInt(hex, 16) <= 0x10ffff) {
          out += String.fromCodePoint(parseInt(hex, 16));
          i = close;
        } else out += 'u';
      } else {
        const hex = raw.slice(i + 1, i + 5);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else out += 'u';
      }
    } else if (next === '\r') {
      if (raw[i + 1] === '\n') i++;
    } else if (next === '\n' || next === '\u2028' || next === '\u2029') {
      // line continuation
    } else {
      out += next;
    }
  }
  return out;
}

/** Placeholder for a dynamic hole while dedenting (a private-use character). */
export const HOLE = '\uE000';

/**
 * `dedent` / `ts-dedent` semantics: remove the smallest indentation shared by the indented lines
 * that have content (holes count as content), then trim surrounding whitespace.
 */
export function dedentText(text: string): string {
  const lines = text.split('\n');
  let min: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const m = /^([ \t]+)\S/.exec(lines[i]!);
    if (m) min = min === null ? m[1]!.length : Math.min(min, m[1]!.length);
  }
  let out = text;
  if (min !== null && min > 0) {
    const cut = min;
    out = lines.map((l) => (l[0] === ' ' || l[0] === '\t' ? l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length)) : l)).join('\n');
  }
  return out.trim();
}

/**
 * `outdent` semantics: the indentation of the first line after the opening newline is removed
 * from every line; a leading and a trailing newline (with the trailing line's spaces) are removed.
 */
export function outdentText(text: string): string {
  const m = /^[ \t]*\r?\n([ \t]*)/.exec(text);
  if (!m) return text;
  const indent = m[1]!;
  let body = text.slice(m[0].length - indent.length);
  body = body.replace(/\r?\n[ \t]*$/, '');
  if (!indent) return body;
  return body
    .split('\n')
    .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.replace(/^[ \t]+/, '')))
    .join('\n');
}

const USER_NAMES = new Set(
  [
    'user', 'username', 'name', 'email', 'query', 'question', 'input', 'message', 'messages', 'body', 'text',
    'content', 'document', 'doc', 'prompt', 'userinput', 'usermessage', 'userquery', 'userprompt', 'q',
    'search', 'searchterm', 'comment', 'feedback', 'description', 'title', 'firstname', 'lastname',
    'fullname', 'displayname', 'article', 'transcript', 'context', 'history', 'profile', 'address',
  ],
);

/** The identifier an expression is "about": its last property/name, ignoring a trailing call. */
function lastName(expr: string): string {
  const names = expr.match(/[A-Za-z_$][\w$]*/g);
  if (!names) return '';
  let i = names.length - 1;
  // `x.toString()`, `x.trim()`: look at the receiver.
  while (i > 0 && /^(toString|trim|trimStart|trimEnd|toLowerCase|toUpperCase|slice|substring|join|valueOf|stringify|String)$/.test(names[i]!)) i--;
  return names[i]!;
}

/** Guess what a dynamic expression holds, from its source text. */
export function hintFor(expr: string): DynamicHint {
  if (/\bnew\s+Date\b|\bDate\.(now|UTC|parse)\b|\.(toISOString|toLocale\w*String|toUTCString|toDateString|toTimeString|getTime|getFullYear)\b|performance\.now\b|\bdayjs\(|\bmoment\(|\bformat\(\s*new Date/.test(expr)) return 'time';
  if (/randomUUID|\buuid\w*\s*\(|\bnanoid\s*\(|\bv[1-7]\s*\(|\bcuid2?\s*\(|\bulid\s*\(|\bcreateId\s*\(/i.test(expr)) return 'uuid';
  if (/Math\.random|crypto\.getRandomValues|randomBytes|randomInt/.test(expr)) return 'random';
  if (/\b(req|request|ctx\.request)\.(body|query|params)\b/.test(expr)) return 'user';
  const n = lastName(expr);
  if (!n) return 'unknown';
  if (/^(now|today|timestamp|time|date|datetime|ts|currentDate|currentTime)$/i.test(n) || /(Now|Today|Timestamp|Time|Date|DateTime|At)$/.test(n) || /_(at|time|date|timestamp|ts)$/i.test(n)) return 'time';
  if (/^uuid/i.test(n) || /Uuid$|_uuid$|UUID$/.test(n)) return 'uuid';
  if (/^(id|ids)$/i.test(n) || /(Id|ID|Ids|IDs)$/.test(n) || /_ids?$/i.test(n)) return 'id';
  const lower = n.toLowerCase();
  if (USER_NAMES.has(lower) || /^user/i.test(n) || /(Input|Query|Question|Message|Email|Name|Text|Content|Prompt)$/.test(n)) return 'user';
  return 'unknown';
}

/** Trim an expression's source to at most 80 characters for messages. */
export function exprText(src: string): string {
  const one = src.replace(/\s+/g, ' ').trim();
  return one.length <= 80 ? one : one.slice(0, 79) + '…';
}
