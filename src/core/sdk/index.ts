/** The SDK recognizers, one per family; the first that recognizes a candidate wins. */
import type { Candidate, CallSite } from '../types';
import type { RecognizeContext, Recognizer } from './common';
import { recognizeAnthropic } from './anthropic';
import { recognizeOpenAI } from './openai';
import { recognizeGoogle } from './google';
import { recognizeVercel } from './vercel';
import { recognizeLangChain } from './langchain';
import { recognizeLiteLLM } from './litellm';

export type { RecognizeContext } from './common';

export const recognizers: Recognizer[] = [recognizeAnthropic, recognizeOpenAI, recognizeGoogle, recognizeVercel, recognizeLangChain, recognizeLiteLLM];

export function recognize(c: Candidate, ctx: RecognizeContext): CallSite | null {
  for (const r of recognizers) {
    const site = r(c, ctx);
    if (site) return site;
  }
  return null;
}
