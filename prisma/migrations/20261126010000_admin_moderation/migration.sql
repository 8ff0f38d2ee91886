-- CreateEnum
CREATE TYPE "ApprovalPolicy" AS ENUM ('HOLD_ALL', 'PREVIOUSLY_APPROVED', 'APPROVE_ALL');

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "isAdminReply" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "statusChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "AdminUser" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(100) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "passwordHash" VARCHAR(255) NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AdminUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "adminId" INTEGER,
    "adminEmail" VARCHAR(100) NOT NULL,
    "action" VARCHAR(40) NOT NULL,
    "commentId" INTEGER,
    "postId" INTEGER,
    "fromStatus" "CommentStatus",
    "toStatus" "CommentStatus",
    "detail" VARCHAR(1000),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiscussionSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "commentsOpenByDefault" BOOLEAN NOT NULL DEFAULT true,
    "approvalPolicy" "ApprovalPolicy" NOT NULL DEFAULT 'PREVIOUSLY_APPROVED',
    "holdLinkCount" INTEGER NOT NULL DEFAULT 2,
    "moderationWords" TEXT NOT NULL DEFAULT '',
    "disallowedWords" TEXT NOT NULL DEFAULT '',
    "closeAfterDays" INTEGER,
    "purgeAfterDays" INTEGER NOT NULL DEFAULT 30,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DiscussionSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "AdminUser_email_key" ON "AdminUser"("email");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_commentId_idx" ON "AuditLog"("commentId");

-- CreateIndex
CREATE INDEX "Comment_status_statusChangedAt_idx" ON "Comment"("status", "statusChangedAt");

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "AdminUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;
