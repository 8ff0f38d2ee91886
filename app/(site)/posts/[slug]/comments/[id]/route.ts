import { queryNumber } from '@/lib/public-pages';
import { locateComment } from '@/server/comments/queries';

/**
 * A comment's permalink, /posts/<slug>/comments/<id>: links in emails, feeds and "In reply to" keep
 * working however the comments are paginated, because the page is found when the link is followed.
 * Only approved comments have one; anything else is 404, so a link tells nothing about a held comment.
 */
export async function GET(_request: Request, { params }: RouteContext<'/posts/[slug]/comments/[id]'>) {
  const { slug, id } = await params;
  const commentId = queryNumber(id);
  const place = commentId === null ? null : await locateComment(commentId);
  if (!place || place.slug !== slug) return new Response('No such comment.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const location = `/posts/${encodeURIComponent(place.slug)}?cpage=${place.page}#comment-${place.id}`;
  // Found, not moved for good: the page a comment is on changes as threads are added.
  return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store' } });
}
