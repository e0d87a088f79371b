import type { Span } from '../types';

/** 1-based line and UTF-16 column, as in the JSON report and VS Code (which is 0-based; adapters subtract 1). */
export interface LineCol {
  line: number;
  column: number;
}

/**
 * Maps UTF-16 offsets to 1-based line/column and back. Lines end at \n (a preceding \r belongs to
 * the line end). An index rebuilt with `{ starts, length }` (the CLI's cache) maps positions only: it
 * holds no text, and `text` and `lineText` throw.
 */
export class LineIndex {
  private readonly starts: number[];
  private readonly source: string | null;
  /** Length of the text in UTF-16 code units. */
  readonly length: number;

  /** Index `text`; or, from `{ starts, length }` (`lineStarts()` and the length of a text not at hand), positions only. */
  constructor(text: string | { starts: readonly number[]; length: number }) {
    if (typeof text !== 'string') {
      this.starts = text.starts.length > 0 ? [...text.starts] : [0];
      this.source = null;
      this.length = text.length;
      return;
    }
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    this.source = text;
    this.length = text.length;
  }

  /** The text indexed. Throws for an index built from line starts. */
  get text(): string {
    if (this.source === null) throw new Error('this line index was rebuilt from line starts and holds no text');
    return this.source;
  }

  /** Offset of the start of every line (line 0 starts at 0). */
  lineStarts(): readonly number[] {
    return this.starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset of the start of a 0-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** Text of a 0-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const text = this.text;
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : text.length;
    return text.slice(start, next).replace(/\r?\n$/, '');
  }

  toLineCol(offset: number): LineCol {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const line = this.lineOf(clamped);
    return { line: line + 1, column: clamped - this.starts[line]! + 1 };
  }

  toOffset(pos: LineCol): number {
    const start = this.lineStart(pos.line - 1);
    return Math.min(start + pos.column - 1, this.length);
  }

  toRange(span: Span): { start: LineCol; end: LineCol } {
    return { start: this.toLineCol(span.start), end: this.toLineCol(span.end) };
  }
}
