"""Render File -> Import PyTorch weights… to docs/torch-import-es.png (offscreen).

The dialog lists the Linear layers of a state_dict saved from an MNIST MLP
(784-128-64-10) and asks an activation per layer, as a student sees it.
Run from the repository root with the project installed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: str = "docs/torch-import-es.png") -> int:
    import torch
    from torch import nn

    from nnviz.core.model.torch_io import linear_layers, read_weights_file
    from nnviz.gui import i18n
    from nnviz.gui.window.app import application
    from nnviz.gui.window.torch_import import TorchImportDialog

    app = application(offscreen=True)
    i18n.set_language("es")
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(),
                          nn.Linear(64, 10))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mnist_mlp.pt"
        torch.save(model.state_dict(), path)
        dialog = TorchImportDialog(str(path), linear_layers(read_weights_file(path)))
        dialog.resize(720, 420)
        dialog.show()
        app.processEvents()
        ok = dialog.grab().save(out, "PNG")
        dialog.close()
    print(out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
