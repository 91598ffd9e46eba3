-- AlterTable
ALTER TABLE "InboxMessage" ADD COLUMN     "pending" JSONB;

