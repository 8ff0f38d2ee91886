import 'server-only';
import type { PrismaClient } from '@/generated/prisma/client';
import { createPrismaClient } from './client';
import { env } from '../env';

// One client per process; dev hot reload re-evaluates modules, so it lives on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  return (globalForPrisma.prisma ??= createPrismaClient(env.DATABASE_URL, env.DATABASE_POOL_MAX));
}

/** Created on first use, so importing a module (as `next build` does) needs no database settings. */
export const db = new Proxy({} as PrismaClient, {
  get(_target, key) {
    const value = Reflect.get(client(), key);
    return typeof value === 'function' ? value.bind(client()) : value;
  },
});
