import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHAR_SKETCH_SIZE, compareAgreements, fingerprint, prepare, ReuseIndex, sketchJaccard } from '@ccm/compare';
import { type AgreementDocument, agreementId, parse } from '@ccm/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasShared, TOTA_DIR } from '../parser/helpers.ts';

const tota = (id: number) => parse(readFileSync(resolve(TOTA_DIR, `pta_${id}.xml`)));
const signed = (d: AgreementDocument) => String(d.metadata.date_signed);

describe.runIf(hasShared)('text reuse in real agreements (ToTA)', () => {
  // EFTA's agreements with Colombia (2008) and Peru (2010) were negotiated from the same EFTA
  // model text; Japan–Thailand (2007) comes from another tradition.
  let colombia: AgreementDocument;
  let peru: AgreementDocument;
  let japanThailand: AgreementDocument;
  beforeAll(async () => {
    [colombia, peru, japanThailand] = await Promise.all([tota(153), tota(154), tota(1)]);
  });

  it('finds most of EFTA–Peru in EFTA–Colombia, article by article, and little of Japan–Thailand', () => {
    const efta = compareAgreements(peru, colombia, { diff: false });
    expect(efta.wordContainment.aInB).toBeGreaterThan(0.6);
    expect(efta.wordContainment.bInA).toBeGreaterThan(0.5);
    // the two follow one chapter plan, renumbered in places (Peru's procurement chapter has ten
    // more articles): aligned articles carry the same number or the same heading
    const articles = efta.aligned.filter((p) => p.a.citation.startsWith('Article'));
    const part = (citation: string, i: number) => citation.split(':')[i]?.trim().toLowerCase();
    const alike = articles.filter(
      (p) => part(p.a.citation, 0) === part(p.b.citation, 0) || part(p.a.citation, 1) === part(p.b.citation, 1),
    );
    expect(articles.length).toBeGreaterThan(100);
    expect(alike.length / articles.length).toBeGreaterThan(0.95);
    // Peru swaps Colombia's Articles 2.1 and 2.2: a crossing a monotone alignment could not keep
    const pair = (citation: string) => efta.aligned.find((p) => p.a.citation === citation)?.b.citation;
    expect(pair('Article 2.1: Scope')).toBe('Article 2.2: Scope');
    expect(pair('Article 2.2: Definitions')).toBe('Article 2.1: Definitions');

    const unrelated = compareAgreements(japanThailand, colombia, { diff: false });
    expect(unrelated.wordContainment.aInB).toBeLessThan(0.15);
    expect(unrelated.wordContainment.bInA).toBeLessThan(0.15);
    // character 5-grams separate them too, though legal English shares many (Alschner & Skougarevskiy's scale)
    expect(efta.charJaccard - unrelated.charJaccard).toBeGreaterThan(0.2);
    expect(efta.aligned.length).toBeGreaterThan(3 * unrelated.aligned.length);
  });

  it('estimates the agreements’ character 5-gram Jaccard from the stored sketches within 0.05 of the exact figure', () => {
    const [pc, pp, pj] = [colombia, peru, japanThailand].map(prepare);
    const [fc, fp, fj] = [colombia, peru, japanThailand].map(fingerprint);
    for (const [a, b, fa, fb] of [
      [pp, pc, fp, fc],
      [pj, pc, fj, fc],
    ] as const) {
      const exact = compareAgreements(a!, b!, { diff: false }).charJaccard;
      expect(Math.abs(sketchJaccard(fa!.chars, fb!.chars, CHAR_SKETCH_SIZE) - exact)).toBeLessThan(0.05);
      expect(fa!.charGramCount).toBe(a!.chars.length);
    }
  });

  it('names EFTA–Colombia as EFTA–Peru’s closest earlier agreement, and knows nothing later', () => {
    const index = new ReuseIndex(
      [colombia, peru, japanThailand].map((d) => ({
        id: agreementId(d),
        signed: signed(d),
        fingerprint: fingerprint(d),
      })),
    );
    const report = index.predecessors(agreementId(peru));
    expect(report.predecessors[0]?.id).toBe(agreementId(colombia));
    expect(report.predecessors[0]?.share).toBeGreaterThan(0.6);
    const other = report.predecessors.find((p) => p.id === agreementId(japanThailand));
    expect(other?.share ?? 0).toBeLessThan(0.15);
    // the index and the pairwise comparison measure the same thing two ways
    const pairwise = compareAgreements(peru, colombia, { diff: false }).wordContainment.aInB;
    expect(report.predecessors[0]?.share).toBeCloseTo(pairwise, 10);
    // Japan–Thailand was signed first: the EFTA agreements are later, so not its predecessors
    expect(index.predecessors(agreementId(japanThailand)).predecessors).toEqual([]);
  });
});
