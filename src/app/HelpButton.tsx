/** Keyboard shortcuts and a short how-to, in a dialog. */
import { useRef } from 'react';
import { SHORTCUTS } from './shortcuts';

export function HelpButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button onClick={() => dialog.current?.showModal()}>Help</button>
      <dialog ref={dialog} aria-label="Help">
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Your own data</h2>
        <p>
          Drop .nii / .nii.gz files or whole folders on the left panel. Images and labels are paired
          by name (image_NN / label_NN, NN_seg, seg_NN, imagesTr + labelsTr, BraTS case folders).
          Nothing leaves this tab.
        </p>
        <form method="dialog">
          <button>Close</button>
        </form>
      </dialog>
    </>
  );
}
