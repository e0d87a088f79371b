import type { WorkspaceFs } from '../../src/core/types';

/** An in-memory WorkspaceFs: files keyed by absolute '/' path; everything else reads as null. */
export class MemFs implements WorkspaceFs {
  readonly reads: string[] = [];
  constructor(private readonly files: Record<string, string> = {}) {}
  set(path: string, text: string): void {
    this.files[path] = text;
  }
  readText(absPath: string): string | null {
    this.reads.push(absPath);
    return Object.prototype.hasOwnProperty.call(this.files, absPath) ? this.files[absPath]! : null;
  }
}
