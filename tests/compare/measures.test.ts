import {
  type AgreementFingerprint,
  CompareError,
  compareAgreements,
  comparePairwise,
  deserialiseFingerprint,
  fingerprint,
  normaliseText,
  provisionShares,
  ReuseIndex,
  serialiseFingerprint,
  textSimilarity,
} from '@ccm/compare';
import { parse } from '@ccm/parser';
import { describe, expect, it } from 'vitest';

// Provisions written for these tests, in the manner of trade agreements.
const CULTURE =
  'Nothing in this Agreement shall be construed to prevent a Party from adopting or maintaining measures to protect and promote the diversity of cultural expressions, including subsidies to cultural industries and content quotas for audiovisual services.';
const SERVICES =
  'Each Party shall accord to services and service suppliers of the other Party treatment no less favourable than that it accords, in like circumstances, to its own services and service suppliers in the sectors inscribed in its Schedule of specific commitments.';
const COMMITTEE =
  'The Joint Committee shall meet within one year of the entry into force of this Agreement and thereafter whenever necessary. It shall establish its rules of procedure and may set up working groups to assist it in the performance of its tasks.';
const ORIGIN =
  'A product shall be considered as originating in a Party if it has been wholly obtained there or has undergone sufficient working or processing there within the meaning of Annex II on rules of origin and methods of administrative co-operation.';
const DISPUTE =
  'Any dispute between the Parties concerning the interpretation or application of this Agreement shall be settled by consultations in the Joint Committee; failing settlement within sixty days, either Party may request the establishment of an arbitral panel.';
// CULTURE reworded: the same rule, hardly a run of five words in common.
const CULTURE_PARAPHRASED =
  'This Agreement does not stop either Party from keeping or introducing policies that safeguard and foster the variety of forms of cultural expression, such as grants for the culture sector and local content requirements in broadcasting.';

const agreement = async (title: string, articles: [string, string][]) => {
  const text = [
    title,
    '',
    ...articles.flatMap(([heading, body], i) => [`Article ${i + 1}`, heading, '', body, '']),
  ].join('\n');
  return parse(Buffer.from(text), { format: 'text', fileName: `${title}.txt` });
};

describe('measures on single provisions', () => {
  it('ignores case, punctuation, whitespace, diacritics and words broken at a line end', () => {
    const reprinted = CULTURE.toUpperCase()
      .replace('CULTURAL INDUSTRIES', 'cul-\ntural   industries')
      .replace(/,/g, ' ;')
      .replace('DIVERSITY', 'DIVÉRSITY');
    expect(normaliseText(reprinted)).toBe(normaliseText(CULTURE));
    expect(textSimilarity(CULTURE, reprinted)).toEqual({ charJaccard: 1, aInB: 1, bInA: 1 });
  });

  it('scores identical text 1, a half-copied provision about half, a paraphrase low by words but above unrelated text by characters', () => {
    expect(textSimilarity(CULTURE, CULTURE)).toEqual({ charJaccard: 1, aInB: 1, bInA: 1 });

    // B copies the whole of CULTURE and adds as much new text: all of A is in B, half of B is in A.
    const extended = `${CULTURE} ${SERVICES}`;
    const half = textSimilarity(CULTURE, extended);
    expect(half.aInB).toBe(1);
    expect(half.bInA).toBeGreaterThan(0.4);
    expect(half.bInA).toBeLessThan(0.6);
    expect(half.charJaccard).toBeGreaterThan(0.35);
    expect(half.charJaccard).toBeLessThan(0.65);

    const paraphrase = textSimilarity(CULTURE, CULTURE_PARAPHRASED);
    const unrelated = textSimilarity(CULTURE, ORIGIN);
    expect(paraphrase.aInB).toBeLessThan(0.1);
    expect(unrelated.aInB).toBe(0);
    expect(paraphrase.charJaccard).toBeGreaterThan(unrelated.charJaccard);
    expect(paraphrase.charJaccard).toBeLessThan(0.5);
  });
});

describe('aligning two agreements', () => {
  it('matches reordered articles one to one, leaves new ones unmatched, and diffs the edited one word by word', async () => {
    const a = await agreement('Agreement A', [
      ['Cultural Diversity', CULTURE],
      ['National Treatment', SERVICES],
      ['Joint Committee', COMMITTEE],
      ['Rules of Origin', ORIGIN],
    ]);
    // B reorders A's articles, edits one, drops one and adds one.
    const b = await agreement('Agreement B', [
      ['Dispute Settlement', DISPUTE],
      ['Joint Committee', COMMITTEE.replace('within one year', 'within six months')],
      ['Cultural Diversity', CULTURE],
      ['National Treatment', SERVICES],
    ]);
    const result = compareAgreements(a, b);
    expect(result.aligned.map((p) => [p.a.citation, p.b.citation])).toEqual([
      ['Article 1: Cultural Diversity', 'Article 3: Cultural Diversity'],
      ['Article 2: National Treatment', 'Article 4: National Treatment'],
      ['Article 3: Joint Committee', 'Article 2: Joint Committee'],
    ]);
    expect(result.unmatched.a.map((r) => r.citation)).toEqual(['Article 4: Rules of Origin']);
    expect(result.unmatched.b.map((r) => r.citation)).toEqual(['Article 1: Dispute Settlement']);

    const [culture, , committee] = result.aligned;
    expect(culture?.charJaccard).toBe(1);
    expect(culture?.diff?.every((c) => c.op === 'equal')).toBe(true);
    expect(committee?.charJaccard).toBeLessThan(1);
    const changed = committee?.diff?.filter((c) => c.op !== 'equal').map((c) => [c.op, c.text.trim()]);
    expect(changed).toEqual([
      ['delete', 'one year'],
      ['insert', 'six months'],
    ]);
    // the diff rebuilds both texts
    const side = (op: string) =>
      committee?.diff
        ?.filter((c) => c.op === 'equal' || c.op === op)
        .map((c) => c.text)
        .join('');
    expect(side('delete')?.replace(/\s+/g, ' ').trim()).toBe(COMMITTEE);

    // three of A's four articles are copied into B, and three of B's four come from A
    expect(result.wordContainment.aInB).toBeGreaterThan(0.6);
    expect(result.wordContainment.aInB).toBeLessThan(0.8);
    expect(result.wordContainment.bInA).toBeGreaterThan(0.6);
  });

  it('aligns one boilerplate provision of B with only one of its two look-alikes in A', async () => {
    const a = await agreement('Agreement A', [
      ['Joint Committee', COMMITTEE],
      ['Sub-Committee', COMMITTEE.replace('The Joint Committee', 'The Sub-Committee on Trade in Goods')],
    ]);
    const b = await agreement('Agreement B', [['Joint Committee', COMMITTEE]]);
    const result = compareAgreements(a, b);
    expect(result.aligned.map((p) => p.a.citation)).toEqual(['Article 1: Joint Committee']);
    expect(result.unmatched.a.map((r) => r.citation)).toEqual(['Article 2: Sub-Committee']);
  });

  it('compares documents without provisions (a letter, a bare text) as one whole text', async () => {
    const bare = (text: string) => parse(Buffer.from(text), { format: 'text' });
    const a = await bare(`${CULTURE}\n\n${COMMITTEE}\n`);
    const b = await bare(`${COMMITTEE}\n\n${CULTURE}\n\n${DISPUTE}\n`);
    expect(a.provisions).toEqual([]);
    const result = compareAgreements(a, b);
    expect(result.aligned.map((p) => [p.a, p.b])).toEqual([
      [
        { provisionId: null, citation: 'Text' },
        { provisionId: null, citation: 'Text' },
      ],
    ]);
    expect(result.wordContainment.aInB).toBeGreaterThan(0.9);
    expect(fingerprint(a).provisions.map((p) => p.provisionId)).toEqual([null]);
  });

  it('compares 2 to 4 agreements pairwise, and refuses other counts with a typed error', async () => {
    const docs = await Promise.all(
      [CULTURE, SERVICES, COMMITTEE].map((body, i) => agreement(`Agreement ${i}`, [['Only', body]])),
    );
    expect(comparePairwise(docs, { diff: false }).map((p) => [p.a, p.b])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(() => comparePairwise(docs.slice(0, 1))).toThrow(CompareError);
    try {
      comparePairwise([...docs, ...docs]);
    } catch (error) {
      expect((error as CompareError).code).toBe('COMPARE_AGREEMENT_COUNT');
    }
  });
});

describe('fingerprints and the reuse index', () => {
  it('round-trips a fingerprint through JSON and rejects a damaged one with a stable code', async () => {
    const a = await agreement('Agreement A', [
      ['Cultural Diversity', CULTURE],
      ['Joint Committee', COMMITTEE],
    ]);
    const print = fingerprint(a);
    expect(print.provisions.map((p) => p.provisionId)).toEqual(a.provisions.map((p) => p.id));
    const stored = JSON.parse(JSON.stringify(serialiseFingerprint(print)));
    expect(deserialiseFingerprint(stored)).toEqual(print);

    const code = (value: unknown) => {
      try {
        deserialiseFingerprint(value);
        return 'accepted';
      } catch (error) {
        return (error as CompareError).code;
      }
    };
    expect(code({ ...stored, format: 'other/1' })).toBe('COMPARE_BAD_FINGERPRINT');
    expect(code({ ...stored, chars: 'AAE' })).toBe('COMPARE_BAD_FINGERPRINT');
    const unsorted = Buffer.from(Uint32Array.from([5, 3]).buffer).toString('base64');
    expect(code({ ...stored, chars: unsorted })).toBe('COMPARE_BAD_FINGERPRINT');
    expect(code(null)).toBe('COMPARE_BAD_FINGERPRINT');
  });

  it('finds the earlier agreements a later one copies from, never a later or undated one', async () => {
    const print = async (articles: string[]) =>
      fingerprint(
        await agreement(
          'x',
          articles.map((body, i): [string, string] => [`Heading ${i}`, body]),
        ),
      );
    const entries: { id: string; signed: string | null; fingerprint: AgreementFingerprint }[] = [
      { id: 'first', signed: '2001-05-01', fingerprint: await print([CULTURE, SERVICES]) },
      { id: 'second', signed: '2004-02-10', fingerprint: await print([COMMITTEE, ORIGIN]) },
      // copies one article of each earlier agreement and adds one of its own
      { id: 'third', signed: '2009-11-30', fingerprint: await print([CULTURE, COMMITTEE, DISPUTE]) },
      { id: 'undated', signed: null, fingerprint: await print([CULTURE, SERVICES, COMMITTEE, ORIGIN]) },
    ];
    const index = new ReuseIndex(entries);
    const third = index.predecessors('third');
    expect(third.predecessors.map((p) => p.id).sort()).toEqual(['first', 'second']);
    for (const p of third.predecessors) {
      expect(p.share).toBeGreaterThan(0.25);
      expect(p.share).toBeLessThan(0.4);
    }
    expect(third.earlierShare).toBeGreaterThan(0.6);
    expect(third.earlierShare).toBeLessThan(0.75);
    expect(index.predecessors('first').predecessors).toEqual([]);
    expect(index.predecessors('undated').predecessors).toEqual([]);
    expect(() => index.predecessors('missing')).toThrow(CompareError);

    // where 'third' comes from, article by article
    const fromFirst = provisionShares(entries[2]!.fingerprint, entries[0]!.fingerprint).map((p) => p.share);
    expect(fromFirst).toEqual([1, 0, 0]);
    expect(() => new ReuseIndex([entries[0]!, entries[0]!])).toThrow(/same agreement id twice/);

    // a draft is never indexed, but can be measured against the index
    const draft = await print([SERVICES, DISPUTE]);
    const sources = index.sourcesOf(draft);
    const share = new Map(sources.predecessors.map((p) => [p.id, p.share]));
    expect([...share.keys()].sort()).toEqual(['first', 'third', 'undated']);
    // SERVICES comes from 'first' (and the undated copy), DISPUTE from 'third': about half each
    expect(share.get('first')).toBe(share.get('undated'));
    expect(share.get('first')! + share.get('third')!).toBeCloseTo(1);
    expect(sources.earlierShare).toBe(1);
    expect(index.sourcesOf(draft, { signedBefore: '2001-05-01' }).predecessors).toEqual([]);
  });
});
