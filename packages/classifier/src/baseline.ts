import type { TagId } from './types.ts';

/**
 * The plain keyword baseline the classifier is measured against: the taxonomy's typical words,
 * one regex per tag. `pnpm eval:classify` scores it on the same articles and `bench/classify`
 * times it on the same texts.
 */
export const KEYWORD_BASELINE: Record<TagId, RegExp> = {
  'cdce.reference':
    /diversity of cultural expressions|diversité des expressions culturelles|diversidad de las expresiones culturales|UNESCO/i,
  'cdce.principles': /cultural diversity|diversité culturelle|diversidad cultural|cultural polic/i,
  'culture.instrument':
    /UNESCO|Universal Declaration on Cultural Diversity|World Heritage|Intangible Cultural Heritage/i,
  'culture.exemption': /cultural industr|industries culturelles|industrias culturales/i,
  'culture.audiovisual_exclusion': /audio-?visual|broadcast|radiodif/i,
  'culture.policy_space': /right to regulate.{0,300}cultur|cultur.{0,300}right to regulate/is,
  'culture.heritage_exception': /national treasures|trésors nationaux|tesoros nacionales/i,
  'culture.cooperation': /cultural co-?operation|coopération culturelle|cooperación cultural/i,
  'culture.preferential_treatment': /preferential treatment.{0,200}cultur|artists.{0,200}developing/is,
  'ecommerce.provision':
    /electronic commerce|e-commerce|digital trade|electronic transmission|comercio electr|commerce électronique/i,
  'ecommerce.cultural_specificity':
    /(electronic commerce|e-commerce|digital products).{0,400}(audio-?visual|broadcast|cultur)/is,
};
