/** Problems found while loading, one per file, each naming the file; dismissible. */
import { useStudio } from '../../store';

export function ProblemList() {
  const problems = useStudio((s) => s.problems);
  const dismiss = useStudio((s) => s.dismissProblem);
  if (problems.length === 0) return null;
  return (
    <ul className="problems" aria-label="Problems" role="list">
      {problems.map((p) => (
        <li key={p.id} role="alert">
          <span>{p.message}</span>
          <button aria-label={`Dismiss problem with ${p.path}`} onClick={() => dismiss(p.id)}>
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}
