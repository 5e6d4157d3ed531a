/**
 * Batch normalization that stays in inference mode while its layer is frozen. tfjs
 * normalizes with the batch's statistics (and moves its running averages) whenever the
 * model runs in training mode, frozen or not; Keras, whose behaviour users expect, runs a
 * non-trainable BatchNormalization layer on its moving statistics. Fine-tuning with a
 * frozen encoder needs the Keras behaviour, or the encoder drifts through its statistics
 * even though its weights are fixed. Importing this module patches tfjs' layer once.
 */
import * as tf from '@tensorflow/tfjs';

type Call = tf.layers.Layer['call'];
type Kwargs = Parameters<Call>[1];

const PATCHED = Symbol.for('segstudio.frozenBatchNorm');

function patch(): void {
  const proto = Object.getPrototypeOf(tf.layers.batchNormalization({})) as tf.layers.Layer & {
    [PATCHED]?: boolean;
  };
  if (proto[PATCHED]) return;
  // Read as a value: it is called below with each layer as `this`.
  const original = Object.getOwnPropertyDescriptor(proto, 'call')?.value as Call;
  proto.call = function (this: tf.layers.Layer, inputs, kwargs: Kwargs) {
    const frozen = !this.trainable && kwargs['training'] === true;
    return original.call(this, inputs, frozen ? { ...kwargs, training: false } : kwargs);
  };
  proto[PATCHED] = true;
}

patch();
