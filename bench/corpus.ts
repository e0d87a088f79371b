/**
 * Generated source files for the benchmarks: ordinary application code in Python, TypeScript and
 * JavaScript (classes, functions, data literals, loops, docstrings) with, where asked, LLM SDK calls
 * in the shapes the examples and fixtures use (Anthropic / OpenAI / Gemini / Vercel AI SDK / LiteLLM,
 * static and f-string/template prompts, system prompts, cache_control, loops, retries).
 * Deterministic: a seeded PRNG, so every run measures the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Lang = 'python' | 'typescript' | 'javascript';

/** mulberry32 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'account order invoice customer payment shipment product catalog report session token user profile ' +
  'address item cart price discount tax total status event queue message ticket record entry batch ' +
  'schedule window limit retry cache index store query result summary detail config option setting'
).split(' ');
const VERBS = 'load save fetch update build parse validate render compute merge filter apply sync resolve format check'.split(' ');

class Gen {
  constructor(readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  word(): string {
    return this.pick(WORDS);
  }
  snake(): string {
    return `${this.pick(VERBS)}_${this.word()}${this.r() < 0.3 ? `_${this.word()}` : ''}`;
  }
  camel(): string {
    const w = this.word();
    return `${this.pick(VERBS)}${w[0]!.toUpperCase()}${w.slice(1)}`;
  }
  pascal(): string {
    const a = this.word();
    const b = this.word();
    return `${a[0]!.toUpperCase()}${a.slice(1)}${b[0]!.toUpperCase()}${b.slice(1)}`;
  }
  sentence(n = this.int(6, 14)): string {
    return Array.from({ length: n }, () => this.word()).join(' ');
  }
}

// ------------------------------------------------------------------------------------------
// Python
// ------------------------------------------------------------------------------------------

const PY_IMPORTS = ['import os', 'import json', 'import logging', 'import time', 'from dataclasses import dataclass, field', 'from typing import Any, Optional', 'from datetime import datetime, timedelta', 'import re', 'from pathlib import Path', 'import asyncio'];

function pyFunction(g: Gen, indent: string): string[] {
  const name = g.snake();
  const args = Array.from({ length: g.int(0, 3) }, () => g.word());
  const uniq = [...new Set(args)];
  const self = indent ? ['self'] : [];
  const out = [`${indent}def ${name}(${[...self, ...uniq].join(', ')}):`, `${indent}    """${g.sentence()}."""`];
  const body = indent + '    ';
  const n = g.int(3, 12);
  out.push(`${body}result = {}`);
  for (let i = 0; i < n; i++) {
    const k = g.r();
    if (k < 0.25) out.push(`${body}${g.word()}_value = ${uniq[0] ?? 'None'} or ${g.int(0, 999)}`);
    else if (k < 0.45) out.push(`${body}for ${g.word()} in range(${g.int(2, 50)}):`, `${body}    result["${g.word()}"] = ${g.word()}_count = ${g.int(1, 9)} * ${g.int(1, 9)}`);
    else if (k < 0.6) out.push(`${body}if ${uniq[0] ?? 'result'} is not None and len(result) > ${g.int(0, 5)}:`, `${body}    logging.info("${g.sentence(5)} %s", result)`);
    else if (k < 0.75) out.push(`${body}result["${g.word()}"] = [${Array.from({ length: g.int(1, 5) }, () => `"${g.word()}"`).join(', ')}]`);
    else if (k < 0.85) out.push(`${body}try:`, `${body}    result.update(json.loads("{}"))`, `${body}except ValueError as exc:`, `${body}    logging.warning("bad ${g.word()}: %s", exc)`);
    else out.push(`${body}# ${g.sentence()}`, `${body}result["at"] = datetime.now().isoformat()`);
  }
  out.push(`${body}return result`, '');
  return out;
}

function pyClass(g: Gen): string[] {
  const name = g.pascal();
  const out = ['', '@dataclass', `class ${name}:`, `    """${g.sentence()}."""`, ''];
  for (let i = 0; i < g.int(2, 5); i++) out.push(`    ${g.word()}_${i}: ${g.pick(['str', 'int', 'float', 'bool', 'Optional[str]'])} = ${g.pick(['""', '0', '0.0', 'False', 'None'])}`);
  out.push('');
  for (let i = 0; i < g.int(1, 4); i++) out.push(...pyFunction(g, '    '));
  return out;
}

const PY_CLIENTS = ['import anthropic', 'from openai import OpenAI', 'import google.generativeai as genai', 'import litellm'];

function pyCall(g: Gen, i: number): string[] {
  const fn = `llm_${g.snake()}_${i}`;
  const kind = i % 6;
  const sys = g.sentence(g.int(10, 40));
  switch (kind) {
    case 0:
      return [
        `def ${fn}(question: str) -> str:`,
        `    msg = claude.messages.create(`,
        `        model="${g.pick(['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'])}",`,
        `        system="${sys}",`,
        `        messages=[{"role": "user", "content": question}],`,
        `    )`,
        `    return msg.content[0].text`,
        '',
      ];
    case 1:
      return [
        `def ${fn}(text):`,
        `    return oai.chat.completions.create(`,
        `        model="${g.pick(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-mini'])}",`,
        `        max_tokens=${g.int(50, 2000)},`,
        `        messages=[{"role": "system", "content": "${sys}"}, {"role": "user", "content": f"Summarize: {text}"}],`,
        `    )`,
        '',
      ];
    case 2:
      return [
        `def ${fn}(items):`,
        `    out = []`,
        `    for item in items:`,
        `        out.append(claude.messages.create(model="claude-haiku-4-5", max_tokens=200, messages=[{"role": "user", "content": f"Classify: {item}"}]))`,
        `    return out`,
        '',
      ];
    case 3:
      return [
        `def ${fn}(doc):`,
        `    return claude.messages.create(`,
        `        model="claude-sonnet-4-5",`,
        `        max_tokens=1024,`,
        `        system=[{"type": "text", "text": SYSTEM_PROMPT, "cache_control": {"type": "ephemeral"}}],`,
        `        messages=[{"role": "user", "content": doc}],`,
        `    )`,
        '',
      ];
    case 4:
      return [`def ${fn}(q):`, `    return oai.responses.create(model="gpt-5-mini", input=q)`, ''];
    default:
      return [
        `def ${fn}(prompt):`,
        `    for attempt in range(3):`,
        `        try:`,
        `            return litellm.completion(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])`,
        `        except Exception:`,
        `            time.sleep(1)`,
        `    return None`,
        '',
      ];
  }
}

export function pythonFile(seed: number, lines: number, calls: number): string {
  const g = new Gen(rng(seed));
  const out: string[] = [`"""${g.sentence()}."""`, ...g.r() < 0.5 ? PY_IMPORTS.slice(0, g.int(2, 6)) : PY_IMPORTS.slice(3, 8)];
  if (calls > 0) {
    out.push(...PY_CLIENTS, '', 'claude = anthropic.Anthropic()', 'oai = OpenAI()', '', `SYSTEM_PROMPT = """${Array.from({ length: 30 }, () => g.sentence(16)).join('\n')}"""`, '');
  }
  out.push('', `LOG = logging.getLogger(__name__)`, `DEFAULTS = {"${g.word()}": ${g.int(1, 99)}, "${g.word()}": "${g.word()}"}`, '');
  // Spread the calls evenly through the ordinary code.
  let placed = 0;
  while (out.length < lines - 2 || placed < calls) {
    const due = calls > 0 && placed < calls && out.length >= ((placed + 0.5) * lines) / calls;
    if (due || (placed < calls && out.length >= lines - 12)) {
      out.push(...pyCall(g, placed++));
    } else if (g.r() < 0.35) {
      out.push(...pyClass(g));
    } else {
      out.push(...pyFunction(g, ''));
    }
  }
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------------------------------------
// TypeScript / JavaScript
// ------------------------------------------------------------------------------------------

function jsFunction(g: Gen, ts: boolean, method: boolean): string[] {
  const name = g.camel();
  const args = [...new Set(Array.from({ length: g.int(0, 3) }, () => g.word()))];
  const sig = args.map((a) => (ts ? `${a}: ${g.pick(['string', 'number', 'boolean', 'Record<string, unknown>', 'string[]'])}` : a)).join(', ');
  const ind = method ? '  ' : '';
  const head = method ? `${ind}${g.r() < 0.3 ? 'async ' : ''}${name}(${sig})${ts ? ': unknown' : ''} {` : `export ${g.r() < 0.3 ? 'async ' : ''}function ${name}(${sig})${ts ? ': unknown' : ''} {`;
  const body = ind + '  ';
  const out = [`${ind}/** ${g.sentence()}. */`, head, `${body}const result${ts ? ': Record<string, unknown>' : ''} = {};`];
  for (let i = 0, n = g.int(3, 12); i < n; i++) {
    const k = g.r();
    if (k < 0.25) out.push(`${body}const ${g.word()}Value = ${args[0] ?? 'null'} ?? ${g.int(0, 999)};`);
    else if (k < 0.45) out.push(`${body}for (let i = 0; i < ${g.int(2, 50)}; i++) {`, `${body}  result['${g.word()}' + i] = i * ${g.int(1, 9)};`, `${body}}`);
    else if (k < 0.6) out.push(`${body}if (Object.keys(result).length > ${g.int(0, 5)}) {`, `${body}  console.debug('${g.sentence(5)}', result);`, `${body}}`);
    else if (k < 0.75) out.push(`${body}result.${g.word()} = [${Array.from({ length: g.int(1, 5) }, () => `'${g.word()}'`).join(', ')}];`);
    else if (k < 0.85) out.push(`${body}try {`, `${body}  Object.assign(result, JSON.parse('{}'));`, `${body}} catch (err) {`, `${body}  console.warn(\`bad ${g.word()}: \${String(err)}\`);`, `${body}}`);
    else out.push(`${body}// ${g.sentence()}`, `${body}result.at = new Date().toISOString();`);
  }
  out.push(`${body}return result;`, `${ind}}`, '');
  return out;
}

function jsClass(g: Gen, ts: boolean): string[] {
  const name = g.pascal();
  const out: string[] = [];
  if (ts) {
    out.push(`export interface ${name}Options {`);
    for (let i = 0; i < g.int(2, 5); i++) out.push(`  ${g.word()}${i}${g.r() < 0.4 ? '?' : ''}: ${g.pick(['string', 'number', 'boolean', 'string[]'])};`);
    out.push('}', '');
  }
  out.push(`export class ${name} {`);
  if (ts) out.push(`  private readonly items = new Map<string, number>();`, '', `  constructor(private readonly options: ${name}Options) {}`, '');
  else out.push(`  constructor(options) {`, `    this.options = options;`, `    this.items = new Map();`, `  }`, '');
  for (let i = 0; i < g.int(1, 4); i++) out.push(...jsFunction(g, ts, true));
  out.push('}', '');
  return out;
}

function jsCall(g: Gen, i: number, ts: boolean): string[] {
  const fn = `llm${g.camel()}${i}`;
  const t = (s: string) => (ts ? s : '');
  const sys = g.sentence(g.int(10, 40));
  switch (i % 5) {
    case 0:
      return [
        `export async function ${fn}(question${t(': string')}) {`,
        `  const res = await anthropic.messages.create({`,
        `    model: '${g.pick(['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'])}',`,
        `    system: '${sys}',`,
        `    messages: [{ role: 'user', content: question }],`,
        `  });`,
        `  return res.content;`,
        `}`,
        '',
      ];
    case 1:
      return [
        `export async function ${fn}(text${t(': string')}) {`,
        `  const res = await openai.chat.completions.create({`,
        `    model: '${g.pick(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-mini'])}',`,
        `    max_tokens: ${g.int(50, 2000)},`,
        `    messages: [{ role: 'system', content: '${sys}' }, { role: 'user', content: \`Summarize:\\n\${text}\` }],`,
        `  });`,
        `  return res.choices[0]?.message.content;`,
        `}`,
        '',
      ];
    case 2:
      return [
        `export async function ${fn}(items${t(': string[]')}) {`,
        `  const out = [];`,
        `  for (const item of items) {`,
        `    out.push(await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 200, messages: [{ role: 'user', content: \`Classify: \${item}\` }] }));`,
        `  }`,
        `  return out;`,
        `}`,
        '',
      ];
    case 3:
      return [
        `export async function ${fn}(text${t(': string')}) {`,
        `  const { text: t } = await generateText({`,
        `    model: openaiProvider('gpt-4o-mini'),`,
        `    prompt: \`Write a title for: \${text}\`,`,
        `  });`,
        `  return t;`,
        `}`,
        '',
      ];
    default:
      return [
        `export async function ${fn}(doc${t(': string')}) {`,
        `  return anthropic.messages.create({`,
        `    model: 'claude-sonnet-4-5',`,
        `    max_tokens: 1024,`,
        `    system: [{ type: 'text', text: SYSTEM_PROMPT, cache_control: { type: 'ephemeral' } }],`,
        `    messages: [{ role: 'user', content: doc }],`,
        `  });`,
        `}`,
        '',
      ];
  }
}

export function jsFile(seed: number, lines: number, calls: number, ts: boolean): string {
  const g = new Gen(rng(seed));
  const out: string[] = [`// ${g.sentence()}`];
  out.push(`import { readFileSync } from 'node:fs';`, `import { join } from 'node:path';`);
  if (calls > 0) {
    out.push(
      `import OpenAI from 'openai';`,
      `import Anthropic from '@anthropic-ai/sdk';`,
      `import { generateText } from 'ai';`,
      `import { openai as openaiProvider } from '@ai-sdk/openai';`,
      '',
      `const openai = new OpenAI();`,
      `const anthropic = new Anthropic();`,
      `const SYSTEM_PROMPT = \`${Array.from({ length: 30 }, () => g.sentence(16)).join('\n')}\`;`,
      '',
    );
  }
  out.push(`const DEFAULTS = { ${g.word()}: ${g.int(1, 99)}, ${g.word()}X: '${g.word()}' };`, '');
  let placed = 0;
  while (out.length < lines - 2 || placed < calls) {
    const due = calls > 0 && placed < calls && out.length >= ((placed + 0.5) * lines) / calls;
    if (due || (placed < calls && out.length >= lines - 12)) out.push(...jsCall(g, placed++, ts));
    else if (g.r() < 0.35) out.push(...jsClass(g, ts));
    else out.push(...jsFunction(g, ts, false));
  }
  return out.join('\n') + '\n';
}

export function sourceFile(lang: Lang, seed: number, lines: number, calls: number): string {
  return lang === 'python' ? pythonFile(seed, lines, calls) : jsFile(seed, lines, calls, lang === 'typescript');
}

export const EXT: Record<Lang, string> = { python: '.py', typescript: '.ts', javascript: '.js' };

export interface RepoStats {
  files: number;
  bytes: number;
  lines: number;
  withCalls: number;
  byLang: Record<Lang, number>;
}

/**
 * A repository of `n` files under `root`: packages of 5–30 files, 45% Python / 35% TypeScript /
 * 20% JavaScript, sizes from a long-tailed distribution (median ≈ 120 lines, a few over 1,000),
 * one file in 12 with 1–6 LLM calls.
 */
export function generateRepo(root: string, n: number, seed = 1): RepoStats {
  const g = new Gen(rng(seed));
  const stats: RepoStats = { files: 0, bytes: 0, lines: 0, withCalls: 0, byLang: { python: 0, typescript: 0, javascript: 0 } };
  let pkg = 0;
  let inPkg = 0;
  let pkgSize = 0;
  for (let i = 0; i < n; i++) {
    if (inPkg >= pkgSize) {
      pkg++;
      inPkg = 0;
      pkgSize = g.int(5, 30);
    }
    inPkg++;
    const x = g.r();
    const lang: Lang = x < 0.45 ? 'python' : x < 0.8 ? 'typescript' : 'javascript';
    // Log-normal-ish: exp of a sum of uniforms around ln(120).
    const lines = Math.max(15, Math.min(2500, Math.round(Math.exp(Math.log(120) + (g.r() + g.r() + g.r() - 1.5) * 1.6))));
    const calls = g.r() < 1 / 12 ? g.int(1, 6) : 0;
    const text = sourceFile(lang, seed * 100_003 + i, lines, calls);
    const rel = join(lang === 'python' ? 'services' : 'web', `pkg${pkg}`, `${g.snake()}_${i}${EXT[lang]}`);
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
    stats.lines += text.split('\n').length - 1;
    stats.byLang[lang]++;
    if (calls > 0) stats.withCalls++;
  }
  return stats;
}
