/**
 * Per-slice Dice of every compared model on the shown case, one line each in the model's
 * contour colour. Clicking anywhere in a slice's column jumps the viewers to that slice; the
 * current slice is marked. Slices where neither the label nor the model has foreground
 * have no Dice and leave a gap.
 */
import type { SliceScore } from '../../eval/metrics';
import type { Rgb } from '../viewer/types';
import { cssColor } from '../viewer/colors';

/** One model's per-slice scores, with its letter and colour. */
export interface SliceSeries {
  letter: string;
  color: Rgb;
  slices: readonly SliceScore[] | undefined;
}

const W = 320;
const H = 130;
const PAD = { left: 30, right: 8, top: 8, bottom: 22 };

interface Props {
  series: readonly SliceSeries[];
  count: number;
  current: number | null;
  onPick: (k: number) => void;
}

/** Polyline segments through the defined points (a null breaks the line). */
function segments(
  slices: readonly SliceScore[],
  x: (k: number) => number,
  y: (d: number) => number,
) {
  const out: string[] = [];
  let run: string[] = [];
  for (const s of slices) {
    if (s.dice === null) {
      if (run.length) out.push(run.join(' '));
      run = [];
    } else run.push(`${x(s.k).toFixed(1)},${y(s.dice).toFixed(1)}`);
  }
  if (run.length) out.push(run.join(' '));
  return out;
}

export function SliceDiceChart({ series: models, count, current, onPick }: Props) {
  const n = Math.max(1, count);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const colW = plotW / n;
  const x = (k: number) => PAD.left + (k + 0.5) * colW;
  const y = (d: number) => PAD.top + (1 - d) * plotH;
  const series = models.map((m) => ({
    side: m.letter,
    slices: m.slices,
    color: cssColor(m.color),
  }));
  const ticks = n <= 12 ? [...Array(n).keys()] : [0, Math.round((n - 1) / 2), n - 1];
  return (
    <figure className="compare-chart" role="figure" aria-label="Per-slice Dice">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="presentation">
        {[0, 0.25, 0.5, 0.75, 1].map((d) => (
          <g key={d}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(d)} y2={y(d)} className="grid" />
            <text x={PAD.left - 4} y={y(d) + 3} textAnchor="end">
              {d}
            </text>
          </g>
        ))}
        {ticks.map((k) => (
          <text key={k} x={x(k)} y={H - 8} textAnchor="middle">
            {k + 1}
          </text>
        ))}
        {current !== null && current < n && (
          <rect
            x={x(current) - colW / 2}
            y={PAD.top}
            width={colW}
            height={plotH}
            className="current"
          />
        )}
        {series.map((s) =>
          segments(s.slices ?? [], x, y).map((pts, i) => (
            <polyline
              key={`${s.side}${i}`}
              points={pts}
              fill="none"
              stroke={s.color}
              strokeWidth={1.5}
            />
          )),
        )}
        {series.map((s) =>
          (s.slices ?? []).map((p) =>
            p.dice === null ? null : (
              <circle key={`${s.side}${p.k}`} cx={x(p.k)} cy={y(p.dice)} r={2.5} fill={s.color} />
            ),
          ),
        )}
        {[...Array(n).keys()].map((k) => (
          <rect
            key={k}
            x={x(k) - colW / 2}
            y={PAD.top}
            width={colW}
            height={plotH}
            className="hit"
            data-slice={k}
            onClick={() => onPick(k)}
          >
            <title>{`Slice ${k + 1}: ${models.map((m) => diceText(m.slices, k, m.letter)).join(', ')}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="muted">Dice per slice (click a slice to show it)</figcaption>
    </figure>
  );
}

function diceText(slices: readonly SliceScore[] | undefined, k: number, side: string): string {
  const d = slices?.[k]?.dice;
  return `${side} ${d === null || d === undefined ? 'n/a' : d.toFixed(3)}`;
}
