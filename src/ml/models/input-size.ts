/**
 * Which input edges a network takes: every 2x pooling halves the slice, so the edge must
 * divide by 2 to the number of poolings. One rule for the builders, the Train panel and
 * the command line.
 */
import type { ENetSpec, UNetSpec } from './spec';

/** The input edge must be a multiple of this (U-Net: depth - 1 poolings; ENet: three). */
export function inputMultiple(
  arch: Pick<UNetSpec, 'kind' | 'depth'> | Pick<ENetSpec, 'kind'>,
): number {
  return arch.kind === 'unet' ? 2 ** (arch.depth - 1) : 8;
}
