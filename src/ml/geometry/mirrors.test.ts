import { describe, expect, it } from 'vitest';
import { mirrorAxes, trainedMirrors } from './mirrors';

describe('mirrors of test-time augmentation', () => {
  it('are the flips the model trained with, left-right always', () => {
    expect(trainedMirrors({ flipY: false })).toEqual({ upDown: false });
    expect(trainedMirrors({ flipY: true })).toEqual({ upDown: true });
    expect(trainedMirrors(undefined)).toEqual({ upDown: false });
  });

  it('reverse the width axis, and the height axis too when trained up-down', () => {
    expect(mirrorAxes({ upDown: false }, 2, 1)).toEqual([[], [2]]);
    expect(mirrorAxes({ upDown: true }, 2, 1)).toEqual([[], [2], [1], [1, 2]]);
    expect(mirrorAxes({ upDown: true }, 3, 2)).toEqual([[], [3], [2], [2, 3]]);
  });
});
