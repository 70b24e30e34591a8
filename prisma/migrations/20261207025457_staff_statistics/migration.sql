-- CreateTable
CREATE TABLE "StatMinute" (
    "source" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "buckets" INTEGER[],

    CONSTRAINT "StatMinute_pkey" PRIMARY KEY ("source","name","minute")
);

-- CreateIndex
CREATE INDEX "StatMinute_minute_idx" ON "StatMinute"("minute");
