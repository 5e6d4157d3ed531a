/**
 * Scores per structure: on the case shown, and over every evaluated case (mean, median
 * and max as seed 001 reports Dice; means for the other metrics, with n when some cases
 * had no defined value).
 */
import type { ClassScores, MetricKey, Summary } from '../../eval/metrics';
import { useStudio } from '../../store';
import { cssColor } from '../viewer/colors';
import { formatMl, formatMm, formatScore } from './format';
import { summarizeModel, type ClassSummary } from './summaries';
import type { ComparisonResult } from './types';

const METRICS: { key: MetricKey; label: string; format: (v: number | null) => string }[] = [
  { key: 'dice', label: 'Dice', format: formatScore },
  { key: 'iou', label: 'IoU', format: formatScore },
  { key: 'precision', label: 'Precision', format: formatScore },
  { key: 'recall', label: 'Recall', format: formatScore },
  { key: 'accuracy', label: 'Pixel accuracy', format: formatScore },
  { key: 'hd95', label: 'HD95 (mm)', format: formatMm },
  { key: 'assd', label: 'ASSD (mm)', format: formatMm },
  { key: 'predictedMl', label: 'Predicted volume (mL)', format: formatMl },
  { key: 'manualMl', label: 'Manual volume (mL)', format: formatMl },
];

function summaryCell(s: Summary, format: (v: number | null) => string, cases: number): string {
  const partial = s.n < cases ? ` (n=${s.n})` : '';
  return `${format(s.mean)}${partial}`;
}

/** A structure's name with its colour, the same swatch as in the viewer's legend. */
function Structure({ name }: { name: string }) {
  const entry = useStudio((s) => s.labelTable.entries.find((e) => e.name === name));
  return (
    <span className="structure">
      {entry && (
        <span
          className="swatch"
          style={{ background: cssColor(entry.color) }}
          data-color={entry.color.join(',')}
          aria-hidden="true"
        />
      )}
      {name}
    </span>
  );
}

const Head = () => (
  <thead>
    <tr>
      <th scope="col">Metric</th>
      <th scope="col" className="side-A">
        A
      </th>
      <th scope="col" className="side-B">
        B
      </th>
    </tr>
  </thead>
);

/** One structure's scores on one case, A beside B. */
function CaseTable(props: { caseName: string; a: ClassScores; b: ClassScores | undefined }) {
  const { a, b } = props;
  return (
    <table className="compare-table" aria-label={`Case metrics ${a.name}`}>
      <caption>
        {props.caseName} · <Structure name={a.name} />
      </caption>
      <Head />
      <tbody>
        {METRICS.map((m) => (
          <tr key={m.key}>
            <th scope="row">{m.label}</th>
            <td>{m.format(a[m.key])}</td>
            <td>{m.format(b?.[m.key] ?? null)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One structure's scores over the evaluated cases, A beside B. */
function SummaryTable(props: { cases: number; a: ClassSummary; b: ClassSummary | undefined }) {
  const { a, b, cases } = props;
  return (
    <table className="compare-table" aria-label={`Summary metrics ${a.name}`}>
      <caption>
        Over {cases} case{cases === 1 ? '' : 's'} · <Structure name={a.name} />
      </caption>
      <Head />
      <tbody>
        {(['mean', 'median', 'max'] as const).map((stat) => (
          <tr key={stat}>
            <th scope="row">Dice {stat}</th>
            <td>{formatScore(a.metrics.dice[stat])}</td>
            <td>{formatScore(b?.metrics.dice[stat] ?? null)}</td>
          </tr>
        ))}
        {METRICS.slice(1).map((m) => (
          <tr key={m.key}>
            <th scope="row">{m.label}, mean</th>
            <td>{summaryCell(a.metrics[m.key], m.format, cases)}</td>
            <td>{b ? summaryCell(b.metrics[m.key], m.format, cases) : 'n/a'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MetricsTables(props: { result: ComparisonResult; caseName: string | null }) {
  const [a, b] = props.result.models;
  const caseA = a.cases.find((c) => c.caseName === props.caseName);
  const caseB = b.cases.find((c) => c.caseName === props.caseName);
  const sumB = summarizeModel(b);
  return (
    <>
      {summarizeModel(a).classes.map((cls, i) => (
        <div key={cls.name}>
          {caseA && (
            <CaseTable
              caseName={caseA.caseName}
              a={caseA.classes[i]}
              b={caseB?.classes.find((x) => x.name === cls.name)}
            />
          )}
          <SummaryTable
            cases={props.result.caseNames.length}
            a={cls}
            b={sumB.classes.find((x) => x.name === cls.name)}
          />
        </div>
      ))}
    </>
  );
}
