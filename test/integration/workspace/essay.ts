import OpenAI from 'openai';

const openai = new OpenAI();

export async function essay(topic: string) {
  // prompt-cost: 1k/day
  return openai.chat.completions.create({
    model: 'gpt-4o',
    max_completion_tokens: 32000,
    messages: [{ role: 'user', content: `Write a short essay about ${topic}.` }],
  });
}
