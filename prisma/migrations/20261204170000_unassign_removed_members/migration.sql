-- Removing a team member now unassigns their conversations in the same transaction. Conversations
-- assigned to members removed before that change still name them: unassign those too.
UPDATE "Conversation" SET "assigneeId" = NULL
WHERE "assigneeId" IN (SELECT "id" FROM "SupplierMember" WHERE "removedAt" IS NOT NULL);
