// The fixture workspace has no node_modules: a minimal declaration keeps the TypeScript server
// quiet about the SDK import, so the only squiggles are the extension's.
declare module 'openai' {
  export default class OpenAI {
    constructor(options?: Record<string, unknown>);
    chat: { completions: { create(body: Record<string, unknown>): Promise<unknown> } };
  }
}
