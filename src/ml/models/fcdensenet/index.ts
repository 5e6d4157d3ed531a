/**
 * FC-DenseNet as the registry lists it: its definition, with the builder (which needs tfjs)
 * loaded on demand.
 */
import { defineArchitecture } from '../architecture';
import { fcdensenetParts } from './definition';

export * from './definition';

export const fcdensenet = defineArchitecture({ ...fcdensenetParts, load: () => import('./build') });
