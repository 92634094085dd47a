import { describe, expect, it } from 'vitest';
import { narrativeBlocks, sanitizeNarrative } from '../../server/src/core/narrative-html';

describe('sanitizeNarrative', () => {
  it.each([
    ['script tags and their content are removed', '<p>Hi<script>alert(1)</script></p>', '<p>Hi</p>'],
    ['event handler attributes are dropped', '<p onclick="alert(1)">x</p>', '<p>x</p>'],
    ['images with onerror disappear', '<img src=x onerror=alert(1)>text', 'text'],
    ['javascript: links lose their link', '<a href="javascript:alert(1)">x</a>', 'x'],
    ['mixed-case javascript: links lose their link', '<a href="JaVaScRiPt:alert(1)">x</a>', 'x'],
    ['entity-encoded javascript: links lose their link', '<a href="&#106;avascript:alert(1)">x</a>', 'x'],
    ['data: links lose their link', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', 'x'],
    ['protocol-relative links lose their link', '<a href="//evil.example/">x</a>', 'x'],
    ['relative links lose their link', '<a href="/admin">x</a>', 'x'],
    ['svg with script is removed whole', '<svg><script>alert(1)</script></svg>ok', 'ok'],
    ['iframes are removed whole', '<iframe src="https://evil.example"></iframe>ok', 'ok'],
    ['style tags and attributes are removed', '<style>p{}</style><p style="color:red">x</p>', '<p>x</p>'],
    [
      'unclosed markup cannot break out',
      '<p>x<a href="https://a.example" title="</p><script>alert(1)</script>">y</a>',
      '<p>x<a href="https://a.example">y</a></p>',
    ],
    ['comments are removed', '<p>a<!-- <script>alert(1)</script> -->b</p>', '<p>ab</p>'],
    ['b and i become strong and em', '<b>x</b><i>y</i>', '<strong>x</strong><em>y</em>'],
    ['other tags keep their text only', '<div><span class="x">t</span></div>', '<p>t</p>'],
    ['only empty paragraphs count as nothing', '<p><br></p><p> </p>', ''],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeNarrative(input)).toBe(expected);
  });

  it('keeps every allowed element and http, https and mailto links', () => {
    const html =
      '<h3>Title</h3><p><strong>a</strong> <em>b</em><br />c</p><ul><li>x</li></ul><ol><li>y</li></ol>' +
      '<p><a href="https://iom.int">1</a> <a href="http://example.org">2</a> <a href="mailto:a@example.org">3</a></p>';
    expect(sanitizeNarrative(html)).toBe(html);
  });

  it('keeps Cyrillic text and escapes angle brackets written as text', () => {
    expect(sanitizeNarrative('<p>Диаспора &lt;script&gt; 5 &gt; 3</p>')).toBe('<p>Диаспора &lt;script&gt; 5 &gt; 3</p>');
  });
});

describe('narrativeBlocks', () => {
  it('turns markup into headed, numbered and bulleted blocks of plain text', () => {
    expect(narrativeBlocks('<h3>T</h3><p>a &amp; b</p><ol><li>one</li><li>two</li></ol><ul><li>dot</li></ul>')).toEqual([
      { kind: 'h3', text: 'T' },
      { kind: 'p', text: 'a & b' },
      { kind: 'li', text: 'one', ordered: 1 },
      { kind: 'li', text: 'two', ordered: 2 },
      { kind: 'li', text: 'dot' },
    ]);
  });
});
