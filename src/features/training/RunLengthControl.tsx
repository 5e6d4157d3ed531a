/**
 * The Train panel's "Run length" menu, and the line (shown under the Train controls) that
 * says how long the run they would start should take. Until the user picks a length or
 * edits one of its fields, the panel follows the device: once the engine says which
 * backend runs, the run length that fits it is applied (minutes on a CPU, the full
 * schedule on a GPU). Run lengths are sized for the slice networks; a 3-D network brings
 * its own training defaults (patch and batch fitted to the device's memory), so for those
 * the menu and the estimate are not shown.
 */
import { useEffect, useRef, useState } from 'react';
import { useStudio } from '../../store';
import { trialName } from '../../ml/backend/choice';
import { modelSpecOf, seesPatches, type TrainSettings } from './settings';
import {
  applyRunLength,
  deviceRunLength,
  RUN_LENGTH_NAMES,
  RUN_LENGTHS,
  runLengthOf,
  type RunLengthName,
} from './run-length';
import {
  estimateRun,
  formatDuration,
  measuredTrial,
  resolvedStepsPerEpoch,
  splitSlices,
} from './run-estimate';

/** Share of training cases the engine holds out when no case is in the val split. */
const AUTO_VALIDATION = 0.15;

interface Props {
  settings: TrainSettings;
  onChange: (next: TrainSettings) => void;
  disabled: boolean;
}

interface EstimateProps {
  settings: TrainSettings;
  inChannels: number;
}

/** The estimate line (duration, step time, what it was measured on) and its milliseconds. */
function useEstimate(
  settings: TrainSettings,
  inChannels: number,
): { text: string; ms: number | null } {
  const choice = useStudio((s) => s.backendChoice);
  const cases = useStudio((s) => s.cases);
  const files = useStudio((s) => s.files);
  const trial = measuredTrial(choice);
  if (!trial?.msPerStep) {
    return {
      text: 'Expected run time: known once the backend is measured (Backend: auto).',
      ms: null,
    };
  }
  const slices = splitSlices(
    cases.map((c) => ({
      split: c.split,
      labelled: !!c.label && !c.problem,
      depth: files[c.channels[0]?.path ?? '']?.volumes?.[0]?.dims[2] ?? 0,
    })),
    AUTO_VALIDATION,
  );
  const e = estimateRun(trial.msPerStep, {
    spec: modelSpecOf(settings, inChannels, 1),
    batchSize: settings.batchSize,
    epochs: settings.epochs,
    stepsPerEpoch: resolvedStepsPerEpoch(settings.stepsPerEpoch, slices.train, settings.batchSize),
    validationSlices: slices.val,
  });
  // Only the U-Net's cost is modelled: for other networks the figure is a U-Net's, and
  // the status line gives the real time to go once the first steps are timed.
  const basis = e.scaledToNetwork
    ? ''
    : ', as fast as the default U-Net: this network may differ; its own time shows once it runs';
  const text =
    `Expected run time: ${formatDuration(e.totalMs)} ` +
    `(${Math.round(e.msPerStep).toLocaleString('en-US')} ms/step on ${trialName(trial)}${basis})`;
  return { text, ms: e.totalMs };
}

export function RunLengthControl({ settings, onChange, disabled }: Props) {
  const running = useStudio((s) => s.backendRunning);
  const [picked, setPicked] = useState(false);
  const followed = useRef<string | null>(null);
  const current = runLengthOf(settings);
  const patches = seesPatches(settings);
  useEffect(() => {
    if (!running || patches) return;
    const device = `${running.backend}|${running.adapter}`;
    if (followed.current === device) return;
    followed.current = device;
    // A length the user chose, or fields they edited, stay as they are.
    if (picked || current === 'custom') return;
    const fit = deviceRunLength(running.backend, running.adapter);
    if (current !== fit) onChange(applyRunLength(settings, fit));
  }, [running, patches, picked, current, settings, onChange]);
  if (patches) return null;
  return (
    <>
      <div className="field">
        <label htmlFor="ts-run-length">Run length</label>
        <select
          id="ts-run-length"
          value={current}
          disabled={disabled}
          onChange={(e) => {
            setPicked(true);
            onChange(applyRunLength(settings, e.target.value as RunLengthName));
          }}
        >
          {RUN_LENGTH_NAMES.map((name) => (
            <option key={name} value={name} title={RUN_LENGTHS[name].hint}>
              {RUN_LENGTHS[name].label}
            </option>
          ))}
          {current === 'custom' && <option value="custom">Custom</option>}
        </select>
      </div>
      {!running && !picked && current !== 'custom' && (
        // The menu follows the device once the start-up measurement has chosen a backend.
        <p className="muted">Fitting the run length to this device (measuring the backends)…</p>
      )}
    </>
  );
}

/** The expected run time of `settings`, with its milliseconds as `data-ms`. */
export function RunEstimateLine({ settings, inChannels }: EstimateProps) {
  const estimate = useEstimate(settings, inChannels);
  if (seesPatches(settings)) {
    return (
      <p className="muted run-estimate" aria-label="Expected run time">
        Expected run time: shown once the first steps are timed (the start-up measurement times a
        2-D network, not a 3-D one).
      </p>
    );
  }
  return (
    <p
      className="muted run-estimate"
      aria-label="Expected run time"
      data-ms={estimate.ms === null ? undefined : Math.round(estimate.ms)}
    >
      {estimate.text}
    </p>
  );
}
