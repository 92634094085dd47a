import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PARTICIPANT_GROUPS, REGISTRY_SECTORS, SEXES } from '@shared/enums';
import { YEARS_ABROAD_BANDS, type RegistrySummary, type RegistrySummaryDimension, type SummaryCell } from '@shared/schemas/registry-summary';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Options, Select } from '@/components/ui/field';
import { TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { TableHead } from '@/components/ui/table-head';
import { countryOptions, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useRegistrySummary, type RegistrySummaryFilters } from '../api/get-summary';
import { saveCsv, saveSvgAsPng } from './download';
import { cellLabel } from './summary-labels';
import { WorldMap } from './world-map';

const CHARTS: RegistrySummaryDimension[] = ['sector', 'skills', 'occupation', 'yearsAbroad', 'sex', 'group', 'languages'];

/**
 * The registry as partners and donors may see it: counts only, small cells suppressed.
 * Every chart has its table, a PNG download and a CSV download.
 */
export function RegistrySummaryView({ projectId, projectCode }: { projectId: number; projectCode: string }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<RegistrySummaryFilters>({});
  const summary = useRegistrySummary(projectId, filters);
  const s = summary.data;

  return (
    <div className="stack registry-summary">
      <SummaryFilters filters={filters} onChange={setFilters} />
      {summary.isError ? <ErrorBanner error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      {!s && !summary.isError ? <LoadingBlock label={t('registry.summary.loading')} /> : null}
      {s ? <SummaryBody summary={s} fileStem={`${projectCode}-registry`} /> : null}
    </div>
  );
}

function SummaryFilters({ filters, onChange }: { filters: RegistrySummaryFilters; onChange: (f: RegistrySummaryFilters) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const set = (key: keyof RegistrySummaryFilters, value: string) => {
    const next: Record<string, string> = { ...filters };
    if (value) next[key] = value;
    else delete next[key];
    onChange(next as RegistrySummaryFilters);
  };
  const any = <option value="">{t('registry.filters.any')}</option>;
  return (
    <div className="filters" role="group" aria-label={t('registry.summary.filters')}>
      <div className="filters-grid">
        <Field label={t('registry.fields.country')}>
          <Select value={filters.country ?? ''} onChange={(e) => set('country', e.target.value)}>
            {any}
            {countryOptions(locale).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('registry.fields.sector')}>
          <Select value={filters.sector ?? ''} onChange={(e) => set('sector', e.target.value)}>
            {any}
            <Options values={REGISTRY_SECTORS} label={(v) => t(`registry.sector.${v}`)} />
          </Select>
        </Field>
        <Field label={t('registry.fields.group')}>
          <Select value={filters.group ?? ''} onChange={(e) => set('group', e.target.value)}>
            {any}
            <Options values={PARTICIPANT_GROUPS} label={(v) => t(`registry.group.${v}`)} />
          </Select>
        </Field>
        <Field label={t('registry.fields.sex')}>
          <Select value={filters.sex ?? ''} onChange={(e) => set('sex', e.target.value)}>
            {any}
            <Options values={SEXES} label={(v) => t(`registry.sex.${v}`)} />
          </Select>
        </Field>
        <Field label={t('registry.fields.yearsAbroad')}>
          <Select value={filters.yearsAbroad ?? ''} onChange={(e) => set('yearsAbroad', e.target.value)}>
            {any}
            <Options values={YEARS_ABROAD_BANDS} label={(v) => t(`registry.yearsBand.${v}`)} />
          </Select>
        </Field>
      </div>
      {Object.keys(filters).length ? (
        <div className="filters-clear">
          <Button size="sm" variant="ghost" onClick={() => onChange({})}>
            {t('registry.summary.clearFilters')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** “<5” for a suppressed cell, the count otherwise. */
export function cellValue(t: (k: 'registry.summary.suppressedShort') => string, locale: string, cell: SummaryCell): string {
  return cell.suppressed || cell.count === null ? t('registry.summary.suppressedShort') : formatNumber(cell.count, locale, 0);
}

export function SummaryBody({ summary: s, fileStem }: { summary: RegistrySummary; fileStem: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const anySuppressed = s.total.suppressed || Object.values(s.dimensions).some((cells) => cells.some((c) => c.suppressed));
  return (
    <>
      <div className="summary-metrics">
        <div className="metric">
          <div className="metric-label">{t('registry.summary.total')}</div>
          <div className="metric-value">{cellValue(t, locale, s.total)}</div>
        </div>
      </div>
      {anySuppressed ? (
        <Notice>
          <p>{t('registry.summary.suppressedExplanation', { threshold: s.threshold })}</p>
        </Notice>
      ) : null}
      {s.total.suppressed ? null : (
        <div className="registry-charts">
          <MapFigure summary={s} fileStem={fileStem} />
          {CHARTS.map((d) => (
            <DimensionChart key={d} dimension={d} cells={s.dimensions[d] ?? []} fileStem={fileStem} />
          ))}
        </div>
      )}
    </>
  );
}

type FigureProps = {
  title: string;
  dimension: RegistrySummaryDimension;
  cells: SummaryCell[];
  fileStem: string;
  svgRef: RefObject<SVGSVGElement | null> | (() => SVGSVGElement | null);
  children: ReactNode;
  wide?: boolean;
};

/** A chart with its downloads and its data as a table (the accessible alternative). */
function SummaryFigure({ title, dimension, cells, fileStem, svgRef, children, wide = false }: FigureProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [failed, setFailed] = useState(false);
  const name = `${fileStem}-${dimension}`;
  const png = async () => {
    const svg = typeof svgRef === 'function' ? svgRef() : svgRef.current;
    if (!svg) return;
    setFailed(false);
    try {
      await saveSvgAsPng(svg, `${name}.png`);
    } catch {
      setFailed(true);
    }
  };
  const csv = () =>
    saveCsv(
      `${name}.csv`,
      [t(`registry.summary.dimension.${dimension}`), t('registry.summary.people')],
      cells.map((c) => [cellLabel(t, locale, dimension, c.key), cellValue(t, locale, c)]),
    );
  return (
    <figure className={wide ? 'chart-figure summary-figure summary-figure-wide' : 'chart-figure summary-figure'}>
      <div className="summary-figure-head">
        <figcaption className="chart-title">{title}</figcaption>
        <div className="button-row">
          <Button size="sm" onClick={() => void png()}>
            {t('registry.summary.downloadPng')}
            <span className="visually-hidden">: {title}</span>
          </Button>
          <Button size="sm" onClick={csv}>
            {t('registry.summary.downloadCsv')}
            <span className="visually-hidden">: {title}</span>
          </Button>
        </div>
      </div>
      {failed ? <p className="field-error">{t('registry.summary.pngFailed')}</p> : null}
      {children}
      <details className="chart-table">
        <summary>{t('registry.summary.showTable', { title })}</summary>
        <SummaryTable title={title} dimension={dimension} cells={cells} />
      </details>
    </figure>
  );
}

export function SummaryTable({ title, dimension, cells }: { title: string; dimension: RegistrySummaryDimension; cells: SummaryCell[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <TableScroll label={title}>
      <table className="table table-compact">
        <caption className="visually-hidden">{title}</caption>
        <TableHead columns={[t(`registry.summary.dimension.${dimension}`), { label: t('registry.summary.people'), numeric: true }]} />
        <tbody>
          {cells.map((c) => (
            <tr key={c.key}>
              <th scope="row">{cellLabel(t, locale, dimension, c.key)}</th>
              <td className="num">
                {c.suppressed ? <abbr title={t('registry.summary.suppressedTitle')}>{cellValue(t, locale, c)}</abbr> : cellValue(t, locale, c)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function MapFigure({ summary, fileStem }: { summary: RegistrySummary; fileStem: string }) {
  const { t } = useTranslation();
  const ref = useRef<SVGSVGElement>(null);
  const cells = summary.dimensions.country ?? [];
  const title = t('registry.summary.mapTitle');
  return (
    <SummaryFigure title={title} dimension="country" cells={cells} fileStem={fileStem} svgRef={ref} wide>
      <div className="map-box">
        <WorldMap
          ref={ref}
          cells={cells}
          title={t('registry.summary.mapLabel', { count: cells.filter((c) => (c.count ?? 0) > 0 || c.suppressed).length })}
        />
      </div>
    </SummaryFigure>
  );
}

function DimensionChart({ dimension, cells, fileStem }: { dimension: RegistrySummaryDimension; cells: SummaryCell[]; fileStem: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const box = useRef<HTMLDivElement>(null);
  const title = t(`registry.summary.chartTitle.${dimension}`);
  // Zero rows say nothing in a bar chart (the table keeps them); suppressed ones show “<5” with no bar.
  const data = cells
    .filter((c) => c.suppressed || (c.count ?? 0) > 0)
    .map((c) => {
      const label = cellLabel(t, locale, dimension, c.key);
      // A suppressed cell has no bar: its “<5” goes with its name, where it cannot be missed.
      return {
        key: c.key,
        label: c.suppressed ? `${label} (${cellValue(t, locale, c)})` : label,
        count: c.count ?? 0,
        text: c.suppressed ? '' : cellValue(t, locale, c),
      };
    });
  const height = Math.max(120, data.length * 28 + 40);
  // On a phone the names get less room, so the bars keep some.
  const labelWidth = typeof window !== 'undefined' && window.innerWidth < 520 ? 96 : 150;
  return (
    <SummaryFigure
      title={title}
      dimension={dimension}
      cells={cells}
      fileStem={fileStem}
      svgRef={() => box.current?.querySelector('svg.recharts-surface') ?? null}
    >
      {data.length === 0 ? (
        <p className="muted small">{t('registry.summary.noData')}</p>
      ) : (
        <div className="chart-box" ref={box} role="img" aria-label={title} style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 4 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#dadfe6" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fontSize: 12 }} interval={0} />
              <Tooltip
                formatter={(_v, _n, item) => [
                  (item.payload as { text: string }).text || t('registry.summary.suppressedShort'),
                  t('registry.summary.people'),
                ]}
              />
              <Bar dataKey="count" fill="#1f5f66" isAnimationActive={false}>
                <LabelList dataKey="text" position="right" style={{ fontSize: 12, fill: '#1c2430' }} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </SummaryFigure>
  );
}
