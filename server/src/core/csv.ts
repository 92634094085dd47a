import { fail, type ReadLimits } from './import-limits';

/** One record of a CSV file: its fields as written (not trimmed), and the line it starts on. */
export type CsvRecord = { fields: string[]; line: number };
/** Why reading stopped: a quote never closed, or (strictQuotes) text after a closing quote. */
export type CsvError = { line: number; reason: 'unclosed_quote' | 'text_after_quote'; message: string };
export type CsvParse = { records: CsvRecord[]; error: CsvError | null };

export type CsvOptions = {
  /** The delimiters to choose from: the one found most often on the header line wins, the earlier one a tie. */
  delimiters?: readonly string[];
  /**
   * Text after a closing quote ("ab"c): an error, or kept as part of the field, as
   * spreadsheets read it.
   */
  strictQuotes?: boolean;
  /**
   * Counted while reading, and reading stops (ReadFailureError) the moment one is passed:
   * records holding a value beyond the header (maxRows), fields of one record
   * (maxColumns), fields in all (maxCells). Without limits, everything is read.
   */
  limits?: Pick<ReadLimits, 'maxRows' | 'maxColumns' | 'maxCells'>;
};

/** Comma, semicolon (spreadsheets in Russian locales, or set to a decimal comma) or tab. */
const DELIMITERS = [',', ';', '\t'] as const;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** The delimiter a CSV most likely uses, judged from its first line outside quotes. */
function detectDelimiter(text: string, delimiters: readonly string[]): string {
  const counts = new Map<string, number>(delimiters.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) quoted = !quoted;
    else if (!quoted && (code === LF || code === CR)) break;
    else if (!quoted) {
      const ch = text[i] as string;
      const count = counts.get(ch);
      if (count !== undefined) counts.set(ch, count + 1);
    }
  }
  // Map order is the order given, so on a tie the earlier delimiter stays.
  let best = delimiters[0] ?? ',';
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

/**
 * Reads CSV (RFC 4180: quoted fields with "" for a quote and delimiters and line breaks
 * inside, CR LF, LF or CR line ends) with the delimiter guessed from the header line. A
 * UTF-8 byte-order mark is dropped. Every record is kept, blank ones too, with the line
 * it starts on; reading stops at the first error (a quote never closed, or text after a
 * closing quote when strictQuotes), which says its line.
 */
export function parseCsv(input: string, options: CsvOptions = {}): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text, options.delimiters ?? DELIMITERS);
  const delimiterCode = delimiter.charCodeAt(0);
  const limits = options.limits;
  const maxRecords = limits ? limits.maxRows + 1 : Infinity;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedField = false;
  let cells = 0;
  let recordsWithValue = 0;

  const endField = () => {
    fields.push(field);
    field = '';
    quotedField = false;
    if (limits) {
      if (fields.length > limits.maxColumns) fail({ reason: 'too_many_columns', max: limits.maxColumns });
      if (++cells > limits.maxCells) fail({ reason: 'too_many_cells', max: limits.maxCells });
    }
  };
  const endRecord = () => {
    endField();
    const record = { fields, line: recordLine };
    if (limits && !isBlankRecord(record) && ++recordsWithValue > maxRecords) fail({ reason: 'too_many_rows', max: limits.maxRows });
    records.push(record);
    fields = [];
  };

  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE && field === '' && !quotedField) {
      // A quoted field: read to the closing quote, a run of text at a time.
      quotedField = true;
      const startLine = line;
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) return { records, error: { line: startLine, reason: 'unclosed_quote', message: 'A quoted field is not closed' } };
        for (let k = i; k < close; k++) {
          const c = text.charCodeAt(k);
          if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) line++;
        }
        field += text.slice(i, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          field += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      continue;
    }
    if (ch === delimiterCode) {
      endField();
      i++;
      continue;
    }
    if (ch === CR || ch === LF) {
      endRecord();
      i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (quotedField && options.strictQuotes)
      return { records, error: { line, reason: 'text_after_quote', message: 'Unexpected text after a closing quote' } };
    // Plain text up to the next delimiter or line end; a quote inside it is text.
    let end = i + 1;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === delimiterCode || c === CR || c === LF) break;
      end++;
    }
    field += text.slice(i, end);
    i = end;
  }
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return { records, error: null };
}

/** A record with every field empty (a blank line, or a row of empty cells). */
export function isBlankRecord(r: CsvRecord): boolean {
  return r.fields.every((f) => f.trim() === '');
}
