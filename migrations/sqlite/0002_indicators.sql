CREATE TABLE `evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`value_id` integer NOT NULL,
	`stored_name` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`value_id`) REFERENCES `indicator_values`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_files_stored_name_unique` ON `evidence_files` (`stored_name`);--> statement-breakpoint
CREATE INDEX `evidence_files_value_idx` ON `evidence_files` (`value_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_project_idx` ON `evidence_files` (`project_id`);--> statement-breakpoint
CREATE TABLE `indicator_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`target` real,
	`target_disaggregation` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `indicator_periods_indicator_idx` ON `indicator_periods` (`indicator_id`,`start`);--> statement-breakpoint
CREATE INDEX `indicator_periods_project_idx` ON `indicator_periods` (`project_id`);--> statement-breakpoint
CREATE TABLE `indicator_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`value` real,
	`numerator` real,
	`denominator` real,
	`narrative` text,
	`score` integer,
	`disaggregation` text,
	`comment` text DEFAULT '' NOT NULL,
	`complete` integer DEFAULT false NOT NULL,
	`review_note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`submitted_by` integer,
	`submitted_at` text,
	`reviewed_by` integer,
	`reviewed_at` text,
	`illustrative` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`period_id`) REFERENCES `indicator_periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_values_period_idx` ON `indicator_values` (`period_id`);--> statement-breakpoint
CREATE INDEX `indicator_values_project_idx` ON `indicator_values` (`project_id`,`status`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`outcome_id` integer,
	`output_id` integer,
	`title` text NOT NULL,
	`definition` text DEFAULT '' NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`measure` text NOT NULL,
	`direction` text NOT NULL,
	`aggregation` text NOT NULL,
	`baseline_value` real,
	`baseline_year` integer,
	`baseline_comment` text DEFAULT '' NOT NULL,
	`target_value` real,
	`target_comment` text DEFAULT '' NOT NULL,
	`frequency` text NOT NULL,
	`disaggregations` text DEFAULT '[]' NOT NULL,
	`means_of_verification` text DEFAULT '' NOT NULL,
	`data_source` text DEFAULT '' NOT NULL,
	`responsible` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	`illustrative` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`outcome_id`) REFERENCES `outcomes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`output_id`) REFERENCES `outputs`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "indicators_one_parent" CHECK("indicators"."outcome_id" IS NULL OR "indicators"."output_id" IS NULL)
);
--> statement-breakpoint
CREATE INDEX `indicators_project_idx` ON `indicators` (`project_id`,`position`);--> statement-breakpoint
CREATE INDEX `indicators_outcome_idx` ON `indicators` (`outcome_id`);--> statement-breakpoint
CREATE INDEX `indicators_output_idx` ON `indicators` (`output_id`);--> statement-breakpoint
CREATE TABLE `project_settings` (
	`project_id` integer PRIMARY KEY NOT NULL,
	`rag_on_track` real NOT NULL,
	`rag_at_risk` real NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
