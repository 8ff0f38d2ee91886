import type { Metadata } from 'next';
import Link from 'next/link';
import { listHref, noticeText } from '@/lib/admin-notices';
import { MODERATION, VIEW_NAMES, VIEWS } from '@/lib/moderation';
import { commentListQuerySchema } from '@/lib/schemas/moderation';
import { requireAdminPage } from '@/server/auth/session';
import { bulkModerateAction, emptyBinAction } from '@/server/moderation/actions';
import { countCommentsByStatus, listCommentsForAdmin, listPostsForAdmin } from '@/server/moderation/queries';
import { Notice } from '@/ui/notice';
import { Pager } from '@/ui/pager';
import { CommentRow } from './comment-row';

export const metadata: Metadata = { title: 'Comments' };

export default async function CommentsAdminPage({ searchParams }: PageProps<'/admin/comments'>) {
  await requireAdminPage();
  const raw = await searchParams;
  const query = commentListQuerySchema.parse(raw);
  const [{ comments, pageCount }, counts, posts] = await Promise.all([listCommentsForAdmin(query), countCommentsByStatus(query), listPostsForAdmin()]);
  const returnTo = listHref(query);
  const notice = noticeText('/admin/comments', raw.notice);
  const view = VIEWS[query.status];
  const bin = 'bin' in view ? view.bin : undefined;

  return (
    <>
      <h1>Comments</h1>
      {notice && <Notice notice={notice} />}
      <nav aria-label="Comment views" className="views">
        {VIEW_NAMES.map((status) => (
          <Link key={status} href={listHref({ ...query, status, page: 1 })} aria-current={query.status === status ? 'page' : undefined}>
            {VIEWS[status].label} <span className="count">({counts[status]})</span>
          </Link>
        ))}
      </nav>
      <form method="get" action="/admin/comments" className="filters" role="search">
        {query.status !== 'all' && <input type="hidden" name="status" value={query.status} />}
        <label htmlFor="filter-post">Post</label>
        <select id="filter-post" name="post" defaultValue={query.post ?? ''}>
          <option value="">All posts</option>
          {posts.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        <label htmlFor="filter-q">Search comments</label>
        <input id="filter-q" type="search" name="q" defaultValue={query.q ?? ''} />
        <button type="submit">Filter</button>
      </form>

      <form id="bulk-form" action={bulkModerateAction} className="bulk">
        <input type="hidden" name="returnTo" value={returnTo} />
        <label htmlFor="bulk-action">Bulk action</label>
        <select id="bulk-action" name="bulkAction" defaultValue="">
          <option value="" disabled>
            Choose…
          </option>
          {view.bulk.map((action) => (
            <option key={action} value={action}>
              {MODERATION[action].bulkLabel}
            </option>
          ))}
        </select>
        <button type="submit">Apply to selected</button>
      </form>
      {bin && counts[query.status] > 0 && (
        <details className="confirm">
          <summary>{bin.empty}</summary>
          <form action={emptyBinAction}>
            <input type="hidden" name="returnTo" value={returnTo} />
            <input type="hidden" name="status" value={bin.status} />
            {query.post && <input type="hidden" name="post" value={query.post} />}
            {query.q && <input type="hidden" name="q" value={query.q} />}
            <input type="hidden" name="shownAt" value={new Date().toISOString()} />
            <p>
              Permanently delete all {counts[query.status]} comments in {bin.name}? This cannot be undone.
            </p>
            <button type="submit" className="danger">
              Yes, delete them permanently
            </button>
          </form>
        </details>
      )}

      {comments.length === 0 ? (
        <p>No comments found.</p>
      ) : (
        <ol className="admin-comments">
          {comments.map((comment) => (
            <CommentRow key={comment.id} comment={comment} returnTo={returnTo} />
          ))}
        </ol>
      )}
      <Pager
        page={query.page}
        pageCount={pageCount}
        href={(page) => listHref({ ...query, page })}
        previousLabel="Newer comments"
        nextLabel="Older comments"
        label="Comment list pages"
      />
    </>
  );
}
