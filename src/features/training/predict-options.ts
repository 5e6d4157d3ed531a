/**
 * How the model list predicts: with or without mirror averaging (test-time augmentation:
 * each slice and its three mirror images, or each 3-D patch and its seven, the flipped-back
 * probabilities averaged; four or eight times the work, often a steadier contour). Its own small store, since only the model
 * list sets it and prediction reads it.
 */
import { create } from 'zustand';

export interface PredictOptionsState {
  tta: boolean;
  setTta: (tta: boolean) => void;
}

export const usePredictOptions = create<PredictOptionsState>()((set) => ({
  tta: false,
  setTta: (tta) => set({ tta }),
}));
