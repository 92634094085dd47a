import type { ActivityKind } from '@shared/enums';
import { monthly, people, type BudgetPlan, type Entry, type Line, type Milestone, type SubEvent } from './demo-budget-plans';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The follow-up project: USD 240,000.00 in lines, spending up to today, so pace and forecast are live. */
export function followUpPlan(today: string): BudgetPlan {
  const d = (days: number) => addDays(today, days);
  const start = d(-270);
  const soFar = (e: Entry) => e.date >= start && e.date <= today;
  const lines: Line[] = [
    { code: 'STF-1', title: 'Project manager', category: 'staff', activity: null, amount: '60000.00' },
    { code: 'STF-2', title: 'Programme assistant', category: 'staff', activity: null, amount: '24000.00' },
    { code: 'OFF-1', title: 'Office and communications', category: 'office', activity: null, amount: '12000.00' },
    { code: 'CNS-1', title: 'Skills survey team', category: 'consultancy', activity: 'diaspora_mapping', amount: '18000.00' },
    { code: 'OTH-1', title: 'Expert assignment stipends', category: 'other', activity: 'trust_building_series', amount: '45000.00' },
    { code: 'TRV-1', title: 'Exchange visit travel', category: 'travel', activity: 'study_tour', amount: '16000.00' },
    { code: 'MTG-1', title: 'Diaspora investment forum', category: 'meetings_events', activity: 'national_forum', amount: '30000.00' },
    {
      code: 'MTG-2',
      title: 'Seminars with banks',
      category: 'meetings_events',
      activity: 'joint_seminar_series',
      amount: '9000.00',
      revision: { from: '12000.00', reason: 'One seminar dropped after the regulator joined the series (illustrative).', at: d(-70) },
    },
    { code: 'CNS-2', title: 'Legal drafting support', category: 'consultancy', activity: 'action_plan_update', amount: '14000.00' },
    { code: 'TRP-1', title: 'Translation and publications', category: 'translation_printing', activity: null, amount: '6000.00' },
    { code: 'EQP-1', title: 'IT equipment', category: 'equipment', activity: null, amount: '6000.00' },
  ];
  const entries: Entry[] = [
    ...monthly(start, 10, { amount: '3150.00', line: 'STF-1', payee: 'IOM payroll', reference: 'PAY-M' }).filter(soFar),
    ...monthly(start, 10, { amount: '1260.00', line: 'STF-2', payee: 'IOM payroll', reference: 'PAY-A' }).filter(soFar),
    ...monthly(start, 10, {
      amount: '6800.00',
      currency: 'TJS',
      fxRate: '0.0917',
      line: 'OFF-1',
      payee: 'Office landlord, Dushanbe',
      reference: 'RENT',
    }).filter(soFar),
    { date: d(-262), amount: '5480.00', line: 'EQP-1', payee: 'IT supplier', reference: 'INV-101' },
    { date: d(-250), type: 'commitment', amount: '18000.00', line: 'CNS-1', payee: 'Survey firm', reference: 'CON-01' },
    { date: d(-200), amount: '9000.00', line: 'CNS-1', payee: 'Survey firm', reference: 'CON-01/1' },
    {
      date: d(-140),
      amount: '9900.00',
      line: 'CNS-1',
      payee: 'Survey firm',
      reference: 'CON-01/2',
      description: 'Final payment incl. an extra survey wave (illustrative).',
    },
    { date: d(-110), type: 'commitment', amount: '45000.00', line: 'OTH-1', payee: 'Six diaspora experts', reference: 'EXP-R1' },
    {
      date: d(-80),
      amount: '120000.00',
      currency: 'TJS',
      fxRate: '0.0917',
      line: 'OTH-1',
      payee: 'Diaspora experts (stipends)',
      reference: 'EXP-R1/1',
    },
    {
      date: d(-50),
      amount: '120000.00',
      currency: 'TJS',
      fxRate: '0.0915',
      line: 'OTH-1',
      payee: 'Diaspora experts (stipends)',
      reference: 'EXP-R1/2',
    },
    {
      date: d(-20),
      amount: '120000.00',
      currency: 'TJS',
      fxRate: '0.0919',
      line: 'OTH-1',
      payee: 'Diaspora experts (stipends)',
      reference: 'EXP-R1/3',
    },
    { date: d(-55), amount: '4800.00', line: 'MTG-2', payee: 'Hotel conference centre', reference: 'SEM-1' },
    { date: d(-20), amount: '5600.00', line: 'MTG-2', payee: 'Hotel conference centre', reference: 'SEM-2' },
    { date: d(-30), type: 'commitment', amount: '15200.00', line: 'TRV-1', payee: 'Travel agency', reference: 'PO-07' },
    { date: d(-5), type: 'commitment', amount: '8000.00', line: 'MTG-1', payee: 'Forum venue, Khujand', reference: 'PO-08' },
    { date: d(-12), amount: '36000.00', currency: 'RUB', fxRate: '0.0124', line: 'TRP-1', payee: 'Translation bureau, Moscow', reference: 'TRN-1' },
    {
      date: d(-25),
      amount: '1200.00',
      line: null,
      payee: 'Bank',
      reference: 'BANK-Q',
      description: 'Bank charges not yet assigned to a line (illustrative).',
    },
  ];
  const milestonesPlan: Milestone[] = [
    {
      activity: 'diaspora_mapping',
      kind: 'deliverable',
      title: 'Expert roster launched',
      dueDate: d(-150),
      doneDate: d(-138),
      evidenceNote: 'Roster online (illustrative).',
    },
    {
      activity: 'trust_building_series',
      kind: 'milestone',
      title: 'First expert assignments completed',
      dueDate: d(-10),
      doneDate: null,
      evidenceNote: '',
    },
    { activity: 'national_forum', kind: 'milestone', title: 'Investment forum held', dueDate: d(46), doneDate: null, evidenceNote: '' },
    { activity: null, kind: 'deliverable', title: 'Mid-term review report', dueDate: d(30), doneDate: null, evidenceNote: '' },
  ];
  const subEventsPlan: Partial<Record<ActivityKind, SubEvent[]>> = {
    joint_seminar_series: [
      { title: 'Seminar with banks: product design', date: d(-55), place: 'Dushanbe', participants: people(9, 14, 6, 3, 12, 2) },
      { title: 'Seminar with the regulator: consumer protection', date: d(-20), place: 'Dushanbe', participants: people(11, 12, 9, 2, 10, 2) },
    ],
  };
  return {
    lines,
    entries,
    milestones: milestonesPlan,
    subEvents: subEventsPlan,
    // The second is broken: the exchange visit was planned to start before round 1 ends.
    dependencies: [
      ['diaspora_mapping', 'trust_building_series'],
      ['trust_building_series', 'study_tour'],
    ] as [ActivityKind, ActivityKind][],
  };
}
