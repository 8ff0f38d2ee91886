import type { Metadata } from 'next';
import Link from 'next/link';
import { noticeText } from '@/lib/admin-notices';
import { requireAdminPage } from '@/server/auth/session';
import { setPostCommentsOpenAction } from '@/server/moderation/actions';
import { listPostsForAdmin } from '@/server/moderation/queries';
import { formatDate } from '@/ui/format';
import { Notice } from '@/ui/notice';

export const metadata: Metadata = { title: 'Posts' };

export default async function PostsAdminPage({ searchParams }: PageProps<'/admin/posts'>) {
  await requireAdminPage();
  const [posts, { notice: code }] = await Promise.all([listPostsForAdmin(), searchParams]);
  const notice = noticeText('/admin/posts', code);
  return (
    <>
      <h1>Posts</h1>
      {notice && <Notice notice={notice} />}
      <p className="meta">Posts are written as Markdown files in content/posts and loaded on start (see the README).</p>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Published</th>
            <th scope="col">Comments</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => (
            <tr key={post.id}>
              <td>{post.publishedAt ? <Link href={`/posts/${post.slug}`}>{post.title}</Link> : post.title}</td>
              <td>{post.publishedAt ? formatDate(post.publishedAt) : 'Draft'}</td>
              <td>
                <form action={setPostCommentsOpenAction} className="inline">
                  <input type="hidden" name="postId" value={post.id} />
                  <input type="hidden" name="open" value={String(!post.commentsOpen)} />
                  {post.commentsOpen ? 'Open' : 'Closed'}{' '}
                  <button type="submit" aria-label={`${post.commentsOpen ? 'Close' : 'Open'} comments on ${post.title}`}>
                    {post.commentsOpen ? 'Close comments' : 'Open comments'}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
