import { explain } from '@shared/issue-messages';
import { fieldIssue, issue } from '@shared/issues';
import type { NewPersonFields, Person } from '@shared/schemas/registry';
import {
  ImportConsentSchema,
  ImportDecisionsSchema,
  ImportMappingSchema,
  type ImportPreview,
  type ImportResult,
} from '@shared/schemas/registry-import';
import { writeAudit } from '../../core/audit';
import type { AuthUser } from '../../core/auth-user';
import { validationFailed } from '../../core/errors';
import { IMPORT_LIMITS } from '../../core/import-limits';
import { assertProjectAccess } from '../../core/project-access';
import { readTable } from '../../core/tabular';
import { jsonField, type UploadedForm } from '../../core/uploads';
import { inTransaction, type Db } from '../../db/client';
import { today } from './registry-context';
import { planImport, suggestMapping } from './registry.import';
import { personColumns } from './registry-rows';
import type { RegistryRepository } from './registry.repository';

/** The survey in "file"; the mapping, decisions and consent notice as JSON fields beside it, up to 1 MB each. */
export const IMPORT_UPLOAD = {
  field: 'file',
  maxBytes: IMPORT_LIMITS.survey.maxUploadBytes,
  fields: ['mapping', 'decisions', 'consent'],
  maxFieldBytes: 1024 * 1024,
} as const;

export function createImportService(db: Db, repo: RegistryRepository) {
  return {
    /**
     * Mapping-survey import. A dry run reads and checks everything and writes nothing; a
     * commit re-reads the same file with the decisions and writes it all in one
     * transaction, or nothing when any row is blocked.
     */
    async importSurvey(
      user: AuthUser,
      projectId: number,
      dryRun: boolean,
      readUpload: () => Promise<UploadedForm>,
    ): Promise<ImportPreview | ImportResult> {
      // Access first: nobody without it gets as far as having a file read.
      await assertProjectAccess(db, user, projectId, 'registry:edit');
      const upload = await readUpload();
      const parseJsonField = (name: string) => jsonField(upload, name);
      const table = await readTable(upload.data, IMPORT_LIMITS.survey.maxRows);
      const suggested = suggestMapping(table.headers);
      const rawMapping = parseJsonField('mapping');
      if (rawMapping === undefined && !dryRun) throw validationFailed([fieldIssue('mapping', 'survey.mapping_missing')]);
      const mapping = ImportMappingSchema.parse(rawMapping ?? suggested);
      const unknown = Object.entries(mapping).filter(([, header]) => !table.headers.includes(header));
      if (unknown.length) {
        throw validationFailed(unknown.map(([field, header]) => fieldIssue(`mapping.${field}`, 'survey.mapping_no_column', { header })));
      }
      const decisions = ImportDecisionsSchema.parse(parseJsonField('decisions') ?? {});
      const rawConsent = parseJsonField('consent');
      const consent = rawConsent === undefined ? null : ImportConsentSchema.parse(rawConsent);

      const run = async () => {
        const plan = planImport(table, mapping, decisions, await repo.duplicateCandidates(projectId), await repo.organisationsByName(projectId));
        if (!consent && plan.parsed.some((p) => p.person && p.consent)) {
          plan.blocking.push({ row: 1, ...explain(issue('survey.consent_terms_missing')) });
        }
        return plan;
      };

      if (dryRun) {
        const plan = await run();
        const count = (s: string) =>
          plan.parsed.filter((p) => (p.person === null ? 'invalid' : plan.duplicates.has(p.row) ? 'duplicate' : 'ok') === s).length;
        return {
          dryRun: true,
          columns: table.headers.map((header, i) => ({
            header,
            samples: table.rows.slice(0, 3).map((r) => r[i] ?? ''),
          })),
          mapping: mapping as Record<string, string>,
          suggestedMapping: suggested as Record<string, string>,
          totals: { rows: plan.parsed.length, ok: count('ok'), invalid: count('invalid'), duplicate: count('duplicate') },
          rows: plan.reports,
          blocking: plan.blocking,
          preview: plan.parsed.slice(0, 20).flatMap((p) => (p.person ? [{ row: p.row, ...p.person }] : [])),
        };
      }

      return inTransaction(db, async () => {
        const plan = await run();
        if (plan.blocking.length) {
          throw validationFailed(plan.blocking.map(({ row, ...block }) => ({ path: `rows.${row}`, ...block })));
        }
        const writers = repo.bulkWriters();
        const target = new Map<number, number>();
        let created = 0;
        let merged = 0;
        let skipped = 0;
        let consents = 0;
        const createdIds: number[] = [];
        // New people are written many to a statement; a merge reads the registry, so what is queued is written before it.
        let queued: { row: number; person: NewPersonFields; consentDate: string | null }[] = [];
        const writeQueued = async () => {
          if (!queued.length) return;
          const ids = await writers.insertPeople(
            queued.map((q) => q.person),
            projectId,
          );
          const memberships: { personId: number; organisationId: number }[] = [];
          const consentRows: { personId: number; purpose: string; noticeVersion: string; date: string; userId: number }[] = [];
          queued.forEach((q, i) => {
            const id = ids[i] as number;
            for (const orgId of q.person.organisationIds) memberships.push({ personId: id, organisationId: orgId });
            if (q.consentDate !== null && consent) {
              consentRows.push({
                personId: id,
                purpose: consent.purpose,
                noticeVersion: consent.noticeVersion,
                date: q.consentDate,
                userId: user.id,
              });
            }
            target.set(q.row, id);
            createdIds.push(id);
          });
          await writers.addMemberships(memberships);
          await writers.addConsents(consentRows);
          queued = [];
        };
        for (const p of plan.parsed) {
          const action = plan.actions.get(p.row);
          if (!p.person || !action || action.action === 'skip') {
            skipped += 1;
            continue;
          }
          const consentDate = p.consentDate ?? today();
          if (action.action === 'create') {
            const withConsent = p.consent && consent !== null;
            queued.push({ row: p.row, person: p.person, consentDate: withConsent ? consentDate : null });
            if (withConsent) consents += 1;
            created += 1;
            continue;
          }
          await writeQueued();
          const personId = 'personId' in action ? action.personId : (target.get(action.row) as number);
          const before = (await repo.findPerson(personId)) as Person;
          const incoming = p.person;
          const fill = <K extends keyof Person>(key: K, value: Person[K]) =>
            before[key] === null || (key === 'sex' && before.sex === 'not_stated') ? value : before[key];
          const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
          const mergedFields = {
            sex: fill('sex', incoming.sex),
            birthYear: fill('birthYear', incoming.birthYear),
            country: fill('country', incoming.country),
            city: fill('city', incoming.city),
            yearsAbroad: fill('yearsAbroad', incoming.yearsAbroad),
            occupation: fill('occupation', incoming.occupation),
            email: fill('email', incoming.email),
            phone: fill('phone', incoming.phone),
            group: fill('group', incoming.group),
            notes: fill('notes', incoming.notes),
            sectors: union(before.sectors, incoming.sectors) as Person['sectors'],
            skills: union(before.skills, incoming.skills),
            languages: union(before.languages, incoming.languages),
          };
          await repo.updatePersonVersioned(personId, before.version, personColumns(mergedFields));
          await writers.addMemberships(p.person.organisationIds.map((organisationId) => ({ personId, organisationId })));
          if (p.consent && consent && (await repo.currentConsent(personId)).status !== 'given') {
            await writers.addConsents([
              { personId, purpose: consent.purpose, noticeVersion: consent.noticeVersion, date: consentDate, userId: user.id },
            ]);
            consents += 1;
          }
          const after = await repo.findPerson(personId);
          await writeAudit(db, {
            userId: user.id,
            entity: 'person',
            entityId: personId,
            projectId,
            action: 'update',
            before,
            after,
            note: `Merged from import row ${p.row}`,
          });
          target.set(p.row, personId);
          merged += 1;
        }
        await writeQueued();
        // One audit row for the import: counts and ids, no personal data.
        await writeAudit(db, {
          userId: user.id,
          entity: 'registry_import',
          entityId: projectId,
          projectId,
          action: 'create',
          after: { created, merged, skipped, consents, firstPersonId: createdIds[0] ?? null, lastPersonId: createdIds.at(-1) ?? null },
        });
        return { dryRun: false as const, created, merged, skipped, consents };
      });
    },
  };
}
