/**
 * The Python language front end: one scan of the tree (scan.ts) for scopes, bindings and calls,
 * then for every call whose callee resolves to an import, or to an unknown-origin name with an
 * attribute path, a Candidate with resolved arguments (analyzer.ts) and context (context.ts).
 * Never throws: a failing candidate is dropped, a failing value becomes 'unknown'.
 */
import type { Candidate, FrontEndResult, Note } from '../../types';
import { heuristicPath, type FrontEnd, type FrontEndContext } from '../frontend';
import { Analyzer, spanOf } from './analyzer';
import { ContextBuilder } from './context';

export { Analyzer } from './analyzer';

export const analyzePython: FrontEnd = (ctx: FrontEndContext): FrontEndResult => {
  const candidates: Candidate[] = [];
  const notes: Note[] = [];
  let analyzer: Analyzer;
  let contexts: ContextBuilder;
  try {
    analyzer = new Analyzer({
      path: ctx.path,
      text: ctx.text,
      root: ctx.tree.rootNode,
      fs: ctx.fs,
      loadModule: (p) => {
        try {
          return ctx.loadModule(p);
        } catch {
          return null;
        }
      },
      cache: ctx.cache,
      // Bodies whose calls cannot be LLM calls are scanned only when a lookup needs them.
      eagerBody: ctx.wantedName && ctx.mayHoldCallIn ? (start, end) => ctx.mayHoldCallIn!(start, end) : undefined,
    });
    contexts = new ContextBuilder(analyzer, heuristicPath(ctx.path, ctx.root));
  } catch (e) {
    notes.push({ level: 'warning', message: `Python analysis failed for ${ctx.path}: ${e instanceof Error ? e.message : String(e)}` });
    return { candidates, notes };
  }
  for (const rec of analyzer.scan.calls) {
    try {
      const fn = rec.node.childForFieldName('function');
      if (!fn) continue;
      if (ctx.wantedName) {
        // `name(…)` or `x.name(…)`: the written name decides before any resolution.
        const written = /(?:^|\.)\s*([A-Za-z_]\w*)$/.exec(fn.text.slice(-256))?.[1];
        if (written && !ctx.wantedName(written)) continue;
      }
      const q = analyzer.qname(fn);
      if (!q) continue;
      const hasAttr = q.path.some((p) => typeof p === 'string');
      if (q.origin !== 'import' && !hasAttr) continue;
      if (q.origin === 'local' && !hasAttr) continue;
      if (ctx.wanted && !ctx.wanted(q)) continue;
      const args = analyzer.callArgs(rec.node);
      candidates.push({
        span: spanOf(rec.node),
        calleeSpan: spanOf(fn),
        callee: q,
        args,
        context: contexts.context(rec),
        isNew: false,
      });
    } catch {
      // one bad call never hides the others
    }
  }
  candidates.sort((a, b) => a.span.start - b.span.start);
  notes.push(...analyzer.notes);
  return { candidates, notes };
};
