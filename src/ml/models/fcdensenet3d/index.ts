/**
 * 3-D FC-DenseNet as the registry lists it: its definition, with the builder (which needs tfjs)
 * loaded on demand.
 */
import { defineArchitecture } from '../architecture';
import { fcdensenet3dParts } from './definition';

export * from './definition';

export const fcdensenet3d = defineArchitecture({
  ...fcdensenet3dParts,
  load: () => import('./build'),
});
