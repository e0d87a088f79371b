/** The SDK recognizers, one per family; the first that recognizes a candidate wins. */
import type { Candidate, CallSite, QName } from '../types';
import type { RecognizeContext, Recognizer } from './common';
import { recognizeAnthropic } from './anthropic';
import { recognizeOpenAI } from './openai';
import { recognizeGoogle } from './google';
import { recognizeVercel } from './vercel';
import { recognizeLangChain } from './langchain';
import { recognizeLiteLLM } from './litellm';
import { LineIndex } from '../text/lineIndex';

export type { RecognizeContext } from './common';

export const recognizers: Recognizer[] = [recognizeAnthropic, recognizeOpenAI, recognizeGoogle, recognizeVercel, recognizeLangChain, recognizeLiteLLM];

export function recognize(c: Candidate, ctx: RecognizeContext): CallSite | null {
  // A root that is one of several SDK clients: the first alternative whose SDK has this call.
  if (c.callee.origin === 'param' && c.callee.alts?.length) {
    for (const alt of c.callee.alts) {
      const site = recognize({ ...c, callee: { ...alt, path: [...alt.path, ...c.callee.path] } }, ctx);
      if (site) return site;
    }
  }
  const cand = unwrapClient(fromOwnModule(withPackageName(c)));
  for (const r of recognizers) {
    const site = r(cand, ctx);
    if (site) return site;
  }
  // An import no recognizer knows (`from clients import anthropic_client`, a module outside the
  // workspace): the client's origin is unknown, so the unmistakable shape may still make it a call.
  const q = cand.callee;
  if (q.origin === 'import' && q.path.length > 1) {
    const unknown = asUnknownOrigin(cand);
    if (unknown !== cand) for (const r of recognizers) {
      const site = r(unknown, ctx);
      if (site) return site;
    }
  }
  return null;
}

/**
 * Functions that take an SDK client and return it patched with the same API (instructor's
 * `patch`/`from_openai`, LangSmith's `wrap_openai`, Braintrust's `wrap_openai`, Opik's
 * `track_openai`): `instructor.patch(OpenAI()).chat.completions.create(...)` is a request
 * through the wrapped client, so the wrapper step is dropped.
 */
const CLIENT_WRAPPERS: Record<string, RegExp> = {
  instructor: /^(patch|apatch|from_openai|from_anthropic)$/,
  'langsmith.wrappers': /^(wrap_openai|wrap_anthropic)$/,
  'langsmith/wrappers': /^(wrapOpenAI|wrapAnthropic)$/,
  'langsmith/wrappers/openai': /^wrapOpenAI$/,
  braintrust: /^(wrap_openai|wrap_anthropic|wrapOpenAI|wrapAnthropic)$/,
  'opik.integrations.openai': /^track_openai$/,
  'opik.integrations.anthropic': /^track_anthropic$/,
  langfuse: /^observeOpenAI$/,
};

/**
 * Drop-in replacements of an SDK module: `from langfuse.openai import openai` (or `OpenAI`) is
 * the OpenAI SDK with tracing. `module` is the SDK they stand for; a leading `strip` step (the
 * re-exported module object) is dropped.
 */
const DROP_IN_MODULES: Record<string, { module: string; strip?: string }> = {
  'langfuse.openai': { module: 'openai', strip: 'openai' },
};

/**
 * A callee the front end traced to a module of the project it could not follow (`./lib/ai` is
 * not in the workspace, or its export is not a literal client): its origin is unknown, like a
 * parameter's, so only the unmistakable shape is accepted (the SDK's method path and a model of
 * that SDK's provider). `import { openai } from "./ai"` + `openai.chat.completions.create(…)`.
 */
function fromOwnModule(c: Candidate): Candidate {
  const q = c.callee;
  if (q.origin !== 'import' || !q.module || !/^(\.{1,2}\/|@\/|~\/|\.)/.test(q.module)) return c;
  return asUnknownOrigin(c);
}

/** The callee as one of unknown origin: its first imported name becomes the root (unchanged when that is not a name). */
function asUnknownOrigin(c: Candidate): Candidate {
  const [root, ...path] = c.callee.path;
  if (typeof root !== 'string') return c;
  return { ...c, callee: { module: null, root, path, origin: 'param' } };
}

/** instructor's shorthand on a patched client: `client.create(…)` is the SDK's own request method. */
const INSTRUCTOR_SHORTHAND = new Set(['create', 'create_with_completion', 'create_partial', 'create_iterable']);
const INSTRUCTOR_REQUEST: Record<string, string[]> = { openai: ['chat', 'completions', 'create'], anthropic: ['messages', 'create'] };

/**
 * Deno and CDN specifiers of an npm package: `npm:openai@4.8.0`, `jsr:@anthropic-ai/sdk`,
 * `https://deno.land/x/openai@v4.24.0/mod.ts`, `https://esm.sh/@anthropic-ai/sdk@0.20.0` → the package name.
 */
export function packageOfSpecifier(module: string): string {
  let m = /^(?:npm|jsr):(@[^/@]+\/[^/@]+|[^/@]+)/.exec(module);
  if (m) return m[1]!;
  // require("./node_modules/openai")
  m = /(?:^|\/)node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(module);
  if (m) return m[1]!;
  m = /^https?:\/\/(?:deno\.land\/x|esm\.sh|cdn\.skypack\.dev|esm\.run|cdn\.jsdelivr\.net\/npm|unpkg\.com)\/(@[^/@]+\/[^/@]+|[^/@?]+)/.exec(module);
  return m ? m[1]! : module;
}

/** The callee's module as a package name (Deno `npm:`/URL specifiers, paths into node_modules). */
function withPackageName(c: Candidate): Candidate {
  const q = c.callee;
  if (q.origin !== 'import' || !q.module) return c;
  const pkg = packageOfSpecifier(q.module);
  return pkg === q.module ? c : { ...c, callee: { ...q, module: pkg } };
}

function unwrapClient(c: Candidate): Candidate {
  let q = c.callee;
  if (q.origin !== 'import' || !q.module) return c;
  const dropIn = DROP_IN_MODULES[q.module];
  if (dropIn) {
    const path = dropIn.strip && q.path[0] === dropIn.strip ? q.path.slice(1) : q.path;
    q = { ...q, module: dropIn.module, path };
    c = { ...c, callee: q };
  }
  const wrapper = CLIENT_WRAPPERS[q.module!];
  const [fn, call] = q.path;
  if (!wrapper || typeof fn !== 'string' || !wrapper.test(fn) || !call || typeof call === 'string') return c;
  const inner = call.call.positional[0] ?? call.call.named.entries.find((e) => e.key === 'client')?.value;
  if (inner?.t !== 'call' || inner.callee.origin !== 'import') return c;
  let rest = q.path.slice(2);
  const request = q.module === 'instructor' && inner.callee.module ? INSTRUCTOR_REQUEST[inner.callee.module] : undefined;
  if (request && rest.length === 1 && typeof rest[0] === 'string' && INSTRUCTOR_SHORTHAND.has(rest[0])) rest = request;
  return { ...c, callee: { ...inner.callee, path: [...inner.callee.path, { call: inner.args }, ...rest] } };
}

/**
 * Last steps of every API the recognizers accept. A callee whose last step is not one of these
 * (and that is not an LLM client or chat-model constructor) cannot be an LLM call, so the front
 * ends need not resolve its arguments.
 */
const API_STEPS = new Set([
  'create', 'stream', 'parse', 'count_tokens', 'countTokens', 'runTools', 'runFunctions', 'tool_runner', 'toolRunner',
  'acreate', 'createChatCompletion', 'createCompletion',
  'generate_content', 'generate_content_stream', 'generate_content_async', 'generateContent', 'generateContentStream',
  'send_message', 'send_message_stream', 'send_message_async', 'sendMessage', 'sendMessageStream',
  'generateText', 'streamText', 'generateObject', 'streamObject',
  'completion', 'acompletion', 'text_completion', 'atext_completion', 'responses', 'aresponses',
]);

/** LangChain chat-model classes: the constructor call is the call site. */
const CHAT_CLASS = /^(Azure)?Chat[A-Z]\w*$/;

export function mayBeLlmCall(callee: QName): boolean {
  let last: string | undefined;
  for (let i = callee.path.length - 1; i >= 0; i--) {
    const step = callee.path[i];
    if (typeof step === 'string') {
      last = step;
      break;
    }
  }
  if (last === undefined) return false;
  if (API_STEPS.has(last)) return true;
  // LangChain chat models: the constructor call is the call site.
  return CHAT_CLASS.test(last);
}

/**
 * A cheap text test before any parsing: false when `text` cannot hold an LLM call, because no API
 * step of `API_STEPS` appears in it as a word and no `Chat…` class name does (every call site's
 * callee ends in one, written somewhere in the file: the property, the destructured or imported
 * name). Occurrences right after `JSON.`, `Date.`, `Object.`, `path.` or `url.` (JSON.parse,
 * Object.create, …) do not count. Most application files fail this test and skip the parser;
 * measured in bench/run.ts.
 */
export function mayContainLlmCall(text: string): boolean {
  return MAY_CALL.test(text);
}

/** Filters on the names calls are written with, before any resolution (see `callFilters`). */
export interface CallFilters {
  /** False when a call written `name(…)` / `x.name(…)` cannot be an LLM call. */
  wantedName(name: string): boolean;
  /**
   * False when no call written in the part `start`–`end` of the file can be an LLM call (one
   * pass over the file on first use, then a lookup).
   */
  mayHoldCallIn(start: number, end: number): boolean;
}

/**
 * `wantedName` is true for the API steps and `Chat…` constructors, and for every word written
 * (outside string literals, and not called right there) within two lines of an API step in
 * `text` — the names a step may be bound to (`self._complete = client.chat.completions.create`, `import { generateText as gen }`),
 * which resolution follows. The front ends resolve only the callees it lets through, and skip
 * function bodies where `mayHoldCallIn` is false until something asks for them.
 */
export function callFilters(text: string): CallFilters {
  let near: Set<string> | null = null;
  const wantedName = (name: string): boolean => {
    if (API_STEPS.has(name) || CHAT_CLASS.test(name) || CALL_THROUGH_NAMES.has(name)) return true;
    near ??= wordsNearApiSteps(text);
    return near.has(name);
  };
  let offsets: number[] | null = null;
  const mayHoldCallIn = (start: number, end: number): boolean => {
    if (!offsets) {
      offsets = [];
      for (const m of text.matchAll(CALLED_NAME)) if (wantedName(m[1]!)) offsets.push(m.index);
    }
    // The first wanted call at or after start.
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets.length && offsets[lo]! < end;
  };
  return { wantedName, mayHoldCallIn };
}

/** Functions that call the function they are given (`asyncio.to_thread(client.chat.completions.create, …)`). */
const CALL_THROUGH_NAMES = new Set(['to_thread', 'partial', 'run_in_executor']);

/** A name followed by a call's parenthesis (TypeScript type arguments and `?.(` included). */
const CALLED_NAME = /([A-Za-z_$][\w$]*)\s*(?:<[^()\n]*>\s*)?(?:\?\.\s*)?\(/g;

function wordsNearApiSteps(text: string): Set<string> {
  const words = new Set<string>();
  // The lines that name an API step (one pass of the pattern over the text), and two around each.
  const lines = new LineIndex(text);
  const done = new Set<number>();
  let last = -1;
  for (const m of text.matchAll(MAY_CALL_ALL)) {
    const i = lines.lineOf(m.index);
    if (i === last) continue;
    last = i;
    if (lines.lineText(i).length > 10_000) continue;
    for (let j = Math.max(0, i - 2); j <= Math.min(lines.lineCount - 1, i + 2); j++) {
      if (done.has(j)) continue;
      done.add(j);
      const code = lines.lineText(j).slice(0, 10_000).replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
      // A name called right there (`range(`, `len(`) is a call, not a name the step is bound to.
      for (const w of code.matchAll(/([A-Za-z_$][\w$]*)(\s*\()?/g)) if (!w[2]) words.add(w[1]!);
    }
  }
  return words;
}

const MAY_CALL = new RegExp(`(?<!\\b(?:JSON|Date|Object|path|url)\\.)\\b(?:${[...API_STEPS].join('|')})\\b|\\b(?:Azure)?Chat[A-Z]`);
const MAY_CALL_ALL = new RegExp(MAY_CALL.source, 'g');

/** True when `text` names an API step (`create`, `generateText`, `ChatOpenAI`, …). */
export function namesApiStep(text: string): boolean {
  return MAY_CALL.test(text);
}

/** The names written right before a call's parenthesis in `text`, in order. */
export function calledNamesIn(text: string): string[] {
  return [...text.matchAll(CALLED_NAME)].map((m) => m[1]!);
}

