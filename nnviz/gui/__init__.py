"""Qt widgets and views of nnviz; they display and drive :mod:`nnviz.core`."""
