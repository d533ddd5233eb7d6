"""What a network is: its file format, its activations, its geometry on screen, its regions.

- ``network``: :class:`~nnviz.core.model.network.Network` (layers, activations,
  weights ω_jk, biases) and the ``*.nnviz.json`` format, checked on load.
- ``atomic_files``: files written whole or not at all (``atomic_write_text``,
  also re-exported by ``network``), with the user's umask, orphaned
  temporaries of killed saves cleaned.
- ``activations``: each activation with its derivative, numpy and torch.
- ``torch_io``: PyTorch weights in and out (``.pt``/``.pth`` state_dicts read
  with ``weights_only=True`` only, ``.safetensors``; ``nn.Sequential`` both
  ways); torch is imported only when one of its functions runs.
- ``graph_layout``: where neurons and edges go, colour bins, symbols.
- ``regions``: what the network answers over the plane (decision regions and
  lines, per-neuron maps), computed in blocks.
- ``mistakes``: the samples a network gets wrong, the most confident first.

May import: :mod:`nnviz.core.errors`. Everything else in the core builds on this.
"""
