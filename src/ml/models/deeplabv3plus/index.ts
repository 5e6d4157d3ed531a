/**
 * DeepLabv3+ as the registry lists it: its definition, with the builder (which needs tfjs)
 * loaded on demand.
 */
import { defineArchitecture } from '../architecture';
import { deeplabv3plusParts } from './definition';

export * from './definition';

export const deeplabv3plus = defineArchitecture({
  ...deeplabv3plusParts,
  load: () => import('./build'),
});
