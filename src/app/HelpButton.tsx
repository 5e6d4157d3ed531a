/**
 * The help dialog: how to get data in, train, read the curves, use predictions and
 * models, compare models, and annotate and fine-tune, with the keyboard shortcuts. Short
 * sections, so a newcomer finds each step without leaving the page.
 */
import { useRef } from 'react';
import { ANNOTATE_SHORTCUTS, SHORTCUTS, type Shortcut } from './shortcuts';

function ShortcutTable({ label, rows }: { label: string; rows: Shortcut[] }) {
  return (
    <table aria-label={label}>
      <tbody>
        {rows.map((s) => (
          <tr key={s.keys}>
            <td>
              <kbd>{s.keys}</kbd>
            </td>
            <td>{s.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HelpButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button onClick={() => dialog.current?.showModal()}>Help</button>
      <dialog ref={dialog} aria-label="Help" className="help">
        {/* First in the dialog, so that it opens at the top with Close focused. */}
        <form method="dialog" className="help-head">
          <h2>Help</h2>
          <button>Close</button>
        </form>
        <section aria-label="Your own data">
          <h2>Your own data</h2>
          <p>
            Drop .nii / .nii.gz files or whole folders on the left panel. Images and labels are
            paired by name (image_NN / label_NN, NN_seg, seg_NN, imagesTr + labelsTr, BraTS case
            folders); fix a pairing in the case&apos;s file list. Label values are named from a
            label table dropped with the files (a JSON file, an MSD dataset.json, an ITK-SNAP or
            FreeSurfer colour table), else from the dataset&apos;s convention; rename them under
            Label names. Nothing leaves this tab.
          </p>
        </section>
        <section aria-label="Training">
          <h2>Training</h2>
          <p>
            Pick a model (U-Net, ENet or one of the other architectures) and its settings on the
            right, set each case&apos;s split (train, val, test) in the dataset table, and press{' '}
            <strong>Train</strong>. <strong>Pause</strong> holds the run and resumes it (or press{' '}
            <kbd>Space</kbd>); <strong>Stop</strong> ends it early and keeps the weights of its best
            epoch.
          </p>
          <p>
            The curves: the loss of every training step, then per epoch the metric picked under them
            (loss, Dice, pixel accuracy or mean IoU; Dice per class for several labels), training
            solid and validation dashed. Validation Dice rising while the training loss falls means
            the model learns; a validation curve that turns down while training keeps improving
            means it starts to overfit.
          </p>
        </section>
        <section aria-label="Predictions and models">
          <h2>Predictions and models</h2>
          <p>
            After each epoch the model segments the case on screen: its prediction is drawn as a red
            contour over the manual label (<kbd>P</kbd> shows or hides it). Under Models,{' '}
            <strong>Predict</strong> segments the selected case with a model, and{' '}
            <strong>Export mask</strong> saves that prediction as .nii.gz on the scan&apos;s own
            grid. <strong>Download model</strong> saves a model&apos;s weights;{' '}
            <strong>Load model…</strong> brings saved weights back. Models and their curves are kept
            in this browser across reloads. <em>Predict with mirror averaging</em> also predicts
            each slice mirrored as the model was trained (left-right; up-down too if it trained with
            up-down flips) and averages the predictions.
          </p>
        </section>
        <section aria-label="Cross-validation and ensembles">
          <h2>Cross-validation and ensembles</h2>
          <p>
            Under <strong>Cross-validation</strong>, choose K and press{' '}
            <strong>Cross-validate</strong>: the labelled train and validation cases are dealt into
            K folds (by case, balanced by label volume) and K models are trained one after another,
            each without one fold. Every case is then scored by the model that never saw it: a table
            per fold, their mean ± SD and all cases pooled. Stop pauses the cross-validation;{' '}
            <strong>Continue cross-validation</strong> goes on (after a reload too). The fold models
            also become an ensemble (their probabilities averaged), and the out-of-fold predictions
            a model of their own, both listed under Models and in Compare.{' '}
            <strong>Export for nnU-Net</strong> (Data panel) writes the dataset in nnU-Net&apos;s
            layout; dropping that folder back gives the same cases.
          </p>
        </section>
        <section aria-label="Compare">
          <h2>Compare</h2>
          <p>
            The <strong>Compare</strong> tab puts two models side by side on the same case: the
            manual contour in yellow, model A in red, model B in green. Choose both models and the
            cases, press <strong>Run comparison</strong>, then step through slices while the
            per-slice Dice chart follows; jump to the worst slices, read the model table
            (parameters, size, speed, Dice mean / median / max) and the per-structure metrics, and
            export them as CSV, JSON or PNG. Ticked models can be made into an ensemble, and{' '}
            <em>Also with mirror averaging</em> adds each model&apos;s test-time-augmented twin,
            with its cost in ms and its change in Dice.
          </p>
        </section>
        <section aria-label="Annotate">
          <h2>Annotate and fine-tune</h2>
          <p>
            The <strong>Annotate</strong> tab edits the selected scan&apos;s label in the viewer:
            pen, eraser, a filled pen for outlines, fill (click a region of the slice), the pen size
            and the label to draw (named and coloured as in the dataset), undo and redo. Start from
            an <strong>Empty label</strong>, the <strong>Manual label</strong> the scan came with,
            or <strong>Use this prediction as a draft</strong> of the model chosen at the top. Every
            edit is kept in this browser at once; the dataset table marks edited labels, and{' '}
            <strong>Export label</strong> saves one as .nii.gz on the scan&apos;s grid.
          </p>
          <p>
            Assists: <strong>Otsu</strong> labels the bright voxels of the slice not labelled yet;{' '}
            <strong>Grow-cut</strong> spreads the drawn labels and the background seeds (the Seed
            tool) over the slices that hold both, following the image; <strong>Interpolate</strong>{' '}
            fills the empty slices between drawn ones.
          </p>
          <p>
            A draft or a new label counts only on the slices you mark reviewed (drawing on a slice
            marks it): unreviewed slices of a partly annotated scan stay out of training.{' '}
            <strong>Fine-tune</strong> trains a copy of the model on the corrected scans (with a
            small learning rate, a few steps, optionally its original scans and a frozen encoder);
            its curves continue the model&apos;s, and each corrected scan&apos;s Dice before and
            after is listed. <strong>Rank unlabelled scans</strong> orders the scans not yet
            labelled by how unsure the model is (its mirrored predictions averaged) and shows the
            uncertainty map over the scan: annotate the top one next.
          </p>
        </section>
        <section aria-label="Keyboard shortcuts">
          <h2>Keyboard shortcuts</h2>
          <ShortcutTable label="Shortcuts" rows={SHORTCUTS} />
          <h2>Drawing (Annotate tab)</h2>
          <ShortcutTable label="Drawing shortcuts" rows={ANNOTATE_SHORTCUTS} />
        </section>
      </dialog>
    </>
  );
}
