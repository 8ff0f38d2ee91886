import { connection } from 'next/server';
import { postSlugSchema } from '@/lib/schemas/post-file';
import { commentsFeed, FEED_CONTENT_TYPE } from '@/server/feeds/atom';

export async function GET(_request: Request, { params }: RouteContext<'/posts/[slug]/feed.xml'>) {
  await connection();
  const { slug } = await params;
  const feed = postSlugSchema.safeParse(slug).success ? await commentsFeed(slug) : null;
  if (feed === null) return new Response('No such article.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(feed, { headers: { 'content-type': FEED_CONTENT_TYPE } });
}
