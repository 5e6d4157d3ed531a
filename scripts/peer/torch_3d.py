"""The studio's 3-D networks in PyTorch, for the peer of `npm run bench`.

The 3D U-Net and the 3-D FC-DenseNet at their studio presets (src/ml/models/unet3d and
fcdensenet3d), layer for layer as the tfjs builders define them: batch norm with momentum
0.9 (Keras convention) and epsilon 1e-3, 'same' padding, 2x2x2 max-pooling, transposed
convolutions doubling every edge (TensorFlow's 'same' output: the surplus row of a 3x3x3
one cropped from the end). Trained as the studio trains them (torch_bench.py's loss: Dice
+ binary cross-entropy), with seed 002's L2 weight decay 1e-4 on the convolution kernels.
"""

import time

import torch
from torch import nn
import torch.nn.functional as F

from dense_blocks import tiramisu_forward


def bn3(channels):
    # Keras momentum 0.9 keeps 90 % of the old statistic; torch's momentum is the new share.
    return nn.BatchNorm3d(channels, eps=1e-3, momentum=0.1)


class SameUpConv3d(nn.Module):
    """Transposed 3-D convolution with TensorFlow's 'same' output (exactly twice each edge)."""

    def __init__(self, cin, cout, kernel, bias):
        super().__init__()
        self.crop = max(kernel - 2, 0) // 2
        self.conv = nn.ConvTranspose3d(cin, cout, kernel, stride=2, bias=bias)

    def forward(self, x):
        d, h, w = (2 * s for s in x.shape[2:])
        c = self.crop
        return self.conv(x)[:, :, c:c + d, c:c + h, c:c + w]


def unet3d_block(cin, width, bias):
    """Seed 002's block: batch norm at its input, two 3x3x3 convolutions with ReLU."""
    return nn.Sequential(
        bn3(cin), nn.Conv3d(cin, width, 3, padding=1, bias=bias), nn.ReLU(),
        nn.Conv3d(width, width, 3, padding=1, bias=bias), nn.ReLU(),
    )


class UNet3D(nn.Module):
    """UNET3D_PRESETS.studio: 4 levels, 8 -> 64 filters, biased convolutions, 2x2x2 up."""

    def __init__(self, in_channels=1, num_classes=1, base=8, depth=4, bias=True, up_kernel=2):
        super().__init__()
        widths = [base * 2**level for level in range(depth)]
        self.enc = nn.ModuleList()
        c = in_channels
        for w in widths:
            self.enc.append(unet3d_block(c, w, bias))
            c = w
        self.ups, self.dec = nn.ModuleList(), nn.ModuleList()
        for w in reversed(widths[:-1]):
            self.ups.append(SameUpConv3d(c, w, up_kernel, bias=False))
            self.dec.append(unet3d_block(2 * w, w, bias))
            c = w
        self.out = nn.Conv3d(c, num_classes, 1)

    def forward(self, x):
        skips = []
        for block in self.enc[:-1]:
            x = block(x)
            skips.append(x)
            x = F.max_pool3d(x, 2)
        x = self.enc[-1](x)
        for up, block, skip in zip(self.ups, self.dec, reversed(skips)):
            x = block(torch.cat([skip, up(x)], dim=1))
        return torch.sigmoid(self.out(x))


def dense_layer3d(cin, growth):
    """BN, ReLU, unbiased 3x3x3 convolution (the studio preset has no dropout)."""
    return nn.Sequential(bn3(cin), nn.ReLU(), nn.Conv3d(cin, growth, 3, padding=1, bias=False))


class FCDenseNet3D(nn.Module):
    """FCDENSENET3D_PRESETS.studio: 3 poolings, 2 layers per block, growth 8, 16 first."""

    def __init__(self, in_channels=1, num_classes=1, blocks=(2,) * 7, growth=8, first=16):
        super().__init__()
        pools = (len(blocks) - 1) // 2
        self.first = nn.Conv3d(in_channels, first, 3, padding=1, bias=False)
        c = first
        skips = []
        self.down, self.td = nn.ModuleList(), nn.ModuleList()
        for i in range(pools):
            self.down.append(nn.ModuleList(
                dense_layer3d(c + j * growth, growth) for j in range(blocks[i])
            ))
            c += growth * blocks[i]
            skips.append(c)
            self.td.append(nn.Sequential(bn3(c), nn.ReLU(), nn.Conv3d(c, c, 1, bias=False)))
        self.bottleneck = nn.ModuleList(
            dense_layer3d(c + j * growth, growth) for j in range(blocks[pools])
        )
        fresh = growth * blocks[pools]
        self.tu, self.up = nn.ModuleList(), nn.ModuleList()
        for i in range(pools):
            self.tu.append(SameUpConv3d(fresh, fresh, 3, bias=True))
            c = fresh + skips[-1 - i]
            n = blocks[pools + 1 + i]
            self.up.append(nn.ModuleList(dense_layer3d(c + j * growth, growth) for j in range(n)))
            c += growth * n
            fresh = growth * n
        self.out = nn.Conv3d(c, num_classes, 1)

    def forward(self, x):
        return tiramisu_forward(self, x, F.max_pool3d)


MODELS_3D = {"unet3d": UNet3D, "fcdensenet3d": FCDenseNet3D}


def ball_batch(batch, depth, size, generator):
    """Noisy patches with a bright ellipsoid and it as label, like the tests' discs in 3-D."""
    zz, yy, xx = torch.meshgrid(
        torch.arange(depth), torch.arange(size), torch.arange(size), indexing="ij"
    )
    ys = []
    for _ in range(batch):
        c = (torch.rand(3, generator=generator) * 0.3 + 0.35) * torch.tensor([depth, size, size])
        r = 0.12 + 0.1 * torch.rand(1, generator=generator).item()
        inside = ((zz - c[0]) / (r * depth)) ** 2 + ((yy - c[1]) / (r * size)) ** 2 + (
            (xx - c[2]) / (r * size)) ** 2 < 1
        ys.append(inside.float())
    y = torch.stack(ys)[:, None]
    x = y * 1.5 - 0.5 + 0.3 * torch.randn(y.shape, generator=generator)
    return x, y


def window_starts(n, size, stride):
    """Window starts along an axis, the last one flush with the end (src/ml/geometry/windows.ts)."""
    if n <= size:
        return [0]
    starts = list(range(0, n - size, stride))
    return starts + [n - size]


@torch.no_grad()
def infer_volume(model, volume, patch, batch):
    """ms to predict a [D, H, W] volume by half-patch sliding windows, `batch` per pass."""
    d, h, w = volume
    pd, ps = patch
    origins = [(z, y, x) for z in window_starts(d, pd, pd // 2)
               for y in window_starts(h, ps, ps // 2) for x in window_starts(w, ps, ps // 2)]
    image = torch.randn(1, 1, d, h, w)
    model.eval()
    t0 = time.perf_counter()
    sums = torch.zeros(1, 1, d, h, w)
    for i in range(0, len(origins), batch):
        part = origins[i:i + batch]
        x = torch.cat([image[:, :, z:z + pd, y:y + ps, x0:x0 + ps] for z, y, x0 in part])
        # A short last batch is padded: PyTorch 1.13 leaves one-sample conv3d batches to
        # its unoptimized im2col path (10x slower here), which would misstate its speed.
        if len(part) < batch:
            x = torch.cat([x, x[:1].expand(batch - len(part), *x.shape[1:])])
        out = model(x)
        for k, (z, y, x0) in enumerate(part):
            sums[:, :, z:z + pd, y:y + ps, x0:x0 + ps] += out[k:k + 1]
    return (time.perf_counter() - t0) * 1000, len(origins)
