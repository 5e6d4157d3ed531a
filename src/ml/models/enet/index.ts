/**
 * ENet as the registry lists it: its definition, with the builder (which needs tfjs)
 * loaded on demand.
 */
import { defineArchitecture } from '../architecture';
import { enetParts } from './definition';

export * from './definition';

export const enet = defineArchitecture({ ...enetParts, load: () => import('./build') });
