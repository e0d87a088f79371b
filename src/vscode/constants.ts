/** Public identifiers shared by the editor features. */
export const SOURCE = 'prompt-cost';
export const REPOSITORY_URL = 'https://github.com/prompt-cost-lint/prompt-cost-lint';

/** The docs page of a rule on the repository (the diagnostic code target). */
export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${encodeURIComponent(ruleId)}.md`;
}

/** VS Code language ids the extension analyses (package.json activation events match). */
export const LANGUAGE_IDS = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

/** URI schemes of documents that are analysed (diff views and other virtual copies are not). */
export const SCHEMES = ['file', 'untitled', 'vscode-notebook-cell'] as const;

/** Document selector for providers. */
export const SELECTOR = LANGUAGE_IDS.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));
