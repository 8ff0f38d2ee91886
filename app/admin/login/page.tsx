import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getAdmin } from '@/server/auth/session';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: PageProps<'/admin/login'>) {
  if (await getAdmin()) redirect('/admin/comments');
  const signedOut = (await searchParams).signedOut === '1';
  return (
    <>
      <h1>Sign in</h1>
      {signedOut && <p role="status">You have been signed out.</p>}
      <LoginForm />
    </>
  );
}
