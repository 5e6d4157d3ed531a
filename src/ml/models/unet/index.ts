/**
 * U-Net as the registry lists it: its definition, with the builder (which needs tfjs)
 * loaded on demand.
 */
import { defineArchitecture } from '../architecture';
import { unetParts } from './definition';

export * from './definition';

export const unet = defineArchitecture({ ...unetParts, load: () => import('./build') });
