CREATE TABLE `expenditure_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`expenditure_id` integer NOT NULL,
	`stored_name` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`expenditure_id`) REFERENCES `expenditures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `expenditure_files_stored_name_unique` ON `expenditure_files` (`stored_name`);--> statement-breakpoint
CREATE INDEX `expenditure_files_entry_idx` ON `expenditure_files` (`expenditure_id`);--> statement-breakpoint
CREATE INDEX `expenditure_files_project_idx` ON `expenditure_files` (`project_id`);