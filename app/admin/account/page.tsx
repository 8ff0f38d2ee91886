import type { Metadata } from 'next';
import { requireAdminPage } from '@/server/auth/session';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const admin = await requireAdminPage();
  return (
    <>
      <h1>Account</h1>
      <p>
        Signed in as {admin.name} ({admin.email}).
      </p>
      <h2>Change password</h2>
      <PasswordForm />
    </>
  );
}
