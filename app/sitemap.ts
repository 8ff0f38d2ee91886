import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
import { siteEnv } from '@/server/env';
import { listSitemapPosts } from '@/server/feeds/queries';

/** Published posts with when they last changed for a reader (a newly approved comment counts). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const posts = await listSitemapPosts();
  const absolute = (path: string) => new URL(path, siteEnv.SITE_URL).href;
  return [
    { url: absolute('/'), lastModified: posts[0]?.lastModified, changeFrequency: 'daily' },
    ...posts.map((post) => ({ url: absolute(`/posts/${post.slug}`), lastModified: post.lastModified })),
  ];
}
