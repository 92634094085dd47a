import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { ContactPerson, Engagement, ListOrganisationsQuery, Organisation } from '@shared/schemas/registry-organisation';
import { first, single, type Db } from '../../db/client';
import { jsonArrayHas } from '../../db/portable';
import { registryEngagements, registryMemberships, registryOrganisations, registryPeople } from '../../db/schema';
import { updateVersioned } from '../../repositories/versioned';
import type { OrganisationInsert, OrganisationRow } from './registry-rows';

/** Organisations with their engagements, member counts and contact person. */
export function createOrganisationsRepository(db: Db) {
  /** The contact people of these organisations, by person id (one query for the list). */
  async function contactsOf(rows: OrganisationRow[]): Promise<Map<number, ContactPerson>> {
    const ids = [...new Set(rows.flatMap((r) => (r.contactPersonId === null ? [] : [r.contactPersonId])))];
    if (!ids.length) return new Map();
    return new Map(
      (
        await db
          .select({ id: registryPeople.id, name: registryPeople.name, erasedAt: registryPeople.erasedAt })
          .from(registryPeople)
          .where(inArray(registryPeople.id, ids))
      ).map((p) => [p.id, { id: p.id, name: p.name, erased: p.erasedAt !== null }]),
    );
  }

  async function organisationRowsToApi(rows: OrganisationRow[]): Promise<Organisation[]> {
    const ids = rows.map((r) => r.id);
    const engagements = new Map<number, Engagement[]>();
    const members = new Map<number, number>();
    const contacts = await contactsOf(rows);
    if (ids.length) {
      for (const e of await db
        .select()
        .from(registryEngagements)
        .where(inArray(registryEngagements.organisationId, ids))
        .orderBy(asc(registryEngagements.date), asc(registryEngagements.id))) {
        engagements.set(e.organisationId, [
          ...(engagements.get(e.organisationId) ?? []),
          { id: e.id, date: e.date, note: e.note, createdAt: e.createdAt },
        ]);
      }
      for (const m of await db
        .select({ id: registryMemberships.organisationId, n: count() })
        .from(registryMemberships)
        .where(inArray(registryMemberships.organisationId, ids))
        .groupBy(registryMemberships.organisationId)) {
        members.set(m.id, Number(m.n));
      }
    }
    return rows.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      name: r.name,
      country: r.country,
      city: r.city,
      type: r.type as Organisation['type'],
      sectors: r.sectors as Organisation['sectors'],
      contactPerson: r.contactPersonId === null ? null : (contacts.get(r.contactPersonId) ?? null),
      contactEmail: r.contactEmail,
      contactPhone: r.contactPhone,
      sizeEstimate: r.sizeEstimate,
      links: r.links,
      description: r.description,
      engagements: engagements.get(r.id) ?? [],
      memberCount: members.get(r.id) ?? 0,
      illustrative: r.illustrative,
      redacted: false,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }

  return {
    async listOrganisations(query: ListOrganisationsQuery): Promise<Organisation[]> {
      const where: SQL[] = [eq(registryOrganisations.projectId, query.projectId)];
      if (query.country) where.push(eq(registryOrganisations.country, query.country));
      if (query.type) where.push(eq(registryOrganisations.type, query.type));
      if (query.sector) {
        where.push(jsonArrayHas(registryOrganisations.sectors, query.sector));
      }
      const rows = await db
        .select()
        .from(registryOrganisations)
        .where(and(...where))
        .orderBy(asc(registryOrganisations.name), asc(registryOrganisations.id));
      return organisationRowsToApi(rows);
    },

    async findOrganisation(id: number): Promise<Organisation | undefined> {
      const row = await first(db.select().from(registryOrganisations).where(eq(registryOrganisations.id, id)));
      return row ? (await organisationRowsToApi([row]))[0] : undefined;
    },

    insertOrganisation: async (values: OrganisationInsert): Promise<number> =>
      (await single(db.insert(registryOrganisations).values(values).returning({ id: registryOrganisations.id }))).id,

    async updateOrganisationVersioned(id: number, version: number, values: Partial<OrganisationInsert>): Promise<boolean> {
      return updateVersioned(db, registryOrganisations, registryOrganisations.id, id, version, values);
    },

    deleteOrganisation: async (id: number): Promise<void> => {
      await db.delete(registryOrganisations).where(eq(registryOrganisations.id, id));
    },

    insertEngagement: async (values: typeof registryEngagements.$inferInsert): Promise<number> =>
      (await single(db.insert(registryEngagements).values(values).returning({ id: registryEngagements.id }))).id,
  };
}
