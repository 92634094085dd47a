import { SaxesParser } from 'saxes';
import { issue, type Issue } from '@shared/issues';
import { AppError, refused } from '../../core/errors';
import { createTurns } from './turns';

// Characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; U+FFFE/FFFF; lone surrogates).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content, escaped: & < > (and characters XML cannot hold dropped). */
export function escapeText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value, escaped for double quotes; tabs and line breaks as references so they survive normalisation. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Writes XML as text, escaping every attribute and text node; elements nest through callbacks. */
export class XmlWriter {
  private parts: string[] = [];
  private depth = 0;

  private attrs(a: Attrs): string {
    return Object.entries(a)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
      .join('');
  }

  private indent() {
    return '  '.repeat(this.depth);
  }

  /** An element; children come from `body` (a function) or text (a string). */
  el(name: string, attrs: Attrs = {}, body?: string | (() => void)): this {
    if (body === undefined) {
      this.parts.push(`${this.indent()}<${name}${this.attrs(attrs)}/>\n`);
    } else if (typeof body === 'string') {
      this.parts.push(`${this.indent()}<${name}${this.attrs(attrs)}>${escapeText(body)}</${name}>\n`);
    } else {
      this.parts.push(`${this.indent()}<${name}${this.attrs(attrs)}>\n`);
      this.depth += 1;
      body();
      this.depth -= 1;
      this.parts.push(`${this.indent()}</${name}>\n`);
    }
    return this;
  }

  /** An element holding one narrative (IATI's text container). */
  narrative(name: string, text: string, attrs: Attrs = {}): this {
    return this.el(name, attrs, () => this.el('narrative', {}, text));
  }

  setDepth(depth: number): this {
    this.depth = depth;
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** An element of a parsed document: name, attributes, children and its own text. */
export type XmlNode = { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string };

/**
 * What one document may hold. Every limit bounds the memory and time a file of at most
 * 10 MB can cost: a file of empty elements holds 2.5 million of them, and the tree of
 * each costs far more than its four bytes. A Hamkori export holds one element per 40–50
 * bytes, so a legal 10 MB file stays well under the element limit.
 */
export const XML_LIMITS = {
  elements: 500_000,
  /** IATI nests eight levels below the root at most. */
  depth: 64,
  /** Attributes of one element (IATI's have a handful) and of the whole document. */
  attributesPerElement: 100,
  attributes: 500_000,
  /** Characters of an element or attribute name (IATI's longest are about 25). */
  name: 200,
  /** Characters of one run of text (between two tags) or of one attribute value. */
  text: 1_000_000,
} as const;

/** The parser reads 4 KB at a time (well under a millisecond) between chances to let the event loop turn. */
const CHUNK_CHARS = 4 * 1024;

/** How many characters of a name or value from the file a message repeats. */
const ECHO_CHARS = 80;

/**
 * A name or value from the file as an error message or warning repeats it: cut to 80
 * characters with an ellipsis, so that a file cannot make its own refusal large.
 */
export function clip(value: string, max = ECHO_CHARS): string {
  if (value.length <= max) return value;
  let cut = value.slice(0, max - 1);
  // A cut between the halves of a surrogate pair would leave half a character.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Every run of more than 80 non-blank characters of a message (the parser's name a tag or entity) clipped. */
const clipRuns = (message: string) =>
  clip(
    message.replace(/\S{81,}/g, (run) => clip(run)),
    300,
  );

const refuse = (message: string, details?: unknown) => new AppError('BAD_REQUEST', message, details);
const tooLarge = (rule: Issue) => refused('PAYLOAD_TOO_LARGE', rule);

/**
 * Parses an XML document into a tree, refusing what an import must not read: any
 * DOCTYPE (and with it every entity declaration, so no entity expansion or external
 * entity can happen), processing instructions other than the XML declaration, anything
 * that is not well-formed (400), and a document past any of XML_LIMITS (413). saxes
 * expands no entities beyond the five XML ones.
 *
 * The document is read twice: first only counted and checked, then, when it passed,
 * built into a tree. Building costs several times what counting does (an object per
 * element that the garbage collector must keep), so a flood of elements is refused by
 * the cheap pass alone, the moment the limit is crossed, and builds nothing. Each pass
 * feeds the parser a chunk at a time and lets the event loop turn every few milliseconds,
 * so that other requests are answered while a large file is read.
 */
export async function parseXml(text: string): Promise<XmlNode> {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw refuse('The file has a DOCTYPE or entity declaration; IATI files need neither, and Hamkori refuses them for safety');
  }
  try {
    await readXml(text, 'check');
  } catch (e) {
    if (e instanceof AppError) throw e;
    // Only now the parser tracks lines and columns (it reads four times slower doing so), to say where the file breaks.
    await readXml(text, 'locate');
    throw refuse(`The file is not well-formed XML: ${clipRuns((e as Error).message)}`);
  }
  const root = await readXml(text, 'build');
  if (!root) throw refuse('The file holds no XML element');
  return root;
}

/**
 * One pass over the document, its limits checked as the parser goes (a handler throws out
 * of `write`): `check` only that, `locate` the same tracking positions so that a
 * well-formedness error says where it is, `build` the tree as well.
 */
async function readXml(text: string, pass: 'check' | 'locate' | 'build'): Promise<XmlNode | null> {
  const build = pass === 'build';
  const parser = new SaxesParser({ xmlns: false, position: pass === 'locate' });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  let depth = 0;
  let elements = 0;
  let attributes = 0;
  let attributesHere = 0;
  let textHere = 0;
  const countText = (t: string) => {
    textHere += t.length;
    if (textHere > XML_LIMITS.text) throw tooLarge(issue('xml.text_too_long', { max: XML_LIMITS.text }));
    if (!build) return;
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  // Seven handlers at most: saxes stores each as a new property of the parser, and the
  // eighth turns it into a slow dictionary object that parses four to five times slower.
  // A DOCTYPE needs none: parseXml refuses any before parsing.
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() !== 'xml') throw refuse('The file has a processing instruction Hamkori does not accept');
  });
  parser.on('opentagstart', (tag) => {
    elements += 1;
    if (elements > XML_LIMITS.elements) throw tooLarge(issue('xml.too_many_elements', { max: XML_LIMITS.elements }));
    if (depth >= XML_LIMITS.depth) throw tooLarge(issue('xml.too_deep', { max: XML_LIMITS.depth }));
    if (tag.name.length > XML_LIMITS.name) throw tooLarge(issue('xml.name_too_long', { max: XML_LIMITS.name }));
    attributesHere = 0;
  });
  parser.on('attribute', (attr) => {
    attributes += 1;
    attributesHere += 1;
    if (attributesHere > XML_LIMITS.attributesPerElement) {
      throw tooLarge(issue('xml.too_many_element_attributes', { max: XML_LIMITS.attributesPerElement }));
    }
    if (attributes > XML_LIMITS.attributes) throw tooLarge(issue('xml.too_many_attributes', { max: XML_LIMITS.attributes }));
    if (attr.name.length > XML_LIMITS.name) throw tooLarge(issue('xml.name_too_long', { max: XML_LIMITS.name }));
    if (attr.value.length > XML_LIMITS.text) throw tooLarge(issue('xml.text_too_long', { max: XML_LIMITS.text }));
  });
  parser.on('opentag', (tag) => {
    depth += 1;
    textHere = 0;
    if (!build) return;
    const parent = stack[stack.length - 1];
    const node: XmlNode = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', countText);
  parser.on('cdata', countText);
  parser.on('closetag', () => {
    depth -= 1;
    textHere = 0;
    if (build) stack.pop();
  });
  try {
    const turn = createTurns();
    for (let at = 0; at < text.length; at += CHUNK_CHARS) {
      await turn();
      parser.write(text.slice(at, at + CHUNK_CHARS));
    }
    parser.close();
  } catch (e) {
    if (e instanceof AppError || pass === 'check') throw e;
    throw refuse(`The file is not well-formed XML: ${clipRuns((e as Error).message)}`);
  }
  return root;
}
