import Link from 'next/link';

export default function Unauthorized() {
  return (
    <>
      <h1>Please sign in</h1>
      <p>You need to be signed in as an admin to do that.</p>
      <p>
        <Link href="/admin/login">Sign in</Link>
      </p>
    </>
  );
}
