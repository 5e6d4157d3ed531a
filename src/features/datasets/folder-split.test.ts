import { describe, expect, it } from 'vitest';
import { splitFromFolders } from './folder-split';

describe('splitFromFolders', () => {
  it('reads the split of pre-split slice folders, masks in their own folders', () => {
    expect(
      splitFromFolders([
        'HipMRI/keras_slices_train/case_004_week_0_slice_0.nii.gz',
        'HipMRI/keras_slices_seg_train/seg_004_week_0_slice_0.nii.gz',
      ]),
    ).toBe('train');
    expect(splitFromFolders(['d/keras_slices_validate/case_1.nii.gz'])).toBe('val');
    expect(splitFromFolders(['d/Validation/a.nii.gz', 'd/Validation/a_seg.nii.gz'])).toBe('val');
    expect(splitFromFolders(['test/a.nii.gz'])).toBe('test');
  });

  it('reads MSD and nnU-Net trees, and names nothing where no folder does', () => {
    expect(splitFromFolders(['Task05/imagesTs/prostate_03_0000.nii.gz'])).toBe('test');
    expect(splitFromFolders(['Task05/imagesTr/p_1.nii.gz', 'Task05/labelsTr/p_1.nii.gz'])).toBe(
      'train',
    );
    expect(splitFromFolders(['image_train03.nii.gz', 'label_train03.nii.gz'])).toBeNull();
    expect(splitFromFolders(['promise12/image_train03.nii.gz'])).toBeNull();
  });

  it('names nothing when the files disagree or a folder names two splits', () => {
    expect(splitFromFolders(['train/a.nii.gz', 'test/a_seg.nii.gz'])).toBeNull();
    expect(splitFromFolders(['train_test/a.nii.gz'])).toBeNull();
  });
});
