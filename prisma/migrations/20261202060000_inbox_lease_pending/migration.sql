-- AlterTable
ALTER TABLE "InboxMessage" ADD COLUMN     "leaseToken" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "pending" JSONB,
ADD COLUMN     "pendingOutcome" TEXT,
ADD COLUMN     "pendingUntil" TIMESTAMP(3);

