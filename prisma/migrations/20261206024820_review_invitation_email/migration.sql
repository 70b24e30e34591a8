-- AlterTable
ALTER TABLE "ReviewInvitation" ADD COLUMN     "emailedAt" TIMESTAMP(3);
