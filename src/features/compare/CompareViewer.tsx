/**
 * The images of a comparison, as in the ENet-vs-U-Net study's figure 5: the manual
 * contour (yellow), model A (red) and model B (green) on one slice; or side by side, A
 * left and B right, each over the manual contour. Every viewer shows the one shared
 * slice, so scrolling, the slider or the arrow keys in either move both.
 */
import { useMemo, useState } from 'react';
import { useStudio } from '../../store';
import type { Volume } from '../../io/volume';
import { ViewerPanel, type ViewerLayout, type ViewerOverlay } from '../viewer/ViewerPanel';
import { CONTOUR_COLORS } from '../viewer/colors';
import { useCompare } from './compare-store';
import { classesForTarget, foregroundValues, manualMaskVolume } from './evaluate';
import { runTarget } from './run-comparison';

function contour(id: string, label: string, volume: Volume, color: ViewerOverlay['color']) {
  return { id, label, volume, color, style: 'contour', opacity: 1, visible: true } as const;
}

/** The case image, the manual mask of the models' structures, and both predictions. */
function useCompareVolumes() {
  const { caseName, modelA, modelB } = useCompare();
  const cases = useStudio((s) => s.cases);
  const files = useStudio((s) => s.files);
  const runs = useStudio((s) => s.runs);
  const predA = useStudio((s) =>
    modelA && caseName ? s.predictions[modelA]?.[caseName] : undefined,
  );
  const predB = useStudio((s) =>
    modelB && caseName ? s.predictions[modelB]?.[caseName] : undefined,
  );
  const study = cases.find((c) => c.name === caseName);
  const image = study ? (files[study.channels[0]?.path ?? '']?.volumes?.[0] ?? null) : null;
  const label = study?.label ? files[study.label]?.volumes?.[0] : undefined;
  const runA = runs.find((r) => r.id === modelA);
  const runB = runs.find((r) => r.id === modelB);
  // The manual contour shows the structures the models learnt, not every label value.
  const manual = useMemo(() => {
    if (!label) return undefined;
    const targets = [runA, runB].flatMap((r) => (r ? [runTarget(r)] : []));
    const classes = targets.flatMap((t) => classesForTarget(t));
    const values = classes.length ? foregroundValues(classes).manual : [1];
    return manualMaskVolume(label, values);
  }, [label, runA, runB]);
  return { caseName: caseName ?? '', image, manual, predA, predB, runA, runB };
}

export function CompareViewer() {
  const { caseName, image, manual, predA, predB, runA, runB } = useCompareVolumes();
  const view = useCompare((s) => s.view);
  const sliceIndex = useCompare((s) => s.sliceIndex);
  const [layout, setLayout] = useState<ViewerLayout>('axial');
  const manualOverlay = useMemo(
    () => (manual ? [contour('manual', 'Manual', manual, CONTOUR_COLORS.manual)] : []),
    [manual],
  );
  const overlayA = useMemo(
    () =>
      predA && runA ? [contour('model-a', `A: ${runA.name}`, predA, CONTOUR_COLORS.modelA)] : [],
    [predA, runA],
  );
  const overlayB = useMemo(
    () =>
      predB && runB ? [contour('model-b', `B: ${runB.name}`, predB, CONTOUR_COLORS.modelB)] : [],
    [predB, runB],
  );
  const all = useMemo(
    () => [...manualOverlay, ...overlayA, ...overlayB],
    [manualOverlay, overlayA, overlayB],
  );
  const withA = useMemo(() => [...manualOverlay, ...overlayA], [manualOverlay, overlayA]);
  const withB = useMemo(() => [...manualOverlay, ...overlayB], [manualOverlay, overlayB]);
  const common = {
    image,
    layout,
    onLayoutChange: setLayout,
    sliceIndex: sliceIndex ?? undefined,
    onSliceChange: (k: number) => useCompare.getState().set({ sliceIndex: k }),
  };
  if (view === 'overlay') {
    return (
      <div className="compare-viewers">
        <ViewerPanel {...common} imageName={caseName} overlays={all} />
      </div>
    );
  }
  return (
    <div className="compare-viewers side-by-side">
      <figure className="compare-viewer" aria-label="Model A view">
        <figcaption>A: {runA?.name ?? 'no model'}</figcaption>
        <ViewerPanel {...common} imageName={`${caseName} A`} overlays={withA} />
      </figure>
      <figure className="compare-viewer" aria-label="Model B view">
        <figcaption>B: {runB?.name ?? 'no model'}</figcaption>
        <ViewerPanel {...common} imageName={`${caseName} B`} overlays={withB} />
      </figure>
    </div>
  );
}
