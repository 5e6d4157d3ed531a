/**
 * What scoring a model on held-out cases yields, whichever way the cases are seen (slices
 * or 3-D windows): a leaf module, so the input-geometry seam and the trainer share it
 * without importing each other.
 */

/** Loss (slice-weighted mean of batch losses), per-case Dice and their mean. */
export interface ValidationResult {
  loss: number;
  /** Pixel accuracy, mean IoU and per-class Dice over every validation voxel. */
  accuracy: number;
  meanIoU: number;
  classDice: number[];
  /**
   * Mean over the validation cases of each case's Dice (all its slices together), the
   * usual way to report segmentation: pooling every voxel instead would let one large
   * organ outweigh all the other cases.
   */
  dice: number;
  /** Dice of each validation case, in dataset order. */
  caseDice: { name: string; dice: number }[];
}
