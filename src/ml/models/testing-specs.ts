/**
 * Small specs the tests and the start-up backend check share.
 */
import type { ModelSpec } from './spec';
import type { UNetSpec } from './unet';

/** A ModelSpec whose architecture is known to be a U-Net. */
export type UNetModelSpec = ModelSpec & { architecture: UNetSpec };

/**
 * The smallest useful U-Net: 3 levels, 4 base filters, batch norm, no dropout (so that a
 * run is deterministic given its weights). Tests train it, and the start-up backend
 * check compares its training losses across backends.
 */
export function tinyUNetSpec(inputSize = 32, numClasses = 1): UNetModelSpec {
  return {
    architecture: {
      kind: 'unet',
      depth: 3,
      baseFilters: 4,
      maxFilters: 16,
      kernelSize: 3,
      normalization: 'batch',
      dropout: 0,
      activation: 'relu',
      deepSupervision: false,
      upMode: 'transposed',
    },
    inputSize,
    inChannels: 1,
    numClasses,
  };
}
