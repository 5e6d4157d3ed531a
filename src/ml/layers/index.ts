/**
 * Custom tfjs layers the segmentation models need. Importing this module registers every
 * class with tfjs serialization, so saved models containing them can be loaded again, and
 * makes frozen batch-norm layers run on their moving statistics (see frozen-batch-norm)
 * and batch norm accept 3-D feature maps (see volume-batch-norm).
 */
import './frozen-batch-norm';
import './volume-batch-norm';
export { ChannelPad, type ChannelPadArgs } from './channel-pad';
export {
  DilatedConv2D,
  dilatedConv2d,
  spaceToBatchPlan,
  type DilatedConv2DArgs,
  type SpaceToBatchPlan,
} from './dilated-conv';
export {
  DilatedDepthwiseConv2D,
  dilatedDepthwiseConv2d,
  type DilatedDepthwiseConv2DArgs,
} from './dilated-depthwise-conv';
export { MaxPoolWithIndices, MaxUnpool, maxPoolWithIndices, maxUnpool } from './max-unpool';
export { SpatialDropout2D, type SpatialDropout2DArgs } from './spatial-dropout';
export { InstanceNormalization, type InstanceNormalizationArgs } from './instance-norm';
export { UpConv3D, upConv3d, upConvShape, type UpConv3DArgs } from './up-conv3d';
