import { CommentText } from '@/ui/comment-text';
import type { PublicComment } from '@/server/comments/queries';
import { formatDateTime } from '@/ui/format';

export function CommentList({ comments }: { comments: PublicComment[] }) {
  if (comments.length === 0) return null;
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id} id={`comment-${comment.id}`} className={comment.status === 'PENDING' ? 'comment comment-pending' : 'comment'}>
          <p className="comment-author">
            {comment.authorUrl ? (
              <a href={comment.authorUrl} rel="nofollow ugc noopener">
                {comment.authorName}
              </a>
            ) : (
              comment.authorName
            )}{' '}
            {comment.isAdminReply && <span className="badge">Site reply</span>}{' '}
            <span className="meta">
              <time dateTime={comment.createdAt.toISOString()}>{formatDateTime(comment.createdAt)}</time>
            </span>
          </p>
          {comment.status === 'PENDING' && <p className="awaiting">Your comment is awaiting moderation.</p>}
          {comment.parentId && (
            <p className="meta">
              <a href={`#comment-${comment.parentId}`}>In reply to an earlier comment</a>
            </p>
          )}
          <CommentText text={comment.body} />
        </li>
      ))}
    </ol>
  );
}
