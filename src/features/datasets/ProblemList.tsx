/**
 * Problems found while loading, each naming its file; warnings (the file loaded anyway)
 * are marked as such. The list scrolls within a bounded height so that many problems
 * never push the dataset table out of view, and can be dismissed one by one or all at once.
 */
import { useStudio } from '../../store';

export function ProblemList() {
  const problems = useStudio((s) => s.problems);
  const dismiss = useStudio((s) => s.dismissProblem);
  const dismissAll = useStudio((s) => s.dismissAllProblems);
  if (problems.length === 0) return null;
  const warnings = problems.filter((p) => p.warning).length;
  const errors = problems.length - warnings;
  const counts = [
    errors ? `${errors} problem${errors === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return (
    <section className="problems" aria-label="Loading problems">
      <div className="problems-head">
        <span>{counts.join(', ')}</span>
        <button onClick={dismissAll}>Dismiss all</button>
      </div>
      {/* Announced as they arrive, without taking the items out of the list. */}
      <ul aria-label="Problems" role="list" aria-live="polite" aria-relevant="additions">
        {problems.map((p) => (
          <li key={p.id} className={p.warning ? 'warning' : undefined}>
            {p.warning && <span className="problem-kind">warning</span>}
            <span className="problem-text">{p.message}</span>
            <button
              className="icon"
              aria-label={`Dismiss problem with ${p.path}`}
              title="Dismiss"
              onClick={() => dismiss(p.id)}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
