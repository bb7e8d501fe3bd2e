import type { CheckId } from './api.ts';
import type { Lang } from './i18n.ts';

/** The five series of the uptake view, each the scorecard check that measures it. */
export const UPTAKE_CHECKS: { id: CheckId; en: string; fr: string; color: string }[] = [
  { id: '19.5-convention-reference', en: 'Convention reference', fr: 'Référence à la Convention', color: '#1b6ca8' },
  {
    id: 'art21-convention-principles',
    en: 'Convention principles',
    fr: 'Principes de la Convention',
    color: '#7b3294',
  },
  {
    id: '19.4-cultural-clause',
    en: 'Cultural exemption / audiovisual exclusion',
    fr: 'Exception culturelle / exclusion audiovisuelle',
    color: '#c2410c',
  },
  { id: '18-preferential-treatment', en: 'Preferential treatment', fr: 'Traitement préférentiel', color: '#15803d' },
  {
    id: '19.4-ecommerce-cultural-specificity',
    en: 'E-commerce with cultural specificity',
    fr: 'Commerce électronique et spécificité culturelle',
    color: '#a16207',
  },
];

export const checkLabel = (id: string, lang: Lang): string => {
  const c = UPTAKE_CHECKS.find((x) => x.id === id);
  return c ? c[lang] : id;
};

/** Tag colours of the Agreement page's highlights: one hue per family of the taxonomy. */
export const TAG_COLORS: Record<string, string> = {
  'cdce.reference': '#cfe3f7',
  'cdce.principles': '#e6d5f0',
  'culture.instrument': '#fde2c8',
  'culture.exemption': '#fbd0c0',
  'culture.audiovisual_exclusion': '#f9c6d0',
  'culture.policy_space': '#d9f2d0',
  'culture.heritage_exception': '#efe6c4',
  'culture.cooperation': '#cdeee9',
  'culture.preferential_treatment': '#c9ecd2',
  'ecommerce.provision': '#e5e5e5',
  'ecommerce.cultural_specificity': '#f6e7a8',
};
