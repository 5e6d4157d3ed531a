/**
 * Saving the comparison: CSV and JSON files, and a PNG of what the compare viewers show
 * (their WebGL canvases keep the last frame, so they can be read back), side by side with
 * a caption naming the case, the slice and the contour colours.
 */
import { comparisonCsv, comparisonJson } from './report';
import type { ComparisonResult } from './types';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name.replace(/[^\w.-]+/g, '_');
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function stamp(result: ComparisonResult): string {
  return result.createdAt.replace(/[:.]/g, '-');
}

export function downloadCsv(result: ComparisonResult): void {
  save(new Blob([comparisonCsv(result)], { type: 'text/csv' }), `comparison_${stamp(result)}.csv`);
}

export function downloadJson(result: ComparisonResult): void {
  const text = JSON.stringify(comparisonJson(result), null, 2);
  save(new Blob([text], { type: 'application/json' }), `comparison_${stamp(result)}.json`);
}

const CAPTION_PX = 28;

/** A PNG of the canvases under `root`, left to right, with `caption` below; null if none. */
export async function viewPng(root: HTMLElement, caption: string): Promise<Blob | null> {
  const canvases = [...root.querySelectorAll<HTMLCanvasElement>('.viewer-canvas-host canvas')];
  const shown = canvases.filter((c) => c.width > 0 && c.height > 0);
  if (shown.length === 0) return null;
  const out = document.createElement('canvas');
  out.width = shown.reduce((w, c) => w + c.width, 0);
  out.height = Math.max(...shown.map((c) => c.height)) + CAPTION_PX;
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, out.width, out.height);
  let x = 0;
  for (const c of shown) {
    ctx.drawImage(c, x, 0);
    x += c.width;
  }
  ctx.fillStyle = '#fff';
  ctx.font = '14px system-ui, sans-serif';
  ctx.fillText(caption, 8, out.height - 9);
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

export async function downloadPng(root: HTMLElement, caption: string, name: string): Promise<void> {
  const blob = await viewPng(root, caption);
  if (blob) save(blob, name);
}
