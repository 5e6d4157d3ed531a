/**
 * Drawing in the Annotate workspace as a user does, with the mouse: strokes through given
 * voxels of the scan (placed on screen by the viewer's test hook), and reading back the
 * case's label from the store to check where the strokes landed.
 */
import { expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import './hook-types';
// The viewer's hook on `window` (its declaration), to place voxels on the page.
import type {} from '../../src/features/viewer/test-hook';

export type Voxel = readonly [number, number, number];

/** Opens the Annotate workspace and waits until the label is on screen for editing. */
export async function openAnnotate(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Annotate' }).click();
  await expect(page.locator('section.viewer[data-drawing="true"][data-loaded="true"]')).toBeVisible(
    {
      timeout: 60_000,
    },
  );
  await expect.poll(() => cursorSlice(page)).not.toBeNull();
}

/** The slice of the scan under the crosshair while editing. */
export function cursorSlice(page: Page): Promise<number | null> {
  return page.evaluate(() => window.__segstudio?.state().cursorSlice ?? null);
}

/** Shows axial slice `k` (0-based) and waits until the editor is on it. */
export async function goToSlice(page: Page, k: number): Promise<void> {
  await page.evaluate((z) => window.__segstudio?.state().setSliceIndex(z), k);
  await expect.poll(() => cursorSlice(page)).toBe(k);
}

/** Where voxel `v` of the scan is on the page. */
export async function clientOf(page: Page, v: Voxel): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(([i, j, k]) => window.__segstudioViewer?.voxelToClient(i, j, k), v);
  if (!p) throw new Error(`voxel ${v.join(',')} is not on screen`);
  return p;
}

/** Where voxels `vs` of the scan are on the page, asked in one round trip. */
export async function clientsOf(page: Page, vs: readonly Voxel[]) {
  const ps = await page.evaluate(
    (list) => list.map(([i, j, k]) => window.__segstudioViewer?.voxelToClient(i, j, k) ?? null),
    vs.map((v) => [...v]),
  );
  return ps.map((p, n) => {
    if (!p) throw new Error(`voxel ${vs[n].join(',')} is not on screen`);
    return p;
  });
}

/**
 * One mouse stroke (press, move through, release) through the voxels, in order; the
 * viewer joins successive mouse positions with straight pen lines.
 */
export async function stroke(page: Page, voxels: readonly Voxel[]): Promise<void> {
  const points = await clientsOf(page, voxels);
  await page.mouse.move(points[0].x, points[0].y);
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(p.x, p.y);
  await page.mouse.up();
}

/** The selected label's voxels of value `value` on slice `k`, as [i, j] pairs. */
export function labelVoxels(
  page: Page,
  caseName: string,
  k: number,
  value = 1,
): Promise<[number, number][]> {
  return page.evaluate(
    ({ name, z, v }) => {
      const s = window.__segstudio?.state();
      const c = s?.cases.find((x) => x.name === name);
      const vol = c?.label ? s?.files[c.label]?.volumes?.[0] : undefined;
      if (!vol) return [];
      const [nx, ny] = vol.dims;
      const out: [number, number][] = [];
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) if (vol.data[z * nx * ny + j * nx + i] === v) out.push([i, j]);
      }
      return out;
    },
    { name: caseName, z: k, v: value },
  );
}

/** The case's label path, where its edit started, and its reviewed slices. */
export function labelState(page: Page, caseName: string) {
  return page.evaluate((name) => {
    const c = window.__segstudio?.state().cases.find((x) => x.name === name);
    return c ? { label: c.label, editedFrom: c.editedFrom, reviewed: c.reviewed ?? null } : null;
  }, caseName);
}

/** Waits until every edit has reached browser storage. */
export async function waitForSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Edits' })).toHaveText('All edits saved');
}

/** The files the browser downloads after `click`, read back. */
export async function downloadsOf(page: Page, count: number, click: () => Promise<void>) {
  const downloads: Download[] = [];
  const done = new Promise<void>((resolve) => {
    const onDownload = (d: Download) => {
      downloads.push(d);
      if (downloads.length === count) {
        page.off('download', onDownload);
        resolve();
      }
    };
    page.on('download', onDownload);
  });
  await click();
  await done;
  return Promise.all(
    downloads.map(async (d) => ({
      name: d.suggestedFilename(),
      path: (await d.path()) ?? '',
      bytes: await readFile((await d.path()) ?? ''),
    })),
  );
}
