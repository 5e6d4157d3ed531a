/**
 * The viewer's drawing prop while the Annotate workspace is open: the selected case's
 * label to edit, coloured by the dataset's label table, with the chosen tool; edits go to
 * label-edits, and the slice under the crosshair to the store (for the reviewed marks).
 */
import { useMemo } from 'react';
import type { Volume } from '../../io/volume';
import { useStudio } from '../../store';
import { tableColormap } from '../datasets/label-names';
import { DrawingController } from '../viewer/drawing-controller';
import type { ViewerDrawing } from '../viewer/ViewerPanel';
import { applyDrawnEdit } from './label-edits';

/** The one drawing controller: the toolbar runs assists through it. */
export const drawingController = new DrawingController();

const setCursorSlice = (k: number) => useStudio.getState().setCursorSlice(k);

/** Label values a user may draw: the dataset's named values, at least value 1. */
export function drawableValues(tableValues: readonly number[]): number[] {
  const values = tableValues.filter((v) => v > 0 && v < 255);
  return values.length > 0 ? values : [1];
}

export function useDrawing(
  caseName: string | undefined,
  label: Volume | undefined,
): ViewerDrawing | undefined {
  const annotating = useStudio((s) => s.annotating);
  const tool = useStudio((s) => s.tool);
  const value = useStudio((s) => s.penValue);
  const penSize = useStudio((s) => s.penSize);
  const filled = useStudio((s) => s.filledPen);
  const opacity = useStudio((s) => s.labelOpacity);
  const table = useStudio((s) => s.labelTable);
  const values = useStudio((s) => s.cases.find((c) => c.name === caseName)?.labelValues);
  const colormap = useMemo(
    () =>
      tableColormap(table, [
        ...drawableValues(table.entries.map((e) => e.value)),
        ...(values ?? []),
        value,
      ]) ?? [],
    [table, values, value],
  );
  const toolSettings = useMemo(
    () => ({ tool, value, penSize, filled }),
    [tool, value, penSize, filled],
  );
  return useMemo(
    () =>
      annotating && caseName
        ? {
            label: label ?? null,
            colormap,
            opacity: Math.max(0.3, opacity),
            tool: toolSettings,
            onEdit: (edit) => applyDrawnEdit(caseName, edit),
            onSourceSlice: setCursorSlice,
            controller: drawingController,
          }
        : undefined,
    [annotating, caseName, label, colormap, opacity, toolSettings],
  );
}
