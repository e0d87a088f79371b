/**
 * Comment directives, language-neutral (`#` and `//` comments):
 *   prompt-cost-disable-next-line [rule-id[, rule-id…]]   suppress findings on the next line
 *   prompt-cost-disable-line [rule-id…]                   suppress findings on this line
 *   prompt-cost: 30k/day | 1M/month | 500/hour            call volume for the call below / on this line
 */
import type { LineIndex } from './text/lineIndex';

/** Rule ids suppressed on a 0-based line; `'*'` means every rule. */
export function suppressedOnLine(lines: LineIndex, line: number): Set<string> {
  const out = new Set<string>();
  const read = (text: string, directive: string) => {
    const at = text.indexOf(directive);
    if (at === -1) return;
    // Ids follow the directive; a ` -- reason` may follow them.
    const rest = text.slice(at + directive.length).replace(/\*\/.*$/, '').split('--')[0]!;
    const ids = rest.split(/[\s,]+/).filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
    if (ids.length === 0) out.add('*');
    for (const id of ids) out.add(id);
  };
  if (line > 0) read(lines.lineText(line - 1), 'prompt-cost-disable-next-line');
  read(lines.lineText(line), 'prompt-cost-disable-line');
  return out;
}

const UNITS: Record<string, number> = {
  min: 60 * 24 * 30,
  minute: 60 * 24 * 30,
  h: 24 * 30,
  hr: 24 * 30,
  hour: 24 * 30,
  d: 30,
  day: 30,
  w: 30 / 7,
  wk: 30 / 7,
  week: 30 / 7,
  mo: 1,
  month: 1,
  y: 1 / 12,
  yr: 1 / 12,
  year: 1 / 12,
};

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9 };

/** Parse `30k/day`, `1.5M / month`, `1,200 per hour` into calls per month (30-day months); null when it does not parse. */
export function parseVolume(spec: string): number | null {
  const m = /^\s*([\d][\d,_]*(?:\.\d+)?)\s*([kmb]?)\s*(?:calls?\s*)?(?:\/|per\s+)\s*([a-z]+)\s*$/i.exec(spec);
  if (!m) return null;
  const n = Number(m[1]!.replace(/[,_]/g, ''));
  const mult = SUFFIX[m[2]!.toLowerCase()];
  const unit = UNITS[m[3]!.toLowerCase().replace(/s$/, '')];
  if (!Number.isFinite(n) || mult === undefined || unit === undefined) return null;
  return n * mult * unit;
}

export interface VolumeAnnotation {
  perMonth: number;
  spec: string;
  /** 0-based line of the comment. */
  line: number;
}

/**
 * A `prompt-cost: <volume>` comment on the call's first line or in the comment block directly
 * above the statement (up to 5 lines, comments only).
 */
export function volumeAnnotation(lines: LineIndex, callLine: number): VolumeAnnotation | null | { error: string; line: number } {
  const candidates: number[] = [callLine];
  for (let l = callLine - 1; l >= 0 && l >= callLine - 5; l--) {
    const t = lines.lineText(l).trim();
    if (t.startsWith('#') || t.startsWith('//') || t.startsWith('/*') || t.startsWith('*')) candidates.push(l);
    else if (t === '' || /^@/.test(t)) continue;
    else break;
  }
  for (const l of candidates) {
    const text = lines.lineText(l);
    const m = /prompt-cost:\s*([^*#]*?)\s*(?:\*\/)?\s*$/.exec(text);
    if (!m) continue;
    const spec = m[1]!;
    const perMonth = parseVolume(spec);
    if (perMonth === null) return { error: `cannot read the volume "${spec}" (write e.g. "30k/day" or "1M/month")`, line: l };
    return { perMonth, spec, line: l };
  }
  return null;
}
