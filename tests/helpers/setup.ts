import { afterAll, beforeEach } from 'vitest';
import { disconnectAll, resetDatabase } from './database';

beforeEach(resetDatabase);
afterAll(disconnectAll);
