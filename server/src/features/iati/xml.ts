import { SaxesParser } from 'saxes';
import { AppError } from '../../http/app-error';

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
export type XmlNode = { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string; path: string };

const MAX_DEPTH = 64;
const MAX_NODES = 500_000;

const refuse = (message: string, details?: unknown) => new AppError('BAD_REQUEST', message, details);

/**
 * Parses an XML document into a tree, refusing what an import must not read: any
 * DOCTYPE (and with it every entity declaration, so no entity expansion or external
 * entity can happen), processing instructions other than the XML declaration,
 * documents deeper than 64 levels or with more than 500,000 elements, and anything
 * that is not well-formed. saxes expands no entities beyond the five XML ones.
 */
export function parseXml(text: string): XmlNode {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw refuse('The file has a DOCTYPE or entity declaration; IATI files need neither, and Hamkori refuses them for safety');
  }
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  let nodes = 0;
  let failure: AppError | null = null;
  const fail = (e: AppError) => {
    failure ??= e;
  };
  parser.on('doctype', () => fail(refuse('The file has a DOCTYPE; Hamkori refuses it for safety')));
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() !== 'xml') fail(refuse('The file has a processing instruction Hamkori does not accept'));
  });
  parser.on('opentag', (tag) => {
    nodes += 1;
    if (nodes > MAX_NODES) fail(refuse('The file has too many elements'));
    if (stack.length >= MAX_DEPTH) fail(refuse('The file is nested too deeply'));
    const parent = stack[stack.length - 1];
    const node: XmlNode = {
      name: tag.name,
      attrs: Object.fromEntries(Object.entries(tag.attributes as Record<string, string>)),
      children: [],
      text: '',
      path: parent ? `${parent.path}/${tag.name}` : tag.name,
    };
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => fail(refuse(`The file is not well-formed XML: ${e.message}`)));
  try {
    parser.write(text).close();
  } catch (e) {
    fail(refuse(`The file is not well-formed XML: ${(e as Error).message}`));
  }
  if (failure) throw failure;
  if (!root) throw refuse('The file holds no XML element');
  return root;
}
