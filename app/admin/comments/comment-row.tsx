import Link from 'next/link';
import { CommentText } from '@/ui/comment-text';
import { appliesTo, isLive, MODERATION, rowActions, STATUS_LABELS } from '@/lib/moderation';
import { moderateCommentAction, replyAction } from '@/server/moderation/actions';
import type { AdminComment } from '@/server/moderation/queries';
import { formatDateTime } from '@/ui/format';

export function CommentRow({ comment, returnTo }: { comment: AdminComment; returnTo: string }) {
  const actions = rowActions(comment.status);
  const canDelete = appliesTo('delete', comment.status);
  const hidden = (
    <>
      <input type="hidden" name="id" value={comment.id} />
      <input type="hidden" name="version" value={comment.version} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );

  return (
    <li
      className={`admin-comment status-${comment.status.toLowerCase()}`}
      id={`admin-comment-${comment.id}`}
      aria-labelledby={`admin-comment-${comment.id}-author`}
    >
      <div className="admin-comment-head">
        <input
          type="checkbox"
          name="ids"
          value={comment.id}
          form="bulk-form"
          id={`select-${comment.id}`}
          aria-label={`Select comment by ${comment.authorName}`}
        />
        <div>
          <p className="comment-author" id={`admin-comment-${comment.id}-author`}>
            {comment.authorName} {comment.isAdminReply && <span className="badge">Site reply</span>}
          </p>
          <dl className="admin-meta">
            <dt>Email</dt>
            <dd>{comment.authorEmail}</dd>
            {comment.authorUrl && (
              <>
                <dt>Website</dt>
                <dd>
                  <a href={comment.authorUrl} rel="nofollow ugc noopener noreferrer">
                    {comment.authorUrl}
                  </a>
                </dd>
              </>
            )}
            <dt>IP</dt>
            <dd>{comment.ip}</dd>
            <dt>User agent</dt>
            <dd>{comment.userAgent || '—'}</dd>
            <dt>On</dt>
            <dd>
              <Link href={`/posts/${comment.post.slug}`}>{comment.post.title}</Link>
            </dd>
            <dt>Submitted</dt>
            <dd>
              <time dateTime={comment.createdAt.toISOString()}>{formatDateTime(comment.createdAt)}</time>
            </dd>
            <dt>Status</dt>
            <dd className="status">{STATUS_LABELS[comment.status]}</dd>
          </dl>
        </div>
      </div>
      <div className="admin-comment-body">
        <CommentText text={comment.body} />
      </div>
      <div className="row-actions">
        {actions.map((action) => (
          <form key={action} action={moderateCommentAction} className="inline">
            {hidden}
            <input type="hidden" name="action" value={action} />
            <button type="submit" aria-label={`${MODERATION[action].label} comment by ${comment.authorName}`}>
              {MODERATION[action].label}
            </button>
          </form>
        ))}
        <Link className="button secondary" href={`/admin/comments/${comment.id}/edit?returnTo=${encodeURIComponent(returnTo)}`}>
          Edit
        </Link>
        {canDelete && (
          <details className="confirm">
            <summary>Delete permanently</summary>
            <form action={moderateCommentAction}>
              {hidden}
              <input type="hidden" name="action" value="delete" />
              <p>Delete this comment for good? This cannot be undone.</p>
              <button type="submit" className="danger">
                Yes, delete permanently
              </button>
            </form>
          </details>
        )}
        {isLive(comment.status) && (
          <details className="reply">
            <summary>Reply</summary>
            <form action={replyAction}>
              <input type="hidden" name="parentId" value={comment.id} />
              <input type="hidden" name="returnTo" value={returnTo} />
              <label htmlFor={`reply-${comment.id}`}>Your reply to {comment.authorName}</label>
              <textarea id={`reply-${comment.id}`} name="body" rows={4} required />
              <button type="submit">{comment.status === 'PENDING' ? 'Approve and reply' : 'Reply'}</button>
            </form>
          </details>
        )}
      </div>
    </li>
  );
}
