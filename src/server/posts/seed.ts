import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import type { PrismaClient } from '@/generated/prisma/client';
import { postFrontMatterSchema } from '@/lib/schemas/post-file';
import { plainExcerpt } from './markdown';

export const CONTENT_DIR = path.resolve(import.meta.dirname, '../../../content/posts');

export interface PostFile {
  file: string;
  slug: string;
  title: string;
  dateline: string;
  sourceName: string | null;
  sourceUrl: string | null;
  excerpt: string;
  body: string;
  publishedAt: Date | null;
  commentsOpen: boolean | null;
}

export async function readPostFiles(dir = CONTENT_DIR): Promise<PostFile[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  return Promise.all(
    files.map(async (file) => {
      const { data, content } = matter(await readFile(path.join(dir, file), 'utf8'));
      const parsed = postFrontMatterSchema.safeParse(data);
      if (!parsed.success) {
        throw new Error(`${file}: invalid front matter\n${z.prettifyError(parsed.error)}`);
      }
      const meta = parsed.data;
      const body = content.trim();
      return {
        file,
        slug: meta.slug,
        title: meta.title,
        dateline: meta.dateline,
        sourceName: meta.source ?? null,
        sourceUrl: meta.sourceUrl ?? null,
        excerpt: meta.excerpt ?? plainExcerpt(body),
        body,
        publishedAt: meta.publishedAt ?? null,
        commentsOpen: meta.commentsOpen ?? null,
      };
    }),
  );
}

/**
 * Loads content/posts into the database. Idempotent: a post is created once; later runs refresh its
 * text from the file but leave what an admin may have changed (publication, comments open) alone.
 */
export async function seedPosts(db: PrismaClient, dir = CONTENT_DIR): Promise<{ created: number; updated: number }> {
  const files = await readPostFiles(dir);
  const settings = await db.discussionSettings.findUnique({ where: { id: 1 }, select: { commentsOpenByDefault: true } });
  const openByDefault = settings?.commentsOpenByDefault ?? true;
  let created = 0;
  let updated = 0;
  for (const post of files) {
    const text = {
      title: post.title,
      dateline: post.dateline,
      sourceName: post.sourceName,
      sourceUrl: post.sourceUrl,
      excerpt: post.excerpt,
      body: post.body,
    };
    const existing = await db.post.findUnique({ where: { slug: post.slug }, select: { id: true } });
    if (existing) {
      await db.post.update({ where: { id: existing.id }, data: text });
      updated++;
    } else {
      await db.post.create({
        data: { ...text, slug: post.slug, publishedAt: post.publishedAt, commentsOpen: post.commentsOpen ?? openByDefault },
      });
      created++;
    }
  }
  return { created, updated };
}
