/**
 * Resolution of JS/TS expressions: callees to QNames (through imports, bindings, class fields,
 * parameter types and workspace modules) and arguments to Vals (strings, templates, objects,
 * arrays, numbers, prompt files, constants from other modules). Bounded: a depth limit, a work
 * budget per file, a cap on resolved string size and a guard against cycles; anything beyond
 * becomes an 'unknown' value.
 */
import type { Node } from '../../parse/parser';
import type { FrontEndContext } from '../frontend';
import type { CallArgs, DynamicHint, InsertPoint, Note, ObjEntry, ObjVal, QName, Segment, Span, Val } from '../../types';
import { buildMod, dirOf, enclosingClass, findExport, joinPath, lookup, moduleCandidates, propKey, type Binding, type Mod } from './module';
import { up } from './module';
import { noteBody, noteLiteral, noteRead, noteReadNode, noteReadSource, noteReadVal, noteTouched } from '../trace';
import { decodeEscapes, dedentText, exprText, hintFor, HOLE, outdentText } from './strings';

/** Where a resolution runs: which module, and (for another module) the span in this file to report instead. */
export interface Env {
  mod: Mod;
  site: Span | null;
}

const MAX_DEPTH = 48;
const MAX_WORK = 400_000;
const MAX_STR = 2_000_000;

/** Globals that are never SDK clients: calls on them are not candidates. */
const GLOBALS = new Set([
  'console', 'JSON', 'Math', 'Object', 'Array', 'Promise', 'process', 'window', 'document', 'globalThis', 'Reflect',
  'Number', 'String', 'Boolean', 'Symbol', 'Date', 'RegExp', 'Error', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Buffer',
  'fetch', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'require', 'module', 'exports', 'navigator',
  'localStorage', 'sessionStorage', 'location', 'history', 'Intl', 'URL', 'URLSearchParams', 'crypto', 'performance',
  'structuredClone', 'queueMicrotask', 'atob', 'btoa', 'encodeURIComponent', 'decodeURIComponent', 'parseInt',
  'parseFloat', 'isNaN', 'isFinite', 'describe', 'it', 'test', 'expect', 'beforeEach', 'afterEach', 'beforeAll',
  'afterAll', 'jest', 'vi', 'cy', '$', 'jQuery', 'React', 'self', 'Deno', 'Bun', 'super', 'undefined', 'arguments',
]);

const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

const DEDENT_MODULES = new Set(['dedent', 'ts-dedent', 'dedent-js', 'endent', 'outdent', 'common-tags', 'string-dedent']);

export class Evaluator {
  readonly notes: Note[] = [];
  private work = 0;
  private readonly active = new Set<string>();
  private readonly refCache = new Map<string, QName | null>();
  private readonly valCache = new Map<string, Val>();
  private readonly noted = new Set<string>();

  constructor(
    readonly ctx: FrontEndContext,
    readonly main: Mod,
  ) {}

  env(): Env {
    return { mod: this.main, site: null };
  }

  span(env: Env, node: Node): Span {
    return env.site ?? { start: node.startIndex, end: node.endIndex };
  }

  /** A node's source text (an unknown value's `expr`, a callee's name for hints): recorded as read. */
  src(env: Env, node: Node): string {
    noteReadSource(node);
    return env.mod.text.slice(node.startIndex, node.endIndex);
  }

  unknown(env: Env, node: Node, hint?: DynamicHint): Val {
    const expr = exprText(this.src(env, node).slice(0, 400));
    return { t: 'unknown', span: this.span(env, node), expr, hint: hint ?? hintFor(expr) };
  }

  private tick(): boolean {
    return ++this.work <= MAX_WORK;
  }

  // -------------------------------------------------------------------------------------------
  // Modules
  // -------------------------------------------------------------------------------------------

  /** Parse (once per run) another workspace module. */
  loadMod(abs: string): Mod | null {
    const key = 'js:mod:' + abs;
    if (this.ctx.cache.has(key)) return (this.ctx.cache.get(key) as Mod | null) ?? null;
    let mod: Mod | null = null;
    try {
      if (abs === this.main.path) mod = this.main;
      else {
        const pm = this.ctx.loadModule(abs);
        if (pm && pm.language !== 'python') mod = buildMod(pm.path, pm.language, pm.text, pm.tree);
      }
    } catch {
      mod = null;
    }
    this.ctx.cache.set(key, mod);
    return mod;
  }

  resolveSpecifier(from: Mod, spec: string): Mod | null {
    if (!isRelative(spec)) return null;
    const alias = /^[@~]\//.exec(spec);
    if (alias) return this.resolveAlias(from, spec);
    for (const cand of moduleCandidates(from.path, spec)) {
      const m = this.loadMod(cand);
      if (m) return m;
    }
    return null;
  }

  /**
   * `@/lib/client` / `~/lib/client` (the usual tsconfig `paths` alias): the project's `src/` or root,
   * found by trying the file's ancestors once per run.
   */
  private resolveAlias(from: Mod, spec: string): Mod | null {
    const rest = spec.slice(2);
    const rootKey = 'js:alias-root:' + spec[0];
    const known = this.ctx.cache.get(rootKey) as string | undefined;
    const tryRoot = (root: string): Mod | null => {
      for (const cand of moduleCandidates(root + '/x', './' + rest)) {
        const m = this.loadMod(cand);
        if (m) return m;
      }
      return null;
    };
    if (known !== undefined) return tryRoot(known);
    const missKey = 'js:alias-miss:' + from.path + ':' + spec;
    if (this.ctx.cache.has(missKey)) return null;
    let dir = dirOf(from.path);
    for (let i = 0; i < 12; i++) {
      for (const root of [dir + '/src', dir]) {
        const m = tryRoot(root.replace(/^\/\//, '/'));
        if (m) {
          this.ctx.cache.set(rootKey, root.replace(/^\/\//, '/'));
          return m;
        }
      }
      if (dir === '/') break;
      dir = dirOf(dir);
    }
    this.ctx.cache.set(missKey, true);
    return null;
  }

  /**
   * Follow an export of a workspace module to the node that defines it.
   * Returns the module and a node to evaluate (or a binding name to look up at top level).
   */
  followExport(mod: Mod, name: string, seen: Set<string> = new Set()): { mod: Mod; node: Node } | { mod: Mod; binding: Binding; at: Node } | null {
    const key = mod.path + '#' + name;
    if (seen.has(key) || seen.size > 32) return null;
    seen.add(key);
    const t = findExport(mod, name);
    if (!t) return null;
    switch (t.k) {
      case 'node':
        return { mod, node: t.node };
      case 'binding': {
        const b = lookup(mod, t.name, mod.root.namedChildren[0] ?? mod.root) ?? mod.root.namedChildren.map((c) => lookup(mod, t.name, c)).find(Boolean) ?? null;
        if (!b) return null;
        if (b.k === 'import' && isRelative(b.module)) {
          const target = this.resolveSpecifier(mod, b.module);
          if (target) return b.path.length === 1 ? this.followExport(target, b.path[0]!, seen) : null;
        }
        return { mod, binding: b, at: t.at };
      }
      case 'reexport': {
        const target = this.resolveSpecifier(mod, t.module);
        return target ? this.followExport(target, t.name, seen) : null;
      }
      case 'star':
        for (const spec of t.modules) {
          const target = this.resolveSpecifier(mod, spec);
          const r = target ? this.followExport(target, name, seen) : null;
          if (r) return r;
        }
        return null;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Callees → QName
  // -------------------------------------------------------------------------------------------

  /** Memo of resolved nodes: nested calls (`z.object({ a: z.object(...) })`) are each a candidate. */
  private readonly nodeRefs = new Map<string, QName | null>();
  private readonly nodeVals = new Map<string, Val>();
  private readonly nodeArgs = new Map<string, CallArgs>();

  private memoKey(node: Node, env: Env): string {
    return env.site ? `${env.mod.path}:${node.id}:${env.site.start}` : env.mod === this.main ? String(node.id) : `${env.mod.path}:${node.id}`;
  }

  ref(node: Node | null, env: Env, depth: number): QName | null {
    if (!node || depth > MAX_DEPTH || !this.tick()) return null;
    const key = this.memoKey(node, env);
    const hit = this.nodeRefs.get(key);
    if (hit !== undefined) return hit;
    noteTouched(node);
    const r = this.refInner(node, env, depth);
    this.nodeRefs.set(key, r);
    return r;
  }

  private refInner(node: Node, env: Env, depth: number): QName | null {
    while (WRAPPERS.has(node.type) || node.type === 'await_expression') {
      const inner: Node | null = node.type === 'type_assertion' ? node.namedChildren[node.namedChildCount - 1] ?? null : node.namedChildren[0] ?? null;
      if (!inner) return null;
      node = inner;
    }
    switch (node.type) {
      case 'identifier':
        return this.refIdent(node.text, node, env, depth);
      case 'member_expression': {
        const obj = node.childForFieldName('object');
        const prop = node.childForFieldName('property');
        if (!obj || !prop) return null;
        if (obj.type === 'this') return this.refThis(prop.text, node, env, depth);
        if (obj.type === 'identifier') {
          // `Svc.client`: a static field of a class of this file
          const cb = lookup(env.mod, obj.text, obj);
          if (cb?.k === 'class') {
            const field = this.refStatic(cb.node, prop.text, env, depth + 1);
            if (field) return field;
          }
        }
        const base = this.ref(obj, env, depth + 1);
        if (base && isRelative(base.module) && base.path.length === 0) {
          const followed = this.refRelative(base.module!, prop.text, env, node, depth + 1);
          if (followed) return followed;
        }
        return base ? { ...base, path: [...base.path, prop.text] } : null;
      }
      case 'subscript_expression': {
        const obj = node.childForFieldName('object');
        const idx = node.childForFieldName('index');
        if (idx?.type === 'string') noteReadNode(idx);
        const key = idx?.type === 'string' ? idx.text.slice(1, -1) : null;
        if (!obj || key === null) return null;
        const base = this.ref(obj, env, depth + 1);
        return base ? { ...base, path: [...base.path, key] } : null;
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        const argsNode = node.childForFieldName('arguments');
        if (!fn) return null;
        const req = this.requireModule(node, env);
        if (req !== null) return { module: req, path: [], origin: 'import' };
        if (fn.type === 'identifier') {
          const b = lookup(env.mod, fn.text, fn);
          const fnNode = functionOf(b);
          if (fnNode) return this.refReturn(fnNode, fn.text, env, depth + 1);
          // A factory imported from another workspace module: `const client = getAIClient()`.
          if (b?.k === 'import' && isRelative(b.module) && b.path.length === 1) {
            const q = this.refImportedReturn(b, fn.text, env, depth + 1);
            if (q) return q;
          }
        }
        // `Holder.getInstance()` / `this.getClient()`: a method of a class of this file.
        if (fn.type === 'member_expression') {
          const found = this.methodOf(fn, env);
          if (found) {
            const q = this.refReturn(found.method, this.src(env, fn), found.env, depth + 1);
            if (q && q.origin !== 'param') return q;
          }
        }
        const base = this.ref(fn, env, depth + 1);
        if (!base) return null;
        if (base.origin === 'param' && base.path.length === 0 && !base.root?.startsWith('this.')) {
          // calling an unknown function: its result is unknown too
          return { module: null, root: this.src(env, node).slice(0, 40), path: [], origin: 'param' };
        }
        return { ...base, path: [...base.path, { call: this.args(argsNode, env, depth + 1) }] };
      }
      case 'new_expression': {
        const ctor = node.childForFieldName('constructor');
        const base = this.ref(ctor, env, depth + 1);
        if (!base) return null;
        return { ...base, path: [...base.path, { call: this.args(node.childForFieldName('arguments'), env, depth + 1) }] };
      }
      case 'object':
      case 'class':
      case 'array':
        return { module: null, root: node.type, path: [], origin: 'local' };
      default:
        return null;
    }
  }

  /** The module name of `require('x')` / `import('x')`, else null. */
  requireModule(call: Node, env: Env): string | null {
    const fn = call.childForFieldName('function');
    if (!fn) return null;
    const isImport = fn.type === 'import';
    const isRequire = fn.type === 'identifier' && fn.text === 'require' && !lookup(env.mod, 'require', fn);
    if (!isImport && !isRequire) return null;
    const arg = call.childForFieldName('arguments')?.namedChildren[0];
    if (arg?.type !== 'string') return null;
    noteReadNode(arg);
    return decodeEscapes(arg.text.slice(1, -1));
  }

  private refIdent(name: string, at: Node, env: Env, depth: number): QName | null {
    const b = lookup(env.mod, name, at);
    if (!b) {
      if (GLOBALS.has(name)) return null;
      return { module: null, root: name, path: [], origin: 'param' };
    }
    return this.refBinding(b, name, env, depth);
  }

  refBinding(b: Binding, name: string, env: Env, depth: number): QName | null {
    switch (b.k) {
      case 'import': {
        if (isRelative(b.module)) {
          const target = this.resolveSpecifier(env.mod, b.module);
          if (target && b.path.length <= 1) {
            const key = 'ref:' + target.path + '#' + (b.path[0] ?? '*');
            if (b.path.length === 0) return { module: b.module, path: [], origin: 'import' };
            if (this.active.has(key)) return null;
            this.active.add(key);
            try {
              const site = env.site ?? { start: b.node.startIndex, end: b.node.endIndex };
              const r = this.followExport(target, b.path[0]!);
              if (r) {
                const fenv: Env = { mod: r.mod, site };
                const q = 'node' in r ? this.ref(r.node, fenv, depth + 1) : this.refBinding(r.binding, b.path[0]!, fenv, depth + 1);
                if (q) return q;
              }
            } finally {
              this.active.delete(key);
            }
          }
        }
        return { module: b.module, path: [...b.path], origin: 'import' };
      }
      case 'var': {
        const key = `ref:${env.mod.path}:${b.decl.id}:${name}:${env.site?.start ?? -1}`;
        if (this.refCache.has(key)) return this.refCache.get(key)!;
        if (this.active.has(key)) return null;
        this.active.add(key);
        let r: QName | null = null;
        try {
          if (b.init) {
            const init = unwrap(b.init);
            if (init.type === 'object' && b.dpath && b.dpath.length) {
              r = { module: null, root: name, path: [], origin: 'local' };
            } else {
              let base = this.ref(init, env, depth + 1);
              if (base && isRelative(base.module) && base.path.length === 0 && b.dpath && b.dpath.length) {
                const followed = this.refRelative(base.module!, b.dpath[0]!, env, b.decl, depth + 1);
                if (followed) base = { ...followed, path: [...followed.path, ...b.dpath.slice(1)] };
                if (followed) {
                  r = base;
                  return r;
                }
              }
              if (base && b.dpath) r = base.module === null && base.path.length === 0 && b.dpath.length === 0 ? { ...base, root: name } : { ...base, path: [...base.path, ...b.dpath] };
              else if (base) r = { module: null, root: name, path: [], origin: base.origin === 'local' ? 'local' : 'param' };
            }
          }
          if (!r || (r.origin === 'param' && r.path.length === 0)) {
            for (const rhs of b.kind !== 'const' && b.dpath?.length === 0 ? env.mod.assignedRhs.get(name) ?? [] : []) {
              const q = this.ref(rhs, env, depth + 1);
              if (q && !(q.origin === 'param' && q.path.length === 0)) {
                r = q;
                break;
              }
            }
          }
          if (!r) {
            const type = b.decl.childForFieldName('type');
            if (type) r = this.refType(type, env, depth + 1);
          }
          if (!r) r = { module: null, root: name, path: [], origin: 'param' };
        } finally {
          this.active.delete(key);
        }
        this.refCache.set(key, r);
        return r;
      }
      case 'param': {
        if (b.type) {
          const r = this.refType(b.type, env, depth + 1);
          if (r) return r;
        }
        return { module: null, root: name, path: [], origin: 'param' };
      }
      case 'func':
      case 'class':
        return { module: null, root: name, path: [], origin: 'local' };
      case 'other':
        return { module: null, root: name, path: [], origin: 'param' };
    }
  }

  private refStatic(cls: Node, prop: string, env: Env, depth: number): QName | null {
    for (const m of cls.childForFieldName('body')?.namedChildren ?? []) {
      if (m.type !== 'public_field_definition' && m.type !== 'field_definition') continue;
      const n = m.childForFieldName('name') ?? m.childForFieldName('property');
      if (n?.text !== prop) continue;
      const value = m.childForFieldName('value');
      if (value) return this.ref(value, env, depth + 1);
      const type = m.childForFieldName('type');
      return type ? this.refType(type, env, depth + 1) : null;
    }
    return null;
  }

  /** `require('./client').client`: the export of a workspace module, as a QName. */
  private refRelative(spec: string, name: string, env: Env, at: Node, depth: number): QName | null {
    const target = this.resolveSpecifier(env.mod, spec);
    if (!target) return null;
    const key = 'ref:' + target.path + '#' + name;
    if (this.active.has(key)) return null;
    this.active.add(key);
    try {
      const r = this.followExport(target, name);
      if (!r) return null;
      const fenv: Env = { mod: r.mod, site: env.site ?? { start: at.startIndex, end: at.endIndex } };
      return 'node' in r ? this.ref(r.node, fenv, depth + 1) : this.refBinding(r.binding, name, fenv, depth + 1);
    } finally {
      this.active.delete(key);
    }
  }

  /**
   * The method `Cls.m` names — a class of this file, or one imported from another workspace
   * module — or `this.m` (the enclosing class); with the module it is in.
   */
  private methodOf(member: Node, env: Env): { method: Node; env: Env } | null {
    const obj = member.childForFieldName('object');
    const name = member.childForFieldName('property')?.text;
    if (!obj || !name) return null;
    let cls: Node | null = null;
    let where = env;
    if (obj.type === 'this') cls = enclosingClass(member);
    else if (obj.type === 'identifier') {
      const b = lookup(env.mod, obj.text, obj);
      if (b?.k === 'class') cls = b.node;
      else if (b?.k === 'import' && isRelative(b.module) && b.path.length === 1) {
        const target = this.resolveSpecifier(env.mod, b.module);
        const r = target ? this.followExport(target, b.path[0]!) : null;
        let node = r && ('node' in r ? r.node : r.binding.k === 'class' ? r.binding.node : null);
        // `export default AnthropicClient;`: the class that name is bound to.
        if (r && node?.type === 'identifier') {
          const cb = lookup(r.mod, node.text, node);
          node = cb?.k === 'class' ? cb.node : null;
        }
        if (r && node && /^(class_declaration|class|abstract_class_declaration)$/.test(node.type)) {
          cls = node;
          where = { mod: r.mod, site: env.site ?? { start: b.node.startIndex, end: b.node.endIndex } };
        }
      }
    }
    for (const m of cls?.childForFieldName('body')?.namedChildren ?? []) {
      if (m.type === 'method_definition' && m.childForFieldName('name')?.text === name) return { method: m, env: where };
    }
    return null;
  }

  /** What a function exported by another workspace module returns (null when it is not a function there or nothing resolves). */
  private refImportedReturn(b: Extract<Binding, { k: 'import' }>, name: string, env: Env, depth: number): QName | null {
    const target = this.resolveSpecifier(env.mod, b.module);
    if (!target) return null;
    const key = 'call:' + target.path + '#' + b.path[0]!;
    if (this.active.has(key)) return null;
    this.active.add(key);
    try {
      const r = this.followExport(target, b.path[0]!);
      if (!r) return null;
      let fnNode: Node | null = null;
      if ('node' in r) fnNode = r.node.type === 'function_declaration' || isFunctionNode(r.node) ? r.node : null;
      else fnNode = functionOf(r.binding);
      if (!fnNode) return null;
      const q = this.refReturn(fnNode, name, { mod: r.mod, site: env.site ?? { start: b.node.startIndex, end: b.node.endIndex } }, depth);
      return q && q.origin !== 'param' ? q : null;
    } finally {
      this.active.delete(key);
    }
  }

  /** What a local function returns, as a QName: the first `return` whose value resolves. */
  private refReturn(fn: Node, name: string, env: Env, depth: number): QName | null {
    const key = `ret:${env.mod.path}:${fn.id}`;
    if (this.active.has(key)) return null;
    this.active.add(key);
    try {
      const body = fn.childForFieldName('body');
      if (!body) return null;
      if (body.type !== 'statement_block') {
        const r = this.ref(body, env, depth + 1);
        if (r && r.origin !== 'param') return r;
      } else {
        for (const ret of returnsOf(body)) {
          const r = this.ref(ret, env, depth + 1);
          if (r && r.origin !== 'param') return r;
        }
      }
      return { module: null, root: name + '()', path: [], origin: 'param' };
    } finally {
      this.active.delete(key);
    }
  }

  /** `this.<prop>` inside a class: fields, constructor parameter properties, `this.x = …`. */
  private refThis(prop: string, at: Node, env: Env, depth: number): QName | null {
    const unknown: QName = { module: null, root: 'this.' + prop, path: [], origin: 'param' };
    const cls = enclosingClass(at);
    if (!cls) {
      const obj = enclosingObjectOfMethod(at);
      if (!obj) return unknown;
      for (const p of obj.namedChildren) {
        if (p.type === 'pair' && propKey(p.childForFieldName('key')) === prop) {
          const v = p.childForFieldName('value');
          return (v && this.ref(v, env, depth + 1)) ?? unknown;
        }
      }
      return unknown;
    }
    const key = `this:${env.mod.path}:${cls.id}:${prop}`;
    if (this.refCache.has(key)) return this.refCache.get(key)!;
    if (this.active.has(key)) return null;
    this.active.add(key);
    let r: QName | null = null;
    try {
      const body = cls.childForFieldName('body');
      let typed: Node | null = null;
      for (const m of body?.namedChildren ?? []) {
        if (m.type === 'public_field_definition' || m.type === 'field_definition') {
          const n = m.childForFieldName('name') ?? m.childForFieldName('property');
          if (n?.text !== prop) continue;
          const value = m.childForFieldName('value');
          if (value) r = this.ref(value, env, depth + 1);
          typed = m.childForFieldName('type');
        } else if (m.type === 'method_definition' && m.childForFieldName('name')?.text === 'constructor') {
          for (const p of m.childForFieldName('parameters')?.namedChildren ?? []) {
            if (p.type !== 'required_parameter' && p.type !== 'optional_parameter') continue;
            const isProp = p.namedChildren.some((c) => c.type === 'accessibility_modifier' || c.type === 'override_modifier') || p.children.some((c) => !c.isNamed && c.type === 'readonly');
            if (isProp && p.childForFieldName('pattern')?.text === prop) {
              const t = p.childForFieldName('type');
              r = (t && this.refType(t, env, depth + 1)) || { module: null, root: prop, path: [], origin: 'param' };
            }
          }
        }
        if (r) break;
      }
      if (!r) {
        // Every `this.<prop> = …`: clients of one SDK (the first), or of several SDKs per
        // provider — then the root is one of them (`alts`), and each call goes to the SDK that has it.
        const imports: QName[] = [];
        for (const rhs of env.mod.thisAssign.get(cls.id)?.get(prop) ?? []) {
          const q = this.ref(rhs, env, depth + 1);
          if (!q) continue;
          r ??= q;
          if (q.origin === 'import' && q.module) imports.push(q);
        }
        const sdks = new Set(imports.map((q) => sdkOf(q.module!)));
        if (sdks.size > 1 && imports.length <= 8) r = { module: null, root: 'this.' + prop, path: [], origin: 'param', alts: imports };
      }
      if (!r && typed) r = this.refType(typed, env, depth + 1);
    } finally {
      this.active.delete(key);
    }
    r ??= unknown;
    this.refCache.set(key, r);
    return r;
  }

  /** A type annotation naming an imported class (`OpenAI`, `InstanceType<typeof OpenAI>`): an instance of it. */
  refType(type: Node, env: Env, depth: number): QName | null {
    if (depth > MAX_DEPTH) return null;
    let t: Node | null = type;
    if (t.type === 'type_annotation') t = t.namedChildren[0] ?? null;
    if (!t) return null;
    const instance = (q: QName | null): QName | null => (q ? { ...q, path: [...q.path, { call: emptyArgs(this.span(env, type)) }] } : null);
    switch (t.type) {
      case 'type_identifier': {
        const b = lookup(env.mod, t.text, t);
        if (!b) return null;
        if (b.k === 'import') return instance(this.refBinding(b, t.text, env, depth + 1));
        if (b.k === 'var') {
          const q = this.refBinding(b, t.text, env, depth + 1);
          return q && q.origin === 'import' ? instance(q) : null;
        }
        if (b.k === 'class') return { module: null, root: t.text, path: [], origin: 'local' };
        return null;
      }
      case 'generic_type': {
        const name = t.childForFieldName('name');
        const targs = t.childForFieldName('type_arguments') ?? t.namedChildren.find((c) => c.type === 'type_arguments');
        const first = targs?.namedChildren[0];
        if (name?.text === 'InstanceType' && first?.type === 'type_query') {
          const q = first.namedChildren[0];
          return instance(q ? this.ref(q, env, depth + 1) : null);
        }
        return null;
      }
      case 'union_type':
      case 'parenthesized_type':
        for (const c of t.namedChildren) {
          const r = this.refType(c, env, depth + 1);
          if (r) return r;
        }
        return null;
      default:
        return null;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Arguments
  // -------------------------------------------------------------------------------------------

  args(argsNode: Node | null, env: Env, depth: number): CallArgs {
    if (!argsNode) return emptyArgs(env.site ?? { start: 0, end: 0 });
    const key = this.memoKey(argsNode, env);
    const hit = this.nodeArgs.get(key);
    if (hit) return hit;
    const r = this.argsInner(argsNode, env, depth);
    this.nodeArgs.set(key, r);
    return r;
  }

  private argsInner(argsNode: Node, env: Env, depth: number): CallArgs {
    const span = this.span(env, argsNode);
    if (argsNode.type === 'template_string') {
      const v = this.safeVal(argsNode, env, depth + 1);
      return { positional: [v], named: { t: 'obj', entries: [], openSpread: false, span }, span };
    }
    const positional: Val[] = [];
    let firstSpread = false;
    let i = 0;
    for (const a of argsNode.namedChildren) {
      if (a.type === 'comment') continue;
      if (a.type === 'spread_element') {
        if (i === 0) firstSpread = true;
        positional.push(this.unknown(env, a));
      } else positional.push(this.safeVal(a, env, depth + 1));
      i++;
    }
    const first = positional[0];
    const firstNode = argsNode.namedChildren.find((c) => c.type !== 'comment');
    const isFn = !!firstNode && /^(arrow_function|function_expression|function)$/.test(firstNode.type);
    const named: ObjVal =
      first?.t === 'obj' ? first : { t: 'obj', entries: [], openSpread: firstSpread || (first?.t === 'unknown' && !isFn), span };
    return { positional, named, span };
  }

  // -------------------------------------------------------------------------------------------
  // Values
  // -------------------------------------------------------------------------------------------

  safeVal(node: Node, env: Env, depth: number): Val {
    try {
      return this.val(node, env, depth);
    } catch {
      return this.unknown(env, node);
    }
  }

  val(node: Node, env: Env, depth: number): Val {
    if (depth > MAX_DEPTH || !this.tick()) return this.unknown(env, node);
    const key = this.memoKey(node, env);
    const hit = this.nodeVals.get(key);
    if (hit) return hit;
    noteTouched(node);
    const v = this.valInner(node, env, depth);
    this.nodeVals.set(key, v);
    return v;
  }

  private valInner(node: Node, env: Env, depth: number): Val {
    const span = this.span(env, node);
    switch (node.type) {
      case 'parenthesized_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression': {
        const inner = node.namedChildren[0];
        return inner ? this.val(inner, env, depth + 1) : this.unknown(env, node);
      }
      case 'type_assertion': {
        const inner = node.namedChildren[node.namedChildCount - 1];
        return inner ? this.val(inner, env, depth + 1) : this.unknown(env, node);
      }
      case 'await_expression': {
        const inner = node.namedChildren[0];
        return inner ? this.val(inner, env, depth + 1) : this.unknown(env, node);
      }
      case 'string': {
        const raw = node.text.slice(1, -1);
        if (!env.site) noteLiteral({ start: node.startIndex + 1, end: node.endIndex - 1 });
        return { t: 'str', value: { segments: [{ kind: 'static', text: decodeEscapes(raw), span: env.site ?? { start: node.startIndex + 1, end: node.endIndex - 1 } }] }, span };
      }
      case 'template_string':
        return this.template(node, env, depth, 'cooked');
      case 'number': {
        const n = parseNumber(node.text);
        return n === null ? this.unknown(env, node) : { t: 'num', value: n, span };
      }
      case 'true':
      case 'false':
        return { t: 'bool', value: node.type === 'true', span };
      case 'null':
      case 'undefined':
        return { t: 'null', span };
      case 'unary_expression': {
        const op = node.childForFieldName('operator')?.type ?? node.children[0]?.type;
        const arg = node.childForFieldName('argument');
        if (!arg) return this.unknown(env, node);
        if (op === 'void') return { t: 'null', span };
        const v = this.val(arg, env, depth + 1);
        if (v.t === 'num' && op === '-') return { t: 'num', value: -v.value, span };
        if (v.t === 'num' && op === '+') return { t: 'num', value: v.value, span };
        if (v.t === 'bool' && op === '!') return { t: 'bool', value: !v.value, span };
        return this.unknown(env, node);
      }
      case 'binary_expression':
        return this.binary(node, env, depth);
      case 'object':
        return this.obj(node, env, depth);
      case 'array':
        return this.arr(node, env, depth);
      case 'identifier':
      case 'shorthand_property_identifier':
        return this.valIdent(node.text, node, env, depth);
      case 'member_expression':
      case 'subscript_expression':
        return this.member(node, env, depth);
      case 'call_expression':
        return this.call(node, env, depth);
      case 'new_expression': {
        const ctor = node.childForFieldName('constructor');
        // The constructor names a clock/uuid value; words in its arguments or comments do not.
        const hint = ctor ? hintFor(`new ${this.src(env, ctor).slice(0, 400)}()`) : 'unknown';
        if (hint === 'time' || hint === 'uuid' || hint === 'random' || ctor?.text === 'Date') return this.unknown(env, node, ctor?.text === 'Date' ? 'time' : hint);
        const q = this.ref(ctor, env, depth + 1);
        if (q && q.origin === 'import') return { t: 'call', callee: q, args: this.args(node.childForFieldName('arguments'), env, depth + 1), span };
        return this.unknown(env, node);
      }
      default:
        return this.unknown(env, node);
    }
  }

  /**
   * A name's value, with the span of the name as written here (so a fix that rewrites the
   * argument edits this use, not the shared definition); the content keeps its own spans.
   */
  private valIdent(name: string, at: Node, env: Env, depth: number): Val {
    const v = this.valIdentDef(name, at, env, depth);
    const span = this.span(env, at);
    return v.span.start === span.start && v.span.end === span.end ? v : { ...v, span };
  }

  private valIdentDef(name: string, at: Node, env: Env, depth: number): Val {
    const span = this.span(env, at);
    const b = lookup(env.mod, name, at);
    if (!b) {
      if (name === 'undefined') return { t: 'null', span };
      if (name === 'NaN' || name === 'Infinity') return { t: 'num', value: name === 'NaN' ? NaN : Infinity, span };
      return this.unknown(env, at);
    }
    switch (b.k) {
      case 'var': {
        if (!b.init) return this.unknown(env, at);
        if (b.kind !== 'const' && env.mod.assigned.has(name)) return this.unknown(env, at);
        const key = `val:${env.mod.path}:${b.decl.id}:${name}:${env.site?.start ?? -1}`;
        const cached = this.valCache.get(key);
        if (cached) return cached;
        if (this.active.has(key)) return this.unknown(env, at);
        this.active.add(key);
        let v: Val;
        try {
          const init = unwrap(b.init);
          const req = init.type === 'call_expression' ? this.requireModule(init, env) : null;
          if (req !== null && isRelative(req)) {
            v = this.valRelative(req, b.dpath, env, at, depth + 1);
            this.valCache.set(key, v);
            return v;
          }
          v = this.val(b.init, env, depth + 1);
          if (b.dpath === null) v = this.unknown(env, at);
          else for (const k of b.dpath) v = pick(v) (k) ?? this.unknown(env, at);
          if (v.t === 'unknown' && v.hint === 'unknown') v = { ...v, hint: hintFor(name) };
        } finally {
          this.active.delete(key);
        }
        this.valCache.set(key, v);
        return v;
      }
      case 'import': {
        if (isRelative(b.module)) {
          const target = this.resolveSpecifier(env.mod, b.module);
          if (target && b.path.length === 1) {
            const key = 'valimp:' + target.path + '#' + b.path[0];
            if (this.active.has(key)) return this.unknown(env, at);
            this.active.add(key);
            try {
              const r = this.followExport(target, b.path[0]!);
              if (r) {
                const fenv: Env = { mod: r.mod, site: env.site ?? span };
                if ('node' in r) return this.val(r.node, fenv, depth + 1);
                return this.valBinding(r.binding, r.at, fenv, depth + 1);
              }
            } finally {
              this.active.delete(key);
            }
          }
        }
        return this.unknown(env, at);
      }
      default:
        return this.unknown(env, at);
    }
  }

  /** `const { X } = require('./prompts')` / `require('./prompts').X`: a constant of a workspace module. */
  private valRelative(spec: string, dpath: string[] | null, env: Env, at: Node, depth: number): Val {
    const target = this.resolveSpecifier(env.mod, spec);
    if (!target || !dpath || !dpath.length) return this.unknown(env, at);
    const key = 'valimp:' + target.path + '#' + dpath[0];
    if (this.active.has(key)) return this.unknown(env, at);
    this.active.add(key);
    try {
      const r = this.followExport(target, dpath[0]!);
      if (!r) return this.unknown(env, at);
      const fenv: Env = { mod: r.mod, site: env.site ?? this.span(env, at) };
      let v = 'node' in r ? this.val(r.node, fenv, depth + 1) : this.valBinding(r.binding, r.at, fenv, depth + 1);
      for (const k of dpath.slice(1)) v = pick(v)(k) ?? this.unknown(env, at);
      return v;
    } finally {
      this.active.delete(key);
    }
  }

  private valBinding(b: Binding, at: Node, env: Env, depth: number): Val {
    if (b.k === 'var') {
      if (!b.init || (b.kind !== 'const' && env.mod.assigned.has(b.name))) return this.unknown(env, at);
      let v = this.val(b.init, env, depth + 1);
      if (b.dpath === null) return this.unknown(env, at);
      for (const k of b.dpath) v = pick(v)(k) ?? this.unknown(env, at);
      return v;
    }
    return this.unknown(env, at);
  }

  private member(node: Node, env: Env, depth: number): Val {
    const obj = node.childForFieldName('object');
    let key: string | null = null;
    if (node.type === 'member_expression') key = node.childForFieldName('property')?.text ?? null;
    else {
      const idx = node.childForFieldName('index');
      if (idx) {
        const k = this.val(idx, env, depth + 1);
        key = k.t === 'str' ? staticText(k) : k.t === 'num' ? String(k.value) : null;
      }
    }
    if (!obj || key === null) return this.unknown(env, node);
    if (obj.type === 'this') {
      const v = this.thisVal(key, node, env, depth);
      if (v) return { ...v, span: this.span(env, node) };
      return this.unknown(env, node);
    }
    const text = this.src(env, node);
    if (/^import\.meta\./.test(text) || /^process\.env\b/.test(text)) return this.unknown(env, node);
    const objU = unwrap(obj);
    const req = objU.type === 'call_expression' ? this.requireModule(objU, env) : null;
    if (req !== null && isRelative(req)) return this.valRelative(req, [key], env, node, depth + 1);
    if (objU.type === 'identifier') {
      const b = lookup(env.mod, objU.text, objU);
      if (b?.k === 'import' && b.path.length === 0 && isRelative(b.module)) return this.valRelative(b.module, [key], env, node, depth + 1);
      if (b?.k === 'var' && b.init && b.dpath && (b.kind === 'const' || !env.mod.assigned.has(objU.text))) {
        const init = unwrap(b.init);
        const r = init.type === 'call_expression' ? this.requireModule(init, env) : null;
        if (r !== null && isRelative(r)) return this.valRelative(r, [...b.dpath, key], env, node, depth + 1);
      }
    }
    const base = this.val(obj, env, depth + 1);
    if (base.t === 'arr' && key === 'length' && !base.openSpread) return { t: 'num', value: base.items.length, span: this.span(env, node) };
    if (base.t === 'str' && key === 'length' && base.value.segments.every((s) => s.kind === 'static')) return { t: 'num', value: staticText(base)!.length, span: this.span(env, node) };
    const v = pick(base)(key);
    return v ? { ...v, span: this.span(env, node) } : this.unknown(env, node);
  }

  /** A constant class field read through `this.x`. */
  private thisVal(prop: string, at: Node, env: Env, depth: number): Val | null {
    const cls = enclosingClass(at);
    if (!cls || env.mod.thisAssign.get(cls.id)?.has(prop)) return null;
    for (const m of cls.childForFieldName('body')?.namedChildren ?? []) {
      if (m.type !== 'public_field_definition' && m.type !== 'field_definition') continue;
      const n = m.childForFieldName('name') ?? m.childForFieldName('property');
      const value = m.childForFieldName('value');
      if (n?.text === prop && value) return this.val(value, env, depth + 1);
    }
    return null;
  }

  private binary(node: Node, env: Env, depth: number): Val {
    const span = this.span(env, node);
    const op = node.childForFieldName('operator')?.type;
    const l = node.childForFieldName('left');
    const r = node.childForFieldName('right');
    if (!l || !r || !op) return this.unknown(env, node);
    const lv = this.val(l, env, depth + 1);
    const rv = this.val(r, env, depth + 1);
    if (lv.t === 'num' && rv.t === 'num') {
      const a = lv.value;
      const b = rv.value;
      const out: Record<string, number> = { '+': a + b, '-': a - b, '*': a * b, '/': a / b, '%': a % b, '**': a ** b, '<<': a << b, '>>': a >> b, '|': a | b, '&': a & b };
      if (op in out) return { t: 'num', value: out[op]!, span };
      return this.unknown(env, node);
    }
    if (op === '+' && (lv.t === 'str' || rv.t === 'str')) {
      const segs = concatSegs(this.toSegs(lv, l, env), this.toSegs(rv, r, env));
      if (!segs) return this.unknown(env, node);
      return { t: 'str', value: { segments: segs }, span };
    }
    return this.unknown(env, node);
  }

  /** Segments of a value used inside a string (non-strings become a dynamic hole). */
  toSegs(v: Val, node: Node, env: Env): Segment[] {
    switch (v.t) {
      case 'str':
        return v.value.segments;
      case 'num':
        return [{ kind: 'static', text: String(v.value) }];
      case 'bool':
        return [{ kind: 'static', text: String(v.value) }];
      case 'null':
        return [{ kind: 'static', text: node.text === 'null' ? 'null' : 'undefined' }];
      case 'unknown':
        return [{ kind: 'dynamic', span: v.span, expr: v.expr, hint: v.hint }];
      default: {
        const expr = exprText(this.src(env, node).slice(0, 400));
        return [{ kind: 'dynamic', span: this.span(env, node), expr, hint: hintFor(expr) }];
      }
    }
  }

  private template(node: Node, env: Env, depth: number, mode: 'cooked' | 'raw'): Val {
    const span = this.span(env, node);
    const segs: Segment[] = [];
    let pos = node.startIndex + 1;
    const text = env.mod.text;
    const pushStatic = (from: number, to: number) => {
      if (to <= from) return;
      const raw = text.slice(from, to);
      if (!env.site) noteLiteral({ start: from, end: to });
      segs.push({ kind: 'static', text: mode === 'raw' ? raw : decodeEscapes(raw), span: env.site ?? { start: from, end: to } });
    };
    for (const c of node.namedChildren) {
      if (c.type !== 'template_substitution') continue;
      pushStatic(pos, c.startIndex);
      const expr = c.namedChildren[0];
      if (expr) {
        const v = this.val(expr, env, depth + 1);
        if (v.t === 'unknown') segs.push({ kind: 'dynamic', span: this.span(env, expr), expr: exprText(this.src(env, expr)), hint: v.hint });
        else segs.push(...this.toSegs(v, expr, env));
      }
      pos = c.endIndex;
    }
    pushStatic(pos, node.endIndex - 1);
    const merged = concatSegs(segs, []);
    if (!merged) return this.unknown(env, node);
    return { t: 'str', value: { segments: merged }, span };
  }

  private call(node: Node, env: Env, depth: number): Val {
    const span = this.span(env, node);
    const fn = node.childForFieldName('function');
    const argsNode = node.childForFieldName('arguments');
    if (!fn || !argsNode) return this.unknown(env, node);
    const fnText = this.src(env, fn);
    // Tagged templates: String.raw, dedent, outdent.
    if (argsNode.type === 'template_string') {
      if (fnText === 'String.raw') return this.template(argsNode, env, depth + 1, 'raw');
      const kind = this.dedentKind(fn, env);
      if (kind) return applyDedent(this.template(argsNode, env, depth + 1, kind === 'dedent' ? 'cooked' : 'cooked'), kind, span);
      return this.unknown(env, node);
    }
    const args = argsNode.namedChildren.filter((c) => c.type !== 'comment');
    if (fn.type === 'member_expression') {
      const method = fn.childForFieldName('property')?.text ?? '';
      const recvNode = fn.childForFieldName('object')!;
      if (STRING_METHODS.has(method) || method === 'join' || method === 'concat') {
        const recv = this.val(recvNode, env, depth + 1);
        const out = this.stringMethod(method, recv, args, env, depth, span);
        if (out) return out;
        return this.unknown(env, node, recv.t === 'unknown' && recv.hint !== 'unknown' ? recv.hint : undefined);
      }
    }
    const name = fn.type === 'identifier' ? fn.text : fn.type === 'member_expression' ? fn.childForFieldName('property')?.text ?? '' : '';
    if (fn.type === 'identifier') {
      const kind = this.dedentKind(fn, env);
      if (kind && args[0]) {
        const v = this.val(args[0], env, depth + 1);
        if (v.t === 'str') return applyDedent(v, kind, span);
      }
    }
    if (name === 'readFileSync' || name === 'readFile' || name === 'readTextFile') {
      const file = this.readFile(node, args[0], env, depth);
      if (file) return file;
    }
    if (name === 'String' && args[0]) {
      const v = this.val(args[0], env, depth + 1);
      if (v.t === 'str') return v;
      if (v.t === 'num' || v.t === 'bool') return { t: 'str', value: { segments: [{ kind: 'static', text: String(v.value) }] }, span };
    }
    // The callee names a clock/uuid/random value (`Date.now()`, `randomUUID()`); words in the arguments
    // or comments of an SDK helper call (`anthropic('…', { /* for now */ })`) do not.
    const calleeHint = hintFor(`${this.src(env, fn).slice(0, 400)}()`);
    if (calleeHint === 'time' || calleeHint === 'uuid' || calleeHint === 'random') return this.unknown(env, node, calleeHint);
    const q = this.ref(fn, env, depth + 1);
    if (q && q.origin === 'import') return { t: 'call', callee: q, args: this.args(argsNode, env, depth + 1), span };
    // A local helper with one `return` (`const getModel = () => anthropic('claude-…')`): what it returns.
    const returned = fn.type === 'identifier' ? this.singleReturn(fn, env) : null;
    if (returned && !this.active.has(`val-ret:${returned.id}`)) {
      this.active.add(`val-ret:${returned.id}`);
      try {
        const v = this.val(returned, env, depth + 1);
        if (v.t !== 'unknown') return v;
      } finally {
        this.active.delete(`val-ret:${returned.id}`);
      }
    }
    const hint = hintFor(this.src(env, node).slice(0, 400));
    return this.unknown(env, node, hint !== 'unknown' ? hint : undefined);
  }

  /** The one returned expression of a function of this file named by `fn` (null: not one, or several returns). */
  private singleReturn(fn: Node, env: Env): Node | null {
    const b = lookup(env.mod, fn.text, fn);
    const found = functionOf(b);
    const fnNode = found && unwrap(found);
    const body = fnNode?.childForFieldName('body');
    if (!body) return null;
    if (body.type !== 'statement_block') return body;
    const rets = returnsOf(body);
    return rets.length === 1 ? rets[0]! : null;
  }

  private dedentKind(fn: Node, env: Env): 'dedent' | 'outdent' | null {
    let name = fn.type === 'identifier' ? fn.text : fn.type === 'member_expression' ? fn.childForFieldName('property')?.text ?? '' : '';
    let module: string | null = null;
    if (fn.type === 'identifier') {
      const b = lookup(env.mod, fn.text, fn);
      if (b?.k === 'import') {
        module = b.module;
        if (b.path[0] && b.path[0] !== 'default') name = b.path[0];
      } else if (b && b.k !== 'var') return null;
      else if (b?.k === 'var') {
        const init = b.init ? unwrap(b.init) : null;
        const req = init?.type === 'call_expression' ? this.requireModule(init, env) : null;
        if (!req) return null;
        module = req;
      }
    }
    if (module === 'outdent' || /^outdent$/i.test(name)) return 'outdent';
    if ((module && DEDENT_MODULES.has(module)) || /^(dedent|stripIndent|stripIndents|endent|oneLineTrim)$/i.test(name)) return 'dedent';
    return null;
  }

  private stringMethod(method: string, recv: Val, args: Node[], env: Env, depth: number, span: Span): Val | null {
    if (recv.t === 'str') {
      const segs = recv.value.segments;
      switch (method) {
        case 'trim':
        case 'trimStart':
        case 'trimEnd':
        case 'trimLeft':
        case 'trimRight': {
          const start = method === 'trim' || method === 'trimStart' || method === 'trimLeft';
          const end = method === 'trim' || method === 'trimEnd' || method === 'trimRight';
          noteRead(segs);
          return { t: 'str', value: { segments: trimSegs(segs, start, end) }, span };
        }
        case 'toString':
        case 'valueOf':
        case 'normalize':
          return { ...recv, span };
        case 'toLowerCase':
        case 'toUpperCase':
          noteRead(segs);
          return {
            t: 'str',
            value: { segments: segs.map((s) => (s.kind === 'static' ? { ...s, text: method === 'toLowerCase' ? s.text.toLowerCase() : s.text.toUpperCase() } : s)) },
            span,
          };
        case 'concat': {
          let out: Segment[] | null = segs;
          for (const a of args) {
            const v = this.val(a, env, depth + 1);
            out = out && concatSegs(out, this.toSegs(v, a, env));
          }
          return out ? { t: 'str', value: { segments: out }, span } : null;
        }
        case 'replace':
        case 'replaceAll': {
          const full = staticText(recv);
          if (full === null || args.length < 2) return null;
          const pat = this.val(args[0]!, env, depth + 1);
          const patText = pat.t === 'str' ? staticText(pat) : null;
          if (patText === null || patText === '') return null;
          const rep = this.val(args[1]!, env, depth + 1);
          if (rep.t !== 'str' && rep.t !== 'num' && rep.t !== 'unknown') return null;
          const repSegs = this.toSegs(rep, args[1]!, env);
          const parts = method === 'replaceAll' ? full.split(patText) : splitOnce(full, patText);
          let out: Segment[] | null = [];
          parts.forEach((p, i) => {
            if (i > 0) out = out && concatSegs(out, repSegs);
            out = out && concatSegs(out, [{ kind: 'static', text: p }]);
          });
          return out ? { t: 'str', value: { segments: out }, span } : null;
        }
        case 'repeat': {
          const n = args[0] ? this.val(args[0], env, depth + 1) : null;
          const t = staticText(recv);
          if (n?.t === 'num' && t !== null && t.length * n.value <= MAX_STR && n.value >= 0) return { t: 'str', value: { segments: [{ kind: 'static', text: t.repeat(n.value) }] }, span };
          return null;
        }
        default:
          return null;
      }
    }
    if (recv.t === 'arr') {
      if (method === 'join') {
        if (recv.openSpread) return null;
        let sep = ',';
        if (args[0]) {
          const s = this.val(args[0], env, depth + 1);
          const st = s.t === 'str' ? staticText(s) : null;
          if (st === null) return null;
          sep = st;
        }
        let out: Segment[] | null = [];
        recv.items.forEach((item, i) => {
          if (i > 0 && sep) out = out && concatSegs(out, [{ kind: 'static', text: sep }]);
          const segs = item.t === 'str' ? item.value.segments : item.t === 'num' || item.t === 'bool' ? [{ kind: 'static' as const, text: String(item.value) }] : item.t === 'null' ? [] : item.t === 'unknown' ? [{ kind: 'dynamic' as const, span: item.span, expr: item.expr, hint: item.hint }] : null;
          out = out && segs && concatSegs(out, segs);
        });
        return out ? { t: 'str', value: { segments: out }, span } : null;
      }
      if (method === 'concat') {
        const items = [...recv.items];
        let open = recv.openSpread;
        for (const a of args) {
          const v = this.val(a, env, depth + 1);
          if (v.t === 'arr') {
            items.push(...v.items);
            open ||= v.openSpread;
          } else items.push(v);
        }
        return { t: 'arr', items, openSpread: open, span };
      }
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------
  // Prompt files
  // -------------------------------------------------------------------------------------------

  private readFile(call: Node, pathArg: Node | undefined, env: Env, depth: number): Val | null {
    if (!pathArg) return null;
    let p = this.pathOf(pathArg, env, depth + 1);
    const span = this.span(env, call);
    if (p === null) return this.unknown(env, call, 'unknown');
    if (p.startsWith('file://')) p = p.slice(7);
    const tried: string[] = [];
    let text: string | null = null;
    if (p.startsWith('/')) {
      tried.push(joinPath('/', p));
      text = this.readText(tried[0]!);
    } else {
      let dir = dirOf(env.mod.path);
      for (let i = 0; i < 64; i++) {
        const abs = joinPath(dir, p);
        tried.push(abs);
        text = this.readText(abs);
        if (text !== null || dir === '/') break;
        dir = dirOf(dir);
      }
    }
    if (text === null) {
      const name = tried[0] ?? p;
      if (!this.noted.has(name)) {
        this.noted.add(name);
        this.notes.push({
          level: 'warning',
          message: `Prompt file '${p.startsWith('/') ? name : p}' could not be read (missing, outside the workspace, binary or too large); its text is counted as dynamic.`,
          span,
        });
      }
      return { t: 'unknown', span, expr: exprText(this.src(env, call)), hint: 'unknown' };
    }
    if (text.length > MAX_STR) return { t: 'unknown', span, expr: exprText(this.src(env, call)), hint: 'unknown' };
    return { t: 'str', value: { segments: [{ kind: 'static', text }] }, span };
  }

  private readText(abs: string): string | null {
    try {
      return this.ctx.fs.readText(abs);
    } catch {
      return null;
    }
  }

  /** A file path expression as a string: absolute ('/…'), or relative ('prompts/x.md'); null when dynamic. */
  pathOf(node: Node | null, env: Env, depth: number): string | null {
    if (!node || depth > MAX_DEPTH || !this.tick()) return null;
    node = unwrap(node);
    const dir = dirOf(env.mod.path);
    switch (node.type) {
      case 'string':
        noteReadNode(node);
        return decodeEscapes(node.text.slice(1, -1));
      case 'template_string': {
        noteReadNode(node);
        let out = '';
        let pos = node.startIndex + 1;
        for (const c of node.namedChildren) {
          if (c.type !== 'template_substitution') continue;
          out += decodeEscapes(env.mod.text.slice(pos, c.startIndex));
          const sub = this.pathOf(c.namedChildren[0] ?? null, env, depth + 1);
          if (sub === null) return null;
          out += sub;
          pos = c.endIndex;
        }
        return out + decodeEscapes(env.mod.text.slice(pos, node.endIndex - 1));
      }
      case 'binary_expression': {
        if (node.childForFieldName('operator')?.type !== '+') return null;
        const l = this.pathOf(node.childForFieldName('left'), env, depth + 1);
        const r = this.pathOf(node.childForFieldName('right'), env, depth + 1);
        return l === null || r === null ? null : l + r;
      }
      case 'identifier': {
        const b = lookup(env.mod, node.text, node);
        if (!b) {
          if (node.text === '__dirname') return dir;
          if (node.text === '__filename') return env.mod.path;
          return null;
        }
        if (b.k === 'var' && b.init && b.dpath?.length === 0 && (b.kind === 'const' || !env.mod.assigned.has(node.text))) {
          const key = `path:${b.decl.id}`;
          if (this.active.has(key)) return null;
          this.active.add(key);
          try {
            return this.pathOf(b.init, env, depth + 1);
          } finally {
            this.active.delete(key);
          }
        }
        if (b.k === 'import') {
          const v = this.val(node, env, depth + 1);
          return v.t === 'str' ? staticText(v) : null;
        }
        return null;
      }
      case 'member_expression': {
        const t = node.text.replace(/\s+/g, '');
        if (t === 'import.meta.dirname') return dir;
        if (t === 'import.meta.filename') return env.mod.path;
        if (t === 'import.meta.url') return 'file://' + env.mod.path;
        const prop = node.childForFieldName('property')?.text;
        if (prop === 'pathname' || prop === 'href') return this.pathOf(node.childForFieldName('object'), env, depth + 1);
        const v = this.val(node, env, depth + 1);
        return v.t === 'str' ? staticText(v) : null;
      }
      case 'new_expression': {
        if (node.childForFieldName('constructor')?.text !== 'URL') return null;
        const a = node.childForFieldName('arguments')?.namedChildren ?? [];
        const rel = this.pathOf(a[0] ?? null, env, depth + 1);
        if (rel === null) return null;
        if (rel.startsWith('file://')) return rel;
        if (!a[1]) return null;
        const base = this.pathOf(a[1], env, depth + 1);
        if (base === null || !base.startsWith('file://')) return null;
        return 'file://' + (rel.startsWith('/') ? joinPath('/', rel) : joinPath(dirOf(base.slice(7)), rel));
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        const a = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c.type !== 'comment');
        const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
        if (fn?.text.replace(/\s+/g, '') === 'process.cwd') return '';
        if (name === 'fileURLToPath') {
          const p = this.pathOf(a[0] ?? null, env, depth + 1);
          return p === null ? null : p.startsWith('file://') ? p.slice(7) : p;
        }
        if (name === 'dirname') {
          const p = this.pathOf(a[0] ?? null, env, depth + 1);
          return p === null ? null : dirOf(p.startsWith('file://') ? p.slice(7) : p);
        }
        if (name === 'join' || name === 'resolve' || name === 'normalize') {
          const parts: string[] = [];
          for (const x of a) {
            const p = this.pathOf(x, env, depth + 1);
            if (p === null) return null;
            parts.push(p.startsWith('file://') ? p.slice(7) : p);
          }
          let out = '';
          for (const p of parts) {
            if (name === 'resolve' && p.startsWith('/')) out = p;
            else out = out ? out + '/' + p : p;
          }
          if (name === 'resolve' && !out.startsWith('/')) out = out ? out : '';
          return out.startsWith('/') ? joinPath('/', out) : out.replace(/^\.\//, '');
        }
        if (name === 'toString' && fn?.type === 'member_expression') return this.pathOf(fn.childForFieldName('object'), env, depth + 1);
        return null;
      }
      default:
        return null;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Objects and arrays
  // -------------------------------------------------------------------------------------------

  private obj(node: Node, env: Env, depth: number): ObjVal {
    const span = this.span(env, node);
    const entries: ObjEntry[] = [];
    let openSpread = false;
    const put = (e: ObjEntry) => {
      const i = entries.findIndex((x) => x.key === e.key);
      if (i >= 0) entries.splice(i, 1);
      entries.push(e);
    };
    for (const c of node.namedChildren) {
      switch (c.type) {
        case 'pair': {
          const keyNode = c.childForFieldName('key');
          const valueNode = c.childForFieldName('value');
          let key = propKey(keyNode);
          if (key === null && keyNode?.type === 'computed_property_name' && keyNode.namedChildren[0]) {
            const kv = this.val(keyNode.namedChildren[0], env, depth + 1);
            key = kv.t === 'str' ? staticText(kv) : kv.t === 'num' ? String(kv.value) : null;
          } else if (key !== null && keyNode?.type === 'string') key = decodeEscapes(key);
          if (key === null) {
            openSpread = true;
            break;
          }
          put({ key, span: this.span(env, c), keySpan: this.span(env, keyNode!), value: valueNode ? this.safeVal(valueNode, env, depth + 1) : this.unknown(env, c) });
          break;
        }
        case 'shorthand_property_identifier':
          put({ key: c.text, span: this.span(env, c), keySpan: this.span(env, c), value: this.valIdent(c.text, c, env, depth + 1) });
          break;
        case 'spread_element': {
          const arg = c.namedChildren[0];
          const v = arg ? this.safeVal(arg, env, depth + 1) : this.unknown(env, c);
          if (v.t === 'obj') {
            for (const e of v.entries) put(e);
            openSpread ||= v.openSpread;
          } else if (v.t !== 'null') openSpread = true;
          break;
        }
        case 'method_definition': {
          const key = propKey(c.childForFieldName('name'));
          if (key !== null) put({ key, span: this.span(env, c), keySpan: this.span(env, c.childForFieldName('name')!), value: this.unknown(env, c) });
          break;
        }
        default:
          break;
      }
    }
    const out: ObjVal = { t: 'obj', entries, openSpread, span };
    if (!env.site) {
      const ins = insertPoint(node, env.mod.text);
      if (ins) out.insert = ins;
    }
    return out;
  }

  private arr(node: Node, env: Env, depth: number): Val {
    const items: Val[] = [];
    let openSpread = false;
    for (const c of node.namedChildren) {
      if (c.type === 'comment') continue;
      if (c.type === 'spread_element') {
        const arg = c.namedChildren[0];
        const v = arg ? this.safeVal(arg, env, depth + 1) : this.unknown(env, c);
        if (v.t === 'arr') {
          items.push(...v.items);
          openSpread ||= v.openSpread;
        } else openSpread = true;
      } else items.push(this.safeVal(c, env, depth + 1));
    }
    return { t: 'arr', items, openSpread, span: this.span(env, node) };
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const STRING_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'trimLeft', 'trimRight', 'toString', 'valueOf', 'normalize', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll', 'repeat']);

/** The object literal whose method (`m() {}` / `m: function () {}`) encloses `node`, when `this` is that object. */
function enclosingObjectOfMethod(node: Node): Node | null {
  let n: Node | null = up(node);
  let steps = 0;
  while (n && steps++ < 2000) {
    if (n.type === 'method_definition') {
      const p = up(n);
      return p?.type === 'object' ? p : null;
    }
    if (n.type === 'function_expression' || n.type === 'function') {
      const p = up(n);
      const o = p?.type === 'pair' ? up(p) : null;
      return o?.type === 'object' ? o : null;
    }
    if (n.type === 'function_declaration' || n.type === 'class_body') return null;
    n = up(n);
  }
  return null;
}

/** A module specifier that names a workspace file: relative, absolute, or the `@/` / `~/` alias. */
export function isRelative(spec: string | null): boolean {
  return !!spec && (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || spec.startsWith('/') || spec.startsWith('@/') || spec.startsWith('~/'));
}

export function emptyArgs(span: Span): CallArgs {
  return { positional: [], named: { t: 'obj', entries: [], openSpread: false, span }, span };
}

export function unwrap(n: Node): Node {
  let steps = 0;
  while ((WRAPPERS.has(n.type) || n.type === 'await_expression') && steps++ < 100) {
    const inner = n.type === 'type_assertion' ? n.namedChildren[n.namedChildCount - 1] : n.namedChildren[0];
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** The package a module belongs to (`@anthropic-ai/sdk/lib/bedrock` → `@anthropic-ai/sdk`). */
function sdkOf(module: string): string {
  const parts = module.split('/');
  return module.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The function a binding names: a declaration, or `const f = () => …` / `= function …`. */
function functionOf(b: Binding | null | undefined): Node | null {
  if (b?.k === 'func') return b.node;
  if (b?.k === 'var' && b.dpath?.length === 0 && b.init && isFunctionNode(b.init)) return b.init;
  return null;
}

function isFunctionNode(n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'arrow_function' || u.type === 'function_expression' || u.type === 'function';
}

/** Return expressions directly inside a function body (not in nested functions). */
function returnsOf(body: Node): Node[] {
  noteBody(body);
  const out: Node[] = [];
  const stack: Node[] = [body];
  let visited = 0;
  while (stack.length && visited++ < 5000) {
    const n = stack.pop()!;
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChildren[i]!;
      if (c.type === 'return_statement') {
        const v = c.namedChildren[0];
        if (v) out.push(v);
      } else if (!/function|arrow_function|class|method_definition/.test(c.type)) stack.push(c);
    }
  }
  return out;
}

function parseNumber(text: string): number | null {
  const t = text.replace(/_/g, '').replace(/n$/, '');
  const n = /^0[0-7]+$/.test(t) ? parseInt(t, 8) : Number(t);
  return Number.isNaN(n) ? null : n;
}

/** A value's entry/item under `key`, or null. */
function pick(v: Val): (key: string) => Val | null {
  return (key) => {
    if (v.t === 'obj') return v.entries.find((e) => e.key === key)?.value ?? null;
    if (v.t === 'arr' && /^\d+$/.test(key)) return v.openSpread ? null : v.items[Number(key)] ?? null;
    return null;
  };
}

/** The whole text of a string value when it has no dynamic part. */
export function staticText(v: Val): string | null {
  if (v.t !== 'str') return null;
  noteReadVal(v);
  let out = '';
  for (const s of v.value.segments) {
    if (s.kind !== 'static') return null;
    out += s.text;
  }
  return out;
}

/** Concatenate segment lists, merging adjacent static segments; null past the size cap. */
export function concatSegs(a: Segment[], b: Segment[]): Segment[] | null {
  const out: Segment[] = [];
  let size = 0;
  for (const s of [...a, ...b]) {
    if (s.kind === 'static') {
      size += s.text.length;
      if (size > MAX_STR) return null;
      if (!s.text) continue;
      const last = out[out.length - 1];
      if (last?.kind === 'static') {
        // Their text goes on in a new segment: a literal edit there must be analysed again.
        noteRead([last, s]);
        const span = last.span && s.span && s.span.start >= last.span.end ? { start: last.span.start, end: s.span.end } : undefined;
        const merged: Segment = { kind: 'static', text: last.text + s.text };
        if (span) merged.span = span;
        out[out.length - 1] = merged;
        continue;
      }
    }
    out.push(s);
  }
  return out;
}

function trimSegs(segs: Segment[], start: boolean, end: boolean): Segment[] {
  const out = segs.slice();
  if (start) {
    while (out.length && out[0]!.kind === 'static') {
      const s = out[0] as Segment & { kind: 'static' };
      const t = s.text.trimStart();
      if (t) {
        out[0] = { ...s, text: t };
        break;
      }
      out.shift();
    }
  }
  if (end) {
    while (out.length && out[out.length - 1]!.kind === 'static') {
      const s = out[out.length - 1] as Segment & { kind: 'static' };
      const t = s.text.trimEnd();
      if (t) {
        out[out.length - 1] = { ...s, text: t };
        break;
      }
      out.pop();
    }
  }
  return out;
}

function splitOnce(s: string, pat: string): string[] {
  const i = s.indexOf(pat);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + pat.length)];
}

/** Apply dedent/outdent to a string value, keeping its dynamic holes. */
function applyDedent(v: Val, kind: 'dedent' | 'outdent', span: Span): Val {
  if (v.t !== 'str') return v;
  const holes: Segment[] = [];
  let text = '';
  for (const s of v.value.segments) {
    if (s.kind === 'static') text += s.text.replace(/\uE000/g, '');
    else {
      holes.push(s);
      text += HOLE;
    }
  }
  const out = kind === 'outdent' ? outdentText(text) : dedentText(text);
  const parts = out.split(HOLE);
  const segs: Segment[] = [];
  parts.forEach((p, i) => {
    if (p) segs.push({ kind: 'static', text: p });
    if (i < parts.length - 1 && holes[i]) segs.push(holes[i]!);
  });
  return { t: 'str', value: { segments: segs }, span };
}

/** Where to add a property to an object literal, matching its layout. */
export function insertPoint(node: Node, text: string): InsertPoint | undefined {
  const entries = node.namedChildren.filter((c) => c.type !== 'comment');
  const open = node.startIndex;
  const close = node.endIndex - 1;
  if (text[open] !== '{' || text[close] !== '}') return undefined;
  if (!entries.length) return { offset: open + 1, style: 'property', prefix: ' ', suffix: ' ' };
  const last = entries[entries.length - 1]!;
  // trailing comma after the last entry (skipping whitespace and comments)
  let i = last.endIndex;
  let comma = -1;
  while (i < close) {
    const ch = text[i]!;
    if (ch === ',') {
      comma = i;
      break;
    }
    if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? close : nl;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const endc = text.indexOf('*/', i + 2);
      i = endc < 0 ? close : endc + 2;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    break;
  }
  const multiline = text.slice(open, close).includes('\n');
  if (!multiline) {
    if (comma >= 0) return { offset: comma + 1, style: 'property', prefix: ' ', suffix: ',' };
    return { offset: last.endIndex, style: 'property', prefix: ', ', suffix: '' };
  }
  const lineStart = text.lastIndexOf('\n', last.startIndex - 1) + 1;
  let indent = text.slice(lineStart, last.startIndex);
  if (/\S/.test(indent)) {
    const first = entries[0]!;
    const fl = text.lastIndexOf('\n', first.startIndex - 1) + 1;
    indent = text.slice(fl, first.startIndex);
    if (/\S/.test(indent)) indent = (/^[ \t]*/.exec(text.slice(fl)) ?? [''])[0] + '  ';
  }
  if (comma >= 0) return { offset: comma + 1, style: 'property', prefix: '\n' + indent, suffix: ',' };
  return { offset: last.endIndex, style: 'property', prefix: ',\n' + indent, suffix: '' };
}
