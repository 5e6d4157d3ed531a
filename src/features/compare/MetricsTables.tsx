/**
 * Scores per structure, one column per compared model: on the case shown, and over every
 * evaluated case (mean, median and max as seed 001 reports Dice; means for the other
 * metrics, with n when some cases had no defined value).
 */
import type { ClassScores, MetricKey, Summary } from '../../eval/metrics';
import { useStudio } from '../../store';
import { cssColor } from '../viewer/colors';
import { formatMl, formatMm, formatScore } from './format';
import { summarizeModel, type ClassSummary } from './summaries';
import type { ComparisonResult } from './types';
import { sideColor, sideLetter } from './model-colors';

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

const Head = ({ letters }: { letters: readonly string[] }) => (
  <thead>
    <tr>
      <th scope="col">Metric</th>
      {letters.map((l, i) => (
        <th key={l} scope="col" style={{ color: cssColor(sideColor(i)) }}>
          {l}
        </th>
      ))}
    </tr>
  </thead>
);

/** One structure's scores on one case, the models side by side. */
function CaseTable(props: {
  caseName: string;
  name: string;
  letters: string[];
  scores: (ClassScores | undefined)[];
}) {
  return (
    <table className="compare-table" aria-label={`Case metrics ${props.name}`}>
      <caption>
        {props.caseName} · <Structure name={props.name} />
      </caption>
      <Head letters={props.letters} />
      <tbody>
        {METRICS.map((m) => (
          <tr key={m.key}>
            <th scope="row">{m.label}</th>
            {props.scores.map((s, i) => (
              <td key={i}>{m.format(s?.[m.key] ?? null)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One structure's scores over the evaluated cases, the models side by side. */
function SummaryTable(props: {
  cases: number;
  name: string;
  letters: string[];
  summaries: (ClassSummary | undefined)[];
}) {
  const { cases, summaries } = props;
  return (
    <table className="compare-table" aria-label={`Summary metrics ${props.name}`}>
      <caption>
        Over {cases} case{cases === 1 ? '' : 's'} · <Structure name={props.name} />
      </caption>
      <Head letters={props.letters} />
      <tbody>
        {(['mean', 'median', 'max'] as const).map((stat) => (
          <tr key={stat}>
            <th scope="row">Dice {stat}</th>
            {summaries.map((s, i) => (
              <td key={i}>{formatScore(s?.metrics.dice[stat] ?? null)}</td>
            ))}
          </tr>
        ))}
        {METRICS.slice(1).map((m) => (
          <tr key={m.key}>
            <th scope="row">{m.label}, mean</th>
            {summaries.map((s, i) => (
              <td key={i}>{s ? summaryCell(s.metrics[m.key], m.format, cases) : 'n/a'}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MetricsTables(props: { result: ComparisonResult; caseName: string | null }) {
  const { models } = props.result;
  const letters = models.map((_, i) => sideLetter(i));
  const shown = models.map((m) => m.cases.find((c) => c.caseName === props.caseName));
  const summaries = models.map(summarizeModel);
  return (
    <>
      {summaries[0]?.classes.map((cls) => (
        <div key={cls.name}>
          {shown[0] && (
            <CaseTable
              caseName={shown[0].caseName}
              name={cls.name}
              letters={letters}
              scores={shown.map((c) => c?.classes.find((x) => x.name === cls.name))}
            />
          )}
          <SummaryTable
            cases={props.result.caseNames.length}
            name={cls.name}
            letters={letters}
            summaries={summaries.map((s) => s.classes.find((x) => x.name === cls.name))}
          />
        </div>
      ))}
    </>
  );
}
