import { integer } from 'drizzle-orm/sqlite-core';
import { projects } from './projects';

/** The project a row belongs to; deleting the project deletes the row. */
export const projectId = () =>
  integer('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' });
