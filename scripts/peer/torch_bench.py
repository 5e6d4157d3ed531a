"""PyTorch peer of the studio's training step, for `npm run bench`.

The same networks as src/ml/models at their default presets (U-Net, ENet, DS-CNN, FCN-8s,
FC-DenseNet, DeepLabv3+; one input channel, one sigmoid output), the same loss (squared-
form Dice + binary cross-entropy, each side output's weighted 0.5 as the studio's deep-
supervision default, plus L2 weight decay 1e-5 on convolution kernels), Adam (lr 1e-3,
epsilon 1e-7 as in tfjs), the same batch and input size. Layer for layer as the tfjs
builders define them, including TensorFlow's asymmetric 'same' padding for stride-2
convolutions, batch norm with momentum 0.9 (Keras convention) and epsilon 1e-3, and
per-channel PReLU starting at 0.25. Parameter counts are asserted to equal the tfjs
models' counts.

The 3-D networks (3D U-Net, 3-D FC-DenseNet) live in torch_3d.py and train with the same
Dice + binary cross-entropy and weight decay 1e-4 on patches of --size x --size x --depth,
as the studio trains them; --infer also times their sliding-window prediction of a whole volume.

Prints one JSON line: median ms per training step after warm-up on this CPU.
"""

import argparse
import json
import statistics
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F

from dense_blocks import tiramisu_forward
from torch_3d import MODELS_3D, ball_batch, infer_volume

# Parameter counts of the tfjs models with one input channel and one output class
# (src/ml/models/unet.test.ts: 1,942,289 + 2,944; ENet: seed 000's 362,992 trainable with two
# classes, minus the 65 weights of the second output channel; the others: the studio
# presets' counts their build.test.ts files pin).
EXPECTED = {
    "unet": (1_942_289, 2_944),
    "enet": (362_927, 8_352),
    "dscnn": (1_352_873, 3_648),
    "fcn": (2_594_483, 3_136),
    "fcdensenet": (579_729, 13_328),
    "deeplabv3plus": (712_417, 19_632),
    "unet3d": (350_739, 338),
    "fcdensenet3d": (194_673, 1_808),
}


def bn(channels):
    # Keras momentum 0.9 keeps 90 % of the old statistic; torch's momentum is the new share.
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.1)


def prelu(channels):
    return nn.PReLU(channels, init=0.25)


class SamePadConv(nn.Module):
    """Conv2d with TensorFlow's 'same' padding (the extra row/column goes after)."""

    def __init__(self, cin, cout, kernel, stride=1, dilation=1, bias=True, groups=1):
        super().__init__()
        self.kernel = (kernel, kernel) if isinstance(kernel, int) else kernel
        self.stride = stride
        self.dilation = dilation
        self.conv = nn.Conv2d(
            cin, cout, self.kernel, stride=stride, dilation=dilation, bias=bias, groups=groups
        )

    def forward(self, x):
        pads = []
        for size, k in zip(reversed(x.shape[2:]), reversed(self.kernel)):
            eff = (k - 1) * self.dilation + 1
            out = -(-size // self.stride)
            total = max((out - 1) * self.stride + eff - size, 0)
            pads += [total // 2, total - total // 2]
        return self.conv(F.pad(x, pads))


class SameUpConv(nn.Module):
    """Transposed convolution with TensorFlow's 'same' output (exactly `stride` times)."""

    def __init__(self, cin, cout, kernel, bias=True, stride=2):
        super().__init__()
        self.stride = stride
        # TF crops the surplus (kernel - stride) of a 'same' transposed convolution from both
        # ends, the odd pixel from the end.
        self.crop = max(kernel - stride, 0) // 2
        self.conv = nn.ConvTranspose2d(cin, cout, kernel, stride=stride, bias=bias)

    def forward(self, x):
        h, w = x.shape[2] * self.stride, x.shape[3] * self.stride
        c = self.crop
        return self.conv(x)[:, :, c:c + h, c:c + w]


# ----------------------------------------------------------------------------- U-Net


class DoubleConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.body = nn.Sequential(
            SamePadConv(cin, cout, 3, bias=False), bn(cout), nn.ReLU(),
            SamePadConv(cout, cout, 3, bias=False), bn(cout), nn.ReLU(),
        )

    def forward(self, x):
        return self.body(x)


class UNet(nn.Module):
    """UNET_PRESETS.studioDefault: 5 levels, 16 -> 256 filters, BN, no dropout, 2x2 up-convs."""

    def __init__(self, in_channels=1, num_classes=1, base=16, depth=5, max_filters=256):
        super().__init__()
        f = [min(base * 2**level, max_filters) for level in range(depth)]
        self.enc = nn.ModuleList()
        cin = in_channels
        for level in range(depth - 1):
            self.enc.append(DoubleConv(cin, f[level]))
            cin = f[level]
        self.bottom = DoubleConv(cin, f[-1])
        self.ups = nn.ModuleList()
        self.dec = nn.ModuleList()
        c = f[-1]
        for level in range(depth - 2, -1, -1):
            self.ups.append(SameUpConv(c, f[level], 2))
            self.dec.append(DoubleConv(2 * f[level], f[level]))
            c = f[level]
        self.out = nn.Conv2d(c, num_classes, 1)

    def forward(self, x):
        skips = []
        for block in self.enc:
            x = block(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = self.bottom(x)
        for up, block, skip in zip(self.ups, self.dec, reversed(skips)):
            x = block(torch.cat([skip, up(x)], dim=1))
        return torch.sigmoid(self.out(x))


# ------------------------------------------------------------------------------ ENet


class Initial(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.conv = SamePadConv(cin, 16 - cin, 3, stride=2)
        self.bn = bn(16)
        self.act = prelu(16)

    def forward(self, x):
        return self.act(self.bn(torch.cat([self.conv(x), F.max_pool2d(x, 2)], dim=1)))


class EncoderBottleneck(nn.Module):
    """kind: 'regular', 'downsampling', ('dilated', rate) or ('asymmetric', size)."""

    def __init__(self, cin, cout, kind, dropout):
        super().__init__()
        width = cout // 4
        self.down = kind == "downsampling"
        self.extra = cout - cin
        k = 2 if self.down else 1
        self.proj = nn.Sequential(
            nn.Conv2d(cin, width, k, stride=k, bias=False), bn(width), prelu(width)
        )
        if kind in ("regular", "downsampling"):
            main = SamePadConv(width, width, 3)
        elif kind[0] == "dilated":
            main = SamePadConv(width, width, 3, dilation=kind[1])
        else:
            size = kind[1]
            main = nn.Sequential(
                SamePadConv(width, width, (size, 1), bias=False),
                SamePadConv(width, width, (1, size)),
            )
        self.main = nn.Sequential(main, bn(width), prelu(width))
        self.expand = nn.Sequential(nn.Conv2d(width, cout, 1, bias=False), bn(cout))
        self.drop = nn.Dropout2d(dropout) if dropout > 0 else nn.Identity()
        self.act = prelu(cout)

    def forward(self, x):
        y = self.drop(self.expand(self.main(self.proj(x))))
        index = None
        shortcut = x
        if self.down:
            shortcut, index = F.max_pool2d(x, 2, return_indices=True)
            shortcut = F.pad(shortcut, [0, 0, 0, 0, 0, self.extra])
        return self.act(y + shortcut), index


class DecoderBottleneck(nn.Module):
    def __init__(self, cin, cout, upsample):
        super().__init__()
        width = cout // 4
        self.upsample = upsample
        self.proj = nn.Sequential(nn.Conv2d(cin, width, 1, bias=False), bn(width), nn.ReLU())
        main = SameUpConv(width, width, 3) if upsample else SamePadConv(width, width, 3)
        self.main = nn.Sequential(main, bn(width), nn.ReLU())
        self.expand = nn.Sequential(nn.Conv2d(width, cout, 1, bias=False), bn(cout))
        self.skip = None
        if upsample or cin != cout:
            self.skip = nn.Sequential(nn.Conv2d(cin, cout, 1, bias=False), bn(cout))

    def forward(self, x, index=None):
        y = self.expand(self.main(self.proj(x)))
        shortcut = x
        if self.skip is not None:
            shortcut = self.skip(x)
            if self.upsample:
                shortcut = F.max_unpool2d(shortcut, index, 2)
        return F.relu(y + shortcut)


STAGE_2_3 = [
    "regular", ("dilated", 2), ("asymmetric", 5), ("dilated", 4),
    "regular", ("dilated", 8), ("asymmetric", 5), ("dilated", 16),
]


class ENet(nn.Module):
    """ENet as src/ml/models/enet.ts builds it: PReLU encoder, ReLU decoder."""

    def __init__(self, in_channels=1, num_classes=1, dropout1=0.01, dropout=0.1):
        super().__init__()
        self.initial = Initial(in_channels)
        self.b10 = EncoderBottleneck(16, 64, "downsampling", dropout1)
        self.stage1 = nn.ModuleList(EncoderBottleneck(64, 64, "regular", dropout1) for _ in range(4))
        self.b20 = EncoderBottleneck(64, 128, "downsampling", dropout)
        self.stage23 = nn.ModuleList(
            EncoderBottleneck(128, 128, kind, dropout) for kind in STAGE_2_3 * 2
        )
        self.b40 = DecoderBottleneck(128, 64, True)
        self.b41 = DecoderBottleneck(64, 64, False)
        self.b42 = DecoderBottleneck(64, 64, False)
        self.b50 = DecoderBottleneck(64, 16, True)
        self.b51 = DecoderBottleneck(16, 16, False)
        self.full = SameUpConv(16, num_classes, 2)

    def forward(self, x):
        y, index1 = self.b10(self.initial(x))
        for block in self.stage1:
            y, _ = block(y)
        y, index2 = self.b20(y)
        for block in self.stage23:
            y, _ = block(y)
        y = self.b42(self.b41(self.b40(y, index2)))
        y = self.b51(self.b50(y, index1))
        return torch.sigmoid(self.full(y))


# ---------------------------------------------------------------------------- DS-CNN


def conv_bn_relu(cin, cout, kernel, stride=1):
    return [SamePadConv(cin, cout, kernel, stride=stride, bias=False), bn(cout), nn.ReLU()]


def ds_stage(cin, cout):
    """Two 3x3 convolutions and one 1x1, each with BN and ReLU."""
    return nn.Sequential(*conv_bn_relu(cin, cout, 3), *conv_bn_relu(cout, cout, 3),
                         *conv_bn_relu(cout, cout, 1))


class SideOutput(nn.Module):
    """Bilinear upsampling to the input size, then a 3x3 stride-1 deconvolution."""

    def __init__(self, cin, num_classes, factor):
        super().__init__()
        self.factor = factor
        self.deconv = nn.ConvTranspose2d(cin, num_classes, 3, padding=1)

    def forward(self, x):
        x = F.interpolate(x, scale_factor=self.factor, mode="bilinear", align_corners=False)
        return torch.sigmoid(self.deconv(x))


class DSCNN(nn.Module):
    """DSCNN_PRESETS.studio: 16 -> 128 channels, BN; outputs [final, 8 side outputs]."""

    def __init__(self, in_channels=1, num_classes=1, base=16, cap=128):
        super().__init__()
        f = [min(base * 2**s, cap) for s in range(5)]
        cins = [in_channels] + f[:-1]
        self.enc = nn.ModuleList(ds_stage(cins[s], f[s]) for s in range(5))
        self.enc_sides = nn.ModuleList(
            SideOutput(f[s], num_classes, 2 ** min(s + 1, 4)) for s in range(5)
        )
        levels = [3, 2, 1, 0]
        cs = [f[4]] + [f[level] for level in levels[:-1]]
        self.ups = nn.ModuleList(SameUpConv(c, f[level], 2) for c, level in zip(cs, levels))
        self.dec = nn.ModuleList(ds_stage(2 * f[level], f[level]) for level in levels)
        self.dec_sides = nn.ModuleList(
            SideOutput(f[level], num_classes, 2**level) for level in levels[:-1]
        )
        self.out = nn.Conv2d(f[0], num_classes, 1)

    def forward(self, x):
        skips, sides = [], []
        for s, (stage, side) in enumerate(zip(self.enc, self.enc_sides)):
            x = stage(x)
            if s < 4:
                skips.append(x)
                x = F.max_pool2d(x, 2)
            sides.append(side(x))
        for i, (up, stage) in enumerate(zip(self.ups, self.dec)):
            x = stage(torch.cat([skips[3 - i], up(x)], dim=1))
            if i < 3:
                sides.append(self.dec_sides[i](x))
        return [torch.sigmoid(self.out(x)), *sides]


# ------------------------------------------------------------------------------- FCN


def bilinear_(weight):
    """Bilinear upsampling weights for a [channels, channels, k, k] transposed convolution."""
    k = weight.shape[-1]
    factor = (k + 1) // 2
    centre = factor - 1 if k % 2 == 1 else factor - 0.5
    og = torch.arange(k, dtype=torch.float32)
    filt = 1 - (og - centre).abs() / factor
    with torch.no_grad():
        weight.zero_()
        for c in range(weight.shape[0]):
            weight[c, c] = filt[:, None] * filt[None, :]


class FCN8s(nn.Module):
    """FCN_PRESETS.studio: VGG16 blocks at 16 -> 128 with BN, fc6 7x7 and fc7 of 256."""

    def __init__(self, in_channels=1, num_classes=1, base=16, cap=128, fc=256, fc6=7, drop=0.5):
        super().__init__()
        f = [min(base * 2**b, cap) for b in range(5)]
        self.blocks = nn.ModuleList()
        c = in_channels
        for b, convs in enumerate([2, 2, 3, 3, 3]):
            layers = []
            for _ in range(convs):
                layers += conv_bn_relu(c, f[b], 3)
                c = f[b]
            self.blocks.append(nn.Sequential(*layers))
        self.fc = nn.Sequential(*conv_bn_relu(c, fc, fc6), nn.Dropout(drop),
                                *conv_bn_relu(fc, fc, 1), nn.Dropout(drop))
        self.score_fr = nn.Conv2d(fc, num_classes, 1)
        self.score_pool4 = nn.Conv2d(f[3], num_classes, 1)
        self.score_pool3 = nn.Conv2d(f[2], num_classes, 1)
        for score in (self.score_fr, self.score_pool4, self.score_pool3):
            nn.init.zeros_(score.weight)
        self.up2 = SameUpConv(num_classes, num_classes, 4, bias=False)
        self.up_pool4 = SameUpConv(num_classes, num_classes, 4, bias=False)
        self.up8 = SameUpConv(num_classes, num_classes, 16, bias=False, stride=8)
        for up in (self.up2, self.up_pool4, self.up8):
            bilinear_(up.conv.weight)

    def forward(self, x):
        pools = []
        for block in self.blocks:
            x = F.max_pool2d(block(x), 2)
            pools.append(x)
        s = self.up2(self.score_fr(self.fc(x)))
        s = self.up_pool4(s + self.score_pool4(pools[3]))
        return torch.sigmoid(self.up8(s + self.score_pool3(pools[2])))


# ----------------------------------------------------------------------- FC-DenseNet


def dense_layer(cin, growth, drop):
    """BN, ReLU, 3x3 convolution (with bias), dropout."""
    return nn.Sequential(bn(cin), nn.ReLU(), nn.Conv2d(cin, growth, 3, padding=1),
                         nn.Dropout(drop))


class FCDenseNet(nn.Module):
    """FCDENSENET_PRESETS.studio: FC-DenseNet56's shape at growth 8, 24 first filters."""

    def __init__(self, in_channels=1, num_classes=1, blocks=(4,) * 11, growth=8, first=24,
                 drop=0.2):
        super().__init__()
        pools = (len(blocks) - 1) // 2
        self.first = nn.Conv2d(in_channels, first, 3, padding=1)
        c = first
        skips = []
        self.down, self.td = nn.ModuleList(), nn.ModuleList()
        for i in range(pools):
            self.down.append(nn.ModuleList(
                dense_layer(c + j * growth, growth, drop) for j in range(blocks[i])
            ))
            c += growth * blocks[i]
            skips.append(c)
            self.td.append(nn.Sequential(bn(c), nn.ReLU(), nn.Conv2d(c, c, 1), nn.Dropout(drop)))
        self.bottleneck = nn.ModuleList(
            dense_layer(c + j * growth, growth, drop) for j in range(blocks[pools])
        )
        fresh = growth * blocks[pools]
        self.tu, self.up = nn.ModuleList(), nn.ModuleList()
        for i in range(pools):
            self.tu.append(SameUpConv(fresh, fresh, 3))
            c = fresh + skips[-1 - i]
            n = blocks[pools + 1 + i]
            self.up.append(nn.ModuleList(dense_layer(c + j * growth, growth, drop)
                                         for j in range(n)))
            c += growth * n
            fresh = growth * n
        self.out = nn.Conv2d(c, num_classes, 1)

    def forward(self, x):
        return tiramisu_forward(self, x, F.max_pool2d)


# ------------------------------------------------------------------------ DeepLabv3+


def scaled(channels, multiplier):
    """MobileNet's width rounding: a multiple of 8, never 10 % below the scaled width."""
    v = channels * multiplier
    r = max(8, int(v + 4) // 8 * 8)
    return r + 8 if r < 0.9 * v else r


class InvertedResidual(nn.Module):
    def __init__(self, cin, expansion, cout, stride, rate):
        super().__init__()
        e = expansion * cin
        layers = [] if expansion == 1 else conv_bn_relu(cin, e, 1)
        if stride > 1:
            dw = SamePadConv(e, e, 3, stride=stride, bias=False, groups=e)
        else:
            dw = nn.Conv2d(e, e, 3, padding=rate, dilation=rate, groups=e, bias=False)
        layers += [dw, bn(e), nn.ReLU(), nn.Conv2d(e, cout, 1, bias=False), bn(cout)]
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.body(x)
        return x + y if self.residual else y


def sep_conv(cin, cout, rate=1):
    """Atrous separable convolution with BN and ReLU after both parts (ASPP, decoder)."""
    return nn.Sequential(
        nn.Conv2d(cin, cin, 3, padding=rate, dilation=rate, groups=cin, bias=False), bn(cin),
        nn.ReLU(), nn.Conv2d(cin, cout, 1, bias=False), bn(cout), nn.ReLU(),
    )


MOBILENETV2 = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
               (6, 160, 3, 2), (6, 320, 1, 1)]


class DeepLabV3Plus(nn.Module):
    """DEEPLAB_PRESETS.studio: MobileNetV2 x0.5, output stride 16, 128-channel head."""

    def __init__(self, in_channels=1, num_classes=1, alpha=0.5, os=16, aspp=128, low=32,
                 drop=0.1):
        super().__init__()
        c = scaled(32, alpha)
        layers = conv_bn_relu(in_channels, c, 3, stride=2)
        stride, rate = 2, 1
        for t, out, n, s in MOBILENETV2:
            for i in range(n):
                block_stride, block_rate = (s if i == 0 else 1), rate
                if block_stride > 1 and stride == os:
                    rate *= block_stride
                    block_stride = 1
                else:
                    stride *= block_stride
                layers.append(InvertedResidual(c, t, scaled(out, alpha), block_stride, block_rate))
                c = scaled(out, alpha)
            if stride == 4:
                self.low_level = len(layers)
                low_channels = c
        self.backbone = nn.Sequential(*layers)
        self.os = os
        self.pool = nn.Sequential(nn.Conv2d(c, aspp, 1, bias=False), bn(aspp), nn.ReLU())
        self.b0 = nn.Sequential(*conv_bn_relu(c, aspp, 1))
        self.atrous = nn.ModuleList(sep_conv(c, aspp, r * 16 // os) for r in (6, 12, 18))
        self.proj = nn.Sequential(*conv_bn_relu(5 * aspp, aspp, 1), nn.Dropout(drop))
        self.low = nn.Sequential(*conv_bn_relu(low_channels, low, 1))
        self.decoder = nn.Sequential(sep_conv(aspp + low, aspp), sep_conv(aspp, aspp))
        self.logits = nn.Conv2d(aspp, num_classes, 1)

    def forward(self, x):
        low = self.backbone[: self.low_level](x)
        y = self.backbone[self.low_level:](low)
        pooled = self.pool(F.adaptive_avg_pool2d(y, 1))
        branches = [F.interpolate(pooled, size=y.shape[2:], mode="bilinear", align_corners=False),
                    self.b0(y), *(branch(y) for branch in self.atrous)]
        y = self.proj(torch.cat(branches, dim=1))
        y = F.interpolate(y, scale_factor=self.os // 4, mode="bilinear", align_corners=False)
        y = self.decoder(torch.cat([y, self.low(low)], dim=1))
        y = F.interpolate(self.logits(y), scale_factor=4, mode="bilinear", align_corners=False)
        return torch.sigmoid(y)


MODELS = {
    "unet": UNet,
    "enet": ENet,
    "dscnn": DSCNN,
    "fcn": FCN8s,
    "fcdensenet": FCDenseNet,
    "deeplabv3plus": DeepLabV3Plus,
    **MODELS_3D,
}


# ------------------------------------------------------------------------ training


def count_params(model):
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    stats = sum(
        m.running_mean.numel() + m.running_var.numel()
        for m in model.modules()
        if isinstance(m, (nn.BatchNorm2d, nn.BatchNorm3d))
    )
    return trainable, stats


def kernels(model):
    """Convolution kernels: what the studio's L2 weight decay applies to."""
    return [
        m.weight
        for m in model.modules()
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Conv3d, nn.ConvTranspose3d))
    ]


def loss_fn(y, p):
    # Squared-form Dice (smooth 1e-6) over the whole batch + BCE with tfjs' clipping.
    inter = (y * p).sum()
    dice = (2 * inter + 1e-6) / ((p * p).sum() + (y * y).sum() + 1e-6)
    q = p.clamp(1e-7, 1 - 1e-7)
    bce = -(y * q.log() + (1 - y) * (1 - q).log()).mean()
    return (1 - dice) + bce


def disc_batch(batch, size, generator):
    """Noisy images with a bright disc and the disc as label, like the tests' fixtures."""
    yy, xx = torch.meshgrid(torch.arange(size), torch.arange(size), indexing="ij")
    ys = []
    for _ in range(batch):
        c = (torch.rand(2, generator=generator) * 0.3 + 0.35) * size
        r = size * (0.12 + 0.1 * torch.rand(1, generator=generator).item())
        ys.append(((xx - c[0]) ** 2 + (yy - c[1]) ** 2 < r * r).float())
    y = torch.stack(ys)[:, None]
    x = y * 1.5 - 0.5 + 0.3 * torch.randn(y.shape, generator=generator)
    return x, y


def bench(model, size, batch, steps, warmup, depth=None):
    generator = torch.Generator().manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    decayed = kernels(model)
    model.train()
    times = []
    for _ in range(warmup + steps):
        if depth is None:
            x, y = disc_batch(batch, size, generator)
        else:
            x, y = ball_batch(batch, depth, size, generator)
        t0 = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        outputs = model(x)
        final, *sides = outputs if isinstance(outputs, list) else [outputs]
        if depth is None:
            loss = loss_fn(y, final) + 1e-5 * sum((w * w).sum() for w in decayed)
        else:
            loss = loss_fn(y, final) + 1e-4 * sum((w * w).sum() for w in decayed)
        for side in sides:
            loss = loss + 0.5 * loss_fn(y, side)
        loss.backward()
        optimizer.step()
        loss_value = loss.item()
        times.append((time.perf_counter() - t0) * 1000)
        if loss_value != loss_value:
            raise RuntimeError("training loss is NaN")
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=sorted(MODELS), required=True)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--depth", type=int, default=16, help="3-D networks: slices per patch")
    parser.add_argument("--infer", help="3-D networks: D,H,W of a volume to predict by windows")
    parser.add_argument(
        "--expect-params", help="trainable,non-trainable counts of the tfjs model to match"
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = MODELS[args.model]()
    counts = count_params(model)
    wanted = [EXPECTED[args.model]]
    if args.expect_params:
        wanted.append(tuple(int(v) for v in args.expect_params.split(",")))
    for expected in wanted:
        if counts != expected:
            sys.exit(
                f"{args.model}: PyTorch model has {counts[0]:,} + {counts[1]:,} parameters, "
                f"the tfjs model {expected[0]:,} + {expected[1]:,}: the networks differ"
            )
    volume = args.model in MODELS_3D
    times = bench(model, args.size, args.batch, args.steps, args.warmup,
                  args.depth if volume else None)
    timed = times[args.warmup:] or times
    extra = {}
    if volume:
        extra["depth"] = args.depth
        if args.infer:
            dims = [int(v) for v in args.infer.split(",")]
            # Two windows per pass, as the studio's sliding window (src/ml/geometry).
            infer_ms, windows = infer_volume(model, dims, (args.depth, args.size), 2)
            extra.update({"inferMs": infer_ms, "inferWindows": windows, "inferVolume": dims})
    print(json.dumps({
        **extra,
        "model": args.model,
        "size": args.size,
        "batch": args.batch,
        "msPerStep": statistics.median(timed),
        "firstStepMs": times[0],
        "stepMs": times,
        "torchVersion": torch.__version__,
        "threads": torch.get_num_threads(),
        "params": {"trainable": counts[0], "nonTrainable": counts[1]},
    }))


if __name__ == "__main__":
    main()
