import type { ThreadNode } from '@/lib/threads';
import type { PublicComment } from '@/server/comments/queries';
import { CommentText } from '@/ui/comment-text';
import { formatDateTime } from '@/ui/format';

interface ItemProps {
  /** The page the list is on, for the no-JavaScript reply links. */
  pageHref: string;
  /** Replies are taken (comments open) and may nest this deep. */
  replies: { open: boolean; threadDepth: number };
  slug: string;
}

type ListProps = ItemProps & { threads: ThreadNode<PublicComment>[] };

/** Threads as nested lists, WordPress's markup: ol.comment-list > li.comment > ol.children. */
export function CommentList({ threads, ...props }: ListProps) {
  if (threads.length === 0) return null;
  return (
    <ol className="comment-list">
      {threads.map((node) => (
        <CommentItem key={node.comment.id} node={node} {...props} />
      ))}
    </ol>
  );
}

function CommentItem({ node, pageHref, replies, slug }: ItemProps & { node: ThreadNode<PublicComment> }) {
  const { comment, inReplyTo } = node;
  const canReply = replies.open && comment.status === 'APPROVED' && comment.depth + 1 < replies.threadDepth;
  const query = pageHref.includes('?') ? '&' : '?';
  return (
    <li id={`comment-${comment.id}`} className={comment.status === 'PENDING' ? 'comment comment-pending' : 'comment'}>
      <article aria-labelledby={`comment-${comment.id}-author`}>
        <p className="comment-author" id={`comment-${comment.id}-author`}>
          {comment.authorUrl ? (
            <a href={comment.authorUrl} rel="nofollow ugc noopener">
              {comment.authorName}
            </a>
          ) : (
            comment.authorName
          )}{' '}
          {comment.isAdminReply && <span className="badge">Site reply</span>}{' '}
          <span className="meta">
            <a href={`/posts/${slug}/comments/${comment.id}`} className="comment-permalink">
              <time dateTime={comment.createdAt.toISOString()}>{formatDateTime(comment.createdAt)}</time>
            </a>
          </span>
        </p>
        {comment.status === 'PENDING' && <p className="awaiting">Your comment is awaiting moderation.</p>}
        {inReplyTo && (
          <p className="meta">
            <a href={`#comment-${inReplyTo.id}`}>In reply to {inReplyTo.authorName}</a>
          </p>
        )}
        <CommentText text={comment.body} />
        {canReply && (
          <p className="reply">
            <a
              className="comment-reply-link"
              href={`${pageHref}${query}replytocom=${comment.id}#respond`}
              data-reply-to={comment.id}
              data-reply-name={comment.authorName}
              aria-label={`Reply to ${comment.authorName}`}
              rel="nofollow"
            >
              Reply
            </a>
          </p>
        )}
        {canReply && <div className="reply-slot" id={`reply-slot-${comment.id}`} />}
      </article>
      {node.replies.length > 0 && (
        <ol className="children">
          {node.replies.map((child) => (
            <CommentItem key={child.comment.id} node={child} pageHref={pageHref} replies={replies} slug={slug} />
          ))}
        </ol>
      )}
    </li>
  );
}
