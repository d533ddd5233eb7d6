#!/usr/bin/env bash
# Renew the screenshots in docs/ (offscreen; run from the repository root with
# the project installed). The README shows them.
set -euo pipefail
mkdir -p docs
nnviz shot --preset mlp-xor --steps 9 --lang es --out docs/mlp-xor-es.png
nnviz shot --preset mlp-xor --steps 9 --lang en --out docs/mlp-xor-en.png
nnviz shot --preset backprop-2-2-2 --steps 12 --lang es --out docs/backprop-2-2-2-es.png
nnviz shot --preset perceptron-xor --steps 60 --lang es --out docs/perceptron-xor-es.png
nnviz shot --preset spiral --epochs 150 --lang es --out docs/spiral-es.png
nnviz shot --preset digits --epochs 20 --lang es --out docs/digits-es.png
nnviz shot --preset mlp-xor --steps 9 --lang es --scale 2 --high-contrast --out docs/presentation-es.png
# projector sizes: the PyTorch moment of backprop-2-2-2 (an update is 31 steps)
nnviz shot --preset backprop-2-2-2 --steps 31 --lang es --size 1024x768 --scale 2 --out docs/projector-1024x768-es.png
nnviz shot --preset backprop-2-2-2 --steps 31 --lang es --size 1920x1080 --scale 1.5 --out docs/projector-1920x1080-es.png
nnviz shot --data examples/examen.csv --label resultado --epochs 150 --lang es --out docs/csv-es.png
# MNIST on generated stand-in files of the real size and format (this machine cannot reach the mirrors)
python -c "from nnviz.core.data.synthetic_idx import write_synthetic_set; write_synthetic_set('/tmp/nnviz-docs-data/mnist')"
NNVIZ_DATA=/tmp/nnviz-docs-data nnviz shot --preset mnist --epochs 2 --lang es --out docs/mnist-es.png
python scripts/dialog_shot.py docs/torch-import-es.png
nnviz sweep --preset overfitting --param hidden_neurons --values 2,8,64 --epochs 150 --seeds 2 --out /tmp/nnviz-docs-sweep --quiet && cp /tmp/nnviz-docs-sweep/curves.png docs/sweep-hidden-neurons.png
# each comparison lesson after its Compare… ran: labelled curves and a picture of every run
python scripts/compare_shot.py batch-size docs/compare-batch-size.png --lang es
python scripts/compare_shot.py hidden-size docs/compare-hidden-size.png --lang es
python scripts/compare_shot.py regularization docs/compare-regularization.png --lang es
# the lecture's other moments (issue 16), at a 1280x800 projector and scale 2
nnviz shot --preset backprop-2-2-2 --steps 10 --lang es --size 1280x800 --scale 2 --out docs/stepper-chain-rule.png
nnviz shot --preset softmax-2-3-3 --steps 10 --lang es --size 1280x800 --scale 2 --out docs/stepper-softmax.png
nnviz shot --preset activations --steps 6 --lang es --size 1280x800 --scale 2 --view activations --out docs/activation-gallery.png
nnviz shot --preset mlp-xor --steps 13 --lang es --size 1280x800 --scale 2 --view pytorch --out docs/pytorch-structure.png
nnviz shot --preset batch-size --epochs 10 --lang en --size 1280x800 --view descent --out docs/gradient-descent.png
nnviz shot --preset batch-size --epochs 10 --lang es --size 1280x800 --scale 2 --view descent --out docs/gradient-descent-projector.png
python scripts/dropout_shot.py docs/dropout-training.png --scale 2
