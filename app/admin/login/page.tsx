import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { noticeText } from '@/lib/admin-notices';
import { getAdmin } from '@/server/auth/session';
import { Notice } from '@/ui/notice';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: PageProps<'/admin/login'>) {
  if (await getAdmin()) redirect('/admin/comments');
  const notice = noticeText('/admin/login', (await searchParams).notice);
  return (
    <>
      <h1>Sign in</h1>
      {notice && <Notice notice={notice} />}
      <LoginForm />
    </>
  );
}
