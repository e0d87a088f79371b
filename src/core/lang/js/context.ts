/**
 * Context of a call in JS/TS: enclosing loops (innermost first), retry loops and their backoff,
 * HTTP route handlers / queue consumers, tests. One level interprocedural: the loops around the
 * calls of the enclosing function (declared in this file) count too.
 */
import type { Node } from '../../parse/parser';
import type { CallContext, LoopInfo, RetryInfo, Span } from '../../types';
import { FUNCTION_TYPES, lookup, type Mod } from './module';
import { up } from './module';
import { noteReadNode } from '../trace';

const MAX_CLIMB = 400;

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'all', 'use', 'options', 'head', 'route', 'on']);
const QUEUE_METHODS = new Set(['process', 'consume', 'subscribe', 'handle']);
const HANDLER_KEYS = new Set(['eachMessage', 'eachBatch', 'handler']);
const TEST_CALLS = new Set(['describe', 'it', 'test', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'before', 'after', 'suite', 'context', 'bench']);
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const SLEEP_NAMES = /^(sleep|delay|wait|pause|setTimeout|backoff|timeout|sleepMs|waitFor|setTimeoutPromise)$/i;

function span(n: Node): Span {
  return { start: n.startIndex, end: n.endIndex };
}

export function isTestPath(path: string): boolean {
  if (/[._-](test|spec)\.[cm]?[jt]sx?$/i.test(path)) return true;
  // Fixture folders hold code under analysis, not tests.
  if (/\/(fixtures|__fixtures__|testdata)\//.test(path)) return false;
  return /(^|\/)(__tests__|__test__|test|tests|e2e)\//.test(path);
}

/** The source of a small node (empty for big ones: regexes never scan a whole bundle). */
function short(n: Node, max: number): string {
  return n.endIndex - n.startIndex > max ? '' : n.text;
}

/** Name of a callee (`f`, `a.b.f` → 'f'), and the receiver's text. */
function calleeName(call: Node): { name: string; recv: string; full: string } {
  const fn = call.childForFieldName('function') ?? call.childForFieldName('constructor');
  if (!fn) return { name: '', recv: '', full: '' };
  if (fn.type === 'identifier') return { name: fn.text, recv: '', full: fn.text };
  if (fn.type === 'member_expression') {
    const obj = fn.childForFieldName('object');
    return { name: fn.childForFieldName('property')?.text ?? '', recv: obj ? short(obj, 60) : '', full: short(fn, 80) };
  }
  return { name: '', recv: '', full: short(fn, 80) };
}

/** When `fn` is passed directly as an argument of a call (possibly inside an options object), that call and the key. */
function callbackOf(fn: Node): { call: Node; key: string | null; index: number } | null {
  let p = up(fn);
  let key: string | null = null;
  if (p?.type === 'pair') {
    key = p.childForFieldName('key')?.text ?? null;
    p = up(p); // object
    if (p?.type !== 'object') return null;
    const args = up(p);
    if (args?.type !== 'arguments') return null;
    const call = up(args);
    return call && (call.type === 'call_expression' || call.type === 'new_expression') ? { call, key, index: args.namedChildren.findIndex((c) => c.id === p!.id) } : null;
  }
  if (p?.type !== 'arguments') return null;
  const call = up(p);
  if (!call || (call.type !== 'call_expression' && call.type !== 'new_expression')) return null;
  return { call, key: null, index: p.namedChildren.findIndex((c) => c.id === fn.id) };
}

function unwrapUp(n: Node): Node {
  let p = up(n);
  while (p && (p.type === 'await_expression' || p.type === 'parenthesized_expression' || p.type === 'as_expression')) {
    n = p;
    p = up(n);
  }
  return n;
}

interface Walk {
  loops: LoopInfo[];
  retry: RetryInfo | null;
  handler: boolean;
  test: boolean;
  /** The first enclosing function that is not a callback (where climbing stopped). */
  owner: Node | null;
}

/** Climb from `node` collecting loops, handler and test markers, up to the owning function. */
function climb(node: Node, mod: Mod): Walk {
  const w: Walk = { loops: [], retry: null, handler: false, test: false, owner: null };
  let child: Node = node;
  let n: Node | null = up(node);
  let steps = 0;
  let inTryOf: Node | null = null; // innermost try statement whose body contains the call
  let stopLoops = false;
  while (n && steps++ < MAX_CLIMB) {
    const t = n.type;
    if (t === 'try_statement' && !inTryOf && !stopLoops && n.childForFieldName('body')?.id === child.id) inTryOf = n;
    if (!stopLoops && (t === 'for_statement' || t === 'for_in_statement' || t === 'while_statement' || t === 'do_statement')) {
      if (n.childForFieldName('body')?.id === child.id || t === 'do_statement') {
        const loop = loopInfo(n, mod, inTryOf);
        w.loops.push(loop);
        if (loop.retryShape && !w.retry) w.retry = { span: loop.span, ...backoffOf(n, inTryOf) };
      }
    }
    if (FUNCTION_TYPES.has(t)) {
      const cb = callbackOf(n);
      if (cb) {
        const { name, recv, full } = calleeName(cb.call);
        const isNew = cb.call.type === 'new_expression';
        if (!isNew && TEST_CALLS.has(name.split('.')[0]!) && (recv === '' || TEST_CALLS.has(recv.split('.')[0]!))) w.test = true;
        if (!isNew && recv && TEST_CALLS.has(recv.split('.')[0]!)) w.test = true;
        if (isHandlerCall(cb.call, name, recv, full, cb.key, isNew)) w.handler = true;
        if (!stopLoops) {
          if (/^(pRetry|retry|backOff|asyncRetry|withRetry|retryAsync)$/.test(name) && !w.retry) w.retry = { span: span(cb.call), backoff: 'exponential' };
          const mapped = mapLoop(cb.call, name, mod);
          if (mapped) w.loops.push(mapped);
        }
      } else {
        if (!stopLoops) w.owner = n;
        stopLoops = true;
        if (isHandlerFunction(n, mod)) w.handler = true;
      }
    }
    child = n;
    n = up(n);
  }
  return w;
}

function isHandlerCall(call: Node, name: string, recv: string, full: string, key: string | null, isNew: boolean): boolean {
  if (isNew) return name === 'Worker' || /(^|\.)Worker$/.test(full);
  if (key && HANDLER_KEYS.has(key)) return key !== 'handler' || ROUTE_METHODS.has(name) || /route/i.test(name);
  if (QUEUE_METHODS.has(name) && /(queue|worker|consumer|channel|subscriber|bull|job)/i.test(recv)) return true;
  if (!ROUTE_METHODS.has(name) || !recv) return false;
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  if (first && (first.type === 'string' || first.type === 'template_string')) noteReadNode(first);
  const path = first && (first.type === 'string' || first.type === 'template_string') ? first.text.slice(1, -1) : null;
  if (path !== null && (path.startsWith('/') || path === '*')) return true;
  return /^(app|router|server|api|fastify|hono|routes?|r|srv|web|http|express)$/i.test(recv) || /(Router|App|router|app|Server|server)$/.test(recv);
}

/** Next.js / Lambda / Pages handlers recognised by their export. */
function isHandlerFunction(fn: Node, mod: Mod): boolean {
  let name: string | null = null;
  let exported = false;
  let isDefault = false;
  if (fn.type === 'function_declaration') {
    name = fn.childForFieldName('name')?.text ?? null;
    exported = up(fn)?.type === 'export_statement';
    isDefault = exported && up(fn)!.children.some((c) => c.type === 'default');
  } else if (fn.type === 'function_expression' || fn.type === 'arrow_function' || fn.type === 'function') {
    const p = up(unwrapUp(fn));
    if (p?.type === 'variable_declarator') {
      name = p.childForFieldName('name')?.text ?? null;
      const decl = up(p);
      exported = (decl ? up(decl) : null)?.type === 'export_statement';
    } else if (p?.type === 'export_statement') {
      exported = isDefault = true;
    } else if (p?.type === 'assignment_expression') {
      const leftNode = p.childForFieldName('left');
      const left = leftNode ? short(leftNode, 80).replace(/\s+/g, '') : '';
      if (/^(module\.)?exports\.handler$/.test(left)) return true;
      if (left === 'module.exports' && /\/pages\/api\//.test(mod.path)) return true;
    }
  }
  if (exported && name && NEXT_METHODS.has(name) && /(^|\/)route\.[cm]?[jt]sx?$/.test(mod.path)) return true;
  if (isDefault && /\/pages\/api\//.test(mod.path)) return true;
  if (exported && name === 'handler') return true;
  return false;
}

function loopInfo(n: Node, mod: Mod, inTry: Node | null): LoopInfo {
  const s = span(n);
  if (n.type === 'for_in_statement') {
    const right = n.childForFieldName('right');
    const isOf = n.children.some((c) => c.type === 'of');
    let iterations: number | null = null;
    if (isOf && right) iterations = literalLength(right, mod);
    return { kind: 'for', span: s, iterations, retryShape: false };
  }
  let iterations: number | null = null;
  let retryish = false;
  if (n.type === 'for_statement') {
    const init = n.childForFieldName('initializer');
    const cond = n.childForFieldName('condition');
    const m = /^\s*(?:let|var)?\s*([\w$]+)\s*=\s*(\d+)/.exec(init ? short(init, 300) : '');
    const c = cond ? /([\w$]+)\s*(<=?)\s*(\d+)/.exec(short(cond, 300)) : null;
    if (m && c && m[1] === c[1]) {
      const from = Number(m[2]);
      const to = Number(c[3]) + (c[2] === '<=' ? 1 : 0);
      iterations = Math.max(0, to - from);
    } else if (m && cond) {
      const c2 = /([\w$]+)\s*(<=?)\s*([\w$]+)/.exec(short(cond, 300));
      if (c2 && c2[1] === m[1]) {
        const b = lookup(mod, c2[3]!, cond);
        const init2 = b?.k === 'var' ? b.init : null;
        if (init2?.type === 'number') iterations = Math.max(0, Number(init2.text.replace(/_/g, '')) + (c2[2] === '<=' ? 1 : 0) - Number(m[2]));
      }
      const c3 = /([\w$]+)\s*<\s*([\w$]+)\.length\b/.exec(short(cond, 300));
      if (c3 && c3[1] === m[1]) {
        const arrName = cond.descendantsOfType('identifier').find((x) => x?.text === c3[2]);
        const len = arrName ? literalLength(arrName, mod) : null;
        if (len !== null) iterations = Math.max(0, len - Number(m[2]));
      }
    }
    retryish = /attempt|retr|tries|try\b|tried/i.test((init ? short(init, 300) : '') + (cond ? short(cond, 300) : '')) || !cond;
  } else {
    const cond = n.childForFieldName('condition');
    const ct = (cond ? short(cond, 300) : '').replace(/[()\s]/g, '');
    retryish = ct === 'true' || ct === '1' || /attempt|retr|tries|tried|--|success|done|ok/i.test(ct);
  }
  const exitsOnSuccess = !!inTry && hasExit(inTry.childForFieldName('body'));
  const retryShape = !!inTry && (exitsOnSuccess || retryish) && (retryish || exitsOnSuccess);
  return { kind: n.type === 'for_statement' ? 'for' : 'while', span: s, iterations, retryShape };
}

/** A return/break in a try body (not in nested functions or loops): the loop stops on success. */
function hasExit(body: Node | null): boolean {
  if (!body) return false;
  const stack: Node[] = [body];
  let visited = 0;
  while (stack.length && visited++ < 3000) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (c.type === 'return_statement' || c.type === 'break_statement') return true;
      if (FUNCTION_TYPES.has(c.type) || /^(for_statement|for_in_statement|while_statement|do_statement|switch_statement)$/.test(c.type)) continue;
      stack.push(c);
    }
  }
  return false;
}

/** Backoff between attempts of a retry loop (or in a catch that retries). */
function backoffOf(region: Node, inTry: Node | null): { backoff: RetryInfo['backoff']; sleepSpan?: Span } {
  let sleep: Node | null = null;
  const stack: Node[] = [region];
  let visited = 0;
  const tryBody = inTry?.childForFieldName('body');
  while (stack.length && visited++ < 5000) {
    const n = stack.pop()!;
    if (tryBody && n.id === tryBody.id) continue;
    if (n.type === 'call_expression' || n.type === 'new_expression') {
      const { name } = calleeName(n);
      if (SLEEP_NAMES.test(name) && (n.type === 'new_expression' || name !== 'setTimeout' || true)) {
        sleep = n;
        break;
      }
    }
    for (let i = n.namedChildCount - 1; i >= 0; i--) stack.push(n.namedChildren[i]!);
  }
  if (!sleep) return { backoff: 'none' };
  const text = region.endIndex - region.startIndex > 20000 ? region.text.slice(0, 20000) : region.text;
  const expo = /\*\*|Math\.pow|<<|\*=\s*\d|=\s*[\w$.]+\s*\*\s*(2|1\.\d+|factor|multiplier)\b|exponential|backoff\s*\*|\*\s*2\b|2\s*\*\s*[\w$]/.test(text);
  // The delay uses a name the loop counts up (`attempt++`, `delay += 500`): it grows with each attempt.
  const argText = (sleep.childForFieldName('arguments')?.text ?? '').slice(0, 2000);
  const linear =
    !expo &&
    [...new Set(argText.match(/[A-Za-z_$][\w$]*/g) ?? [])].some((id) => {
      const e = id.replace(/\$/g, '\\$');
      return new RegExp(`\\+\\+\\s*${e}\\b|(^|[^\\w$.])${e}\\s*(\\+\\+|\\+=|\\*=)`).test(text);
    });
  return { backoff: expo ? 'exponential' : linear ? 'linear' : 'constant', sleepSpan: span(sleep) };
}

/** `.map(cb)` / `.forEach(cb)` / `pMap(xs, cb)` / inside `Promise.all(...)`. */
function mapLoop(call: Node, name: string, mod: Mod): LoopInfo | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  let recvNode: Node | null = null;
  if (fn.type === 'member_expression' && /^(map|forEach|flatMap)$/.test(name)) recvNode = fn.childForFieldName('object');
  else if (/^(pMap|pMapSeries|mapLimit|mapSeries|eachLimit|mapConcurrent)$/.test(name) || (fn.type === 'member_expression' && /^(map|mapSeries|each)$/.test(name) && /^(Promise|Bluebird|async)$/.test(fn.childForFieldName('object')?.text ?? ''))) {
    recvNode = call.childForFieldName('arguments')?.namedChildren[0] ?? null;
  } else return null;
  const iterations = recvNode ? literalLength(recvNode, mod) : null;
  // Promise.all(xs.map(...))
  const outer = up(unwrapUp(call));
  if (outer?.type === 'arguments') {
    const pc = up(outer);
    const pfn = pc?.childForFieldName('function');
    const pf = pfn && short(pfn, 60).replace(/\s+/g, '');
    if (pf && /^Promise\.(all|allSettled|race|any)$/.test(pf)) return { kind: 'promise-all', span: span(pc!), iterations, retryShape: false };
  }
  return { kind: 'map', span: span(call), iterations, retryShape: false };
}

/** Length of an array literal (or a const bound to one), else null. */
function literalLength(n: Node, mod: Mod): number | null {
  let node: Node | null = n;
  for (let i = 0; i < 5 && node; i++) {
    if (node.type === 'parenthesized_expression' || node.type === 'as_expression' || node.type === 'satisfies_expression') {
      node = node.namedChildren[0] ?? null;
      continue;
    }
    if (node.type === 'array') {
      if (node.namedChildren.some((c) => c.type === 'spread_element')) return null;
      return node.namedChildren.filter((c) => c.type !== 'comment').length;
    }
    if (node.type === 'identifier') {
      const b = lookup(mod, node.text, node);
      if (b?.k === 'var' && b.dpath?.length === 0 && (b.kind === 'const' || !mod.assigned.has(node.text))) {
        node = b.init;
        continue;
      }
    }
    return null;
  }
  return null;
}

/** Name under which a function can be called in this file (declaration, const f = () =>, method). */
function functionName(fn: Node): string | null {
  if (fn.type === 'function_declaration' || fn.type === 'generator_function_declaration' || fn.type === 'method_definition') return fn.childForFieldName('name')?.text ?? null;
  const p = up(unwrapUp(fn));
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text ?? null;
  if (p?.type === 'pair') return p.childForFieldName('key')?.text ?? null;
  if (p?.type === 'public_field_definition' || p?.type === 'field_definition') return (p.childForFieldName('name') ?? p.childForFieldName('property'))?.text ?? null;
  return null;
}

/** An arrow/function stored in a class field (`run = async () => …`): called as this.run(). */
function isFieldFunction(fn: Node): boolean {
  const p = up(unwrapUp(fn));
  return p?.type === 'public_field_definition' || p?.type === 'field_definition';
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** Recursive retry: the call sits in a try whose catch calls the owning function again. */
function recursiveRetry(node: Node, owner: Node, name: string): RetryInfo | null {
  let n: Node | null = up(node);
  let child: Node = node;
  let steps = 0;
  while (n && n.id !== owner.id && steps++ < MAX_CLIMB) {
    if (n.type === 'try_statement' && n.childForFieldName('body')?.id === child.id) {
      const handler = n.childForFieldName('handler');
      if (handler) {
        const stack: Node[] = [handler];
        let visited = 0;
        while (stack.length && visited++ < 3000) {
          const x = stack.pop()!;
          if (x.type === 'call_expression' && calleeName(x).name === name) {
            return { span: span(x), ...backoffOf(handler, null) };
          }
          for (const c of x.namedChildren) stack.push(c);
        }
      }
    }
    child = n;
    n = up(n);
  }
  return null;
}

/** The full context of a call. */
export function contextOf(node: Node, mod: Mod): CallContext {
  const w = climb(node, mod);
  const ctx: CallContext = { loops: w.loops, retry: w.retry, inRequestHandler: w.handler, inTest: w.test || isTestPath(mod.testPath ?? mod.path) };
  if (w.owner) {
    const name = functionName(w.owner);
    if (name) {
      if (!ctx.retry) ctx.retry = recursiveRetry(node, w.owner, name);
      const outer = callersOf(w.owner, name, mod);
      const seen = new Set(ctx.loops.map((l) => `${l.span.start}:${l.span.end}`));
      for (const l of outer.loops) {
        const key = `${l.span.start}:${l.span.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.loops.push(l);
      }
      if (outer.handler) ctx.inRequestHandler = true;
      if (!ctx.retry && outer.retry) ctx.retry = outer.retry;
    }
  }
  return ctx;
}

const callersCache = new WeakMap<Mod, Map<number, { loops: LoopInfo[]; handler: boolean; retry: RetryInfo | null }>>();

/** Loops, handlers and retries around the calls of a function in this file (one level), cached per function. */
function callersOf(owner: Node, name: string, mod: Mod): { loops: LoopInfo[]; handler: boolean; retry: RetryInfo | null } {
  let m = callersCache.get(mod);
  if (!m) callersCache.set(mod, (m = new Map()));
  const hit = m.get(owner.id);
  if (hit) return hit;
  const out = { loops: [] as LoopInfo[], handler: false, retry: null as RetryInfo | null };
  const seen = new Set<string>();
  for (const site of mod.callsNamed(name)) {
    if (contains(owner, site)) continue;
    const fn = site.childForFieldName('function');
    if (!fn) continue;
    // a method is called as this.m(…); a function by its name (other objects' .m() are not this function)
    if (owner.type === 'method_definition' || isFieldFunction(owner)) {
      if (fn.type !== 'member_expression' || fn.childForFieldName('object')?.type !== 'this') continue;
    } else if (fn.type !== 'identifier') continue;
    const w = climb(site, mod);
    for (const l of w.loops) {
      const key = `${l.span.start}:${l.span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.loops.push(l);
    }
    if (w.handler) out.handler = true;
    if (!out.retry && w.retry) out.retry = w.retry;
  }
  // Passed by name as a route handler: app.post('/x', handle)
  if (!out.handler) out.handler = passedAsHandler(mod, name);
  m.set(owner.id, out);
  return out;
}

const handlerNamesCache = new WeakMap<Mod, Set<string>>();

/** Names of functions passed by reference to a route/queue registration (`app.post('/x', handle)`). */
function passedAsHandler(mod: Mod, name: string): boolean {
  let names = handlerNamesCache.get(mod);
  if (!names) {
    names = new Set();
    handlerNamesCache.set(mod, names);
    // consumer.run({ eachMessage }) / fastify.route({ handler }) with a function defined elsewhere
    for (const method of ['run', 'route']) {
      for (const call of mod.callsNamed(method)) {
        for (const obj of call.childForFieldName('arguments')?.namedChildren ?? []) {
          if (obj.type !== 'object') continue;
          for (const p of obj.namedChildren) {
            if (p.type === 'shorthand_property_identifier' && HANDLER_KEYS.has(p.text)) names.add(p.text);
            else if (p.type === 'pair' && HANDLER_KEYS.has(p.childForFieldName('key')?.text ?? '') && p.childForFieldName('value')?.type === 'identifier') names.add(p.childForFieldName('value')!.text);
          }
        }
      }
    }
    for (const method of [...ROUTE_METHODS, ...QUEUE_METHODS, 'Worker']) {
      for (const call of mod.callsNamed(method)) {
        const args = call.childForFieldName('arguments');
        if (!args || args.type !== 'arguments') continue;
        const ids = args.namedChildren.filter((a) => a.type === 'identifier');
        if (!ids.length) continue;
        const { name: cn, recv, full } = calleeName(call);
        if (isHandlerCall(call, cn, recv, full, null, call.type === 'new_expression')) for (const id of ids) names.add(id.text);
      }
    }
  }
  return names.has(name);
}
