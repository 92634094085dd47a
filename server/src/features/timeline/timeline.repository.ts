import { and, asc, eq, or } from 'drizzle-orm';
import { single, first, type Db } from '../../db/client';
import { activities, activityDependencies, milestones, outcomes, outputs, projects, subEvents } from '../../db/schema';

export type DependencyRow = typeof activityDependencies.$inferSelect;

/** Every query the timeline needs runs once per project, never once per activity. */
export function createTimelineRepository(db: Db) {
  return {
    project: async (id: number) =>
      await first(
        db
          .select({
            id: projects.id,
            plannedStart: projects.plannedStart,
            plannedEnd: projects.plannedEnd,
            startYear: projects.startYear,
            endYear: projects.endYear,
          })
          .from(projects)
          .where(eq(projects.id, id)),
      ),

    outcomes: async (projectId: number) =>
      await db.select().from(outcomes).where(eq(outcomes.projectId, projectId)).orderBy(asc(outcomes.position), asc(outcomes.id)),

    outputs: async (projectId: number) =>
      await db.select().from(outputs).where(eq(outputs.projectId, projectId)).orderBy(asc(outputs.position), asc(outputs.id)),

    activities: async (projectId: number) =>
      await db.select().from(activities).where(eq(activities.projectId, projectId)).orderBy(asc(activities.position), asc(activities.id)),

    milestones: async (projectId: number) =>
      await db.select().from(milestones).where(eq(milestones.projectId, projectId)).orderBy(asc(milestones.dueDate), asc(milestones.id)),

    subEvents: async (projectId: number) =>
      await db.select().from(subEvents).where(eq(subEvents.projectId, projectId)).orderBy(asc(subEvents.date), asc(subEvents.id)),

    dependencies: async (projectId: number) =>
      await db.select().from(activityDependencies).where(eq(activityDependencies.projectId, projectId)).orderBy(asc(activityDependencies.id)),

    dependenciesOf: async (activityId: number) =>
      await db
        .select()
        .from(activityDependencies)
        .where(or(eq(activityDependencies.predecessorId, activityId), eq(activityDependencies.successorId, activityId)))
        .orderBy(asc(activityDependencies.id)),

    activityDates: async (id: number) =>
      await first(
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
          .where(eq(activities.id, id)),
      ),

    findDependency: async (id: number) => await first(db.select().from(activityDependencies).where(eq(activityDependencies.id, id))),

    dependencyExists: async (predecessorId: number, successorId: number) =>
      !!(await first(
        db
          .select({ id: activityDependencies.id })
          .from(activityDependencies)
          .where(and(eq(activityDependencies.predecessorId, predecessorId), eq(activityDependencies.successorId, successorId))),
      )),

    insertDependency: async (values: typeof activityDependencies.$inferInsert) =>
      (await single(db.insert(activityDependencies).values(values).returning({ id: activityDependencies.id }))).id,

    deleteDependency: async (id: number) => {
      await db.delete(activityDependencies).where(eq(activityDependencies.id, id));
    },
  };
}
export type TimelineRepository = ReturnType<typeof createTimelineRepository>;
