/**
 * A page object for the studio: finds controls by role and name, drops files through the
 * real drop zone, and reads state through the app's test hook instead of sleeping.
 */
import { expect, type Page } from '@playwright/test';
import './hook-types';
import { dataFile } from './data';

export interface DropFile {
  path: string;
  bytes: Buffer;
}

export class Studio {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('table', { name: 'Dataset' })).toBeVisible();
  }

  /** Files through the hidden file input, as the "Open files…" button would. */
  async pickFiles(paths: string[]): Promise<void> {
    await this.page.getByLabel('Choose NIfTI files').setInputFiles(paths);
  }

  async pickBuffers(files: { name: string; bytes: Buffer }[]): Promise<void> {
    await this.page
      .getByLabel('Choose NIfTI files')
      .setInputFiles(
        files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.bytes })),
      );
  }

  /** Drops files onto the drop zone with a real DataTransfer built in the page. */
  async drop(files: DropFile[]): Promise<void> {
    const payload = files.map((f) => ({ path: f.path, b64: f.bytes.toString('base64') }));
    const dt = await this.page.evaluateHandle((items) => {
      const transfer = new DataTransfer();
      for (const item of items) {
        const bin = Uint8Array.from(atob(item.b64), (ch) => ch.charCodeAt(0));
        transfer.items.add(new File([bin], item.path.split('/').pop() ?? item.path));
      }
      return transfer;
    }, payload);
    await this.page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dt });
  }

  caseRow(name: string) {
    return this.page
      .getByRole('row')
      .filter({ has: this.page.getByRole('button', { name: `Show case ${name}`, exact: true }) });
  }

  /** The row under a case's row that gives its problem in full. */
  caseProblem(name: string) {
    return this.page.getByRole('row', { name: `Problem of ${name}`, exact: true });
  }

  /** The problem reports that mention `text` (a file name, usually). */
  problems(text?: string) {
    const items = this.page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    return text === undefined ? items : items.filter({ hasText: text });
  }

  /** The viewer's colour key (the Train workspace's viewer). */
  legend() {
    return this.page.getByRole('main', { name: 'Viewer' }).getByRole('list', { name: 'Legend' });
  }

  /** The axial slice the Train viewer shows (0-based), once an image is drawn. */
  async viewerSlice(): Promise<number> {
    const viewer = this.page.getByRole('main', { name: 'Viewer' }).locator('section.viewer');
    await expect(viewer).toHaveAttribute('data-slice', /\d+/);
    return Number(await viewer.getAttribute('data-slice'));
  }

  async waitForCases(names: string[]): Promise<void> {
    for (const name of names) await expect(this.caseRow(name)).toBeVisible({ timeout: 60_000 });
  }

  async waitForLoadingDone(): Promise<void> {
    await expect
      .poll(() => this.page.evaluate(() => window.__segstudio?.state().loading ?? null), {
        timeout: 120_000,
      })
      .toBeNull();
  }

  /**
   * Opens the studio and loads PROMISE12 training cases `numbers` ("00", "01", ...) with
   * their labels from the shared data, as picked files; waits until all are loaded.
   */
  async openWithPromise12(numbers: readonly string[]): Promise<void> {
    await this.open();
    await this.pickFiles(
      numbers.flatMap((n) => [
        dataFile(`promise12/image_train${n}.nii.gz`),
        dataFile(`promise12/label_train${n}.nii.gz`),
      ]),
    );
    await this.waitForCases(numbers.map((n) => `train${n}`));
    await this.waitForLoadingDone();
  }

  /** Waits until the viewer reports the current case and overlays drawn. */
  async waitForViewer(): Promise<void> {
    await expect(this.page.locator('[data-loaded="true"]')).toBeVisible({ timeout: 60_000 });
  }
}
