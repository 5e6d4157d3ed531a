/**
 * 3D U-Net as the registry lists it: its definition, with the builder (which needs tfjs)
 * loaded on demand.
 */
import { defineArchitecture } from '../architecture';
import { unet3dParts } from './definition';

export * from './definition';

export const unet3d = defineArchitecture({ ...unet3dParts, load: () => import('./build') });
