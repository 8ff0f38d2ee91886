import type { Metadata } from 'next';
import Link from 'next/link';
import { siteEnv } from '@/server/env';
import { feedLinks } from '@/ui/feeds';
import './globals.css';

// siteEnv, not env: Next.js prerenders /_not-found with this layout during `next build`, without secrets.
const siteName = siteEnv.SITE_NAME;

export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(siteEnv.SITE_URL),
    title: { default: siteName, template: `%s · ${siteName}` },
    description: 'Articles and the conversations around them.',
    alternates: { types: feedLinks(siteName) },
    openGraph: { siteName },
  };
}

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="site-name">
            {siteName}
          </Link>
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>Comments are moderated. Email addresses are never published.</p>
        </footer>
      </body>
    </html>
  );
}
