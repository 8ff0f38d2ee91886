import 'server-only';
import { escapeUTF8 } from 'entities';
import { Feed } from 'feed';
import { siteEnv } from '@/server/env';
import { listFeedComments, listFeedPosts } from './queries';

/**
 * The blog's Atom feeds, built with `feed` (not string templates): posts at /feed.xml, every approved
 * comment at /comments/feed.xml, one post's at /posts/<slug>/feed.xml. Atom, because it needs no
 * author email (RSS 2.0's <author> is an address): a feed never carries one.
 */
export const FEED_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

const absolute = (path: string) => new URL(path, siteEnv.SITE_URL).href;

function newFeed(title: string, path: string, alternate: string, updated: Date | undefined) {
  return new Feed({
    title,
    id: absolute(path),
    link: absolute(alternate),
    feedLinks: { atom: absolute(path) },
    language: 'en',
    updated: updated ?? new Date(0),
    copyright: `${siteEnv.SITE_NAME}; articles credited to their sources`,
    generator: siteEnv.SITE_NAME,
  });
}

/** A comment's text as HTML: its own paragraphs, every character as text. */
function commentHtml(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeUTF8(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export async function postsFeed(): Promise<string> {
  const posts = await listFeedPosts();
  const feed = newFeed(siteEnv.SITE_NAME, '/feed.xml', '/', posts[0]?.updatedAt);
  for (const post of posts) {
    const link = absolute(`/posts/${post.slug}`);
    feed.addItem({ title: post.title, id: link, link, description: post.excerpt, content: post.html, date: post.updatedAt, published: post.publishedAt });
  }
  return feed.atom1();
}

/** All approved comments, or one post's; null when there is no such post. */
export async function commentsFeed(slug?: string): Promise<string | null> {
  const found = await listFeedComments(slug);
  if (!found) return null;
  const { post, comments } = found;
  const title = post ? `Comments on: ${post.title}` : `Comments for ${siteEnv.SITE_NAME}`;
  const path = post ? `/posts/${post.slug}/feed.xml` : '/comments/feed.xml';
  const feed = newFeed(title, path, post ? `/posts/${post.slug}#comments` : '/', comments[0]?.createdAt);
  for (const comment of comments) {
    const link = absolute(`/posts/${comment.post.slug}/comments/${comment.id}`);
    feed.addItem({
      title: `${comment.authorName} on “${comment.post.title}”`,
      id: link,
      link,
      content: commentHtml(comment.body),
      author: [{ name: comment.authorName, ...(comment.authorUrl && { link: comment.authorUrl }) }],
      date: comment.createdAt,
      published: comment.createdAt,
    });
  }
  return feed.atom1();
}
