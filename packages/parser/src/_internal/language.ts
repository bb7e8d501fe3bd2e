import { franc } from 'franc-min';

const ISO: Record<string, string> = { eng: 'en', fra: 'fr', spa: 'es', por: 'pt', deu: 'de', ita: 'it', nld: 'nl' };

/** Detects the language of an agreement from a sample of its text (ISO 639-1, or "und"). */
export function detectLanguage(text: string): string {
  const sample =
    text.length > 40_000 ? text.slice(0, 20_000) + text.slice(text.length / 2, text.length / 2 + 20_000) : text;
  if (sample.replace(/\s/g, '').length < 40) return 'und';
  const code = franc(sample, { only: Object.keys(ISO), minLength: 10 });
  return ISO[code] ?? 'und';
}
