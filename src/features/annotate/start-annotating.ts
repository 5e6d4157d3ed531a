/**
 * Entering and leaving the Annotate workspace: the viewer switches between showing the
 * label and editing it, and the pen starts on the structure the studio learns (e.g. the
 * sample's prostate, value 5), then keeps the label the user picks.
 */
import { useStudio } from '../../store';
import { deriveTarget } from '../training/target';
import { drawableValues } from './use-drawing';

let defaulted = false;

export function setAnnotating(on: boolean): void {
  const s = useStudio.getState();
  s.setAnnotating(on);
  if (!on) return;
  const values = drawableValues(s.labelTable.entries.map((e) => e.value));
  // The first time, and whenever the chosen value left the dataset.
  if (defaulted && values.includes(s.penValue)) return;
  defaulted = true;
  const target = s.target ?? deriveTarget(s.cases);
  const first = target.mode === 'binary' ? target.foregroundValues[0] : target.values[0];
  s.setPenValue(first ?? values[0]);
}
