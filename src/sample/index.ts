/**
 * The built-in sample dataset's public surface: what the rest of the studio may import
 * from `src/sample`.
 */
export {
  generatePhantomCase,
  generatePhantomDataset,
  phantomCaseName,
  type PhantomCase,
  type PhantomOptions,
} from './phantom';
export {
  PHANTOM_LABELS,
  PHANTOM_PROSTATE_VALUE,
  type PhantomLabelInfo,
  type PhantomLabelValue,
} from './labels';
export { PHANTOM_FOV_MM } from './anatomy';
