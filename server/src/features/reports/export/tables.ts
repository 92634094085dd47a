import { participantsTotal } from '@shared/calc/participants';
import type { ExportTable, ReportActivity, ReportData } from '@shared/schemas/report';
import type { Headings } from './headings';

/** How a column's cells are typed in a spreadsheet: real numbers and dates, never text that looks like one. */
export type ColumnType = 'text' | 'number' | 'percent' | 'money' | 'date' | 'integer';
export type Cell = string | number | null;
export type Column = { key: string; header: string; type: ColumnType; width: number };
export type Table = { name: ExportTable; title: string; columns: Column[]; rows: Cell[][] };

const money = (m: { amount: string }) => Number(m.amount);

function disaggregationText(d: Record<string, Record<string, number | null>> | null, h: Headings): string {
  if (!d) return '';
  return Object.entries(d)
    .map(
      ([dim, parts]) =>
        `${h(`dim_${dim}`)}: ${Object.entries(parts)
          .map(([k, v]) => `${h(`part_${k}`)} ${v ?? '–'}`)
          .join(', ')}`,
    )
    .join('; ');
}

/** How many took part and where the figure comes from; blank for reports frozen before they carried it. */
function participantCells(a: ReportActivity, h: Headings): [Cell, Cell] {
  if (!a.participants || !a.participantsSource) return [null, ''];
  const reported = { participants: a.participants, participantsSource: a.participantsSource, attendeeCount: a.attendeeCount ?? 0 };
  const total = participantsTotal(reported);
  if (total === null) return [null, ''];
  return [total, h(`src_${a.participantsSource}`)];
}

/** The report's tables, each with typed columns, in the order downloads show them. */
export function reportTables(data: ReportData, h: Headings): Table[] {
  const col = (key: string, type: ColumnType, width = 14, header = h(key)): Column => ({ key, header, type, width });
  const tables: Table[] = [
    {
      name: 'indicators',
      title: h('indicators'),
      columns: [
        col('code', 'text', 8),
        col('outcome', 'text', 9),
        col('indicator', 'text', 48),
        col('baseline', 'number'),
        col('target', 'number'),
        col('actual', 'number'),
        col('percent', 'percent', 11),
        col('rag', 'text', 14),
        col('disaggregation', 'text', 40),
      ],
      rows: data.indicators.map((i) => [
        i.code,
        i.outcomeCode ?? h('level_goal'),
        i.title + (i.unit ? ` (${i.unit})` : ''),
        i.baseline,
        i.target,
        i.actual,
        i.percent === null ? null : i.percent / 100,
        h(`rag_${i.rag}`),
        disaggregationText(i.disaggregation, h),
      ]),
    },
    {
      name: 'activities',
      title: h('activities'),
      columns: [
        col('outcome', 'text', 9),
        col('activity', 'text', 44),
        col('status', 'text', 14),
        col('plannedStart', 'date', 12),
        col('plannedEnd', 'date', 12),
        col('actualStart', 'date', 12),
        col('actualEnd', 'date', 12),
        col('complete', 'percent', 11),
        col('slippage', 'integer', 12),
        col('participants', 'integer', 12),
        col('countedFrom', 'text', 20),
      ],
      rows: data.activities.map((a) => [
        a.outcomeCode,
        a.title,
        h(`status_${a.status}`),
        a.plannedStart,
        a.plannedEnd,
        a.actualStart,
        a.actualEnd,
        a.percentComplete / 100,
        a.finishSlippageDays ?? a.startSlippageDays,
        ...participantCells(a, h),
      ]),
    },
    {
      name: 'milestones',
      title: h('milestones'),
      columns: [
        col('milestone', 'text', 40),
        col('activity', 'text', 34),
        col('due', 'date', 14),
        col('done', 'date', 14),
        col('status', 'text', 16),
      ],
      rows: data.milestones.map((m) => [m.title, m.activityTitle ?? '', m.dueDate, m.doneDate, h(`ms_${m.status}`)]),
    },
  ];
  const b = data.budget;
  const figures = (f: { budget: { amount: string }; committed: { amount: string }; spent: { amount: string }; remaining: { amount: string } }) => {
    const budget = money(f.budget);
    const spent = money(f.spent);
    return [budget, money(f.committed), spent, money(f.remaining), budget > 0 ? spent / budget : null];
  };
  const moneyCols = (currency: string) => [
    col('budget', 'money', 14, `${h('budget')} (${currency})`),
    col('committed', 'money', 14, `${h('committed')} (${currency})`),
    col('spent', 'money', 14, `${h('spent')} (${currency})`),
    col('remaining', 'money', 14, `${h('remaining')} (${currency})`),
    col('spentPercent', 'percent', 11, `% ${h('spentPercent').toLowerCase()}`),
  ];
  tables.push(
    {
      name: 'budget_categories',
      title: h('budgetByCategory'),
      columns: [col('category', 'text', 28), ...moneyCols(b?.currency ?? '')],
      rows: b ? [...b.byCategory.map((c) => [h(`cat_${c.category}`), ...figures(c)]), [h('total'), ...figures(b.totals)]] : [],
    },
    {
      name: 'budget_outcomes',
      title: h('budgetByOutcome'),
      columns: [col('code', 'text', 8), col('outcome', 'text', 44), ...moneyCols(b?.currency ?? '')],
      rows: b
        ? [
            ...b.byOutcome.map((o) => [o.code, o.title, ...figures(o)]),
            ['', h('unallocated'), ...figures(b.unallocatedToOutcome)],
            ['', h('total'), ...figures(b.totals)],
          ]
        : [],
    },
  );
  return tables;
}
