/**
 * Where data comes in: drag and drop of files or folders anywhere on the zone, or the
 * file and folder pickers. It only collects files; loading happens in `load-files`.
 */
import { useRef, useState, type DragEvent } from 'react';
import { filesFromDrop, filesFromInput, type PickedFile } from './collect-files';

interface Props {
  onFiles: (files: PickedFile[]) => void;
  onSample: () => void;
  busy: boolean;
}

export function DropZone({ onFiles, onSample, busy }: Props) {
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    void filesFromDrop(e.dataTransfer).then(onFiles);
  };

  return (
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div>Drop .nii / .nii.gz files or folders here</div>
      <div className="muted">Files are read in this tab; nothing is uploaded.</div>
      <div className="buttons">
        <button disabled={busy} onClick={() => fileInput.current?.click()}>
          Open files…
        </button>
        <button disabled={busy} onClick={() => folderInput.current?.click()}>
          Open folder…
        </button>
        <button disabled={busy} onClick={onSample}>
          Load sample
        </button>
      </div>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        aria-label="Choose NIfTI files"
        accept=".nii,.gz,.nii.gz,.json,.txt,.lut,.ctbl,.label"
        onChange={(e) => {
          onFiles(filesFromInput(e.target.files));
          e.target.value = '';
        }}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        aria-label="Choose a folder"
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          onFiles(filesFromInput(e.target.files));
          e.target.value = '';
        }}
      />
    </div>
  );
}
