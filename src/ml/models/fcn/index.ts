/**
 * FCN as the registry lists it: its definition, with the builder (which needs tfjs)
 * loaded on demand.
 */
import { defineArchitecture } from '../architecture';
import { fcnParts } from './definition';

export * from './definition';

export const fcn = defineArchitecture({ ...fcnParts, load: () => import('./build') });
