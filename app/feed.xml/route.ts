import { connection } from 'next/server';
import { FEED_CONTENT_TYPE, postsFeed } from '@/server/feeds/atom';

export async function GET() {
  await connection();
  return new Response(await postsFeed(), { headers: { 'content-type': FEED_CONTENT_TYPE } });
}
