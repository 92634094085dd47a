import sanitizeHtml from 'sanitize-html';
import { NARRATIVE_LINK_SCHEMES, NARRATIVE_TAGS } from '@shared/schemas/report';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...NARRATIVE_TAGS],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: [...NARRATIVE_LINK_SCHEMES],
  allowedSchemesByTag: {},
  // Relative and protocol-relative links are refused too: a narrative links out or not at all.
  allowProtocolRelative: false,
  allowedSchemesAppliedToAttributes: ['href'],
  // Script and style bodies go with their tags; other unknown tags keep their text.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'object', 'embed', 'svg', 'math', 'template'],
  parseStyleAttributes: false,
  transformTags: {
    // Only absolute http(s) and mailto links survive; anything else keeps its text, unlinked.
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href?.trim() ?? '';
      if (!/^(https?:\/\/|mailto:)/i.test(href)) return { tagName: 'span', attribs: {} };
      return { tagName, attribs: { href } };
    },
    b: 'strong',
    i: 'em',
    div: 'p',
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
};

/**
 * Narrative markup reduced to the allow-list: p, strong, em, ul, ol, li, br, h3 and
 * a[href] with http, https or mailto only. Everything else is dropped (script and style
 * with their content, other tags keeping their text), and so is every other attribute.
 */
export function sanitizeNarrative(html: string): string {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  // An editor left with nothing but empty paragraphs has written nothing.
  return /^(<p>(\s|<br \/>|&nbsp;)*<\/p>\s*)*$/.test(clean) ? '' : clean;
}

/** Plain text of a narrative (PDF and spreadsheets): block ends become line breaks, list items bullets. */
export function narrativeBlocks(html: string): { kind: 'h3' | 'p' | 'li'; text: string; ordered?: number }[] {
  const blocks: { kind: 'h3' | 'p' | 'li'; text: string; ordered?: number }[] = [];
  const decode = (s: string) =>
    s
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .trim();
  const clean = sanitizeNarrative(html);
  const re = /<(h3|p|ol|ul)>([\s\S]*?)<\/\1>/g;
  for (const m of clean.matchAll(re)) {
    const tag = m[1] as 'h3' | 'p' | 'ol' | 'ul';
    const body = m[2] ?? '';
    if (tag === 'ol' || tag === 'ul') {
      let n = 0;
      for (const li of body.matchAll(/<li>([\s\S]*?)<\/li>/g)) {
        n += 1;
        blocks.push({ kind: 'li', text: decode(li[1] ?? ''), ...(tag === 'ol' ? { ordered: n } : {}) });
      }
    } else {
      const text = decode(body);
      if (text) blocks.push({ kind: tag, text });
    }
  }
  // Text outside any block (a bare line) still counts.
  const rest = decode(clean.replace(re, ''));
  if (rest) blocks.push({ kind: 'p', text: rest });
  return blocks;
}
