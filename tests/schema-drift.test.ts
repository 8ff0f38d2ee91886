import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/server/db/migrate';
import { databaseUrl, testDb } from './helpers/database';
import type { RuntimeDataModel } from './helpers/prisma-schema';
import { compareShapes, expectedShape, readDatabaseShape, type DatabaseShape } from './helpers/schema-drift';
import { createScratchDatabase } from './helpers/scratch-database';

/**
 * prisma/schema.prisma and prisma/migrations/*.sql are kept by hand (the Prisma CLI cannot diff them
 * offline here), so this test is what notices when they disagree.
 */
const SCHEMA_FILE = path.resolve(import.meta.dirname, '../prisma/schema.prisma');
const schemaText = readFileSync(SCHEMA_FILE, 'utf8');

/** Where Prisma 7's generated client keeps its data model and the schema it was generated from (internal fields). */
function generatedClient(): { runtime: RuntimeDataModel; inlineSchema: string } {
  const client = testDb as unknown as { _runtimeDataModel?: RuntimeDataModel; _engineConfig?: { inlineSchema?: string } };
  const runtime = client._runtimeDataModel;
  const inlineSchema = client._engineConfig?.inlineSchema;
  if (!runtime?.models || typeof inlineSchema !== 'string') {
    throw new Error('The Prisma client no longer exposes _runtimeDataModel / _engineConfig.inlineSchema: update tests/schema-drift.test.ts');
  }
  return { runtime, inlineSchema };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const clone = (shape: DatabaseShape): DatabaseShape => structuredClone(shape);

describe('schema.prisma and the migrations', () => {
  const { runtime, inlineSchema } = generatedClient();
  const { shape: expected, problems: readProblems } = expectedShape(runtime, schemaText);
  let actual: DatabaseShape;

  beforeAll(async () => {
    actual = await withClient(databaseUrl(), (client) => readDatabaseShape(client));
  });

  it('the generated client was generated from the current prisma/schema.prisma', () => {
    // If not: node scripts/prisma-generate.mjs (npm ci and npm install run it). Layout and comments may differ.
    const meaningful = (text: string) =>
      text
        .replace(/\/\/.*$/gm, '')
        .replace(/\s+/g, ' ')
        .trim();
    expect(meaningful(inlineSchema)).toBe(meaningful(schemaText));
  });

  it('reads every model and field of the runtime data model from the schema', () => {
    expect(readProblems).toEqual([]);
    const tableOf = (model: string) => runtime.models[model]!.dbName ?? model;
    expect([...expected.tables.keys()].sort()).toEqual(Object.keys(runtime.models).map(tableOf).sort());
    for (const [model, { fields }] of Object.entries(runtime.models)) {
      const columns = fields.filter((f) => f.kind !== 'object').map((f) => f.name);
      expect([...expected.tables.get(tableOf(model))!.columns.keys()].sort(), model).toEqual(columns.sort());
    }
  });

  it('expects what the schema says (the comparer is not comparing empty shapes)', () => {
    const comment = expected.tables.get('Comment')!;
    expect(comment.columns.get('authorName')).toEqual({ dataType: 'character varying', enumName: null, maxLength: 245, precision: null, nullable: false });
    expect(comment.columns.get('authorUrl')).toMatchObject({ dataType: 'character varying', maxLength: 200, nullable: true });
    expect(comment.columns.get('body')).toMatchObject({ dataType: 'text', maxLength: null, nullable: false });
    expect(comment.columns.get('status')).toMatchObject({ dataType: 'USER-DEFINED', enumName: 'CommentStatus', nullable: false });
    expect(comment.columns.get('createdAt')).toMatchObject({ dataType: 'timestamp with time zone', precision: 3 });
    expect(comment.indexes).toEqual(
      expect.arrayContaining([
        { name: 'Comment_pkey', columns: ['id'], unique: true, primary: true },
        { name: 'Comment_postId_status_createdAt_id_idx', columns: ['postId', 'status', 'createdAt', 'id'], unique: false, primary: false },
        { name: 'Comment_status_createdAt_idx', columns: ['status', 'createdAt'], unique: false, primary: false },
        { name: 'Comment_authorEmail_authorName_status_idx', columns: ['authorEmail', 'authorName', 'status'], unique: false, primary: false },
        { name: 'Comment_parentId_idx', columns: ['parentId'], unique: false, primary: false },
      ]),
    );
    expect(comment.foreignKeys).toEqual(
      expect.arrayContaining([
        { name: 'Comment_postId_fkey', columns: ['postId'], refTable: 'Post', refColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'CASCADE' },
        { name: 'Comment_parentId_fkey', columns: ['parentId'], refTable: 'Comment', refColumns: ['id'], onDelete: 'SET NULL', onUpdate: 'CASCADE' },
      ]),
    );
    expect(expected.tables.get('Post')!.indexes).toContainEqual({ name: 'Post_slug_key', columns: ['slug'], unique: true, primary: false });
    expect(expected.enums.get('CommentStatus')).toEqual(['PENDING', 'APPROVED', 'SPAM', 'TRASH']);
  });

  it('the migrated database has exactly the tables, columns, types, indexes, keys and enums of the schema', () => {
    expect(compareShapes(expected, actual)).toEqual([]);
  });

  describe('the comparer', () => {
    it('reports a field the migrations lack (a schema copy with an extra field and index)', () => {
      const edited = schemaText
        .replace('  commentsOpen Boolean', '  subtitle     String?   @db.VarChar(120)\n  commentsOpen Boolean')
        .replace('@@index([publishedAt, id])', '@@index([publishedAt, id])\n  @@index([slug, title])');
      const editedRuntime = structuredClone(runtime);
      editedRuntime.models.Post!.fields.push({ name: 'subtitle', kind: 'scalar', type: 'String' });
      const { shape, problems } = expectedShape(editedRuntime, edited);

      expect(problems).toEqual([]);
      expect(compareShapes(shape, actual)).toEqual([
        'column "Post"."subtitle" is missing from the database (schema: character varying(120) NULL)',
        '"Post": index Post_slug_title_idx (slug, title) is missing from the database',
      ]);
    });

    it('reports a generated client that is older than the schema', () => {
      const edited = schemaText.replace('  commentsOpen Boolean', '  subtitle     String?\n  commentsOpen Boolean');
      expect(expectedShape(runtime, edited).problems).toEqual([
        'Post: fields of the generated client differ from prisma/schema.prisma: run node scripts/prisma-generate.mjs',
      ]);
    });

    it('reports each kind of difference', () => {
      const db = clone(expected);
      const post = db.tables.get('Post')!;
      const comment = db.tables.get('Comment')!;
      post.columns.delete('dateline');
      post.columns.set('legacy', { dataType: 'text', enumName: null, maxLength: null, precision: null, nullable: true });
      post.columns.get('title')!.maxLength = 255;
      post.columns.get('excerpt')!.nullable = true;
      post.columns.get('commentsOpen')!.dataType = 'integer';
      post.columns.get('publishedAt')!.dataType = 'timestamp without time zone';
      post.indexes = post.indexes.filter((i) => i.name !== 'Post_slug_key');
      comment.indexes.find((i) => i.name === 'Comment_status_createdAt_idx')!.columns = ['createdAt', 'status'];
      comment.foreignKeys[0]!.onDelete = 'RESTRICT';
      db.tables.set('Tag', { columns: new Map(), indexes: [], foreignKeys: [] });
      db.enums.set('CommentStatus', ['PENDING', 'APPROVED', 'SPAM']);

      expect(compareShapes(expected, db)).toEqual([
        'column "Post"."title": schema says character varying(300) NOT NULL, database has character varying(255) NOT NULL',
        'column "Post"."dateline" is missing from the database (schema: character varying(200) NOT NULL)',
        'column "Post"."excerpt": schema says character varying(600) NOT NULL, database has character varying(600) NULL',
        'column "Post"."publishedAt": schema says timestamp with time zone precision 3 NULL, database has timestamp without time zone precision 3 NULL',
        'column "Post"."commentsOpen": schema says boolean NOT NULL, database has integer NOT NULL',
        'column "Post"."legacy" (text NULL) is in the database but not in the schema',
        '"Post": unique index Post_slug_key (slug) is missing from the database',
        '"Comment": index Comment_status_createdAt_idx (status, createdAt) is missing from the database',
        '"Comment": index Comment_status_createdAt_idx (createdAt, status) is in the database but not in the schema',
        '"Comment": foreign key Comment_postId_fkey (postId) → Post(id) ON DELETE CASCADE ON UPDATE CASCADE is missing from the database',
        '"Comment": foreign key Comment_postId_fkey (postId) → Post(id) ON DELETE RESTRICT ON UPDATE CASCADE is in the database but not in the schema',
        'table "Tag" is in the database but not in the schema',
        'enum "CommentStatus": schema has PENDING, APPROVED, SPAM, TRASH, database has PENDING, APPROVED, SPAM',
      ]);
      expect(compareShapes(expected, { tables: new Map(), enums: new Map() })).toEqual([
        ...[...expected.tables.keys()].map((table) => `table "${table}" is missing from the database`),
        ...[...expected.enums.keys()].map((name) => `enum "${name}" is missing from the database`),
      ]);
    });

    describe('against a database changed after migrating', () => {
      let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
      beforeAll(async () => {
        scratch = await createScratchDatabase();
        await migrate(scratch.url);
      });
      afterAll(() => scratch?.drop());

      it('reads the changes from the catalog', async () => {
        const changed = await withClient(scratch.url, async (client) => {
          await client.query(`
            ALTER TABLE "Post" ADD COLUMN "extra" TEXT;
            ALTER TABLE "Comment" ALTER COLUMN "authorName" TYPE VARCHAR(200);
            ALTER TABLE "Post" ALTER COLUMN "excerpt" DROP NOT NULL;
            DROP INDEX "Comment_parentId_idx";
            ALTER TYPE "CommentStatus" ADD VALUE 'ARCHIVED';`);
          return readDatabaseShape(client);
        });

        expect(compareShapes(expected, changed)).toEqual([
          'column "Post"."excerpt": schema says character varying(600) NOT NULL, database has character varying(600) NULL',
          'column "Post"."extra" (text NULL) is in the database but not in the schema',
          'column "Comment"."authorName": schema says character varying(245) NOT NULL, database has character varying(200) NOT NULL',
          '"Comment": index Comment_parentId_idx (parentId) is missing from the database',
          'enum "CommentStatus": schema has PENDING, APPROVED, SPAM, TRASH, database has PENDING, APPROVED, SPAM, TRASH, ARCHIVED',
        ]);
      });
    });
  });
});
