/**
 * The right panel: what to train, the Train / Pause / Stop controls, live progress and
 * curves, and the trained models.
 */
import { useCallback, useMemo, useState } from 'react';
import { useStudio } from '../../store';
import { SettingsForm } from './SettingsForm';
import {
  DEFAULT_SETTINGS,
  buildTrainConfig,
  settingsProblem,
  type TrainSettings,
} from './settings';
import { deriveTarget, describeTarget } from './target';
import { pauseTraining, startTraining, stopTraining, switchBackend } from './session';
import { ProgressStats } from './ProgressStats';
import { TrainingCurves } from './TrainingCurves';
import { RunList } from './RunList';
import { useShortcuts } from '../../app/use-shortcuts';
import type { BackendPreference } from '../../shared/protocol';
import { BackendStatus } from './BackendStatus';

const BACKENDS: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export function TrainingPanel() {
  const [settings, setSettings] = useState<TrainSettings>(DEFAULT_SETTINGS);
  const [backend, setBackend] = useState<BackendPreference>('auto');
  const cases = useStudio((s) => s.cases);
  const chosenTarget = useStudio((s) => s.target);
  const largestRegion = useStudio((s) => s.largestRegion);
  const setLargestRegion = useStudio((s) => s.setLargestRegion);
  const run = useStudio((s) => s.runs.find((r) => r.id === s.activeRunId));
  const busy = run?.status === 'running' || run?.status === 'starting' || run?.status === 'paused';
  const target = useMemo(() => chosenTarget ?? deriveTarget(cases), [chosenTarget, cases]);
  const trainable = cases.filter((c) => c.label && !c.problem && c.split === 'train').length;

  const onTrain = () => {
    const s = useStudio.getState();
    const inChannels = Math.max(
      1,
      ...s.cases.filter((c) => !c.problem).map((c) => c.channels.length),
    );
    // Validation scores what the viewer will show: the largest region when that is on.
    const config = {
      ...buildTrainConfig(settings, target, inChannels),
      validateLargestRegion: s.largestRegion,
    };
    const n = s.runs.filter((r) => r.architecture === settings.architecture).length + 1;
    const base = s.runs.find((r) => r.id === s.activeRunId);
    const name =
      settings.fineTune && base
        ? `${base.name} fine-tuned`
        : `${settings.architecture === 'unet' ? 'U-Net' : 'ENet'} #${n}`;
    startTraining(config, name).catch((err: unknown) =>
      s.reportProblems([
        { path: name, message: `${name}: ${err instanceof Error ? err.message : String(err)}` },
      ]),
    );
  };
  const togglePause = useCallback(() => {
    const r = useStudio.getState().runs.find((x) => x.id === useStudio.getState().activeRunId);
    if (r?.status === 'running') void pauseTraining(true);
    else if (r?.status === 'paused') void pauseTraining(false);
  }, []);
  useShortcuts(togglePause);

  return (
    <>
      <h2>Train</h2>
      <SettingsForm value={settings} onChange={setSettings} disabled={busy} />
      <div className="row">
        <span className="muted">Target:</span> <span>{describeTarget(target)}</span>
      </div>
      {target.mode === 'binary' && (
        <label className="check" title="A 2-D network leaves stray blobs above and below an organ">
          <input
            type="checkbox"
            checked={largestRegion}
            onChange={(e) => setLargestRegion(e.target.checked)}
          />
          Predictions keep only their largest connected region (one organ)
        </label>
      )}
      <div className="row">
        <label htmlFor="ts-backend" className="muted">
          Backend
        </label>
        <select
          id="ts-backend"
          value={backend}
          disabled={busy}
          onChange={(e) => {
            const b = e.target.value as BackendPreference;
            setBackend(b);
            void switchBackend(b);
          }}
        >
          {BACKENDS.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </select>
      </div>
      <BackendStatus
        auto={backend === 'auto'}
        disabled={busy}
        onRemeasure={() => void switchBackend('auto', { remeasure: true })}
      />
      <div className="row">
        <button
          className="primary"
          disabled={busy || trainable === 0 || settingsProblem(settings) !== null}
          onClick={onTrain}
        >
          Train
        </button>
        <button disabled={!busy} onClick={togglePause}>
          {run?.status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button disabled={!busy} onClick={() => void stopTraining()}>
          Stop
        </button>
      </div>
      {trainable === 0 && <p className="muted">No labelled case in the train split.</p>}
      <ProgressStats />
      <TrainingCurves />
      <RunList />
    </>
  );
}
