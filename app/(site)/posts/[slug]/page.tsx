import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getPublishedPost } from '@/server/posts/queries';
import { loadArticlePage } from '@/server/posts/article';
import { issueFormToken } from '@/server/comments/form-token';
import { readPendingIds } from '@/server/comments/visitor-cookie';
import { isFormPostback } from '@/server/request-meta';
import { formatDate, pageParam } from '@/ui/format';
import { feedLinks } from '@/ui/feeds';
import { ArticleJsonLd } from '@/ui/json-ld';
import { Pager } from '@/ui/pager';
import { siteEnv } from '@/server/env';
import { CommentList } from './comment-list';
import { CommentForm } from './comment-form';

export async function generateMetadata({ params }: PageProps<'/posts/[slug]'>): Promise<Metadata> {
  const post = await getPublishedPost((await params).slug).catch(async (error: unknown) => {
    if (await isFormPostback()) return undefined; // see ArticlePage
    throw error;
  });
  if (post === undefined) return { title: 'Leave a comment' };
  if (!post) return { title: 'Article not found' };
  return {
    title: post.title,
    description: post.excerpt,
    alternates: { canonical: `/posts/${post.slug}`, types: feedLinks(siteEnv.SITE_NAME, post) },
    openGraph: {
      type: 'article',
      url: `/posts/${post.slug}`,
      siteName: siteEnv.SITE_NAME,
      title: post.title,
      description: post.excerpt,
      publishedTime: post.publishedAt.toISOString(),
    },
  };
}

export default async function ArticlePage({ params, searchParams }: PageProps<'/posts/[slug]'>) {
  const { slug } = await params;
  const requestedPage = pageParam((await searchParams).cpage);
  const pageHref = (p: number) => `/posts/${encodeURIComponent(slug)}${p > 1 ? `?cpage=${p}` : ''}`;
  const commentsHref = (p: number) => `${pageHref(p)}#comments`;
  let article: Awaited<ReturnType<typeof loadArticlePage>>;
  try {
    article = await loadArticlePage(slug, requestedPage, await readPendingIds());
  } catch (error) {
    if (!(await isFormPostback())) throw error;
    // The comment form was posted without JavaScript and its action has answered (most likely "could
    // not be saved": the database is down). The article cannot be loaded to show around that answer,
    // so show the form alone rather than an error page: the visitor keeps their text and can retry.
    return (
      <article>
        <h1>Leave a comment</h1>
        <p>The article cannot be shown right now.</p>
        <CommentForm postId={undefined} formToken={issueFormToken()} permalink={pageHref(requestedPage)} />
      </article>
    );
  }
  if (!article) notFound();
  const { post, commentCount, page, pageCount, comments, pending } = article;

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
      <ArticleJsonLd post={post} commentCount={commentCount} />
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
          <CommentForm postId={post.id} formToken={issueFormToken()} permalink={pageHref(requestedPage)} key={pending.at(-1)?.id ?? comments.at(-1)?.id ?? 0} />
        ) : (
          <p className="comments-closed">Comments are closed.</p>
        )}
      </section>
    </article>
  );
}
