/**
 * The rule registry. Adding a rule: one file under builtin/ exporting a `Rule` (metadata + check),
 * an entry here, a docs page docs/rules/<id>.md, and fixtures under test/fixtures/<id>/ in Python and
 * TypeScript. test/unit/rules-registry.test.ts fails when any of these is missing.
 */
import type { Rule } from './types';
import { missingMaxTokens } from './builtin/missingMaxTokens';
import { missingCacheControl } from './builtin/missingCacheControl';
import { oversizedPrompt } from './builtin/oversizedPrompt';
import { overpoweredModel } from './builtin/overpoweredModel';
import { maxTokensOverLimit } from './builtin/maxTokensOverLimit';
import { unknownModel } from './builtin/unknownModel';
import { cacheBustingPrefix } from './builtin/cacheBustingPrefix';
import { deadCacheBreakpoint } from './builtin/deadCacheBreakpoint';
import { tooManyCacheBreakpoints } from './builtin/tooManyCacheBreakpoints';
import { batchableLoop } from './builtin/batchableLoop';
import { retryWithoutBackoff } from './builtin/retryWithoutBackoff';
import { deprecatedModel } from './builtin/deprecatedModel';
import { priceCliff } from './builtin/priceCliff';

export const rules: Rule[] = [missingMaxTokens, missingCacheControl, oversizedPrompt, overpoweredModel, maxTokensOverLimit, unknownModel,
  cacheBustingPrefix, deadCacheBreakpoint, tooManyCacheBreakpoints, batchableLoop, retryWithoutBackoff, deprecatedModel, priceCliff,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
