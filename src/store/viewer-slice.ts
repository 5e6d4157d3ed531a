/**
 * Viewer preferences that outlive a case switch: layout, how the manual label and the
 * predictions are drawn, and the current slice.
 */
import type { StateCreator } from 'zustand';

export type Layout = 'multiplanar' | 'axial' | 'coronal' | 'sagittal';
export type OverlayStyle = 'filled' | 'contour';

export interface ViewerSlice {
  layout: Layout;
  labelStyle: OverlayStyle;
  labelOpacity: number;
  showLabel: boolean;
  showPrediction: boolean;
  sliceIndex: number | null;
  setLayout: (layout: Layout) => void;
  setLabelStyle: (style: OverlayStyle) => void;
  setLabelOpacity: (opacity: number) => void;
  toggleLabel: (show?: boolean) => void;
  togglePrediction: (show?: boolean) => void;
  setSliceIndex: (k: number | null) => void;
}

export const createViewerSlice: StateCreator<ViewerSlice> = (set) => ({
  layout: 'axial',
  labelStyle: 'filled',
  labelOpacity: 0.45,
  showLabel: true,
  showPrediction: true,
  sliceIndex: null,
  setLayout: (layout) => set({ layout }),
  setLabelStyle: (labelStyle) => set({ labelStyle }),
  setLabelOpacity: (labelOpacity) => set({ labelOpacity }),
  toggleLabel: (show) => set((s) => ({ showLabel: show ?? !s.showLabel })),
  togglePrediction: (show) => set((s) => ({ showPrediction: show ?? !s.showPrediction })),
  setSliceIndex: (sliceIndex) => set({ sliceIndex }),
});
