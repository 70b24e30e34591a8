-- AlterTable
ALTER TABLE "ReviewResponse" ADD COLUMN     "currentVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ReviewResponseVersion" (
    "id" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewResponseVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewResponseVersion_responseId_version_key" ON "ReviewResponseVersion"("responseId", "version");

-- AddForeignKey
ALTER TABLE "ReviewResponseVersion" ADD CONSTRAINT "ReviewResponseVersion_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "ReviewResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewResponseVersion" ADD CONSTRAINT "ReviewResponseVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "SupplierMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Responses written before versions existed become their own version 1.
INSERT INTO "ReviewResponseVersion" ("id", "responseId", "version", "body", "authorId", "createdAt")
SELECT gen_random_uuid(), "id", 1, "body", "authorId", "createdAt" FROM "ReviewResponse";
