import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getPublishedPost } from '@/server/posts/queries';
import { loadArticlePage } from '@/server/posts/article';
import { issueFormToken } from '@/server/comments/form-token';
import { readPendingIds } from '@/server/comments/visitor-cookie';
import { formatDate, pageParam } from '@/ui/format';
import { Pager } from '@/ui/pager';
import { CommentList } from './comment-list';
import { CommentForm } from './comment-form';

export async function generateMetadata({ params }: PageProps<'/posts/[slug]'>): Promise<Metadata> {
  const post = await getPublishedPost((await params).slug);
  if (!post) return { title: 'Article not found' };
  return {
    title: post.title,
    description: post.excerpt,
    alternates: { canonical: `/posts/${post.slug}` },
    openGraph: { type: 'article', title: post.title, description: post.excerpt, publishedTime: post.publishedAt.toISOString() },
  };
}

export default async function ArticlePage({ params, searchParams }: PageProps<'/posts/[slug]'>) {
  const article = await loadArticlePage((await params).slug, pageParam((await searchParams).cpage), await readPendingIds());
  if (!article) notFound();
  const { post, commentCount, page, pageCount, comments, pending } = article;
  const commentsHref = (p: number) => `/posts/${post.slug}${p > 1 ? `?cpage=${p}` : ''}#comments`;

  return (
    <article>
      <header>
        <h1>{post.title}</h1>
        <p className="dateline">{post.dateline}</p>
        <p className="meta">
          <time dateTime={post.publishedAt.toISOString()}>{formatDate(post.publishedAt)}</time>
        </p>
      </header>
      <div className="article-body" dangerouslySetInnerHTML={{ __html: post.html /* sanitised in renderMarkdown */ }} />
      {post.sourceName && (
        <p className="source">
          Source:{' '}
          {post.sourceUrl ? (
            <a href={post.sourceUrl} rel="noopener">
              {post.sourceName}
            </a>
          ) : (
            post.sourceName
          )}
        </p>
      )}
      <nav className="post-nav" aria-label="More articles">
        {post.previous && (
          <Link href={`/posts/${post.previous.slug}`} rel="prev" className="previous">
            <span aria-hidden="true">‹</span> <span className="visually-hidden">Previous article: </span>
            {post.previous.title}
          </Link>
        )}
        {post.next && (
          <Link href={`/posts/${post.next.slug}`} rel="next" className="next">
            <span className="visually-hidden">Next article: </span>
            {post.next.title} <span aria-hidden="true">›</span>
          </Link>
        )}
      </nav>

      <section id="comments" className="comments" aria-labelledby="comments-title">
        <h2 id="comments-title">
          {commentCount === 0 ? 'No comments yet' : `${commentCount} ${commentCount === 1 ? 'comment' : 'comments'} on “${post.title}”`}
        </h2>
        <Pager page={page} pageCount={pageCount} href={commentsHref} previousLabel="Older comments" nextLabel="Newer comments" label="Comment pages" />
        <CommentList comments={[...comments, ...pending]} />
        <Pager page={page} pageCount={pageCount} href={commentsHref} previousLabel="Older comments" nextLabel="Newer comments" label="Comment pages" />
        {article.commentsOpen ? (
          <CommentForm postId={post.id} formToken={issueFormToken()} key={pending.at(-1)?.id ?? comments.at(-1)?.id ?? 0} />
        ) : (
          <p className="comments-closed">Comments are closed.</p>
        )}
      </section>
    </article>
  );
}
