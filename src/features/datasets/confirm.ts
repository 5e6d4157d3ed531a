/**
 * Questions the studio must ask before it throws work away (replacing the data a model is
 * training on, replacing the user's data with the sample). Code anywhere awaits
 * `askConfirm`; the one ConfirmDialog on the page shows the question as a real dialog,
 * which tests and assistive technology can answer like any other.
 */
import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  message: string;
  /** Label of the button that goes ahead. */
  confirm: string;
  /** Label of the button that keeps things as they are. */
  cancel: string;
}

interface Pending extends ConfirmRequest {
  resolve: (ok: boolean) => void;
}

export const useConfirm = create<{ pending: Pending | null }>(() => ({ pending: null }));

/** Resolves true when the user confirms, false when they cancel or dismiss the dialog. */
export function askConfirm(request: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve) => {
    // A newer question replaces an unanswered one, which counts as declined.
    useConfirm.getState().pending?.resolve(false);
    useConfirm.setState({ pending: { ...request, resolve } });
  });
}

export function answerConfirm(ok: boolean): void {
  const pending = useConfirm.getState().pending;
  useConfirm.setState({ pending: null });
  pending?.resolve(ok);
}
