import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL } from '../src/_internal/bundled.ts';
import { contentVersion, VERSIONED_SOURCES } from '../src/_internal/version.ts';
import { CLASSIFIER_VERSION } from '../src/index.ts';

const sources = () =>
  VERSIONED_SOURCES.map((f) => readFileSync(resolve(import.meta.dirname, '../src/_internal', f), 'utf8'));

describe('classifier version', () => {
  it('is the hash of the shipped model and the current rule sources (retrain after changing a rule)', () => {
    expect(CLASSIFIER_VERSION).toBe(contentVersion(BUNDLED_MODEL, sources()));
  });

  it('changes when a lexicon entry or a weight changes', () => {
    const files = sources();
    const lexicon = VERSIONED_SOURCES.indexOf('lexicon.ts');
    const edited = files.map((s, i) => (i === lexicon ? s.replace('`ciberseguridad`', '`ciber-?seguridad`') : s));
    expect(edited[lexicon]).not.toBe(files[lexicon]);
    expect(contentVersion(BUNDLED_MODEL, edited)).not.toBe(CLASSIFIER_VERSION);
    const tags = { ...BUNDLED_MODEL.tags };
    const m = tags['ecommerce.provision'];
    if (!m) throw new Error('the model has ecommerce.provision');
    tags['ecommerce.provision'] = { ...m, bias: m.bias + 0.01 };
    expect(contentVersion({ ...BUNDLED_MODEL, tags }, files)).not.toBe(CLASSIFIER_VERSION);
  });
});
