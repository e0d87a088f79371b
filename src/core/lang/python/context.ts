/**
 * The context of a Python call: enclosing loops (innermost first, with static iteration counts
 * where known), retry loops and retry decorators with their backoff, request handlers and tests,
 * plus one level of interprocedural context (the loops around the calls of the enclosing
 * function in the same file).
 */
import type { Node } from '../../parse/parser';
import type { CallContext, LoopInfo, RetryInfo } from '../../types';
import type { Analyzer } from './analyzer';
import { spanOf } from './analyzer';
import { basename } from './paths';
import type { CallRec, FnInfo } from './scan';

const MAP_METHODS = new Set(['map', 'imap', 'imap_unordered', 'starmap', 'map_async', 'starmap_async']);
const SUBMIT_METHODS = new Set(['submit', 'apply_async', 'run_in_executor', 'create_task', 'ensure_future', 'to_thread']);

function named(n: Node | null | undefined): Node[] {
  if (!n) return [];
  return n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

interface Own {
  loops: LoopInfo[];
  retry: RetryInfo | null;
}

export class ContextBuilder {
  private readonly byCallee = new Map<string, CallRec[]>();
  private readonly byArgRef = new Map<string, CallRec[]>();
  private readonly fileIsTest: boolean;
  private readonly ownMemo = new Map<number, Own>();
  private readonly retryMemo = new Map<number, RetryInfo>();
  /** Names X with a `gather(*X` somewhere in the file. */
  private readonly gathered = new Set<string>();

  /** How many of `a.scan.calls` are in byCallee/byArgRef (the scan grows as bodies are scanned on demand). */
  private indexed = 0;

  constructor(
    private readonly a: Analyzer,
    testPath?: string,
  ) {
    for (const m of a.env.text.matchAll(/gather\(\s*\*\s*([A-Za-z_]\w*)/g)) this.gathered.add(m[1]!);
    const path = testPath ?? a.env.path;
    const base = basename(path);
    this.fileIsTest = /^test_.*\.py$|_test\.py$|^conftest\.py$/.test(base) || /(^|\/)tests?\//.test(path);
  }

  /** Index the calls the scan has found since the last time. */
  private indexCalls(): void {
    const calls = this.a.scan.calls;
    for (; this.indexed < calls.length; this.indexed++) {
      const rec = calls[this.indexed]!;
      const fn = rec.node.childForFieldName('function');
      if (!fn) continue;
      let key: string | null = null;
      if (fn.type === 'identifier') key = fn.text;
      else if (fn.type === 'attribute') key = fn.childForFieldName('attribute')?.text ?? null;
      if (key) push(this.byCallee, key, rec);
      if (key && (MAP_METHODS.has(key) || SUBMIT_METHODS.has(key))) {
        for (const arg of named(rec.node.childForFieldName('arguments')).slice(0, 2)) {
          const id = arg.type === 'identifier' ? arg.text : arg.type === 'attribute' ? arg.childForFieldName('attribute')?.text : null;
          if (id) push(this.byArgRef, id, rec);
        }
      }
    }
  }

  context(rec: CallRec): CallContext {
    const own = this.own(rec);
    const loops = [...own.loops];
    let retry = own.retry;
    let inRequestHandler = this.handlerChain(rec.fn);
    let inTest = this.fileIsTest || this.testChain(rec.fn);
    if (!retry) retry = this.decoratorRetry(rec.fn);
    // One level up: where the enclosing function is called from.
    const fn = rec.fn;
    if (fn) {
      const sites = this.callersOf(fn);
      let took = false;
      for (const s of sites) {
        const o = this.own(s.rec);
        const extra = s.mapCall ? [this.mapLoop(s.mapCall), ...o.loops] : o.loops;
        if (!took && extra.length) {
          loops.push(...extra);
          took = true;
        }
        if (!retry && o.retry) retry = o.retry;
        if (!inRequestHandler && this.handlerChain(s.rec.fn)) inRequestHandler = true;
      }
      if (!inTest && sites.length && sites.every((s) => this.testChain(s.rec.fn))) inTest = true;
    }
    return { loops, retry, inRequestHandler, inTest };
  }

  private mapLoop(call: Node): LoopInfo {
    const args = named(call.childForFieldName('arguments'));
    const coll = args[1];
    let iterations: number | null = null;
    if (coll) iterations = this.iterCount(coll);
    return { kind: 'map', span: spanOf(call), iterations, retryShape: false };
  }

  private readonly callersMemo = new Map<FnInfo, Array<{ rec: CallRec; mapCall?: Node }>>();

  private callersOf(fn: FnInfo): Array<{ rec: CallRec; mapCall?: Node }> {
    let memo = this.callersMemo.get(fn);
    if (!memo) {
      memo = this.findCallers(fn);
      this.callersMemo.set(fn, memo);
    }
    return memo;
  }

  private findCallers(fn: FnInfo): Array<{ rec: CallRec; mapCall?: Node }> {
    // Every caller names the function: scan the bodies that do, then index what they hold.
    this.a.scan.lazy.mentioning(fn.name);
    this.indexCalls();
    const out: Array<{ rec: CallRec; mapCall?: Node }> = [];
    for (const rec of inOrder(this.byCallee.get(fn.name))) {
      if (rec.fn === fn) continue; // recursion
      const f = rec.node.childForFieldName('function');
      if (!f) continue;
      if (f.type === 'identifier') {
        const b = this.a.lookup(f.text, f);
        if (b && b !== 'ambiguous' && b.kind === 'def' && b.fn === fn) out.push({ rec });
      } else if (f.type === 'attribute' && fn.cls) {
        const obj = f.childForFieldName('object');
        if (obj?.type === 'identifier' && (rec.fn?.cls === fn.cls || obj.text === fn.cls.name)) out.push({ rec });
      }
    }
    for (const rec of inOrder(this.byArgRef.get(fn.name))) {
      const f = rec.node.childForFieldName('function');
      const method = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text ?? '' : f?.text ?? '';
      if (MAP_METHODS.has(method)) out.push({ rec, mapCall: rec.node });
      else out.push({ rec });
    }
    // Builtin map(fn, xs)
    for (const rec of inOrder(this.byCallee.get('map'))) {
      const f = rec.node.childForFieldName('function');
      if (f?.type !== 'identifier') continue;
      const first = named(rec.node.childForFieldName('arguments'))[0];
      if (first?.type === 'identifier' && first.text === fn.name) out.push({ rec, mapCall: rec.node });
    }
    return out;
  }

  own(rec: CallRec): Own {
    const memo = this.ownMemo.get(rec.node.id);
    if (memo) return memo;
    const loops: LoopInfo[] = [];
    let retry: RetryInfo | null = null;
    const tries: Node[] = [];
    let lastComp: LoopInfo | null = null;
    let guard = 0;
    for (let anc = rec.anc; anc && guard++ < 500; anc = anc.parent) {
      try {
        switch (anc.kind) {
          case 'try':
            tries.push(anc.node);
            break;
          case 'for': {
            const right = anc.node.childForFieldName('right');
            const left = anc.node.childForFieldName('left');
            const isRange = !!right && right.type === 'call' && right.childForFieldName('function')?.text === 'range';
            const named_ = /attempt|retr|tries|^_$/.test(left?.text ?? '');
            const retryish = (isRange || named_) && this.retryTry(tries) && (named_ || this.exitsOnSuccess(anc.node));
            const info: LoopInfo = {
              kind: this.feedsGather(rec.node, anc.node) ? 'gather' : 'for',
              span: spanOf(anc.node),
              iterations: right ? this.iterCount(right) : null,
              retryShape: retryish,
            };
            loops.push(info);
            if (retryish && !retry) retry = this.loopRetry(anc.node);
            tries.length = 0;
            break;
          }
          case 'while': {
            const cond = anc.node.childForFieldName('condition')?.text ?? '';
            const retryish = this.retryTry(tries) && (/attempt|retr|tries/i.test(cond) || this.exitsOnSuccess(anc.node));
            loops.push({ kind: 'while', span: spanOf(anc.node), iterations: null, retryShape: retryish });
            if (retryish && !retry) retry = this.loopRetry(anc.node);
            tries.length = 0;
            break;
          }
          case 'comp': {
            const clauses = named(anc.node).filter((c) => c.type === 'for_in_clause');
            let iterations: number | null = clauses.length ? 1 : null;
            for (const c of clauses) {
              const r = c.childForFieldName('right');
              const k = r ? this.iterCount(r) : null;
              iterations = iterations !== null && k !== null ? iterations * k : null;
            }
            if (named(anc.node).some((c) => c.type === 'if_clause')) iterations = null;
            const info: LoopInfo = { kind: this.feedsGather(rec.node, anc.node) ? 'gather' : 'comprehension', span: spanOf(anc.node), iterations, retryShape: false };
            loops.push(info);
            lastComp = info;
            break;
          }
          case 'lambda': {
            const argList = anc.node.parent;
            const call = argList?.type === 'argument_list' ? argList.parent : null;
            const f = call?.childForFieldName('function');
            const method = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text ?? '' : f?.text ?? '';
            if (call && (MAP_METHODS.has(method) || method === 'map')) loops.push(this.mapLoop(call));
            break;
          }
          case 'gatherargs': {
            if (lastComp && lastComp === loops[loops.length - 1] && anc.node.startIndex <= lastComp.span.start && lastComp.span.end <= anc.node.endIndex) {
              lastComp.kind = 'gather';
              break;
            }
            const args = named(anc.node.childForFieldName('arguments')).filter((x) => x.type !== 'keyword_argument');
            const splat = args.some((x) => x.type === 'list_splat');
            loops.push({ kind: 'gather', span: spanOf(anc.node), iterations: splat ? null : args.length, retryShape: false });
            break;
          }
        }
      } catch {
        // keep what we have
      }
    }
    const own = { loops, retry };
    this.ownMemo.set(rec.node.id, own);
    return own;
  }

  /** Static number of iterations of a loop's iterable, or null. */
  iterCount(n: Node): number | null {
    try {
      if (n.type === 'call') {
        const f = n.childForFieldName('function');
        const args = named(n.childForFieldName('arguments'));
        if (f?.type === 'identifier' && f.text === 'range' && args.length >= 1 && args.length <= 3) {
          const nums = args.map((x) => this.a.val(x));
          if (!nums.every((v) => v.t === 'num')) return null;
          const [a, b, c] = nums.length === 1 ? [0, (nums[0] as { value: number }).value, 1] : [(nums[0] as { value: number }).value, (nums[1] as { value: number }).value, nums[2] ? (nums[2] as { value: number }).value : 1];
          if (!c) return null;
          return Math.max(0, Math.ceil((b - a) / c));
        }
        if (f?.type === 'identifier' && (f.text === 'enumerate' || f.text === 'list' || f.text === 'tuple' || f.text === 'sorted' || f.text === 'reversed') && args[0]) return this.iterCount(args[0]);
        return null;
      }
      const v = this.a.val(n);
      if (v.t === 'arr' && !v.openSpread) return v.items.length;
      if (v.t === 'obj' && !v.openSpread) return v.entries.length;
      return null;
    } catch {
      return null;
    }
  }

  /** The loop leaves on success (`break`/`return` in its body, outside nested functions): a retry, not a worker loop. */
  private exitsOnSuccess(loop: Node): boolean {
    const body = loop.childForFieldName('body');
    if (!body) return false;
    for (const s of body.descendantsOfType(['break_statement', 'return_statement'])) {
      let cur: Node | null = s?.parent ?? null;
      let nested = false;
      for (let i = 0; cur && cur.id !== loop.id && i < 200; i++, cur = cur.parent) {
        if (cur.type === 'function_definition' || cur.type === 'lambda' || (cur.id !== loop.id && (cur.type === 'for_statement' || cur.type === 'while_statement'))) {
          nested = true;
          break;
        }
      }
      if (!nested) return true;
    }
    return false;
  }

  /** A try (between the call and the loop) with an except that does not re-raise at once. */
  private retryTry(tries: Node[]): boolean {
    for (const t of tries) {
      for (const c of named(t)) {
        if (c.type !== 'except_clause' && c.type !== 'except_group_clause') continue;
        const block = named(c).find((x) => x.type === 'block');
        const stmts = named(block);
        if (!stmts.some((s) => s.type === 'raise_statement')) return true;
      }
    }
    return false;
  }

  private loopRetry(loop: Node): RetryInfo {
    const memo = this.retryMemo.get(loop.id);
    if (memo) return memo;
    const r = this.loopRetryInner(loop);
    this.retryMemo.set(loop.id, r);
    return r;
  }

  private loopRetryInner(loop: Node): RetryInfo {
    const sleeps = loop.descendantsOfType('call').filter((c): c is Node => {
      const f = c?.childForFieldName('function');
      return !!f && /(^|\.)sleep$/.test(f.text.replace(/\s+/g, ''));
    });
    if (!sleeps.length) return { span: spanOf(loop), backoff: 'none' };
    const sleep = sleeps[0]!;
    const arg = named(sleep.childForFieldName('arguments'))[0];
    const loopText = loop.text;
    let exp = false;
    if (arg) {
      const t = arg.text;
      if (/\*\*|<<|\bpow\s*\(|expo/.test(t)) exp = true;
      for (const id of t.match(/[A-Za-z_]\w*/g) ?? []) {
        if (exp) break;
        const e = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (new RegExp(`\\b${e}\\s*(\\*=|<<=)|\\b${e}\\s*=[^\\n]*(\\b${e}\\b\\s*\\*|\\*\\s*\\b${e}\\b|\\*\\*)`).test(loopText)) exp = true;
      }
      // A name bound outside the loop to an exponential expression.
      if (!exp && arg.type === 'identifier') {
        const b = this.a.lookup(arg.text, arg);
        if (b && b !== 'ambiguous' && b.value && /\*\*|<<|\bpow\s*\(/.test(b.value.text)) exp = true;
      }
    }
    const linear = !exp && !!arg && growsWithAttempts(arg.text, loop.type === 'for_statement' ? loop.childForFieldName('left')?.text ?? null : null, loopText);
    return { span: spanOf(loop), backoff: exp ? 'exponential' : linear ? 'linear' : 'constant', sleepSpan: spanOf(sleep) };
  }

  private decoratorRetry(fn: FnInfo | null): RetryInfo | null {
    for (let f = fn, i = 0; f && i < 20; f = f.parentFn, i++) {
      for (const d of f.decorators) {
        const expr = named(d)[0];
        if (!expr) continue;
        const callee = expr.type === 'call' ? expr.childForFieldName('function') : expr;
        const q = callee ? this.a.qname(callee) : null;
        const mod = q?.origin === 'import' ? q.module : null;
        const t = d.text;
        if (mod === 'tenacity' || mod === 'retrying' || (!mod && /^@\s*(tenacity\.)?retry\b/.test(t))) {
          if (!/retry/.test(t)) continue;
          const backoff: RetryInfo['backoff'] = /wait_(random_)?exponential|exponential_jitter|wait_exponential_multiplier|expo/.test(t)
            ? 'exponential'
            : /wait_fixed|wait_random|wait_incrementing|wait_chain|wait_combine|wait_none/.test(t)
              ? 'constant'
              : 'none';
          return { span: spanOf(d), backoff };
        }
        if (mod === 'backoff' || /^@\s*backoff\./.test(t)) {
          return { span: spanOf(d), backoff: /\b(expo|fibo)\b/.test(t) ? 'exponential' : 'constant' };
        }
        if (mod === 'stamina' || /^@\s*stamina\.retry/.test(t)) return { span: spanOf(d), backoff: 'exponential' };
      }
    }
    return null;
  }

  private handlerChain(fn: FnInfo | null): boolean {
    for (let f = fn, i = 0; f && i < 20; f = f.parentFn, i++) {
      for (const d of f.decorators) {
        const t = d.text.replace(/\s+/g, '');
        if (/^@[\w.]*\.(get|post|put|delete|patch|head|options|route|api_route|websocket|task|message|event|command|action|shortcut|view|middleware)\b/.test(t)) return true;
        if (/^@(shared_task|task|periodic_task|actor|dramatiq\.actor|api_view|csrf_exempt|require_(GET|POST|http_methods)|login_required|sqs_handler|lambda_handler|job|rq_job)\b/.test(t)) return true;
      }
      const p = f.cls ? f.params.slice(1) : f.params;
      if (p[0] === 'request' || p[0] === 'req') return true;
      if (f.params.length === 2 && f.params[0] === 'event' && f.params[1] === 'context') return true;
      if (f.cls && /View$|Handler$|Consumer$|ViewSet$/.test(f.cls.name) && /^(get|post|put|patch|delete|handle|receive|dispatch)$/.test(f.name)) return true;
      if (f.cls && /^do_[A-Z]+$/.test(f.name)) return true; // http.server handlers
    }
    return false;
  }

  private testChain(fn: FnInfo | null): boolean {
    for (let f = fn, i = 0; f && i < 20; f = f.parentFn, i++) {
      if (/^test/.test(f.name)) return true;
      if (f.cls && (/^Test/.test(f.cls.name) || f.cls.bases.some((b) => /TestCase\b/.test(b.text)))) return true;
    }
    return false;
  }

  /** The loop collects awaitables that a later `asyncio.gather(*X)` runs concurrently. */
  private feedsGather(call: Node, loop: Node): boolean {
    let name: string | null = null;
    if (loop.type.endsWith('comprehension') || loop.type === 'generator_expression') {
      const p = loop.parent;
      if (p?.type === 'assignment' && p.childForFieldName('left')?.type === 'identifier') name = p.childForFieldName('left')!.text;
    } else {
      let cur: Node | null = call.parent;
      for (let i = 0; cur && cur.id !== loop.id && i < 60; i++, cur = cur.parent) {
        if (cur.type === 'call') {
          const f = cur.childForFieldName('function');
          if (f?.type === 'attribute' && /^(append|add|extend)$/.test(f.childForFieldName('attribute')?.text ?? '')) {
            const obj = f.childForFieldName('object');
            if (obj?.type === 'identifier') name = obj.text;
          }
        }
      }
    }
    if (!name || !this.gathered.has(name)) return false;
    const scope = this.a.scopeAt(loop);
    const text = scope.node.text;
    const e = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`gather\\(\\s*\\*\\s*${e}\\b`).test(text);
  }
}

/**
 * The sleep's delay grows from one attempt to the next: it uses the loop's counter (`for attempt
 * in …: sleep(2 * attempt)`), a name the loop binds from the counter (`wait = 40 * (attempt + 1)`),
 * or a name the loop increments (`delay += 5`).
 */
function growsWithAttempts(argText: string, counter: string | null, loopText: string): boolean {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const id of new Set(argText.match(/[A-Za-z_]\w*/g) ?? [])) {
    if (counter && id === counter) return true;
    const e = esc(id);
    if (new RegExp(`\\b${e}\\s*(\\+=|\\*=)`).test(loopText)) return true;
    if (counter && new RegExp(`\\b${e}\\s*=[^=\\n][^\\n]*\\b${esc(counter)}\\b`).test(loopText)) return true;
  }
  return false;
}

/** Calls in document order (bodies scanned on demand append their calls after the others). */
function inOrder(recs: CallRec[] | undefined): CallRec[] {
  return recs ? [...recs].sort((x, y) => x.node.startIndex - y.node.startIndex) : [];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
