/**
 * Connects the viewer to the store: shows the selected case's first channel with its
 * manual label (classes named and coloured by the dataset's label table) and the active
 * model's prediction as overlays, and in the Annotate workspace the label as an editable
 * drawing (with the suggestion model's uncertainty map). Each case opens on the slices of
 * its target.
 */
import { useEffect, useMemo, useRef } from 'react';
import { labelValues as valuesIn } from '../../io';
import type { Volume } from '../../io/volume';
import { useStudio } from '../../store';
import type { TargetSpec } from '../../ml/data/target';
import { tableColormap } from '../datasets/label-names';
import { focusSlice, type ForegroundValues } from './focus-slice';
import {
  ViewerPanel,
  type OverlayChange,
  type ViewerLayout,
  type ViewerOverlay,
} from './ViewerPanel';
import { CONTOUR_COLORS } from './colors';
import { useDrawing } from '../annotate/use-drawing';
import { useUncertaintyOverlay } from '../annotate/use-uncertainty-overlay';

// Actions are read when called rather than subscribed to: they never change.
const setLayout = (layout: ViewerLayout) => useStudio.getState().setLayout(layout);
const setSliceIndex = (k: number) => useStudio.getState().setSliceIndex(k);

/** The manual label's settings live in the store (shortcuts L and C act on them too). */
/** The label values the studio learns: the target's, or every non-zero one by default. */
function targetValues(target: TargetSpec | null): ForegroundValues {
  if (!target) return null;
  return target.mode === 'binary' ? target.foregroundValues : target.values;
}

function storeOverlayChange(id: string, change: OverlayChange): void {
  const s = useStudio.getState();
  if (id === 'manual') {
    if (change.visible !== undefined) s.toggleLabel(change.visible);
    if (change.opacity !== undefined) s.setLabelOpacity(change.opacity);
    if (change.style !== undefined) s.setLabelStyle(change.style);
  } else if (id === 'prediction' && change.visible !== undefined) {
    s.togglePrediction(change.visible);
  } else if (id === 'uncertainty' && change.visible !== undefined) {
    s.toggleUncertainty(change.visible);
  }
}

export function CaseViewer() {
  const selected = useStudio((s) => s.selectedCase);
  const cases = useStudio((s) => s.cases);
  const files = useStudio((s) => s.files);
  const layout = useStudio((s) => s.layout);
  const labelStyle = useStudio((s) => s.labelStyle);
  const labelOpacity = useStudio((s) => s.labelOpacity);
  const showLabel = useStudio((s) => s.showLabel);
  const showPrediction = useStudio((s) => s.showPrediction);
  const activeRunId = useStudio((s) => s.activeRunId);
  const predictions = useStudio((s) => s.predictions);
  const sliceIndex = useStudio((s) => s.sliceIndex);
  const labelTable = useStudio((s) => s.labelTable);
  const target = useStudio((s) => s.target);

  const study = cases.find((c) => c.name === selected);
  const image = study ? (files[study.channels[0]?.path ?? '']?.volumes?.[0] ?? null) : null;
  const label = study?.label && !study.problem ? files[study.label]?.volumes?.[0] : undefined;
  const prediction = activeRunId && study ? predictions[activeRunId]?.[study.name] : undefined;
  const labelValues = study?.labelValues;
  // In the Annotate workspace the label is edited in Niivue's drawing layer instead.
  const drawing = useDrawing(image ? study?.name : undefined, label);
  const uncertainty = useUncertaintyOverlay(study?.name);
  const colormap = useMemo(
    () => tableColormap(labelTable, labelValues ?? []),
    [labelTable, labelValues],
  );
  // A multi-class prediction draws each class's contour in that class's colour.
  const predictionColormap = useMemo(() => {
    const values = prediction ? valuesIn(prediction) : [];
    return values.some((v) => v > 1) ? tableColormap(labelTable, values) : undefined;
  }, [prediction, labelTable]);

  // A new case (or dataset) opens on its target, not on the last case's slice number;
  // edits of its label (a new label volume each) must not move the slice.
  const focused = useRef<{ image: Volume; target: TargetSpec | null } | null>(null);
  useEffect(() => {
    if (!image) return;
    if (focused.current?.image === image && focused.current.target === target) return;
    focused.current = { image, target };
    useStudio.getState().setSliceIndex(focusSlice(image, label, targetValues(target)));
  }, [image, label, target]);

  const overlays = useMemo(() => {
    const list: ViewerOverlay[] = [];
    if (label && !drawing)
      list.push({
        id: 'manual',
        label: 'Manual label',
        volume: label,
        style: labelStyle,
        colormap,
        color: CONTOUR_COLORS.manual,
        opacity: labelOpacity,
        visible: showLabel,
      });
    if (prediction)
      list.push({
        id: 'prediction',
        label: 'Prediction',
        volume: prediction,
        style: 'contour',
        ...(predictionColormap ? { colormap: predictionColormap } : {}),
        color: CONTOUR_COLORS.prediction,
        opacity: 1,
        visible: showPrediction,
      });
    if (uncertainty) list.push(uncertainty);
    return list;
  }, [
    label,
    drawing,
    prediction,
    labelStyle,
    labelOpacity,
    showLabel,
    showPrediction,
    colormap,
    predictionColormap,
    uncertainty,
  ]);

  return (
    <ViewerPanel
      image={image}
      imageName={study?.name ?? ''}
      overlays={overlays}
      layout={layout}
      onLayoutChange={setLayout}
      sliceIndex={sliceIndex ?? undefined}
      onSliceChange={setSliceIndex}
      onOverlayChange={storeOverlayChange}
      drawing={drawing}
      pendingOverlays={prediction || !image ? [] : ['Prediction']}
    />
  );
}
