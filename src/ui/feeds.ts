import type { Metadata } from 'next';

/** The feeds every page points to (<link rel="alternate">); an article adds its own comments feed. */
export function feedLinks(siteName: string, post?: { slug: string; title: string }): NonNullable<Metadata['alternates']>['types'] {
  return {
    'application/atom+xml': [
      { url: '/feed.xml', title: `${siteName} » Feed` },
      { url: '/comments/feed.xml', title: `${siteName} » Comments Feed` },
      ...(post ? [{ url: `/posts/${post.slug}/feed.xml`, title: `${siteName} » ${post.title} Comments Feed` }] : []),
    ],
  };
}
