/**
 * The drawing tools above the viewer in the Annotate workspace, laid out as image viewers
 * lay theirs out: the tool (pen, eraser, fill, grow-cut seed, navigate), the label drawn
 * and the pen size, undo and redo, the assists, whether this slice is reviewed, and
 * whether every edit is saved. Each control names its shortcut in its tooltip.
 */
import { useShallow } from 'zustand/react/shallow';
import { useStudio, type DrawTool } from '../../store';
import { cssColor } from '../viewer/colors';
import { labelEntry } from '../datasets/label-names';
import { historyOf, stepHistory, toggleSliceReviewed } from './label-edits';
import { isReviewed, reviewedCount } from './reviewed';
import { drawableValues, drawingController } from './use-drawing';
import './annotate.css';

const TOOLS: { tool: DrawTool; label: string; key: string; title: string }[] = [
  { tool: 'pen', label: 'Pen', key: 'B', title: 'Draw the chosen label' },
  { tool: 'eraser', label: 'Eraser', key: 'E', title: 'Erase to background' },
  { tool: 'fill', label: 'Fill', key: 'G', title: 'Click a region of the slice to fill it' },
  { tool: 'seed', label: 'Seed', key: 'S', title: 'Mark background for grow-cut' },
  { tool: 'none', label: 'Navigate', key: 'Esc', title: 'The mouse moves the crosshair' },
];

/** Runs an assist and says so when it found nothing to do. */
function runAssist(name: string, run: () => boolean): void {
  if (!run()) {
    useStudio.getState().reportProblems([
      {
        path: 'annotate',
        message: `${name}: nothing changed (see Help: Annotate for what each assist needs).`,
        warning: true,
      },
    ]);
  }
}

function SaveStatus() {
  const save = useStudio((s) => s.saveState);
  const text =
    save.kind === 'saved' ? 'All edits saved' : save.kind === 'saving' ? 'Saving…' : 'Not saved';
  return (
    <span
      className={save.kind === 'failed' ? 'save-state bad' : 'save-state muted'}
      role="status"
      aria-label="Edits"
      title={save.kind === 'failed' ? save.error : 'Edits are kept in this browser'}
    >
      {text}
    </span>
  );
}

/** The toolbar's store fields, picked so that training progress does not re-render it. */
function useToolbarState() {
  return useStudio(
    useShallow((s) => ({
      name: s.selectedCase,
      cases: s.cases,
      files: s.files,
      tool: s.tool,
      setTool: s.setTool,
      penValue: s.penValue,
      setPenValue: s.setPenValue,
      penSize: s.penSize,
      setPenSize: s.setPenSize,
      filledPen: s.filledPen,
      setFilledPen: s.setFilledPen,
      labelTable: s.labelTable,
      cursorSlice: s.cursorSlice,
      historyVersion: s.historyVersion,
    })),
  );
}

export function DrawingToolbar() {
  const s = useToolbarState();
  const name = s.name;
  const study = s.cases.find((c) => c.name === name);
  const image = study ? s.files[study.channels[0]?.path ?? '']?.volumes?.[0] : undefined;
  const depth = image?.dims[2] ?? 0;
  const hasLabel = study?.label !== undefined;
  const reviewed = study?.reviewed ?? (hasLabel ? null : []);
  const slice = s.cursorSlice;
  const here = slice !== null && hasLabel && isReviewed(reviewed, slice);
  void s.historyVersion; // re-read the history when it changes
  const history = name ? historyOf(name) : null;
  const values = drawableValues(s.labelTable.entries.map((e) => e.value));
  const disabled = !name || !image;
  return (
    <div className="drawing-toolbar" role="toolbar" aria-label="Drawing tools">
      <div className="tool-group" role="group" aria-label="Tool">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            aria-pressed={s.tool === t.tool}
            aria-keyshortcuts={t.key === 'Esc' ? 'Escape' : t.key}
            title={`${t.title} (${t.key})`}
            disabled={disabled}
            onClick={() => s.setTool(t.tool)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <label title="Label value the pen and fill draw (1-9)">
        Label{' '}
        <select
          aria-label="Label to draw"
          value={s.penValue}
          onChange={(e) => s.setPenValue(Number(e.target.value))}
        >
          {[...new Set([...values, s.penValue])].map((v) => (
            <option key={v} value={v}>
              {v} {labelEntry(s.labelTable, v).name}
            </option>
          ))}
        </select>
        <span
          className="viewer-swatch"
          aria-hidden="true"
          style={{ background: cssColor(labelEntry(s.labelTable, s.penValue).color) }}
        />
      </label>
      <label title="Pen width in voxels ([ and ])">
        Size{' '}
        <input
          type="number"
          aria-label="Pen size"
          min={1}
          max={30}
          value={s.penSize}
          onChange={(e) =>
            Number.isFinite(e.target.valueAsNumber) && s.setPenSize(e.target.valueAsNumber)
          }
        />
      </label>
      <label className="check" title="An outline drawn with the pen is filled when released (F)">
        <input
          type="checkbox"
          checked={s.filledPen}
          onChange={(e) => s.setFilledPen(e.target.checked)}
        />
        Fill outline
      </label>
      <span className="tool-group" role="group" aria-label="History">
        <button
          disabled={!history?.canUndo}
          aria-keyshortcuts="Control+Z"
          title="Undo the last edit (Ctrl+Z)"
          onClick={() => name && stepHistory(name, 'undo')}
        >
          Undo
        </button>
        <button
          disabled={!history?.canRedo}
          aria-keyshortcuts="Control+Shift+Z Control+Y"
          title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
          onClick={() => name && stepHistory(name, 'redo')}
        >
          Redo
        </button>
      </span>
      <span className="tool-group" role="group" aria-label="Assists">
        <button
          disabled={disabled}
          title="Label the bright voxels of this slice that are not labelled yet (Otsu threshold)"
          onClick={() => runAssist('Otsu', () => drawingController.otsu())}
        >
          Otsu
        </button>
        <button
          disabled={disabled}
          title="Grow the drawn labels and background seeds over their slices"
          onClick={() => runAssist('Grow-cut', () => drawingController.growCut())}
        >
          Grow-cut
        </button>
        <button
          disabled={disabled}
          aria-keyshortcuts="I"
          title="Fill the empty slices between drawn ones (I)"
          onClick={() => runAssist('Interpolate', () => drawingController.interpolate())}
        >
          Interpolate
        </button>
      </span>
      <button
        aria-pressed={here}
        aria-keyshortcuts="R"
        disabled={disabled || !hasLabel || slice === null}
        title="Mark this slice as checked: only reviewed slices of a partly annotated scan train (R)"
        onClick={() => name && slice !== null && toggleSliceReviewed(name, slice)}
      >
        {here ? 'Slice reviewed ✓' : 'Mark slice reviewed'}
      </button>
      <span className="muted" aria-label="Reviewed slices">
        {hasLabel ? `${reviewedCount(reviewed, depth)} / ${depth} reviewed` : 'no label yet'}
      </span>
      <SaveStatus />
    </div>
  );
}
