// next-auth's types, told once what this app keeps in its sessions and tokens.
import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    adminId: number;
    /** Compared with PostgreSQL on every request: sign-out and password changes bump it. */
    sessionVersion: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sessionVersion?: number;
  }
}
