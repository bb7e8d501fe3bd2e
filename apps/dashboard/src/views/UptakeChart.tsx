import type { UptakeSeries } from '@ccm/contracts';
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';
import { checkLabel, UPTAKE_CHECKS } from '../checks.ts';
import { useT } from '../i18n.ts';
import type { Drill } from './Uptake.tsx';

interface Row {
  year: number;
  check: string;
  label: string;
  value: number;
  passed: number;
  applicable: number;
  agreements: number;
}

/** The uptake lines (Observable Plot), 2005 and 2017 marked; a click on a point lists its agreements. */
export default function UptakeChart({
  series,
  measure,
  onPick,
}: {
  series: UptakeSeries[];
  measure: 'share' | 'count';
  onPick: (d: Drill) => void;
}) {
  const { t, lang } = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const rows: Row[] = series.flatMap((s) =>
      s.points
        .filter((p) => /^\d{4}$/.test(p.key))
        .map((p) => ({
          year: Number(p.key),
          check: s.check,
          label: checkLabel(s.check, lang),
          value: measure === 'count' ? p.passed : (p.share ?? Number.NaN),
          passed: p.passed,
          applicable: p.applicable,
          agreements: p.agreements,
        })),
    );
    const signed = new Map<number, number>();
    for (const r of rows) signed.set(r.year, Math.max(signed.get(r.year) ?? 0, r.agreements));
    const colors = UPTAKE_CHECKS.map((c) => c.color);
    const labels = UPTAKE_CHECKS.map((c) => c[lang]);
    const plot = Plot.plot({
      width: Math.min(1100, ref.current?.clientWidth ?? 960),
      height: 380,
      marginBottom: 50,
      x: { label: t('year'), tickFormat: 'd' },
      y: {
        label: measure === 'count' ? t('count') : t('share'),
        grid: true,
        ...(measure === 'share' ? { percent: true, domain: [0, 100] } : {}),
      },
      color: { domain: labels, range: colors, legend: true },
      marks: [
        Plot.ruleX([2005], { stroke: '#444', strokeDasharray: '4,3' }),
        Plot.ruleX([2017], { stroke: '#444', strokeDasharray: '4,3' }),
        Plot.text([{ year: 2005, text: t('adopted2005') }], {
          x: 'year',
          text: 'text',
          frameAnchor: 'top',
          dy: -4,
          dx: 3,
          textAnchor: 'start',
          fontSize: 11,
        }),
        // The 2017 label reads leftwards so it stays inside the frame.
        Plot.text([{ year: 2017, text: t('guidelines2017') }], {
          x: 'year',
          text: 'text',
          frameAnchor: 'top',
          dy: 10,
          dx: -3,
          textAnchor: 'end',
          fontSize: 11,
        }),
        Plot.lineY(rows, { x: 'year', y: 'value', stroke: 'label', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'year', y: 'value', fill: 'label', r: 3 }),
        // How many agreements each year rests on, under the axis.
        Plot.text([...signed], {
          x: (d: [number, number]) => d[0],
          text: (d: [number, number]) => String(d[1]),
          frameAnchor: 'bottom',
          dy: 34,
          fontSize: 9,
          fill: '#555',
        }),
        Plot.tip(
          rows,
          Plot.pointer({
            x: 'year',
            y: 'value',
            title: (r: Row) => `${r.label}\n${r.year}: ${r.passed} / ${r.applicable} (${r.agreements} ${t('restsOn')})`,
          }),
        ),
      ],
    });
    // The chart is one image for assistive technology (its figures are in the table below):
    // Plot's per-mark labels on plain <g> elements are not allowed there.
    for (const el of plot.querySelectorAll('g[aria-label]')) el.removeAttribute('aria-label');
    plot.setAttribute('aria-label', t('uptakeTitle'));
    plot.setAttribute('role', 'img');
    plot.classList.add('uptake-chart');
    // The pointer transform keeps the datum under the pointer in `value`: a click drills into it.
    plot.addEventListener('click', () => {
      const row = (plot as unknown as { value: Row | null }).value;
      if (row) onPick({ by: 'year', key: String(row.year), check: row.check });
    });
    ref.current?.replaceChildren(plot);
    return () => plot.remove();
  }, [series, measure, lang, t, onPick]);
  return <div ref={ref} className="chart" data-testid="uptake-chart" />;
}
