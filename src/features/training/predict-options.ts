/**
 * How the model list predicts: with or without mirror averaging (test-time augmentation:
 * each slice or 3-D patch and its mirror images as the model was trained to see them, the
 * flipped-back probabilities averaged; see ml/geometry/mirrors.ts). Its own small store, since only the model
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
