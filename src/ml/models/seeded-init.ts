/**
 * Seeded initial weights. tfjs draws fresh kernels from an unseeded generator, so two runs
 * with identical settings start from different weights and, on a few hundred steps, can end
 * several Dice points apart. Redrawing every random kernel from its own initializer with
 * a seed derived from the run's seed makes a run repeatable and lets two settings (or ENet
 * against U-Net) be compared on equal terms. Constant initial values (biases, batch-norm
 * scales, PReLU slopes) are already deterministic and stay as built.
 */
import * as tf from '@tensorflow/tfjs';

/** The parts of a variance-scaling initializer's config that define its distribution. */
interface VarianceScalingConfig {
  scale: number;
  mode: 'fanIn' | 'fanOut' | 'fanAvg';
  distribution: 'normal' | 'uniform' | 'truncatedNormal';
}

function varianceScalingConfig(init: unknown): VarianceScalingConfig | null {
  if (!(init instanceof tf.serialization.Serializable)) return null;
  const config = init.getConfig() as Partial<VarianceScalingConfig>;
  if (
    typeof config.scale !== 'number' ||
    typeof config.mode !== 'string' ||
    typeof config.distribution !== 'string'
  ) {
    return null;
  }
  return { scale: config.scale, mode: config.mode, distribution: config.distribution };
}

/** Layers keep their kernel initializer under this name (tfjs' own and the studio's). */
interface WithKernel {
  kernelInitializer?: unknown;
  kernel?: tf.LayerVariable;
}

/** tfjs' DepthwiseConv2D keeps its kernel under other (private) names. */
interface WithDepthwiseKernel {
  depthwiseInitializer?: unknown;
  depthwiseKernel?: tf.LayerVariable;
}

function kernelOf(layer: tf.layers.Layer): { init: unknown; kernel?: tf.LayerVariable } {
  const plain = layer as unknown as WithKernel;
  if (plain.kernel) return { init: plain.kernelInitializer, kernel: plain.kernel };
  const depthwise = layer as unknown as WithDepthwiseKernel;
  return { init: depthwise.depthwiseInitializer, kernel: depthwise.depthwiseKernel };
}

/**
 * Redraws each kernel that came from a variance-scaling initializer (He, Glorot, LeCun)
 * with the same distribution, seeded by `seed` and the kernel's position in the model.
 * Returns how many kernels were redrawn.
 */
export function seedInitialWeights(model: tf.LayersModel, seed: number): number {
  let redrawn = 0;
  model.layers.forEach((layer, index) => {
    const { init, kernel } = kernelOf(layer);
    const config = varianceScalingConfig(init);
    if (!config || !kernel) return;
    // Distinct, well-spread seeds per layer; tfjs' seeded generators take any number.
    const layerSeed = (Math.imul(seed >>> 0, 0x9e3779b1) + index * 0x85ebca6b) >>> 0;
    const seeded = tf.initializers.varianceScaling({ ...config, seed: layerSeed });
    const shape = kernel.shape.map((d) => d ?? 1);
    const values = tf.tidy(() => seeded.apply(shape, 'float32'));
    kernel.write(values);
    values.dispose();
    redrawn++;
  });
  return redrawn;
}
