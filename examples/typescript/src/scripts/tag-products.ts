// One-off backfill: tag every product in the catalogue export with its activity.
// Run with `tsx src/scripts/tag-products.ts catalogue.json`.
import { readFile } from 'node:fs/promises';
import { openai } from '../lib/llm';

interface Product {
  id: string;
  name: string;
  description: string;
}

async function main() {
  const products: Product[] = JSON.parse(await readFile(process.argv[2]!, 'utf8'));
  const tags = await Promise.all(
    products.map((p) =>
      openai.chat.completions.create({
        model: 'gpt-4.1-mini',
        max_completion_tokens: 10,
        messages: [
          { role: 'system', content: 'Label the activity: hiking, running, climbing, camping or other. Reply with one word.' },
          { role: 'user', content: `${p.name}: ${p.description}` },
        ],
      }),
    ),
  );
  console.log(tags.map((t) => t.choices[0]?.message.content).join('\n'));
}

void main();
