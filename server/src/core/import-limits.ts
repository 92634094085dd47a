/**
 * Every limit on reading an imported spreadsheet or CSV, in one place (decision 013). They
 * bound the work a single upload can cause, whatever it claims about itself: a reader
 * counts what the file really holds while it reads, and stops the moment a count passes
 * its limit. This module imports nothing from the app, so the parse worker can use it.
 */

const MB = 1024 * 1024;

/** What the readers count, and where they stop. */
export type ReadLimits = {
  /** Data rows holding a value (the header row not counted). */
  maxRows: number;
  /** Columns holding a value somewhere in the sheet (a CSV: fields of a record). */
  maxColumns: number;
  /** Cells holding a value (a CSV: fields written). */
  maxCells: number;
  /** Bytes inflated from the parts of an XLSX that are read, and characters of text taken from its shared strings. */
  maxInflatedBytes: number;
};

export const READ_LIMITS = {
  maxColumns: 100,
  maxCells: 1_000_000,
  maxInflatedBytes: 50 * MB,
} as const;

/** Each import: the upload's size (413 beyond, before anything is read) and its data rows. */
export const IMPORT_LIMITS = {
  /** Diaspora survey (XLSX or CSV), with a mapping screen. */
  survey: { maxUploadBytes: 10 * MB, maxRows: 20_000 },
  /** Attendance sheet of an activity (XLSX or CSV). */
  attendance: { maxUploadBytes: 5 * MB, maxRows: 5_000 },
  /** Expenditure ledger (CSV). */
  ledger: { maxUploadBytes: 2 * MB, maxRows: 5_000 },
} as const;

/** The parse worker: its heap, how long one file may take, how many run and wait at once. */
export const PARSE_WORKER = {
  /** Old-generation heap of a worker; past it the worker dies and the upload is refused (413). */
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  /** Wall-clock time for one file, then the worker is ended (413). */
  timeoutMs: 20_000,
  /** Files read at the same time (one worker each). */
  concurrent: 2,
  /** Files waiting for a worker; one more is answered 429. */
  queued: 8,
  /** An idle worker is kept this long for the next file, then ended. */
  idleMs: 30_000,
} as const;

/** Why a file was not read: a limit passed (413) or a file that is not a readable table (400). */
export type ReadFailure =
  | { reason: 'too_many_rows'; max: number }
  | { reason: 'too_many_columns'; max: number }
  | { reason: 'too_many_cells'; max: number }
  | { reason: 'inflated_too_large'; maxBytes: number }
  | { reason: 'unreadable_spreadsheet' }
  | { reason: 'not_table' }
  | { reason: 'unclosed_quote' }
  | { reason: 'empty' }
  | { reason: 'duplicate_header'; header: string };

/** Thrown by the readers; the worker sends its failure back as data. */
export class ReadFailureError extends Error {
  constructor(readonly failure: ReadFailure) {
    super(failure.reason);
  }
}

export const fail = (failure: ReadFailure): never => {
  throw new ReadFailureError(failure);
};
