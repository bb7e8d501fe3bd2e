import model from '../../model/model.json' with { type: 'json' };
import type { Model } from './model.ts';

/** The model artefact shipped with the package (trained offline by scripts/train.ts). */
export const BUNDLED_MODEL = model as unknown as Model;
