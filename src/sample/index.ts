/**
 * The built-in sample dataset's public surface: what the rest of the studio imports from
 * `src/sample`.
 */
export {
  generatePhantomCase,
  generatePhantomDataset,
  phantomCaseName,
  PHANTOM_FOV_MM,
  PHANTOM_LABELS,
  PHANTOM_PROSTATE_VALUE,
  type PhantomCase,
  type PhantomLabelInfo,
  type PhantomLabelValue,
  type PhantomOptions,
} from './phantom';
