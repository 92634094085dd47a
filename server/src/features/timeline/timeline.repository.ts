import { and, asc, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { activities, activityDependencies, milestones, outcomes, outputs, projects, subEvents } from '../../db/schema';

export type DependencyRow = typeof activityDependencies.$inferSelect;

/** Every query the timeline needs runs once per project, never once per activity. */
export function createTimelineRepository(db: Db) {
  return {
    project: (id: number) =>
      db
        .select({
          id: projects.id,
          plannedStart: projects.plannedStart,
          plannedEnd: projects.plannedEnd,
          startYear: projects.startYear,
          endYear: projects.endYear,
        })
        .from(projects)
        .where(eq(projects.id, id))
        .get(),

    outcomes: (projectId: number) =>
      db.select().from(outcomes).where(eq(outcomes.projectId, projectId)).orderBy(asc(outcomes.position), asc(outcomes.id)).all(),

    outputs: (projectId: number) =>
      db.select().from(outputs).where(eq(outputs.projectId, projectId)).orderBy(asc(outputs.position), asc(outputs.id)).all(),

    activities: (projectId: number) =>
      db
        .select()
        .from(activities)
        .where(eq(activities.projectId, projectId))
        .orderBy(asc(activities.position), asc(activities.id))
        .all(),

    milestones: (projectId: number) =>
      db
        .select()
        .from(milestones)
        .where(eq(milestones.projectId, projectId))
        .orderBy(asc(milestones.dueDate), asc(milestones.id))
        .all(),

    subEvents: (projectId: number) =>
      db
        .select()
        .from(subEvents)
        .where(eq(subEvents.projectId, projectId))
        .orderBy(asc(subEvents.date), asc(subEvents.id))
        .all(),

    dependencies: (projectId: number) =>
      db
        .select()
        .from(activityDependencies)
        .where(eq(activityDependencies.projectId, projectId))
        .orderBy(asc(activityDependencies.id))
        .all(),

    dependenciesOf: (activityId: number) =>
      db
        .select()
        .from(activityDependencies)
        .where(or(eq(activityDependencies.predecessorId, activityId), eq(activityDependencies.successorId, activityId)))
        .orderBy(asc(activityDependencies.id))
        .all(),

    activityDates: (id: number) =>
      db
        .select({
          id: activities.id,
          projectId: activities.projectId,
          plannedStart: activities.plannedStart,
          plannedEnd: activities.plannedEnd,
          actualStart: activities.actualStart,
          actualEnd: activities.actualEnd,
        })
        .from(activities)
        .where(eq(activities.id, id))
        .get(),

    findDependency: (id: number) => db.select().from(activityDependencies).where(eq(activityDependencies.id, id)).get(),

    dependencyExists: (predecessorId: number, successorId: number) =>
      !!db
        .select({ id: activityDependencies.id })
        .from(activityDependencies)
        .where(and(eq(activityDependencies.predecessorId, predecessorId), eq(activityDependencies.successorId, successorId)))
        .get(),

    insertDependency: (values: typeof activityDependencies.$inferInsert) =>
      db.insert(activityDependencies).values(values).returning({ id: activityDependencies.id }).get().id,

    deleteDependency: (id: number) => db.delete(activityDependencies).where(eq(activityDependencies.id, id)).run(),
  };
}
export type TimelineRepository = ReturnType<typeof createTimelineRepository>;
