import { describe, expect, it } from 'vitest';
import { plainExcerpt, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown(
      [
        '## A heading',
        '',
        'Some **bold**, *italic* and `code`, and [a link](https://example.com/a "Title").',
        '',
        '- one',
        '- two',
        '',
        '3. three',
        '',
        '> quoted',
        '',
        '![A picture](https://example.com/p.jpg)',
        '',
        '| a | b |',
        '|:--|--:|',
        '| 1 | 2 |',
      ].join('\n'),
    );
    expect(html).toContain('<h2>A heading</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toMatch(/<a href="https:\/\/example\.com\/a" title="Title"[^>]*>a link<\/a>/);
    expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<img src="https://example.com/p.jpg" alt="A picture" />');
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain('<td align="right">2</td>');
  });

  it('drops <script> elements with their content', () => {
    const html = renderMarkdown('Before\n\n<script>alert("x")</script>\n\nAfter <script src="https://evil.example/x.js"></script>');
    expect(html).not.toMatch(/script|alert/i);
    expect(html).toContain('Before');
    expect(html).toContain('After');
  });

  it('drops event handler attributes such as <img onerror>', () => {
    const html = renderMarkdown('<img src="https://example.com/x.png" onerror="alert(1)"> <p onclick="alert(2)" style="color:red">text</p>');
    expect(html).not.toMatch(/onerror|onclick|alert|style/i);
    expect(html).toContain('<img src="https://example.com/x.png" />');
  });

  it('drops javascript:, data: and protocol-relative links', () => {
    const html = renderMarkdown(
      '[x](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">y</a> [z](data:text/html,<script>alert(3)</script>) ' +
        '![i](data:image/svg+xml,<svg/onload=alert(4)>) [p](//evil.example/) <a href="&#106;avascript:alert(5)">q</a>',
    );
    expect(html).not.toMatch(/javascript|data:|alert|evil\.example|href="\/\//i);
    expect(html).toContain('>x</a>');
  });

  it('drops <iframe>, <object>, <embed>, <form> and <style>', () => {
    const html = renderMarkdown(
      '<iframe src="https://example.com"></iframe><object data="x"></object><embed src="x"><form action="/x"><input name="a"></form><style>body{}</style>ok',
    );
    expect(html).not.toMatch(/<(iframe|object|embed|form|input|style)\b/i);
    expect(html).toContain('ok');
  });

  it('keeps mailto links', () => {
    expect(renderMarkdown('[write](mailto:editor@example.com)')).toMatch(/<a href="mailto:editor@example\.com"[^>]*>write<\/a>/);
  });

  it('marks links rel="noopener noreferrer", as markdown.ts intends', () => {
    expect(renderMarkdown('[a](https://example.com)')).toContain('rel="noopener noreferrer"');
  });
});

describe('plainExcerpt', () => {
  it('is the plain text of the first paragraph', () => {
    expect(plainExcerpt('The **first** paragraph, with [a link](https://example.com).\n\nThe second one.')).toBe('The first paragraph, with a link.');
  });

  it('removes raw HTML and collapses white space', () => {
    expect(plainExcerpt('  <em>Hello</em>\n   <script>alert(1)</script>world  \n')).toBe('Hello world');
  });

  it('leaves short text whole', () => {
    expect(plainExcerpt('Short.', 10)).toBe('Short.');
    expect(plainExcerpt('Exactly ten', 11)).toBe('Exactly ten');
  });

  it('cuts long text at a word boundary and adds an ellipsis', () => {
    const text = 'one two three four five six';
    expect(plainExcerpt(text, 12)).toBe('one two…');
    expect(plainExcerpt(text, 14)).toBe('one two three…');
    expect(plainExcerpt('a'.repeat(400))).toBe(`${'a'.repeat(280)}…`);
    expect(plainExcerpt(`${'word '.repeat(100)}`).length).toBeLessThanOrEqual(281);
  });

  it('gives an empty string for an empty post', () => {
    expect(plainExcerpt('   \n\n  ')).toBe('');
  });

  it('keeps &, < and > as characters, since the excerpt is stored and shown as text', () => {
    expect(plainExcerpt('Tom & Jerry: 1 < 2 > 0')).toBe('Tom & Jerry: 1 < 2 > 0');
  });
});
