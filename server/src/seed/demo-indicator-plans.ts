import type { Disaggregation } from '@shared/calc/disaggregation';
import type { DateSpan } from '@shared/calc/reporting-periods';
import type { DisaggregationDimension, ReportingFrequency, ValueStatus } from '@shared/enums';

/** One value of a seeded period; status defaults to approved. */
type SeedValue = {
  value?: number;
  numerator?: number;
  denominator?: number;
  narrative?: string;
  score?: number;
  disaggregation?: Disaggregation;
  comment?: string;
  status?: ValueStatus;
  reviewNote?: string;
};

export type SeedIndicator = {
  parent: { outcomeId: number } | { outputId: number } | 'goal';
  title: string;
  definition: string;
  unit: string;
  measure: 'number' | 'percentage' | 'qualitative';
  aggregation: 'cumulative' | 'per_period';
  baseline: { value: number | null; year: number | null; comment: string };
  target: number | null;
  targetComment?: string;
  frequency: ReportingFrequency;
  disaggregations?: DisaggregationDimension[];
  meansOfVerification: string;
  dataSource: string;
  responsible: string;
  /** Periods of a custom frequency; others are generated from the frequency. */
  customPeriods?: DateSpan[];
  /** Per period, in order: its target and value (undefined: none recorded). */
  periods: ({ target: number | null; value?: SeedValue } | undefined)[];
};

const sex = (women: number, men: number, other = 0) => ({ sex: { women, men, other } });

/** CE.0219 (2013–2014, semi-annual): indicators the record does not state, so all illustrative. */
export function ce0219Plan(o1: number, o2: number): SeedIndicator[] {
  const common = { frequency: 'semi_annual' as const, responsible: 'IOM project manager' };
  return [
    {
      ...common,
      parent: 'goal',
      title: 'Practical mechanisms for engaging the diaspora in development that the Government runs itself',
      definition: 'Stage reached, scored 1 (none) to 5 (mechanisms in place and run by the Government without project support).',
      unit: 'score 1–5',
      measure: 'qualitative',
      aggregation: 'cumulative',
      baseline: { value: 1, year: 2012, comment: 'Engagement at an early stage; no dedicated mechanism.' },
      target: 4,
      targetComment: 'Mechanisms in place and used by the end of 2014.',
      meansOfVerification: 'Government decisions, Action Plan, forum conclusions',
      dataSource: 'Project reports; Government of Tajikistan',
      periods: [
        { target: null },
        { target: 2, value: { narrative: 'Diaspora focal points named in the lead ministries; mapping under way.', score: 2 } },
        { target: 3, value: { narrative: 'Study tour lessons fed into the draft Action Plan.', score: 3 } },
        { target: 4 },
      ],
    },
    {
      ...common,
      parent: { outcomeId: o1 },
      title: 'Diaspora members taking part in Government-led engagement events',
      definition: 'Distinct diaspora members attending the national forum or the joint trust-building events, counted from attendance sheets.',
      unit: 'people',
      measure: 'number',
      aggregation: 'cumulative',
      disaggregations: ['sex'],
      baseline: { value: 0, year: 2012, comment: 'No Government-led engagement events before the project.' },
      target: 250,
      meansOfVerification: 'Attendance sheets of the forum and the trust-building events',
      dataSource: 'Event reports',
      periods: [
        { target: 0 },
        { target: 100, value: { value: 92, disaggregation: sex(30, 62), comment: 'Forum (57) and the first trust-building events.' } },
        { target: 180, value: { value: 148, disaggregation: sex(49, 99) } },
        { target: 250, value: { value: 175, disaggregation: sex(58, 117) } },
      ],
    },
    {
      ...common,
      parent: { outcomeId: o1 },
      title: 'Diaspora organisations inventoried by the mapping',
      definition: 'Organisations of the Tajik diaspora recorded in the mapping inventory with location, activities and contact.',
      unit: 'organisations',
      measure: 'number',
      aggregation: 'cumulative',
      baseline: { value: 0, year: 2012, comment: 'No inventory existed.' },
      target: 50,
      meansOfVerification: 'Mapping report and inventory',
      dataSource: 'Diaspora mapping',
      periods: [
        { target: 10, value: { value: 12 } },
        { target: 40, value: { value: 38 } },
        { target: 50, value: { value: 54, comment: 'Mapping completed in February 2014.' } },
        { target: 50 },
      ],
    },
    {
      ...common,
      parent: { outcomeId: o1 },
      title: 'Participants of the national forum on diaspora engagement',
      definition: 'Government officials, diaspora members and others attending the national forum.',
      unit: 'people',
      measure: 'number',
      aggregation: 'per_period',
      disaggregations: ['sex', 'participantGroup'],
      baseline: { value: 0, year: 2012, comment: 'No forum before the project.' },
      target: 120,
      meansOfVerification: 'Forum attendance sheets',
      dataSource: 'Forum report',
      periods: [
        { target: null },
        {
          target: 120,
          value: {
            value: 127,
            disaggregation: { ...sex(41, 86), participantGroup: { government: 48, diaspora: 57, civil_society: 14, international: 8 } },
          },
        },
        { target: null },
        { target: null },
      ],
    },
    {
      ...common,
      parent: { outcomeId: o2 },
      title: 'National Action Plan on diaspora engagement updated and adopted',
      definition: 'Stage of the Action Plan update: 1 not started, 2 drafting, 3 draft reviewed by ministries, 4 submitted for adoption, 5 adopted.',
      unit: 'stage 1–5',
      measure: 'qualitative',
      aggregation: 'cumulative',
      baseline: { value: 1, year: 2012, comment: 'The existing plan predates current migration patterns.' },
      target: 5,
      meansOfVerification: 'Government decree adopting the plan',
      dataSource: 'Government of Tajikistan',
      periods: [
        { target: null },
        { target: 2, value: { narrative: 'Working group formed; drafting started.', score: 2 } },
        { target: 3, value: { narrative: 'Draft updated Action Plan reviewed by the ministries.', score: 3 } },
        { target: 5, value: { narrative: 'Updated Action Plan adopted by the Government.', score: 5, status: 'submitted' } },
      ],
    },
    {
      ...common,
      parent: { outcomeId: o2 },
      title: 'Inter-agency coordination meetings on migration held',
      definition: 'Meetings of the government agencies concerned with migration, with minutes.',
      unit: 'meetings',
      measure: 'number',
      aggregation: 'per_period',
      baseline: { value: 0, year: 2012, comment: 'No regular inter-agency meeting.' },
      target: 8,
      meansOfVerification: 'Minutes of the meetings',
      dataSource: 'Government secretariat',
      periods: [
        { target: 2, value: { value: 1 } },
        { target: 2, value: { value: 2 } },
        { target: 2, value: { value: 3 } },
        { target: 2, value: { value: 2 } },
      ],
    },
    {
      ...common,
      parent: { outcomeId: o2 },
      title: 'Government agencies taking part in the joint Government–IOM seminars',
      definition: 'Distinct government agencies sending staff to at least one seminar of the series.',
      unit: 'agencies',
      measure: 'number',
      aggregation: 'cumulative',
      baseline: { value: 0, year: 2012, comment: 'Series not started.' },
      target: 10,
      meansOfVerification: 'Seminar attendance sheets',
      dataSource: 'Seminar reports',
      periods: [{ target: 3, value: { value: 4 } }, { target: 6, value: { value: 6 } }, { target: 10, value: { value: 9 } }, { target: 10 }],
    },
  ];
}

/**
 * The follow-up project (quarterly, around today): values approved for periods that
 * ended more than 30 days ago, except one left unreported (late); the last period over
 * has one value submitted, one returned, one draft and one missing (due).
 */
export function followUpPlan(
  parents: { o1: number; o2: number; o11: number; o12: number; o21: number },
  periods: DateSpan[],
  today: string,
): SeedIndicator[] {
  const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const n = periods.length;
  const over = periods.filter((p) => p.end < today).length;
  // For period i: the value of the last one over comes with the given status; earlier ones are approved.
  const plan = (target: (i: number) => number, value: (i: number) => SeedValue, last: Partial<SeedValue> | null, skip?: number) =>
    periods.map((_, i) => ({
      target: target(i),
      value: i >= over || i === skip || (i === over - 1 && last === null) ? undefined : { ...value(i), ...(i === over - 1 ? last : {}) },
    }));
  const common = {
    frequency: 'quarterly' as const,
    responsible: 'Farrukh Nazarov',
    baseline: { value: 0, year: 2025, comment: 'Before the follow-up started.' },
  };
  return [
    {
      ...common,
      parent: { outcomeId: parents.o1 },
      title: 'Ministries that have hosted a diaspora expert',
      definition: 'Ministries and agencies with at least one completed expert assignment.',
      unit: 'ministries',
      measure: 'number',
      aggregation: 'cumulative',
      target: 6,
      meansOfVerification: 'Assignment completion letters',
      dataSource: 'Project records',
      periods: plan(
        (i) => Math.round((6 * (i + 1)) / n),
        (i) => ({ value: Math.max(0, i) }),
        { status: 'returned', reviewNote: "Attach the host ministry's confirmation letter." },
      ),
    },
    {
      ...common,
      parent: { outputId: parents.o11 },
      title: 'Diaspora professionals registered on the expert roster',
      definition: 'Professionals abroad with a complete roster profile and consent to be contacted.',
      unit: 'people',
      measure: 'number',
      aggregation: 'cumulative',
      disaggregations: ['sex'],
      target: 150,
      meansOfVerification: 'Roster database extract',
      dataSource: 'Expert roster',
      periods: plan(
        (i) => Math.round((150 * (i + 1)) / n),
        (i) => {
          const total = 22 * (i + 1);
          const women = Math.round(total * 0.4);
          return { value: total, disaggregation: sex(women, total - women) };
        },
        { status: 'submitted' },
      ),
    },
    {
      ...common,
      parent: { outputId: parents.o12 },
      title: 'Expert assignments rated useful by their host institution',
      definition: 'Share of completed assignments rated 4 or 5 of 5 by the host institution.',
      unit: '%',
      measure: 'percentage',
      aggregation: 'per_period',
      baseline: { value: null, year: null, comment: 'No assignments before the follow-up.' },
      target: 80,
      meansOfVerification: 'Host institution feedback forms',
      dataSource: 'Feedback forms',
      periods: plan(
        () => 80,
        (i) => ({ numerator: 2 + i, denominator: 3 + i }),
        { status: 'draft' },
      ),
    },
    {
      ...common,
      parent: { outcomeId: parents.o2 },
      title: 'Diaspora investment enquiries handled by the information service',
      definition: 'Enquiries from diaspora members answered by the service, by phone, e-mail or in person.',
      unit: 'enquiries',
      measure: 'number',
      aggregation: 'per_period',
      target: 400,
      meansOfVerification: 'Enquiry log',
      dataSource: 'Information service',
      // The first quarter was never reported (late); the last one over is not reported yet (due).
      periods: plan(
        () => Math.round(400 / n),
        (i) => ({ value: 30 + 12 * i }),
        null,
        0,
      ),
    },
    {
      ...common,
      parent: { outputId: parents.o12 },
      title: 'Expert assignments started',
      definition: 'Assignments whose expert has started work with the host institution, counted per 30-day reporting round.',
      unit: 'assignments',
      measure: 'number',
      aggregation: 'per_period',
      frequency: 'custom',
      target: 8,
      meansOfVerification: 'Signed assignment agreements',
      dataSource: 'Project records',
      // Monthly rounds: approved, approved, ended five days ago and not reported yet (due, not late), current.
      customPeriods: [
        { start: day(-94), end: day(-65) },
        { start: day(-64), end: day(-35) },
        { start: day(-34), end: day(-5) },
        { start: day(-4), end: day(25) },
      ],
      periods: [{ target: 2, value: { value: 2 } }, { target: 2, value: { value: 1 } }, { target: 2 }, { target: 2 }],
    },
  ];
}
