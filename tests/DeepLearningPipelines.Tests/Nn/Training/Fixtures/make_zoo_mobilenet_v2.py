#!/usr/bin/env python3
"""Makes zoo_mobilenet_v2.onnx and zoo_mobilenet_v2.json: torchvision 0.14's MobileNetV2 (width 0.35, 10 classes; no
download) with seeded random weights, a batch of 2 random 64x64 images with labels, and what PyTorch 1.13 (Debian's
python3-torch, float32, 1 thread) computes for it: the loss, the gradients and the weights after one SGD step and one
Adam step.

Mode: gradients are computed in training mode (BatchNormalization normalises with the batch statistics, as the
trainer does) with Dropout off (p = 0). The ONNX file is exported in eval mode (BatchNormalization as inference
nodes holding the running statistics, no Dropout); torch.onnx's eval peephole pass, which would fold each
BatchNormalization into the convolution before it, is turned off so the batch-norm parameters stay separate, and the
Identity nodes it writes in front of some initializers are removed. Loss: cross-entropy of the logits with class
indices, mean over the batch.

ReLU6 has kinks at 0 and 6: an input that float32 rounding can move across one switches that value's gradient on or
off, and in the last blocks (2x2 images, 8 values per batch-norm channel) one such value moves a layer's gradients by
percents. The batch is therefore chosen among 100 seeded draws as the one whose ReLU6 inputs in those blocks (computed
in float64) lie farthest from a kink, so that the comparison measures the gradients rather than rounding luck.

The JSON keeps it small: arrays are base64 float32 little-endian. For every parameter it stores the gradient's sum,
sum of squares and largest magnitude; full gradients and updated weights only for a few named parameters (the first
convolution, a middle depthwise convolution and batch norm, the classifier) and, for the large 1x1 convolution before
the classifier, 64 sampled entries. Run: /usr/bin/python3 make_zoo_mobilenet_v2.py (writes next to this script).
"""
import base64
import copy
import json
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

torch.manual_seed(2024)
torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
FULL = ["features.0.0.weight", "features.0.1.weight", "features.0.1.bias", "features.9.conv.1.0.weight",
        "features.9.conv.1.1.weight", "features.9.conv.1.1.bias", "classifier.1.weight", "classifier.1.bias"]
SAMPLED = "features.18.0.weight"


def b64(t):
    return base64.b64encode(np.ascontiguousarray(t.detach().numpy(), dtype="<f4").tobytes()).decode()


def build():
    model = torchvision.models.mobilenet_v2(num_classes=10, width_mult=0.35)
    with torch.no_grad():  # batch-norm parameters and statistics away from their 1/0 defaults
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
    model.classifier[0].p = 0.0
    return model


def kink_margin(model, x):
    """The smallest distance to 0 or 6 of the ReLU6 inputs with at most 32 values per channel, in float64 training mode."""
    margins = []

    def hook(module, inputs):
        v = inputs[0]
        if v.shape[0] * v.shape[2] * v.shape[3] <= 32:
            margins.append(torch.minimum(v.abs(), (v - 6).abs()).min().item())

    probe = copy.deepcopy(model).double().train()
    for m in probe.modules():
        if isinstance(m, nn.ReLU6):
            m.register_forward_pre_hook(hook)
    with torch.no_grad():
        probe(x.double())
    return min(margins)


def choose_batch(model):
    draws = [torch.randn(2, 3, 64, 64, generator=torch.Generator().manual_seed(s)) for s in range(100)]
    return max(draws, key=lambda x: kink_margin(model, x))


def export(model, x, path):
    torch._C._jit_pass_onnx_eval_peephole = lambda graph, params: params  # keep BatchNormalization unfolded
    model.eval()
    torch.onnx.export(model, x, path, opset_version=13, do_constant_folding=False, input_names=["input"], output_names=["logits"])
    graph = onnx.load(path)
    initializers = {i.name for i in graph.graph.initializer}
    renames = {n.output[0]: n.input[0] for n in graph.graph.node if n.op_type == "Identity" and n.input[0] in initializers}
    kept = [n for n in graph.graph.node if not (n.op_type == "Identity" and n.input[0] in initializers)]
    for n in kept:
        for i, name in enumerate(n.input):
            n.input[i] = renames.get(name, name)
    del graph.graph.node[:]
    graph.graph.node.extend(kept)
    onnx.checker.check_model(graph)
    onnx.save(graph, path)


def main():
    model = build()
    x = choose_batch(model)
    labels = torch.tensor([3, 7])
    export(model, x, os.path.join(HERE, "zoo_mobilenet_v2.onnx"))
    start = {k: v.detach().clone() for k, v in model.named_parameters()}

    model.train()
    loss = F.cross_entropy(model(x), labels)
    loss.backward()
    grads = {k: p.grad.detach().clone() for k, p in model.named_parameters()}
    rng = np.random.default_rng(7)
    sample = sorted(rng.choice(grads[SAMPLED].numel(), 64, replace=False).tolist())
    fixture = {
        "input": b64(x), "labels": labels.tolist(), "loss": float(loss),
        "gradientStats": {k: {"sum": float(g.double().sum()), "sumSquares": float((g.double() ** 2).sum()), "maxAbs": float(g.abs().max())}
                          for k, g in grads.items()},
        "gradients": {k: b64(grads[k]) for k in FULL},
        "sampled": {"name": SAMPLED, "indices": sample, "values": [float(v) for v in grads[SAMPLED].flatten()[sample]]},
    }
    for name, make in [("sgd", lambda p: torch.optim.SGD(p, lr=0.1)), ("adam", lambda p: torch.optim.Adam(p, lr=0.01))]:
        with torch.no_grad():
            for k, p in model.named_parameters():
                p.copy_(start[k])
        optimizer = make(model.parameters())
        optimizer.zero_grad()
        F.cross_entropy(model(x), labels).backward()
        optimizer.step()
        params = dict(model.named_parameters())
        fixture[name] = {k: b64(params[k]) for k in FULL}
    with open(os.path.join(HERE, "zoo_mobilenet_v2.json"), "w") as f:
        json.dump(fixture, f)


if __name__ == "__main__":
    main()
