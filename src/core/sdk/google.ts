/**
 * Google Gen AI SDKs: the current one (`google.genai` / `@google/genai`:
 * `client.models.generate_content|generateContent`, `*_stream`, `client.aio.models.*`) and the
 * older one (`google.generativeai` / `@google/generative-ai`: `GenerativeModel(...).generate_content`).
 */
import type { Candidate, CallArgs, CallSite, ObjVal, PromptBlock, Val } from '../types';
import { asObj, callArgsOf, named, toPrompt } from './values';
import { baseSite, capArg, contentBlocks, messageBlocks, modelArg, shapeOf, unmistakableModel, type RecognizeContext } from './common';

const NEW_API = /^(aio\.)?models\.(generate_content|generate_content_stream|generateContent|generateContentStream|count_tokens|countTokens)$/;
const OLD_API = /^(generate_content|generate_content_async|generateContent|generateContentStream|count_tokens|countTokens)$/;
/** A chat session's send: `chats.create.().send_message` (new SDK), `start_chat.().send_message` (old Python SDK). */
const CHAT_API = /^(?:aio\.)?(chats\.create|start_chat)\.\(\)\.(send_message|send_message_stream|send_message_async|sendMessage|sendMessageStream)$/;

function fullClient(c: Candidate): string {
  const shape = shapeOf(c);
  return [shape.module ?? '', shape.client].filter(Boolean).join('.');
}

export function recognizeGoogle(c: Candidate, ctx: RecognizeContext): CallSite | null {
  const shape = shapeOf(c);
  if (shape.origin === 'local') return null;
  const client = fullClient(c);
  if (NEW_API.test(shape.api)) {
    if (shape.origin === 'import') {
      if (!/^(google\.genai\.Client|@google\/genai\.GoogleGenAI|google\.genai\.client\.Client)$/.test(client) || !shape.constructed) return null;
    } else if (!unmistakableModel(named(c.args, 'model'), ctx, ['google'])) return null;
    return newSdk(c, ctx, shape.api);
  }
  if (shape.origin !== 'import') return null;
  // Chat sessions: every send_message/sendMessage is one request (history + message).
  // new SDK: client.chats.create(model=…, config=…).send_message(…), ai.chats.create({ model, config }).sendMessage({ message })
  // A session typed by the SDK's own class (`chat: Chat` from @google/genai, `google.genai.chats.Chat`),
  // created elsewhere: a request of the new SDK whose model and config we cannot see.
  const typedSession = /^(send_message|send_message_stream|send_message_async|sendMessage|sendMessageStream)$/.exec(shape.api);
  if (typedSession && shape.constructed && /^(@google\/genai|google\.genai(\.chats)?)\.(Chat|AsyncChat)$/.test(client)) {
    return newChat(c, ctx, undefined, typedSession[1]!);
  }
  const chat = CHAT_API.exec(shape.api);
  if (chat) {
    if (chat[1] === 'chats.create' && /^(google\.genai\.Client|@google\/genai\.GoogleGenAI|google\.genai\.client\.Client)$/.test(client) && shape.constructed) {
      return newChat(c, ctx, callArgsOf(c.callee)[1], chat[2]!);
    }
    // old SDK: genai.GenerativeModel(...).start_chat(...).send_message(...)
    if (chat[1] === 'start_chat' && /^google\.generativeai\.GenerativeModel$/.test(client)) {
      const calls = callArgsOf(c.callee);
      return oldSdk(c, ctx, calls[0], chat[2]!, calls[1]);
    }
    return null;
  }
  // ts: genAI.getGenerativeModel({ … }).startChat({ … }).sendMessage(...)
  const tsChat = /^getGenerativeModel\.\(\)\.startChat\.\(\)\.(sendMessage|sendMessageStream)$/.exec(shape.api);
  if (tsChat && /^@google\/generative-ai\.GoogleGenerativeAI$/.test(client)) {
    const calls = callArgsOf(c.callee);
    return oldSdk(c, ctx, calls[1], tsChat[1]!, calls[2]);
  }
  // py: genai.GenerativeModel(...).generate_content(...)
  if (OLD_API.test(shape.api) && /^google\.generativeai\.GenerativeModel$/.test(client)) return oldSdk(c, ctx, callArgsOf(c.callee)[0], shape.api);
  // ts: new GoogleGenerativeAI(key).getGenerativeModel({ model, … }).generateContent(...)
  const ts = /^getGenerativeModel\.\(\)\.(\w+)$/.exec(shape.api);
  if (ts && OLD_API.test(ts[1]!) && /^@google\/generative-ai\.GoogleGenerativeAI$/.test(client)) {
    return oldSdk(c, ctx, callArgsOf(c.callee)[1], ts[1]!);
  }
  return null;
}

function geminiConfigBlocks(config: ObjVal | undefined, ctx: RecognizeContext): PromptBlock[] {
  const sys = named(config, 'system_instruction', 'systemInstruction');
  if (!sys) return [];
  return contentBlocks(asObj(sys) && named(asObj(sys), 'parts') ? named(asObj(sys), 'parts') : sys, 'system', ctx);
}

function contentsBlocks(contents: Val | undefined, ctx: RecognizeContext): PromptBlock[] {
  if (!contents) return [];
  if (contents.t === 'arr' && contents.items.some((i) => i.t === 'obj' && named(i, 'role', 'parts') !== undefined)) {
    return messageBlocks(contents, ctx);
  }
  if (contents.t === 'arr') return contents.items.map((i) => ({ role: 'user' as const, value: toPrompt(i, ctx.text), span: i.span }));
  return [{ role: 'user', value: toPrompt(contents, ctx.text), span: contents.span }];
}

function newSdk(c: Candidate, ctx: RecognizeContext, rawApi: string): CallSite {
  const api = rawApi.replace(/^aio\./, '').replace('generateContentStream', 'generate_content_stream').replace('generateContent', 'generate_content').replace('countTokens', 'count_tokens');
  const site = baseSite(c, ctx, 'google-genai', 'google', api);
  site.batchAvailable = true;
  Object.assign(site, modelArg(named(c.args, 'model')));
  site.stream = /stream/i.test(api);
  const configArg = named(c.args, 'config');
  const config = asObj(configArg);
  if (!api.startsWith('count_tokens')) {
    site.capParam = ctx.language === 'python' ? 'max_output_tokens' : 'maxOutputTokens';
    site.maxTokens = capArg(config, ['max_output_tokens', 'maxOutputTokens']);
    // A missing cap goes into the config object when there is one in this file; else a new config
    // argument — unless a config is passed that we cannot see into (a parameter): it may hold the
    // cap, and a second `config=` would not even parse.
    if (configArg && !config) site.openArgs = true;
    else {
      site.capInsert = config ? config.insert : c.args.named.insert;
      if (!config) site.capWrap = 'config';
    }
  }
  if (config?.openSpread) site.openArgs = true;
  site.blocks = [...geminiConfigBlocks(config, ctx), ...contentsBlocks(named(c.args, 'contents'), ctx)];
  return site;
}

function oldSdk(c: Candidate, ctx: RecognizeContext, ctor: CallArgs | undefined, rawApi: string, chatArgs?: CallArgs): CallSite {
  const api = rawApi
    .replace('generateContentStream', 'generate_content_stream')
    .replace('generateContent', 'generate_content')
    .replace('countTokens', 'count_tokens')
    .replace('sendMessageStream', 'send_message_stream')
    .replace('sendMessage', 'send_message');
  const site = baseSite(c, ctx, 'google-generativeai', 'google', `GenerativeModel.${api}`);
  site.batchAvailable = false;
  const opts = ctor ? (ctx.language === 'python' ? ctor.named : asObj(ctor.positional[0]) ?? ctor.named) : undefined;
  const modelVal = named(opts, 'model_name', 'model') ?? (ctx.language === 'python' ? ctor?.positional[0] : undefined);
  Object.assign(site, modelArg(modelVal));
  const gen = asObj(named(opts, 'generation_config', 'generationConfig'));
  const callGen = asObj(named(c.args, 'generation_config', 'generationConfig'));
  site.capParam = ctx.language === 'python' ? 'max_output_tokens' : 'maxOutputTokens';
  site.maxTokens = capArg(callGen, ['max_output_tokens', 'maxOutputTokens']) ?? capArg(gen, ['max_output_tokens', 'maxOutputTokens']);
  site.capInsert = gen?.insert;
  site.stream = named(c.args, 'stream')?.t === 'bool' || /stream/i.test(api);
  if (opts?.openSpread) site.openArgs = true;
  const sys = named(opts, 'system_instruction', 'systemInstruction');
  site.blocks = [
    ...(sys ? [{ role: 'system' as const, value: toPrompt(sys, ctx.text), span: sys.span }] : []),
    ...(chatArgs ? historyBlocks(chatArgs, ctx) : []),
    ...contentsBlocks(c.args.positional[0] ?? named(c.args, 'contents', 'content'), ctx),
  ];
  return site;
}

/** A chat's history so far: the literal `history` it was started with, then what the session adds at run time. */
function historyBlocks(chatArgs: CallArgs, ctx: RecognizeContext): PromptBlock[] {
  const opts = ctx.language === 'python' ? chatArgs.named : asObj(chatArgs.positional[0]) ?? chatArgs.named;
  const history = named(opts, 'history');
  const blocks = history ? messageBlocks(history, ctx) : [];
  blocks.push({ role: 'user', value: { segments: [{ kind: 'dynamic', expr: 'earlier turns of this chat session', hint: 'unknown' }] } });
  return blocks;
}

/** New SDK chat session: model and config come from `chats.create(...)`, the turn from `send_message(...)`. */
function newChat(c: Candidate, ctx: RecognizeContext, create: CallArgs | undefined, rawApi: string): CallSite {
  const api = `chats.${rawApi.replace('sendMessageStream', 'send_message_stream').replace('sendMessage', 'send_message')}`;
  const site = baseSite(c, ctx, 'google-genai', 'google', api);
  site.batchAvailable = false;
  const opts = create ? (ctx.language === 'python' ? create.named : asObj(create.positional[0]) ?? create.named) : undefined;
  Object.assign(site, modelArg(named(opts, 'model')));
  site.stream = /stream/i.test(api);
  const config = asObj(named(opts, 'config'));
  site.capParam = ctx.language === 'python' ? 'max_output_tokens' : 'maxOutputTokens';
  site.maxTokens = capArg(config, ['max_output_tokens', 'maxOutputTokens']);
  site.capInsert = config?.insert;
  if (config?.openSpread || opts?.openSpread) site.openArgs = true;
  // py: chat.send_message("text" | [parts]); ts: chat.sendMessage({ message })
  const turn = ctx.language === 'python' ? c.args.positional[0] ?? named(c.args, 'message') : named(asObj(c.args.positional[0]), 'message') ?? c.args.positional[0];
  site.blocks = [...geminiConfigBlocks(config, ctx), ...(create ? historyBlocks(create, ctx) : []), ...contentsBlocks(turn, ctx)];
  return site;
}
