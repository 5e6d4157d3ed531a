"""PyTorch peer of the studio's training step, for `npm run bench`.

The same networks as src/ml/models (the studio-default U-Net preset and ENet, one input
channel, one sigmoid output), the same loss (squared-form Dice + binary cross-entropy,
plus L2 weight decay 1e-5 on convolution kernels), Adam (lr 1e-3, epsilon 1e-7 as in
tfjs), the same batch and input size. Layer for layer as the tfjs builders define them,
including TensorFlow's asymmetric 'same' padding for stride-2 convolutions, batch norm
with momentum 0.9 (Keras convention) and epsilon 1e-3, and per-channel PReLU starting at
0.25. Parameter counts are asserted to equal the tfjs models' counts.

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

# Parameter counts of the tfjs models with one input channel and one output class
# (src/ml/models/unet.test.ts: 1,942,289 + 2,944; ENet: seed 000's 362,992 trainable with two
# classes, minus the 65 weights of the second output channel).
EXPECTED = {
    "unet": (1_942_289, 2_944),
    "enet": (362_927, 8_352),
}


def bn(channels):
    # Keras momentum 0.9 keeps 90 % of the old statistic; torch's momentum is the new share.
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.1)


def prelu(channels):
    return nn.PReLU(channels, init=0.25)


class SamePadConv(nn.Module):
    """Conv2d with TensorFlow's 'same' padding (the extra row/column goes after)."""

    def __init__(self, cin, cout, kernel, stride=1, dilation=1, bias=True):
        super().__init__()
        self.kernel = (kernel, kernel) if isinstance(kernel, int) else kernel
        self.stride = stride
        self.dilation = dilation
        self.conv = nn.Conv2d(cin, cout, self.kernel, stride=stride, dilation=dilation, bias=bias)

    def forward(self, x):
        pads = []
        for size, k in zip(reversed(x.shape[2:]), reversed(self.kernel)):
            eff = (k - 1) * self.dilation + 1
            out = -(-size // self.stride)
            total = max((out - 1) * self.stride + eff - size, 0)
            pads += [total // 2, total - total // 2]
        return self.conv(F.pad(x, pads))


class SameUpConv(nn.Module):
    """Stride-2 transposed convolution with TensorFlow's 'same' output (exactly 2x)."""

    def __init__(self, cin, cout, kernel, bias=True):
        super().__init__()
        self.conv = nn.ConvTranspose2d(cin, cout, kernel, stride=2, bias=bias)

    def forward(self, x):
        h, w = x.shape[2] * 2, x.shape[3] * 2
        # TF crops the surplus of a 'same' transposed convolution at the end.
        return self.conv(x)[:, :, :h, :w]


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


# ------------------------------------------------------------------------ training


def count_params(model):
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    stats = sum(
        m.running_mean.numel() + m.running_var.numel()
        for m in model.modules()
        if isinstance(m, nn.BatchNorm2d)
    )
    return trainable, stats


def kernels(model):
    """Convolution kernels: what the studio's L2 weight decay applies to."""
    return [
        m.weight for m in model.modules() if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))
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


def bench(model, size, batch, steps, warmup):
    generator = torch.Generator().manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    decayed = kernels(model)
    model.train()
    times = []
    for _ in range(warmup + steps):
        x, y = disc_batch(batch, size, generator)
        t0 = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(y, model(x)) + 1e-5 * sum((w * w).sum() for w in decayed)
        loss.backward()
        optimizer.step()
        loss_value = loss.item()
        times.append((time.perf_counter() - t0) * 1000)
        if loss_value != loss_value:
            raise RuntimeError("training loss is NaN")
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=["unet", "enet"], required=True)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--expect-params", help="trainable,non-trainable counts of the tfjs model to match"
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = UNet() if args.model == "unet" else ENet()
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
    times = bench(model, args.size, args.batch, args.steps, args.warmup)
    timed = times[args.warmup:] or times
    print(json.dumps({
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
