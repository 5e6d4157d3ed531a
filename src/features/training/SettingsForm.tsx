/**
 * The training settings in collapsible sections, each summarized on its header line, so
 * that the Train controls and the curves above them stay in view on small screens. Every
 * field has a visible label.
 */
import type { ReactNode } from 'react';
import { architecture, inputMultiple } from '../../ml/models';
import { seesPatches, type LossChoice, type TrainSettings } from './settings';
import { ArchitectureFields } from './ArchitectureFields';
import { numberField } from './number-field';

interface Props {
  value: TrainSettings;
  onChange: (next: TrainSettings) => void;
  disabled: boolean;
  /** Data-dependent settings (target, post-processing) rendered in the Data section. */
  data: ReactNode;
  /** The backend menu and the measurement behind it, and the backend in one line. */
  backend: ReactNode;
  backendSummary: string;
  /** Why the settings cannot start a run, or null. */
  problem: string | null;
}

const LOSSES: { value: LossChoice; label: string }[] = [
  { value: 'dice+ce', label: 'Dice + cross-entropy' },
  { value: 'dice', label: 'Dice (squared)' },
  { value: 'tversky', label: 'Tversky (α 0.3, β 0.7)' },
  { value: 'focalTversky', label: 'Focal Tversky' },
  { value: 'ce', label: 'Cross-entropy' },
];

function Section(props: { title: string; summary: string; children: ReactNode }) {
  return (
    <details className="settings-section">
      <summary>
        <span className="section-title">{props.title}</span>
        <span className="section-summary muted">{props.summary}</span>
      </summary>
      {props.children}
    </details>
  );
}

export function SettingsForm(props: Props) {
  const { value: s, onChange, disabled, data, backend } = props;
  const set = <K extends keyof TrainSettings>(k: K, v: TrainSettings[K]) =>
    onChange({ ...s, [k]: v });
  type NumKey =
    | 'inputSize'
    | 'contextSlices'
    | 'patchDepth'
    | 'epochs'
    | 'stepsPerEpoch'
    | 'batchSize'
    | 'learningRate'
    | 'earlyStoppingPatience'
    | 'sideWeight';
  const num = (k: NumKey, label: string, step = 1, min = 0, max?: number) =>
    numberField(`ts-${k}`, label, s[k], { min, step, ...(max !== undefined ? { max } : {}) }, (v) =>
      set(k, v),
    );
  const check = (
    k: 'augment' | 'dropEmptySlices' | 'classBalanced' | 'fineTune' | 'freezeEncoder' | 'sideDecay',
    label: string,
  ) => (
    <label className="check">
      <input type="checkbox" checked={s[k]} onChange={(e) => set(k, e.target.checked)} />
      {label}
    </label>
  );
  const arch = s.networks[s.architecture];
  const def = architecture(s.architecture);
  const sides = def.sideOutputs(arch);
  const { problem } = props;
  const patches = seesPatches(s);
  const stride = inputMultiple(arch);
  const steps = s.stepsPerEpoch > 0 ? `${s.stepsPerEpoch} steps` : 'one pass';
  return (
    <fieldset disabled={disabled} className="settings">
      <Section
        title="Network"
        summary={
          patches
            ? `${s.inputSize}×${s.inputSize}×${s.patchDepth} patches`
            : `${s.inputSize} px${s.contextSlices > 1 ? `, ${s.contextSlices} slices` : ''}, ${s.sliceFit}`
        }
      >
        <div className="field">
          <ArchitectureFields
            value={arch}
            onChange={(next) => set('networks', { ...s.networks, [s.architecture]: next })}
          />
          {num('inputSize', 'Input size (px)', stride, 8)}
          {patches && num('patchDepth', 'Patch depth (slices)', stride, stride, 256)}
          {!patches && num('contextSlices', 'Stacked slices (2.5-D)', 2, 1, 31)}
          {!patches && (
            <>
              <label htmlFor="ts-fit">Fit slices to the input</label>
              <select
                id="ts-fit"
                title="Resize the whole slice to the input, or crop its centre at the scan's resolution"
                value={s.sliceFit}
                onChange={(e) => set('sliceFit', e.target.value as TrainSettings['sliceFit'])}
              >
                <option value="resize">resize</option>
                <option value="crop">crop the centre</option>
              </select>
            </>
          )}
        </div>
      </Section>
      <Section
        title="Training"
        summary={`${s.epochs} epochs × ${steps}, batch ${s.batchSize}, ${s.optimizer === 'adam' ? 'Adam' : 'SGD'} ${s.learningRate}`}
      >
        <div className="field">
          {num('epochs', 'Epochs', 1, 1)}
          {num('stepsPerEpoch', 'Steps per epoch (0 = all slices)', 1, 0)}
          {num('batchSize', 'Batch size', 1, 1)}
          <label htmlFor="ts-loss">Loss</label>
          <select
            id="ts-loss"
            value={s.loss}
            onChange={(e) => set('loss', e.target.value as LossChoice)}
          >
            {LOSSES.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
          <label htmlFor="ts-opt">Optimizer</label>
          <select
            id="ts-opt"
            value={s.optimizer}
            onChange={(e) => set('optimizer', e.target.value as 'adam' | 'sgd')}
          >
            <option value="adam">Adam</option>
            <option value="sgd">SGD, momentum 0.9</option>
          </select>
          {num('learningRate', 'Learning rate', 0.0001, 0)}
          {num('earlyStoppingPatience', 'Early stopping patience (0 = off)', 1, 0)}
          <label htmlFor="ts-monitor">Keep the epoch with the best</label>
          <select
            id="ts-monitor"
            value={s.monitor}
            onChange={(e) => set('monitor', e.target.value as 'valDice' | 'valLoss')}
          >
            <option value="valDice">validation Dice</option>
            <option value="valLoss">validation loss</option>
          </select>
          {sides > 0 && num('sideWeight', `Side-output weight α (${sides} outputs)`, 0.05, 0, 10)}
        </div>
        {sides > 0 && check('sideDecay', 'Side-output weights fall to 0 over the run')}
      </Section>
      <Section title="Data" summary={s.augment ? 'augmented' : 'no augmentation'}>
        {data}
        {check('augment', 'Augmentation (flip, rotation, shift, zoom, intensity)')}
        {check(
          'classBalanced',
          patches ? 'Class-balanced patch sampling (centres)' : 'Class-balanced slice sampling',
        )}
        {check(
          'dropEmptySlices',
          patches ? 'Drop patches centred on background' : 'Drop slices without foreground',
        )}
      </Section>
      <Section
        title="Fine-tuning"
        summary={s.fineTune ? `on${s.freezeEncoder ? ', encoder frozen' : ''}` : 'off'}
      >
        {check('fineTune', 'Fine-tune the selected model')}
        {s.fineTune && check('freezeEncoder', 'Freeze the encoder')}
      </Section>
      <Section title="Backend" summary={props.backendSummary}>
        {backend}
      </Section>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
