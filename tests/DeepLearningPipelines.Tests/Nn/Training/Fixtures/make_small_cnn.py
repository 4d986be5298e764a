#!/usr/bin/env python3
"""Makes small_cnn.json: a small CNN's weights, a batch, the loss, the gradients and the weights after two steps of
SGD (Nesterov, weight decay), Adam, AdamW, RMSprop (momentum, weight decay) and SGD with gradient clipping by global
norm and an exponential learning-rate schedule, computed by PyTorch 1.13 (Debian's python3-torch) in float32.

Network (NCHW): conv 3->8 3x3 pad 1 (no bias) -> batchnorm (training) -> relu -> maxpool 2 -> depthwise conv 3x3 pad 1 ->
relu -> pointwise conv 8->12 -> relu -> global average pool -> dense 12->5 (logits); loss: cross-entropy with
class indices, mean over the batch. Run: /usr/bin/python3 make_small_cnn.py (writes next to this script).
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(1234)
torch.set_num_threads(1)


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)  # a bias before batch norm has no gradient
        self.bn1 = nn.BatchNorm2d(8, eps=1e-5, momentum=0.1)
        self.dw = nn.Conv2d(8, 8, 3, padding=1, groups=8)
        self.pw = nn.Conv2d(8, 12, 1)
        self.dense = nn.Linear(12, 5)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.relu(self.pw(F.relu(self.dw(x))))
        return self.dense(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def params(model):
    return {name: flat(p) for name, p in model.named_parameters()}


def train(model, make_optimizer, x, y, steps, clip=None, gamma=None):
    optimizer = make_optimizer(model.parameters())
    schedule = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma) if gamma else None
    for _ in range(steps):
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        if clip:
            torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
        if schedule:
            schedule.step()
    return params(model)


model = SmallCnn()
with torch.no_grad():  # non-trivial BN affine parameters
    model.bn1.weight.uniform_(0.5, 1.5)
    model.bn1.bias.uniform_(-0.2, 0.2)
initial = {k: v.clone() for k, v in model.state_dict().items()}
x = torch.randn(4, 3, 9, 9)
y = torch.tensor([0, 3, 1, 4])

model.train()
loss = F.cross_entropy(model(x), y)
loss.backward()
fixture = {
    "input": flat(x),
    "labels": [int(v) for v in y],
    "weights": {k: flat(v) for k, v in initial.items() if "running" not in k and "num_batches" not in k},
    "loss": float(loss),
    "gradients": {name: flat(p.grad) for name, p in model.named_parameters()},
    "runningMean": flat(model.bn1.running_mean),
    "runningVar": flat(model.bn1.running_var),
}

sgd = dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3)
model.load_state_dict(initial)
fixture["sgd"] = {"options": sgd, "steps": 2, "weights": train(model, lambda p: torch.optim.SGD(p, **sgd), x, y, 2)}
adam = dict(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
model.load_state_dict(initial)
fixture["adam"] = {"options": {"lr": 0.01}, "steps": 2, "weights": train(model, lambda p: torch.optim.Adam(p, **adam), x, y, 2)}
adamw = dict(lr=0.01, weight_decay=0.1)
model.load_state_dict(initial)
fixture["adamw"] = {"options": adamw, "steps": 2, "weights": train(model, lambda p: torch.optim.AdamW(p, **adamw), x, y, 2)}
rmsprop = dict(lr=0.01, alpha=0.9, momentum=0.5, weight_decay=1e-3)
model.load_state_dict(initial)
fixture["rmsprop"] = {"options": rmsprop, "steps": 2, "weights": train(model, lambda p: torch.optim.RMSprop(p, **rmsprop), x, y, 2)}
model.load_state_dict(initial)
fixture["sgd_clip_exponential"] = {"options": {"lr": 0.5, "clip": 0.1, "gamma": 0.5}, "steps": 2,
                                   "weights": train(model, lambda p: torch.optim.SGD(p, lr=0.5), x, y, 2, clip=0.1, gamma=0.5)}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "small_cnn.json"), "w") as f:
    json.dump(fixture, f, separators=(",", ":"))
print("loss", float(loss))
