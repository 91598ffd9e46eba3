-- CreateTable
CREATE TABLE "NameVersion" (
    "slot" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "NameVersion_pkey" PRIMARY KEY ("slot")
);

-- Written by hand (Prisma's schema has no triggers; the drift test compares tables, columns, indexes and constraints,
-- which these leave alone). Every statement that changes what the in-process name index holds bumps "NameVersion" in
-- its own transaction, so a reader sees the new version exactly when it can see the new rows. A backend bumps the
-- slot pg_backend_pid() % 64: two writers wait on each other only when they share a slot.
CREATE FUNCTION "bump_name_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "NameVersion" ("slot", "version") VALUES (pg_backend_pid() % 64, 1)
  ON CONFLICT ("slot") DO UPDATE SET "version" = "NameVersion"."version" + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Customer_name_version"
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "name", "aliases", "searchKeys", "ownerId", "status" ON "Customer"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_name_version"();
CREATE TRIGGER "Contact_name_version"
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "name", "customerId" ON "Contact"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_name_version"();
CREATE TRIGGER "User_name_version"
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "handle", "name" ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_name_version"();
