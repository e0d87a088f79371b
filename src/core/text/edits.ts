/** Edits that add an entry at a front end's InsertPoint — shared by the SDK recognizers and the rules. */
import type { InsertPoint, Language, TextEdit } from '../types';

/** Text that adds `name=value` (kwarg), `"name": value` (dict, or any Python object) or `name: value` (JS property). */
export function entryText(insert: InsertPoint, name: string, value: string, language: Language): string {
  const body =
    insert.style === 'kwarg' ? `${name}=${value}` : insert.style === 'dict' || (language === 'python' && insert.style !== 'property') ? `"${name}": ${value}` : `${name}: ${value}`;
  return insert.prefix + body + insert.suffix;
}

export function insertAt(insert: InsertPoint, text: string): TextEdit {
  return { span: { start: insert.offset, end: insert.offset }, newText: text };
}

/** `{"type": "ephemeral"}` in Python and in dict/kwarg syntax, `{ type: 'ephemeral' }` in a JS object. */
export function ephemeralCacheValue(insert: InsertPoint, language: Language): string {
  return language === 'python' || insert.style !== 'property' ? '{"type": "ephemeral"}' : "{ type: 'ephemeral' }";
}
