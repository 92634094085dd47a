import { NARRATIVE_TAGS } from '@shared/schemas/report';

const ALLOWED = new Set<string>(NARRATIVE_TAGS);
const RENAME: Record<string, string> = { b: 'strong', i: 'em', div: 'p' };
/** Elements dropped with everything inside them. */
const DROP = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'noscript', 'textarea', 'select', 'title', 'head']);
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

function walk(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return escapeText(node.textContent ?? '');
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const el = node as Element;
  const raw = el.tagName.toLowerCase();
  if (DROP.has(raw)) return '';
  const inner = Array.from(el.childNodes).map(walk).join('');
  const tag = RENAME[raw] ?? raw;
  if (!ALLOWED.has(tag)) return inner;
  if (tag === 'br') return '<br />';
  if (tag === 'a') {
    const href = el.getAttribute('href')?.trim() ?? '';
    return SAFE_HREF.test(href) ? `<a href="${escapeAttr(href)}">${inner}</a>` : inner;
  }
  return `<${tag}>${inner}</${tag}>`;
}

/**
 * The same allow-list as the server (p, strong, em, ul, ol, li, a[href http/https/mailto],
 * br, h3), applied in the browser for the live preview. The markup is parsed into an
 * inert template (nothing in it runs) and rebuilt from allowed elements only; the server
 * sanitises again on save, so this is never the only line of defence.
 */
export function sanitizeNarrative(html: string): string {
  // Template content is inert: nothing in it loads, runs or has its handlers compiled.
  // Handler attributes are cut first only so that the browser does not report them to the
  // console as CSP violations while parsing; nothing would run either way.
  const template = document.createElement('template');
  template.innerHTML = html.replace(/[\s/]on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, ' ');
  const out = Array.from(template.content.childNodes).map(walk).join('').trim();
  return /^(<p>(\s|<br \/>)*<\/p>\s*)*$/.test(out) ? '' : out;
}
