/**
 * 2.5-D input: a slice together with its neighbours as channels. Seed 002 feeds 13
 * neighbouring slices to a 2-D DeepLabv3+ so that it sees some of the third dimension at
 * the cost of a 2-D network. Slices past the volume's ends repeat the first or last one.
 * Training and prediction both build their inputs here, so the channel order is one.
 */

/**
 * The input of slice `z`: `context` slices centred on z (odd), each with its `channels`
 * image channels, from `images` laid out [depth, pixels, channels]. Channel c of the
 * neighbour at offset o (0 = the first, z - (context - 1) / 2) lands at o * channels + c.
 * With context 1 this is the slice itself (a copy).
 */
export function stackSlice(
  images: Float32Array,
  depth: number,
  pixels: number,
  channels: number,
  context: number,
  z: number,
  out: Float32Array = new Float32Array(pixels * channels * context),
): Float32Array {
  const half = (context - 1) / 2;
  const width = channels * context;
  for (let o = 0; o < context; o++) {
    const zz = Math.min(depth - 1, Math.max(0, z - half + o));
    const src = zz * pixels * channels;
    for (let i = 0; i < pixels; i++) {
      for (let c = 0; c < channels; c++)
        out[i * width + o * channels + c] = images[src + i * channels + c];
    }
  }
  return out;
}
