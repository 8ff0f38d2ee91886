import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The two articles `npm run test:e2e` seeds from content/posts. Specs only read them (any spec may
 * comment on them, so their comment counts are not asserted); specs that need comments make their own posts.
 */
export const RUSSIA = {
  slug: 'russia-warns-japan-western-policies-peace-treaty',
  path: '/posts/russia-warns-japan-western-policies-peace-treaty',
  title: 'Russia warns that Japan’s support for “Western policies” hinders a peace treaty',
  dateline: 'MADRID 29 Nov. (EUROPA PRESS)',
  date: '29 November 2022',
  file: '2022-11-29-russia-japan-peace-treaty.md',
};

export const HOW_COMMENTS_WORK = {
  slug: 'how-comments-work',
  path: '/posts/how-comments-work',
  title: 'How comments work on this blog',
  dateline: 'The editors',
  date: '20 November 2022',
  excerpt: 'Anyone can comment on an article. Your email address is never published; an editor approves each new commenter once.',
};

/** The paragraphs of a content file's body, as plain text (the Russia article has no inline formatting). */
export function contentParagraphs(file: string): string[] {
  const text = readFileSync(path.join(import.meta.dirname, '../../content/posts', file), 'utf8');
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  return body
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim());
}
