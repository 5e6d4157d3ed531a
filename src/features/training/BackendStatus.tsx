/**
 * Why the engine runs where it runs: the measured choice with every backend's figure, the
 * remembered measurement it reused, or the user's own choice, and a way to measure again.
 */
import { useStudio } from '../../store';
import { PROBE_WORKLOAD } from '../../ml/backend/choice';

export function BackendStatus({
  auto,
  disabled,
  onRemeasure,
}: {
  auto: boolean;
  disabled: boolean;
  onRemeasure: () => void;
}) {
  const choice = useStudio((s) => s.backendChoice);
  if (!choice) return null;
  const measured = choice.trials.length > 0;
  return (
    <div className="backend-choice muted" aria-label="Backend choice">
      <p>
        {choice.reason}
        {measured && ` — ${PROBE_WORKLOAD}.`}
      </p>
      {auto && (
        <button disabled={disabled} onClick={onRemeasure} title="Time every backend again">
          Measure again
        </button>
      )}
    </div>
  );
}
