/**
 * The largest server action body Next.js accepts: a comment is at most 65,525 characters (up to 4
 * bytes each in UTF-8) plus small fields. scripts/server.ts derives the edge's own limit from it.
 */
export const SERVER_ACTION_BODY_LIMIT = 300 * 1024;

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The e2e suite builds into its own folder so it never clobbers the build `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // `npm test` type-checks everything first (`npm run typecheck`); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Native (argon2) and driver packages stay plain Node modules instead of being bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', '@prisma/adapter-pg'],
  async headers() {
    const everywhere = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
      // Strict-Transport-Security is sent by scripts/lib/edge.ts, and only over https.
    ];
    return [
      { source: '/:path*', headers: everywhere },
      // Admin pages carry private data: no shared cache (CDN, proxy) may keep them.
      { source: '/admin/:path*', headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
    ];
  },
  experimental: {
    // unauthorized() in requireAdmin(): an admin action called without a session answers 401.
    authInterrupts: true,
    serverActions: {
      bodySizeLimit: SERVER_ACTION_BODY_LIMIT,
      // Besides the request's own host, only the site's public address may post to an action (a proxy
      // in front may present another Host). scripts/server.ts refuses other origins before Next.js.
      allowedOrigins: process.env.SITE_URL ? [new URL(process.env.SITE_URL).host] : [],
    },
  },
};

export default nextConfig;
