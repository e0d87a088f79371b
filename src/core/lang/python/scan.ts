/**
 * First pass over a Python syntax tree: one iterative walk that collects scopes, bindings
 * (imports, assignments, parameters, `with … as`, walrus, defs, classes, `self.x = …`), the
 * functions and classes of the file, and every call together with the chain of enclosing
 * loops / comprehensions / try blocks / lambdas it sits in. Iterative, so 10,000-deep nesting
 * cannot overflow the stack.
 */
import type { Node } from '../../parse/parser';
import { noteMentioned } from '../trace';

export type BindingKind = 'import' | 'pkg' | 'value' | 'param' | 'def' | 'class' | 'opaque' | 'annot';

export interface Binding {
  kind: BindingKind;
  name: string;
  /** Start offset of the binding site. */
  pos: number;
  /** Value expression ('value'); for `with X as y` the `X`. */
  value?: Node;
  /** `a, b = f()`: the name takes element `index` of what `value` (a call) returns. */
  index?: number;
  /** Several possible values, each building a client of another SDK (see Analyzer.sameSdk). */
  alts?: Node[];
  /** Type annotation ('param', 'annot', annotated 'value'). */
  annotation?: Node;
  /** Imports: module as written and the path below it (`from m import a` → path ['a']). */
  module?: string;
  path?: string[];
  /** 'pkg': the full dotted module (`import google.generativeai` binds `google`). */
  pkgModule?: string;
  /** Inside an if/for/while/except/match relative to its scope (or assigned from another scope). */
  conditional: boolean;
  /** The value is the literal None. */
  isNone: boolean;
  /** Parameters: `*args` / `**kwargs`. */
  splat?: '*' | '**';
  /** Parameters: the default value. */
  dflt?: Node;
  fn?: FnInfo;
  cls?: ClassInfo;
  scope: Scope;
}

export type ScopeKind = 'module' | 'function' | 'class' | 'comp' | 'lambda';

export interface Scope {
  kind: ScopeKind;
  node: Node;
  /** Offsets where names resolve in this scope (a def's decorators and defaults are outside). */
  start: number;
  end: number;
  parent: Scope | null;
  names: Map<string, Binding[]>;
  /** `d[key] = value` statements in this scope, by the dict's name (clients registered per provider). */
  items?: Map<string, Array<{ key: Node | null; value: Node }>>;
  globals?: Set<string>;
  fn?: FnInfo;
  cls?: ClassInfo;
}

export interface FnInfo {
  name: string;
  node: Node;
  decorators: Node[];
  params: string[];
  scope: Scope;
  /** The class when this is a method. */
  cls: ClassInfo | null;
  /** The enclosing function, for nested functions. */
  parentFn: FnInfo | null;
  returns: Node[];
  /** Set while the body is not scanned yet (see ScanResult.lazy). */
  pending?: PendingBody;
}

interface PendingBody {
  start: number;
  end: number;
  frame: Frame;
}

export interface ClassInfo {
  name: string;
  node: Node;
  scope: Scope;
  attrs: Map<string, Binding[]>;
  methods: Map<string, FnInfo>;
  bases: Node[];
}

export type AncKind = 'for' | 'while' | 'comp' | 'try' | 'lambda' | 'gatherargs';

export interface Anc {
  kind: AncKind;
  node: Node;
  parent: Anc | null;
}

export interface CallRec {
  node: Node;
  scope: Scope;
  fn: FnInfo | null;
  anc: Anc | null;
}

export interface ScanResult {
  module: Scope;
  calls: CallRec[];
  fns: FnInfo[];
  classes: ClassInfo[];
  /** Scope of each function/class/lambda/comprehension node, by node id. */
  scopeOf: Map<number, Scope>;
  /** Every scope, sorted by start offset. */
  scopes: Scope[];
  /** Names whose list/dict value is changed in place somewhere (`x.append(…)`, `x["k"] = …`). */
  mutated: Set<string>;
  /**
   * Function bodies the scan skipped (see `scan`'s `eagerBody`) are scanned on demand: what they
   * add (their calls, scopes, `self.x` attributes, returns, in-place changes) exists only after
   * one of these. Each body is scanned at most once.
   */
  lazy: LazyBodies;
}

export interface LazyBodies {
  /** Scan the skipped bodies that contain offset `pos` (names at `pos` then resolve). */
  at(pos: number): void;
  /** Scan `fn`'s body (its returns, its nested functions). */
  fn(fn: FnInfo): void;
  /** Scan the bodies of `cls`'s methods (its `self.x = …` attributes). */
  cls(cls: ClassInfo): void;
  /** Scan every skipped body whose text contains `word` (calls to it, changes to it). */
  mentioning(word: string): void;
  /** The bodies still skipped. */
  remaining(): Array<{ start: number; end: number }>;
}

const MUTATORS = new Set(['append', 'extend', 'insert', 'update', 'setdefault', 'add', 'pop', 'remove', 'clear', 'sort', 'reverse']);

interface Frame {
  node: Node;
  scope: Scope;
  fn: FnInfo | null;
  anc: Anc | null;
  cond: number;
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

function add(map: Map<string, Binding[]>, b: Binding): void {
  const list = map.get(b.name);
  if (list) list.push(b);
  else map.set(b.name, [b]);
}

function isNoneNode(n: Node | null | undefined): boolean {
  return !!n && n.type === 'none';
}

/** Module name as written in `from X import …` (relative imports keep their dots). */
export function fromModuleName(n: Node | null): string | null {
  if (!n) return null;
  if (n.type === 'dotted_name') return n.text.replace(/\s+/g, '');
  if (n.type === 'relative_import') return n.text.replace(/\s+/g, '');
  return null;
}

/** Packages whose submodules are imported with `from pkg import sub` and named by their full path. */
const NAMESPACE_SUBMODULES: Record<string, Set<string>> = {
  google: new Set(['genai', 'generativeai']),
};

/** `from google import genai` names the module 'google.genai' (what recognizers match on). */
function fromImport(mod: string, path: string[]): { module: string; path: string[] } {
  const sub = NAMESPACE_SUBMODULES[mod];
  if (sub && path.length === 1 && sub.has(path[0]!)) return { module: `${mod}.${path[0]}`, path: [] };
  return { module: mod, path };
}

/**
 * `eagerBody(start, end)` decides per function body (by its offsets in `text`) whether to scan it
 * now; a body it declines is scanned when something asks for it through `ScanResult.lazy` — while
 * typing, most bodies of a file are never asked for. Without `eagerBody` (or without `text`)
 * everything is scanned now. A body with a `global` statement is always scanned now: it binds
 * module names.
 */
export function scan(root: Node, text?: string, eagerBody?: (start: number, end: number) => boolean): ScanResult {
  const module: Scope = { kind: 'module', node: root, parent: null, names: new Map(), start: 0, end: Infinity };
  const scopes: Scope[] = [module];
  const mutated = new Set<string>();
  const calls: CallRec[] = [];
  const fns: FnInfo[] = [];
  const classes: ClassInfo[] = [];
  const scopeOf = new Map<number, Scope>();
  scopeOf.set(root.id, module);
  const stack: Frame[] = [{ node: root, scope: module, fn: null, anc: null, cond: 0 }];

  const targetScope = (scope: Scope, name: string): Scope => {
    if (scope.globals?.has(name)) return module;
    return scope;
  };

  const bind = (f: Frame, name: string, b: Omit<Binding, 'name' | 'scope' | 'conditional' | 'isNone'> & { isNone?: boolean }, cond = f.cond) => {
    const scope = targetScope(f.scope, name);
    const binding: Binding = {
      ...b,
      name,
      scope,
      conditional: cond > 0 || scope !== f.scope,
      isNone: b.isNone ?? isNoneNode(b.value),
    };
    add(scope.names, binding);
    // Class-level names are class attributes too.
    if (scope.kind === 'class' && scope.cls) add(scope.cls.attrs, binding);
  };

  /** Bind every identifier of an assignment target. */
  const bindTarget = (f: Frame, target: Node, value: Node | undefined, annotation: Node | undefined, cond = f.cond) => {
    const work: Array<{ t: Node; v: Node | undefined; index?: number }> = [{ t: target, v: value }];
    let guard = 0;
    while (work.length && guard++ < 10_000) {
      const { t, v, index } = work.pop()!;
      switch (t.type) {
        case 'identifier':
          if (v || annotation) bind(f, t.text, { kind: v ? 'value' : 'annot', pos: t.startIndex, value: v, annotation, index }, cond);
          else bind(f, t.text, { kind: 'opaque', pos: t.startIndex }, cond);
          break;
        case 'pattern_list':
        case 'tuple_pattern':
        case 'list_pattern':
        case 'tuple':
        case 'list':
        case 'expression_list':
        case 'parenthesized_expression': {
          const items = t.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
          const vals =
            v && ['tuple', 'list', 'expression_list', 'parenthesized_expression'].includes(v.type) && t.type !== 'parenthesized_expression'
              ? v.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment')
              : null;
          if (t.type === 'parenthesized_expression') {
            for (const it of items) work.push({ t: it, v });
            break;
          }
          // `client, model = make_client()`: each name takes one element of what the call returns.
          const unpacksCall = !vals && v && (v.type === 'call' || v.type === 'await') && (t.type === 'pattern_list' || t.type === 'tuple_pattern');
          items.forEach((it, i) => {
            if (unpacksCall && it.type === 'identifier') work.push({ t: it, v, index: i });
            else work.push({ t: it, v: vals && vals.length === items.length && !vals.some((x) => x.type === 'list_splat') ? vals[i] : undefined });
          });
          break;
        }
        case 'list_splat_pattern':
        case 'list_splat':
          for (const c of t.namedChildren) if (c) work.push({ t: c, v: undefined });
          break;
        case 'attribute': {
          // self.x = … inside a method binds a class attribute.
          const obj = t.childForFieldName('object');
          const attr = t.childForFieldName('attribute');
          const fn = f.fn;
          if (obj?.type === 'identifier' && attr && fn?.cls && fn.params[0] === obj.text) {
            const b: Binding = {
              kind: v ? 'value' : 'annot',
              name: attr.text,
              pos: t.startIndex,
              value: v,
              annotation,
              conditional: f.cond > 0 || fn.name !== '__init__',
              isNone: isNoneNode(v),
              scope: f.scope,
            };
            add(fn.cls.attrs, b);
          }
          break;
        }
        default:
          break;
      }
    }
  };

  const bindParams = (f: Frame, params: Node | null, fnScope: Scope, outer: Frame): string[] => {
    const names: string[] = [];
    if (!params) return names;
    const fr: Frame = { ...f, scope: fnScope, cond: 0 };
    for (const p of params.namedChildren) {
      if (!p) continue;
      let id: Node | null = null;
      let annotation: Node | undefined;
      let splat: '*' | '**' | undefined;
      let dflt: Node | null = null;
      switch (p.type) {
        case 'identifier':
          id = p;
          break;
        case 'typed_parameter': {
          const first = p.namedChild(0);
          annotation = p.childForFieldName('type') ?? undefined;
          if (first?.type === 'identifier') id = first;
          else if (first?.type === 'list_splat_pattern' || first?.type === 'dictionary_splat_pattern') {
            id = first.namedChild(0);
            splat = first.type === 'list_splat_pattern' ? '*' : '**';
          }
          break;
        }
        case 'default_parameter':
        case 'typed_default_parameter':
          id = p.childForFieldName('name');
          annotation = p.childForFieldName('type') ?? undefined;
          dflt = p.childForFieldName('value');
          break;
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
          id = p.namedChild(0);
          splat = p.type === 'list_splat_pattern' ? '*' : '**';
          break;
        default:
          break;
      }
      if (dflt) stack.push({ ...outer, node: dflt });
      if (id?.type === 'identifier') {
        names.push(id.text);
        bind(fr, id.text, { kind: 'param', pos: id.startIndex, annotation, splat, dflt: dflt ?? undefined });
      }
    }
    return names;
  };

  let f: Frame = stack[0]!;
  const push = (c: Node | null | undefined, over?: Partial<Frame>) => {
    if (c) stack.push(over ? { ...f, ...over, node: c } : { node: c, scope: f.scope, fn: f.fn, anc: f.anc, cond: f.cond });
  };
  const pushKids = (node: Node, over?: Partial<Frame>, skip?: Node | null) => {
    const kids = node.namedChildren;
    const base: Frame = over ? { ...f, ...over } : f;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i];
      if (c && (!skip || c.id !== skip.id)) stack.push({ node: c, scope: base.scope, fn: base.fn, anc: base.anc, cond: base.cond });
    }
  };
  /** Skipped bodies, sorted by start offset (they never overlap: nested ones appear when their parent is scanned). */
  const pendings: Array<{ body: PendingBody; fn: FnInfo }> = [];
  const addPending = (body: PendingBody, fn: FnInfo) => {
    let i = pendings.length;
    while (i > 0 && pendings[i - 1]!.body.start > body.start) i--;
    pendings.splice(i, 0, { body, fn });
  };
  let guard = 0;
  const drain = () => {
    while (stack.length) {
      if (++guard > 5_000_000) break;
      f = stack.pop()!;
      const n = f.node;
      switch (n.type) {
        case 'function_definition': {
          const nameNode = n.childForFieldName('name');
          const name = nameNode?.text ?? '<anonymous>';
          const scope: Scope = { kind: 'function', node: n, parent: f.scope, names: new Map(), start: (n.childForFieldName('parameters') ?? n).startIndex, end: n.endIndex };
          scopes.push(scope);
          const decorated = n.parent?.type === 'decorated_definition' ? n.parent : null;
          const decorators = decorated ? decorated.namedChildren.filter((c): c is Node => !!c && c.type === 'decorator') : [];
          const cls = f.scope.kind === 'class' ? f.scope.cls ?? null : null;
          const info: FnInfo = { name, node: n, decorators, params: [], scope, cls, parentFn: f.fn, returns: [] };
          scope.fn = info;
          scopeOf.set(n.id, scope);
          fns.push(info);
          if (nameNode) bind(f, name, { kind: 'def', pos: nameNode.startIndex, fn: info });
          if (cls) cls.methods.set(name, info);
          info.params = bindParams(f, n.childForFieldName('parameters'), scope, f);
          const body = n.childForFieldName('body');
          if (body && text !== undefined && eagerBody && !eagerBody(body.startIndex, body.endIndex) && !/\bglobal\b/.test(text.slice(body.startIndex, body.endIndex))) {
            const pending: PendingBody = { start: body.startIndex, end: body.endIndex, frame: { node: body, scope, fn: info, anc: null, cond: 0 } };
            info.pending = pending;
            addPending(pending, info);
          } else push(body, { scope, fn: info, anc: null, cond: 0 });
          break;
        }
        case 'class_definition': {
          const nameNode = n.childForFieldName('name');
          const name = nameNode?.text ?? '<anonymous>';
          const scope: Scope = { kind: 'class', node: n, parent: f.scope, names: new Map(), start: (n.childForFieldName('body') ?? n).startIndex, end: n.endIndex };
          scopes.push(scope);
          const supers = n.childForFieldName('superclasses');
          const info: ClassInfo = {
            name,
            node: n,
            scope,
            attrs: new Map(),
            methods: new Map(),
            bases: supers ? supers.namedChildren.filter((c): c is Node => !!c && c.type !== 'keyword_argument' && c.type !== 'comment') : [],
          };
          scope.cls = info;
          scopeOf.set(n.id, scope);
          classes.push(info);
          if (nameNode) bind(f, name, { kind: 'class', pos: nameNode.startIndex, cls: info });
          push(n.childForFieldName('body'), { scope, anc: null, cond: 0 });
          push(supers);
          break;
        }
        case 'lambda': {
          const scope: Scope = { kind: 'lambda', node: n, parent: f.scope, names: new Map(), start: n.startIndex, end: n.endIndex };
          scopes.push(scope);
          scopeOf.set(n.id, scope);
          bindParams(f, n.childForFieldName('parameters'), scope, f);
          push(n.childForFieldName('body'), { scope, anc: { kind: 'lambda', node: n, parent: f.anc }, cond: 0 });
          break;
        }
        case 'list_comprehension':
        case 'set_comprehension':
        case 'dictionary_comprehension':
        case 'generator_expression': {
          const scope: Scope = { kind: 'comp', node: n, parent: f.scope, names: new Map(), start: n.startIndex, end: n.endIndex };
          scopes.push(scope);
          scopeOf.set(n.id, scope);
          const inner: Partial<Frame> = { scope, anc: { kind: 'comp', node: n, parent: f.anc }, cond: 1 };
          let first = true;
          const kids = n.namedChildren;
          for (let i = kids.length - 1; i >= 0; i--) {
            const c = kids[i];
            if (!c) continue;
            if (c.type === 'for_in_clause') {
              const left = c.childForFieldName('left');
              const right = c.childForFieldName('right');
              if (left) bindTarget({ ...f, scope, cond: 1 }, left, undefined, undefined, 1);
              const isFirst = !kids.slice(0, i).some((k) => k?.type === 'for_in_clause');
              push(right, isFirst ? {} : inner);
            } else push(c, inner);
          }
          void first;
          first = false;
          break;
        }
        case 'for_statement': {
          const left = n.childForFieldName('left');
          if (left) bindTarget(f, left, undefined, undefined, f.cond + 1);
          push(n.childForFieldName('alternative'), { cond: f.cond + 1 });
          push(n.childForFieldName('body'), { anc: { kind: 'for', node: n, parent: f.anc }, cond: f.cond + 1 });
          push(n.childForFieldName('right'));
          break;
        }
        case 'while_statement': {
          push(n.childForFieldName('alternative'), { cond: f.cond + 1 });
          const anc: Anc = { kind: 'while', node: n, parent: f.anc };
          push(n.childForFieldName('body'), { anc, cond: f.cond + 1 });
          push(n.childForFieldName('condition'), { anc });
          break;
        }
        case 'if_statement': {
          const cond = n.childForFieldName('condition');
          pushKids(n, { cond: f.cond + 1 }, cond);
          push(cond);
          break;
        }
        case 'match_statement':
        case 'except_clause':
        case 'except_group_clause': {
          if (n.type === 'except_clause') {
            // `except E as e` binds e.
            const asp = n.namedChildren.find((c) => c?.type === 'as_pattern');
            const alias = asp?.childForFieldName('alias');
            const id = alias?.namedChild(0) ?? alias;
            if (id?.type === 'identifier') bind(f, id.text, { kind: 'opaque', pos: id.startIndex }, f.cond + 1);
          }
          pushKids(n, { cond: f.cond + 1 });
          break;
        }
        case 'try_statement': {
          const body = n.childForFieldName('body');
          pushKids(n, { cond: f.cond + 1 }, body);
          push(body, { anc: { kind: 'try', node: n, parent: f.anc } });
          break;
        }
        case 'with_statement': {
          for (const clause of n.namedChildren) {
            if (clause?.type !== 'with_clause') continue;
            for (const item of clause.namedChildren) {
              if (item?.type !== 'with_item') continue;
              const v = item.childForFieldName('value');
              if (v?.type === 'as_pattern') {
                const expr = v.namedChild(0);
                const alias = v.childForFieldName('alias');
                const target = alias?.namedChild(0) ?? alias;
                if (expr && target) bindTarget(f, target, expr, undefined);
              }
            }
          }
          pushKids(n);
          break;
        }
        case 'assignment': {
          // a = b = v: every target binds the final value.
          const targets: Node[] = [];
          let cur: Node | null = n;
          let annotation: Node | undefined;
          let guardA = 0;
          while (cur && cur.type === 'assignment' && guardA++ < 1000) {
            const l = cur.childForFieldName('left');
            if (l) targets.push(l);
            annotation ??= cur.childForFieldName('type') ?? undefined;
            const r: Node | null = cur.childForFieldName('right');
            if (!r || r.type !== 'assignment') {
              cur = r;
              break;
            }
            cur = r;
          }
          const value = cur && cur.type !== 'assignment' ? cur : undefined;
          for (const t of targets) {
            bindTarget(f, t, value, annotation);
            if (t.type === 'subscript') {
              const dict = t.childForFieldName('value');
              mutated.add(dict?.text ?? '');
              if (dict?.type === 'identifier' && value) {
                f.scope.items ??= new Map();
                const list = f.scope.items.get(dict.text) ?? [];
                if (list.length < 50) list.push({ key: t.childForFieldName('subscript'), value });
                f.scope.items.set(dict.text, list);
              }
            }
          }
          if (value) push(value);
          for (const t of targets) if (t.type !== 'identifier') push(t);
          break;
        }
        case 'augmented_assignment': {
          const l = n.childForFieldName('left');
          // `p += "more"` rebinds p to (previous p) + "more"; the resolver reads the node itself.
          if (l?.type === 'identifier') bind(f, l.text, { kind: 'value', pos: l.startIndex, value: n }, f.cond);
          else if (l?.type === 'attribute') bindTarget(f, l, undefined, undefined);
          pushKids(n);
          break;
        }
        case 'named_expression': {
          const name = n.childForFieldName('name');
          const value = n.childForFieldName('value');
          if (name?.type === 'identifier' && value) bind(f, name.text, { kind: 'value', pos: name.startIndex, value });
          push(value);
          break;
        }
        case 'import_statement': {
          for (const c of n.namedChildren) {
            if (!c) continue;
            if (c.type === 'dotted_name') {
              const full = c.text.replace(/\s+/g, '');
              const parts = full.split('.');
              if (parts.length === 1) bind(f, full, { kind: 'import', pos: c.startIndex, module: full, path: [] });
              else bind(f, parts[0]!, { kind: 'pkg', pos: c.startIndex, pkgModule: full });
            } else if (c.type === 'aliased_import') {
              const name = c.childForFieldName('name');
              const alias = c.childForFieldName('alias');
              if (name && alias) bind(f, alias.text, { kind: 'import', pos: alias.startIndex, module: name.text.replace(/\s+/g, ''), path: [] });
            }
          }
          break;
        }
        case 'import_from_statement': {
          const modNode = n.childForFieldName('module_name');
          const mod = fromModuleName(modNode);
          if (!mod) break;
          for (const c of n.namedChildren) {
            if (!c || c.id === modNode?.id) continue;
            if (c.type === 'dotted_name') {
              const name = c.text.replace(/\s+/g, '');
              bind(f, name.split('.').pop()!, { kind: 'import', pos: c.startIndex, ...fromImport(mod, name.split('.')) });
            } else if (c.type === 'aliased_import') {
              const name = c.childForFieldName('name');
              const alias = c.childForFieldName('alias');
              if (name && alias) bind(f, alias.text, { kind: 'import', pos: alias.startIndex, ...fromImport(mod, name.text.replace(/\s+/g, '').split('.')) });
            }
          }
          break;
        }
        case 'future_import_statement':
          break;
        case 'global_statement':
        case 'nonlocal_statement': {
          if (f.scope.kind === 'function' && n.type === 'global_statement') {
            f.scope.globals ??= new Set();
            for (const c of n.namedChildren) if (c?.type === 'identifier') f.scope.globals.add(c.text);
          }
          break;
        }
        case 'return_statement': {
          const v = n.namedChild(0);
          if (f.fn && v && f.scope === f.fn.scope) f.fn.returns.push(v);
          pushKids(n);
          break;
        }
        case 'call': {
          calls.push({ node: n, scope: f.scope, fn: f.fn, anc: f.anc });
          const fnNode = n.childForFieldName('function');
          if (fnNode?.type === 'attribute') {
            const obj = fnNode.childForFieldName('object');
            const m = fnNode.childForFieldName('attribute')?.text;
            if (obj && m && MUTATORS.has(m)) mutated.add(obj.text);
          }
          const args = n.childForFieldName('arguments');
          const isGather = !!fnNode && /(^|\.)gather$/.test(fnNode.type === 'identifier' || fnNode.type === 'attribute' ? fnNode.text : '');
          if (args) push(args, isGather ? { anc: { kind: 'gatherargs', node: n, parent: f.anc } } : {});
          push(fnNode);
          break;
        }
        case 'string': {
          // Only f-string interpolations can hold calls; the prefix tells without asking the tree.
          if (text !== undefined) {
            const pre = /^[A-Za-z]{0,3}/.exec(text.slice(n.startIndex, n.startIndex + 3))![0];
            if (!/[fFtT]/.test(pre)) break;
          }
          for (const c of n.namedChildren) if (c?.type === 'interpolation') push(c);
          break;
        }
        case 'comment':
        case 'identifier':
        case 'integer':
        case 'float':
        case 'string_content':
          break;
        default:
          pushKids(n);
      }
    }
  };
  drain();
  scopes.sort((a, b) => a.start - b.start);

  /** Scan these pending bodies (one drain, one sort of the scopes, however many). */
  const scanBodies = (fnsToScan: FnInfo[]) => {
    const bodies = new Set<PendingBody>();
    for (const fn of fnsToScan) {
      if (!fn.pending) continue;
      bodies.add(fn.pending);
      stack.push(fn.pending.frame);
      fn.pending = undefined;
    }
    if (!bodies.size) return;
    let kept = 0;
    for (const p of pendings) if (!bodies.has(p.body)) pendings[kept++] = p;
    pendings.length = kept;
    drain();
    scopes.sort((a, b) => a.start - b.start);
  };
  const scanBody = (fn: FnInfo) => scanBodies([fn]);
  const checkedFor = new Map<string, Set<PendingBody>>();
  const lazy: LazyBodies = {
    at(pos) {
      for (let guardAt = 0; pendings.length && guardAt < 10_000; guardAt++) {
        // The last pending body starting at or before pos.
        let lo = 0;
        let hi = pendings.length - 1;
        if (pendings[0]!.body.start > pos) return;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (pendings[mid]!.body.start <= pos) lo = mid;
          else hi = mid - 1;
        }
        const p = pendings[lo]!;
        if (pos >= p.body.end) return;
        scanBody(p.fn);
      }
    },
    fn(fn) {
      scanBody(fn);
    },
    cls(cls) {
      scanBodies([...cls.methods.values()]);
    },
    mentioning(word) {
      if (!word || text === undefined) return;
      noteMentioned(word);
      // Each pending body is checked once per word (bodies found later, nested in a scanned one, are new).
      let checked = checkedFor.get(word);
      if (!checked) checkedFor.set(word, (checked = new Set()));
      for (let pass = 0; pass < 1000; pass++) {
        const hits = pendings.filter((x) => !checked.has(x.body) && text.slice(x.body.start, x.body.end).includes(word));
        for (const x of pendings) checked.add(x.body);
        if (!hits.length) return;
        scanBodies(hits.map((h) => h.fn));
      }
    },
    remaining() {
      return pendings.map((p) => ({ start: p.body.start, end: p.body.end }));
    },
  };
  return { module, calls, fns, classes, scopeOf, scopes, mutated, lazy };
}
