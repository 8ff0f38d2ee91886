import Link from 'next/link';
import { listPublishedPosts } from '@/server/posts/queries';
import { formatDate, pageParam } from '@/ui/format';
import { Pager } from '@/ui/pager';

export default async function HomePage({ searchParams }: PageProps<'/'>) {
  const page = pageParam((await searchParams).page);
  const { posts, pageCount } = await listPublishedPosts(page);

  return (
    <>
      <h1 className="visually-hidden">Latest articles</h1>
      {posts.length === 0 ? (
        <p>No articles yet.</p>
      ) : (
        <ul className="post-list">
          {posts.map((post) => (
            <li key={post.id}>
              <p className="dateline">{post.dateline}</p>
              <h2>
                <Link href={`/posts/${post.slug}`}>{post.title}</Link>
              </h2>
              <p>{post.excerpt}</p>
              <p className="meta">
                <time dateTime={post.publishedAt.toISOString()}>{formatDate(post.publishedAt)}</time> ·{' '}
                <Link href={`/posts/${post.slug}#comments`}>{post.commentCount === 1 ? '1 comment' : `${post.commentCount} comments`}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={page}
        pageCount={pageCount}
        href={(p) => (p === 1 ? '/' : `/?page=${p}`)}
        previousLabel="Newer articles"
        nextLabel="Older articles"
        label="Articles"
      />
    </>
  );
}
