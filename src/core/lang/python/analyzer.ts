/**
 * Per-module resolution for Python: callees to qualified names (through imports, bindings,
 * `self.x`, annotations) and expressions to the value IR (strings, f-strings, formatting,
 * dedent, dicts/lists with spreads, numbers, prompt files, constants imported from other
 * workspace modules). Every entry point is total: work is bounded by depth, by a character
 * budget and by cycle guards, and anything not understood becomes an 'unknown' value.
 */
import type { Node } from '../../parse/parser';
import type { CallArgs, DynamicHint, InsertPoint, Note, ObjEntry, ObjVal, PromptValue, QName, Segment, Span, Val, WorkspaceFs } from '../../types';
import type { ParsedModule } from '../frontend';
import { ancestors, dirname, join, normalize } from './paths';
import { noteLiteral, noteName, noteRead, noteReadSource, noteReadVal } from '../trace';
import { scan, type Binding, type ClassInfo, type FnInfo, type ScanResult, type Scope } from './scan';
import {
  cleandoc,
  decodeEscapes,
  dedent,
  hintOf,
  literalShape,
  parseBraceFormat,
  parsePercentFormat,
  strip,
  transformValue,
  unescapeBraces,
} from './strings';

const MAX_DEPTH = 60;
const MAX_CHARS = 32_000_000;
const REFERENCE_NODES = new Set(['identifier', 'attribute', 'parenthesized_expression', 'subscript']);

export interface AnalyzerEnv {
  path: string;
  text: string;
  root: Node;
  fs: WorkspaceFs;
  loadModule(absPath: string): ParsedModule | null;
  cache: Map<string, unknown>;
  /**
   * Which function bodies to scan up front (the rest are scanned when a lookup needs them); by
   * their offsets in `text`. Omitted: every body up front.
   */
  eagerBody?(start: number, end: number): boolean;
}

const BUILTINS = new Set(
  'abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex delattr dict dir divmod enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ Exception ValueError TypeError KeyError RuntimeError'.split(
    ' ',
  ),
);

type Lookup = Binding | 'ambiguous' | null;

export function spanOf(n: Node): Span {
  return { start: n.startIndex, end: n.endIndex };
}

function named(n: Node | null | undefined): Node[] {
  if (!n) return [];
  return n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

function strVal(segments: Segment[], span: Span): Val {
  return { t: 'str', value: { segments: mergeStatic(segments) }, span };
}

/** Join adjacent static segments (keeping a span only when both are contiguous). */
function mergeStatic(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const prev = out[out.length - 1];
    if (s.kind === 'static' && !s.text) continue;
    if (s.kind === 'static' && prev?.kind === 'static') {
      const span = prev.span && s.span && prev.span.end === s.span.start ? { start: prev.span.start, end: s.span.end } : undefined;
      // Their text goes on in a new segment: a literal edit there must be analysed again.
      noteRead([prev, s]);
      out[out.length - 1] = span ? { kind: 'static', text: prev.text + s.text, span } : { kind: 'static', text: prev.text + s.text };
    } else out.push(s);
  }
  return out;
}

function isStaticStr(v: Val): v is { t: 'str'; value: PromptValue; span: Span } {
  return v.t === 'str' && v.value.segments.every((s) => s.kind === 'static');
}

function staticText(v: Val): string | null {
  if (v.t !== 'str') return null;
  noteReadVal(v);
  let s = '';
  for (const seg of v.value.segments) {
    if (seg.kind !== 'static') return null;
    s += seg.text;
  }
  return s;
}

function pyNumText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = String(n);
  return s.includes('e') ? s : s;
}

/** Deep copy of a value with every span moved to `span` (values that come from another file). */
export function relocate(v: Val, span: Span, depth = 0): Val {
  if (depth > 40) return { t: 'unknown', span, expr: '…', hint: 'unknown' };
  switch (v.t) {
    case 'str':
      noteRead(v.value.segments);
      return {
        t: 'str',
        span,
        value: {
          segments: v.value.segments.map((s) => (s.kind === 'static' ? { kind: 'static', text: s.text } : { ...s, span })),
        },
      };
    case 'obj':
      return relocateObj(v, span, depth);
    case 'arr':
      return { t: 'arr', items: v.items.map((i) => relocate(i, span, depth + 1)), openSpread: v.openSpread, span };
    case 'call':
      return { t: 'call', callee: relocateQ(v.callee, span, depth), args: relocateArgs(v.args, span, depth), span };
    default:
      return { ...v, span };
  }
}

function relocateObj(v: ObjVal, span: Span, depth: number): ObjVal {
  const o: ObjVal = {
    t: 'obj',
    entries: v.entries.map((e) => ({ key: e.key, span, keySpan: span, value: relocate(e.value, span, depth + 1) })),
    openSpread: v.openSpread,
    span,
  };
  if (v.ctor) o.ctor = v.ctor;
  return o;
}

function relocateArgs(a: CallArgs, span: Span, depth: number): CallArgs {
  return { positional: a.positional.map((p) => relocate(p, span, depth + 1)), named: relocateObj(a.named, span, depth + 1), span };
}

function relocateQ(q: QName, span: Span, depth: number): QName {
  return { ...q, path: q.path.map((p) => (typeof p === 'string' ? p : { call: relocateArgs(p.call, span, depth + 1) })) };
}

type PathRes = { p: string; abs: boolean } | null;

export class Analyzer {
  readonly scan: ScanResult;
  readonly notes: Note[] = [];
  private readonly qmemo = new Map<number, QName | null>();
  private readonly vmemo = new Map<number, Val>();
  private readonly busy = new Set<number>();
  private budget = MAX_CHARS;
  private readonly notedFiles = new Set<string>();

  private readonly kidsMemo = new Map<number, Node[]>();
  private readonly fieldMemo = new Map<string, Node | null>();

  /** Named children without comments (memoised: the tree is immutable while we run). */
  kids(n: Node | null | undefined): Node[] {
    if (!n) return [];
    let k = this.kidsMemo.get(n.id);
    if (!k) {
      k = named(n);
      this.kidsMemo.set(n.id, k);
    }
    return k;
  }

  /** `childForFieldName`, memoised. */
  field(n: Node | null | undefined, name: string): Node | null {
    if (!n) return null;
    const key = `${n.id}:${name}`;
    let f = this.fieldMemo.get(key);
    if (f === undefined) {
      f = n.childForFieldName(name);
      this.fieldMemo.set(key, f);
    }
    return f;
  }

  constructor(readonly env: AnalyzerEnv) {
    this.scan = scan(env.root, env.text, env.eagerBody);
  }

  /** The analyzer of another workspace module (cached per run). */
  static forModule(env: AnalyzerEnv, absPath: string): Analyzer | null {
    const key = `python:analyzer:${absPath}`;
    if (env.cache.has(key)) return (env.cache.get(key) as Analyzer | null) ?? null;
    let a: Analyzer | null = null;
    try {
      const pm = env.loadModule(absPath);
      if (pm && pm.language === 'python') {
        // Another module is only looked into (its constants, its functions): no body up front.
        a = new Analyzer({ path: pm.path, text: pm.text, root: pm.tree.rootNode, fs: env.fs, loadModule: env.loadModule, cache: env.cache, eagerBody: () => false });
      }
    } catch {
      a = null;
    }
    env.cache.set(key, a);
    return a;
  }

  exprText(n: Node): string {
    noteReadSource(n);
    const raw = this.env.text.slice(n.startIndex, Math.min(n.endIndex, n.startIndex + 400));
    const one = raw.replace(/\s+/g, ' ').trim();
    return one.length > 80 ? one.slice(0, 79) + '…' : one;
  }

  unknown(n: Node, hint?: DynamicHint): Val {
    const expr = this.exprText(n);
    return { t: 'unknown', span: spanOf(n), expr, hint: hint ?? hintOf(expr) };
  }

  // -------------------------------------------------------------------------------------------
  // Scopes and bindings
  // -------------------------------------------------------------------------------------------

  /** The innermost scope where names at `n` resolve (by offset: scopes nest). */
  scopeAt(n: Node): Scope {
    const pos = n.startIndex;
    this.scan.lazy.at(pos);
    const list = this.scan.scopes;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid]!.start <= pos) lo = mid;
      else hi = mid - 1;
    }
    let s: Scope | null = list[lo] ?? this.scan.module;
    for (let i = 0; s && i < 10_000; i++) {
      if (s.start <= pos && pos < s.end) return s;
      s = s.parent;
    }
    return this.scan.module;
  }

  /** The bindings that may be in effect at `pos` (before it, or all when none is; None-bindings only when nothing else). */
  static candidates(list: Binding[], pos: number): Binding[] {
    const sorted = list.length > 1 ? [...list].sort((a, b) => a.pos - b.pos) : list;
    let cands = sorted.filter((b) => b.pos < pos);
    if (!cands.length) cands = sorted;
    const notNone = cands.filter((b) => !b.isNone);
    if (notNone.length) cands = notNone;
    return cands;
  }

  static select(list: Binding[] | undefined, pos: number): Lookup {
    if (!list || !list.length) return null;
    const cands = Analyzer.candidates(list, pos);
    if (cands.length === 1) return cands[0]!;
    const last = cands[cands.length - 1]!;
    if (!last.conditional) return last;
    if (cands.every((b) => b.kind === 'import' && b.module === last.module && (b.path ?? []).join('.') === (last.path ?? []).join('.'))) return last;
    if (cands.every((b) => b.kind === 'pkg')) return last;
    if (cands.every((b) => b.kind === 'value' && b.value && last.value && b.value.text === last.value.text)) {
      for (const b of cands) if (b.kind === 'value' && b.value) noteReadSource(b.value);
      return last;
    }
    return 'ambiguous';
  }

  /** `client`: the name is resolved as a callee or receiver (see `sameSdk`), not as a value. */
  lookup(name: string, at: Node, scope?: Scope, client = false): Lookup {
    noteName(name);
    const start = scope ?? this.scopeAt(at);
    let s: Scope | null = start;
    let first = true;
    for (let i = 0; s && i < 1000; i++) {
      if (s.kind === 'class' && !first) {
        s = s.parent;
        continue;
      }
      if (s.globals?.has(name)) {
        s = this.scan.module;
        first = false;
        continue;
      }
      const list = s.names.get(name);
      if (list?.length) return client ? this.sameSdk(list, s === start ? at.startIndex : Infinity) : Analyzer.select(list, s === start ? at.startIndex : Infinity);
      first = false;
      s = s.parent;
    }
    return null;
  }

  /** The enclosing method's class when `name` is its first parameter (self/cls). */
  selfClass(name: string, at: Node): ClassInfo | null {
    let s: Scope | null = this.scopeAt(at);
    for (let i = 0; s && i < 1000; i++) {
      if (s.kind === 'function' && s.fn) {
        if (s.fn.cls) return s.fn.params[0] === name ? s.fn.cls : null;
      }
      s = s.parent;
    }
    return null;
  }

  /**
   * `select`, and when it finds several possible bindings: the last of them if every one is a
   * value from the same SDK module — `if azure: self.client = AzureOpenAI(…) else: self.client =
   * OpenAI(…)` is an OpenAI client either way.
   */
  sameSdk(list: Binding[] | undefined, pos: number): Lookup {
    const b = Analyzer.select(list, pos);
    if (b !== 'ambiguous' || !list) return b;
    const cands = Analyzer.candidates(list, pos);
    if (cands.length > 8 || !cands.every((c) => c.kind === 'value' && c.value && c.index === undefined)) return b;
    const modules = new Set<string>();
    for (const c of cands) {
      const q = this.qname(c.value!, 1);
      if (!q || q.origin !== 'import' || !q.module) return b;
      modules.add(topModule(q.module));
    }
    const last = cands[cands.length - 1]!;
    // Clients of different SDKs (`anthropic.Anthropic()` or `openai.OpenAI()` per backend): keep them all.
    return modules.size === 1 ? last : { ...last, alts: cands.map((c) => c.value!) };
  }

  classAttr(cls: ClassInfo, attr: string, depth = 0, client = false): Lookup {
    noteName(attr);
    this.scan.lazy.cls(cls);
    const b = client ? this.sameSdk(cls.attrs.get(attr), Infinity) : Analyzer.select(cls.attrs.get(attr), Infinity);
    if (b) return b;
    if (depth > 5) return null;
    for (const base of cls.bases) {
      if (base.type !== 'identifier') continue;
      const bb = this.lookup(base.text, base);
      if (bb && bb !== 'ambiguous' && bb.kind === 'class' && bb.cls && bb.cls !== cls) {
        const r = this.classAttr(bb.cls, attr, depth + 1, client);
        if (r) return r;
      }
    }
    return null;
  }

  localClassOf(n: Node): ClassInfo | null {
    if (n.type !== 'identifier') return null;
    const b = this.lookup(n.text, n);
    return b && b !== 'ambiguous' && b.kind === 'class' ? b.cls ?? null : null;
  }

  // -------------------------------------------------------------------------------------------
  // Callees → qualified names
  // -------------------------------------------------------------------------------------------

  qname(n: Node, depth = 0): QName | null {
    if (depth > MAX_DEPTH) return null;
    const memo = this.qmemo.get(n.id);
    if (memo !== undefined) return memo;
    if (this.busy.has(n.id)) return null;
    this.busy.add(n.id);
    let q: QName | null = null;
    try {
      q = this.qnameInner(n, depth);
    } catch {
      q = null;
    }
    this.busy.delete(n.id);
    this.qmemo.set(n.id, q);
    return q;
  }

  private param(root: string, path: QName['path'] = []): QName {
    return { module: null, root, path, origin: 'param' };
  }

  bindingQName(b: Lookup, name: string, depth: number): QName | null {
    if (b === 'ambiguous') return this.param(name);
    if (!b) return BUILTINS.has(name) ? null : this.param(name);
    switch (b.kind) {
      case 'import':
        return { module: b.module!, path: [...(b.path ?? [])], origin: 'import' };
      case 'pkg':
        return { module: name, path: [], origin: 'import' };
      case 'value': {
        if (!b.value) return this.param(name);
        if (b.alts) {
          const qs = b.alts.map((v) => this.qname(v, depth + 1));
          if (qs.every((q) => q && q.origin === 'import')) return { module: null, root: name, path: [], origin: 'param', alts: qs as QName[] };
          return this.param(name);
        }
        if (b.index !== undefined) {
          const el = this.returnedElement(b.value, b.index, depth);
          return (el && this.qname(el, depth + 1)) ?? this.param(name);
        }
        if (b.value.type === 'augmented_assignment') return null;
        const q = this.qname(b.value, depth + 1);
        if (b.annotation) {
          // `client: Anthropic = field(default_factory=Anthropic)`: the annotation wins unless the value builds the same thing.
          const a = this.annotationQName(b.annotation, depth + 1);
          if (a && a.origin === 'import' && !(q && q.origin === 'import' && q.module === a.module)) return a;
        }
        if (q) return q;
        return this.isLiteralish(b.value) ? null : this.param(name);
      }
      case 'param':
      case 'annot': {
        if (b.annotation) {
          const a = this.annotationQName(b.annotation, depth + 1);
          if (a) return a;
        }
        // `def f(client=anthropic.Anthropic())`: the default client.
        if (b.dflt && b.dflt.type !== 'none') {
          const d = this.qname(b.dflt, depth + 1);
          if (d && d.origin === 'import') return d;
        }
        return b.splat ? null : this.param(name);
      }
      case 'def':
      case 'class':
        return { module: null, root: name, path: [], origin: 'local' };
      default:
        return this.param(name);
    }
  }

  private isLiteralish(n: Node): boolean {
    return ['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none', 'dictionary', 'list', 'tuple', 'set', 'list_comprehension', 'dictionary_comprehension', 'binary_operator'].includes(n.type);
  }

  private emptyArgs(span: Span): CallArgs {
    return { positional: [], named: { t: 'obj', entries: [], openSpread: false, span }, span };
  }

  /** A type annotation naming an imported class → that class, instantiated. */
  annotationQName(n: Node, depth: number): QName | null {
    if (depth > MAX_DEPTH) return null;
    let t: Node | null = n;
    for (let i = 0; t && i < 10; i++) {
      if (t.type === 'type' || t.type === 'parenthesized_expression') t = t.namedChild(0);
      else if (t.type === 'generic_type' || t.type === 'subscript') {
        const head: Node | null = t.type === 'subscript' ? this.field(t, 'value') : t.namedChild(0);
        const headText = head?.text ?? '';
        if (!/(^|\.)(Optional|Union|Annotated|Final|ClassVar)$/.test(headText)) {
          t = head;
          continue;
        }
        const inner: Node | null = t.type === 'subscript' ? this.field(t, 'subscript') : t.namedChild(1);
        t = inner?.type === 'type_parameter' ? inner.namedChild(0) : inner;
      } else if (t.type === 'binary_operator') {
        const l = this.field(t, 'left');
        const r = this.field(t, 'right');
        t = l && l.type !== 'none' ? l : r;
      } else break;
    }
    if (!t) return null;
    let q: QName | null = null;
    if (t.type === 'string') {
      const name = staticText(this.val(t, depth + 1));
      if (!name || !/^[A-Za-z_][\w.]*$/.test(name)) return null;
      const parts = name.split('.');
      const b = this.lookup(parts[0]!, t);
      q = this.bindingQName(b, parts[0]!, depth + 1);
      if (q && q.origin === 'import') {
        q = this.extendPkg(q, b, parts.slice(1));
      } else if (q && q.origin === 'local' && parts.length === 1) return q;
      else return null;
    } else if (t.type === 'identifier' || t.type === 'attribute') {
      q = this.qname(t, depth + 1);
      // An interface of this file (`class GeminiClient(Protocol)`) describes the client, it is not one.
      if (q?.origin === 'local' && t.type === 'identifier') {
        const b = this.lookup(t.text, t);
        if (b && b !== 'ambiguous' && b.kind === 'class' && b.cls?.bases.some((x) => /(^|\.)(Protocol|ABC)$/.test(x.text))) return null;
      }
    }
    if (!q) return null;
    if (q.origin === 'local') return q;
    if (q.origin !== 'import') return null;
    // `Any`, `object`-like hints say nothing about where the client comes from.
    if (/^typing(_extensions)?$/.test(q.module ?? '')) return null;
    return { ...q, path: [...q.path, { call: this.emptyArgs(spanOf(n)) }] };
  }

  private extendPkg(q: QName, b: Lookup, attrs: string[]): QName {
    if (b && b !== 'ambiguous' && b.kind === 'pkg') {
      const all = this.pkgModules(b);
      const chain = [b.name, ...attrs];
      for (let k = chain.length; k >= 1; k--) {
        const mod = chain.slice(0, k).join('.');
        if (all.has(mod) || k === 1) return { module: mod, path: chain.slice(k), origin: 'import' };
      }
    }
    return { ...q, path: [...q.path, ...attrs] };
  }

  private pkgModules(b: Binding): Set<string> {
    const out = new Set<string>();
    for (const x of b.scope.names.get(b.name) ?? []) if (x.kind === 'pkg' && x.pkgModule) out.add(x.pkgModule);
    // `import google.generativeai` in a function also makes the package visible at module level.
    for (const x of this.scan.module.names.get(b.name) ?? []) if (x.kind === 'pkg' && x.pkgModule) out.add(x.pkgModule);
    return out;
  }

  private qnameInner(n: Node, depth: number): QName | null {
    switch (n.type) {
      case 'identifier':
        return this.bindingQName(this.lookup(n.text, n, undefined, true), n.text, depth);
      case 'parenthesized_expression':
      case 'await': {
        const inner = this.kids(n)[0];
        return inner ? this.qname(inner, depth + 1) : null;
      }
      case 'conditional_expression':
      case 'boolean_operator': {
        // `A() if key else None`, `client or Anthropic()`: the side that resolves to an import.
        const kids = this.kids(n);
        const sides = n.type === 'conditional_expression' ? [kids[0], kids[2]] : [kids[0], kids[kids.length - 1]];
        const qs = sides.map((x) => (x && x.type !== 'none' ? this.qname(x, depth + 1) : null));
        return qs.find((x) => x?.origin === 'import') ?? qs.find((x) => x?.origin === 'local') ?? qs.find((x) => x) ?? null;
      }
      case 'attribute': {
        const obj = this.field(n, 'object');
        const attr = this.field(n, 'attribute')?.text;
        if (!obj || !attr) return null;
        // self.x / cls.x / ClassName.x
        if (obj.type === 'identifier') {
          const cls = this.selfClass(obj.text, n) ?? this.localClassOf(obj);
          if (cls) {
            const b = this.classAttr(cls, attr, 0, true);
            if (b && b !== 'ambiguous' && b.kind !== 'def') return this.bindingQName(b, `${obj.text}.${attr}`, depth + 1);
            const method = b && b !== 'ambiguous' && b.kind === 'def' ? b.fn : cls.methods.get(attr);
            if (method) {
              // A @property / @cached_property returns the client.
              if (method.decorators.some((d) => /^@\s*(functools\.)?(property|cached_property)\b/.test(d.text))) {
                return this.returnsQName(method, depth) ?? this.param(obj.text, [attr]);
              }
              return { module: null, root: `${obj.text}.${attr}`, path: [], origin: 'local' };
            }
            // Set to clients of different SDKs, or never set in this class: origin unknown, so
            // the call needs the unmistakable shape (the recognizers see the steps after it).
            return this.param(`${obj.text}.${attr}`);
          }
        }
        // dotted package chains: google.generativeai.GenerativeModel
        const chain: string[] = [attr];
        let cur: Node | null = obj;
        for (let i = 0; cur && cur.type === 'attribute' && i < 200; i++) {
          chain.unshift(this.field(cur, 'attribute')?.text ?? '');
          cur = this.field(cur, 'object');
        }
        if (cur?.type === 'identifier') {
          const b = this.lookup(cur.text, cur);
          if (b && b !== 'ambiguous' && b.kind === 'pkg') return this.extendPkg({ module: cur.text, path: [], origin: 'import' }, b, chain);
        }
        const base = this.qname(obj, depth + 1);
        if (!base) return null;
        return { ...base, path: [...base.path, attr] };
      }
      case 'subscript': {
        // CLIENTS["openai"] / self.clients[provider]: a client kept in a dict literal.
        const obj = this.field(n, 'value');
        return obj ? this.dictMemberQName(obj, this.field(n, 'subscript'), depth) : null;
      }
      case 'call': {
        const fn = this.field(n, 'function');
        if (!fn) return null;
        const argsNode = this.field(n, 'arguments');
        // clients.get(provider): a client kept in a dict literal.
        if (fn.type === 'attribute' && this.field(fn, 'attribute')?.text === 'get') {
          const obj = this.field(fn, 'object');
          const q = obj ? this.dictMemberQName(obj, this.kids(argsNode)[0] ?? null, depth) : null;
          if (q) return q;
        }
        // getattr(x, "name")
        if (fn.type === 'identifier' && fn.text === 'getattr' && !this.lookupIsBound('getattr', fn)) {
          const [obj, nameArg] = this.kids(argsNode);
          if (!obj || !nameArg) return null;
          const nm = staticText(this.val(nameArg, depth + 1));
          const base = this.qname(obj, depth + 1);
          if (!base) return null;
          return nm ? { ...base, path: [...base.path, nm] } : { ...base, origin: base.origin === 'import' ? 'param' : base.origin, module: base.origin === 'import' ? null : base.module, root: base.root ?? base.module ?? undefined };
        }
        const base = this.qname(fn, depth + 1);
        if (!base) return null;
        // A local factory function (`def make(): return Anthropic()`, `-> Anthropic`) → what it returns.
        if (base.origin === 'local' && base.path.length === 0) {
          let target: FnInfo | undefined;
          if (fn.type === 'identifier') {
            const b = this.lookup(fn.text, fn);
            if (b && b !== 'ambiguous' && b.kind === 'def') target = b.fn;
          } else if (fn.type === 'attribute') {
            const obj = this.field(fn, 'object');
            const cls = obj?.type === 'identifier' ? this.selfClass(obj.text, fn) ?? this.localClassOf(obj) : null;
            target = cls?.methods.get(this.field(fn, 'attribute')?.text ?? '');
          }
          const r = target ? this.returnsQName(target, depth) : null;
          if (r) return r;
        }
        return { ...base, path: [...base.path, { call: this.callArgs(n, depth + 1) }] };
      }
      default:
        return null;
    }
  }

  /**
   * The client a dict literal holds under `key` (a static key: that entry; a dynamic one: every
   * entry — the same SDK's client, or `alts` when they are of several SDKs). Null when `obj` is
   * not a dict literal of clients.
   */
  private dictMemberQName(obj: Node, key: Node | null, depth: number): QName | null {
    if (depth > MAX_DEPTH) return null;
    const k = key ? staticText(this.val(key, depth + 1)) : null;
    const values: Node[] = [];
    for (const item of this.dictItems(obj, depth, 0)) {
      if (k === null || item.key === null || item.key === k) values.push(item.value);
    }
    const qs: QName[] = [];
    for (const node of values.slice(0, 16)) {
      const q = this.qname(node, depth + 1);
      if (!q || q.origin !== 'import') return null;
      qs.push(q);
    }
    if (!qs.length) return null;
    const modules = new Set(qs.map((q) => topModule(q.module!)));
    return modules.size === 1 ? qs[0]! : { module: null, root: obj.text.slice(0, 40), path: [], origin: 'param', alts: qs.slice(0, 8) };
  }

  /**
   * The entries of the dict `n` evaluates to, as (static key or null, value node): a dict
   * literal, the `d[k] = v` statements of the scope that binds `d`, followed through names,
   * `self.x` attributes and the returns of functions and methods of this file.
   */
  private dictItems(n: Node, depth: number, hops: number): Array<{ key: string | null; value: Node }> {
    if (depth > MAX_DEPTH || hops > 6) return [];
    switch (n.type) {
      case 'dictionary': {
        const out: Array<{ key: string | null; value: Node }> = [];
        for (const pair of this.kids(n)) {
          if (pair.type !== 'pair') continue;
          const kn = this.field(pair, 'key');
          const vn = this.field(pair, 'value');
          if (vn) out.push({ key: kn ? staticText(this.val(kn, depth + 1)) : null, value: vn });
        }
        return out;
      }
      case 'identifier': {
        const b = this.lookup(n.text, n);
        if (!b || b === 'ambiguous' || b.kind !== 'value' || !b.value) return [];
        const items = (b.scope.items?.get(n.text) ?? []).map((it) => ({ key: it.key ? staticText(this.val(it.key, depth + 1)) : null, value: it.value }));
        return [...this.dictItems(b.value, depth + 1, hops + 1), ...items];
      }
      case 'attribute': {
        const obj = this.field(n, 'object');
        const attr = this.field(n, 'attribute')?.text;
        const cls = obj?.type === 'identifier' && attr ? this.selfClass(obj.text, n) : null;
        const b = cls && attr ? this.classAttr(cls, attr) : null;
        return b && b !== 'ambiguous' && b.kind === 'value' && b.value ? this.dictItems(b.value, depth + 1, hops + 1) : [];
      }
      case 'call': {
        const fn = this.field(n, 'function');
        let target: FnInfo | null = null;
        if (fn?.type === 'identifier') {
          const b = this.lookup(fn.text, fn);
          if (b && b !== 'ambiguous' && b.kind === 'def') target = b.fn ?? null;
        } else if (fn?.type === 'attribute') {
          const obj = this.field(fn, 'object');
          const cls = obj?.type === 'identifier' ? this.selfClass(obj.text, fn) : null;
          target = cls?.methods.get(this.field(fn, 'attribute')?.text ?? '') ?? null;
        }
        if (!target) return [];
        this.scan.lazy.fn(target);
        return target.returns.flatMap((r) => this.dictItems(r, depth + 1, hops + 1));
      }
      default:
        return [];
    }
  }

  /** What a function of this file returns, when every `return` (or the return annotation) names one import. */
  returnsQName(fn: FnInfo, depth: number): QName | null {
    if (depth > MAX_DEPTH) return null;
    this.scan.lazy.fn(fn);
    const rs = fn.returns.map((r) => this.qname(r, depth + 1));
    const first = rs[0];
    const steps = (q: QName) => JSON.stringify(q.path.filter((p) => typeof p === 'string'));
    if (first && first.origin === 'import' && rs.every((r) => r && r.module === first.module && steps(r) === steps(first))) return first;
    const ann = this.field(fn.node, 'return_type');
    if (ann) {
      const a = this.annotationQName(ann, depth + 1);
      if (a && a.origin === 'import') return a;
    }
    // Every return is something of unknown origin (`return self._client`, set to clients of two
    // SDKs): so is the result — not a local object.
    // Every return (`return None` aside) is something of unknown origin: so is the result. When
    // each is the same set of clients of several SDKs (`return self._client`), it is one of them.
    const some = rs.filter((r, i) => fn.returns[i]!.type !== 'none');
    if (some.length && some.every((r) => r && r.origin === 'param')) {
      const alts = some[0]!.path.length === 0 ? some[0]!.alts : undefined;
      const same = alts && some.every((r) => r!.path.length === 0 && JSON.stringify(r!.alts) === JSON.stringify(alts));
      return same ? { ...this.param(`${fn.name}()`), alts } : this.param(`${fn.name}()`);
    }
    return null;
  }

  private lookupIsBound(name: string, at: Node): boolean {
    return this.lookup(name, at) !== null;
  }

  // -------------------------------------------------------------------------------------------
  // Call arguments
  // -------------------------------------------------------------------------------------------

  private readonly argsMemo = new Map<number, CallArgs>();

  callArgs(call: Node, depth = 0): CallArgs {
    const memo = this.argsMemo.get(call.id);
    if (memo) return memo;
    const r = this.callArgsInner(call, depth);
    this.argsMemo.set(call.id, r);
    return r;
  }

  private callArgsInner(call: Node, depth: number): CallArgs {
    const argsNode = this.field(call, 'arguments');
    const span = argsNode ? spanOf(argsNode) : spanOf(call);
    const namedObj: ObjVal = { t: 'obj', entries: [], openSpread: false, span };
    const out: CallArgs = { positional: [], named: namedObj, span };
    if (!argsNode) return out;
    if (argsNode.type !== 'argument_list') {
      out.positional.push(this.safeVal(argsNode, depth + 1));
      return out;
    }
    for (const a of this.kids(argsNode)) {
      try {
        if (a.type === 'keyword_argument') {
          const k = this.field(a, 'name');
          const v = this.field(a, 'value');
          if (!k || !v) continue;
          setEntry(namedObj.entries, { key: k.text, span: spanOf(a), keySpan: spanOf(k), value: this.safeVal(v, depth + 1) });
        } else if (a.type === 'dictionary_splat') {
          const inner = this.kids(a)[0];
          const v = inner ? this.safeVal(inner, depth + 1) : null;
          if (v && v.t === 'obj') {
            for (const e of v.entries) setEntry(namedObj.entries, e);
            if (v.openSpread) namedObj.openSpread = true;
          } else namedObj.openSpread = true;
        } else if (a.type === 'list_splat') {
          const inner = this.kids(a)[0];
          const v = inner ? this.safeVal(inner, depth + 1) : null;
          if (v && v.t === 'arr' && !v.openSpread) out.positional.push(...v.items);
          else out.positional.push(v ?? this.unknown(a));
        } else out.positional.push(this.safeVal(a, depth + 1));
      } catch {
        out.positional.push(this.unknown(a));
      }
    }
    namedObj.insert = this.insertPoint(argsNode, 'kwarg');
    return out;
  }

  /** Where a new keyword / dict entry goes, matching the layout of the existing ones. */
  insertPoint(container: Node, style: InsertPoint['style']): InsertPoint | undefined {
    const text = this.env.text;
    const open = container.startIndex; // '(' or '{'
    const closeIdx = container.endIndex - 1;
    const closeCh = text[closeIdx];
    if (closeCh !== ')' && closeCh !== '}') return undefined;
    const items = this.kids(container);
    if (!items.length) {
      // Empty call / dict: right after the opening bracket.
      const inner = text.slice(open + 1, closeIdx);
      if (inner.trim() !== '') return undefined;
      return { offset: open + 1, style, prefix: '', suffix: '' };
    }
    const last = items[items.length - 1]!;
    // A trailing comma after the last item?
    let trailingComma = -1;
    for (let c = last.nextSibling; c && c.startIndex < closeIdx; c = c.nextSibling) {
      if (c.type === ',') {
        trailingComma = c.endIndex;
        break;
      }
    }
    const lineOf = (off: number) => {
      let n = 0;
      for (let i = open; i < off && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
      return n;
    };
    const firstItem = items[0]!;
    const multiline = lineOf(firstItem.startIndex) > 0;
    if (multiline) {
      const lineStart = text.lastIndexOf('\n', last.startIndex - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart, last.startIndex))![0];
      if (trailingComma >= 0) return { offset: trailingComma, style, prefix: '\n' + indent, suffix: ',' };
      return { offset: last.endIndex, style, prefix: ',\n' + indent, suffix: '' };
    }
    if (trailingComma >= 0) return { offset: trailingComma, style, prefix: ' ', suffix: '' };
    return { offset: last.endIndex, style, prefix: ', ', suffix: '' };
  }

  // -------------------------------------------------------------------------------------------
  // Values
  // -------------------------------------------------------------------------------------------

  safeVal(n: Node, depth = 0): Val {
    try {
      return this.val(n, depth);
    } catch {
      return this.unknown(n);
    }
  }

  val(n: Node, depth = 0): Val {
    if (depth > MAX_DEPTH || this.budget <= 0) return this.unknown(n);
    const v = this.valInner(n, depth);
    // Charge text built here; references to already-resolved values are free.
    if (v.t === 'str' && !REFERENCE_NODES.has(n.type)) for (const s of v.value.segments) if (s.kind === 'static') this.budget -= s.text.length;
    if (this.budget <= 0) return this.unknown(n);
    return v;
  }

  private withRef(v: Val, ref: Node): Val {
    return { ...v, span: spanOf(ref) } as Val;
  }

  /**
   * `a, b = f()` with `f` a function of this file whose every `return` is a tuple: element
   * `index` of the first one (null when `f` is not found or a return is not a tuple that long).
   */
  returnedElement(call: Node, index: number, depth: number): Node | null {
    if (depth > MAX_DEPTH) return null;
    let c: Node | null = call;
    if (c.type === 'await') c = this.kids(c)[0] ?? null;
    if (!c || c.type !== 'call') return null;
    const fn = this.field(c, 'function');
    if (!fn || fn.type !== 'identifier') return null;
    const b = this.lookup(fn.text, fn);
    if (!b || b === 'ambiguous' || b.kind !== 'def' || !b.fn) return null;
    this.scan.lazy.fn(b.fn);
    const returns = b.fn.returns;
    if (!returns.length) return null;
    const elements = returns.map((r) => (r.type === 'expression_list' || r.type === 'tuple' ? this.kids(r).filter((k) => k.type !== 'comment') : null));
    if (elements.some((e) => !e || e.length <= index)) return null;
    return elements[0]![index]!;
  }

  bindingVal(b: Binding, ref: Node, depth: number): Val {
    switch (b.kind) {
      case 'value': {
        if (!b.value) return this.unknown(ref);
        if (b.index !== undefined) {
          const el = this.returnedElement(b.value, b.index, depth);
          return el && !this.busy.has(-el.id - 1) ? this.withRef(this.val(el, depth + 1), ref) : this.unknown(ref);
        }
        const key = b.value.id;
        let v = this.vmemo.get(key);
        if (!v) {
          if (this.busy.has(-key - 1)) return this.unknown(ref);
          this.busy.add(-key - 1);
          try {
            v = this.val(b.value, depth + 1);
          } finally {
            this.busy.delete(-key - 1);
          }
          this.vmemo.set(key, v);
        }
        return this.withRef(v, ref);
      }
      case 'import': {
        const v = this.importedVal(b.module!, b.path ?? [], [], ref, depth);
        return v ?? this.unknown(ref);
      }
      default:
        return this.unknown(ref);
    }
  }

  private valInner(n: Node, depth: number): Val {
    switch (n.type) {
      case 'string':
        return this.stringVal(n, depth);
      case 'concatenated_string': {
        const segs: Segment[] = [];
        for (const c of this.kids(n)) {
          const v = this.val(c, depth + 1);
          if (v.t === 'str') segs.push(...v.value.segments);
          else segs.push({ kind: 'dynamic', span: v.span, expr: this.exprText(c), hint: 'unknown' });
        }
        return strVal(segs, spanOf(n));
      }
      case 'integer': {
        const t = n.text.replace(/_/g, '').toLowerCase().replace(/[lj]$/, '');
        const v = /^0[xob]/.test(t) ? Number(t) : /^0\d/.test(t) ? parseInt(t, 8) : Number(t);
        return Number.isFinite(v) ? { t: 'num', value: v, span: spanOf(n) } : this.unknown(n);
      }
      case 'float': {
        const v = Number(n.text.replace(/_/g, '').replace(/j$/i, ''));
        return Number.isFinite(v) ? { t: 'num', value: v, span: spanOf(n) } : this.unknown(n);
      }
      case 'true':
      case 'false':
        return { t: 'bool', value: n.type === 'true', span: spanOf(n) };
      case 'none':
        return { t: 'null', span: spanOf(n) };
      case 'parenthesized_expression': {
        const inner = this.kids(n)[0];
        if (!inner) return this.unknown(n);
        if (inner.type === 'generator_expression' || inner.type === 'yield') return this.unknown(n);
        return this.withRef(this.val(inner, depth + 1), n);
      }
      case 'unary_operator': {
        const arg = this.field(n, 'argument');
        const op = this.field(n, 'operator')?.type ?? n.text[0];
        const v = arg ? this.val(arg, depth + 1) : null;
        if (v?.t === 'num') {
          if (op === '-') return { t: 'num', value: -v.value, span: spanOf(n) };
          if (op === '+') return { t: 'num', value: v.value, span: spanOf(n) };
          if (op === '~') return { t: 'num', value: ~v.value, span: spanOf(n) };
        }
        return this.unknown(n);
      }
      case 'binary_operator':
        return this.binop(n, depth);
      case 'augmented_assignment':
        return this.augmented(n, depth);
      case 'identifier': {
        const b = this.lookup(n.text, n);
        if (!b || b === 'ambiguous') return this.unknown(n);
        const v = this.bindingVal(b, n, depth);
        // A list/dict changed in place later (`messages.append(...)`) may hold more than its literal.
        if (v.t === 'arr' || v.t === 'obj') {
          this.scan.lazy.mentioning(n.text);
          if (this.scan.mutated.has(n.text)) return { ...v, openSpread: true };
        }
        return v;
      }
      case 'attribute':
        return this.attrVal(n, depth);
      case 'call':
        return this.callVal(n, depth);
      case 'dictionary':
        return this.dictVal(n, depth);
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        return this.arrVal(n, depth);
      case 'subscript':
        return this.subscriptVal(n, depth);
      default:
        return this.unknown(n);
    }
  }

  private stringVal(n: Node, depth: number): Val {
    const text = this.env.text.slice(n.startIndex, n.endIndex);
    const shape = literalShape(text);
    if (!shape) return this.unknown(n);
    const base = n.startIndex;
    const decode = (s: string) => (shape.raw ? s : decodeEscapes(s, shape.bytes));
    if (!shape.fmt) {
      const body = text.slice(shape.bodyStart, shape.bodyEnd);
      noteLiteral({ start: base + shape.bodyStart, end: base + shape.bodyEnd });
      return strVal([{ kind: 'static', text: decode(body), span: { start: base + shape.bodyStart, end: base + shape.bodyEnd } }], spanOf(n));
    }
    const segs: Segment[] = [];
    let cursor = base + shape.bodyStart;
    const end = base + shape.bodyEnd;
    const pushStatic = (from: number, to: number) => {
      if (to <= from) return;
      noteLiteral({ start: from, end: to });
      segs.push({ kind: 'static', text: unescapeBraces(decode(this.env.text.slice(from, to))), span: { start: from, end: to } });
    };
    for (const c of this.kids(n)) {
      if (c.type !== 'interpolation') continue;
      pushStatic(cursor, c.startIndex);
      cursor = c.endIndex;
      segs.push(...this.interpolation(c, depth));
    }
    pushStatic(cursor, end);
    return strVal(segs, spanOf(n));
  }

  private interpolation(c: Node, depth: number): Segment[] {
    const expr = this.field(c, 'expression') ?? this.kids(c)[0];
    const hasConv = !!this.field(c, 'type_conversion') || this.kids(c).some((k) => k.type === 'type_conversion');
    const spec = this.kids(c).find((k) => k.type === 'format_specifier');
    const isDebug = /=\s*(![rsa])?\s*(:.*)?}$/s.test(this.env.text.slice(c.startIndex, c.endIndex));
    if (expr && !hasConv && !spec && !isDebug) {
      const v = this.val(expr, depth + 1);
      if (v.t === 'str') return v.value.segments;
      if (v.t === 'num') return [{ kind: 'static', text: pyNumText(v.value) }];
    }
    const e = expr ?? c;
    const exprStr = this.exprText(e);
    const v = expr ? this.val(expr, depth + 1) : null;
    const hint = v && v.t === 'unknown' ? v.hint : hintOf(exprStr);
    return [{ kind: 'dynamic', span: spanOf(c), expr: exprStr, hint }];
  }

  private toSegments(v: Val, src: Node): Segment[] {
    if (v.t === 'str') return v.value.segments;
    if (v.t === 'num') return [{ kind: 'static', text: pyNumText(v.value) }];
    if (v.t === 'unknown') return [{ kind: 'dynamic', span: v.span, expr: v.expr, hint: v.hint }];
    const expr = this.exprText(src);
    return [{ kind: 'dynamic', span: v.span, expr, hint: hintOf(expr) }];
  }

  private binop(n: Node, depth: number): Val {
    const opNode = this.field(n, 'operator');
    const op = opNode?.type ?? '';
    if (op === '+') {
      // Flatten left-nested chains iteratively: a + b + c + …
      const operands: Node[] = [];
      let cur: Node | null = n;
      const rights: Node[] = [];
      for (let i = 0; cur && i < 100_000; i++) {
        if (cur.type === 'binary_operator' && this.field(cur, 'operator')?.type === '+') {
          const r = this.field(cur, 'right');
          if (r) rights.push(r);
          cur = this.field(cur, 'left');
        } else break;
      }
      if (cur) operands.push(cur);
      for (let i = rights.length - 1; i >= 0; i--) operands.push(rights[i]!);
      if (operands.length > 20_000) return this.unknown(n);
      const vals = operands.map((o) => this.val(o, depth + 1));
      if (vals.every((v) => v.t === 'num')) return { t: 'num', value: vals.reduce((a, v) => a + (v as { value: number }).value, 0), span: spanOf(n) };
      if (vals.some((v) => v.t === 'str')) {
        const segs: Segment[] = [];
        vals.forEach((v, i) => segs.push(...this.toSegments(v, operands[i]!)));
        return strVal(segs, spanOf(n));
      }
      if (vals.every((v) => v.t === 'arr')) {
        const items: Val[] = [];
        let open = false;
        for (const v of vals) if (v.t === 'arr') (items.push(...v.items), (open ||= v.openSpread));
        return { t: 'arr', items, openSpread: open, span: spanOf(n) };
      }
      return this.unknown(n);
    }
    const l = this.field(n, 'left');
    const r = this.field(n, 'right');
    if (!l || !r) return this.unknown(n);
    const lv = this.val(l, depth + 1);
    if (op === '%' && lv.t === 'str') return this.percentFormat(n, lv, r, depth);
    const rv = this.val(r, depth + 1);
    if (op === '*') {
      const [s, k] = lv.t === 'str' && rv.t === 'num' ? [lv, rv.value] : rv.t === 'str' && lv.t === 'num' ? [rv, lv.value] : [null, 0];
      if (s && s.t === 'str') {
        const t = staticText(s);
        if (t === null || !Number.isInteger(k) || k < 0 || t.length * k > this.budget || t.length * k > 1_000_000) return this.unknown(n);
        return strVal([{ kind: 'static', text: t.repeat(k) }], spanOf(n));
      }
    }
    if (lv.t === 'num' && rv.t === 'num') {
      const a = lv.value;
      const b = rv.value;
      let v: number | null = null;
      switch (op) {
        case '-':
          v = a - b;
          break;
        case '*':
          v = a * b;
          break;
        case '/':
          v = b === 0 ? null : a / b;
          break;
        case '//':
          v = b === 0 ? null : Math.floor(a / b);
          break;
        case '%':
          v = b === 0 ? null : ((a % b) + b) % b;
          break;
        case '**':
          v = a ** b;
          break;
        case '<<':
          v = a * 2 ** b;
          break;
        case '>>':
          v = Math.floor(a / 2 ** b);
          break;
        case '&':
          v = a & b;
          break;
        case '|':
          v = a | b;
          break;
        case '^':
          v = a ^ b;
          break;
      }
      if (v !== null && Number.isFinite(v)) return { t: 'num', value: v, span: spanOf(n) };
    }
    return this.unknown(n);
  }

  /** The value a name has after `name op= right` (only `+=` and `*=` of resolvable values). */
  private augmented(n: Node, depth: number): Val {
    const l = this.field(n, 'left');
    const r = this.field(n, 'right');
    const op = this.field(n, 'operator')?.type ?? '';
    if (!l || !r || l.type !== 'identifier') return this.unknown(n);
    const b = this.lookup(l.text, n);
    if (!b || b === 'ambiguous' || b.value?.id === n.id) return this.unknown(l);
    const prev = this.bindingVal(b, l, depth + 1);
    const rv = this.val(r, depth + 1);
    if (op === '+=') {
      if (prev.t === 'str' || rv.t === 'str') {
        if (prev.t !== 'str' && prev.t !== 'unknown') return this.unknown(n);
        return strVal([...this.toSegments(prev, l), ...this.toSegments(rv, r)], spanOf(n));
      }
      if (prev.t === 'num' && rv.t === 'num') return { t: 'num', value: prev.value + rv.value, span: spanOf(n) };
      if (prev.t === 'arr' && rv.t === 'arr') return { t: 'arr', items: [...prev.items, ...rv.items], openSpread: prev.openSpread || rv.openSpread, span: spanOf(n) };
    }
    if (op === '*=' && prev.t === 'num' && rv.t === 'num') return { t: 'num', value: prev.value * rv.value, span: spanOf(n) };
    return this.unknown(n);
  }

  private percentFormat(n: Node, lv: Val, r: Node, depth: number): Val {
    if (lv.t !== 'str') return this.unknown(n);
    noteRead(lv.value.segments);
    const rv = this.val(r, depth + 1);
    const positional: Array<{ v: Val; src: Node }> = [];
    let dict: ObjVal | null = null;
    if (rv.t === 'obj') dict = rv;
    else if (r.type === 'tuple' || (r.type === 'parenthesized_expression' && this.kids(r)[0]?.type === 'tuple')) {
      const tup = r.type === 'tuple' ? r : this.kids(r)[0]!;
      this.kids(tup).forEach((c) => positional.push({ v: this.val(c, depth + 1), src: c }));
    } else positional.push({ v: rv, src: r });
    let idx = 0;
    const segs: Segment[] = [];
    for (const seg of lv.value.segments) {
      if (seg.kind !== 'static') {
        segs.push(seg);
        continue;
      }
      const pieces = parsePercentFormat(seg.text);
      if (!pieces) return this.unknown(n);
      for (const p of pieces) {
        if (p.kind === 'text') {
          segs.push({ kind: 'static', text: p.text });
          continue;
        }
        idx += p.star;
        let arg: { v: Val; src: Node } | undefined;
        if (p.key !== null) {
          const e = dict?.entries.find((x) => x.key === p.key);
          if (e) arg = { v: e.value, src: r };
        } else arg = positional[idx++];
        if (arg && p.conv === 's' && (arg.v.t === 'str' || arg.v.t === 'num')) segs.push(...this.toSegments(arg.v, arg.src));
        else if (arg && (p.conv === 'd' || p.conv === 'i') && arg.v.t === 'num' && p.raw.length === 2) segs.push({ kind: 'static', text: String(Math.trunc(arg.v.value)) });
        else {
          const expr = arg?.v.t === 'unknown' ? arg.v.expr : arg ? this.exprText(arg.src) : p.key ?? this.exprText(r);
          const hint = arg?.v.t === 'unknown' ? arg.v.hint : hintOf(expr);
          segs.push({ kind: 'dynamic', span: arg?.v.span ?? spanOf(r), expr, hint });
        }
      }
    }
    return strVal(segs, spanOf(n));
  }

  private braceFormat(n: Node, recv: Val, call: Node, depth: number): Val {
    if (recv.t !== 'str') return this.unknown(n);
    const args = this.callArgs(call, depth + 1);
    let auto = 0;
    const segs: Segment[] = [];
    for (const seg of recv.value.segments) {
      if (seg.kind !== 'static') {
        segs.push(seg);
        continue;
      }
      const pieces = parseBraceFormat(seg.text);
      if (!pieces) return this.unknown(n);
      for (const p of pieces) {
        if (p.kind === 'text') {
          segs.push({ kind: 'static', text: p.text });
          continue;
        }
        const m = /^([^.[]*)(.*)$/s.exec(p.field)!;
        const head = m[1]!;
        const rest = m[2]!;
        let v: Val | undefined;
        if (head === '') v = args.positional[auto++];
        else if (/^\d+$/.test(head)) v = args.positional[Number(head)];
        else v = args.named.entries.find((e) => e.key === head)?.value;
        if (v && !rest && !p.conv && !p.spec && (v.t === 'str' || v.t === 'num')) segs.push(...this.toSegments(v, call));
        else {
          const expr = v && v.t === 'unknown' ? v.expr : head || p.raw;
          const hint = v && v.t === 'unknown' ? v.hint : hintOf(head || expr);
          segs.push({ kind: 'dynamic', span: v?.span ?? spanOf(call), expr, hint });
        }
      }
    }
    return strVal(segs, spanOf(n));
  }

  private attrVal(n: Node, depth: number): Val {
    const obj = this.field(n, 'object');
    const attr = this.field(n, 'attribute')?.text;
    if (!obj || !attr) return this.unknown(n);
    if (obj.type === 'identifier') {
      const cls = this.selfClass(obj.text, n) ?? this.localClassOf(obj);
      if (cls) {
        const b = this.classAttr(cls, attr);
        if (b && b !== 'ambiguous') return this.bindingVal(b, n, depth + 1);
        return this.unknown(n);
      }
      const b = this.lookup(obj.text, obj);
      if (b && b !== 'ambiguous' && b.kind === 'import') {
        return this.importedVal(b.module!, b.path ?? [], [attr], n, depth) ?? this.unknown(n);
      }
      if (b && b !== 'ambiguous' && b.kind === 'pkg') {
        const chain = [...(b.pkgModule ?? obj.text).split('.')];
        void chain;
        return this.unknown(n);
      }
    } else if (obj.type === 'attribute') {
      // module.sub.CONST through a package import, or a class attribute of an imported class
      const chain: string[] = [attr];
      let cur: Node | null = obj;
      for (let i = 0; cur && cur.type === 'attribute' && i < 20; i++) {
        chain.unshift(this.field(cur, 'attribute')?.text ?? '');
        cur = this.field(cur, 'object');
      }
      if (cur?.type === 'identifier') {
        const b = this.lookup(cur.text, cur);
        if (b && b !== 'ambiguous' && b.kind === 'import') return this.importedVal(b.module!, b.path ?? [], chain, n, depth) ?? this.unknown(n);
        if (b && b !== 'ambiguous' && b.kind === 'pkg') return this.importedVal(cur.text, [], chain, n, depth) ?? this.unknown(n);
      }
    }
    return this.unknown(n);
  }

  private dictVal(n: Node, depth: number): Val {
    const obj: ObjVal = { t: 'obj', entries: [], openSpread: false, span: spanOf(n) };
    for (const c of this.kids(n)) {
      if (c.type === 'pair') {
        const k = this.field(c, 'key');
        const v = this.field(c, 'value');
        if (!k || !v) continue;
        const kv = this.val(k, depth + 1);
        const key = staticText(kv);
        if (key === null) {
          obj.openSpread = true;
          continue;
        }
        setEntry(obj.entries, { key, span: spanOf(c), keySpan: spanOf(k), value: this.val(v, depth + 1) });
      } else if (c.type === 'dictionary_splat') {
        const inner = this.kids(c)[0];
        const v = inner ? this.val(inner, depth + 1) : null;
        if (v?.t === 'obj') {
          for (const e of v.entries) setEntry(obj.entries, e);
          if (v.openSpread) obj.openSpread = true;
        } else obj.openSpread = true;
      } else obj.openSpread = true;
    }
    const ins = this.insertPoint(n, 'dict');
    if (ins) obj.insert = ins;
    return obj;
  }

  private arrVal(n: Node, depth: number): Val {
    const items: Val[] = [];
    let open = false;
    for (const c of this.kids(n)) {
      if (c.type === 'list_splat') {
        const inner = this.kids(c)[0];
        const v = inner ? this.val(inner, depth + 1) : null;
        if (v?.t === 'arr') {
          items.push(...v.items);
          open ||= v.openSpread;
        } else open = true;
      } else items.push(this.val(c, depth + 1));
    }
    return { t: 'arr', items, openSpread: open, span: spanOf(n) };
  }

  private subscriptVal(n: Node, depth: number): Val {
    const value = this.field(n, 'value');
    const sub = this.field(n, 'subscript');
    if (!value || !sub) return this.unknown(n);
    const container = this.val(value, depth + 1);
    const key = this.val(sub, depth + 1);
    if (container.t === 'obj') {
      const k = staticText(key);
      const e = k !== null ? container.entries.find((x) => x.key === k) : undefined;
      if (e) return this.withRef(e.value, n);
    } else if (container.t === 'arr' && key.t === 'num' && !container.openSpread) {
      const i = key.value < 0 ? container.items.length + key.value : key.value;
      const it = container.items[i];
      if (it) return this.withRef(it, n);
    }
    return this.unknown(n);
  }

  private callVal(n: Node, depth: number): Val {
    const fn = this.field(n, 'function');
    const argsNode = this.field(n, 'arguments');
    if (!fn) return this.unknown(n);
    const args = this.kids(argsNode);
    if (fn.type === 'attribute') {
      const recvNode = this.field(fn, 'object');
      const method = this.field(fn, 'attribute')?.text ?? '';
      if (recvNode) {
        switch (method) {
          case 'strip':
          case 'lstrip':
          case 'rstrip': {
            const recv = this.val(recvNode, depth + 1);
            if (recv.t !== 'str') break;
            const chars = args[0] ? staticText(this.val(args[0], depth + 1)) : undefined;
            if (chars === null) break;
            return { t: 'str', value: transformValue(recv.value, (s) => strip(s, method, chars)), span: spanOf(n) };
          }
          case 'upper':
          case 'lower': {
            const recv = this.val(recvNode, depth + 1);
            if (recv.t !== 'str' || args.length) break;
            return { t: 'str', value: transformValue(recv.value, (s) => (method === 'upper' ? s.toUpperCase() : s.toLowerCase())), span: spanOf(n) };
          }
          case 'replace': {
            const recv = this.val(recvNode, depth + 1);
            if (recv.t !== 'str' || args.length !== 2) break;
            const a = staticText(this.val(args[0]!, depth + 1));
            const b = staticText(this.val(args[1]!, depth + 1));
            if (a === null || b === null || !a) break;
            return { t: 'str', value: transformValue(recv.value, (s) => s.split(a).join(b)), span: spanOf(n) };
          }
          case 'join': {
            const sep = this.val(recvNode, depth + 1);
            if (sep.t !== 'str' || args.length !== 1) break;
            const items = this.val(args[0]!, depth + 1);
            if (items.t !== 'arr' || items.openSpread || !items.items.every((i) => i.t === 'str' || i.t === 'unknown')) break;
            const segs: Segment[] = [];
            items.items.forEach((it, i) => {
              if (i) {
                noteRead(sep.value.segments);
                segs.push(...sep.value.segments.map((s) => (s.kind === 'static' ? { kind: 'static' as const, text: s.text } : s)));
              }
              segs.push(...this.toSegments(it, args[0]!));
            });
            return strVal(segs, spanOf(n));
          }
          case 'format': {
            const recv = this.val(recvNode, depth + 1);
            if (recv.t === 'str') {
              noteRead(recv.value.segments);
              return this.braceFormat(n, recv, n, depth);
            }
            break;
          }
          case 'read_text':
          case 'read': {
            const p = method === 'read_text' ? this.pathOf(recvNode, depth + 1) : this.openOf(recvNode, depth + 1);
            if (p) return this.readFile(p, n);
            break;
          }
          case 'copy': {
            const recv = this.val(recvNode, depth + 1);
            if (recv.t === 'obj' || recv.t === 'arr') return this.withRef(recv, n);
            break;
          }
          default:
            break;
        }
      }
    }
    const q = this.qname(fn, depth + 1);
    if (q && q.origin === 'import' && q.path.length === 1 && typeof q.path[0] === 'string') {
      const key = `${q.module}.${q.path[0]}`;
      if ((key === 'textwrap.dedent' || key === 'inspect.cleandoc') && args[0]) {
        const v = this.val(args[0], depth + 1);
        if (v.t === 'str') return { t: 'str', value: transformValue(v.value, key === 'textwrap.dedent' ? dedent : cleandoc), span: spanOf(n) };
        return this.unknown(n);
      }
    }
    if (fn.type === 'identifier' && !this.lookupIsBound(fn.text, fn)) {
      switch (fn.text) {
        case 'str': {
          if (!args[0]) return strVal([], spanOf(n));
          const v = this.val(args[0], depth + 1);
          if (v.t === 'str') return this.withRef(v, n);
          if (v.t === 'num') return strVal([{ kind: 'static', text: pyNumText(v.value) }], spanOf(n));
          if (v.t === 'unknown') return { ...v, span: spanOf(n) };
          return this.unknown(n);
        }
        case 'int':
        case 'float': {
          const v = args[0] ? this.val(args[0], depth + 1) : null;
          if (v?.t === 'num') return { t: 'num', value: fn.text === 'int' ? Math.trunc(v.value) : v.value, span: spanOf(n) };
          return this.unknown(n);
        }
        case 'dict': {
          const a = this.callArgs(n, depth + 1);
          const obj: ObjVal = { ...a.named, span: spanOf(n), entries: [...a.named.entries] };
          const first = a.positional[0];
          if (first) {
            if (first.t === 'obj') {
              const merged = [...first.entries];
              for (const e of obj.entries) setEntry(merged, e);
              obj.entries = merged;
              obj.openSpread ||= first.openSpread;
            } else obj.openSpread = true;
          }
          return obj;
        }
        case 'list':
        case 'tuple': {
          const v = args[0] ? this.val(args[0], depth + 1) : ({ t: 'arr', items: [], openSpread: false, span: spanOf(n) } as Val);
          if (v.t === 'arr') return this.withRef(v, n);
          return this.unknown(n);
        }
        case 'min':
        case 'max': {
          const vs = args.map((a) => this.val(a, depth + 1));
          if (vs.length >= 2 && vs.every((v) => v.t === 'num')) {
            const nums = vs.map((v) => (v as { value: number }).value);
            return { t: 'num', value: fn.text === 'min' ? Math.min(...nums) : Math.max(...nums), span: spanOf(n) };
          }
          return this.unknown(n);
        }
        default:
          break;
      }
    }
    // The callee says whether this is a clock/uuid/random value (`datetime.now()`, `uuid.uuid4()`); its
    // arguments and comments do not (`GenerationConfig(  # for now.` is still a config object).
    const textHint = hintOf(`${this.exprText(fn)}()`);
    if (textHint === 'time' || textHint === 'uuid' || textHint === 'random') return this.unknown(n, textHint);
    if (q && q.origin === 'import') return { t: 'call', callee: q, args: this.callArgs(n, depth + 1), span: spanOf(n) };
    return this.unknown(n);
  }

  // -------------------------------------------------------------------------------------------
  // Prompt files
  // -------------------------------------------------------------------------------------------

  /** A filesystem path expression (`Path(__file__).parent / "x.md"`, `os.path.join(...)`). */
  pathOf(n: Node, depth: number): PathRes {
    if (depth > MAX_DEPTH) return null;
    switch (n.type) {
      case 'identifier': {
        if (n.text === '__file__') return { p: this.env.path, abs: true };
        const b = this.lookup(n.text, n);
        if (b && b !== 'ambiguous' && b.kind === 'value' && b.value) return this.pathOf(b.value, depth + 1);
        return null;
      }
      case 'string':
      case 'concatenated_string':
      case 'binary_operator': {
        if (n.type === 'binary_operator' && this.field(n, 'operator')?.type === '/') {
          const l = this.field(n, 'left');
          const r = this.field(n, 'right');
          if (!l || !r) return null;
          const lp = this.pathOf(l, depth + 1);
          const rs = this.pathOf(r, depth + 1);
          if (!lp || !rs) return null;
          if (rs.abs) return rs;
          return { p: lp.p ? join(lp.p, rs.p) : rs.p, abs: lp.abs };
        }
        const s = staticText(this.val(n, depth + 1));
        if (s === null) return null;
        return { p: s, abs: s.startsWith('/') };
      }
      case 'parenthesized_expression': {
        const inner = this.kids(n)[0];
        return inner ? this.pathOf(inner, depth + 1) : null;
      }
      case 'attribute': {
        const obj = this.field(n, 'object');
        const attr = this.field(n, 'attribute')?.text;
        if (!obj) return null;
        if (attr === 'parent') {
          const p = this.pathOf(obj, depth + 1);
          return p ? { p: dirname(p.p), abs: p.abs } : null;
        }
        return null;
      }
      case 'subscript': {
        // Path(__file__).parents[1]
        const value = this.field(n, 'value');
        const sub = this.field(n, 'subscript');
        if (value?.type === 'attribute' && this.field(value, 'attribute')?.text === 'parents' && sub) {
          const base = this.field(value, 'object');
          const k = this.val(sub, depth + 1);
          const p = base ? this.pathOf(base, depth + 1) : null;
          if (p && k.t === 'num' && k.value >= 0 && k.value < 50) {
            let cur = dirname(p.p);
            for (let i = 0; i < k.value; i++) cur = dirname(cur);
            return { p: cur, abs: p.abs };
          }
        }
        return null;
      }
      case 'call': {
        const fn = this.field(n, 'function');
        const args = this.kids(this.field(n, 'arguments')).filter((a) => a.type !== 'keyword_argument');
        if (!fn) return null;
        if (fn.type === 'attribute') {
          const method = this.field(fn, 'attribute')?.text ?? '';
          const recv = this.field(fn, 'object');
          if (recv && ['resolve', 'absolute', 'expanduser'].includes(method)) return this.pathOf(recv, depth + 1);
          if (recv && method === 'with_name' && args[0]) {
            const p = this.pathOf(recv, depth + 1);
            const nm = staticText(this.val(args[0], depth + 1));
            return p && nm ? { p: join(dirname(p.p), nm), abs: p.abs } : null;
          }
          if (recv && method === 'joinpath') {
            let p = this.pathOf(recv, depth + 1);
            for (const a of args) {
              const s = this.pathOf(a, depth + 1);
              if (!p || !s) return null;
              p = s.abs ? s : { p: join(p.p, s.p), abs: p.abs };
            }
            return p;
          }
        }
        const q = this.qname(fn, depth + 1);
        const last = q?.path[q.path.length - 1];
        const name = typeof last === 'string' ? last : fn.type === 'identifier' ? fn.text : '';
        const isPathCtor = ['Path', 'PurePath', 'PosixPath', 'PurePosixPath'].includes(name) && (q?.module === 'pathlib' || q?.origin === 'import');
        if (isPathCtor) {
          if (!args.length) return null;
          let p = this.pathOf(args[0]!, depth + 1);
          for (const a of args.slice(1)) {
            const s = this.pathOf(a, depth + 1);
            if (!p || !s) return null;
            p = s.abs ? s : { p: join(p.p, s.p), abs: p.abs };
          }
          return p;
        }
        if (q?.module === 'os' || q?.module === 'os.path' || q?.module === 'posixpath') {
          const fname = q.path.filter((x) => typeof x === 'string').join('.');
          if (/(^|\.)join$/.test(fname)) {
            let p: PathRes = null;
            for (const a of args) {
              const s = this.pathOf(a, depth + 1);
              if (!s) return null;
              p = !p || s.abs ? s : { p: join(p.p, s.p), abs: p.abs };
            }
            return p;
          }
          if (/(^|\.)dirname$/.test(fname) && args[0]) {
            const p = this.pathOf(args[0], depth + 1);
            return p ? { p: dirname(p.p), abs: p.abs } : null;
          }
          if (/(^|\.)(abspath|realpath|normpath)$/.test(fname) && args[0]) return this.pathOf(args[0], depth + 1);
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** The path opened by `open(p)` (directly or through a name bound to it). */
  openOf(n: Node, depth: number): PathRes {
    if (depth > MAX_DEPTH) return null;
    if (n.type === 'identifier') {
      const b = this.lookup(n.text, n);
      if (b && b !== 'ambiguous' && b.kind === 'value' && b.value) return this.openOf(b.value, depth + 1);
      return null;
    }
    if (n.type === 'parenthesized_expression') {
      const inner = this.kids(n)[0];
      return inner ? this.openOf(inner, depth + 1) : null;
    }
    if (n.type !== 'call') return null;
    const fn = this.field(n, 'function');
    if (!fn) return null;
    const isOpen =
      (fn.type === 'identifier' && fn.text === 'open' && !this.lookupIsBound('open', fn)) ||
      (fn.type === 'attribute' && /^(io|codecs)\.open$/.test(fn.text.replace(/\s+/g, '')));
    if (isOpen) {
      const all = this.kids(this.field(n, 'arguments'));
      const first = all.find((a) => a.type !== 'keyword_argument') ?? all.find((a) => a.type === 'keyword_argument' && this.field(a, 'name')?.text === 'file')?.childForFieldName('value');
      const mode = all.find((a) => a.type !== 'keyword_argument' && a !== first) ?? all.find((a) => a.type === 'keyword_argument' && this.field(a, 'name')?.text === 'mode')?.childForFieldName('value');
      if (mode && /b/.test(staticText(this.val(mode, depth + 1)) ?? '')) return null;
      return first ? this.pathOf(first, depth + 1) : null;
    }
    // Path(...).open()
    if (fn.type === 'attribute' && this.field(fn, 'attribute')?.text === 'open') {
      const recv = this.field(fn, 'object');
      return recv ? this.pathOf(recv, depth + 1) : null;
    }
    return null;
  }

  readFile(p: { p: string; abs: boolean }, ref: Node): Val {
    const candidates = p.abs ? [normalize(p.p)] : ancestors(dirname(this.env.path)).map((a) => join(a, p.p));
    for (const c of candidates) {
      let text: string | null = null;
      try {
        text = this.env.fs.readText(c);
      } catch {
        text = null;
      }
      if (text !== null) {
        if (text.length > this.budget) break;
        return { t: 'str', value: { segments: text ? [{ kind: 'static', text }] : [] }, span: spanOf(ref) };
      }
    }
    const shown = p.abs ? normalize(p.p) : p.p;
    if (!this.notedFiles.has(shown)) {
      this.notedFiles.add(shown);
      this.notes.push({
        level: 'warning',
        message: `Prompt file "${shown}" could not be read (missing, outside the workspace, binary or too large); its text is treated as dynamic.`,
        span: spanOf(ref),
      });
    }
    return this.unknown(ref, 'unknown');
  }

  // -------------------------------------------------------------------------------------------
  // Constants from other workspace modules
  // -------------------------------------------------------------------------------------------

  moduleFiles(mod: string): string[] {
    const m = /^(\.*)(.*)$/.exec(mod)!;
    const dots = m[1]!.length;
    const rest = m[2]!.replace(/\./g, '/');
    if (dots) {
      let base = dirname(this.env.path);
      for (let i = 1; i < dots; i++) base = dirname(base);
      return rest ? [join(base, rest + '.py'), join(base, rest, '__init__.py')] : [join(base, '__init__.py')];
    }
    if (!rest) return [];
    const out: string[] = [];
    for (const a of ancestors(dirname(this.env.path))) out.push(join(a, rest + '.py'), join(a, rest, '__init__.py'));
    return out;
  }

  static joinMod(mod: string, parts: string[]): string {
    if (!parts.length) return mod;
    return mod.endsWith('.') ? mod + parts.join('.') : [mod, ...parts].join('.');
  }

  /** `from M import a` + attribute chain → the constant, relocated to `ref`. null when no module file was found. */
  private readonly importMemo = new Map<string, Val | null | 'missing'>();

  importedVal(module: string, path: string[], attrs: string[], ref: Node, depth: number): Val | null {
    if (depth > MAX_DEPTH) return null;
    const full = [...path, ...attrs];
    if (!full.length) return null;
    const key = `${module}|${full.join('.')}`;
    const memo = this.importMemo.get(key);
    if (memo === 'missing') return null;
    if (memo === null) return this.unknown(ref);
    if (memo) return relocate(memo, spanOf(ref));
    const r = this.importedValUncached(module, full, ref, depth);
    this.importMemo.set(key, r.found ? r.value : 'missing');
    if (!r.found) return null;
    return r.value ? relocate(r.value, spanOf(ref)) : this.unknown(ref);
  }

  private importedValUncached(module: string, full: string[], ref: Node, depth: number): { found: boolean; value: Val | null } {
    for (let k = full.length - 1; k >= 0; k--) {
      const mod = Analyzer.joinMod(module, full.slice(0, k));
      for (const file of this.moduleFiles(mod)) {
        if (file === this.env.path) continue;
        const a = Analyzer.forModule(this.env, file);
        if (!a) continue;
        const before = a.notes.length;
        const v = a.moduleConst(full[k]!, full.slice(k + 1), depth + 1);
        // A prompt file that module could not read is reported here, at the reference.
        for (const note of a.notes.slice(before)) this.notes.push({ ...note, span: spanOf(ref) });
        return { found: true, value: v };
      }
    }
    return { found: false, value: null };
  }

  /** A module-level constant of this module (for importers). */
  moduleConst(name: string, rest: string[], depth: number): Val | null {
    const activeKey = 'python:active';
    let active = this.env.cache.get(activeKey) as Set<string> | undefined;
    if (!active) {
      active = new Set();
      this.env.cache.set(activeKey, active);
    }
    const key = `${this.env.path}#${name}.${rest.join('.')}`;
    if (active.has(key) || depth > MAX_DEPTH) return null;
    active.add(key);
    try {
      noteName(name);
      const b = Analyzer.select(this.scan.module.names.get(name), Infinity);
      if (!b || b === 'ambiguous') return null;
      if (rest.length === 0 && b.kind === 'value' && b.value) return this.bindingVal(b, b.value, depth + 1);
      if (rest.length === 1 && b.kind === 'class' && b.cls) {
        const ab = this.classAttr(b.cls, rest[0]!);
        if (ab && ab !== 'ambiguous' && ab.value) return this.bindingVal(ab, ab.value, depth + 1);
        return null;
      }
      if (b.kind === 'import') return this.importedVal(b.module!, b.path ?? [], rest, b.value ?? this.env.root, depth + 1);
      return null;
    } catch {
      return null;
    } finally {
      active.delete(key);
    }
  }

  fnOfNode(n: Node): FnInfo | null {
    this.scan.lazy.at(n.startIndex);
    const s = this.scan.scopeOf.get(n.id);
    return s?.fn ?? null;
  }
}

/** `anthropic.lib.bedrock` → `anthropic`; `google.genai` stays (its own SDK). */
function topModule(module: string): string {
  return module.startsWith('google.') ? module : module.split('.')[0]!;
}

function setEntry(entries: ObjEntry[], e: ObjEntry): void {
  const i = entries.findIndex((x) => x.key === e.key);
  if (i >= 0) entries.splice(i, 1);
  entries.push(e);
}
