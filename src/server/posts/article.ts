import 'server-only';
import { countApprovedComments, COMMENTS_PER_PAGE, listApprovedComments, listVisitorPendingComments } from '@/server/comments/queries';
import { commentsAreOpen, getSettings } from '@/server/moderation/settings';
import { getPublishedPost } from './queries';
import { pageCountOf } from '@/lib/public-pages';

/**
 * Everything the article page shows, in a fixed number of queries whatever the number of comments
 * (tests/article-queries.test.ts counts them): the post and its neighbours, one page of approved
 * comments, and the visitor's own held comments when their cookie names some.
 */
export async function loadArticlePage(slug: string, requestedPage: number, visitorPendingIds: number[]) {
  const post = await getPublishedPost(slug);
  if (!post) return null;
  const [commentCount, settings] = await Promise.all([countApprovedComments(post.id), getSettings()]);
  const pageCount = pageCountOf(commentCount, COMMENTS_PER_PAGE);
  const page = Math.min(requestedPage, pageCount);
  const [comments, pending] = await Promise.all([
    listApprovedComments(post.id, page),
    // A visitor's own held comments follow the newest approved ones, so only the last page shows them.
    page === pageCount ? listVisitorPendingComments(post.id, visitorPendingIds) : [],
  ]);
  return { post, commentCount, page, pageCount, comments, pending, commentsOpen: commentsAreOpen(post, settings) };
}
