/**
 * The Train panel's settings live in collapsible sections; a spec opens the ones whose
 * fields it fills, as a user would, before reaching for them by label.
 */
import type { Page } from '@playwright/test';

export type SettingsSection =
  | 'Network'
  | 'Training'
  | 'Data'
  | 'Fine-tuning'
  | 'Backend'
  | 'Cross-validation'
  | 'Run details';

/** Opens each named section of the Train panel that is closed. */
export async function openSettings(page: Page, ...sections: SettingsSection[]): Promise<void> {
  for (const name of sections) {
    const details = page.locator('details.settings-section').filter({
      has: page.locator(':scope > summary .section-title', { hasText: new RegExp(`^${name}$`) }),
    });
    if ((await details.getAttribute('open')) === null) {
      await details.locator(':scope > summary').click();
    }
  }
}

/** Fills the fields of a small, fast run (input size, epochs, steps per epoch, batch). */
export async function setRunSize(
  page: Page,
  o: { inputSize: number; epochs: number; steps: number; batch: number },
): Promise<void> {
  await openSettings(page, 'Network', 'Training');
  await page.getByLabel('Input size (px)').fill(String(o.inputSize));
  await page.getByLabel('Epochs').fill(String(o.epochs));
  await page.getByLabel('Steps per epoch (0 = all slices)').fill(String(o.steps));
  await page.getByLabel('Batch size').fill(String(o.batch));
}
