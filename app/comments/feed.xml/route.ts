import { connection } from 'next/server';
import { commentsFeed, FEED_CONTENT_TYPE } from '@/server/feeds/atom';

export async function GET() {
  await connection();
  return new Response(await commentsFeed(), { headers: { 'content-type': FEED_CONTENT_TYPE } });
}
