import { claude } from './llm';
import { ASSISTANT_PROMPT } from '../prompts/assistant';

const SHIPPING = 'Shipping: standard 2–5 business days (free over €50), express next business day (€9.90). We ship to the EU, the UK, Norway and Switzerland.';
const RETURNS = 'Returns: free within 30 days, unworn, with tags. Refunds reach the original payment method within 5 business days of arrival.';
const SIZES = 'Sizing: shoes run true to size; for trail runners between sizes, pick the larger one. Jackets: see the size chart on each product page.';

/**
 * Email helpdesk: every section of the policy gets its own breakpoint "so each part is cached",
 * and the customer's message is marked too.
 */
export async function answerEmail(email: string) {
  // prompt-cost: 2k/day
  return claude.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 700,
    system: [
      { type: 'text', text: ASSISTANT_PROMPT, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: SHIPPING, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: RETURNS, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: SIZES, cache_control: { type: 'ephemeral' } },
    ],
    messages: [{ role: 'user', content: [{ type: 'text', text: email, cache_control: { type: 'ephemeral' } }] }],
  });
}
