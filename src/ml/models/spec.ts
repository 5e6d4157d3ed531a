/**
 * Model specifications: plain data the UI edits, the worker turns into a network, and
 * saved models carry with their weights. The architecture part is whatever the registry's
 * architectures define (see registry.ts); this module adds the input and output around it.
 */
import type { InputSpec } from './input-spec';
import type { ArchitectureSpec } from './registry';

export type { Activation, Normalization } from './architecture';
export type { ArchitectureKind, ArchitectureSpec } from './registry';
export type { UNetSpec, UpMode } from './unet/spec';
export type { ENetSpec } from './enet/spec';
export type { UNet3DSpec } from './unet3d/spec';
export type { InputSpec, SpecWith } from './input-spec';
export { networkInputChannels, sampleShape } from './input-spec';

/** A full model specification: the input and output around any registered architecture. */
export interface ModelSpec extends InputSpec {
  architecture: ArchitectureSpec;
}
