import { anthropic } from '@ai-sdk/anthropic';
import { streamText, type ModelMessage } from 'ai';
import { ASSISTANT_PROMPT } from '../../../prompts/assistant';

export const runtime = 'nodejs';

// The storefront's chat widget: every visitor message lands here.
export async function POST(req: Request) {
  const { messages }: { messages: ModelMessage[] } = await req.json();
  // prompt-cost: 40k/day
  const result = streamText({
    model: anthropic('claude-sonnet-4-5'),
    system: ASSISTANT_PROMPT,
    maxOutputTokens: 700,
    messages,
  });
  return result.toUIMessageStreamResponse();
}
