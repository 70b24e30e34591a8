-- Full-text search over what participants see: message bodies and conversation subjects.
-- Generated columns (PostgreSQL keeps them in step with every insert, edit and unsend), declared
-- in schema.prisma as Unsupported("tsvector") so the schema and the migrations agree. Prisma
-- never writes them. The simple configuration: no language is recorded for a message, and
-- conversations here are in Portuguese, English and more, which the stemmer of any one language
-- would mangle. Words match exactly, case-insensitively. Searches leave unsent messages out.
-- (No quote or semicolon in these comments: the migration runner splits statements without reading comments.)

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "subjectVector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce("subject", ''))) STORED;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "body")) STORED;

-- CreateIndex
CREATE INDEX "Conversation_subjectVector_idx" ON "Conversation" USING GIN ("subjectVector");

-- CreateIndex
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");
