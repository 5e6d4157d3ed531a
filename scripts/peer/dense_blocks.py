"""The forward pass of FC-DenseNet ("Tiramisu") shared by the 2-D and 3-D peers: the two
networks differ only in their layers and their pooling, which the caller passes."""

import torch


def run_dense_block(x, layers, whole):
    """Runs a dense block; returns its whole output (if used) and its new maps."""
    new = []
    for j, layer in enumerate(layers):
        y = layer(x)
        new.append(y)
        # The tfjs graph never builds a concatenation nothing reads.
        if whole or j < len(layers) - 1:
            x = torch.cat([x, y], dim=1)
    return x, new


def tiramisu_forward(net, x, max_pool):
    """The network `net` (first, down, td, bottleneck, tu, up, out) applied to `x`."""
    x = net.first(x)
    skips = []
    for layers, td in zip(net.down, net.td):
        x, _ = run_dense_block(x, layers, True)
        skips.append(x)
        x = max_pool(td(x), 2)
    _, new = run_dense_block(x, net.bottleneck, False)
    for i, (tu, layers) in enumerate(zip(net.tu, net.up)):
        x = torch.cat([tu(torch.cat(new, dim=1)), skips[-1 - i]], dim=1)
        x, new = run_dense_block(x, layers, i == len(net.up) - 1)
    return torch.sigmoid(net.out(x))
