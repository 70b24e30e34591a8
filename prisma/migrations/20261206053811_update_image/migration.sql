/*
  Warnings:

  - A unique constraint covering the columns `[imageId]` on the table `SupplierUpdate` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "SupplierUpdate" ADD COLUMN     "imageId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "SupplierUpdate_imageId_key" ON "SupplierUpdate"("imageId");

-- AddForeignKey
ALTER TABLE "SupplierUpdate" ADD CONSTRAINT "SupplierUpdate_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "MessageAttachment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
