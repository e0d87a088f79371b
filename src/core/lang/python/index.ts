/**
 * The Python language front end: one scan of the tree (scan.ts) for scopes, bindings and calls,
 * then for every call whose callee resolves to an import, or to an unknown-origin name with an
 * attribute path, a Candidate with resolved arguments (analyzer.ts) and context (context.ts).
 * Never throws: a failing candidate is dropped, a failing value becomes 'unknown'.
 */
import type { CallArgs, Candidate, FrontEndResult, Note, QName } from '../../types';
import type { Node } from '../../parse/parser';
import { heuristicPath, type FrontEnd, type FrontEndContext } from '../frontend';
import { Analyzer, spanOf } from './analyzer';
import { ContextBuilder } from './context';
import { noteUnscanned } from '../trace';

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
      // `asyncio.to_thread(client.chat.completions.create, model=…)`, `functools.partial(acompletion, model=…)`,
      // `loop.run_in_executor(None, partial(…))`: the call goes to the function passed first.
      // `name(…)` or `x.name(…)`: the written name decides before any resolution.
      const written = /(?:^|\.)\s*([A-Za-z_]\w*)$/.exec(fn.text.slice(-256))?.[1];
      const through = written ? callThrough(analyzer, rec.node, fn, written) : null;
      if (through) {
        if (ctx.wanted && !ctx.wanted(through.callee)) continue;
        candidates.push({ span: spanOf(rec.node), calleeSpan: spanOf(through.fnNode), callee: through.callee, args: through.args, context: contexts.context(rec), isNew: false });
        continue;
      }
      if (ctx.wantedName && written && !ctx.wantedName(written)) continue;
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
  for (const body of analyzer.scan.lazy.remaining()) noteUnscanned(body);
  return { candidates, notes };
};

/** Functions that call the function they are given (first argument; `run_in_executor`: second). */
const CALL_THROUGH: Record<string, { modules: RegExp | null; index: number }> = {
  to_thread: { modules: /^asyncio$/, index: 0 },
  partial: { modules: /^functools$/, index: 0 },
  run_in_executor: { modules: null, index: 1 },
};

function callThrough(analyzer: Analyzer, call: Node, fn: Node, written: string): { callee: QName; args: CallArgs; fnNode: Node } | null {
  const spec = Object.prototype.hasOwnProperty.call(CALL_THROUGH, written) ? CALL_THROUGH[written] : undefined;
  if (!spec) return null;
  if (spec.modules) {
    const q = analyzer.qname(fn);
    if (!q || q.origin !== 'import' || !spec.modules.test(q.module ?? '')) return null;
  }
  const argsNode = call.childForFieldName('arguments');
  const kids = (argsNode?.namedChildren ?? []).filter((k): k is Node => !!k && k.type !== 'comment' && k.type !== 'keyword_argument');
  const inner = kids[spec.index];
  if (!inner) return null;
  // run_in_executor(None, partial(client.messages.create, model=…)): the partial is the call site.
  if (inner.type === 'call') return null;
  const callee = analyzer.qname(inner);
  if (!callee || callee.origin === 'local' || !callee.path.some((p) => typeof p === 'string')) return null;
  const args = analyzer.callArgs(call);
  return { callee, args: { ...args, positional: args.positional.slice(spec.index + 1) }, fnNode: inner };
}
