-- The access log is append-only: nobody, staff included, can change or remove an entry, so the
-- parties of a conversation can trust what it says about who opened it. The one change allowed
-- is the database's own: clearing conversationId when a conversation is deleted (ON DELETE SET NULL).
CREATE FUNCTION "access_log_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW."id" = OLD."id"
     AND NEW."actorId" = OLD."actorId"
     AND NEW."targetType" = OLD."targetType"
     AND NEW."targetId" = OLD."targetId"
     AND NEW."reason" IS NOT DISTINCT FROM OLD."reason"
     AND NEW."ip" IS NOT DISTINCT FROM OLD."ip"
     AND NEW."createdAt" = OLD."createdAt"
     AND NEW."conversationId" IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'The access log is append-only: its entries cannot be changed or removed.'
    USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AccessLog_append_only"
  BEFORE UPDATE OR DELETE ON "AccessLog"
  FOR EACH ROW EXECUTE FUNCTION "access_log_append_only"();
