/**
 * Text about one analysed call, shared by the CodeLens, the hover and the fallback breakdown:
 * the lens title and the hover's markdown. Pure functions of the analysis and the config.
 */
import type { Config } from '../core/config/schema';
import type { AnalyzedCall } from '../core/rules/types';
import type { Finding } from '../core/types';
import { formatCount, formatMoney, formatPerMTok, formatTokens } from './format';

/** `claude-sonnet-4-5 · ≈4.1k–5.2k tok · cap 300 · $0.018/call · $1,636/mo` */
export function lensTitle(call: AnalyzedCall, config: Config): string {
  const site = call.site;
  const parts = [site.model ?? (site.modelDynamic ? 'dynamic model' : 'default model')];
  parts.push(`${formatTokens(call.inputTokens)}${call.dynamicInput ? ' + dynamic' : ''}`);
  if (site.maxTokens) parts.push(site.maxTokens.value === null ? `cap ${site.maxTokens.param}` : `cap ${formatCount(site.maxTokens.value)}`);
  else if (site.capParam) parts.push('no cap');
  if (call.cost) {
    parts.push(`${formatMoney(call.cost.perCallUsd, config)}/call`);
    parts.push(`${formatMoney(call.cost.perMonthUsd, config)}/mo`);
  } else {
    parts.push('not priced');
  }
  return parts.join(' · ');
}

const VOLUME_SOURCE: Record<string, string> = {
  annotation: 'a `prompt-cost:` comment',
  config: 'the `defaultMonthlyCalls` setting',
  default: 'the default',
  loop: 'the enclosing loop',
  test: 'a test (excluded from totals)',
};

function cacheStatus(call: AnalyzedCall): string {
  const site = call.site;
  if (site.topLevelCache) return `automatic caching (top-level \`cache_control\`, ${site.topLevelCache.ttl})`;
  const marked = call.blocks.filter((b) => b.block.cacheControl);
  if (marked.length > 0) {
    const last = marked[marked.length - 1]!;
    return `${marked.length} \`cache_control\` breakpoint${marked.length === 1 ? '' : 's'}; ≈${formatCount(last.cumulative)} prefix tokens cached (${last.block.cacheControl!.ttl})`;
  }
  if (site.provider === 'anthropic') return 'no `cache_control` breakpoint: the whole prompt is billed at the input price on every call';
  return 'no explicit cache breakpoint (the provider may cache long prefixes automatically)';
}

function severityIcon(f: Finding): string {
  return f.severity === 'error' ? '$(error)' : f.severity === 'warning' ? '$(warning)' : '$(info)';
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** The hover's markdown for a call (trusted only for `$(icon)` syntax; user text is escaped). */
export function hoverMarkdown(call: AnalyzedCall, findings: readonly Finding[], config: Config, pricingDate?: string): string {
  const site = call.site;
  const model = call.model;
  const lines: string[] = [];
  lines.push(`**Prompt Cost** · ${escape(site.provider)} \`${site.api}\` · ${site.model ? `\`${site.model}\`` : 'model unknown'}`);
  lines.push('');
  if (call.cost) {
    lines.push(
      `**${formatMoney(call.cost.perCallUsd, config)}/call** (input ${formatMoney(call.cost.inputUsd, config)} + output ${formatMoney(call.cost.outputUsd, config)}) · **${formatMoney(call.cost.perMonthUsd, config)}/month**`,
    );
  } else {
    lines.push(site.model ? `\`${site.model}\` is not in the price table: add it under \`promptCost.models\`.` : 'The model is only known at run time: no price.');
  }
  lines.push('');
  if (model) {
    lines.push('| price (USD / MTok) | |', '|---|---:|');
    lines.push(`| input | ${formatPerMTok(model.inputPerMTok)} |`);
    lines.push(`| output | ${formatPerMTok(model.outputPerMTok)} |`);
    // The table's two write prices are Anthropic's 5-minute / 1-hour TTLs; OpenAI's (GPT-5.6+) are its 30-minute / 12-hour retentions.
    const [shortTtl, longTtl] = model.provider === 'openai' || model.provider === 'azure' ? ['30 min', '12 h'] : ['5 min', '1 h'];
    if (model.cacheWrite5mPerMTok !== null) lines.push(`| cache write (${shortTtl}) | ${formatPerMTok(model.cacheWrite5mPerMTok)} |`);
    if (model.cacheWrite1hPerMTok !== null) lines.push(`| cache write (${longTtl}) | ${formatPerMTok(model.cacheWrite1hPerMTok)} |`);
    if (model.cacheReadPerMTok !== null) lines.push(`| cache read | ${formatPerMTok(model.cacheReadPerMTok)} |`);
    if (model.batchDiscount !== null) lines.push(`| batch discount | ${Math.round(model.batchDiscount * 100)}% |`);
    lines.push('');
    const asOf = pricingDate ?? model.checked;
    const checked = pricingDate && model.checked !== pricingDate ? `; \`${model.id}\` checked ${model.checked}` : '';
    lines.push(`Prices as of ${asOf} (${escape(model.id)}${site.batch ? ', batch API' : ''}${checked}).`);
    lines.push('');
  }
  const t = call.inputTokens;
  const tokenizer = model ? model.tokenizer : 'generic';
  lines.push(
    t.exact
      ? `- **Input:** ${formatCount(t.central)} tokens, exact (${tokenizer} tokenizer)${call.dynamicInput ? ' + parts known only at run time' : ''}`
      : `- **Input:** ≈${formatCount(t.central)} tokens, estimated (${tokenizer}${t.low !== t.high ? `: ${formatCount(t.low)}–${formatCount(t.high)}` : ''})${call.dynamicInput ? ' + parts known only at run time' : ''}`,
  );
  lines.push(
    site.maxTokens && site.maxTokens.value !== null
      ? `- **Output:** priced at the cap, ${formatCount(call.outputTokens)} tokens (\`${site.maxTokens.param}\`, the upper bound)`
      : `- **Output:** no literal cap; assumed ${formatCount(call.outputTokens)} tokens (\`expectedOutputTokens\`)`,
  );
  lines.push(`- **Cache:** ${cacheStatus(call)}`);
  lines.push(`- **Volume:** ${formatCount(call.volume.perMonth)} calls/month, from ${VOLUME_SOURCE[call.volume.source] ?? call.volume.source} (${escape(call.volume.label)})`);
  if (findings.length > 0) {
    lines.push('');
    lines.push(`**Findings (${findings.length})**`);
    for (const f of findings) {
      const saving = f.savingsUsd && f.savingsUsd.perMonth > 0 ? ` — saves ≈${formatMoney(f.savingsUsd.perMonth, config)}/mo` : '';
      lines.push(`- ${severityIcon(f)} \`${f.ruleId}\`${saving}`);
    }
  }
  return lines.join('\n');
}
