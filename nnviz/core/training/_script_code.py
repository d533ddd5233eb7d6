"""The network, loss, optimizer and loop of an exported PyTorch script (used by
:mod:`nnviz.core.training.pytorch_script`).

Each function writes one section of the script as Python source, in the
lecture's order: the header and the settings, the tensors and targets d, the
``class Net(nn.Module)`` (with dropout written out so that its masks are
nnviz's random numbers), the instance with its loss function and optimizer,
and the loop over the epochs with the figures nnviz shows after each one.
The arithmetic is the one :mod:`nnviz.core.training.torch_engine` does, so
that the printed losses are nnviz's.

:func:`structure` joins the last three (class, instance with loss and
optimizer, loop) into the lecture's "basic structure" and says which of its
lines is each stage of the loop: the exported script ends with exactly those
lines, and the PyTorch structure panel shows them, lighting the stage on show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from nnviz.core.data.origin import DataSource
from nnviz.core.model.network import Network
from nnviz.core.training._script_data import Words
from nnviz.core.training.config import TrainingConfig

#: the start of a section's heading comment
SECTION = "# " + "-" * 30

#: how each activation reads in ``forward`` (``{}``: the layer's net input)
_ACTIVATION_CODE = {
    "identity": "{}",
    "sigmoid": "torch.sigmoid({})",
    "tanh": "torch.tanh({})",
    "relu": "torch.relu({})",
    "softmax": "torch.softmax({}, dim=1)",
}




def _logits(network: Network, config: TrainingConfig) -> bool:
    """Cross-entropy: ``forward`` returns the output layer's net input a, the loss takes it."""
    return config.loss == "cross_entropy" and network.activations[-1] in ("softmax", "sigmoid")


def _data_line(source: DataSource, w: Words) -> str:
    if source.kind == "csv":
        return w(f"the table {Path(source.path).name}", f"la tabla {Path(source.path).name}")
    spec = source.spec or {}
    if spec.get("kind") == "points":
        return w(f"{len(spec.get('y') or [])} points given one by one",
                 f"{len(spec.get('y') or [])} puntos dados uno a uno")
    settings = ", ".join(f"{k}={v}" for k, v in spec.items() if k not in ("kind", "path"))
    return f"{spec.get('kind')}" + (f" ({settings})" if settings else "")


def header(network: Network, config: TrainingConfig, source: DataSource, w: Words) -> str:
    shape = "-".join(map(str, network.layers))
    acts = ", ".join(network.activations)
    opt = "SGD" if config.optimizer == "sgd" else "Adam"
    loss = w("½‖d − y‖² (MSE)", "½‖d − y‖² (ECM)") if config.loss == "mse" else w("cross-entropy", "entropía cruzada")
    return f'''"""{w("A network from nnviz, as a PyTorch script.", "Una red de nnviz, como script de PyTorch.")}

{w("Network", "Red")} {shape} ({acts}), {w("error", "error")} {loss}, {opt}.
{w("Data", "Datos")}: {_data_line(source, w)}.

{w("Run it with", "Ejecútalo con")}:
    python {w("this_file.py", "este_fichero.py")}               ({w("EPOCHS epochs", "EPOCHS épocas")})
    python {w("this_file.py", "este_fichero.py")} --epochs 3    ({w("3 epochs", "3 épocas")})

{w("It follows the basic structure of a neural network in PyTorch: the class that",
   "Sigue la estructura básica de una red neuronal en PyTorch: la clase que")}
{w("defines the network (its architecture and its forward method), the instance,",
   "define la red (su arquitectura y su método forward), la instanciación,")}
{w("the loss function, the optimizer, and the loop over the epochs: zero the",
   "la función de coste, el optimizador y el bucle de épocas: poner a cero los")}
{w("gradients, forward pass, loss, backpropagation, optimizer step.",
   "gradientes, feedforward, pérdida, propagación hacia atrás, paso del optimizador.")}

{w("The data, the hyper-parameters and the seed are nnviz's, so that (from the",
   "Los datos, los hiperparámetros y la semilla son los de nnviz, así que (desde")}
{w("same starting weights) it prints the losses nnviz's PyTorch engine computes.",
   "los mismos pesos iniciales) imprime las pérdidas que calcula el motor PyTorch de nnviz.")}
"""
'''


def imports(extra: list[str], weights: bool) -> str:
    lines = [f"import {m}" for m in sorted({"argparse", *extra})]
    lines += ["from pathlib import Path", "", "import numpy as np", "import torch", "import torch.nn as nn"]
    if weights:
        lines.append("from safetensors.torch import load_file")
    return "\n".join(lines) + "\n"


def settings(network: Network, config: TrainingConfig, weights_file: str | None, w: Words) -> str:
    c = config
    n_hidden = len(network.layers) - 2
    lines = [
        "# " + "-" * 30 + " " + w("settings (the same as in nnviz)", "ajustes (los mismos que en nnviz)"),
        f"EPOCHS = {c.epochs!r}  # " + w("epochs: passes over the training samples",
                                          "épocas: pasadas por las muestras de entrenamiento"),
        f"LEARNING_RATE = {c.lr!r}  # " + w("the learning rate η", "la tasa de aprendizaje η"),
        f"BATCH_SIZE = {c.batch_size!r}  # " + w("samples per batch, one update per batch (0: all at once)",
                                                  "muestras por lote, una actualización por lote (0: todas a la vez)"),
    ]
    if c.optimizer == "sgd":
        lines.append(f"MOMENTUM = {c.momentum!r}  # " + w("SGD's momentum μ: v ← μ v + g, ω ← ω − η v",
                                                           "el momento μ de SGD: v ← μ v + g, ω ← ω − η v"))
    else:
        lines += [
            f"BETAS = {tuple(c.betas)!r}  # " + w("Adam's β1, β2", "β1, β2 de Adam"),
            f"EPS = {c.eps!r}  # " + w("Adam's ε", "ε de Adam"),
        ]
    lines += [
        f"L2 = {c.l2!r}  # " + w("L2 penalty λ·½Σω² (weights only, not biases)",
                                  "penalización L2 λ·½Σω² (solo pesos, no sesgos)"),
        f"L1 = {c.l1!r}  # " + w("L1 penalty λ·Σ|ω| (weights only)", "penalización L1 λ·Σ|ω| (solo pesos)"),
    ]
    dropout = c.dropout_for(n_hidden)
    if any(p > 0 for p in dropout):
        lines.append(f"DROPOUT = {dropout!r}  # " + w("dropout probability p of each hidden layer",
                                                      "probabilidad p de dropout de cada capa oculta"))
    lines += [
        f"SEED = {c.seed!r}  # " + w("the batch order (and dropout's masks)",
                                      "el orden de los lotes (y las máscaras de dropout)"),
        f"VAL_FRACTION = {c.val_fraction!r}  # " + w("share held out when the data bring no validation part",
                                                      "parte apartada si los datos no traen validación"),
        f"SHUFFLE = {c.shuffle!r}  # " + w("a new random order of the samples every epoch",
                                            "un orden aleatorio nuevo de las muestras en cada época"),
        f"DTYPE = torch.{'float64' if c.dtype == 'float64' else 'float32'}",
    ]
    if c.early_stopping:
        lines += [
            "# " + w(f"(nnviz stops early after {c.patience} epochs without improvement; this script "
                     "trains all EPOCHS)",
                     f"(nnviz para antes tras {c.patience} épocas sin mejora; este script entrena "
                     "las EPOCHS épocas)"),
        ]
    if weights_file is not None:
        name = Path(weights_file)
        where = f"Path(__file__).with_name({name.name!r})" if name.parent == Path(".") else f"Path({str(name)!r})"
        lines += [
            "# " + w("the weights the network had in nnviz (a safetensors file); False: start from",
                     "los pesos que tenía la red en nnviz (un fichero safetensors); False: empezar con"),
            "# " + w("PyTorch's own random weights instead (then the numbers differ from nnviz's)",
                     "pesos aleatorios propios de PyTorch (y los números ya no son los de nnviz)"),
            "LOAD_WEIGHTS = True",
            f"WEIGHTS_FILE = {where}",
        ]
    return "\n".join(lines) + "\n\n# " + "-" * 30 + " " + w("the data", "los datos") + "\n"


def tensors(network: Network, config: TrainingConfig, regression: bool, w: Words) -> str:
    n_out, out = network.layers[-1], network.activations[-1]
    pm1 = out in ("tanh", "sign", "step")
    lines = ["", "", "x, labels, train_idx, val_idx = load_data()", ""]
    if regression:
        lines += ["# " + w("the desired outputs d are the numbers themselves",
                           "las salidas deseadas d son los propios números")]
    elif not (_logits(network, config) and out == "softmax"):
        lines += ["", "def targets(labels):"]
        if n_out == 1:
            doc = w("The desired output d of each label: ", "La salida deseada d de cada etiqueta: ")
            doc += "-1 / +1" if pm1 else "0 / 1"
            lines += [f'    """{doc}."""', "    d = labels[:, None].astype(np.float64)"]
        else:
            doc = w("The desired outputs d: one-hot, a 1 at the label's output",
                    "Las salidas deseadas d: one-hot, un 1 en la salida de la etiqueta")
            doc += w(" (-1 elsewhere)", " (-1 en las demás)") if pm1 else ""
            lines += [f'    """{doc}."""', f"    d = np.eye({n_out})[labels]"]
        if pm1:
            lines.append("    d = 2.0 * d - 1.0")
        lines += ["    return d", "", ""]
    lines += ["# " + w("tensors: the training and validation samples", "tensores: las muestras de entrenamiento y de validación")]
    for part, idx in (("train", "train_idx"), ("val", "val_idx")):
        lines.append(f"x_{part} = torch.tensor(x[{idx}], dtype=DTYPE)")
        if regression:
            lines.append(f"d_{part} = torch.tensor(labels[{idx}], dtype=DTYPE)")
        else:
            lines.append(f"labels_{part} = torch.tensor(labels[{idx}], dtype=torch.int64)")
            if _logits(network, config) and out == "softmax":
                lines.append(f"d_{part} = labels_{part}  # " + w(
                    "cross-entropy compares the output with the class number itself",
                    "la entropía cruzada compara la salida con el propio número de clase"))
            else:
                lines.append(f"d_{part} = torch.tensor(targets(labels[{idx}]), dtype=DTYPE)")
    return "\n".join(lines) + "\n"


def net(network: Network, config: TrainingConfig, w: Words) -> str:
    layers, acts = network.layers, network.activations
    last = len(layers) - 1
    dropout = config.dropout_for(len(layers) - 2)
    lines = ["", "", "# " + "-" * 30 + " " + w("the class that defines the network", "la clase que define la red")]
    if any(p > 0 for p in dropout):
        lines += [
            "# " + w("dropout's random numbers, seeded as nnviz seeds them", "los números aleatorios de dropout, con la semilla de nnviz"),
            "generator = torch.Generator().manual_seed(SEED)",
            "",
            "",
            "def dropout(h, p, training):",
            '    """' + w("Inverted dropout, as nn.Dropout(p), only while training: each h is kept",
                          "Dropout invertido, como nn.Dropout(p), solo al entrenar: cada h se conserva"),
            "    " + w("with probability 1 − p and then scaled by 1 / (1 − p).",
                       "con probabilidad 1 − p y después se escala por 1 / (1 − p)."),
            "",
            "    " + w("Written out so that the masks are the very random numbers nnviz draws.",
                       "Escrito a mano para que las máscaras sean los mismos números aleatorios que usa nnviz."),
            '    """',
            "    if not training or p == 0.0:",
            "        return h",
            "    keep = torch.rand(h.shape, generator=generator, dtype=h.dtype) >= p",
            "    return h * keep / (1.0 - p)",
            "",
            "",
        ]
    lines += [
        "class Net(nn.Module):",
        '    """' + w(f"The multilayer perceptron {'-'.join(map(str, layers))}.",
                      f"El perceptrón multicapa {'-'.join(map(str, layers))}.") + '"""',
        "",
        "    def __init__(self):",
        "        super().__init__()",
        "        # " + w("the architecture: one nn.Linear (weights ω and biases b) per layer",
                       "la arquitectura: un nn.Linear (pesos ω y sesgos b) por capa"),
    ]
    for i in range(last):
        lines.append(f"        self.fc{i + 1} = nn.Linear({layers[i]}, {layers[i + 1]})")
    lines += [
        "",
        "    def forward(self, x):",
        "        # " + w("feedforward: each layer computes h = f(x ω + b)", "feedforward: cada capa calcula h = f(x ω + b)"),
    ]
    for i in range(last):
        src = "x" if i == 0 else "h"
        a = f"self.fc{i + 1}({src})"
        if i < last - 1:
            lines.append(f"        h = {_ACTIVATION_CODE[acts[i]].format(a)}")
            if dropout[i] > 0:
                lines.append(f"        h = dropout(h, DROPOUT[{i}], self.training)")
        elif _logits(network, config):
            lines.append(f"        return {a}  # " + w(
                f"the net input a of the output layer: the loss applies the {acts[i]} itself (more exact)",
                f"la entrada neta a de la capa de salida: la pérdida aplica ella misma la "
                f"{'sigmoide' if acts[i] == 'sigmoid' else acts[i]} (más exacto)"))
        else:
            lines.append(f"        return {_ACTIVATION_CODE[acts[i]].format(a)}  # " + w("the output y", "la salida y"))
    return "\n".join(lines) + "\n"


def instance(network: Network, config: TrainingConfig, weights: bool, freeze: bool, w: Words) -> str:
    c, out = config, network.activations[-1]
    lines = [
        "", "",
        "# " + "-" * 30 + " " + w("the instance of the class", "la instanciación de la clase"),
        "torch.manual_seed(SEED)  # " + w("PyTorch's own starting weights, when not loaded",
                                          "los pesos iniciales propios de PyTorch, si no se cargan"),
        "model = Net().to(DTYPE)",
    ]
    if weights:
        lines += [
            "if LOAD_WEIGHTS:",
            "    model.load_state_dict(load_file(WEIGHTS_FILE))  # " + w(
                "fc1.weight, fc1.bias, … as nnviz had them", "fc1.weight, fc1.bias, … como los tenía nnviz"),
        ]
    if freeze:
        lines += [
            "# " + w("the biases b keep their values (nnviz's \"freeze biases\")",
                     "los sesgos b no cambian (\"congelar sesgos\" de nnviz)"),
            "for layer in [" + ", ".join(f"model.fc{i + 1}" for i in range(len(network.layers) - 1)) + "]:",
            "    layer.bias.requires_grad_(False)",
        ]
    lines += ["", "# " + "-" * 30 + " " + w("the loss function", "la función de coste")]
    if c.loss == "mse":
        lines += [
            "def criterion(y, d):",
            '    """' + w("The slides' error E = ½‖d − y‖², averaged over the samples of the batch.",
                          "El error de las diapositivas E = ½‖d − y‖², promediado sobre las muestras del lote.")
            + "\n\n    " + w("(nn.MSELoss() would also average over the outputs and leave out the ½.)",
                             "(nn.MSELoss() promediaría también sobre las salidas y quitaría el ½.)") + '\n    """',
            "    return 0.5 * torch.sum((y - d) ** 2) / y.shape[0]",
        ]
    elif out == "softmax":
        lines.append("criterion = nn.CrossEntropyLoss()  # " + w(
            "−log softmax(a)[label], averaged over the batch", "−log softmax(a)[etiqueta], promediada sobre el lote"))
    else:
        lines += [
            'bce = nn.BCEWithLogitsLoss(reduction="sum")',
            "",
            "",
            "def criterion(a, d):",
            '    """' + w("Cross-entropy of sigmoid outputs: −Σ_k [d log y + (1 − d) log(1 − y)], "
                          "averaged over the samples of the batch.",
                          "Entropía cruzada de salidas sigmoide: −Σ_k [d log y + (1 − d) log(1 − y)], "
                          "promediada sobre las muestras del lote.") + '"""',
            "    return bce(a, d) / a.shape[0]",
        ]
    opt = "torch.optim.SGD" if c.optimizer == "sgd" else "torch.optim.Adam"
    extra = "momentum=MOMENTUM" if c.optimizer == "sgd" else "betas=BETAS, eps=EPS"
    linears = ", ".join(f"model.fc{i + 1}" for i in range(len(network.layers) - 1))
    lines += [
        "",
        "",
        "# " + "-" * 30 + " " + w("the optimizer", "el optimizador"),
    ]
    if c.l1 or c.l2:
        lines += [f"layers = [{linears}]", "weights = [layer.weight for layer in layers]"]
    if c.l2:
        lines += [
            "biases = [layer.bias for layer in layers]",
            "# " + w("L2 is PyTorch's weight_decay: on the weights, not on the biases",
                     "L2 es el weight_decay de PyTorch: en los pesos, no en los sesgos"),
            f"optimizer = {opt}(",
            '    [{"params": weights, "weight_decay": L2}, {"params": biases, "weight_decay": 0.0}],',
            f"    lr=LEARNING_RATE, {extra},",
            ")",
        ]
    else:
        lines.append(f"optimizer = {opt}(model.parameters(), lr=LEARNING_RATE, {extra})")
    return "\n".join(lines) + "\n"


def _step_words(c: TrainingConfig, w: Words) -> str:
    if c.optimizer == "adam":
        return w("5. optimizer step: Adam changes every weight ω", "5. iteración del optimizador: Adam cambia cada peso ω")
    if c.momentum:
        return w("5. optimizer step: v ← μ v + ∂E/∂ω, ω ← ω − η v",
                 "5. iteración del optimizador: v ← μ v + ∂E/∂ω, ω ← ω − η v")
    return w("5. optimizer step: ω ← ω − η ∂E/∂ω", "5. iteración del optimizador: ω ← ω − η ∂E/∂ω")


def _evaluate(network: Network, config: TrainingConfig, regression: bool, w: Words) -> list[str]:
    out, n_out = network.activations[-1], network.layers[-1]
    lines = [
        "", "",
        "@torch.no_grad()",
        "def evaluate(x, d, labels=None):",
        '    """' + w("(mean error E, accuracy) over all the samples given, without dropout.",
                      "(error medio E, acierto) sobre todas las muestras dadas, sin dropout.") + '"""',
        "    model.eval()",
        "    output = model(x)",
        "    error = criterion(output, d)",
    ]
    if regression:
        return lines + ["    return error.item(), float(\"nan\")  # " + w(
            "a regression has no accuracy", "una regresión no tiene acierto")]
    if _logits(network, config):
        fn = "torch.softmax(output, dim=1)" if out == "softmax" else "torch.sigmoid(output)"
        lines.append(f"    y = {fn}  # " + w("the network's output y", "la salida y de la red"))
    else:
        lines.append("    y = output")
    if n_out > 1:
        lines.append("    predicted = torch.argmax(y, dim=1)  # " + w("the output with the highest value",
                                                                       "la salida de mayor valor"))
    else:
        threshold = "0.0" if out in ("tanh", "sign", "step") else "0.5"
        lines.append(f"    predicted = (y[:, 0] > {threshold}).long()")
    lines.append("    accuracy = (predicted == labels).to(DTYPE).mean()")
    return lines + ["    return error.item(), accuracy.item()"]


def loop(network: Network, config: TrainingConfig, regression: bool, w: Words) -> str:
    c = config
    labels = "" if regression else ", labels_train"
    val_labels = "" if regression else ", labels_val"
    lines = _evaluate(network, config, regression, w)
    lines += [
        "",
        "",
        "# " + "-" * 30 + " " + w("the loop over the epochs", "el bucle de épocas"),
        f"parser = argparse.ArgumentParser(description={w('Trains the network exported from nnviz.', 'Entrena la red exportada desde nnviz.')!r})",
        f"parser.add_argument(\"--epochs\", type=int, default=EPOCHS, help={w('epochs to train', 'épocas que entrenar')!r})",
        "epochs = parser.parse_args().epochs",
        "",
        "rng = np.random.default_rng(SEED)  # " + w("the order of the samples in each epoch",
                                                    "el orden de las muestras en cada época"),
        "n = len(x_train)",
        "batch_size = BATCH_SIZE if 0 < BATCH_SIZE < n else n",
        "for epoch in range(1, epochs + 1):",
        "    order = rng.permutation(n) if SHUFFLE else np.arange(n)",
        "    model.train()",
    ]
    if not c.eval_train:
        lines.append("    error_sum = torch.zeros((), dtype=DTYPE)  # " + w(
            "the batches' errors, for the epoch's mean", "los errores de los lotes, para la media de la época"))
    lines += [
        "    for start in range(0, n, batch_size):",
        "        batch = torch.from_numpy(order[start : start + batch_size])",
        "        optimizer.zero_grad()  # " + w("1. zero the gradients", "1. poner a cero los gradientes"),
        "        output = model(x_train[batch])  # " + w("2. the output (feedforward)", "2. cálculo de la salida (feedforward)"),
        "        error = criterion(output, d_train[batch])  # " + w("3. the loss", "3. cálculo de la pérdida"),
    ]
    if c.l1:
        lines.append("        loss = error + L1 * sum(wt.abs().sum() for wt in weights)  # " + w(
            "plus the L1 penalty", "más la penalización L1"))
    else:
        lines.append("        loss = error")
    lines += [
        "        loss.backward()  # " + w("4. backpropagation: the gradient ∂E/∂ω of every weight",
                                          "4. propagación hacia atrás: el gradiente ∂E/∂ω de cada peso"),
        "        optimizer.step()  # " + _step_words(c, w),
    ]
    if not c.eval_train:
        lines.append("        error_sum += error.detach() * len(batch)")
    if c.eval_train:
        lines.append(f"    train_loss, train_acc = evaluate(x_train, d_train{labels})")
    else:
        lines.append("    train_loss, train_acc = error_sum.item() / n, float(\"nan\")  # " + w(
            "the mean of the batches' errors", "la media de los errores de los lotes"))
    train_txt = w("train loss", "pérdida de entrenamiento")
    val_txt = w("validation loss", "pérdida de validación")
    report = f'    report = f"{w("epoch", "época")} {{epoch}}: {train_txt} {{train_loss:.10g}}'
    if not regression and c.eval_train:
        report += f', {w("train accuracy", "acierto de entrenamiento")} {{train_acc:.6g}}'
    lines += [
        report + '"',
        "    if len(x_val) > 0:",
        f"        val_loss, val_acc = evaluate(x_val, d_val{val_labels})",
    ]
    val = f'        report += f", {val_txt} {{val_loss:.10g}}'
    if not regression:
        val += f', {w("validation accuracy", "acierto de validación")} {{val_acc:.6g}}'
    lines += [val + '"', "    print(report)"]
    return "\n".join(lines) + "\n"


def tidy(text: str) -> str:
    """Blank lines as PEP 8 has them: two around top-level functions, classes and
    sections (with the comment lines right above one kept with it), at most one elsewhere."""
    out: list[str] = []
    in_def = False
    for line in re.sub(r"\n{3,}", "\n\n", text).split("\n"):
        starts_def = line.startswith(("def ", "class ", "@"))
        section = line.startswith(SECTION)
        after_def = in_def and line and not line[0].isspace() and not starts_def
        if (starts_def or section or after_def) and out and not out[-1].startswith("@"):
            block: list[str] = []
            while out and out[-1].startswith("#") and not out[-1].startswith(SECTION):
                block.insert(0, out.pop())
            while out and out[-1] == "":
                out.pop()
            if out:
                out += [""] if out[-1].startswith(SECTION) else ["", ""]
            out += block
        if starts_def:
            in_def = True
        elif after_def or section:
            in_def = False
        out.append(line)
    return "\n".join(out)


# ------------------------------------------------------------------ the lecture's structure
#: the stages of one update in the loop, in the order the loop runs them
LOOP_STAGES: tuple[str, ...] = ("zero_grad", "forward", "loss", "backward", "step")
#: how each stage's line of the loop starts (after its indentation)
_STAGE_STARTS = {
    "zero_grad": "optimizer.zero_grad()",
    "forward": "output = model(",
    "loss": "error = criterion(",
    "backward": "loss.backward()",
    "step": "optimizer.step()",
}
#: the line that opens the loop over the epochs
_LOOP_START = "for epoch in range("


@dataclass(frozen=True)
class ScriptStructure:
    """The lecture's structure of a network in PyTorch, as the exported script writes it.

    ``lines``: the class ``Net(nn.Module)`` (``__init__`` and ``forward``), the
    instance, the loss function, the optimizer and the loop over the epochs,
    one source line each. ``stages``: for each of :data:`LOOP_STAGES`, the
    index in ``lines`` of its line in the loop (``optimizer.zero_grad()``,
    ``output = model(...)``, ``error = criterion(...)``, ``loss.backward()``,
    ``optimizer.step()``). ``loop``: the first and last index of the loop
    over the epochs' lines that train (``for epoch`` to ``optimizer.step()``).
    """

    lines: tuple[str, ...]
    stages: dict[str, int]
    loop: tuple[int, int]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def structure(
    network: Network, config: TrainingConfig, regression: bool, weights: bool, freeze: bool, w: Words
) -> ScriptStructure:
    """The script's class, instance, loss, optimizer and loop (:class:`ScriptStructure`)."""
    text = tidy("\n\n".join(p.strip("\n") for p in (
        net(network, config, w),
        instance(network, config, weights, freeze, w),
        loop(network, config, regression, w),
    )) + "\n")
    lines = tuple(text.split("\n"))
    start = next(i for i, line in enumerate(lines) if line.startswith(_LOOP_START))
    stages: dict[str, int] = {}
    for stage in LOOP_STAGES:
        # in loop order, each after the one before (evaluate() above has its own model(x))
        after = stages[LOOP_STAGES[LOOP_STAGES.index(stage) - 1]] if stages else start
        stages[stage] = next(
            i for i in range(after, len(lines)) if lines[i].lstrip().startswith(_STAGE_STARTS[stage])
        )
    return ScriptStructure(lines, stages, (start, stages["step"]))
