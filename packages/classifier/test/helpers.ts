import { type AgreementDocument, parse } from '@ccm/parser';
import { type Classification, type ClassifiedProvision, classify, type Tag, type TagId } from '../src/index.ts';

export type Language = 'en' | 'fr' | 'es';

const WORDS: Record<Language, { chapter: string; article: string; preamble: string }> = {
  en: { chapter: 'CHAPTER', article: 'Article', preamble: 'PREAMBLE' },
  fr: { chapter: 'CHAPITRE', article: 'Article', preamble: 'PRÉAMBULE' },
  es: { chapter: 'CAPÍTULO', article: 'Artículo', preamble: 'PREÁMBULO' },
};

/**
 * A short agreement written for a test: one chapter holding one article, optionally after a
 * preamble, parsed by the real text parser. The language is set rather than detected, since
 * a two-line provision is too short for language detection.
 */
export async function agreement(
  language: Language,
  article: { chapter?: string; heading?: string; text: string },
  preamble?: string,
): Promise<AgreementDocument> {
  const w = WORDS[language];
  const lines = ['TEST AGREEMENT', ''];
  if (preamble) lines.push(w.preamble, '', preamble, '');
  lines.push(`${w.chapter} 7`, article.chapter ?? 'GENERAL PROVISIONS', '', `${w.article} 7.1`);
  lines.push(article.heading ?? 'Provision', '', article.text, '');
  const document = await parse(Buffer.from(lines.join('\n')), { format: 'text', fileName: 'test.txt' });
  return { ...document, language };
}

/** Tags of every provision, flattened. */
export function allTags(classification: Classification): (Tag & { provision: ClassifiedProvision })[] {
  return classification.provisions.flatMap((provision) => provision.tags.map((t) => ({ ...t, provision })));
}

/** The tag ids found anywhere in a test agreement. */
export async function tagsOf(
  language: Language,
  article: { chapter?: string; heading?: string; text: string },
  preamble?: string,
): Promise<Set<TagId>> {
  return new Set(allTags(classify(await agreement(language, article, preamble))).map((t) => t.tag));
}

/** The one tag `id` of a test agreement (fails the test when absent). */
export async function tagOf(
  language: Language,
  article: { chapter?: string; heading?: string; text: string },
  id: TagId,
  preamble?: string,
): Promise<Tag & { provision: ClassifiedProvision }> {
  const found = allTags(classify(await agreement(language, article, preamble))).find((t) => t.tag === id);
  if (!found) throw new Error(`expected ${id}`);
  return found;
}
