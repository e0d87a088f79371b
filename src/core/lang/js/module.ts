/**
 * One JS/TS module as the front end sees it: the calls that may be LLM calls (found from the
 * names written before a parenthesis), and — when first asked — reassigned names, `this.x = …`
 * assignments per class and calls by name; scopes (declarations per block/function) are built
 * lazily and cached per scope node.
 */
import type { Node, Tree } from '../../parse/parser';
import type { Language } from '../../types';
import { noteAssignmentsRead, noteBody, noteLookup, noteMentioned, noteReadNode } from '../trace';

export type PatternPath = string[] | null;

export type Binding =
  /** `path` is the access path from the module object: ['default'], ['OpenAI'], [] for `* as`. */
  | { k: 'import'; module: string; path: string[]; typeOnly: boolean; node: Node }
  /** `const x = init` (dpath: keys of a destructuring pattern, null for a rest element). */
  | { k: 'var'; kind: string; decl: Node; init: Node | null; dpath: PatternPath; name: string }
  | { k: 'param'; fn: Node; param: Node; type: Node | null; name: string; destructured: boolean }
  | { k: 'func'; node: Node }
  | { k: 'class'; node: Node }
  /** Loop variables, catch parameters, enums…: bound, value unknown. */
  | { k: 'other'; node: Node; name: string };

export interface Mod {
  path: string;
  /** The path test-file heuristics look at (relative to the workspace root when known). */
  testPath?: string;
  language: Language;
  text: string;
  root: Node;
  /** Names assigned somewhere (`x = …`, `x += …`, `x++`): a let/var of that name is not bound once. */
  readonly assigned: Set<string>;
  /** Right-hand sides of plain `x = …` assignments, by name (for `let client; client = new X()`). */
  readonly assignedRhs: Map<string, Node[]>;
  /** Per class node id: field name → right-hand sides of `this.<field> = …`. */
  readonly thisAssign: Map<number, Map<string, Node[]>>;
  /** Calls (and `new`) written `name(…)`, `x.name(…)` or `this.name(…)`, in document order (at most 200). */
  callsNamed(name: string): Node[];
  /** The call/new nodes candidates are taken from, in document order. */
  calls: Node[];
  scopes: Map<number, Map<string, Binding>>;
  /** Memo of lookups: scope node id → name → the binding visible from that scope (null: none). */
  resolved: Map<number, Map<string, Binding | null>>;
}

const SCOPE_TYPES = new Set([
  'program',
  'statement_block',
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'generator_function',
  'arrow_function',
  'method_definition',
  'for_statement',
  'for_in_statement',
  'catch_clause',
  'switch_case',
  'switch_default',
  'class_body',
  'class_static_block',
]);

export const FUNCTION_TYPES = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'generator_function',
  'arrow_function',
  'method_definition',
]);

const parentCache = new Map<number, Node | null>();

/** A node's parent, cached for the current analysis (web-tree-sitter computes parents from the root). */
export function up(n: Node): Node | null {
  let p = parentCache.get(n.id);
  if (p === undefined) {
    p = n.parent;
    parentCache.set(n.id, p);
  }
  return p;
}

/** Forget cached parents (at the start and end of each analysis: node ids are only unique among live trees). */
export function resetParents(): void {
  parentCache.clear();
  typeCache.clear();
}

/**
 * A name written right before a call's parenthesis: `name(`, `name<T>(`, `name?.(`. The call nodes
 * are found from these offsets (a lookup each) instead of a walk of the whole tree.
 */
/** Most call lookups by offset per analysis before one walk of the tree is cheaper (see buildMod). */
const MAX_LOOKUPS = 400;

const CALLED_NAME = /(?<![\w$#])([A-Za-z_$][\w$]*)\s*(?:<[^()\n;{}]*>\s*)?(?:\?\.\s*)?\(/g;

/**
 * Build the module record. Without `wantedName` (another module, a test) every call of the tree
 * is a candidate. With it, candidates are the calls written with a name it accepts, found from
 * the text; the assignments (a walk of the tree) and calls by name are collected when first asked.
 */
export function buildMod(path: string, language: Language, text: string, tree: Tree, wantedName?: (name: string) => boolean): Mod {
  const root = tree.rootNode;
  let assignments: Assignments | null = null;
  const assignmentsOf = () => {
    if (!assignments) noteAssignmentsRead();
    return (assignments ??= collectAssignments(root));
  };
  // Offsets of called names by name, from one pass over the text.
  let index: Map<string, number[]> | null = null;
  const indexOf = () => {
    if (!index) {
      index = new Map();
      for (const m of text.matchAll(CALLED_NAME)) {
        let list = index.get(m[1]!);
        if (!list) index.set(m[1]!, (list = []));
        list.push(m.index);
      }
    }
    return index;
  };
  const byName = new Map<string, Node[]>();
  const callsNamed = (name: string): Node[] => {
    noteMentioned(name);
    let list = byName.get(name);
    if (!list) {
      list = [];
      let looked = 0;
      for (const at of indexOf().get(name) ?? []) {
        if (++looked > MAX_LOOKUPS) break;
        const call = callWrittenAt(root, at, name.length);
        if (call) {
          list.push(call);
          // Its context (loops, handlers around it) is read: the body of the function around it.
          let f: Node | null = call;
          while (f && !FUNCTION_TYPES.has(f.type)) f = up(f);
          noteBody(f?.childForFieldName('body') ?? f ?? call);
        }
        if (list.length >= 200) break;
      }
      byName.set(name, list);
    }
    return list;
  };
  let calls: Node[] | null = null;
  if (wantedName) {
    const offsets: number[] = [];
    for (const [name, ats] of indexOf()) if (wantedName(name)) offsets.push(...ats);
    // Each lookup descends from the root, so it costs the tree's depth: past a few hundred
    // names (generated code, a 10,000-link chain of `.create()`) one walk of the tree is cheaper.
    if (offsets.length <= MAX_LOOKUPS) {
      offsets.sort((a, b) => a - b);
      calls = [];
      for (const at of offsets) {
        const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 200));
        const call = m ? callWrittenAt(root, at, m[0].length) : null;
        if (call) calls.push(call);
      }
    }
  }
  calls ??= root.descendantsOfType(['call_expression', 'new_expression']).filter((n): n is Node => !!n);
  return {
    path,
    language,
    text,
    root,
    get assigned() {
      return assignmentsOf().assigned;
    },
    get assignedRhs() {
      return assignmentsOf().assignedRhs;
    },
    get thisAssign() {
      return assignmentsOf().thisAssign;
    },
    callsNamed,
    calls,
    scopes: new Map(),
    resolved: new Map(),
  };
}

/** The call or `new` whose callee is written with the name at `at` (`name(`, `x.name(`), if any. */
function callWrittenAt(root: Node, at: number, length: number): Node | null {
  const id = root.descendantForIndex(at, at + length);
  if (!id || id.startIndex !== at || id.endIndex !== at + length) return null;
  let callee: Node = id;
  let p = up(id);
  if (p?.type === 'member_expression' && p.childForFieldName('property')?.startIndex === at) {
    callee = p;
    p = up(p);
  }
  if (!p) return null;
  if (p.type === 'call_expression' && p.childForFieldName('function')?.startIndex === callee.startIndex && p.childForFieldName('function')?.endIndex === callee.endIndex) return p;
  if (p.type === 'new_expression' && p.childForFieldName('constructor')?.startIndex === callee.startIndex && p.childForFieldName('constructor')?.endIndex === callee.endIndex) return p;
  return null;
}

interface Assignments {
  assigned: Set<string>;
  assignedRhs: Map<string, Node[]>;
  thisAssign: Map<number, Map<string, Node[]>>;
}

/** Every assignment and update of the tree, in one walk. */
function collectAssignments(root: Node): Assignments {
  const out: Assignments = { assigned: new Set(), assignedRhs: new Map(), thisAssign: new Map() };
  for (const node of root.descendantsOfType(['assignment_expression', 'augmented_assignment_expression', 'update_expression'])) {
    if (!node) continue;
    const type = node.type;
    if (type === 'assignment_expression' || type === 'augmented_assignment_expression') {
      const left = unwrapLeft(node.childForFieldName('left'));
      if (left?.type === 'identifier') {
        out.assigned.add(left.text);
        const right = node.childForFieldName('right');
        if (type === 'assignment_expression' && right) {
          let list = out.assignedRhs.get(left.text);
          if (!list) out.assignedRhs.set(left.text, (list = []));
          if (list.length < 20) list.push(right);
        }
      } else if (left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this') {
        const prop = left.childForFieldName('property')?.text;
        const cls = enclosingClass(node);
        const right = node.childForFieldName('right');
        if (prop && cls && right) {
          let m = out.thisAssign.get(cls.id);
          if (!m) out.thisAssign.set(cls.id, (m = new Map()));
          let list = m.get(prop);
          if (!list) m.set(prop, (list = []));
          list.push(type === 'augmented_assignment_expression' ? node : right);
        }
      } else if (left?.type === 'object_pattern' || left?.type === 'array_pattern') {
        for (const n of patternNames(left)) out.assigned.add(n.name);
      }
    } else if (type === 'update_expression') {
      const arg = unwrapLeft(node.childForFieldName('argument'));
      if (arg?.type === 'identifier') out.assigned.add(arg.text);
    }
  }
  return out;
}

function unwrapLeft(n: Node | null): Node | null {
  while (n && (n.type === 'parenthesized_expression' || n.type === 'non_null_expression')) n = n.namedChildren[0] ?? null;
  return n;
}

/** The class (declaration or expression) whose methods `this` refers to at `node`, if any. */
export function enclosingClass(node: Node): Node | null {
  let n: Node | null = up(node);
  let steps = 0;
  while (n && steps++ < 2000) {
    const t = n.type;
    if (t === 'class_declaration' || t === 'class' || t === 'abstract_class_declaration') return n;
    if (t === 'function_declaration' || t === 'function_expression' || t === 'function' || t === 'generator_function_declaration' || t === 'generator_function') return null;
    n = up(n);
  }
  return null;
}

/** Names bound by a destructuring pattern, with their key paths from the destructured value. */
export function patternNames(pattern: Node, base: string[] = [], depth = 0): Array<{ name: string; path: PatternPath; node: Node }> {
  const out: Array<{ name: string; path: PatternPath; node: Node }> = [];
  if (depth > 50) return out;
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      out.push({ name: pattern.text, path: pattern.type === 'identifier' ? base : [...base, pattern.text], node: pattern });
      break;
    case 'object_pattern':
      for (const c of pattern.namedChildren) {
        if (c.type === 'shorthand_property_identifier_pattern') out.push({ name: c.text, path: [...base, c.text], node: c });
        else if (c.type === 'pair_pattern') {
          const key = propKey(c.childForFieldName('key'));
          const value = c.childForFieldName('value');
          if (value) {
            if (key === null) for (const x of patternNames(value, base, depth + 1)) out.push({ ...x, path: null });
            else out.push(...patternNames(value, [...base, key], depth + 1));
          }
        } else if (c.type === 'object_assignment_pattern') {
          const left = c.childForFieldName('left');
          if (left) out.push(...patternNames(left, base, depth + 1));
        } else if (c.type === 'rest_pattern') {
          for (const x of patternNames(c.namedChildren[0]!, base, depth + 1)) out.push({ ...x, path: null });
        }
      }
      break;
    case 'array_pattern': {
      let i = 0;
      for (const c of pattern.namedChildren) {
        if (c.type === 'rest_pattern') {
          for (const x of patternNames(c.namedChildren[0]!, base, depth + 1)) out.push({ ...x, path: null });
        } else out.push(...patternNames(c, [...base, String(i)], depth + 1));
        i++;
      }
      break;
    }
    case 'assignment_pattern': {
      const left = pattern.childForFieldName('left');
      if (left) out.push(...patternNames(left, base, depth + 1));
      break;
    }
    case 'rest_pattern':
      if (pattern.namedChildren[0]) for (const x of patternNames(pattern.namedChildren[0], base, depth + 1)) out.push({ ...x, path: null });
      break;
    default:
      break;
  }
  return out;
}

/** A static property key (`a`, `'a'`, `1`, `['a']`); null when computed from something dynamic. */
export function propKey(key: Node | null): string | null {
  if (!key) return null;
  switch (key.type) {
    case 'property_identifier':
    case 'identifier':
    case 'private_property_identifier':
    case 'shorthand_property_identifier':
    case 'shorthand_property_identifier_pattern':
      return key.text;
    case 'number':
      return String(Number(key.text.replace(/_/g, '')));
    case 'string': {
      const t = key.text;
      noteReadNode(key);
      return t.length >= 2 ? t.slice(1, -1) : null;
    }
    case 'computed_property_name': {
      const inner = key.namedChildren[0];
      if (inner?.type === 'string' || inner?.type === 'template_string') noteReadNode(inner);
      if (inner?.type === 'string') return inner.text.slice(1, -1);
      if (inner?.type === 'template_string' && !inner.namedChildren.some((c) => c.type === 'template_substitution')) return inner.text.slice(1, -1);
      if (inner?.type === 'number') return String(Number(inner.text.replace(/_/g, '')));
      return null;
    }
    default:
      return null;
  }
}

/** Text of a string literal node without quotes (raw, escapes not decoded). */
function stringContent(n: Node | null): string | null {
  if (!n || n.type !== 'string') return null;
  noteReadNode(n);
  return n.text.slice(1, -1);
}

function hasAnonChild(node: Node, text: string): boolean {
  for (const c of node.children) if (!c.isNamed && c.type === text) return true;
  return false;
}

/** Declarations of one scope node, cached. */
export function scopeOf(mod: Mod, scope: Node): Map<string, Binding> {
  let m = mod.scopes.get(scope.id);
  if (m) return m;
  m = new Map();
  mod.scopes.set(scope.id, m);
  try {
    collectScope(scope, m);
  } catch {
    // a malformed tree: keep what we collected
  }
  return m;
}

function collectScope(scope: Node, m: Map<string, Binding>): void {
  const t = scope.type;
  if (FUNCTION_TYPES.has(t)) {
    if (t === 'function_expression' || t === 'function') {
      const name = scope.childForFieldName('name');
      if (name) m.set(name.text, { k: 'func', node: scope });
    }
    const params = scope.childForFieldName('parameters');
    const single = scope.childForFieldName('parameter');
    const list = params ? params.namedChildren : single ? [single] : [];
    for (const p of list) addParam(scope, p, m);
    return;
  }
  if (t === 'for_statement') {
    const init = scope.childForFieldName('initializer');
    if (init) addStatement(init, m);
    return;
  }
  if (t === 'for_in_statement') {
    const left = scope.childForFieldName('left');
    if (left) for (const x of patternNames(left)) m.set(x.name, { k: 'other', node: x.node, name: x.name });
    return;
  }
  if (t === 'catch_clause') {
    const p = scope.childForFieldName('parameter');
    if (p) for (const x of patternNames(p)) m.set(x.name, { k: 'other', node: x.node, name: x.name });
    return;
  }
  for (const c of scope.namedChildren) addStatement(c, m);
}

function addParam(fn: Node, p: Node, m: Map<string, Binding>): void {
  let pattern: Node | null = p;
  let type: Node | null = null;
  if (p.type === 'required_parameter' || p.type === 'optional_parameter') {
    pattern = p.childForFieldName('pattern');
    type = p.childForFieldName('type');
  }
  if (!pattern) return;
  if (pattern.type === 'assignment_pattern') pattern = pattern.childForFieldName('left');
  if (!pattern) return;
  if (pattern.type === 'identifier') {
    m.set(pattern.text, { k: 'param', fn, param: p, type, name: pattern.text, destructured: false });
    return;
  }
  for (const x of patternNames(pattern)) m.set(x.name, { k: 'param', fn, param: p, type: null, name: x.name, destructured: true });
}

function addStatement(c: Node, m: Map<string, Binding>): void {
  switch (c.type) {
    case 'import_statement':
      addImport(c, m);
      break;
    case 'lexical_declaration':
    case 'variable_declaration': {
      const kind = c.children[0]?.type ?? 'const';
      for (const d of c.namedChildren) {
        if (d.type !== 'variable_declarator') continue;
        const name = d.childForFieldName('name');
        const init = d.childForFieldName('value');
        if (!name) continue;
        if (name.type === 'identifier') m.set(name.text, { k: 'var', kind, decl: d, init, dpath: [], name: name.text });
        else for (const x of patternNames(name)) m.set(x.name, { k: 'var', kind, decl: d, init, dpath: x.path, name: x.name });
      }
      break;
    }
    case 'function_declaration':
    case 'generator_function_declaration': {
      const name = c.childForFieldName('name');
      if (name) m.set(name.text, { k: 'func', node: c });
      break;
    }
    case 'class_declaration':
    case 'abstract_class_declaration': {
      const name = c.childForFieldName('name');
      if (name) m.set(name.text, { k: 'class', node: c });
      break;
    }
    case 'enum_declaration': {
      const name = c.childForFieldName('name');
      if (name) m.set(name.text, { k: 'other', node: c, name: name.text });
      break;
    }
    case 'export_statement': {
      const decl = c.childForFieldName('declaration');
      if (decl) addStatement(decl, m);
      break;
    }
    case 'ambient_declaration':
      for (const d of c.namedChildren) addStatement(d, m);
      break;
    case 'import_alias': {
      // TS: import x = require('y')
      const name = c.namedChildren[0];
      const req = c.namedChildren[1];
      const mod = req ? /require\(\s*['"]([^'"]+)['"]\s*\)/.exec(req.text) : null;
      if (name && mod) m.set(name.text, { k: 'import', module: mod[1]!, path: [], typeOnly: false, node: c });
      break;
    }
    default:
      break;
  }
}

function addImport(stmt: Node, m: Map<string, Binding>): void {
  const source = stringContent(stmt.childForFieldName('source'));
  if (source === null) {
    // `import x = require('y')`
    const req = stmt.namedChildren.find((c) => c.type === 'import_require_clause');
    if (req) {
      const id = req.namedChildren.find((c) => c.type === 'identifier');
      const src = stringContent(req.childForFieldName('source') ?? req.namedChildren.find((c) => c.type === 'string') ?? null);
      if (id && src !== null) m.set(id.text, { k: 'import', module: src, path: [], typeOnly: false, node: stmt });
    }
    return;
  }
  const typeOnly = hasAnonChild(stmt, 'type');
  const clause = stmt.namedChildren.find((c) => c.type === 'import_clause');
  if (!clause) return;
  for (const c of clause.namedChildren) {
    if (c.type === 'identifier') m.set(c.text, { k: 'import', module: source, path: ['default'], typeOnly, node: c });
    else if (c.type === 'namespace_import') {
      const id = c.namedChildren.find((x) => x.type === 'identifier');
      if (id) m.set(id.text, { k: 'import', module: source, path: [], typeOnly, node: c });
    } else if (c.type === 'named_imports') {
      for (const s of c.namedChildren) {
        if (s.type !== 'import_specifier') continue;
        const name = s.childForFieldName('name');
        const alias = s.childForFieldName('alias');
        if (!name) continue;
        if (name.type === 'string') noteReadNode(name);
        const imported = name.type === 'string' ? name.text.slice(1, -1) : name.text;
        m.set((alias ?? name).text, { k: 'import', module: source, path: [imported], typeOnly: typeOnly || hasAnonChild(s, 'type'), node: s });
      }
    }
  }
}

/** Find the binding of `name` visible at `at`, climbing scopes (memoised per scope and name). */
export function lookup(mod: Mod, name: string, at: Node): Binding | null {
  noteLookup(name, at);
  let n: Node | null = at;
  let steps = 0;
  const visited: number[] = [];
  let result: Binding | null = null;
  while (n && steps++ < 5000) {
    if (SCOPE_TYPES.has(typeOf(n))) {
      const memo = mod.resolved.get(n.id)?.get(name);
      if (memo !== undefined) {
        result = memo;
        break;
      }
      visited.push(n.id);
      const b = scopeOf(mod, n).get(name);
      if (b) {
        // `const x = x…`: a declarator does not see itself in its initializer; look further out.
        if (b.k === 'var' && b.decl.startIndex <= at.startIndex && at.endIndex <= b.decl.endIndex && isInInit(b.decl, at)) visited.length = 0;
        else {
          result = b;
          break;
        }
      }
    }
    n = up(n);
  }
  for (const id of visited) {
    let m = mod.resolved.get(id);
    if (!m) mod.resolved.set(id, (m = new Map()));
    m.set(name, result);
  }
  return result;
}

const typeCache = new Map<number, string>();

/** A node's type, cached for the current analysis. */
export function typeOf(n: Node): string {
  let t = typeCache.get(n.id);
  if (t === undefined) {
    t = n.type;
    typeCache.set(n.id, t);
  }
  return t;
}

function isInInit(decl: Node, at: Node): boolean {
  const init = decl.childForFieldName('value');
  return !!init && init.startIndex <= at.startIndex && at.endIndex <= init.endIndex && !FUNCTION_LIKE_INIT.has(init.type);
}
const FUNCTION_LIKE_INIT = new Set(['arrow_function', 'function_expression', 'function', 'class']);

/** Top-level export of a module: the node to evaluate (an expression, declaration name, or re-export). */
export type ExportTarget =
  | { k: 'node'; node: Node }
  | { k: 'binding'; name: string; at: Node }
  | { k: 'reexport'; module: string; name: string }
  | { k: 'star'; modules: string[] };

/** Where `name` is exported from in `mod` (searches the top-level statements). */
export function findExport(mod: Mod, name: string): ExportTarget | null {
  const stars: string[] = [];
  for (const s of mod.root.namedChildren) {
    if (s.type === 'export_statement') {
      const source = stringContent(s.childForFieldName('source'));
      const decl = s.childForFieldName('declaration');
      const value = s.childForFieldName('value');
      const isDefault = hasAnonChild(s, 'default');
      if (decl) {
        if (isDefault && name === 'default') return { k: 'node', node: decl };
        const dn = declNames(decl);
        if (dn.includes(name)) return { k: 'binding', name, at: decl };
        continue;
      }
      if (value && isDefault) {
        if (name === 'default') return { k: 'node', node: value };
        continue;
      }
      const clause = s.namedChildren.find((c) => c.type === 'export_clause');
      if (clause) {
        for (const spec of clause.namedChildren) {
          if (spec.type !== 'export_specifier') continue;
          const local = spec.childForFieldName('name');
          const alias = spec.childForFieldName('alias');
          const exported = (alias ?? local)?.text.replace(/^['"]|['"]$/g, '');
          if (exported !== name || !local) continue;
          if (source !== null) return { k: 'reexport', module: source, name: local.text };
          return { k: 'binding', name: local.text, at: s };
        }
        continue;
      }
      if (source !== null) {
        const ns = s.namedChildren.find((c) => c.type === 'namespace_export');
        if (!ns && name !== 'default') stars.push(source);
      }
    } else if (s.type === 'expression_statement') {
      // CommonJS: module.exports = {...}; exports.X = ...; module.exports.X = ...
      const a = s.namedChildren[0];
      if (a?.type !== 'assignment_expression') continue;
      const left = a.childForFieldName('left')?.text.replace(/\s+/g, '');
      const right = a.childForFieldName('right');
      if (!left || !right) continue;
      if (left === `exports.${name}` || left === `module.exports.${name}`) return { k: 'node', node: right };
      if (left === 'module.exports') {
        if (name === 'default') return { k: 'node', node: right };
        if (right.type === 'object') {
          for (const p of right.namedChildren) {
            if (p.type === 'pair' && propKey(p.childForFieldName('key')) === name) return { k: 'node', node: p.childForFieldName('value')! };
            if (p.type === 'shorthand_property_identifier' && p.text === name) return { k: 'binding', name, at: s };
          }
        }
      }
    }
  }
  if (stars.length) return { k: 'star', modules: stars };
  return null;
}

function declNames(decl: Node): string[] {
  if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
    const out: string[] = [];
    for (const d of decl.namedChildren) {
      const n = d.childForFieldName('name');
      if (!n) continue;
      if (n.type === 'identifier') out.push(n.text);
      else for (const x of patternNames(n)) out.push(x.name);
    }
    return out;
  }
  const n = decl.childForFieldName('name');
  return n ? [n.text] : [];
}

/** Directory part of an absolute '/' path. */
export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** Join and normalise '/' paths ('.' and '..' segments). */
export function joinPath(base: string, rel: string): string {
  const parts = (rel.startsWith('/') ? rel : base + '/' + rel).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

/** Candidate absolute paths for a relative module specifier, in resolution order. */
export function moduleCandidates(fromFile: string, spec: string): string[] {
  const base = joinPath(dirOf(fromFile), spec);
  const out: string[] = [];
  const m = /\.(m|c)?(j)sx?$/.exec(base);
  if (m) {
    const stem = base.slice(0, -m[0].length);
    if (m[1] === 'm') out.push(stem + '.mts');
    else if (m[1] === 'c') out.push(stem + '.cts');
    else out.push(stem + '.ts', stem + '.tsx');
    out.push(base);
    return out;
  }
  if (/\.(ts|tsx|mts|cts)$/.test(base)) out.push(base);
  for (const ext of ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.jsx']) out.push(base + ext);
  for (const ext of ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.jsx']) out.push(base + '/index' + ext);
  return out;
}
