import type { BudgetCategory } from '@shared/calc/budget';
import type { ActivityKind } from '@shared/enums';
import type { CurrencyCode } from '@shared/money';
import type { Participants } from '@shared/schemas/activity';

/**
 * The demo projects' budgets, ledgers, milestones, sub-events and dependencies as plain
 * data; demo-budget.ts writes them. Every figure is illustrative (see there). CE.0219's
 * plan is here with the shapes; the follow-up project's is in demo-budget-follow-up.ts.
 */

export type Line = {
  code: string;
  title: string;
  category: BudgetCategory;
  activity: ActivityKind | null;
  /** Decimal string in the project currency. */
  amount: string;
  revision?: { from: string; reason: string; at: string };
};

export type Entry = {
  date: string;
  type?: 'commitment' | 'expenditure';
  amount: string;
  currency?: CurrencyCode;
  /** Project-currency units per one unit of `currency`. */
  fxRate?: string;
  line: string | null;
  payee: string;
  reference?: string;
  description?: string;
  correction?: boolean;
};

export type Milestone = {
  activity: ActivityKind | null;
  kind: 'milestone' | 'deliverable';
  title: string;
  dueDate: string;
  doneDate: string | null;
  evidenceNote: string;
};

export type SubEvent = { title: string; date: string; endDate?: string; place: string; participants: Participants };

/** What one project gets: budget lines, ledger entries, milestones, sub-events and dependencies. */
export type BudgetPlan = {
  lines: Line[];
  entries: Entry[];
  milestones: Milestone[];
  subEvents: Partial<Record<ActivityKind, SubEvent[]>>;
  dependencies: [ActivityKind, ActivityKind][];
};

export const people = (women: number, men: number, government: number, diaspora: number, civilSociety: number, international: number) => ({
  women,
  men,
  government,
  diaspora,
  civilSociety,
  international,
});

/** Monthly entries on the 28th, from the month of `from` for `months` months. */
export function monthly(from: string, months: number, entry: Omit<Entry, 'date'>): Entry[] {
  const year = Number(from.slice(0, 4));
  const month = Number(from.slice(5, 7)) - 1;
  return Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(year, month + i, 28));
    return { ...entry, date: d.toISOString().slice(0, 10), reference: `${entry.reference ?? 'M'}-${d.toISOString().slice(0, 7)}` };
  });
}

/** CE.0219: lines summing to exactly USD 150,000.00, the published budget. */
export function ce0219Plan(): BudgetPlan {
  const lines: Line[] = [
    { code: 'STF-1', title: 'Project coordinator (part-time)', category: 'staff', activity: null, amount: '36000.00' },
    { code: 'STF-2', title: 'Project assistant', category: 'staff', activity: null, amount: '14400.00' },
    { code: 'OFF-1', title: 'Office running costs and communications', category: 'office', activity: null, amount: '7200.00' },
    {
      code: 'TRV-1',
      title: 'Study tour: travel and subsistence',
      category: 'travel',
      activity: 'study_tour',
      amount: '18500.00',
      revision: { from: '20500.00', reason: 'Smaller delegation than planned; savings moved to the national forum.', at: '2013-09-10' },
    },
    { code: 'TRV-2', title: 'Travel to diaspora communities for the mapping', category: 'travel', activity: 'diaspora_mapping', amount: '6300.00' },
    {
      code: 'MTG-1',
      title: 'National forum: venue, interpretation, participants',
      category: 'meetings_events',
      activity: 'national_forum',
      amount: '16000.00',
      revision: { from: '14000.00', reason: 'More diaspora participants confirmed; funded from study tour savings.', at: '2013-09-10' },
    },
    { code: 'MTG-2', title: 'Joint trust-building events', category: 'meetings_events', activity: 'trust_building_series', amount: '12000.00' },
    { code: 'MTG-3', title: 'Joint Government–IOM seminars', category: 'meetings_events', activity: 'joint_seminar_series', amount: '8400.00' },
    { code: 'CNS-1', title: 'Diaspora mapping research team', category: 'consultancy', activity: 'diaspora_mapping', amount: '15600.00' },
    { code: 'CNS-2', title: 'Action Plan drafting expert', category: 'consultancy', activity: 'action_plan_update', amount: '6000.00' },
    {
      code: 'TRP-1',
      title: 'Translation and printing of the mapping report and Action Plan',
      category: 'translation_printing',
      activity: 'action_plan_update',
      amount: '4100.00',
    },
    { code: 'EQP-1', title: 'Laptop and projector', category: 'equipment', activity: null, amount: '2500.00' },
    { code: 'OTH-1', title: 'Visibility, audit and bank charges', category: 'other', activity: null, amount: '3000.00' },
  ];
  const entries: Entry[] = [
    ...monthly('2013-04-01', 18, { amount: '2000.00', line: 'STF-1', payee: 'IOM payroll', reference: 'PAY-C' }),
    ...monthly('2013-04-01', 18, { amount: '800.00', line: 'STF-2', payee: 'IOM payroll', reference: 'PAY-A' }),
    ...monthly('2013-04-01', 18, {
      amount: '1900.00',
      currency: 'TJS',
      fxRate: '0.2096',
      line: 'OFF-1',
      payee: 'Office landlord, Dushanbe',
      reference: 'RENT',
    }),
    { date: '2013-04-10', type: 'commitment', amount: '15600.00', line: 'CNS-1', payee: 'Mapping research team', reference: 'CON-2013-01' },
    { date: '2013-07-15', amount: '7800.00', line: 'CNS-1', payee: 'Mapping research team', reference: 'CON-2013-01/1' },
    { date: '2014-02-28', amount: '7800.00', line: 'CNS-1', payee: 'Mapping research team', reference: 'CON-2013-01/2' },
    {
      date: '2013-05-20',
      amount: '9500.00',
      currency: 'TJS',
      fxRate: '0.2096',
      line: 'TRV-2',
      payee: 'Field travel (mapping)',
      reference: 'TR-0513',
    },
    {
      date: '2013-08-12',
      amount: '11200.00',
      currency: 'TJS',
      fxRate: '0.2093',
      line: 'TRV-2',
      payee: 'Field travel (mapping)',
      reference: 'TR-0813',
    },
    { date: '2013-04-25', amount: '2380.00', line: 'EQP-1', payee: 'IT supplier, Dushanbe', reference: 'INV-3321' },
    {
      date: '2013-06-12',
      amount: '12400.00',
      currency: 'TJS',
      fxRate: '0.2096',
      line: 'MTG-3',
      payee: 'Conference hall, Dushanbe',
      reference: 'SEM-1',
    },
    {
      date: '2013-11-27',
      amount: '13100.00',
      currency: 'TJS',
      fxRate: '0.2094',
      line: 'MTG-3',
      payee: 'Conference hall, Dushanbe',
      reference: 'SEM-2',
    },
    {
      date: '2014-06-25',
      amount: '13900.00',
      currency: 'TJS',
      fxRate: '0.2027',
      line: 'MTG-3',
      payee: 'Conference hall, Dushanbe',
      reference: 'SEM-3',
    },
    { date: '2013-10-01', type: 'commitment', amount: '16000.00', line: 'MTG-1', payee: 'Forum venue and services', reference: 'PO-2013-07' },
    {
      date: '2013-11-19',
      amount: '52000.00',
      currency: 'TJS',
      fxRate: '0.2094',
      line: 'MTG-1',
      payee: 'Forum venue and catering',
      reference: 'FRM-1',
    },
    { date: '2013-11-19', amount: '4650.00', line: 'MTG-1', payee: 'Interpretation services', reference: 'FRM-2' },
    { date: '2013-09-20', amount: '10800.00', currency: 'TJS', fxRate: '0.2095', line: 'MTG-2', payee: 'Event costs, Dushanbe', reference: 'TB-1' },
    { date: '2013-12-14', amount: '98000.00', currency: 'RUB', fxRate: '0.0305', line: 'MTG-2', payee: 'Event costs, Moscow', reference: 'TB-2' },
    { date: '2014-05-24', amount: '11500.00', currency: 'TJS', fxRate: '0.2030', line: 'MTG-2', payee: 'Event costs, Dushanbe', reference: 'TB-3' },
    { date: '2014-10-31', amount: '88000.00', currency: 'RUB', fxRate: '0.0241', line: 'MTG-2', payee: 'Event costs, Moscow', reference: 'TB-4' },
    { date: '2014-02-20', type: 'commitment', amount: '18500.00', line: 'TRV-1', payee: 'Travel agency', reference: 'PO-2014-02' },
    { date: '2014-03-16', amount: '17940.00', line: 'TRV-1', payee: 'Travel agency and per diems', reference: 'ST-1' },
    {
      date: '2014-04-02',
      amount: '-150.00',
      line: 'TRV-1',
      payee: 'Travel agency',
      reference: 'ST-1-REFUND',
      correction: true,
      description: 'Refund of an unused hotel night (illustrative).',
    },
    { date: '2014-11-28', amount: '6000.00', line: 'CNS-2', payee: 'Action Plan expert', reference: 'CON-2014-03' },
    {
      date: '2014-12-10',
      amount: '19000.00',
      currency: 'TJS',
      fxRate: '0.1953',
      line: 'TRP-1',
      payee: 'Printing house, Dushanbe',
      reference: 'PRN-1',
    },
    { date: '2014-12-30', amount: '2760.00', line: 'OTH-1', payee: 'Audit firm and bank', reference: 'AUD-1' },
  ];
  const milestonesPlan: Milestone[] = [
    {
      activity: 'national_forum',
      kind: 'deliverable',
      title: 'Forum held and its conclusions circulated',
      dueDate: '2013-10-31',
      doneDate: '2013-12-02',
      evidenceNote: 'Forum conclusions circulated to ministries (illustrative).',
    },
    {
      activity: 'diaspora_mapping',
      kind: 'deliverable',
      title: 'Mapping report published',
      dueDate: '2013-12-31',
      doneDate: '2014-03-14',
      evidenceNote: 'Mapping and inventory report of the Tajik diaspora (reference illustrative).',
    },
    {
      activity: 'action_plan_update',
      kind: 'deliverable',
      title: 'Draft Action Plan submitted for inter-agency review',
      dueDate: '2014-06-30',
      doneDate: '2014-07-15',
      evidenceNote: 'Draft circulated to the agencies concerned (illustrative).',
    },
    {
      activity: 'action_plan_update',
      kind: 'milestone',
      title: 'Action Plan adopted by the Government',
      dueDate: '2014-10-31',
      doneDate: '2014-12-05',
      evidenceNote: 'Government decision adopting the updated Action Plan (reference illustrative).',
    },
    {
      activity: null,
      kind: 'deliverable',
      title: 'Final report to the IOM Development Fund',
      dueDate: '2015-02-28',
      doneDate: '2015-02-20',
      evidenceNote: 'Final narrative and financial report (illustrative).',
    },
  ];
  // Sub-events add up to the activities' own (illustrative) participant counts.
  const subEventsPlan: Partial<Record<ActivityKind, SubEvent[]>> = {
    trust_building_series: [
      {
        title: 'Round table: diaspora associations and ministries',
        date: '2013-09-20',
        place: 'Dushanbe',
        participants: people(16, 30, 15, 27, 3, 1),
      },
      { title: 'Meeting with Tajik diaspora organisations', date: '2013-12-14', place: 'Moscow', participants: people(18, 39, 9, 44, 3, 1) },
      { title: 'Diaspora Day dialogue', date: '2014-05-24', place: 'Dushanbe', participants: people(17, 28, 16, 24, 4, 1) },
      { title: 'Follow-up consultation', date: '2014-10-31', place: 'Moscow', participants: people(13, 24, 12, 23, 1, 1) },
    ],
    joint_seminar_series: [
      { title: 'Seminar 1: labour migration and remittances', date: '2013-06-12', place: 'Dushanbe', participants: people(12, 23, 20, 2, 9, 4) },
      { title: 'Seminar 2: return and reintegration', date: '2013-11-27', place: 'Dushanbe', participants: people(13, 21, 20, 2, 9, 3) },
      { title: "Seminar 3: migrants' rights and protection", date: '2014-06-25', place: 'Dushanbe', participants: people(13, 23, 21, 2, 9, 4) },
    ],
    study_tour: [
      {
        title: 'Leg 1: ministry and agency meetings',
        date: '2014-03-10',
        endDate: '2014-03-12',
        place: 'Destination illustrative',
        participants: people(2, 4, 6, 0, 0, 0),
      },
      {
        title: 'Leg 2: diaspora centre and programme visits',
        date: '2014-03-13',
        endDate: '2014-03-16',
        place: 'Destination illustrative',
        participants: people(1, 3, 4, 0, 0, 0),
      },
    ],
  };
  return {
    lines,
    entries,
    milestones: milestonesPlan,
    subEvents: subEventsPlan,
    dependencies: [
      ['diaspora_mapping', 'study_tour'],
      ['national_forum', 'study_tour'],
    ] as [ActivityKind, ActivityKind][],
  };
}
