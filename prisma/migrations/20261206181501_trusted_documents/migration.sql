-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "trustedDocumentsOnly" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "TrustedDocument" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustedDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrustedDocument_partnerId_hash_key" ON "TrustedDocument"("partnerId", "hash");

-- AddForeignKey
ALTER TABLE "TrustedDocument" ADD CONSTRAINT "TrustedDocument_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
