/**
 * The images of a comparison, as in the ENet-vs-U-Net study's figure 5: the manual
 * contour (yellow) and every compared model's contour in its own colour (A red, B green,
 * ...) on one slice; or side by side, one viewer per model, each over the manual contour.
 * Every viewer shows the one shared slice, so scrolling, the slider or the arrow keys in
 * any of them move all.
 */
import { useMemo, useState } from 'react';
import { useStudio } from '../../store';
import type { Volume } from '../../io/volume';
import { ViewerPanel, type ViewerLayout, type ViewerOverlay } from '../viewer/ViewerPanel';
import { CONTOUR_COLORS } from '../viewer/colors';
import { useCompare } from './compare-store';
import { classesForTarget, foregroundValues, manualMaskVolume } from './evaluate';
import { sideColor, sideLetter } from './model-colors';
import { compareEntries, type CompareEntry } from './plan';
import { runTarget } from './run-comparison';

function contour(id: string, label: string, volume: Volume, color: ViewerOverlay['color']) {
  return { id, label, volume, color, style: 'contour', opacity: 1, visible: true } as const;
}

interface Compared {
  entry: CompareEntry;
  letter: string;
  overlay: ViewerOverlay | null;
}

/** The case image, the manual mask of the models' structures, and every prediction. */
function useCompareVolumes() {
  const { caseName, models, tta } = useCompare();
  const cases = useStudio((s) => s.cases);
  const files = useStudio((s) => s.files);
  const runs = useStudio((s) => s.runs);
  const predictions = useStudio((s) => s.predictions);
  const study = cases.find((c) => c.name === caseName);
  const image = study ? (files[study.channels[0]?.path ?? '']?.volumes?.[0] ?? null) : null;
  const label = study?.label ? files[study.label]?.volumes?.[0] : undefined;
  const compared = useMemo((): Compared[] => {
    return compareEntries(models, runs, tta).map((entry, i) => {
      const pred = caseName ? predictions[entry.key]?.[caseName] : undefined;
      const letter = sideLetter(i);
      return {
        entry,
        letter,
        overlay: pred
          ? contour(`model-${letter}`, `${letter}: ${entry.name}`, pred, sideColor(i))
          : null,
      };
    });
  }, [models, runs, predictions, caseName, tta]);
  // The manual contour shows the structures the models learnt, not every label value.
  const manual = useMemo(() => {
    if (!label) return undefined;
    const classes = compared.flatMap((c) => classesForTarget(runTarget(c.entry.run)));
    const values = classes.length ? foregroundValues(classes).manual : [1];
    return manualMaskVolume(label, values);
  }, [label, compared]);
  return { caseName: caseName ?? '', image, manual, compared };
}

export function CompareViewer() {
  const { caseName, image, manual, compared } = useCompareVolumes();
  const view = useCompare((s) => s.view);
  const sliceIndex = useCompare((s) => s.sliceIndex);
  const [layout, setLayout] = useState<ViewerLayout>('axial');
  const manualOverlay = useMemo(
    () => (manual ? [contour('manual', 'Manual', manual, CONTOUR_COLORS.manual)] : []),
    [manual],
  );
  const all = useMemo(
    () => [...manualOverlay, ...compared.flatMap((c) => (c.overlay ? [c.overlay] : []))],
    [manualOverlay, compared],
  );
  const each = useMemo(
    () => compared.map((c) => [...manualOverlay, ...(c.overlay ? [c.overlay] : [])]),
    [manualOverlay, compared],
  );
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
    <div className={`compare-viewers side-by-side n${Math.min(compared.length, 4)}`}>
      {compared.map((c, i) => (
        <figure key={c.entry.key} className="compare-viewer" aria-label={`Model ${c.letter} view`}>
          <figcaption>
            {c.letter}: {c.entry.name}
          </figcaption>
          <ViewerPanel {...common} imageName={`${caseName} ${c.letter}`} overlays={each[i]} />
        </figure>
      ))}
    </div>
  );
}
