"""PyTorch peer of `npm run bench -- --time-to-dice`: wall time until held-out Dice first
reaches a target when training the studio's default U-Net on PROMISE12.

It reads the NIfTI files itself (Python's gzip and struct, numpy) and repeats the studio's
run: each volume clipped to its 0.5th-99.5th percentiles and z-scored, axial slices resized
to the input (bilinear for images, nearest for labels, half-pixel centres), class-balanced
slice sampling (a coin picks a slice with or without prostate, each pool walked in shuffled
order), the studio's augmentation (left-right flip, rotation, shift, zoom, intensity scale
and shift), the same U-Net (scripts/peer/torch_bench.py, parameter counts checked), He
initialisation, Dice + BCE with L2 1e-5 on kernels, Adam (epsilon 1e-7) with cosine decay
to 1e-5 over the planned steps, and a moving average of the weights (decay 0.99, ramped)
that validation uses. After every epoch the held-out cases are segmented slice by slice at
the input size, each case's largest 26-connected region kept, and scored per case; the run
stops at the first epoch whose mean Dice reaches the target.

Prints one line per epoch, then one JSON line.
"""

import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench import EXPECTED, UNet, count_params, kernels, loss_fn  # noqa: E402

NIFTI_TYPES = {2: "u1", 4: "i2", 8: "i4", 16: "f4", 64: "f8", 256: "i1", 512: "u2", 768: "u4"}


def read_nifti(path):
    """A NIfTI-1 volume as float32 [z, y, x], scaling applied."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    for endian in "<>":
        if struct.unpack(endian + "i", raw[:4])[0] == 348:
            break
    else:
        raise ValueError(f"{path}: not a NIfTI-1 file")
    dim = struct.unpack(endian + "8h", raw[40:56])
    datatype = struct.unpack(endian + "h", raw[70:72])[0]
    offset = int(struct.unpack(endian + "f", raw[108:112])[0])
    slope, inter = struct.unpack(endian + "ff", raw[112:120])
    if datatype not in NIFTI_TYPES:
        raise ValueError(f"{path}: data type {datatype} is not supported")
    shape = [d for d in dim[1 : 1 + dim[0]]][:3]
    count = int(np.prod(shape))
    data = np.frombuffer(raw, np.dtype(endian + NIFTI_TYPES[datatype]), count, offset)
    volume = data.reshape(shape[::-1]).astype(np.float32)
    if slope not in (0.0, 1.0) or inter != 0.0:
        volume = volume * (slope or 1.0) + inter
    return volume


def robust_zscore(volume):
    flat = np.sort(volume.ravel())
    rank = lambda pct: min(flat.size - 1, int(math.floor(pct / 100 * (flat.size - 1))))
    clipped = np.clip(volume, flat[rank(0.5)], flat[rank(99.5)])
    std = clipped.std()
    return (clipped - clipped.mean()) / (std if std > 0 else 1.0)


def prepare(volumes, size):
    """Images [z, 1, size, size] and foreground masks [z, 1, size, size] of a decoded case."""
    image = torch.from_numpy(robust_zscore(volumes[0]))[:, None]
    label = torch.from_numpy((volumes[1] == 1).astype(np.float32))[:, None]
    image = F.interpolate(image, size=(size, size), mode="bilinear", align_corners=False)
    label = F.interpolate(label, size=(size, size), mode="nearest")
    return image.contiguous(), label.contiguous()


class Pool:
    """Indices walked in a fresh shuffled order on every pass."""

    def __init__(self, items, rng):
        self.items, self.rng, self.order = list(items), rng, []

    def next(self):
        if not self.order:
            self.order = list(self.rng.permutation(self.items))
        return self.order.pop()


def augment(x, y, rng):
    """The studio's augmentation on a batch: one random affine map and intensity change each."""
    n, size = x.shape[0], x.shape[-1]
    theta = torch.zeros(n, 2, 3)
    for i in range(n):
        angle = rng.uniform(-10, 10) * math.pi / 180
        zoom = rng.uniform(0.85, 1.15)
        t = rng.uniform(-0.05, 0.05, size=2) * size / ((size - 1) / 2)
        flip = -1.0 if rng.random() < 0.5 else 1.0
        a = torch.tensor(
            [[flip * math.cos(angle), flip * math.sin(angle)], [-math.sin(angle), math.cos(angle)]]
        ) / zoom
        theta[i, :, :2] = a
        theta[i, :, 2] = -a @ torch.tensor(t, dtype=torch.float32)
    grid = F.affine_grid(theta, list(x.shape), align_corners=True)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=True)
    y = F.grid_sample(y, grid, mode="nearest", padding_mode="border", align_corners=True)
    scale = torch.tensor(rng.uniform(0.9, 1.1, size=n), dtype=torch.float32).view(n, 1, 1, 1)
    shift = torch.tensor(rng.uniform(-0.1, 0.1, size=n), dtype=torch.float32).view(n, 1, 1, 1)
    return x * scale + shift, y


def he_init(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            fan_in = nn.init._calculate_fan_in_and_fan_out(m.weight)[0]
            std = math.sqrt(2.0 / fan_in)
            nn.init.trunc_normal_(m.weight, std=std, a=-2 * std, b=2 * std)
            if m.bias is not None:
                nn.init.zeros_(m.bias)


# The 13 neighbour offsets that, with their opposites, make up 26-connectivity.
FORWARD = [(dz, dy, dx) for dz in (0, 1) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
           if (dz, dy, dx) > (0, 0, 0)]


def largest_region(mask):
    """Keeps the largest 26-connected region of a [z, y, x] boolean array (union-find)."""
    voxels = np.flatnonzero(mask)
    if voxels.size == 0:
        return mask
    index = np.full(mask.size, -1, dtype=np.int64)
    index[voxels] = np.arange(voxels.size)
    z, y, x = np.unravel_index(voxels, mask.shape)
    us, vs = [], []
    for dz, dy, dx in FORWARD:
        z2, y2, x2 = z + dz, y + dy, x + dx
        inside = (z2 < mask.shape[0]) & (y2 >= 0) & (y2 < mask.shape[1]) & (x2 >= 0) & (
            x2 < mask.shape[2])
        other = np.full(voxels.size, -1, dtype=np.int64)
        other[inside] = index[np.ravel_multi_index((z2[inside], y2[inside], x2[inside]),
                                                   mask.shape)]
        linked = other >= 0
        us.append(np.flatnonzero(linked))
        vs.append(other[linked])
    u, v = np.concatenate(us), np.concatenate(vs)
    parent = np.arange(voxels.size)
    while True:
        pu, pv = parent[u], parent[v]
        differ = pu != pv
        if not differ.any():
            break
        np.minimum.at(parent, np.maximum(pu, pv)[differ], np.minimum(pu, pv)[differ])
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
    out = np.zeros(mask.size, dtype=bool)
    out[voxels[parent == np.bincount(parent).argmax()]] = True
    return out.reshape(mask.shape)


def case_dice(model, image, label, batch=16):
    with torch.no_grad():
        probs = torch.cat([model(image[i : i + batch]) for i in range(0, image.shape[0], batch)])
    predicted = largest_region((probs[:, 0] >= 0.5).numpy())
    truth = (label[:, 0] > 0.5).numpy()
    sizes = predicted.sum() + truth.sum()
    return 1.0 if sizes == 0 else float(2 * (predicted & truth).sum() / sizes)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True)
    p.add_argument("--train", required=True, help="comma-separated case numbers, e.g. 00,02")
    p.add_argument("--held-out", required=True, help="comma-separated case numbers")
    p.add_argument("--target", type=float, default=0.8)
    p.add_argument("--size", type=int, default=128)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--steps-per-epoch", type=int, default=40)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--max-minutes", type=float, default=30, help="give up after this long")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    def paths(number):
        return (os.path.join(args.data, f"image_train{number}.nii.gz"),
                os.path.join(args.data, f"label_train{number}.nii.gz"))

    train_ids, held_ids = args.train.split(","), args.held_out.split(",")
    for number in train_ids + held_ids:
        for path in paths(number):
            if not os.path.exists(path):
                sys.exit(f"{path}: not found")
    decoded = {n: [read_nifti(path) for path in paths(n)] for n in train_ids + held_ids}
    # The clock starts with the files decoded in memory, as the studio's does.
    t0 = time.perf_counter()
    train = [prepare(decoded[n], args.size) for n in train_ids]
    held = [prepare(decoded[n], args.size) for n in held_ids]
    images = torch.cat([c[0] for c in train])
    labels = torch.cat([c[1] for c in train])
    has_fg = labels.flatten(1).amax(1) > 0
    fg = Pool(torch.nonzero(has_fg).flatten().tolist(), rng)
    bg = Pool(torch.nonzero(~has_fg).flatten().tolist(), rng)

    model = UNet()
    if count_params(model) != EXPECTED["unet"]:
        sys.exit("the PyTorch U-Net differs from the studio's")
    he_init(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, eps=1e-7)
    average = [w.detach().clone() for w in model.parameters()]
    decayed = kernels(model)
    total = args.epochs * args.steps_per_epoch
    history, reached, step = [], None, 0
    train_ms = 0.0
    for epoch in range(1, args.epochs + 1):
        model.train()
        e0 = time.perf_counter()
        for _ in range(args.steps_per_epoch):
            t = min(1.0, step / max(1, total - 1))
            lr = 1e-5 + 0.5 * (args.lr - 1e-5) * (1 + math.cos(math.pi * t))
            for group in optimizer.param_groups:
                group["lr"] = lr
            pick = [fg.next() if rng.random() < 0.5 else bg.next() for _ in range(args.batch)]
            x, y = augment(images[pick], labels[pick], rng)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(y, model(x)) + 1e-5 * sum((w * w).sum() for w in decayed)
            loss.backward()
            optimizer.step()
            step += 1
            d = min(0.99, (1 + step) / (10 + step))
            with torch.no_grad():
                for avg, w in zip(average, model.parameters()):
                    avg.mul_(d).add_(w.detach(), alpha=1 - d)
        train_ms += (time.perf_counter() - e0) * 1000
        raw = [w.detach().clone() for w in model.parameters()]
        with torch.no_grad():
            for w, avg in zip(model.parameters(), average):
                w.copy_(avg)
        model.eval()
        dice = [case_dice(model, image, label) for image, label in held]
        with torch.no_grad():
            for w, r in zip(model.parameters(), raw):
                w.copy_(r)
        mean = sum(dice) / len(dice)
        elapsed = (time.perf_counter() - t0) * 1000
        history.append({"epoch": epoch, "step": step, "elapsedMs": elapsed, "dice": mean,
                        "caseDice": dice, "loss": float(loss)})
        print(f"epoch {epoch}: held-out Dice {mean:.3f} at {elapsed / 1000:.1f} s", flush=True)
        if mean >= args.target:
            reached = history[-1]
            break
        if elapsed > args.max_minutes * 60_000:
            break
    print(json.dumps({
        "target": args.target,
        "reached": reached is not None,
        "msToTarget": reached["elapsedMs"] if reached else None,
        "epochsToTarget": reached["epoch"] if reached else None,
        "stepsToTarget": reached["step"] if reached else None,
        "trainMsPerStep": train_ms / max(1, step),
        "history": history,
        "threads": torch.get_num_threads(),
        "torchVersion": torch.__version__,
        "size": args.size,
        "batch": args.batch,
    }))


if __name__ == "__main__":
    main()
