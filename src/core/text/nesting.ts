/**
 * Guards against pathological inputs (generated code, fuzzers): nesting thousands of levels deep
 * makes every climb to an enclosing scope O(depth), so analysis turns quadratic. Real code — even
 * minified bundles — nests well under a hundred levels.
 */
import type { Tree } from '../parse/parser';

/** Files whose syntax tree is deeper than this are skipped with a note. */
export const MAX_NESTING = 1000;

/** Below this bracket depth in the text the tree is not walked (the common, cheap case). */
const BRACKET_GATE = 256;

/** The deepest nesting of (), [] and {} in the text, ignoring strings and comments (an upper gate only). */
export function maxBracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/** The depth of the syntax tree, stopping as soon as it exceeds `limit` (one cursor walk). */
export function treeDepthExceeds(tree: Tree, limit: number): boolean {
  const cursor = tree.walk();
  try {
    let depth = 0;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        if (++depth > limit) return true;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return false;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** True when the file nests deeper than MAX_NESTING (cheap text gate first, then the tree). */
export function tooDeep(text: string, tree: Tree): boolean {
  return maxBracketDepth(text) > BRACKET_GATE && treeDepthExceeds(tree, MAX_NESTING);
}
