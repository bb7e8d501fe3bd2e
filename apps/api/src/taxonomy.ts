import { CHECK_IDS, STRENGTHS, TAG_IDS } from '@ccm/contracts';
import { z } from 'zod';

/** One line per tag of the taxonomy (v1.1): what it marks, and the guideline it serves. */
const TAGS: Record<(typeof TAG_IDS)[number], { marks: string; guideline: string }> = {
  'cdce.reference': { marks: 'An explicit reference to the 2005 UNESCO Convention.', guideline: '19.5, Art. 21' },
  'cdce.principles': {
    marks:
      "The Convention's objectives or principles invoked, named or not (diversity of cultural expressions, dual nature).",
    guideline: 'Art. 21, 19.5',
  },
  'culture.instrument': { marks: 'A reference to another international cultural instrument.', guideline: '19.1' },
  'culture.exemption': {
    marks: 'A general cultural exception: cultural industries or measures excluded from the agreement or a chapter.',
    guideline: '19.4',
  },
  'culture.audiovisual_exclusion': {
    marks: "Audiovisual or broadcasting services carved out of a chapter's scope or commitments.",
    guideline: '19.4',
  },
  'culture.policy_space': {
    marks: 'The right to regulate naming cultural diversity, cultural policy or the promotion of culture.',
    guideline: '19.5',
  },
  'culture.heritage_exception': {
    marks: 'An exception for national treasures or the protection of cultural heritage.',
    guideline: 'GATT XX(f) lineage',
  },
  'culture.cooperation': {
    marks: 'Cultural cooperation: exchanges, co-production, mobility of artists.',
    guideline: '18.1',
  },
  'culture.preferential_treatment': {
    marks: 'Preferential treatment for cultural goods, services or artists of developing countries.',
    guideline: '18.1, 18.2, Art. 16',
  },
  'ecommerce.provision': { marks: 'A provision governing electronic commerce or digital trade.', guideline: '19.4' },
  'ecommerce.cultural_specificity': {
    marks: 'An e-commerce provision that recognises the specificity of cultural goods and services.',
    guideline: '19.4',
  },
};

export const TaxonomySchema = z.object({
  version: z.string(),
  tags: z.array(z.object({ id: z.enum(TAG_IDS), marks: z.string(), guideline: z.string() })),
  strengths: z.array(z.enum(STRENGTHS)),
  checks: z.array(z.enum(CHECK_IDS)),
});

export const TAXONOMY: z.infer<typeof TaxonomySchema> = {
  version: '1.1',
  tags: TAG_IDS.map((id) => ({ id, ...TAGS[id] })),
  strengths: [...STRENGTHS],
  checks: [...CHECK_IDS],
};
