/**
 * Custom tfjs layers the segmentation models need. Importing this module registers every
 * class with tfjs serialization, so saved models containing them can be loaded again,
 * makes frozen batch-norm layers run on their moving statistics (see frozen-batch-norm),
 * training ones through one fused operation (see batch-norm-training), and batch norm
 * accept 3-D feature maps (see volume-batch-norm). Each patch wraps the one imported before
 * it: 3-D maps are reshaped to rank 4 first, then a trainable layer in training takes the
 * fused operation and a frozen one its moving statistics.
 */
import './frozen-batch-norm';
import './batch-norm-training';
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
