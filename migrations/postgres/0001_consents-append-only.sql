-- Hand-written (drizzle-kit does not generate triggers), as SQLite's 0004_registry: the consent
-- record is append-only. Rows are never updated, and disappear only with their person (a record
-- deleted as a mistake). A trigger's WHEN cannot hold a subquery here, so the delete check is in
-- the function. The person's delete cascades to its consents after the person row is gone, so
-- the check lets that through and nothing else.
CREATE FUNCTION "registry_consents_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'registry_consents is append-only';
END;
$$;--> statement-breakpoint
CREATE FUNCTION "registry_consents_refuse_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM "registry_people" WHERE "id" = OLD."person_id") THEN
		RAISE EXCEPTION 'registry_consents is append-only';
	END IF;
	RETURN OLD;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "registry_consents_no_update" BEFORE UPDATE ON "registry_consents"
FOR EACH ROW EXECUTE FUNCTION "registry_consents_refuse_update"();--> statement-breakpoint
CREATE TRIGGER "registry_consents_no_delete" BEFORE DELETE ON "registry_consents"
FOR EACH ROW EXECUTE FUNCTION "registry_consents_refuse_delete"();
