import { and, asc, eq } from 'drizzle-orm';
import { emailKey, nameKey } from '@shared/calc/registry-duplicates';
import type { OrganisationType, ParticipantGroup, RegistrySector, Sex } from '@shared/enums';
import { first, single, type Db } from '../db/client';
import {
  activities,
  attendance,
  projects,
  registryConsents,
  registryEngagements,
  registryMemberships,
  registryOrganisations,
  registryPeople,
  subEvents,
} from '../db/schema';

// An illustrative diaspora registry for CE.0219. Every person and organisation here is
// invented: generated names, @example.org addresses, phone numbers in an unassigned
// range, and the illustrative flag set. No real person's data.

/** A small deterministic generator, so the demo is the same on every install. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    some: <T>(list: readonly T[], n: number): T[] => [...list].sort(() => next() - 0.5).slice(0, n),
  };
}

const MALE = [
  'Farhod',
  'Rustam',
  'Jamshed',
  'Bakhtiyor',
  'Dilshod',
  'Firdavs',
  'Shavkat',
  'Umed',
  'Parviz',
  'Sino',
  'Behruz',
  'Anvar',
  'Davron',
  'Khurshed',
  'Manuchehr',
  'Alisher',
  'Nodir',
  'Saidali',
  'Faridun',
  'Zafar',
];
const FEMALE = [
  'Nigina',
  'Malika',
  'Zarina',
  'Madina',
  'Parvina',
  'Shahnoza',
  'Gulnora',
  'Mehrangez',
  'Firuza',
  'Nilufar',
  'Sitora',
  'Tahmina',
  'Munisa',
  'Dilafruz',
  'Farangis',
  'Zebo',
  'Mavjuda',
  'Gulchehra',
];
const SURNAMES = [
  'Saidov',
  'Khojaev',
  'Sharipov',
  'Davlatov',
  'Mirzoev',
  'Rajabov',
  'Safarov',
  'Qodirov',
  'Ismoilov',
  'Yusufov',
  'Boboev',
  'Hasanov',
  'Latipov',
  'Odinaev',
  'Sultonov',
  'Azimov',
  'Normatov',
  'Sharifov',
  'Jurayev',
  'Nabiev',
];

const CITIES: Record<string, string[]> = {
  RU: ['Moscow', 'Saint Petersburg', 'Yekaterinburg', 'Novosibirsk', 'Kazan'],
  KZ: ['Almaty', 'Astana'],
  TR: ['Istanbul', 'Ankara'],
  US: ['New York', 'Washington'],
  DE: ['Berlin', 'Munich'],
  AE: ['Dubai', 'Abu Dhabi'],
  GB: ['London'],
  TJ: ['Dushanbe', 'Khujand', 'Bokhtar'],
};

type Profile = { occupation: string; sectors: RegistrySector[]; skills: string[] };
const PROFILES: Profile[] = [
  { occupation: 'Civil engineer', sectors: ['construction', 'engineering'], skills: ['project management', 'structural design'] },
  { occupation: 'Physician', sectors: ['health'], skills: ['surgery', 'public health'] },
  { occupation: 'Entrepreneur', sectors: ['business_trade'], skills: ['import and export', 'logistics'] },
  { occupation: 'Software developer', sectors: ['it_telecom'], skills: ['web development', 'data analysis'] },
  { occupation: 'University lecturer', sectors: ['education', 'science_research'], skills: ['teaching', 'research'] },
  { occupation: 'Accountant', sectors: ['finance_banking'], skills: ['accounting', 'audit'] },
  { occupation: 'Restaurant owner', sectors: ['tourism_hospitality', 'business_trade'], skills: ['management'] },
  { occupation: 'Construction worker', sectors: ['construction'], skills: ['masonry', 'welding'] },
  { occupation: 'Student', sectors: ['education'], skills: ['languages'] },
  { occupation: 'Musician', sectors: ['culture_arts'], skills: ['music', 'event organisation'] },
];
const OFFICIAL: Profile = { occupation: 'Civil servant', sectors: ['public_administration'], skills: ['policy', 'coordination'] };
const ACTIVIST: Profile = { occupation: 'NGO coordinator', sectors: ['ngo_civil_society'], skills: ['community outreach'] };

const ORGANISATIONS: { name: string; country: string; city: string; type: OrganisationType; sectors: RegistrySector[]; size: number }[] = [
  {
    name: 'Tajik Community Association of Moscow (illustrative)',
    country: 'RU',
    city: 'Moscow',
    type: 'association',
    sectors: ['ngo_civil_society'],
    size: 1200,
  },
  {
    name: 'Tajik Business Club Saint Petersburg (illustrative)',
    country: 'RU',
    city: 'Saint Petersburg',
    type: 'business_network',
    sectors: ['business_trade'],
    size: 80,
  },
  { name: 'Tajik Students Union Almaty (illustrative)', country: 'KZ', city: 'Almaty', type: 'student_group', sectors: ['education'], size: 150 },
  {
    name: 'Tajik Cultural Centre Istanbul (illustrative)',
    country: 'TR',
    city: 'Istanbul',
    type: 'religious_cultural',
    sectors: ['culture_arts'],
    size: 60,
  },
  {
    name: 'Tajik Professionals Network USA (illustrative)',
    country: 'US',
    city: 'New York',
    type: 'professional',
    sectors: ['it_telecom', 'health'],
    size: 90,
  },
  { name: 'Tajik Engineers in Germany (illustrative)', country: 'DE', city: 'Berlin', type: 'professional', sectors: ['engineering'], size: 40 },
  {
    name: 'Tajik Entrepreneurs Gulf Forum (illustrative)',
    country: 'AE',
    city: 'Dubai',
    type: 'business_network',
    sectors: ['business_trade', 'finance_banking'],
    size: 70,
  },
];

/** Where the 96 illustrative people live and which group they belong to. */
const PLAN: { country: string; group: ParticipantGroup; count: number }[] = [
  { country: 'RU', group: 'diaspora', count: 28 },
  { country: 'KZ', group: 'diaspora', count: 10 },
  { country: 'TR', group: 'diaspora', count: 7 },
  { country: 'US', group: 'diaspora', count: 6 },
  { country: 'DE', group: 'diaspora', count: 6 },
  { country: 'AE', group: 'diaspora', count: 5 },
  { country: 'GB', group: 'diaspora', count: 2 },
  { country: 'TJ', group: 'government', count: 22 },
  { country: 'TJ', group: 'civil_society', count: 7 },
  { country: 'TJ', group: 'international', count: 3 },
];

const PURPOSE = 'Diaspora mapping and invitations to CE.0219 events (illustrative)';
const NOTICE = 'CE0219-privacy-notice-v1';
const NOTE = 'Illustrative demo record: an invented person, not from the project record.';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Seeds the CE.0219 registry: organisations with engagement history and a contact person
 * from the registry, 96 people with consent (a few withdrawn, a few never recorded),
 * memberships, and attendance at the national forum and at each trust-building event
 * (sub-events when the timeline seeded them, else the activity itself).
 */
export async function seedRegistry(db: Db, recordedBy: number): Promise<void> {
  const project = await first(db.select({ id: projects.id }).from(projects).where(eq(projects.code, 'CE.0219')));
  if (!project) return;
  const projectId = project.id;
  const r = random(219);

  // One organisation after another: queries of one transaction share its connection.
  const orgIds: { id: number; country: string }[] = [];
  for (const [i, o] of ORGANISATIONS.entries()) {
    const id = (
      await single(
        db
          .insert(registryOrganisations)
          .values({
            projectId,
            name: o.name,
            country: o.country,
            city: o.city,
            type: o.type,
            sectors: o.sectors,
            contactEmail: `contact.org${i + 1}@example.org`,
            contactPhone: `+992 00 555 01${String(i).padStart(2, '0')}`,
            sizeEstimate: o.size,
            links: [`https://example.org/diaspora-org-${i + 1}`],
            description: 'Illustrative organisation invented for the demo.',
            illustrative: true,
          })
          .returning({ id: registryOrganisations.id }),
      )
    ).id;
    await db.insert(registryEngagements).values([
      { organisationId: id, date: addDays('2013-05-06', i * 9), note: 'Took part in the mapping survey (illustrative).', createdBy: recordedBy },
      { organisationId: id, date: '2013-11-18', note: 'Delegation invited to the national forum (illustrative).', createdBy: recordedBy },
    ]);
    orgIds.push({ id, country: o.country });
  }

  const people: { id: number; group: ParticipantGroup }[] = [];
  let n = 0;
  for (const slot of PLAN) {
    for (let k = 0; k < slot.count; k++) {
      n += 1;
      const female = r.next() < (slot.group === 'government' ? 0.35 : 0.42);
      const first = female ? r.pick(FEMALE) : r.pick(MALE);
      const surname = r.pick(SURNAMES);
      const name = `${first} ${female ? `${surname}a` : surname}`;
      const email = `${first}.${surname}.${n}@example.org`.toLowerCase();
      const profile = slot.group === 'government' ? OFFICIAL : slot.group === 'civil_society' ? ACTIVIST : r.pick(PROFILES);
      const abroad = slot.group === 'diaspora';
      const languages = [
        'tg',
        'ru',
        ...(abroad && slot.country !== 'RU' && slot.country !== 'KZ'
          ? [{ TR: 'tr', US: 'en', DE: 'de', AE: 'ar', GB: 'en' }[slot.country] ?? 'en']
          : []),
        ...(r.next() < 0.3 ? ['en'] : []),
      ];
      const sex: Sex = female ? 'female' : 'male';
      const id = (
        await single(
          db
            .insert(registryPeople)
            .values({
              projectId,
              name,
              nameKey: nameKey(name),
              sex,
              birthYear: r.int(1962, 1998),
              country: slot.country,
              city: r.pick(CITIES[slot.country] ?? ['Dushanbe']),
              yearsAbroad: abroad ? r.int(1, 24) : slot.group === 'international' ? r.int(2, 10) : null,
              occupation: profile.occupation,
              sectors: profile.sectors,
              skills: profile.skills,
              languages: [...new Set(languages)],
              email,
              emailKey: emailKey(email),
              phone: `+992 00 555 ${String(1000 + n)}`,
              group: slot.group,
              notes: NOTE,
              illustrative: true,
            })
            .returning({ id: registryPeople.id }),
        )
      ).id;
      people.push({ id, group: slot.group });

      // Most consented during the mapping; a few never recorded; a few withdrew later.
      if (n % 17 !== 0) {
        const given = addDays('2013-05-01', r.int(0, 180));
        await db.insert(registryConsents).values({ personId: id, kind: 'given', purpose: PURPOSE, noticeVersion: NOTICE, date: given, recordedBy });
        if (n % 13 === 0) {
          await db
            .insert(registryConsents)
            .values({ personId: id, kind: 'withdrawn', purpose: PURPOSE, noticeVersion: NOTICE, date: addDays(given, r.int(120, 400)), recordedBy });
        }
      }
      if (abroad) {
        const local = orgIds.filter((o) => o.country === slot.country);
        if (local.length && r.next() < 0.6) await db.insert(registryMemberships).values({ personId: id, organisationId: r.pick(local).id });
      }
    }
  }

  // Each organisation's contact is one of its members, else someone living in its country.
  for (const org of orgIds) {
    const member = await first(
      db
        .select({ id: registryMemberships.personId })
        .from(registryMemberships)
        .where(eq(registryMemberships.organisationId, org.id))
        .orderBy(asc(registryMemberships.personId)),
    );
    const contact =
      member ??
      (await first(
        db
          .select({ id: registryPeople.id })
          .from(registryPeople)
          .where(and(eq(registryPeople.projectId, projectId), eq(registryPeople.country, org.country)))
          .orderBy(asc(registryPeople.id)),
      ));
    if (contact) await db.update(registryOrganisations).set({ contactPersonId: contact.id }).where(eq(registryOrganisations.id, org.id));
  }

  const activityOf = async (kind: string) =>
    await first(
      db
        .select({ id: activities.id, actualStart: activities.actualStart, plannedStart: activities.plannedStart })
        .from(activities)
        .where(and(eq(activities.projectId, projectId), eq(activities.kind, kind))),
    );
  const attend = async (activityId: number, subEventId: number | null, date: string, who: { id: number }[]) => {
    if (who.length) {
      await db.insert(attendance).values(who.map((p) => ({ projectId, activityId, subEventId, personId: p.id, date, createdBy: recordedBy })));
    }
  };
  const byGroup = (g: ParticipantGroup) => people.filter((p) => p.group === g);

  const forum = await activityOf('national_forum');
  if (forum) {
    const date = forum.actualStart ?? forum.plannedStart ?? '2013-11-18';
    await attend(forum.id, null, date, [
      ...r.some(byGroup('diaspora'), 36),
      ...r.some(byGroup('government'), 18),
      ...r.some(byGroup('civil_society'), 5),
      ...byGroup('international'),
    ]);
  }
  const series = await activityOf('trust_building_series');
  if (series) {
    const events = await db
      .select({ id: subEvents.id, date: subEvents.date })
      .from(subEvents)
      .where(eq(subEvents.activityId, series.id))
      .orderBy(asc(subEvents.date));
    const gatherings = events.length ? events : [{ id: null, date: series.actualStart ?? series.plannedStart ?? '2013-09-20' }];
    for (const e of gatherings) {
      await attend(series.id, e.id, e.date, [
        ...r.some(byGroup('diaspora'), r.int(9, 16)),
        ...r.some(byGroup('government'), r.int(4, 8)),
        ...r.some(byGroup('civil_society'), 1),
      ]);
    }
  }
}
