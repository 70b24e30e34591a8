-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED');

-- AlterTable
ALTER TABLE "ProductAnswer" ADD COLUMN     "helpfulCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ProductQuestion" ADD COLUMN     "anonymous" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ProductAnswerHelpfulVote" (
    "answerId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductAnswerHelpfulVote_pkey" PRIMARY KEY ("answerId","userId")
);

-- CreateTable
CREATE TABLE "PublicQuestionProposal" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "supplierId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "proposedById" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'PENDING',
    "questionId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "PublicQuestionProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublicQuestionProposal_questionId_key" ON "PublicQuestionProposal"("questionId");

-- CreateIndex
CREATE INDEX "PublicQuestionProposal_conversationId_createdAt_idx" ON "PublicQuestionProposal"("conversationId", "createdAt");

-- AddForeignKey
ALTER TABLE "ProductAnswerHelpfulVote" ADD CONSTRAINT "ProductAnswerHelpfulVote_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "ProductAnswer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductAnswerHelpfulVote" ADD CONSTRAINT "ProductAnswerHelpfulVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicQuestionProposal" ADD CONSTRAINT "PublicQuestionProposal_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicQuestionProposal" ADD CONSTRAINT "PublicQuestionProposal_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicQuestionProposal" ADD CONSTRAINT "PublicQuestionProposal_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicQuestionProposal" ADD CONSTRAINT "PublicQuestionProposal_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "SupplierMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicQuestionProposal" ADD CONSTRAINT "PublicQuestionProposal_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "ProductQuestion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
