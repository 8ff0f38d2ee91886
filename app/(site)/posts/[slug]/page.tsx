import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getPublishedPost } from '@/server/posts/queries';
import { loadArticlePage } from '@/server/posts/article';
import { issueFormToken } from '@/server/comments/form-token';
import { readPendingIds } from '@/server/comments/visitor-cookie';
import { isFormPostback } from '@/server/request-meta';
import { queryNumber } from '@/lib/public-pages';
import { formatDate } from '@/ui/format';
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
  const query = await searchParams;
  // ?comment=<id>: a permalink (WordPress's), sent on to the page that shows it.
  const permalink = queryNumber(query.comment);
  if (permalink !== null) redirect(`/posts/${encodeURIComponent(slug)}/comments/${permalink}`);
  const requestedPage = queryNumber(query.cpage);
  const replyTo = queryNumber(query.replytocom);
  const articleHref = `/posts/${encodeURIComponent(slug)}`;
  const pageHref = (p: number | null) => (p === null ? articleHref : `${articleHref}?cpage=${p}`);
  const commentsHref = (p: number) => `${pageHref(p)}#comments`;
  // Where the form posts without JavaScript: this very page (React matches the answer to the form by
  // it), at the form, so a refused comment comes back where it was typed.
  const formHref = (reply: number | null) =>
    `${pageHref(requestedPage)}${reply === null ? '' : `${requestedPage === null ? '?' : '&'}replytocom=${reply}`}#respond`;
  let article: Awaited<ReturnType<typeof loadArticlePage>>;
  try {
    article = await loadArticlePage(slug, requestedPage, await readPendingIds(), replyTo);
  } catch (error) {
    if (!(await isFormPostback())) throw error;
    // The comment form was posted without JavaScript and its action has answered (most likely "could
    // not be saved": the database is down). The article cannot be loaded to show around that answer,
    // so show the form alone rather than an error page: the visitor keeps their text and can retry.
    return (
      <article>
        <h1>Leave a comment</h1>
        <p>The article cannot be shown right now.</p>
        <CommentForm
          postId={undefined}
          formToken={issueFormToken()}
          permalink={formHref(replyTo)}
          replyTarget={null}
          cancelHref={`${pageHref(requestedPage)}#respond`}
        />
      </article>
    );
  }
  if (!article) notFound();
  const { post, commentCount, page, pageCount, threads, held, replyTarget } = article;
  const countText = commentCount === 0 ? 'No comments yet' : `${commentCount} ${commentCount === 1 ? 'comment' : 'comments'}`;

  return (
    <article>
      <header>
        <h1>{post.title}</h1>
        <p className="dateline">{post.dateline}</p>
        <p className="meta">
          <time dateTime={post.publishedAt.toISOString()}>{formatDate(post.publishedAt)}</time> · <a href="#comments">{countText}</a>
          {article.commentsOpen && (
            <>
              {' '}
              · <a href="#respond">Leave a comment</a>
            </>
          )}
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
        <CommentList
          threads={threads}
          pageHref={pageHref(article.isDefaultPage ? null : page)}
          slug={post.slug}
          replies={{ open: article.commentsOpen, threadDepth: article.threadDepth }}
        />
        <Pager page={page} pageCount={pageCount} href={commentsHref} previousLabel="Older comments" nextLabel="Newer comments" label="Comment pages" />
        {article.commentsOpen ? (
          <CommentForm
            postId={post.id}
            formToken={issueFormToken()}
            permalink={formHref(replyTarget?.id ?? null)}
            replyTarget={replyTarget && { id: replyTarget.id, authorName: replyTarget.authorName }}
            cancelHref={`${pageHref(requestedPage)}#respond`}
            key={`${held.at(-1)?.id ?? 0}-${commentCount}`}
          />
        ) : (
          <p className="comments-closed">Comments are closed.</p>
        )}
      </section>
    </article>
  );
}
