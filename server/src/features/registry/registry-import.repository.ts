import { eq } from 'drizzle-orm';
import { nameKey } from '@shared/calc/registry-duplicates';
import type { Db } from '../../db/client';
import { registryConsents, registryMemberships, registryOrganisations, registryPeople } from '../../db/schema';
import { CHUNK, personColumns, type ImportedPerson, type PersonInsert } from './registry-rows';

/** What the survey import reads and writes beyond the single-record queries. */
export function createImportRepository(db: Db) {
  return {
    async organisationsByName(projectId: number): Promise<Map<string, number>> {
      const rows = await db
        .select({ id: registryOrganisations.id, name: registryOrganisations.name })
        .from(registryOrganisations)
        .where(eq(registryOrganisations.projectId, projectId));
      return new Map(rows.map((r) => [nameKey(r.name), r.id]));
    },

    /**
     * Writers for a bulk import, run inside the caller's transaction: many rows to a
     * statement is what makes 10,000 rows take well under a second.
     */
    bulkWriters() {
      return {
        /** Inserts the people in order and answers their ids in the same order. */
        async insertPeople(people: readonly ImportedPerson[], projectId: number): Promise<number[]> {
          const ids: number[] = [];
          for (let i = 0; i < people.length; i += CHUNK) {
            const rows = await db
              .insert(registryPeople)
              .values(people.slice(i, i + CHUNK).map((p) => ({ ...(personColumns(p) as PersonInsert), projectId })))
              .returning({ id: registryPeople.id });
            // Ids grow in the order of the rows; the order RETURNING answers them in is not promised.
            ids.push(...rows.map((r) => r.id).sort((x, y) => x - y));
          }
          return ids;
        },
        async addMemberships(rows: readonly { personId: number; organisationId: number }[]): Promise<void> {
          for (let i = 0; i < rows.length; i += CHUNK) {
            await db
              .insert(registryMemberships)
              .values(rows.slice(i, i + CHUNK))
              .onConflictDoNothing();
          }
        },
        async addConsents(
          rows: readonly { personId: number; purpose: string; noticeVersion: string; date: string; userId: number }[],
        ): Promise<void> {
          for (let i = 0; i < rows.length; i += CHUNK) {
            await db.insert(registryConsents).values(
              rows.slice(i, i + CHUNK).map((r) => ({
                personId: r.personId,
                kind: 'given' as const,
                purpose: r.purpose,
                noticeVersion: r.noticeVersion,
                date: r.date,
                recordedBy: r.userId,
              })),
            );
          }
        },
      };
    },
  };
}
