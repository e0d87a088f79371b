import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

export const openai = new OpenAI();
export const claude = new Anthropic();

// Cheap bulk work goes to DeepSeek through its OpenAI-compatible endpoint.
export const deepseek = new OpenAI({
  baseURL: 'https://api.deepseek.com',
  apiKey: process.env.DEEPSEEK_API_KEY,
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
