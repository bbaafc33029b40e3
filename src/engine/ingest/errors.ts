import type { Source } from './types';

/**
 * A file that cannot be analysed as it stands. The message names the file, what
 * is missing and what to do; `source` is set when the file was read and only the
 * column settings need a decision, so the UI can offer them.
 */
export class IngestError extends Error {
  readonly fileName: string;
  /** What is wrong, without the file name (e.g. "the file is empty"). */
  readonly problem: string;
  readonly hint: string;
  readonly source: Source | null;

  constructor(fileName: string, problem: string, hint: string, source: Source | null = null) {
    super(`${fileName}: ${problem}. ${hint}`);
    this.name = 'IngestError';
    this.fileName = fileName;
    this.problem = problem;
    this.hint = hint;
    this.source = source;
  }
}
