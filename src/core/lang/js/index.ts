/**
 * The TypeScript/JavaScript front end: one pass over the tree collects calls, reassigned names and
 * `this.x = …` assignments; then every call or `new` whose callee resolves to an import (any
 * module) or to an unknown-origin name with a property path becomes a Candidate. The SDK
 * recognizers decide which candidates are LLM calls.
 */
import { heuristicPath, type FrontEnd, type FrontEndContext } from '../frontend';
import type { Candidate, FrontEndResult } from '../../types';
import { contextOf } from './context';
import { Evaluator } from './eval';
import { buildMod, FUNCTION_TYPES, resetParents, up, type Mod } from './module';
import { noteBody } from '../trace';
import type { Node } from '../../parse/parser';

export const analyzeJs: FrontEnd = (ctx: FrontEndContext): FrontEndResult => {
  resetParents();
  try {
    return analyze(ctx);
  } catch {
    return { candidates: [], notes: [] };
  } finally {
    resetParents();
  }
};

function analyze(ctx: FrontEndContext): FrontEndResult {
  const candidates: Candidate[] = [];
  let mod: Mod;
  let ev: Evaluator;
  try {
    mod = buildMod(ctx.path, ctx.language, ctx.text, ctx.tree, ctx.wantedName);
    mod.testPath = heuristicPath(ctx.path, ctx.root);
    // (not put in ctx.cache: this tree belongs to the caller and may be deleted after this call)
    ev = new Evaluator(ctx, mod);
  } catch {
    return { candidates, notes: [] };
  }
  for (const node of mod.calls) {
    try {
      const isNew = node.type === 'new_expression';
      const callee = node.childForFieldName(isNew ? 'constructor' : 'function');
      if (!callee || callee.type === 'import' || callee.type === 'super') continue;
      if (ctx.wantedName) {
        // `name(…)`, `x.name(…)`, `x?.name(…)`, `new x.Name(…)`: the written name decides before any resolution.
        const written = /(?:^|\.)\s*([A-Za-z_$][\w$]*)$/.exec(callee.text.slice(-256))?.[1];
        if (written && !ctx.wantedName(written)) continue;
      }
      if (!isNew && ev.requireModule(node, ev.env()) !== null) continue;
      const q = ev.ref(callee, ev.env(), 0);
      if (!q) continue;
      if (q.origin !== 'import' && q.path.length === 0) continue;
      if (q.origin === 'local' && (q.root === 'object' || q.root === 'array' || q.root === 'class')) continue;
      if (ctx.wanted && !ctx.wanted(q)) continue;
      const args = ev.args(node.childForFieldName('arguments'), ev.env(), 0);
      // The call's context (loops, retries, handlers, tests) is read from every function around it.
      for (let f: Node | null = up(node); f; f = up(f)) if (FUNCTION_TYPES.has(f.type)) noteBody(f.childForFieldName('body') ?? f);
      candidates.push({
        span: { start: node.startIndex, end: node.endIndex },
        calleeSpan: { start: callee.startIndex, end: callee.endIndex },
        callee: q,
        args,
        context: contextOf(node, mod),
        isNew,
      });
    } catch {
      // one bad call never hides the others
    }
  }
  return { candidates, notes: ev.notes };
}

export { isTestPath } from './context';
