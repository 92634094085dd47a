CREATE TABLE `budget_line_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_line_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`from_minor` integer NOT NULL,
	`to_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text NOT NULL,
	`user_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `budget_line_revisions_line_idx` ON `budget_line_revisions` (`budget_line_id`,`id`);--> statement-breakpoint
CREATE TABLE `budget_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`activity_id` integer,
	`code` text DEFAULT '' NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`original_minor` integer NOT NULL,
	`revised_minor` integer,
	`currency` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`illustrative` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `budget_lines_project_idx` ON `budget_lines` (`project_id`,`category`);--> statement-breakpoint
CREATE INDEX `budget_lines_activity_idx` ON `budget_lines` (`activity_id`);--> statement-breakpoint
CREATE TABLE `budget_settings` (
	`project_id` integer PRIMARY KEY NOT NULL,
	`tolerance_bp` integer DEFAULT 1000 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `expenditures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`budget_line_id` integer,
	`activity_id` integer,
	`type` text NOT NULL,
	`date` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`fx_rate` text NOT NULL,
	`converted_minor` integer NOT NULL,
	`converted_currency` text NOT NULL,
	`payee` text DEFAULT '' NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`correction` integer DEFAULT false NOT NULL,
	`illustrative` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `expenditures_project_idx` ON `expenditures` (`project_id`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `expenditures_line_idx` ON `expenditures` (`budget_line_id`);--> statement-breakpoint
CREATE INDEX `expenditures_activity_idx` ON `expenditures` (`activity_id`);--> statement-breakpoint
CREATE TABLE `activity_dependencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`predecessor_id` integer NOT NULL,
	`successor_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`predecessor_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`successor_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_dependencies_pair_idx` ON `activity_dependencies` (`predecessor_id`,`successor_id`);--> statement-breakpoint
CREATE INDEX `activity_dependencies_project_idx` ON `activity_dependencies` (`project_id`);--> statement-breakpoint
CREATE INDEX `activity_dependencies_successor_idx` ON `activity_dependencies` (`successor_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`activity_id` integer,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	`done_date` text,
	`evidence_note` text DEFAULT '' NOT NULL,
	`illustrative` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `milestones_project_idx` ON `milestones` (`project_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `milestones_activity_idx` ON `milestones` (`activity_id`);--> statement-breakpoint
CREATE TABLE `sub_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`end_date` text,
	`place` text DEFAULT '' NOT NULL,
	`participants_women` integer,
	`participants_men` integer,
	`participants_government` integer,
	`participants_diaspora` integer,
	`participants_civil_society` integer,
	`participants_international` integer,
	`notes` text DEFAULT '' NOT NULL,
	`illustrative` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sub_events_activity_idx` ON `sub_events` (`activity_id`,`date`);--> statement-breakpoint
CREATE INDEX `sub_events_project_idx` ON `sub_events` (`project_id`);