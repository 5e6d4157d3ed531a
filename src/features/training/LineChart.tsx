/**
 * A live line chart (uPlot): created once, fed new data on every update without being
 * rebuilt, so curves can refresh on each training step without stutter. Vertical markers
 * (e.g. where a fine-tune began) are drawn over the plot with their label.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { INTEGER_STEPS, tickLabels } from './chart-ticks';

export interface Series {
  label: string;
  color: string;
  /** Which y scale: 'y' (left) or 'y2' (right, e.g. Dice in 0..1). */
  scale?: 'y' | 'y2';
  dash?: number[];
}

/** A labelled vertical line at `x`. */
export interface Marker {
  x: number;
  label: string;
}

interface Props {
  title: string;
  xLabel: string;
  series: Series[];
  /** x values then one array per series (null for gaps). */
  data: [number[], ...(number | null)[][]];
  height?: number;
  logY?: boolean;
  /** A fixed y range, for scores bounded like Dice (0 to 1); else fitted to the data. */
  yRange?: [number, number];
  markers?: readonly Marker[];
}

const AXIS = {
  stroke: '#8a939e',
  font: '10px system-ui, sans-serif',
  grid: { stroke: '#2c3138' },
  ticks: { size: 3 },
  gap: 2,
};

/** Draws the markers as dashed lines with their label at the top. */
function drawMarkers(u: uPlot, markers: readonly Marker[]): void {
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  ctx.save();
  ctx.strokeStyle = '#e8e35a';
  ctx.fillStyle = '#e8e35a';
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.font = `${Math.round(10 * devicePixelRatio)}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  const gap = 3 * devicePixelRatio;
  for (const m of markers) {
    const x = Math.round(u.valToPos(m.x, 'x', true));
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    // The label goes left of its line where the right side has no room for it.
    const fitsRight = x + gap + ctx.measureText(m.label).width <= u.bbox.left + u.bbox.width;
    ctx.textAlign = fitsRight ? 'left' : 'right';
    ctx.fillText(m.label, fitsRight ? x + gap : x - gap, top + 2 * devicePixelRatio);
  }
  ctx.restore();
}

export function LineChart({
  title,
  xLabel,
  series,
  data,
  height = 150,
  logY,
  yRange,
  markers,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;
  const marks = useRef(markers ?? []);
  marks.current = markers ?? [];
  const key = series.map((s) => s.label).join('|');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const hasY2 = series.some((s) => s.scale === 'y2');
    const opts: uPlot.Options = {
      title,
      width: el.clientWidth || 300,
      height,
      scales: {
        x: { time: false },
        y: logY ? { distr: 3 } : yRange ? { range: yRange } : {},
        ...(hasY2 ? { y2: { range: [0, 1] as uPlot.Range.MinMax } } : {}),
      },
      // Compact axes: uPlot's defaults (a 50 px x axis plus a 30 px label) would leave a
      // chart of this height almost no plot; the title names the x unit instead.
      axes: [
        { ...AXIS, size: 20, incrs: INTEGER_STEPS },
        { ...AXIS, size: 38, values: (_u: uPlot, ticks: number[]) => tickLabels(ticks) },
        ...(hasY2
          ? [{ ...AXIS, scale: 'y2', side: 1 as const, size: 34, grid: { show: false } }]
          : []),
      ],
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          scale: s.scale ?? 'y',
          dash: s.dash,
          // A curve of one or two points would draw nothing as a line alone.
          // Validation (dashed) points are drawn smaller, so that where both curves meet
          // (Dice 0 after a first epoch, say) the training point shows around them.
          points: {
            show: (u: uPlot, _i: number) => u.data[0].length < 3,
            size: s.dash ? 4 : 8,
          },
        })),
      ],
      legend: { live: false },
      hooks: { draw: [(u: uPlot) => drawMarkers(u, marks.current)] },
    };
    plot.current = new uPlot(opts, latest.current, el);
    const resize = new ResizeObserver(() => {
      plot.current?.setSize({ width: el.clientWidth || 300, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuild only when the set of series changes; data flows through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, title, height, logY, yRange?.[0], yRange?.[1]]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  const described = markers?.length ? `${title}; ${markers.map((m) => m.label).join('; ')}` : title;
  return <div className="chart" ref={host} role="img" aria-label={described} />;
}
