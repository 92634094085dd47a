import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { forwardRef, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import type { SummaryCell } from '@shared/schemas/registry-summary';
import { countryName, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { ALPHA2_BY_NUMERIC } from './country-numeric';

const WIDTH = 960;
const HEIGHT = 500;
/** Light to dark: more people, darker country. */
const SHADES = ['#d4ebe8', '#9fcfca', '#5fa9a3', '#2f7d78', '#154549'];
const NO_DATA = '#eceff3';
const SUPPRESSED = 'url(#map-suppressed)';

type CountryFeature = Feature<Geometry, { name: string }>;

// Bundled with the app: no tiles, no network, works offline.
const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = (feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>).features.filter(
  (f) => f.id !== '010', // Antarctica takes room and never holds a diaspora.
) as CountryFeature[];

function shadeOf(count: number, max: number): string {
  if (max <= 0) return SHADES[0] ?? NO_DATA;
  const i = Math.min(SHADES.length - 1, Math.floor((count / max) * SHADES.length));
  return SHADES[Math.max(0, i)] ?? NO_DATA;
}

type WorldMapProps = { cells: SummaryCell[]; title: string };

/** People by country of residence on an Equal Earth world map; suppressed countries hatched and marked “<5”. */
export const WorldMap = forwardRef<SVGSVGElement, WorldMapProps>(function WorldMap({ cells, title }, ref) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const byCode = useMemo(() => new Map(cells.map((c) => [c.key, c])), [cells]);
  const max = Math.max(0, ...cells.map((c) => c.count ?? 0));
  const path = useMemo(() => {
    const projection = geoEqualEarth().fitExtent(
      [
        [4, 4],
        [WIDTH - 4, HEIGHT - 4],
      ],
      { type: 'FeatureCollection', features: countries },
    );
    return geoPath(projection);
  }, []);
  const legend = [
    { fill: SHADES[0] ?? NO_DATA, label: t('registry.summary.mapFewer') },
    { fill: SHADES[SHADES.length - 1] ?? NO_DATA, label: t('registry.summary.mapMore', { max: formatNumber(max, locale, 0) }) },
    { fill: SUPPRESSED, label: t('registry.summary.suppressedShort') },
    { fill: NO_DATA, label: t('registry.summary.mapNone') },
  ];

  return (
    <svg ref={ref} className="world-map" viewBox={`0 0 ${WIDTH} ${HEIGHT + 40}`} role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg">
      <defs>
        <pattern id="map-suppressed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#fdf2d8" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#7a5200" strokeWidth="2" />
        </pattern>
      </defs>
      <rect width={WIDTH} height={HEIGHT + 40} fill="#ffffff" />
      <g>
        {countries.map((f) => {
          const code = ALPHA2_BY_NUMERIC.get(String(f.id));
          const cell = code ? byCode.get(code) : undefined;
          const fill = !cell ? NO_DATA : cell.suppressed ? SUPPRESSED : (cell.count ?? 0) > 0 ? shadeOf(cell.count ?? 0, max) : NO_DATA;
          const name = code ? countryName(code, locale) : f.properties.name;
          const value = !cell ? '0' : cell.suppressed ? t('registry.summary.suppressedShort') : formatNumber(cell.count ?? 0, locale, 0);
          return (
            <path key={String(f.id ?? f.properties.name)} d={path(f) ?? ''} fill={fill} stroke="#ffffff" strokeWidth={0.5} data-country={code}>
              <title>{`${name}: ${value}`}</title>
            </path>
          );
        })}
      </g>
      <g transform={`translate(8, ${HEIGHT + 12})`} fontSize="13" fill="#1c2430">
        {legend.map((l, i) => (
          <g key={l.label} transform={`translate(${i * 230}, 0)`}>
            <rect width="16" height="16" fill={l.fill} stroke="#b9c1cc" />
            <text x="22" y="13">
              {l.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
});
