/**
 * The compare view: two or more models against the manual label on the same case, slice by
 * slice. Settings on top; the viewers on the left; per-slice Dice, the worst slices, the
 * model table and the metrics on the right.
 */
import { useEffect, useRef } from 'react';
import { EMPTY_MASK_RULES } from '../../eval/metrics';
import { useStudio } from '../../store';
import { applyDefaults } from './actions';
import { CompareControls } from './CompareControls';
import { CompareViewer } from './CompareViewer';
import { useCompare } from './compare-store';
import { downloadPng } from './downloads';
import { MetricsTables } from './MetricsTables';
import { ModelTable } from './ModelTable';
import { compareEntries } from './plan';
import { SliceDiceChart, type SliceSeries } from './SliceDiceChart';
import { sideColor, sideColorName, sideLetter } from './model-colors';
import { WorstSlices } from './WorstSlices';
import './compare.css';

const pick = (k: number) => useCompare.getState().set({ sliceIndex: k });

export function ComparePanel() {
  const runs = useStudio((s) => s.runs);
  const cases = useStudio((s) => s.cases);
  const { result, caseName, sliceIndex, models, tta } = useCompare();
  const viewRef = useRef<HTMLDivElement>(null);
  // New runs or cases may make better defaults possible (or invalidate a choice).
  useEffect(applyDefaults, [runs, cases]);

  const shown = result?.models.map((m) => m.cases.find((c) => c.caseName === caseName)) ?? [];
  const series: SliceSeries[] = shown.map((c, i) => ({
    letter: sideLetter(i),
    color: sideColor(i),
    slices: c?.slices,
  }));
  const imagePath = cases.find((c) => c.name === caseName)?.channels[0]?.path ?? '';
  const imageSlices = useStudio((s) => s.files[imagePath]?.volumes?.[0]?.dims[2]);
  const count = shown.find((c) => c)?.dims[2] ?? imageSlices ?? 0;

  const exportPng = () => {
    const legend = compareEntries(models, runs, tta).map(
      (e, i) => `${sideLetter(i)} ${e.name} (${sideColorName(i)})`,
    );
    const caption = [
      caseName ?? '',
      `slice ${(sliceIndex ?? 0) + 1}`,
      'manual (yellow)',
      ...legend,
    ].join(' · ');
    if (viewRef.current) {
      void downloadPng(
        viewRef.current,
        caption,
        `${caseName ?? 'case'}_slice${(sliceIndex ?? 0) + 1}.png`,
      );
    }
  };

  return (
    <div className="compare">
      <CompareControls onExportPng={exportPng} />
      <div className="compare-body">
        <div className="compare-view" ref={viewRef}>
          <CompareViewer />
        </div>
        <div className="compare-side">
          {shown.some((c) => c) ? (
            <>
              <SliceDiceChart series={series} count={count} current={sliceIndex} onPick={pick} />
              <WorstSlices series={series} onPick={pick} />
            </>
          ) : (
            <p className="muted">
              {result
                ? `${caseName ?? 'This case'} was not part of the last comparison.`
                : 'Run the comparison to see per-slice Dice and metrics.'}
            </p>
          )}
          <ModelTable />
          {result && <MetricsTables result={result} caseName={caseName} />}
          <p className="compare-note" aria-label="Empty-mask handling">
            {EMPTY_MASK_RULES}
          </p>
        </div>
      </div>
    </div>
  );
}
