import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/options';

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  return NextAuth(authOptions())(request, context);
}

/** Credentials are only ever POSTed; next-auth answers a GET of their callback with a 500. */
async function GET(request: Request, context: Context) {
  if ((await context.params).nextauth[0] === 'callback') {
    return new Response('Sign in with the form at /admin/login.\n', { status: 405, headers: { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' } });
  }
  return handler(request, context);
}

export { GET, handler as POST };
