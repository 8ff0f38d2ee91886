import 'server-only';
import { nestThreads } from '@/lib/threads';
import { countApprovedThreads, findReplyTarget, listApprovedThreads, listVisitorPendingComments, threadPageCount } from '@/server/comments/queries';
import { commentsAreOpen, getSettings } from '@/server/moderation/settings';
import { getPublishedPost } from './queries';

/**
 * Everything the article page shows, in a fixed number of queries whatever the number and shape of
 * its comments (tests/article-queries.test.ts counts them): the post and its neighbours, one page of
 * approved threads, the visitor's own held comments when their cookie names some, and the comment
 * replied to when the no-JavaScript reply form asks for one.
 * `requestedPage` null: the page the settings open on (the newest, by default).
 */
export async function loadArticlePage(slug: string, requestedPage: number | null, visitorPendingIds: number[], replyTo: number | null = null) {
  const post = await getPublishedPost(slug);
  if (!post) return null;
  const [counts, settings, replyTarget] = await Promise.all([
    countApprovedThreads(post.id),
    getSettings(),
    replyTo === null ? null : findReplyTarget(post.id, replyTo),
  ]);
  const pageCount = threadPageCount(counts.threads);
  const page = Math.min(requestedPage ?? (settings.newestPageFirst ? pageCount : 1), pageCount);
  const [{ roots, replies }, ownHeld] = await Promise.all([listApprovedThreads(post.id, page), listVisitorPendingComments(post.id, visitorPendingIds)]);
  // A visitor's own held comments show where they will appear: a reply in its thread, a new thread after the newest.
  const rootIds = new Set(roots.map((root) => root.id));
  const heldReplies = ownHeld.filter((comment) => comment.rootId !== null && rootIds.has(comment.rootId));
  const heldThreads = page === pageCount ? ownHeld.filter((comment) => comment.rootId === null) : [];
  const open = commentsAreOpen(post, settings);
  return {
    post,
    commentCount: counts.comments,
    page,
    pageCount,
    isDefaultPage: requestedPage === null,
    threads: nestThreads([...roots, ...heldThreads], [...replies, ...heldReplies], settings.threadDepth),
    held: [...heldReplies, ...heldThreads],
    threadDepth: settings.threadDepth,
    commentsOpen: open,
    // Only a comment that may be answered: approved, on this post, not at the deepest level.
    replyTarget: open && replyTarget && replyTarget.depth + 1 < settings.threadDepth ? replyTarget : null,
  };
}

export type ArticlePageData = NonNullable<Awaited<ReturnType<typeof loadArticlePage>>>;
