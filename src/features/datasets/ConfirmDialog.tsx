/** The modal that shows the question `askConfirm` is waiting on; Escape declines. */
import { useEffect, useId, useRef } from 'react';
import { answerConfirm, useConfirm } from './confirm';

export function ConfirmDialog() {
  const pending = useConfirm((s) => s.pending);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (pending && !d.open) d.showModal();
    if (!pending && d.open) d.close();
  }, [pending]);

  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(e) => {
        e.preventDefault();
        answerConfirm(false);
      }}
    >
      {pending && (
        <>
          <h2 id={titleId}>{pending.title}</h2>
          <p id={messageId}>{pending.message}</p>
          <div className="buttons">
            <button autoFocus onClick={() => answerConfirm(false)}>
              {pending.cancel}
            </button>
            <button className="primary" onClick={() => answerConfirm(true)}>
              {pending.confirm}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
