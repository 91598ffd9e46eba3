-- AlterTable
ALTER TABLE "InboxMessage" ADD COLUMN     "question" JSONB;

