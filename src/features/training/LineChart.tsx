/**
 * A live line chart (uPlot): created once, fed new data on every update without being
 * rebuilt, so curves can refresh on each training step without stutter.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  color: string;
  /** Which y scale: 'y' (left) or 'y2' (right, e.g. Dice in 0..1). */
  scale?: 'y' | 'y2';
  dash?: number[];
}

interface Props {
  title: string;
  xLabel: string;
  series: Series[];
  /** x values then one array per series (null for gaps). */
  data: [number[], ...(number | null)[][]];
  height?: number;
  logY?: boolean;
}

export function LineChart({ title, xLabel, series, data, height = 150, logY }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;
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
        y: logY ? { distr: 3 } : {},
        ...(hasY2 ? { y2: { range: [0, 1] as uPlot.Range.MinMax } } : {}),
      },
      axes: [
        { label: xLabel, stroke: '#8a939e', grid: { stroke: '#2c3138' } },
        { stroke: '#8a939e', grid: { stroke: '#2c3138' } },
        ...(hasY2
          ? [{ scale: 'y2', side: 1 as const, stroke: '#8a939e', grid: { show: false } }]
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
          points: { show: (u: uPlot, _i: number) => u.data[0].length < 3, size: 6 },
        })),
      ],
      legend: { live: false },
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
  }, [key, title, height, logY]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div className="chart" ref={host} role="img" aria-label={title} />;
}
