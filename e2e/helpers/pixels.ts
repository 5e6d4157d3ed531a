/**
 * Reads the viewer's canvas and counts pixels close to a colour: how the tests check
 * that an overlay (label, prediction, comparison contour) is really drawn.
 */
import type { Locator, Page } from '@playwright/test';

/** Pixels of the viewer's (first) canvas within `tolerance` (L1 over RGB) of a colour. */
export function overlayPixelCount(
  page: Page,
  rgb: [number, number, number],
  tolerance = 40,
): Promise<number> {
  return canvasPixelCount(page, page.locator('canvas').first(), rgb, tolerance);
}

/** Pixels of `canvas` within `tolerance` (L1 over RGB) of a colour. */
export async function canvasPixelCount(
  page: Page,
  canvas: Locator,
  rgb: [number, number, number],
  tolerance = 40,
): Promise<number> {
  const png = await canvas.screenshot();
  return page.evaluate(
    async ({ b64, rgb, tolerance }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (
          Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) <
          tolerance
        )
          n++;
      }
      return n;
    },
    { b64: png.toString('base64'), rgb, tolerance },
  );
}
