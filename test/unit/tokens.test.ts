import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
// An independent implementation of the same BPEs, used only as the reference.
import * as refO200k from 'gpt-tokenizer/encoding/o200k_base';
import * as refCl100k from 'gpt-tokenizer/encoding/cl100k_base';
import type { PromptBlock, Segment, TokenCount, TokenizerId } from '../../src/core/types';
import {
  classifyText,
  clearTokenMemo,
  configureTokenMemo,
  countPrompt,
  countText,
  countWithEncoder,
  framingStyleFor,
  countMessagesFraming,
  ensureTokenizer,
  getEncoder,
  hash53,
  isTokenizerReady,
  profileText,
  TokenMemo,
  tokenMemoStats,
  unloadEncoders,
} from '../../src/core/tokens';
import { buildRankTable, hasLongRun, LONG_RUN, LONG_RUN_RE, TokenRankTable } from '../../src/core/tokens/encoders';

const noSpecial = { disallowedSpecial: new Set<string>() };

const PROSE =
  'Please summarize the following customer support ticket in two sentences, focusing on the main ' +
  "complaint and any refund the customer asked for. Don't speculate; if the ticket is unclear, say so.";
const PY = `import json
from dataclasses import dataclass


@dataclass
class Ticket:
    id: int
    body: str

    def to_prompt(self) -> str:
        return f"Ticket #{self.id}:\\n{self.body.strip()}"


def load(path: str) -> list[Ticket]:
    with open(path, encoding="utf-8") as fh:
        return [Ticket(**row) for row in json.load(fh)]
`;
const TS = `export async function classify(client: OpenAI, text: string): Promise<'spam' | 'ham'> {
  const res = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    max_completion_tokens: 5,
    messages: [{ role: 'user', content: \`Classify: \${text}\` }],
  });
  return res.choices[0]?.message.content?.trim() === 'spam' ? 'spam' : 'ham';
}
`;
const ZH = '请用两句话总结下面的客户支持工单，重点说明主要投诉和客户要求的退款。如果工单内容不清楚，请直接说明。';
const JA = 'これは日本語のテキストです。トークナイザーの性能を確認するために書かれました。東京は今日も晴れです。';
const KO = '다음 고객 지원 티켓을 두 문장으로 요약하고, 주요 불만 사항과 환불 요청을 중심으로 설명하세요.';
const RU = 'Кратко изложите следующий запрос в службу поддержки в двух предложениях.';
const EMOJI = 'Great job 🎉🎉! 👩‍👩‍👧‍👦 family, flags 🇫🇷🇯🇵, skin tone 👍🏽 and ✨sparkles✨.';
const WS = 'a\n\n\n\n    b\t\t\tc          d\r\n\r\n   \n e' + ' '.repeat(40) + '\n';
const MIXED = `# Role\nYou are "Ledger", an accounting assistant.\n\n## Rules\n1. Amounts like $1,234.56 or €99 stay as written.\n2. Dates: 2026-11-27T04:49:37Z.\n3. JSON only: {"ok": true, "items": [1, 2, 3]}\n\n<example>\nQ: What's 12% of 250?\nA: 30\n</example>\nURL: https://example.com/a/b?c=d&e=f#g — naïve café façade.`;
const MARKDOWN = `| col | value |\n|-----|-------|\n|${'-'.repeat(300)}|\n| a   | 1     |\n\n\`\`\`bash\nnpm ci && npm test\n\`\`\`\n\n> quoted *text* with **bold** and _em_.\n`;
const CORPUS: Record<string, string> = { PROSE, PY, TS, ZH, JA, KO, RU, EMOJI, WS, MIXED, MARKDOWN };

function block(role: PromptBlock['role'], ...segments: Segment[]): PromptBlock {
  return { role, value: { segments } };
}
const s = (text: string): Segment => ({ kind: 'static', text });

function assertRange(c: TokenCount, label: string): void {
  assert.ok(c.low <= c.central && c.central <= c.high, `${label}: ${JSON.stringify(c)}`);
  assert.ok(Number.isInteger(c.low) && Number.isInteger(c.central) && Number.isInteger(c.high), label);
}

describe('fallback before any encoder is loaded', () => {
  before(() => {
    unloadEncoders();
    clearTokenMemo();
  });

  test('countText returns an estimate range instead of throwing', () => {
    for (const id of ['o200k_base', 'cl100k_base', 'claude', 'claude-2026', 'gemini', 'deepseek', 'generic'] as TokenizerId[]) {
      assert.equal(isTokenizerReady(id), false);
      const c = countText(PROSE, id);
      assert.equal(c.exact, false, id);
      assertRange(c, id);
      assert.ok(c.high > c.low, `${id} has a real range`);
      assert.ok(c.central > 0);
    }
  });

  test('the character-based o200k range contains the true count on every corpus sample', () => {
    for (const [name, text] of Object.entries(CORPUS)) {
      const c = countText(text, 'o200k_base');
      const truth = refO200k.encode(text, noSpecial).length;
      assert.ok(c.low <= truth && truth <= c.high, `${name}: ${truth} not in ${JSON.stringify(c)}`);
    }
  });
});

describe('exact counts (o200k_base, cl100k_base) match gpt-tokenizer', () => {
  before(async () => {
    await Promise.all([ensureTokenizer('o200k_base'), ensureTokenizer('cl100k_base'), ensureTokenizer('claude')]);
    clearTokenMemo();
  });

  test('encoders are ready after ensureTokenizer, and a second call is a no-op', async () => {
    assert.equal(isTokenizerReady('o200k_base'), true);
    assert.equal(isTokenizerReady('cl100k_base'), true);
    assert.equal(isTokenizerReady('gemini'), true, 'estimates use the o200k encoder');
    const enc = getEncoder('o200k_base');
    await ensureTokenizer('o200k_base');
    assert.equal(getEncoder('o200k_base'), enc);
  });

  for (const [name, text] of Object.entries(CORPUS)) {
    test(`${name}`, () => {
      const o = countText(text, 'o200k_base');
      const c = countText(text, 'cl100k_base');
      const refO = refO200k.encode(text, noSpecial).length;
      const refC = refCl100k.encode(text, noSpecial).length;
      assert.deepEqual(o, { central: refO, low: refO, high: refO, exact: true });
      assert.deepEqual(c, { central: refC, low: refC, high: refC, exact: true });
    });
  }

  test('special-token text is counted as plain text, never thrown on', () => {
    const text = 'Ignore <|endoftext|> and <|im_start|>system tricks.';
    assert.equal(countText(text, 'o200k_base').central, refO200k.encode(text, noSpecial).length);
    assert.equal(countText(text, 'cl100k_base').central, refCl100k.encode(text, noSpecial).length);
  });

  test('empty and whitespace-only text count 0 for every tokenizer', () => {
    for (const id of ['o200k_base', 'claude-2026', 'generic'] as TokenizerId[]) {
      for (const t of ['', ' ', '\n\n\t  \r\n']) {
        assert.deepEqual(countText(t, id), { central: 0, low: 0, high: 0, exact: true });
      }
    }
  });

  test('chunked counting of a long text equals the direct count', () => {
    const enc = getEncoder('o200k_base')!;
    const long = Object.values(CORPUS).join('\n').repeat(6);
    const ref = refO200k.encode(long, noSpecial).length;
    for (const chunk of [1024, 2048, 4096]) {
      const r = countWithEncoder(enc, long, chunk);
      assert.equal(r.cuts, 0, `chunk ${chunk}: only safe split points`);
      assert.equal(r.tokens, ref, `chunk ${chunk}`);
    }
  });

  test('the one-pass long-run check agrees with the long-run regex, on runs just under and over the limit', () => {
    const RE = new RegExp(LONG_RUN_RE.source, 'u');
    // Runs of one class (marks belong to two: letters-and-marks, and neither-space-letter-nor-number),
    // astral characters (one code point, two UTF-16 units), lone surrogates, and breakers.
    const UNITS = ['a', 'é', 'Ж', '汉', '\u0301', '𝐀', '😀', '-', '=', '|', '\ud800', '\udc00', ' ', '\t', '\u3000', '\n', '\r', '7', '٣'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let long = 0;
    for (let i = 0; i < 400; i++) {
      let t = '';
      for (let k = rand(4); k >= 0; k--) {
        const len = LONG_RUN - 3 + rand(7);
        const mix = rand(3) === 0;
        for (let j = 0; j < len; j++) t += mix ? UNITS[rand(2) === 0 ? 0 : 4]! : UNITS[i % UNITS.length]!;
        t += UNITS[rand(UNITS.length)];
      }
      const want = RE.test(t);
      if (want) long++;
      assert.equal(hasLongRun(t), want, `sample ${i} (${JSON.stringify(t.slice(0, 12))}…, ${t.length} units)`);
    }
    assert.ok(long > 50 && long < 350, `both answers occur: ${long} of 400 hold a long run`);
    assert.equal(hasLongRun('a'.repeat(LONG_RUN - 1)), false);
    assert.equal(hasLongRun('a'.repeat(LONG_RUN)), true);
    assert.equal(hasLongRun('😀'.repeat(LONG_RUN - 1)), false, 'code points, not UTF-16 units');
    assert.equal(hasLongRun('a\u0301'.repeat(LONG_RUN / 2)), true, 'marks continue a run of letters');
  });

  test('a pathological single run stays bounded and is reported as an estimate containing the truth', () => {
    const run = 'ab'.repeat(600); // one 1,200-letter pre-tokenizer piece
    const c = countText(`x = "${run}"`, 'o200k_base');
    const truth = refO200k.encode(`x = "${run}"`, noSpecial).length;
    assert.equal(c.exact, false);
    assertRange(c, 'long run');
    assert.ok(c.low <= truth && truth <= c.high, `${truth} in ${JSON.stringify(c)}`);
  });

  test('a text over 1 MB is counted (in chunks) exactly', () => {
    const big = (MIXED + '\n' + PY + '\n' + PROSE + '\n').repeat(Math.ceil(1_100_000 / (MIXED.length + PY.length + PROSE.length + 3)));
    assert.ok(big.length > 1_000_000);
    const c = countText(big, 'o200k_base');
    const one = refO200k.encode(MIXED + '\n' + PY + '\n' + PROSE + '\n', noSpecial).length;
    assert.equal(c.exact, true);
    // The repeated unit ends in "\n" and starts with "#": repeats tokenise independently.
    const reps = big.length / (MIXED.length + PY.length + PROSE.length + 3);
    assert.equal(c.central, one * reps);
  });
});

describe("the typed-array rank table answers exactly as js-tiktoken's rank Map", () => {
  type Ranks = { pat_str: string; special_tokens: Record<string, number>; bpe_ranks: string };
  type StockEncoder = { rankMap: Map<string, number> };

  async function stockTiktoken(): Promise<new (ranks: Ranks) => unknown> {
    const lite = (await import('js-tiktoken/lite')) as unknown as { Tiktoken: new (ranks: Ranks) => unknown };
    return lite.Tiktoken;
  }

  async function loadRanks(name: 'o200k_base' | 'cl100k_base'): Promise<Ranks> {
    const mod = (name === 'o200k_base'
      ? await import('js-tiktoken/ranks/o200k_base')
      : await import('js-tiktoken/ranks/cl100k_base')) as unknown as { default?: Ranks } & Ranks;
    return mod.default ?? mod;
  }

  // Strings js-tiktoken never builds from a token, or builds only from longer pieces.
  const NON_KEYS = [
    '', '256', '1000', '1,2,3,4,5,6,7,8,9,10,11,12', 'abc', '104,', ',104', '104,,101', '01', '0104',
    '104,0101', ' 104', '104 ', '-1', '1e2', '104.0', '104,101,108,108,111,256', ','.repeat(3),
    Array.from({ length: 200 }, () => '32').join(','), // longer than any token
  ];

  for (const name of ['o200k_base', 'cl100k_base'] as const) {
    test(`${name}: every key of the stock rankMap has the same rank, and non-keys have none`, async () => {
      const ranks = await loadRanks(name);
      const Tiktoken = await stockTiktoken();
      const stock = (new Tiktoken(ranks) as StockEncoder).rankMap;
      const table = await buildRankTable(ranks.bpe_ranks);
      assert.ok(table);
      assert.equal(table.size, stock.size);
      const wrong: string[] = [];
      for (const [key, rank] of stock) {
        const got = table.get(key);
        if (got !== rank && wrong.push(`${key}: ${got} instead of ${rank}`) >= 5) break;
      }
      assert.deepEqual(wrong, []);
      for (const key of NON_KEYS) {
        assert.equal(stock.get(key), undefined, `${JSON.stringify(key)} is a key after all`);
        assert.equal(table.get(key), undefined, JSON.stringify(key));
      }
    });
  }

  test('small hand-made tables: several lines, and repeated bytes keep the later rank, as in the stock Map', async () => {
    const Tiktoken = await stockTiktoken();
    // An empty line is skipped; 'YQ==' ("a", 97) comes again at rank 20; 'YR==' is also "a".
    for (const bpe of ['! 0 YQ== Yg==\n! 10 Yw== aGk= aGVsbG8=\n\n! 20 YQ==', '! 0 YQ== YR== Yg==']) {
      const stock = (new Tiktoken({ pat_str: '\\S+', special_tokens: {}, bpe_ranks: bpe }) as StockEncoder).rankMap;
      const table = await buildRankTable(bpe);
      assert.ok(table);
      assert.equal(table.size, stock.size, bpe);
      for (const [key, rank] of stock) assert.equal(table.get(key), rank, `${bpe}: ${key}`);
    }
    const table = await buildRankTable('! 0 YQ== Yg==\n! 10 Yw== aGk= aGVsbG8=\n\n! 20 YQ==');
    assert.equal(table?.get('97'), 20);
    assert.equal(table?.get('104,105'), 11);
    assert.equal(table?.get('104,101,108,108,111'), 12);
    assert.equal(table?.get('104,101'), undefined);
  });

  test('a table with a rank that is not a 32-bit integer is refused (the stock constructor is used then)', async () => {
    assert.equal(await buildRankTable('! x YQ=='), null);
    assert.equal(await buildRankTable('! 4294967296 YQ=='), null);
  });

  test("counting with the table gives js-tiktoken's own encode length on random and real text", async () => {
    // Characters that exercise every branch of the pre-tokenizers and of UTF-8: contractions,
    // letter cases, digits (groups of 1–3), punctuation runs, every kind of whitespace and line
    // break, 2-, 3- and 4-byte characters, combining marks, emoji sequences, lone surrogates
    // (TextEncoder writes U+FFFD), and special-token text (counted as plain text).
    const POOL = [
      'a', 'b', 'Z', 'Q', 'é', 'Ü', 'ß', 'ñ', '0', '7', '42', '123', "'", "'s", "'LL", "'re", "'T", '.', ',', '!', '?', '-', '_', '/',
      '(', ')', '{', '}', '"', '\\', ' ', '  ', '\t', '\n', '\r\n', '\n\n', '\u00a0', '\u3000', '汉', '字', 'の', 'ー', '한',
      'ы', 'Ж', 'ع', 'ا', '\u0301', '\u0308', '😀', '👍🏽', '👩\u200d👩\u200d👧', '🇫🇷', '\ud800', '\udc00', '\ufffd', '\u0000',
      '<|endoftext|>', '<|im_start|>', 'the', ' the', 'The', 'ing', 'tion', 'http', '://', '==', '=>', '...', '$', '€', '%',
    ];
    let seed = 20261127;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const samples: string[] = [...Object.values(CORPUS)];
    for (let i = 0; i < 1500; i++) {
      let t = '';
      const parts = rand(60);
      for (let k = 0; k < parts; k++) t += POOL[rand(POOL.length)];
      samples.push(t);
    }
    await Promise.all([ensureTokenizer('o200k_base'), ensureTokenizer('cl100k_base')]);
    const Tiktoken = await stockTiktoken();
    for (const name of ['o200k_base', 'cl100k_base'] as const) {
      const stock = new Tiktoken(await loadRanks(name)) as unknown as { encode(text: string, allowed: string[], disallowed: string[]): number[] };
      const ours = getEncoder(name)!;
      const wrong: string[] = [];
      for (const t of samples) {
        const want = stock.encode(t, [], []).length;
        const got = countWithEncoder(ours, t);
        if ((got.tokens !== want || got.cuts !== 0) && wrong.push(`${JSON.stringify(t)}: ${got.tokens} instead of ${want}`) >= 5) break;
      }
      assert.deepEqual(wrong, [], name);
    }
  });

  test('the loaded encoders use it', async () => {
    await Promise.all([ensureTokenizer('o200k_base'), ensureTokenizer('cl100k_base')]);
    for (const name of ['o200k_base', 'cl100k_base'] as const) {
      const enc = getEncoder(name) as unknown as { rankMap: unknown } | null;
      assert.ok(enc?.rankMap instanceof TokenRankTable, name);
    }
  });
});

describe('estimates', () => {
  before(async () => {
    await ensureTokenizer('claude');
  });

  test('content classes are detected', () => {
    assert.equal(classifyText(PROSE), 'prose');
    assert.equal(classifyText(PY), 'code');
    assert.equal(classifyText(TS), 'code');
    assert.equal(classifyText(ZH), 'cjk');
    assert.equal(classifyText(JA), 'cjk');
    assert.equal(classifyText(KO), 'cjk');
    assert.ok(profileText(MIXED).codeScore < profileText(TS).codeScore);
  });

  test('every estimate is a labelled range around its central value', () => {
    for (const id of ['claude', 'claude-2026', 'gemini', 'deepseek', 'generic'] as TokenizerId[]) {
      for (const [name, text] of Object.entries(CORPUS)) {
        const c = countText(text, id);
        assert.equal(c.exact, false, `${id} ${name}`);
        assertRange(c, `${id} ${name}`);
        assert.ok(c.high > c.low, `${id} ${name} shows a real range`);
      }
    }
  });

  test('Claude counts more than o200k on English prose and code; the 4.7+ tokenizer more than 4.6 on prose', () => {
    for (const text of [PROSE, PY, TS]) {
      const o = countText(text, 'o200k_base').central;
      assert.ok(countText(text, 'claude').central > o);
    }
    const prose = PROSE.repeat(5);
    const c46 = countText(prose, 'claude');
    const c47 = countText(prose, 'claude-2026');
    assert.ok(c47.central >= c46.central);
    assert.ok(c47.central / c46.central > 1.3, 'English prose ≈1.45× on the new tokenizer');
    // Code inflates less than prose on the new tokenizer.
    const code = PY.repeat(3);
    const codeRatio = countText(code, 'claude-2026').central / countText(code, 'claude').central;
    assert.ok(codeRatio < c47.central / c46.central);
    assert.ok(codeRatio > 1.05);
  });

  test('CJK: the 4.7+ tokenizer ratio to 4.6 is ≈ 1', () => {
    const zh = ZH.repeat(6);
    const r = countText(zh, 'claude-2026').central / countText(zh, 'claude').central;
    assert.ok(Math.abs(r - 1) < 0.03, `ratio ${r}`);
  });

  test('Gemini is ≈ o200k × 1.08 on English prose', () => {
    const prose = PROSE.repeat(10);
    const r = countText(prose, 'gemini').central / countText(prose, 'o200k_base').central;
    assert.ok(r > 1.04 && r < 1.12, `ratio ${r}`);
  });

  test('unknown tokenizer ids are treated as generic, never thrown on', () => {
    const c = countText(PROSE, 'nonsense' as TokenizerId);
    assert.deepEqual(c, countText(PROSE, 'generic'));
  });
});

describe('prompt framing', () => {
  before(async () => {
    await Promise.all([ensureTokenizer('o200k_base'), ensureTokenizer('cl100k_base')]);
  });

  test('a 2-message OpenAI chat: 3 per message + role + content, + 3 reply priming (= gpt-tokenizer encodeChat)', () => {
    const sys = 'You are a helpful assistant.';
    const user = 'Hello! Summarize this ticket for me, please.';
    const blocks = [block('system', s(sys)), block('user', s(user))];
    for (const [id, ref, model] of [
      ['o200k_base', refO200k, 'gpt-4o'],
      ['cl100k_base', refCl100k, 'gpt-4'],
    ] as const) {
      const r = countPrompt(blocks, id, 'openai-chat');
      const rule =
        3 + ref.encode('system').length + ref.encode(sys).length + 3 + ref.encode('user').length + ref.encode(user).length + 3;
      assert.deepEqual(r.total, { central: rule, low: rule, high: rule, exact: true });
      const chat = ref.encodeChat(
        [
          { role: 'system', content: sys },
          { role: 'user', content: user },
        ],
        model,
      ).length;
      assert.equal(r.total.central, chat);
      assert.equal(r.perBlock.length, 2);
      assert.equal(r.perBlock[0]!.central + r.perBlock[1]!.central + 3, r.total.central);
      assert.equal(r.dynamic, false);
    }
  });

  test('a message name adds its tokens + 1', () => {
    const plain = countPrompt([block('user', s('Hi there'))], 'o200k_base', 'openai-chat').total.central;
    const named = countPrompt([{ ...block('user', s('Hi there')), name: 'alice' }], 'o200k_base', 'openai-chat').total.central;
    assert.equal(named - plain, refO200k.encode('alice').length + 1);
  });

  test('adjacent static segments are counted joined; dynamic holes add their bounds', () => {
    const joined = countPrompt([block('user', s('Sum'), s('marize'))], 'o200k_base', 'plain');
    assert.equal(joined.total.central, refO200k.encode('Summarize').length);
    const holes = countPrompt(
      [
        block(
          'user',
          s('Ticket: '),
          { kind: 'dynamic', expr: 'ticket.body', hint: 'user' },
          s('\nId: '),
          { kind: 'dynamic', expr: 'str(ticket.id)', hint: 'id', minTokens: 1, maxTokens: 4 },
        ),
      ],
      'o200k_base',
      'openai-chat',
    );
    const fixed = 3 + 1 + refO200k.encode('Ticket: ').length + refO200k.encode('\nId: ').length + 3;
    assert.equal(holes.dynamic, true);
    assert.equal(holes.unbounded, true);
    assert.equal(holes.total.low, fixed + 1);
    assert.equal(holes.total.high, fixed + 4);
    assert.equal(holes.total.exact, false);
  });

  test('a bounded-only dynamic prompt is dynamic but not unbounded', () => {
    const r = countPrompt(
      [block('user', s('Id: '), { kind: 'dynamic', expr: 'n', hint: 'id', minTokens: 1, maxTokens: 2 })],
      'o200k_base',
      'plain',
    );
    assert.equal(r.dynamic, true);
    assert.equal(r.unbounded, false);
  });

  test('tool definitions count as their JSON text, with an estimated range', () => {
    const tools = JSON.stringify([{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }]);
    const r = countPrompt([block('tools', s(tools)), block('user', s('Weather in Paris?'))], 'o200k_base', 'openai-chat');
    const json = refO200k.encode(tools).length;
    assert.equal(r.perBlock[0]!.exact, false);
    assert.ok(r.perBlock[0]!.low <= json && json <= r.perBlock[0]!.high);
    const a = countPrompt([block('tools', s(tools)), block('user', s('Weather in Paris?'))], 'claude', 'anthropic');
    assert.ok(a.framing.low >= 159 && a.framing.central >= 346, 'Anthropic adds its tool-use system prompt');
  });

  test('Anthropic and Gemini framing is a small estimated overhead; plain has none', () => {
    const blocks = [block('system', s(PROSE)), block('user', s('Hi')), block('assistant', s('Hello')), block('user', s('Go on'))];
    const plain = countPrompt(blocks, 'claude', 'plain');
    assert.equal(plain.framing.central, 0);
    for (const style of ['anthropic', 'gemini'] as const) {
      const r = countPrompt(blocks, style === 'anthropic' ? 'claude' : 'gemini', style);
      assert.ok(r.framing.high > 0 && r.framing.high <= 40, `${style}: ${JSON.stringify(r.framing)}`);
      assertRange(r.total, style);
      assert.equal(r.total.exact, false);
    }
  });

  test('framing style follows the SDK, the API and the billing provider', () => {
    assert.equal(framingStyleFor({ sdk: 'openai', api: 'chat.completions.create', provider: 'deepseek' }), 'openai-chat');
    assert.equal(framingStyleFor({ sdk: 'openai', api: 'responses.create', provider: 'openai' }), 'openai-responses');
    assert.equal(framingStyleFor({ sdk: 'openai', api: 'completions.create', provider: 'openai' }), 'plain');
    assert.equal(framingStyleFor({ sdk: 'anthropic', api: 'messages.create', provider: 'bedrock' }), 'anthropic');
    assert.equal(framingStyleFor({ sdk: 'google-genai', api: 'models.generate_content', provider: 'google' }), 'gemini');
    assert.equal(framingStyleFor({ sdk: 'vercel-ai', api: 'generateText', provider: 'anthropic' }), 'anthropic');
    assert.equal(framingStyleFor({ sdk: 'litellm', api: 'completion', provider: 'groq' }), 'openai-chat');
    assert.equal(countMessagesFraming(2), 9);
    assert.equal(countMessagesFraming(0), 0);
  });

  test('bad input never throws', () => {
    const bad = [null, { role: 'user' }, { role: 'user', value: { segments: [null, { kind: 'static' }] } }] as unknown as PromptBlock[];
    const r = countPrompt(bad, 'o200k_base', 'openai-chat');
    assert.equal(r.perBlock.length, 3);
    assertRange(r.total, 'bad');
  });
});

describe('memo', () => {
  before(async () => {
    await ensureTokenizer('o200k_base');
  });

  test('returns identical results and records hits', () => {
    clearTokenMemo();
    const a = countText(MIXED, 'claude-2026');
    const before = tokenMemoStats().hits;
    const b = countText(MIXED, 'claude-2026');
    assert.deepEqual(a, b);
    assert.ok(tokenMemoStats().hits > before);
    // Returned objects are copies: mutating one does not poison the memo.
    b.central = -1;
    assert.deepEqual(countText(MIXED, 'claude-2026'), a);
  });

  test('stays bounded by entries and by characters', () => {
    configureTokenMemo({ maxEntries: 50, maxTotalChars: 3000, maxTextChars: 1000 });
    try {
      for (let i = 0; i < 400; i++) countText(`Prompt number ${i}: ${PROSE.slice(0, i % 150)}`, 'o200k_base');
      let st = tokenMemoStats();
      assert.ok(st.entries <= 50, `entries ${st.entries}`);
      assert.ok(st.chars <= 3000, `chars ${st.chars}`);
      countText(PY.repeat(20), 'o200k_base'); // longer than maxTextChars: counted, not memoised
      st = tokenMemoStats();
      assert.ok(st.chars <= 3000);
    } finally {
      configureTokenMemo({});
    }
  });

  test('LRU keeps recently used entries', () => {
    const m = new TokenMemo<number>({ maxEntries: 2 });
    m.set('a', 'x', 1);
    m.set('b', 'x', 2);
    assert.equal(m.get('a', 'x'), 1); // a is now most recent
    m.set('c', 'x', 3);
    assert.equal(m.get('b', 'x'), undefined);
    assert.equal(m.get('a', 'x'), 1);
    assert.equal(m.get('a', 'y'), undefined, 'namespaces are separate');
  });

  test('hash53 distinguishes near-identical strings', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) seen.add(hash53(`${PROSE}${i}`));
    assert.equal(seen.size, 5000);
    assert.equal(hash53('abc'), hash53('abc'));
  });
});
