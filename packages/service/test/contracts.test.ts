import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Check, CheckStatus, Scorecard, Tag } from '@ccm/classifier';
import { TAG_IDS as CLASSIFIER_TAG_IDS } from '@ccm/classifier';
import {
  AgreementDetailSchema,
  type CheckSchema,
  DocumentSchema,
  ProblemSchema,
  parseInput,
  problemOf,
  type ScorecardSchema,
  SearchHitSchema,
  type SearchPageSchema,
  SearchQuerySchema,
  TAG_IDS,
  type TagRowSchema,
  type TagSchema,
  UptakeSeriesSchema,
  UsageError,
} from '@ccm/contracts';
import { type AgreementDocument, parse } from '@ccm/parser';
import type { AgreementDetail, SearchHit, SearchPage, SearchQuery, TagRow } from '@ccm/store';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';

describe('contracts equal the domain types', () => {
  it('document, tag, scorecard, search hit, tag row', () => {
    expectTypeOf<z.infer<typeof DocumentSchema>>().toEqualTypeOf<AgreementDocument>();
    expectTypeOf<z.infer<typeof TagSchema>>().toEqualTypeOf<Tag>();
    expectTypeOf<z.infer<typeof CheckSchema>>().toEqualTypeOf<Check>();
    expectTypeOf<z.infer<typeof CheckSchema>['status']>().toEqualTypeOf<CheckStatus>();
    expectTypeOf<z.infer<typeof ScorecardSchema>>().toEqualTypeOf<Scorecard>();
    expectTypeOf<z.infer<typeof SearchHitSchema>>().toEqualTypeOf<SearchHit>();
    expectTypeOf<z.infer<typeof TagRowSchema>>().toEqualTypeOf<TagRow>();
    expectTypeOf<z.infer<typeof SearchPageSchema>>().toEqualTypeOf<SearchPage>();
    // `branded`: the store types a party as an intersection, equal once flattened.
    expectTypeOf<z.infer<typeof AgreementDetailSchema>>().branded.toEqualTypeOf<AgreementDetail>();
    // A parsed query is what the store searches with.
    expectTypeOf<z.output<typeof SearchQuerySchema>>().toExtend<SearchQuery>();
    expect([...TAG_IDS]).toEqual([...CLASSIFIER_TAG_IDS]);
  });

  it('a real parsed document validates against the document schema', async () => {
    const file = resolve(import.meta.dirname, '../../../corpus/samples/culture-trade-agreement-en.pdf');
    const document = await parse(new Uint8Array(readFileSync(file)), { fileName: 'culture-trade-agreement-en.pdf' });
    expect(document.provisions.length).toBeGreaterThan(5);
    expect(DocumentSchema.parse(document)).toEqual(document);
  });

  it('every public schema emits JSON Schema 2020-12 (what OpenAPI 3.1 embeds)', () => {
    for (const schema of [DocumentSchema, AgreementDetailSchema, UptakeSeriesSchema, ProblemSchema, SearchHitSchema]) {
      const json = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
      expect(json.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(json.type).toBe('object');
    }
    const query = z.toJSONSchema(SearchQuerySchema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, { enum?: string[] }>;
    };
    expect(query.properties.strength?.enum).toEqual(['binding', 'soft', 'preambular']);
  });
});

describe('parseInput', () => {
  const label = (f: string) => `--${f === 'yearFrom' ? 'from' : f}`;
  const fails = (input: unknown) => {
    try {
      parseInput(SearchQuerySchema, input, label);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error('expected a usage error');
  };

  it('names the option and lists valid values of a closed vocabulary, on one line', () => {
    const message = fails({ strength: 'strong' });
    expect(message).toBe('--strength "strong" is not valid; valid values: binding, soft, preambular');
    expect(fails({ region: 'Mars' })).toContain('Africa, Americas, Asia, Europe, Oceania');
  });

  it('refuses bad numbers and inverted years', () => {
    expect(fails({ limit: 'abc' })).toMatch(/^--limit "abc": expected a whole number/);
    expect(fails({ limit: '0' })).toMatch(/^--limit "0"/);
    expect(fails({ limit: '-1' })).toMatch(/^--limit "-1"/);
    expect(fails({ yearFrom: 'abc' })).toMatch(/^--from "abc": expected a year/);
    expect(fails({ yearFrom: '2020', yearTo: '2000' })).toBe('--from "2020" is after the last year asked for');
  });

  it('coerces what a command line gives', () => {
    const q = parseInput(SearchQuerySchema, { limit: '5', yearFrom: '2010', party: 'can' });
    expect(q).toMatchObject({ limit: 5, yearFrom: 2010, party: 'CAN', text: '', includeSamples: false });
  });
});

describe('problem details', () => {
  it('maps a known code to its status and hides internal messages', () => {
    const usage = problemOf(new UsageError('bad'));
    expect(ProblemSchema.parse(usage)).toMatchObject({ status: 400, code: 'USAGE_INVALID', detail: 'bad' });
    const internal = problemOf(new TypeError('secret SQL here'));
    expect(internal).toMatchObject({ status: 500, code: 'INTERNAL', detail: 'internal error' });
  });
});
