import { siteEnv } from '@/server/env';

interface Props {
  post: { slug: string; title: string; excerpt: string; publishedAt: Date; sourceName: string | null };
  commentCount: number;
}

/**
 * schema.org NewsArticle for search engines, with the number of approved comments. A data block, not
 * a script: the Content-Security-Policy does not apply to it, and `<` is escaped so no text in it
 * can close the element.
 */
export function ArticleJsonLd({ post, commentCount }: Props) {
  const url = new URL(`/posts/${post.slug}`, siteEnv.SITE_URL).href;
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: post.title,
    description: post.excerpt,
    datePublished: post.publishedAt.toISOString(),
    url,
    mainEntityOfPage: url,
    commentCount,
    publisher: { '@type': 'Organization', name: siteEnv.SITE_NAME },
    ...(post.sourceName && { sourceOrganization: { '@type': 'Organization', name: post.sourceName } }),
  };
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }} />;
}
