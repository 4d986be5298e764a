#!/usr/bin/env python3
"""Training images/s in PyTorch on CPU of the small CNN (conv32-pool-conv64-pool-dense128-dense10, 1x28x28 inputs) or of
torchvision's resnet50 (3x224x224 inputs, 1,000 classes, random weights).
Usage: torch_train.py small|resnet50 BATCH SECONDS THREADS -> prints {"imagesPerSecond": ..., "imagesPerCpuSecond": ..., "steps": ..., "torch": "..."}
(CPU time: all threads of the process, which a busy machine inflates less than wall time)."""
import json
import sys
import time

import torch
import torch.nn as nn

name, batch, seconds, threads = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
torch.manual_seed(0)
if name == "resnet50":
    import torchvision
    model = torchvision.models.resnet50(weights=None)
    x = torch.randn(batch, 3, 224, 224)
    y = torch.randint(0, 1000, (batch,))
else:
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
    x = torch.randn(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))
model.train()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loss_fn = nn.CrossEntropyLoss()


def step():
    optimizer.zero_grad()
    loss_fn(model(x), y).backward()
    optimizer.step()


for _ in range(3):
    step()
steps, start, cpu = 0, time.perf_counter(), time.process_time()
while time.perf_counter() - start < seconds:
    step()
    steps += 1
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"imagesPerSecond": steps * batch / elapsed, "imagesPerCpuSecond": steps * batch / cpu, "steps": steps, "torch": torch.__version__}))
