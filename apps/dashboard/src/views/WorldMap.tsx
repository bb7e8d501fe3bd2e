import type { UptakePoint } from '@ccm/contracts';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import countries from 'i18n-iso-countries';
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { useT } from '../i18n.ts';
import { pct } from '../ui.tsx';

const WIDTH = 720;
const HEIGHT = 370;
const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const shapes = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], shapes);
const path = geoPath(projection);

/** Sequential blues: darker is more uptake. */
function colour(share: number | null): string {
  if (share == null) return '#e8e8e8';
  const l = 92 - share * 62;
  return `hsl(210 65% ${l}%)`;
}

/** Each party coloured by its uptake of one check; the map data ships in the bundle (world-atlas). */
export default function WorldMap({ points, onPick }: { points: UptakePoint[]; onPick: (iso3: string) => void }) {
  const { t } = useT();
  const byNumeric = useMemo(() => {
    const m = new Map<string, UptakePoint & { iso3: string }>();
    for (const p of points) {
      const n = countries.alpha3ToNumeric(p.key);
      if (n) m.set(n, { ...p, iso3: p.key });
    }
    return m;
  }, [points]);
  return (
    <figure className="map-figure" aria-labelledby="map-title">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="map" data-testid="world-map">
        <title>{t('map')}</title>
        {shapes.features.map((f: Feature<Geometry, { name: string }>, i) => {
          const p = f.id != null ? byNumeric.get(String(f.id)) : undefined;
          const d = path(f) ?? '';
          if (!p) return <path key={String(f.id ?? i)} d={d} fill={colour(null)} stroke="#fff" strokeWidth={0.4} />;
          const label = `${f.properties.name} (${p.iso3}): ${pct(p.share)}, ${p.passed} / ${p.applicable}`;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it acts as one
            <path
              key={p.iso3}
              d={d}
              fill={colour(p.share)}
              stroke="#fff"
              strokeWidth={0.4}
              role="button"
              tabIndex={-1}
              aria-label={label}
              data-party={p.iso3}
              className="party"
              onClick={() => onPick(p.iso3)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') onPick(p.iso3);
              }}
            >
              <title>{label}</title>
            </path>
          );
        })}
        <text x={8} y={HEIGHT - 8} fontSize={10} fill="#555">
          {t('map')}
        </text>
      </svg>
    </figure>
  );
}
