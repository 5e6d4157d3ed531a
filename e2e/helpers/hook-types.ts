/** The app's test hook on `window`, typed for specs (see src/app/test-hook.ts). */
import type { StudioState } from '../../src/store';

declare global {
  interface Window {
    __segstudio?: { state: () => StudioState };
  }
}

export {};
