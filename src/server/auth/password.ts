import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { PASSWORD_MAX } from '@/lib/schemas/admin';

/** OWASP's argon2id parameters: 19 MiB of memory, 2 passes, 1 lane. */
// Algorithm.Argon2id is a const enum, which isolated modules cannot inline.
const ARGON2ID = 2 as Algorithm;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  if (password.length > PASSWORD_MAX) throw new Error('Password too long');
  return hash(password, ARGON2_OPTIONS);
}

// Checked against when the email is unknown, so a wrong email costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  const target = storedHash ?? (await (dummyHash ??= hash('not-a-real-password-just-timing', ARGON2_OPTIONS)));
  try {
    const ok = await verify(target, password);
    return ok && Boolean(storedHash);
  } catch {
    return false;
  }
}
