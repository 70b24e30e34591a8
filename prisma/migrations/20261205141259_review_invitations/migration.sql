-- CreateTable
CREATE TABLE "ReviewInvitation" (
    "orderId" UUID NOT NULL,
    "buyerId" UUID NOT NULL,
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dismissedAt" TIMESTAMP(3),

    CONSTRAINT "ReviewInvitation_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE INDEX "ReviewInvitation_buyerId_invitedAt_idx" ON "ReviewInvitation"("buyerId", "invitedAt" DESC);

-- AddForeignKey
ALTER TABLE "ReviewInvitation" ADD CONSTRAINT "ReviewInvitation_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewInvitation" ADD CONSTRAINT "ReviewInvitation_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
