import { describe, expect, it } from 'vitest';
import { ARCHITECTURES } from '../../ml/models';
import {
  defaultShapes,
  matchingPreset,
  parseIntList,
  presetChoices,
  presetShape,
  withField,
} from './architecture-settings';
import {
  backendOfLabel,
  buildTrainConfig,
  DEFAULT_SETTINGS,
  nextRunName,
  settingsProblem,
  withArchitecture,
} from './settings';

const GB = 1024 ** 3;

const binary = { mode: 'binary', foregroundValues: [1] } as {
  mode: 'binary';
  foregroundValues: number[];
};

describe('buildTrainConfig', () => {
  it('keeps the best validation Dice with averaged weights by default', () => {
    const c = buildTrainConfig(DEFAULT_SETTINGS, binary, 1);
    expect(c.earlyStoppingMonitor).toBe('valDice');
    expect(c.weightAveraging).toBeGreaterThan(0);
    expect(c.stepsPerEpoch).toBe(DEFAULT_SETTINGS.stepsPerEpoch);
  });

  it('monitors the validation loss when asked, and maps 0 steps to one pass', () => {
    const c = buildTrainConfig(
      { ...DEFAULT_SETTINGS, monitor: 'valLoss', stepsPerEpoch: 0 },
      binary,
      1,
    );
    expect(c.earlyStoppingMonitor).toBe('valLoss');
    expect(c.stepsPerEpoch).toBeNull();
  });

  it('builds the network of the chosen architecture as its fields say, with stacked slices', () => {
    const networks = {
      ...defaultShapes(),
      unet: { ...presetShape('unet', 'blog'), deepSupervision: true },
    };
    const c = buildTrainConfig({ ...DEFAULT_SETTINGS, networks, contextSlices: 3 }, binary, 2);
    expect(c.model).toMatchObject({ inChannels: 2, contextSlices: 3, inputSize: 128 });
    expect(c.model.architecture).toMatchObject({
      kind: 'unet',
      depth: 4,
      kernelSize: 5,
      deepSupervision: true,
    });
    const e = buildTrainConfig(
      { ...DEFAULT_SETTINGS, architecture: 'enet', sliceFit: 'crop' },
      binary,
      1,
    );
    expect(e.model.architecture.kind).toBe('enet');
    expect(e.model.sliceFit).toBe('crop');
  });

  it('passes the deep-supervision weight and its decay on', () => {
    const c = buildTrainConfig(
      { ...DEFAULT_SETTINGS, sideWeight: 0.3, sideDecay: false },
      binary,
      1,
    );
    expect(c.deepSupervisionWeight).toBe(0.3);
    expect(c.deepSupervisionDecay).toBe(false);
  });
});

describe('settingsProblem', () => {
  it('asks for an input size the poolings divide, and an odd slice stack', () => {
    expect(settingsProblem(DEFAULT_SETTINGS)).toBeNull();
    expect(settingsProblem({ ...DEFAULT_SETTINGS, inputSize: 120 })).toBe(
      'Input size 120: U-Net needs a multiple of 16.',
    );
    const shallow = { ...defaultShapes(), unet: { ...defaultShapes().unet, depth: 3 as const } };
    expect(settingsProblem({ ...DEFAULT_SETTINGS, inputSize: 120, networks: shallow })).toBeNull();
    expect(settingsProblem({ ...DEFAULT_SETTINGS, architecture: 'enet', inputSize: 100 })).toBe(
      'Input size 100: ENet needs a multiple of 8.',
    );
    expect(settingsProblem({ ...DEFAULT_SETTINGS, contextSlices: 4 })).toMatch(/odd/);
  });
});

describe('3-D networks in the Train panel', () => {
  it('take their own training defaults when chosen, and the 2-D ones back when left', () => {
    const tuned = { ...DEFAULT_SETTINGS, epochs: 7, learningRate: 3e-3, inputSize: 96 };
    // Between 2-D networks only the model changes.
    expect(withArchitecture(tuned, 'enet', 4 * GB)).toEqual({ ...tuned, architecture: 'enet' });
    const tiramisu = withArchitecture(tuned, 'fcdensenet3d', 4 * GB);
    expect(tiramisu).toMatchObject({
      architecture: 'fcdensenet3d',
      inputSize: 64,
      patchDepth: 16,
      loss: 'dice+ce',
      learningRate: 1e-4,
      epochs: 7,
    });
    const c = buildTrainConfig(tiramisu, binary, 1);
    expect(c.model).toMatchObject({ inputSize: 64, patchDepth: 16 });
    expect(c.model.contextSlices).toBeUndefined();
    expect(c.loss).toMatchObject({ name: 'combo' });
    expect(c.optimizer).toMatchObject({ learningRate: 1e-4, weightDecay: 1e-4 });
    const back = withArchitecture(tiramisu, 'unet', 4 * GB);
    expect(back).toMatchObject({
      inputSize: 128,
      loss: 'dice+ce',
      learningRate: 1e-3,
      batchSize: 8,
    });
  });

  it('fit the batch, then the patch, to the device, and refuse a step that does not fit', () => {
    const roomy = withArchitecture(DEFAULT_SETTINGS, 'fcdensenet3d', 8 * GB);
    expect(roomy).toMatchObject({ batchSize: 2, inputSize: 64 });
    // One 64x64x16 patch needs about 0.95 GB, two about 1.9 GB.
    const tight = withArchitecture(DEFAULT_SETTINGS, 'fcdensenet3d', 1.5 * GB);
    expect(tight).toMatchObject({ batchSize: 1, inputSize: 64 });
    const small = withArchitecture(DEFAULT_SETTINGS, 'fcdensenet3d', 0.75 * GB);
    expect(small.batchSize).toBe(1);
    expect(small.inputSize).toBeLessThan(64);
    expect(settingsProblem(small, 1, 1 * GB)).toBeNull();
    expect(settingsProblem({ ...small, batchSize: 4 }, 1, 1 * GB)).toMatch(
      /does not fit|more than/,
    );
    expect(settingsProblem({ ...roomy, patchDepth: 12 })).toMatch(/Patch depth 12/);
  });

  it('read the backend from its label', () => {
    expect(backendOfLabel('wasm · WebAssembly SIMD')).toBe('wasm');
    expect(backendOfLabel('backend: starting…')).toBeNull();
  });
});

describe('architecture shapes', () => {
  for (const def of ARCHITECTURES) {
    it(`${def.label}: every preset is recognized from its own fields, and an edit reads as custom`, () => {
      for (const { name } of presetChoices(def.kind)) {
        expect(matchingPreset(presetShape(def.kind, name))).toBe(name);
      }
      expect(matchingPreset(defaultShapes()[def.kind])).toBe(def.defaultPreset);
      const field = def.fields.find((f) => f.kind === 'number');
      if (!field || field.kind !== 'number') return;
      const shape = defaultShapes()[def.kind] as unknown as Record<string, number>;
      const changed = withField(
        defaultShapes()[def.kind],
        field.key,
        shape[field.key] === field.min ? field.max : field.min,
      );
      expect(matchingPreset(changed)).toBeNull();
    });
  }

  it('parses layer lists and refuses lists that do not fit', () => {
    const field = {
      kind: 'int-list',
      key: 'x',
      label: 'x',
      min: 1,
      max: 30,
      minLength: 3,
      maxLength: 5,
    } as const;
    expect(parseIntList('4, 5 7', field)).toEqual([4, 5, 7]);
    expect(parseIntList('4, 5', field)).toBeNull();
    expect(parseIntList('4, 50, 7', field)).toBeNull();
    expect(parseIntList('4, 5.5, 7', field)).toBeNull();
  });
});

describe('run names', () => {
  it('counts on from the highest number used, per architecture', () => {
    expect(nextRunName('unet', [])).toBe('U-Net #1');
    expect(nextRunName('unet', ['U-Net #1', 'ENet #4', 'U-Net #3 fine-tuned', 'U-Net #2'])).toBe(
      'U-Net #3',
    );
    expect(nextRunName('enet', ['ENet #4'])).toBe('ENet #5');
  });
});
