import { claude, deepseek, openai, sleep } from './llm';

/** Turn a shopper's free-text query into structured filters. */
export async function parseQuery(query: string) {
  // prompt-cost: 120k/day
  const res = await openai.chat.completions.create({
    model: 'gpt-6.2-sol',
    max_completion_tokens: 60,
    response_format: { type: 'json_object' },
    messages: [
      { role: 'system', content: 'Extract the product category, size and max price from the query. Return only JSON.' },
      { role: 'user', content: query },
    ],
  });
  return JSON.parse(res.choices[0]?.message.content ?? '{}');
}

/** Short product blurbs; retried because the upstream sometimes rate-limits. */
export async function blurb(name: string, specs: string): Promise<string> {
  while (true) {
    try {
      const res = await deepseek.chat.completions.create({
        model: 'deepseek-chat',
        max_tokens: 120,
        messages: [{ role: 'user', content: `Write a two-sentence blurb for ${name}: ${specs}` }],
      });
      return res.choices[0]?.message.content ?? '';
    } catch {
      await sleep(500);
    }
  }
}

/** Answers "where is my order" with the order inlined before the static policy. */
export async function orderHelp(orderJson: string, question: string) {
  return claude.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 500,
    system: [
      { type: 'text', text: `Order: ${orderJson}`, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Shipping takes 2–5 business days. Returns are free within 30 days.', cache_control: { type: 'ephemeral' } },
    ],
    messages: [{ role: 'user', content: question }],
  });
}

export async function reviewSummary(reviews: string) {
  return claude.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 80000,
    messages: [{ role: 'user', content: `Summarize these reviews:\n${reviews}` }],
  });
}

export async function sizeAdvice(question: string) {
  return openai.chat.completions.create({
    model: 'gpt-5-mni',
    max_completion_tokens: 300,
    messages: [{ role: 'user', content: question }],
  });
}

export async function returnsPolicy(question: string) {
  return openai.responses.create({
    model: 'gpt-6.1-terra',
    instructions: 'Answer questions about the returns policy: free returns within 30 days, refunds in 5 days.',
    input: question,
  });
}
