CREATE TABLE `attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`sub_event_id` integer,
	`person_id` integer NOT NULL,
	`date` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sub_event_id`) REFERENCES `sub_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `registry_people`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_unique_idx` ON `attendance` (`activity_id`,coalesce(`sub_event_id`, 0),`person_id`);--> statement-breakpoint
CREATE INDEX `attendance_project_idx` ON `attendance` (`project_id`,`date`);--> statement-breakpoint
CREATE INDEX `attendance_person_idx` ON `attendance` (`person_id`);--> statement-breakpoint
CREATE INDEX `attendance_sub_event_idx` ON `attendance` (`sub_event_id`);--> statement-breakpoint
CREATE TABLE `person_access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`project_id` integer,
	`person_id` integer NOT NULL,
	`action` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_access_log_person_idx` ON `person_access_log` (`person_id`,`id`);--> statement-breakpoint
CREATE INDEX `person_access_log_user_idx` ON `person_access_log` (`user_id`);--> statement-breakpoint
CREATE TABLE `registry_consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`kind` text NOT NULL,
	`purpose` text NOT NULL,
	`notice_version` text NOT NULL,
	`date` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `registry_people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `registry_consents_person_idx` ON `registry_consents` (`person_id`,`id`);--> statement-breakpoint
CREATE TABLE `registry_engagements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`date` text NOT NULL,
	`note` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `registry_organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `registry_engagements_org_idx` ON `registry_engagements` (`organisation_id`,`date`);--> statement-breakpoint
CREATE TABLE `registry_memberships` (
	`person_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	PRIMARY KEY(`person_id`, `organisation_id`),
	FOREIGN KEY (`person_id`) REFERENCES `registry_people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `registry_organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `registry_memberships_org_idx` ON `registry_memberships` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `registry_organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`type` text NOT NULL,
	`sectors` text DEFAULT '[]' NOT NULL,
	`contact_person` text,
	`contact_email` text,
	`contact_phone` text,
	`size_estimate` integer,
	`links` text DEFAULT '[]' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`illustrative` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `registry_organisations_project_idx` ON `registry_organisations` (`project_id`,`name`);--> statement-breakpoint
CREATE TABLE `registry_people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text,
	`sex` text DEFAULT 'not_stated' NOT NULL,
	`birth_year` integer,
	`country` text,
	`city` text,
	`years_abroad` integer,
	`occupation` text,
	`sectors` text DEFAULT '[]' NOT NULL,
	`skills` text DEFAULT '[]' NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`email` text,
	`email_key` text,
	`phone` text,
	`participant_group` text,
	`notes` text,
	`illustrative` integer DEFAULT false NOT NULL,
	`erased_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `registry_people_project_idx` ON `registry_people` (`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `registry_people_name_idx` ON `registry_people` (`project_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `registry_people_email_idx` ON `registry_people` (`project_id`,`email_key`);--> statement-breakpoint
CREATE INDEX `registry_people_country_idx` ON `registry_people` (`project_id`,`country`);--> statement-breakpoint
-- Hand-written (drizzle-kit does not generate triggers): the consent record is append-only.
-- Rows are never updated, and disappear only with their person (a record deleted as a mistake).
CREATE TRIGGER `registry_consents_no_update` BEFORE UPDATE ON `registry_consents`
BEGIN
	SELECT RAISE(ABORT, 'registry_consents is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `registry_consents_no_delete` BEFORE DELETE ON `registry_consents`
WHEN EXISTS (SELECT 1 FROM `registry_people` WHERE `id` = OLD.`person_id`)
BEGIN
	SELECT RAISE(ABORT, 'registry_consents is append-only');
END;
