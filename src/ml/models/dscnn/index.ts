/**
 * The deeply-supervised CNN as the registry lists it: its definition, with the builder (which needs tfjs)
 * loaded on demand.
 */
import { defineArchitecture } from '../architecture';
import { dscnnParts } from './definition';

export * from './definition';

export const dscnn = defineArchitecture({ ...dscnnParts, load: () => import('./build') });
