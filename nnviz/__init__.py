"""nnviz: neural networks taught the way a good lecture does."""

__version__ = "0.1.0"
