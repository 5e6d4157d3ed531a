/**
 * The Data panel's way out to nnU-Net: one button that writes the loaded dataset in
 * nnU-Net v2's raw layout as a zip (with the studio's split as splits_final.json), with
 * progress, Cancel, and what was renamed or renumbered on the way. Dropping the unzipped
 * folder back gives the same cases.
 */
import { useRef, useState } from 'react';
import { useStudio } from '../../store';
import { buildNnunetZip, type ExportProgress } from './export-dataset';

function download(bytes: Uint8Array<ArrayBuffer>, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function NnunetExport() {
  const count = useStudio((s) => s.cases.length);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const start = async () => {
    controller.current = new AbortController();
    setMessage(null);
    try {
      const out = await buildNnunetZip(setProgress, controller.current.signal);
      download(out.zip as Uint8Array<ArrayBuffer>, out.name);
      setMessage([`Saved ${out.name}.`, ...out.notes].join(' '));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      controller.current = null;
      setProgress(null);
    }
  };
  return (
    <div className="nnunet-export">
      <div className="row">
        <button
          disabled={count === 0 || progress !== null}
          title="imagesTr / labelsTr / imagesTs, dataset.json and splits_final.json, zipped"
          onClick={() => void start()}
        >
          Export for nnU-Net
        </button>
        {progress && <button onClick={() => controller.current?.abort()}>Cancel export</button>}
      </div>
      {progress && (
        <div role="status" aria-label="nnU-Net export">
          <progress max={progress.total} value={progress.done} />{' '}
          <span className="muted">
            writing {progress.current} ({progress.done + 1} / {progress.total})
          </span>
        </div>
      )}
      {message && (
        <p className="muted" role="status" aria-label="nnU-Net export result">
          {message}
        </p>
      )}
    </div>
  );
}
