import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { NARRATIVE_SECTIONS, type Report, type ReportData } from '@shared/schemas/report';
import { narrativeBlocks } from '../../../core/narrative-html';
import type { Headings } from './headings';
import type { Table } from './tables';

const FONTS = resolve(import.meta.dirname, '../../../../assets/fonts');
const REGULAR = resolve(FONTS, 'DejaVuSans.ttf');
const BOLD = resolve(FONTS, 'DejaVuSans-Bold.ttf');

const MARGIN = 48;
const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#cbd2d9';
const BUDGET = '#9aa5b1';
const SPENT = '#2b6cb0';
const RAG_COLOURS: Record<string, string> = { on_track: '#2f855a', at_risk: '#b7791f', off_track: '#c53030', not_computable: '#a0aec0' };

type Doc = PDFKit.PDFDocument;

const fmtNumber = (n: number | null, digits = 2) => (n === null ? '–' : new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n));
const fmtPercent = (fraction: number | null) => (fraction === null ? '–' : `${fmtNumber(fraction * 100, 1)} %`);
const fmtMoney = (n: number | null) =>
  n === null ? '–' : new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

function cellText(value: string | number | null, type: Table['columns'][number]['type']): string {
  if (value === null || value === '') return type === 'text' ? '' : '–';
  if (typeof value === 'string') return value;
  if (type === 'percent') return fmtPercent(value);
  if (type === 'money') return fmtMoney(value);
  if (type === 'integer') return String(value);
  return fmtNumber(value);
}

function contentWidth(doc: Doc) {
  return doc.page.width - MARGIN * 2;
}

/** Starts a new page when fewer than `needed` points are left above the bottom margin. */
function ensureSpace(doc: Doc, needed: number) {
  if (doc.y + needed > doc.page.height - MARGIN - 20) doc.addPage();
}

function heading(doc: Doc, text: string, size = 14) {
  ensureSpace(doc, size * 4);
  doc
    .moveDown(0.6)
    .font('bold')
    .fontSize(size)
    .fillColor(INK)
    .text(text, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

/** A table whose column widths are shared out by weight; rows wrap, and the header repeats on each page. */
function drawTable(doc: Doc, table: Table, options: { weights?: number[] } = {}) {
  if (table.rows.length === 0) {
    doc.font('regular').fontSize(9).fillColor(MUTED).text('–', MARGIN, doc.y);
    return;
  }
  const width = contentWidth(doc);
  const weights = options.weights ?? table.columns.map((c) => c.width);
  const total = weights.reduce((s, w) => s + w, 0);
  const widths = weights.map((w) => (w / total) * width);
  const pad = 3;
  const fontSize = 7.5;

  const rowHeight = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(fontSize);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: (widths[i] ?? 10) - pad * 2 }))) + pad * 2;
  };
  const drawRow = (cells: string[], font: 'regular' | 'bold', fill: string | null) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    if (fill) doc.rect(MARGIN, y, width, h).fill(fill);
    let x = MARGIN;
    doc.font(font).fontSize(fontSize).fillColor(INK);
    cells.forEach((c, i) => {
      const w = widths[i] ?? 10;
      const type = table.columns[i]?.type ?? 'text';
      doc.text(c, x + pad, y + pad, { width: w - pad * 2, align: type === 'text' || type === 'date' ? 'left' : 'right', lineBreak: true });
      x += w;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const header = table.columns.map((c) => c.header);
  ensureSpace(doc, rowHeight(header, 'bold') + 24);
  drawRow(header, 'bold', '#edf2f7');
  for (const row of table.rows) {
    const cells = row.map((v, i) => cellText(v, table.columns[i]?.type ?? 'text'));
    const h = rowHeight(cells, 'regular');
    if (doc.y + h > doc.page.height - MARGIN - 20) {
      doc.addPage();
      drawRow(header, 'bold', '#edf2f7');
    }
    drawRow(cells, 'regular', null);
  }
  doc.moveDown(0.5);
}

/**
 * Horizontal bars drawn as vector shapes: one or two bars per label (e.g. budget and
 * spent), scaled to the largest value, with the figure written at the bar's end.
 */
function barChart(
  doc: Doc,
  title: string,
  items: { label: string; values: (number | null)[]; colours?: string[] }[],
  options: { series: { name: string; colour: string }[]; format: (n: number) => string; reference?: { value: number; label: string }; max?: number },
) {
  if (items.length === 0) return;
  const width = contentWidth(doc);
  const labelWidth = width * 0.34;
  const barArea = width - labelWidth - 70;
  const barHeight = 7;
  const groupHeight = options.series.length * (barHeight + 2) + 8;
  const max = options.max ?? Math.max(1, ...items.flatMap((i) => i.values.map((v) => v ?? 0)), options.reference?.value ?? 0);
  ensureSpace(doc, 40 + Math.min(items.length, 6) * groupHeight);
  doc.font('bold').fontSize(9).fillColor(INK).text(title, MARGIN, doc.y);
  // Legend
  let lx = MARGIN;
  const ly = doc.y + 3;
  doc.font('regular').fontSize(7);
  for (const s of options.series) {
    doc.rect(lx, ly, 8, 6).fill(s.colour);
    doc.fillColor(MUTED).text(s.name, lx + 11, ly - 1, { lineBreak: false });
    lx += 16 + doc.widthOfString(s.name);
  }
  doc.y = ly + 12;
  const top = doc.y;
  for (const item of items) {
    if (doc.y + groupHeight > doc.page.height - MARGIN - 20) doc.addPage();
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(INK)
      .text(item.label, MARGIN, y, { width: labelWidth - 6, height: groupHeight - 2, ellipsis: true });
    item.values.forEach((v, i) => {
      const by = y + i * (barHeight + 2);
      const colour = item.colours?.[i] ?? options.series[i]?.colour ?? SPENT;
      const w = v === null ? 0 : Math.max(0.5, (Math.min(v, max) / max) * barArea);
      doc.rect(MARGIN + labelWidth, by, w, barHeight).fill(colour);
      doc
        .font('regular')
        .fontSize(6.5)
        .fillColor(MUTED)
        .text(v === null ? '–' : options.format(v), MARGIN + labelWidth + w + 3, by, { lineBreak: false });
    });
    doc.y = y + groupHeight;
  }
  if (options.reference) {
    const x = MARGIN + labelWidth + (options.reference.value / max) * barArea;
    if (doc.y > top) {
      doc
        .moveTo(x, top - 2)
        .lineTo(x, doc.y - 4)
        .dash(2, { space: 2 })
        .lineWidth(0.6)
        .strokeColor('#718096')
        .stroke()
        .undash();
      doc
        .font('regular')
        .fontSize(6.5)
        .fillColor(MUTED)
        .text(options.reference.label, x - 20, doc.y - 2, { width: 40, align: 'center' });
    }
  }
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

function keyValues(doc: Doc, rows: [string, string][]) {
  const width = contentWidth(doc);
  for (const [k, v] of rows) {
    if (!v) continue;
    ensureSpace(doc, 14);
    const y = doc.y;
    doc
      .font('bold')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(k, MARGIN, y, { width: width * 0.3 });
    const after = doc.y;
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor(INK)
      .text(v, MARGIN + width * 0.3, y, { width: width * 0.7 });
    doc.y = Math.max(after, doc.y) + 2;
  }
}

/**
 * Writes the report (or the live project view when `report` is null) as a PDF to
 * `out`: DejaVu Sans embedded so Cyrillic renders, vector bar charts, headings in the
 * chosen language and "Page X of Y" on every page.
 */
export function writeReportPdf(out: Writable, data: ReportData, report: Report | null, tables: Table[], h: Headings, lang: string): void {
  const p = data.project;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: report ? `${p.code} – ${report.title}` : `${p.code} – ${p.title}`, Author: p.implementingOrg || 'Hamkori', Creator: 'Hamkori' },
    lang,
    displayTitle: true,
  });
  doc.pipe(out);
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);

  const width = contentWidth(doc);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(`${p.code} · ${report ? h('report') : h('projectView')}`, MARGIN, MARGIN);
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(INK)
    .text(report ? report.title : p.title, { width });
  if (report) doc.font('regular').fontSize(11).fillColor(INK).text(p.title, { width });
  doc.moveDown(0.4);
  const meta: string[] = [];
  if (report) {
    meta.push(`${h('period')}: ${report.periodStart} – ${report.periodEnd}`);
    meta.push(`${h('kind')}: ${h(`kind_${report.kind}`)}`);
    meta.push(`${h('status')}: ${h(`report_${report.status}`)}`);
  }
  meta.push(
    report?.frozenAt
      ? `${h('frozenAt')} ${report.frozenAt.slice(0, 16).replace('T', ' ')} UTC`
      : `${h('liveData')} ${data.compiledAt.slice(0, 16).replace('T', ' ')} UTC`,
  );
  doc.font('regular').fontSize(9).fillColor(MUTED).text(meta.join('   ·   '), { width });
  if (data.illustrative) {
    doc.moveDown(0.4);
    const y = doc.y;
    const text = h('illustrative');
    doc.font('regular').fontSize(8.5);
    const hh = doc.heightOfString(text, { width: width - 12 }) + 8;
    doc.rect(MARGIN, y, width, hh).fill('#fefcbf');
    doc.fillColor('#744210').text(text, MARGIN + 6, y + 4, { width: width - 12 });
    doc.y = y + hh;
  }

  heading(doc, h('summary'));
  keyValues(doc, [
    [h('projectId'), p.code],
    [h('title'), p.title],
    [h('implementingOrg'), p.implementingOrg],
    [h('funder'), p.funder],
    [h('dates'), `${p.plannedStart ?? p.startYear} – ${p.plannedEnd ?? p.endYear}`],
    [h('budget'), `${p.budget.currency} ${fmtMoney(Number(p.budget.amount))}`],
    [h('memberStates'), p.memberStates.join(', ')],
    [h('goal'), p.goal],
    [h('description'), p.description],
  ]);

  const byName = new Map(tables.map((t) => [t.name, t]));
  heading(doc, h('indicators'));
  for (const o of data.outcomes) {
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor(INK)
      .text(`${h('outcome')} ${o.code}: ${o.title} — ${h(`rag_${o.rag}`)}`, MARGIN, doc.y, { width });
  }
  doc.moveDown(0.4);
  const indicators = byName.get('indicators');
  if (indicators) drawTable(doc, indicators, { weights: [7, 8, 38, 10, 10, 10, 9, 11, 26] });
  const numeric = data.indicators.filter((i) => i.measure !== 'qualitative');
  barChart(
    doc,
    h('indicatorProgress'),
    numeric.map((i) => ({ label: `${i.code} ${i.title}`, values: [i.percent], colours: [RAG_COLOURS[i.rag] ?? SPENT] })),
    {
      series: [{ name: h('percent'), colour: SPENT }],
      format: (n) => `${fmtNumber(n, 1)} %`,
      reference: { value: 100, label: '100 %' },
      max: Math.max(120, ...numeric.map((i) => Math.min(200, i.percent ?? 0))),
    },
  );

  heading(doc, h('activities'));
  const activities = byName.get('activities');
  if (activities) drawTable(doc, activities, { weights: [5, 20, 11, 14, 14, 14, 14, 8, 9, 9, 11] });

  heading(doc, h('milestones'));
  const milestones = byName.get('milestones');
  if (milestones) drawTable(doc, milestones);

  heading(doc, h('budgetUse'));
  const b = data.budget;
  if (b) {
    keyValues(doc, [
      [`${h('budget')} (${b.currency})`, fmtMoney(Number(b.totals.budget.amount))],
      [`${h('spent')} (${b.currency})`, fmtMoney(Number(b.totals.spent.amount))],
      [h('spentPercent'), b.spentPercent === null ? '–' : `${fmtNumber(b.spentPercent, 1)} %`],
      [h('timeElapsed'), b.timeElapsedPercent === null ? '–' : `${fmtNumber(b.timeElapsedPercent, 1)} %`],
    ]);
    barChart(
      doc,
      `${h('spentPercent')} / ${h('timeElapsed')}`,
      [
        { label: h('spentPercent'), values: [b.spentPercent] },
        { label: h('timeElapsed'), values: [b.timeElapsedPercent], colours: [BUDGET] },
      ],
      { series: [{ name: '%', colour: SPENT }], format: (n) => `${fmtNumber(n, 1)} %`, max: 100 },
    );
    const series = [
      { name: h('budget'), colour: BUDGET },
      { name: h('spent'), colour: SPENT },
    ];
    barChart(
      doc,
      `${h('byCategory')} (${b.currency})`,
      b.byCategory.map((c) => ({ label: h(`cat_${c.category}`), values: [Number(c.budget.amount), Number(c.spent.amount)] })),
      { series, format: fmtMoney },
    );
    const byCategory = byName.get('budget_categories');
    if (byCategory) drawTable(doc, byCategory);
    barChart(
      doc,
      `${h('byOutcome')} (${b.currency})`,
      [
        ...b.byOutcome.map((o) => ({ label: `${o.code} ${o.title}`, values: [Number(o.budget.amount), Number(o.spent.amount)] })),
        { label: h('unallocated'), values: [Number(b.unallocatedToOutcome.budget.amount), Number(b.unallocatedToOutcome.spent.amount)] },
      ],
      { series, format: fmtMoney },
    );
    const byOutcome = byName.get('budget_outcomes');
    if (byOutcome) drawTable(doc, byOutcome, { weights: [6, 40, 14, 14, 14, 14, 10] });
  } else {
    doc.font('regular').fontSize(9).fillColor(MUTED).text(h('none'));
  }

  if (report) {
    heading(doc, h('narrative'));
    for (const section of NARRATIVE_SECTIONS) {
      heading(doc, h(section), 11);
      const blocks = narrativeBlocks(report.narrative[section]);
      if (blocks.length === 0) doc.font('regular').fontSize(9).fillColor(MUTED).text(h('none'), MARGIN, doc.y);
      for (const block of blocks) {
        ensureSpace(doc, 24);
        if (block.kind === 'h3') doc.font('bold').fontSize(10).fillColor(INK).text(block.text, MARGIN, doc.y, { width });
        else if (block.kind === 'li')
          doc
            .font('regular')
            .fontSize(9)
            .fillColor(INK)
            .text(`${block.ordered ? `${block.ordered}.` : '•'}  ${block.text}`, MARGIN + 10, doc.y, { width: width - 10 });
        else doc.font('regular').fontSize(9).fillColor(INK).text(block.text, MARGIN, doc.y, { width });
        doc.moveDown(0.3);
      }
    }
    if (report.reviewComment) {
      heading(doc, h('reviewComment'), 11);
      doc.font('regular').fontSize(9).fillColor(INK).text(report.reviewComment, MARGIN, doc.y, { width });
    }
  }

  // Page numbers last, once the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const label = h('pageOf', { page: i + 1, pages: range.count });
    // Writing in the bottom margin must not trigger an automatic page break.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(label, MARGIN, doc.page.height - MARGIN + 16, { width: contentWidth(doc), align: 'center', lineBreak: false });
    doc.text(`${p.code}`, MARGIN, doc.page.height - MARGIN + 16, { width: contentWidth(doc), align: 'left', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.flushPages();
  doc.end();
}
