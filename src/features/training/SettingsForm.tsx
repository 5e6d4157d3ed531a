/** The training settings a user can change; every field has a visible label. */
import { settingsProblem, type TrainSettings, type LossChoice } from './settings';
import { UNetFields } from './UNetFields';
import { numberField } from './number-field';

interface Props {
  value: TrainSettings;
  onChange: (next: TrainSettings) => void;
  disabled: boolean;
}

export function SettingsForm({ value: s, onChange, disabled }: Props) {
  const set = <K extends keyof TrainSettings>(k: K, v: TrainSettings[K]) =>
    onChange({ ...s, [k]: v });
  const num = (
    k:
      | 'inputSize'
      | 'epochs'
      | 'stepsPerEpoch'
      | 'batchSize'
      | 'learningRate'
      | 'earlyStoppingPatience',
    label: string,
    step = 1,
    min = 0,
  ) => numberField(`ts-${k}`, label, s[k], { min, step }, (v) => set(k, v));
  const check = (
    k: 'augment' | 'dropEmptySlices' | 'classBalanced' | 'fineTune' | 'freezeEncoder',
    label: string,
  ) => (
    <label className="check">
      <input
        type="checkbox"
        checked={s[k]}
        disabled={disabled}
        onChange={(e) => set(k, e.target.checked)}
      />
      {label}
    </label>
  );
  const problem = settingsProblem(s);
  return (
    <fieldset disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
      <div className="field">
        <label htmlFor="ts-arch">Model</label>
        <select
          id="ts-arch"
          value={s.architecture}
          onChange={(e) => set('architecture', e.target.value as 'unet' | 'enet')}
        >
          <option value="unet">U-Net</option>
          <option value="enet">ENet</option>
        </select>
        {num('inputSize', 'Input size (px)', 16, 32)}
        <label htmlFor="ts-fit">Fit slices to the input</label>
        <select
          id="ts-fit"
          value={s.sliceFit}
          onChange={(e) => set('sliceFit', e.target.value as TrainSettings['sliceFit'])}
        >
          <option value="resize">resize the whole slice</option>
          <option value="crop">crop the centre, scan resolution</option>
        </select>
        {s.architecture === 'unet' && (
          <UNetFields value={s.unet} onChange={(u) => set('unet', u)} />
        )}
        {num('epochs', 'Epochs', 1, 1)}
        {num('stepsPerEpoch', 'Steps per epoch (0 = all slices)', 1, 0)}
        {num('batchSize', 'Batch size', 1, 1)}
        <label htmlFor="ts-loss">Loss</label>
        <select
          id="ts-loss"
          value={s.loss}
          onChange={(e) => set('loss', e.target.value as LossChoice)}
        >
          <option value="dice+ce">Dice + cross-entropy</option>
          <option value="dice">Dice (squared)</option>
          <option value="tversky">Tversky (α 0.3, β 0.7)</option>
          <option value="focalTversky">Focal Tversky</option>
          <option value="ce">Cross-entropy</option>
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
      </div>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      {check('augment', 'Augmentation (flip, rotation, shift, zoom, intensity)')}
      {check('classBalanced', 'Class-balanced slice sampling')}
      {check('dropEmptySlices', 'Drop slices without foreground')}
      {check('fineTune', 'Fine-tune the selected model')}
      {s.fineTune && check('freezeEncoder', 'Freeze the encoder')}
    </fieldset>
  );
}
