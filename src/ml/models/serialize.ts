/**
 * In-memory save/load of LayersModels as tfjs artifacts (topology JSON + one weight
 * buffer). The worker uses this to hand trained models to the page as transferables, and
 * tests use it to prove that every custom layer survives a save/load round trip.
 */
import * as tf from '@tensorflow/tfjs';
import '../layers';

/** Serializes `model` (topology, weight specs, weight data) without touching storage. */
export async function saveToArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      captured = artifacts;
      return Promise.resolve({
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: byteLength(artifacts.weightData),
        },
      });
    }),
  );
  if (captured == null) throw new Error('model.save produced no artifacts');
  return captured;
}

function byteLength(data: tf.io.ModelArtifacts['weightData']): number {
  if (data == null) return 0;
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.byteLength, 0);
  return data.byteLength;
}

/** Rebuilds a model from artifacts produced by {@link saveToArtifacts} or `model.save`. */
export function loadFromArtifacts(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}
