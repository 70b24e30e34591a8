/*
  Warnings:

  - You are about to drop the column `rateLimit` on the `ApiKey` table. All the data in the column will be lost.
  - A unique constraint covering the columns `[supplierId]` on the table `Partner` will be added. If there are existing duplicate values, this will fail.
  - Added the required column `createdById` to the `ApiKey` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "ApiKey" DROP COLUMN "rateLimit",
ADD COLUMN     "bucketSize" INTEGER,
ADD COLUMN     "createdById" UUID NOT NULL,
ADD COLUMN     "lastUsedIp" TEXT,
ADD COLUMN     "restoreRate" INTEGER,
ADD COLUMN     "rotatedToId" UUID;

-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "supplierId" UUID;

-- CreateTable
CREATE TABLE "ApiKeyUsage" (
    "keyId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "cost" INTEGER NOT NULL DEFAULT 0,
    "throttled" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiKeyUsage_pkey" PRIMARY KEY ("keyId","day")
);

-- CreateIndex
CREATE INDEX "ApiKey_supplierId_idx" ON "ApiKey"("supplierId");

-- CreateIndex
CREATE UNIQUE INDEX "Partner_supplierId_key" ON "Partner"("supplierId");

-- AddForeignKey
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyUsage" ADD CONSTRAINT "ApiKeyUsage_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
