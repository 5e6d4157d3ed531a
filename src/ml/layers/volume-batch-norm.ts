/**
 * Batch normalization of 3-D feature maps. tfjs' BatchNormalization layer refuses inputs
 * of rank 5 ("not implemented for array of rank 5"), which every 3-D network needs (the 3D
 * U-Net of Çiçek et al. 2016 and seed 002 normalize each block). Normalizing over every
 * axis but the channels does not depend on how the spatial axes are grouped, so a rank-5
 * input [b, d, h, w, c] is normalized as [b, d*h, w, c] and reshaped back: the same
 * statistics, the same four weights per channel as Keras' layer, and models that save and
 * load as plain BatchNormalization. Importing this module patches tfjs' layer once.
 */
import * as tf from '@tensorflow/tfjs';

type Call = tf.layers.Layer['call'];
type Kwargs = Parameters<Call>[1];

const PATCHED = Symbol.for('segstudio.volumeBatchNorm');

function patch(): void {
  const proto = Object.getPrototypeOf(tf.layers.batchNormalization({})) as tf.layers.Layer & {
    [PATCHED]?: boolean;
  };
  if (proto[PATCHED]) return;
  // Read as a value: it is called below with each layer as `this`.
  const original = Object.getOwnPropertyDescriptor(proto, 'call')?.value as Call;
  proto.call = function (this: tf.layers.Layer & { axis: number }, inputs, kwargs: Kwargs) {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (x.rank !== 5) return original.call(this, inputs, kwargs);
    if (this.axis !== -1 && this.axis !== 4) {
      throw new Error(`batch norm of rank-5 maps over axis ${this.axis}: only channels-last`);
    }
    const [b, d, h, w, c] = x.shape;
    return tf.tidy(() => {
      const y = original.call(this, tf.reshape(x, [b, d * h, w, c]), kwargs) as tf.Tensor;
      return tf.reshape(y, x.shape);
    });
  };
  proto[PATCHED] = true;
}

patch();
