import { Buffer } from 'node:buffer';
import type { AgreementDocument } from '@ccm/parser';
import { hashSequence, hashString } from './_internal/hash.ts';
import { CompareError } from './errors.ts';
import { normaliseText, wordsOf } from './normalise.ts';
import { bottomK, toSet, unionOf } from './sets.ts';
import { reuseUnits } from './units.ts';

/** Length of the grams, in characters and in words: the literature's 5 (Alschner & Skougarevskiy; Allee & Elsig). */
export const GRAM = 5;
/** Size of the agreement's character 5-gram sketch: Jaccard estimates within about ±0.03. */
export const CHAR_SKETCH_SIZE = 1024;
export const FINGERPRINT_FORMAT = 'ccm.fingerprint/1' as const;

/** Sorted distinct hashes of the character 5-grams of a normalised text (the whole text when shorter). */
export function charGrams(normalised: string): Uint32Array {
  if (normalised.length === 0) return new Uint32Array(0);
  if (normalised.length <= GRAM) return new Uint32Array([hashString(normalised)]);
  const grams = new Uint32Array(normalised.length - GRAM + 1);
  for (let i = 0; i < grams.length; i++) grams[i] = hashString(normalised, i, i + GRAM);
  return toSet(grams);
}

/**
 * Sorted distinct hashes of the word 5-grams of a normalised text. A text of fewer than five words
 * is one gram, so that short provisions ("Article deleted.") still match their copies.
 */
export function wordGrams(normalised: string): Uint32Array {
  const words = wordsOf(normalised);
  if (words.length === 0) return new Uint32Array(0);
  const hashes = Uint32Array.from(words, (w) => hashString(w));
  if (words.length <= GRAM) return new Uint32Array([hashSequence(hashes, 0, hashes.length)]);
  const grams = new Uint32Array(words.length - GRAM + 1);
  for (let i = 0; i < grams.length; i++) grams[i] = hashSequence(hashes, i, i + GRAM);
  return toSet(grams);
}

/** The word 5-grams of one unit (see {@link reuseUnits}). */
export interface ProvisionFingerprint {
  /** null: the whole text of a document without provisions (see {@link reuseUnits}). */
  provisionId: string | null;
  /** Words in the normalised text. */
  wordCount: number;
  /** Sorted distinct 32-bit hashes of its word 5-grams. */
  words: Uint32Array;
}

/**
 * What is kept of an agreement to measure reuse across the corpus without its text: computed at
 * ingest, stored (see {@link serialiseFingerprint}), loaded into a {@link ReuseIndex}.
 */
export interface AgreementFingerprint {
  format: typeof FINGERPRINT_FORMAT;
  provisions: ProvisionFingerprint[];
  /** Distinct character 5-grams of the whole agreement. */
  charGramCount: number;
  /** Bottom-k sketch ({@link CHAR_SKETCH_SIZE}) of the agreement's character 5-grams, sorted. */
  chars: Uint32Array;
}

export function fingerprint(document: AgreementDocument): AgreementFingerprint {
  const provisions: ProvisionFingerprint[] = [];
  const charSets: Uint32Array[] = [];
  for (const unit of reuseUnits(document)) {
    const normalised = normaliseText(unit.text);
    if (normalised === '') continue;
    provisions.push({
      provisionId: unit.provisionId,
      wordCount: wordsOf(normalised).length,
      words: wordGrams(normalised),
    });
    charSets.push(charGrams(normalised));
  }
  const chars = unionOf(charSets);
  return {
    format: FINGERPRINT_FORMAT,
    provisions,
    charGramCount: chars.length,
    chars: bottomK(chars, CHAR_SKETCH_SIZE),
  };
}

/** Every word 5-gram of the agreement, sorted and distinct. */
export function agreementWords(fingerprint: AgreementFingerprint): Uint32Array {
  return unionOf(fingerprint.provisions.map((p) => p.words));
}

/** The JSON form of an {@link AgreementFingerprint}: hash sets as base64 of little-endian uint32. */
export interface SerialisedFingerprint {
  format: typeof FINGERPRINT_FORMAT;
  provisions: { provisionId: string | null; wordCount: number; words: string }[];
  charGramCount: number;
  chars: string;
}

const toBase64 = (set: Uint32Array): string => {
  const bytes = new Uint8Array(set.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < set.length; i++) view.setUint32(i * 4, set[i]!, true);
  return Buffer.from(bytes).toString('base64');
};

const fromBase64 = (text: string, field: string): Uint32Array => {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0)
    throw new CompareError('COMPARE_BAD_FINGERPRINT', `${field} is not a list of 32-bit hashes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const set = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < set.length; i++) set[i] = view.getUint32(i * 4, true);
  for (let i = 1; i < set.length; i++)
    if (set[i]! <= set[i - 1]!)
      throw new CompareError('COMPARE_BAD_FINGERPRINT', `${field} is not sorted and distinct`);
  return set;
};

export function serialiseFingerprint(fingerprint: AgreementFingerprint): SerialisedFingerprint {
  return {
    format: fingerprint.format,
    provisions: fingerprint.provisions.map((p) => ({
      provisionId: p.provisionId,
      wordCount: p.wordCount,
      words: toBase64(p.words),
    })),
    charGramCount: fingerprint.charGramCount,
    chars: toBase64(fingerprint.chars),
  };
}

/** Reads a stored fingerprint back; a wrong format or a damaged hash list is `COMPARE_BAD_FINGERPRINT`. */
export function deserialiseFingerprint(value: unknown): AgreementFingerprint {
  const v = value as Partial<SerialisedFingerprint> | null;
  if (v?.format !== FINGERPRINT_FORMAT)
    throw new CompareError('COMPARE_BAD_FINGERPRINT', `not a ${FINGERPRINT_FORMAT} fingerprint`);
  if (!Array.isArray(v.provisions) || typeof v.chars !== 'string' || typeof v.charGramCount !== 'number')
    throw new CompareError('COMPARE_BAD_FINGERPRINT', 'fingerprint lacks provisions, chars or charGramCount');
  return {
    format: FINGERPRINT_FORMAT,
    provisions: v.provisions.map((p, i) => {
      if (
        (typeof p?.provisionId !== 'string' && p?.provisionId !== null) ||
        typeof p.words !== 'string' ||
        typeof p.wordCount !== 'number'
      )
        throw new CompareError('COMPARE_BAD_FINGERPRINT', `provisions[${i}] lacks provisionId, wordCount or words`);
      return {
        provisionId: p.provisionId,
        wordCount: p.wordCount,
        words: fromBase64(p.words, `provisions[${i}].words`),
      };
    }),
    charGramCount: v.charGramCount,
    chars: fromBase64(v.chars, 'chars'),
  };
}
