import type { UptakePoint } from '@ccm/contracts';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import countries from 'i18n-iso-countries';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
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

/** Keys that move between the parties on the map (one tab stop for the whole map: a roving tabindex). */
const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * Each party coloured by its uptake of one check; the map data ships in the bundle (world-atlas).
 * The map is one tab stop; arrow keys go from party to party west to east, Home and End to the
 * ends, Enter or Space opens the party's agreements.
 */
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
  // Parties on the map, west to east by the centre of their shape: the arrow keys' order.
  const order = useMemo(
    () =>
      shapes.features
        .flatMap((f) => {
          const p = f.id != null ? byNumeric.get(String(f.id)) : undefined;
          return p ? [{ iso3: p.iso3, x: path.centroid(f)[0] }] : [];
        })
        .sort((a, b) => a.x - b.x)
        .map((o) => o.iso3),
    [byNumeric],
  );
  const [current, setCurrent] = useState<string | null>(null);
  const active = current && order.includes(current) ? current : (order[0] ?? null);
  const svg = useRef<SVGSVGElement>(null);
  const move = (e: KeyboardEvent, iso3: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick(iso3);
      return;
    }
    const at = order.indexOf(iso3);
    const to =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? order.length - 1
          : STEP[e.key] !== undefined
            ? at + (STEP[e.key] ?? 0)
            : -1;
    if (to < 0 || to >= order.length) return;
    e.preventDefault();
    const next = order[to] as string;
    setCurrent(next);
    svg.current?.querySelector<SVGPathElement>(`[data-party="${next}"]`)?.focus();
  };
  return (
    <figure className="map-figure" aria-labelledby="map-title">
      <svg ref={svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="map" data-testid="world-map">
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
              tabIndex={p.iso3 === active ? 0 : -1}
              aria-label={label}
              data-party={p.iso3}
              className="party"
              onClick={() => onPick(p.iso3)}
              onFocus={() => setCurrent(p.iso3)}
              onKeyDown={(e) => move(e, p.iso3)}
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
