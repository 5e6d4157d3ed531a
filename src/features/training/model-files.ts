/**
 * Models as files in the tfjs layers format (model.json + weights.bin), so a trained
 * model can be downloaded, shared and loaded again here or in any tfjs program. The
 * studio's own metadata (spec, target, training configuration) rides in
 * `userDefinedMetadata`; a model.json from elsewhere loads without it.
 */
import type { ModelArtifactsData, ModelMetadata, WeightSpecData } from '../../ml/types';

interface ModelJson {
  format?: string;
  generatedBy?: string;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: WeightSpecData[] }[];
  userDefinedMetadata?: { segstudio?: ModelMetadata };
}

export function toModelFiles(
  art: ModelArtifactsData,
  baseName: string,
): { json: string; weights: ArrayBuffer; weightsName: string } {
  const weightsName = `${baseName}.weights.bin`;
  const json: ModelJson = {
    format: 'layers-model',
    generatedBy: 'SegStudio',
    modelTopology: art.modelTopology,
    weightsManifest: [{ paths: [weightsName], weights: art.weightSpecs }],
    ...(art.metadata ? { userDefinedMetadata: { segstudio: art.metadata } } : {}),
  };
  return { json: JSON.stringify(json), weights: art.weightData, weightsName };
}

/** Reads model.json plus its weight files; errors name the file and what is wrong. */
export async function fromModelFiles(
  files: File[],
): Promise<{ name: string; artifacts: ModelArtifactsData }> {
  const jsonFile = files.find((f) => f.name.endsWith('.json'));
  if (!jsonFile)
    throw new Error('choose the model.json file together with its .bin weight file(s)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await jsonFile.text());
  } catch {
    throw new Error(`${jsonFile.name}: not a JSON file`);
  }
  const json = parsed as Partial<ModelJson>;
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error(
      `${jsonFile.name}: not a tfjs layers model (no modelTopology / weightsManifest)`,
    );
  }
  const buffers: ArrayBuffer[] = [];
  const specs: WeightSpecData[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const path of group.paths) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const file = files.find((f) => f.name === name);
      if (!file)
        throw new Error(
          `${jsonFile.name}: weight file ${name} is missing; choose it together with the model.json`,
        );
      buffers.push(await file.arrayBuffer());
    }
  }
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let at = 0;
  for (const b of buffers) {
    weightData.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  const expected = specs.reduce((n, s) => n + 4 * s.shape.reduce((a, d) => a * d, 1), 0);
  if (expected !== total) {
    throw new Error(
      `${jsonFile.name}: the weight files hold ${total} bytes but the manifest needs ${expected}`,
    );
  }
  return {
    name: jsonFile.name.replace(/(\.model)?\.json$/, ''),
    artifacts: {
      modelTopology: json.modelTopology,
      weightSpecs: specs,
      weightData: weightData.buffer,
      metadata: json.userDefinedMetadata?.segstudio,
    },
  };
}

/** Starts browser downloads of the model files. */
export function downloadModel(art: ModelArtifactsData, baseName: string): void {
  const safe = baseName.replace(/[^\w.-]+/g, '_');
  const { json, weights, weightsName } = toModelFiles(art, safe);
  save(new Blob([json], { type: 'application/json' }), `${safe}.json`);
  save(new Blob([weights], { type: 'application/octet-stream' }), weightsName);
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
