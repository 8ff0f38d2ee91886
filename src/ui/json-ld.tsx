import { headers } from 'next/headers';
import { siteEnv } from '@/server/env';

interface Props {
  post: { slug: string; title: string; excerpt: string; publishedAt: Date; sourceName: string | null };
  commentCount: number;
}

/**
 * schema.org NewsArticle for search engines, with the number of approved comments. A data block, not
 * a script, but it carries the response's nonce like every script element of the page (the policy
 * admits no other), and `<` is escaped so no text in it can close the element.
 */
export async function ArticleJsonLd({ post, commentCount }: Props) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
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
  return <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }} />;
}
