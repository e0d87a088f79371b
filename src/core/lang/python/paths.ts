/** '/'-separated path arithmetic (the core has no `path` module). */

export function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}

export function dirname(p: string): string {
  const n = normalize(p);
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return n.slice(0, i);
}

export function join(...parts: string[]): string {
  let acc = '';
  for (const part of parts) {
    if (!part) continue;
    if (part.startsWith('/')) acc = part;
    else acc = acc ? (acc.endsWith('/') ? acc + part : `${acc}/${part}`) : part;
  }
  return normalize(acc);
}

/** The folder itself, then each ancestor up to the root. */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  let cur = normalize(dir);
  for (let i = 0; i < 64; i++) {
    out.push(cur);
    const up = dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  return out;
}

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}
