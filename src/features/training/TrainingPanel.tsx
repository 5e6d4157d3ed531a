/**
 * The right panel, in the order a user needs it on a small screen: what to train, the
 * Train / Pause / Stop controls with a one-line status, the live curves, then the
 * settings (collapsed, each section summarized) and the trained models.
 */
import { useCallback, useMemo, useState } from 'react';
import { ARCHITECTURES, architecture, type ArchitectureKind } from '../../ml/models';
import { describeMemory, memoryBudget } from '../../ml/train/memory';
import type { BackendPreference } from '../../ml/types';
import { isActive, useStudio } from '../../store';
import { useShortcuts } from '../../app/use-shortcuts';
import { CrossValidation } from '../crossval/CrossValidation';
import { BackendStatus } from './BackendStatus';
import { switchBackend } from './engine-session';
import { ProgressStats } from './ProgressStats';
import { RunEstimateLine, RunLengthControl } from './RunLengthControl';
import { RunList } from './RunList';
import { RunStatusLine } from './RunStatusLine';
import { startTraining, stopTraining, togglePause } from './run-actions';
import { SettingsForm } from './SettingsForm';
import {
  DEFAULT_SETTINGS,
  backendOfLabel,
  buildTrainConfig,
  modelSpecOf,
  nextRunName,
  settingsProblem,
  withArchitecture,
  type TrainSettings,
} from './settings';
import { deriveTarget, describeTarget } from './target';
import { TrainingCurves } from './TrainingCurves';

const BACKENDS: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function report(name: string, err: unknown): void {
  useStudio
    .getState()
    .reportProblems([
      { path: name, message: `${name}: ${err instanceof Error ? err.message : String(err)}` },
    ]);
}

export function TrainingPanel() {
  const [settings, setSettings] = useState<TrainSettings>(DEFAULT_SETTINGS);
  const [backend, setBackend] = useState<BackendPreference>('auto');
  const cases = useStudio((s) => s.cases);
  const chosenTarget = useStudio((s) => s.target);
  const largestRegion = useStudio((s) => s.largestRegion);
  const setLargestRegion = useStudio((s) => s.setLargestRegion);
  const backendLabel = useStudio((s) => s.backendLabel);
  const run = useStudio((s) => s.runs.find((r) => r.id === s.activeRunId));
  const busy = useStudio((s) => s.runs.some((r) => isActive(r)));
  const target = useMemo(() => chosenTarget ?? deriveTarget(cases), [chosenTarget, cases]);
  const usable = cases.filter((c) => !c.problem);
  const inChannels = Math.max(1, ...usable.map((c) => c.channels.length));
  const trainable = usable.filter((c) => c.label && c.split === 'train').length;
  // What a run may use: half the device, within the WASM heap on wasm (ml/train/memory).
  const deviceMemory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  const budget = memoryBudget(deviceMemory, backendOfLabel(backendLabel) ?? 'wasm');
  const problem = settingsProblem(settings, inChannels, budget);
  const memory = describeMemory(modelSpecOf(settings, inChannels, 1), settings.batchSize, budget);
  const def = architecture(settings.architecture);

  // Validation scores what the viewer will show: the largest region when that is on.
  const makeConfig = () => ({
    ...buildTrainConfig(settings, target, inChannels),
    validateLargestRegion: useStudio.getState().largestRegion,
  });
  const onTrain = () => {
    const s = useStudio.getState();
    const config = makeConfig();
    const base = settings.fineTune ? s.runs.find((r) => r.id === s.activeRunId) : undefined;
    if (settings.fineTune && !base?.hasModel) {
      report('Fine-tune', new Error('select a trained or imported model to fine-tune'));
      return;
    }
    const name = base
      ? `${base.name} fine-tuned`
      : nextRunName(
          settings.architecture,
          s.runs.map((r) => r.name),
        );
    startTraining(config, name, base?.id).catch((err: unknown) => report(name, err));
  };
  const toggle = useCallback(() => togglePause(), []);
  useShortcuts(toggle);
  const active = useStudio((s) => s.runs.find((r) => isActive(r)));
  const pausable =
    active !== undefined && active.status !== 'queued' && active.status !== 'starting';
  const pausedish = active?.status === 'paused' || active?.status === 'pausing';

  return (
    <>
      <h2>Train</h2>
      <div className="field">
        <label htmlFor="ts-arch">Model</label>
        <select
          id="ts-arch"
          value={settings.architecture}
          disabled={busy}
          onChange={(e) =>
            setSettings(withArchitecture(settings, e.target.value as ArchitectureKind, budget))
          }
        >
          {ARCHITECTURES.map((d) => (
            <option key={d.kind} value={d.kind}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <p className="muted arch-description">{def.description}</p>
      <RunLengthControl settings={settings} onChange={setSettings} disabled={busy} />
      <div className="row train-controls">
        <button
          className="primary"
          disabled={busy || trainable === 0 || problem !== null}
          title={busy ? 'A run is in progress' : (problem ?? undefined)}
          onClick={onTrain}
        >
          Train
        </button>
        <button disabled={!pausable} onClick={toggle} aria-keyshortcuts="Space">
          {pausedish ? 'Resume' : 'Pause'}
        </button>
        <button disabled={!active} onClick={() => void stopTraining()}>
          Stop
        </button>
      </div>
      {trainable === 0 && <p className="muted">No labelled case in the train split.</p>}
      <RunEstimateLine settings={settings} inChannels={inChannels} />
      {memory && (
        <p className="muted" data-testid="memory-estimate">
          {memory}
        </p>
      )}
      <RunStatusLine run={run} />
      <TrainingCurves />
      <SettingsForm
        value={settings}
        onChange={setSettings}
        disabled={busy}
        problem={problem}
        backendSummary={backendLabel}
        data={
          <>
            <div className="row">
              <span className="muted">Target:</span> <span>{describeTarget(target)}</span>
            </div>
            {target.mode === 'binary' && (
              <label
                className="check"
                title="A 2-D network leaves stray blobs above and below an organ"
              >
                <input
                  type="checkbox"
                  checked={largestRegion}
                  onChange={(e) => setLargestRegion(e.target.checked)}
                />
                Predictions keep only their largest connected region (one organ)
              </label>
            )}
          </>
        }
        backend={
          <>
            <div className="row">
              <label htmlFor="ts-backend" className="muted">
                Backend
              </label>
              <select
                id="ts-backend"
                value={backend}
                onChange={(e) => {
                  const b = e.target.value as BackendPreference;
                  setBackend(b);
                  switchBackend(b).catch((err: unknown) => report('backend', err));
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
          </>
        }
      />
      <CrossValidation makeConfig={() => (problem === null ? makeConfig() : null)} />
      <ProgressStats />
      <RunList />
    </>
  );
}
