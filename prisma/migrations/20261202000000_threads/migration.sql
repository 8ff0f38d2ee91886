-- Threads: every comment knows the first comment of its thread and how deep it sits, so a page of
-- threads is two indexed reads (its first comments, then their replies) whatever the thread shape.
ALTER TABLE "Comment" ADD COLUMN "rootId" INTEGER,
ADD COLUMN "depth" INTEGER NOT NULL DEFAULT 0;

WITH RECURSIVE tree AS (
  SELECT id, id AS root, 0 AS depth FROM "Comment" WHERE "parentId" IS NULL
  UNION ALL
  SELECT c.id, tree.root, tree.depth + 1 FROM "Comment" c JOIN tree ON c."parentId" = tree.id
)
UPDATE "Comment" c SET "rootId" = NULLIF(tree.root, c.id), "depth" = tree.depth FROM tree WHERE c.id = tree.id;

-- AlterTable
ALTER TABLE "DiscussionSettings" ADD COLUMN "threadDepth" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN "newestPageFirst" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "Comment_postId_status_rootId_createdAt_id_idx" ON "Comment"("postId", "status", "rootId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Comment_rootId_status_idx" ON "Comment"("rootId", "status");
