/**
 * The in-memory volume every part of the studio shares: decoded, scaled and reoriented
 * so that image and label grids from different tools line up voxel for voxel.
 */

/** NIfTI data types the studio reads and writes. */
export type VoxelType = 'uint8' | 'int8' | 'int16' | 'uint16' | 'int32' | 'float32' | 'float64';

export interface Volume {
  /** Voxel counts along the canonical axes (i: left->right, j: posterior->anterior, k: inferior->superior). */
  dims: [number, number, number];
  /** Voxel size in mm along the same axes. */
  spacing: [number, number, number];
  /** Voxel values after scl_slope / scl_inter, i fastest, then j, then k. */
  data: Float32Array;
  /** The data type stored in the source file. */
  sourceType: VoxelType;
  /**
   * Voxel (i, j, k) -> world (RAS+, mm), row-major 4x4, of the canonical grid. Written back
   * into exported files so that they overlay the source in other viewers.
   */
  affine: number[];
  /** Extra channels in a 4-D file (dims[3] > 1) are split off by the reader; this is the channel index. */
  channel?: number;
  /**
   * The grid the file stored the volume on, when reorienting changed it (axes reordered or
   * flipped): what the studio writes for this scan goes back onto it (see source-grid.ts).
   */
  sourceGrid?: SourceGrid;
}

/** A file's own voxel grid: its dims, spacing and voxel -> world affine (row-major 4x4). */
export interface SourceGrid {
  dims: [number, number, number];
  spacing: [number, number, number];
  affine: number[];
}
