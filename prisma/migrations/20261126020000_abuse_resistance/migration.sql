-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "dedupeKey" VARCHAR(64),
ADD COLUMN     "formNonce" VARCHAR(64);

-- AlterTable
ALTER TABLE "DiscussionSettings" ADD COLUMN     "floodIntervalSeconds" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "floodMaxPerHour" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "minFillSeconds" INTEGER NOT NULL DEFAULT 3;

-- CreateIndex
CREATE UNIQUE INDEX "Comment_dedupeKey_key" ON "Comment"("dedupeKey");
