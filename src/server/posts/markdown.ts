import { marked } from 'marked';
import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown from content files becomes HTML through `marked`, then `sanitize-html` keeps only
 * formatting tags and http(s)/mailto links, so raw HTML or `javascript:` URLs in a post cannot
 * reach the page.
 */
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2'],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
  },
};

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return sanitizeHtml(html, sanitizeOptions);
}

/** Plain text of the first paragraph, for excerpts and meta descriptions. */
export function plainExcerpt(markdown: string, maxLength = 280): string {
  const firstParagraph = markdown.trim().split(/\n\s*\n/)[0] ?? '';
  const stripped = sanitizeHtml(marked.parse(firstParagraph, { async: false }), { allowedTags: [], allowedAttributes: {} });
  // sanitize-html escapes what it keeps; an excerpt is plain text, escaped again when rendered.
  const text = decodeHTML(stripped).replace(/\s+/g, ' ').trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : maxLength)}…`;
}
