ALTER TABLE `registry_organisations` ADD `contact_person_id` integer REFERENCES registry_people(id) ON UPDATE no action ON DELETE set null;--> statement-breakpoint
CREATE INDEX `registry_organisations_contact_idx` ON `registry_organisations` (`contact_person_id`);--> statement-breakpoint
-- The free-text contact becomes a link when exactly one person of the organisation's project (not erased) has that full name; otherwise it is dropped with the column.
UPDATE `registry_organisations` SET `contact_person_id` = (
	SELECT p.`id` FROM `registry_people` p
	WHERE p.`project_id` = `registry_organisations`.`project_id` AND p.`erased_at` IS NULL AND p.`name` = trim(`registry_organisations`.`contact_person`)
)
WHERE `contact_person` IS NOT NULL AND (
	SELECT count(*) FROM `registry_people` p
	WHERE p.`project_id` = `registry_organisations`.`project_id` AND p.`erased_at` IS NULL AND p.`name` = trim(`registry_organisations`.`contact_person`)
) = 1;--> statement-breakpoint
ALTER TABLE `registry_organisations` DROP COLUMN `contact_person`;
