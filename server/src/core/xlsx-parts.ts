/** The XML parts of an XLSX package: each parsed as it is inflated, and the relationships that link them. */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ReadFailureError } from './import-limits';
import { inflateEntry, measureEntries, unreadable, type InflateBudget, type ZipEntry } from './zip-archive';

export type XmlHandlers = {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

/** The name without its namespace prefix: writers use `x:c` as well as `c`. */
export const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Parses one part's XML as it is inflated (measureEntries has counted it before). A part
 * that is not well-formed XML, or that declares a document type (entities are never
 * expanded), is an unreadable file; a limit passed inside a handler stops reading with
 * its own failure.
 */
export async function parseEntry(data: Buffer, entry: ZipEntry, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: false, xmlns: false });
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag: SaxesTagPlain) => open(localName(tag.name), tag.attributes));
  if (close) parser.on('closetag', (tag: SaxesTagPlain) => close(localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('doctype', () => unreadable());
  const guard = (step: () => void) => {
    try {
      step();
    } catch (error) {
      throw error instanceof ReadFailureError ? error : new ReadFailureError({ reason: 'unreadable_spreadsheet' });
    }
  };
  const decoder = new StringDecoder('utf8');
  await inflateEntry(data, entry, (bytes) => {
    const text = decoder.write(bytes);
    if (text) guard(() => parser.write(text));
  });
  const rest = decoder.end();
  guard(() => {
    if (rest) parser.write(rest);
    parser.close();
  });
}

/** The relationships a part declares (its `_rels` file); none when there is no such file. */
export const relationshipsOf = async (data: Buffer, entries: Map<string, ZipEntry>, path: string, budget: InflateBudget) => {
  const relationships: { id: string; type: string; target: string }[] = [];
  const entry = entries.get(path);
  if (!entry) return relationships;
  await measureEntries(data, [entry], budget);
  await parseEntry(data, entry, {
    open: (name, a) => {
      if (name === 'Relationship') relationships.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '' });
    },
  });
  return relationships;
};

/** A relationship target as a path in the ZIP: absolute from the root, or relative to the part's folder. */
export function resolvePath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${folder}${target}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** A relationship type names its kind last: …/officeDocument, …/worksheet. */
export const endsWithType = (type: string, kind: string) => type.endsWith(`/${kind}`);
