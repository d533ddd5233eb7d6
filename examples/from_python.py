"""Your own PyTorch network in the nnviz window: train it there, then keep using it."""

import numpy as np
import torch
from torch import nn

import nnviz

rng = np.random.default_rng(0)
X = rng.uniform(-1, 1, size=(200, 2))             # 200 points in the plane
y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)      # class 1 where x1 and x2 share a sign

model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2), nn.Softmax(dim=1))
net = nnviz.show(model, X, y)                      # press Train (F5), watch, close the window
model.load_state_dict(net.to_torch().state_dict())  # the trained weights, back in your model
accuracy = (model(torch.tensor(X, dtype=torch.float32)).argmax(dim=1).numpy() == y).mean()
print(f"accuracy on X: {accuracy:.0%}")
