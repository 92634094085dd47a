-- users.locale becomes nullable: null means the account has no language chosen yet (decision 010).
-- SQLite cannot drop NOT NULL in place, and drizzle-kit's rebuild of `users` is not safe here: the
-- migrator runs inside a transaction, where PRAGMA foreign_keys=OFF does nothing, so DROP TABLE `users`
-- would fire every foreign key (memberships, sessions and two-factor secrets deleted, audit actors
-- nulled) or fail outright where comments exist. The column is replaced instead; every row keeps its
-- id and its language, and existing accounts count as having chosen theirs.
ALTER TABLE `users` ADD `locale_new` text;--> statement-breakpoint
UPDATE `users` SET `locale_new` = `locale`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `locale`;--> statement-breakpoint
ALTER TABLE `users` RENAME COLUMN `locale_new` TO `locale`;
