"""The data part of an exported PyTorch script (used by :mod:`nnviz.core.training.pytorch_script`).

:func:`data_code` writes, as Python source, a function ``load_data()`` that
returns ``(x, y, train_idx, val_idx)``: every sample's inputs, its class
label (or, for a regression, its target numbers), and the positions of the
training and validation samples. It repeats nnviz's own arithmetic step by
step, so that the script gets the very numbers nnviz trains on:

- a generator (spiral, xor, circles, moons, blobs, gaussian) as written in
  :mod:`nnviz.core.data.datasets` (same random draws in the same order);
- the bundled 8×8 digits (:mod:`nnviz.core.data.digits`) and MNIST-style IDX
  files (:mod:`nnviz.core.data.image_sets`), read from where nnviz reads them;
- explicit points as literal arrays, with the split the window used;
- a CSV table read with its format, split and standardised as
  :mod:`nnviz.core.data.tabular` and :mod:`nnviz.core.data.scaling` do.

The split is :func:`nnviz.core.data.dataset.split`; when the data bring no
validation part, the trainer holds out ``config.val_fraction`` with
``config.seed`` (:class:`nnviz.core.training.trainer.Trainer`), and so does
the script.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from nnviz.core.data import datasets, image_sets
from nnviz.core.data.dataset import Dataset, split
from nnviz.core.data.digits import digits_path
from nnviz.core.data.origin import DataSource
from nnviz.core.errors import UserError
from nnviz.core.training.config import TrainingConfig


class Words:
    """One of two texts by language: ``words("English", "Español")``."""

    def __init__(self, lang: str) -> None:
        self.spanish = lang == "es"

    def __call__(self, en: str, es: str) -> str:
        return es if self.spanish else en


SPLIT_CODE = '''
def split(n, val_fraction, seed):
    """{doc}"""
    order = np.random.default_rng(seed).permutation(n)
    n_val = int(round(val_fraction * n))
    return np.sort(order[n_val:]), np.sort(order[:n_val])

'''

LABELLED_CODE = '''
def counts(n, k):
    """{counts}"""
    return [n // k + (1 if c < n % k else 0) for c in range(k)]


def labelled(parts, rng):
    """{labelled}"""
    x = np.concatenate(parts)
    labels = np.concatenate([np.full(len(p), c, dtype=np.int64) for c, p in enumerate(parts)])
    order = rng.permutation(len(x))
    return x[order], labels[order]
'''

#: the body of each 2-D generator (after ``rng = np.random.default_rng(seed)``),
#: as nnviz.core.data.datasets computes it; it leaves the classes' points in ``parts``
GENERATOR_BODIES: dict[str, str] = {
    "blobs": """\
    centres = np.array([[-0.5, -0.5], [0.5, 0.5]])
    parts = [c + rng.normal(0.0, noise, size=(m, 2)) for c, m in zip(centres, counts(n, 2))]
""",
    "xor": """\
    corners = [(-0.5, -0.5), (0.5, 0.5), (-0.5, 0.5), (0.5, -0.5)]
    clouds = [np.array(c) + rng.normal(0.0, noise, size=(m, 2)) for c, m in zip(corners, counts(n, 4))]
    # {xor}
    parts = [np.concatenate(clouds[:2]), np.concatenate(clouds[2:])]
""",
    "circles": """\
    parts = []
    for radius, m in zip((1.0, float(factor)), counts(n, 2)):
        t = rng.uniform(0.0, 2.0 * np.pi, size=m)
        points = radius * np.column_stack([np.cos(t), np.sin(t)])
        parts.append(points + rng.normal(0.0, noise, size=(m, 2)))
""",
    "moons": """\
    m0, m1 = counts(n, 2)
    t0 = rng.uniform(0.0, np.pi, size=m0)
    t1 = rng.uniform(0.0, np.pi, size=m1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    # {moons}
    parts = [(p - [0.5, 0.25]) / 1.5 for p in (upper, lower)]
    parts = [p + rng.normal(0.0, noise, size=p.shape) for p in parts]
""",
    "spiral": """\
    parts = []
    for c, m in enumerate(counts(n, classes)):
        s = rng.uniform(0.0, 1.0, size=m)  # {spiral}
        angle = 2.0 * np.pi * (turns * s + c / classes)
        points = s[:, None] * np.column_stack([np.sin(angle), np.cos(angle)])
        parts.append(points + rng.normal(0.0, noise, size=(m, 2)))
""",
    "gaussian": """\
    angles = 2.0 * np.pi * np.arange(classes) / classes + np.pi / 4
    centres = 0.6 * np.column_stack([np.cos(angles), np.sin(angles)])
    parts = [c + rng.normal(0.0, noise, size=(m, 2)) for c, m in zip(centres, counts(n, classes))]
""",
}


def _generator_words(w: Words) -> dict[str, str]:
    return {
        "xor": w("class 0: x1 and x2 of the same sign; class 1: of different signs",
                 "clase 0: x1 y x2 del mismo signo; clase 1: de signo distinto"),
        "moons": w("centred on the origin and fitted in [-1, 1]²", "centradas en el origen y dentro de [-1, 1]²"),
        "spiral": w("how far out along the arm", "cuánto se aleja por el brazo"),
    }


def _settings(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    """The generator's settings: its defaults with the spec's values over them."""
    params = inspect.signature(datasets.GENERATORS[kind]).parameters
    values = {k: p.default for k, p in params.items()}
    values.update({k: v for k, v in spec.items() if k not in ("kind", "val_fraction", "split_seed")})
    return values


# ------------------------------------------------------------------ the parts
def data_code(
    source: DataSource, config: TrainingConfig, dataset: Dataset | None, w: Words
) -> tuple[str, list[str]]:
    """(the source of ``load_data()`` and its helpers, the extra modules it imports).

    ``dataset`` is the data set the window shows (its split is used for
    explicit points, and for a table it says classes or regression); None
    builds what is needed from ``source``.
    """
    helpers = SPLIT_CODE.format(doc=w(
        "Positions of the training and validation samples: a random share val_fraction is held out.",
        "Posiciones de las muestras de entrenamiento y de validación: se aparta al azar una parte "
        "val_fraction.",
    ))
    if source.kind == "csv":
        code, imports = _csv_code(source, config, dataset, w)
        return helpers + code, imports
    spec = dict(source.spec or {})
    kind = spec.get("kind")
    if kind == "points":
        return _points_code(spec, config, dataset, w), []
    own = (float(spec.get("val_fraction", 0.0) or 0.0), int(spec.get("split_seed", 0)))
    if kind in datasets.POINT_GENERATORS:
        code = _generator_code(kind, spec, w)
        imports: list[str] = []
    elif kind == "digits":
        code, imports = _digits_code(spec, w), ["gzip"]
    elif kind in image_sets.IMAGE_SETS:
        code, imports = _idx_code(kind, spec, w), ["gzip"]
    else:
        raise UserError("The data '{0}' cannot be written into a PyTorch script.", str(kind))
    return helpers + code + _split_call(own, config, w), imports


def _split_call(own: tuple[float, int], config: TrainingConfig, w: Words) -> str:
    """``load_data()``'s last lines: the split of the data, or else the trainer's."""
    fraction, seed = own
    lines = ["    # " + w("the training and validation samples, as nnviz splits them",
                          "las muestras de entrenamiento y de validación, como las separa nnviz")]
    if fraction:
        lines.append(f"    train_idx, val_idx = split(len(x), {fraction!r}, seed={seed!r})")
        if config.val_fraction > 0:
            lines += [
                "    if len(val_idx) == 0:  # " + w(
                    "too few samples for the data's own validation part: nnviz holds out VAL_FRACTION",
                    "muy pocas muestras para la validación de los datos: nnviz aparta VAL_FRACTION"),
                "        train_idx, val_idx = split(len(x), VAL_FRACTION, seed=SEED)",
            ]
    elif config.val_fraction > 0:
        lines.append("    train_idx, val_idx = split(len(x), VAL_FRACTION, seed=SEED)")
    else:
        lines.append("    train_idx, val_idx = split(len(x), 0.0, seed=0)  # " + w(
            "no validation part: every sample trains", "sin validación: todas las muestras entrenan"))
    lines.append("    return x, labels, train_idx, val_idx")
    return "\n".join(lines) + "\n"


def _generator_code(kind: str, spec: dict[str, Any], w: Words) -> str:
    values = _settings(kind, spec)
    datasets.make({k: v for k, v in spec.items() if k not in ("val_fraction", "split_seed")})  # refuses bad settings
    names = [k for k in values if k != "seed"]
    helpers = LABELLED_CODE.format(
        counts=w("n samples split into k near-equal class sizes.",
                 "n muestras repartidas en k clases de tamaños casi iguales."),
        labelled=w("Every class's points together, labelled 0, 1, … by class, in a random order.",
                   "Los puntos de todas las clases juntos, con etiqueta 0, 1, … por clase, en orden aleatorio."),
    )
    doc = w(f"nnviz's '{kind}' data set: the same random numbers, so the same points.",
            f"El conjunto '{kind}' de nnviz: los mismos números aleatorios, así que los mismos puntos.")
    body = GENERATOR_BODIES[kind].format(**_generator_words(w))
    settings = "\n".join(f"    {k} = {values[k]!r}" for k in names)
    return (
        helpers + "\n\ndef load_data():\n"
        f'    """{doc}"""\n'
        f"{settings}\n"
        f"    rng = np.random.default_rng({values['seed']!r})\n"
        f"{body}"
        "    x, labels = labelled(parts, rng)\n"
    )


def _digits_code(spec: dict[str, Any], w: Words) -> str:
    values = _settings("digits", spec)
    datasets.make({k: v for k, v in spec.items() if k not in ("val_fraction", "split_seed")})
    n, noise, seed = values["n"], values["noise"], values["seed"]
    lines = [
        "",
        "# " + w("the 8×8 handwritten digits that come with nnviz (UCI, CC BY 4.0): 64 pixels and the digit",
                 "los dígitos manuscritos de 8×8 que trae nnviz (UCI, CC BY 4.0): 64 píxeles y el dígito"),
        f"DIGITS_FILE = Path({str(digits_path())!r})",
        "",
        "",
        "def load_data():",
        '    """' + w("The digits, pixels 0…16 scaled to [0, 1].", "Los dígitos, píxeles 0…16 llevados a [0, 1].")
        + '"""',
        '    with gzip.open(DIGITS_FILE, "rt", encoding="ascii") as fh:',
        '        table = np.loadtxt(fh, delimiter=",", dtype=np.int64)',
        "    x = table[:, :-1].astype(np.float64) / 16.0",
        "    labels = table[:, -1]",
        f"    rng = np.random.default_rng({seed!r})",
    ]
    if n is not None:
        lines += [
            "    # " + w(f"a random subset of {n} images", f"un subconjunto aleatorio de {n} imágenes"),
            f"    keep = np.sort(rng.choice(len(x), size={n!r}, replace=False))",
            "    x, labels = x[keep], labels[keep]",
        ]
    if noise:
        lines.append(f"    x = np.clip(x + rng.normal(0.0, {noise!r}, size=x.shape), 0.0, 1.0)")
    return "\n".join(lines) + "\n"


def _idx_code(kind: str, spec: dict[str, Any], w: Words) -> str:
    values = _settings(kind, spec)
    if values["noise"]:
        raise UserError("Data set '{0}': 'noise' is not supported.", kind)
    part = values["part"]
    if part not in ("train", "test"):
        raise UserError("Data set '{0}': 'part' must be train or test, not {1!r}.", kind, part)
    folder = image_sets.folder_of(kind, values["path"]).resolve()
    prefix = "train" if part == "train" else "t10k"
    n, seed = values["n"], values["seed"]
    lines = [
        "",
        "# " + w(f"the folder with {kind}'s IDX files (gzipped or not)",
                 f"la carpeta con los ficheros IDX de {kind} (comprimidos con gzip o no)"),
        f"IMAGE_FOLDER = Path({str(folder)!r})",
        "",
        "",
        "def read_idx(stem):",
        '    """' + w("One IDX file of IMAGE_FOLDER as a numpy array (header: 4 bytes, then one size per axis).",
                      "Un fichero IDX de IMAGE_FOLDER como array de numpy (cabecera: 4 bytes y un tamaño por eje).")
        + '"""',
        '    for name in (stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"):',
        "        path = IMAGE_FOLDER / name",
        "        if path.is_file():",
        "            raw = path.read_bytes()",
        '            if raw[:2] == b"\\x1f\\x8b":',
        "                raw = gzip.decompress(raw)",
        "            ndim = raw[3]",
        '            shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))',
        "            return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)",
        '    raise FileNotFoundError(f"{stem} is not in {IMAGE_FOLDER}")',
        "",
        "",
        "def load_data():",
        '    """' + w(f"{kind}'s {'training' if part == 'train' else 'test'} images, pixels v / 255 in float32.",
                      f"Las imágenes de {'entrenamiento' if part == 'train' else 'test'} de {kind}, "
                      "píxeles v / 255 en float32.") + '"""',
        f'    images = read_idx("{prefix}-images-idx3-ubyte")',
        f'    labels = read_idx("{prefix}-labels-idx1-ubyte").astype(np.int64)',
    ]
    if n is not None:
        lines += [
            "    # " + w(f"a random subset of {n} images", f"un subconjunto aleatorio de {n} imágenes"),
            f"    keep = np.sort(np.random.default_rng({seed!r}).choice(len(images), size={n!r}, replace=False))",
            "    images, labels = images[keep], labels[keep]",
        ]
    lines.append("    x = np.divide(images.reshape(len(images), -1), np.float32(255.0), dtype=np.float32)")
    return "\n".join(lines) + "\n"


def _points_code(
    spec: dict[str, Any], config: TrainingConfig, dataset: Dataset | None, w: Words
) -> str:
    """Literal points with the split nnviz trains with (the window's, when given)."""
    ds = dataset if dataset is not None else datasets.make(spec)
    if ds.val_idx.size == 0 and config.val_fraction > 0:
        ds = split(ds.without_split(), config.val_fraction, config.seed)
    rows = ",\n".join(f"        [{', '.join(repr(float(v)) for v in row)}]" for row in ds.x)
    if ds.values is not None:
        targets = ",\n".join(f"        [{', '.join(repr(float(v)) for v in row)}]" for row in ds.values)
        y_line = f"    labels = np.array([\n{targets},\n    ])  # " + w(
            "the desired outputs d (numbers to learn)", "las salidas deseadas d (números que aprender)")
    else:
        y_line = f"    labels = np.array({[int(v) for v in ds.y]!r})  # " + w("the classes", "las clases")
    return (
        "\n\ndef load_data():\n"
        '    """' + w("The points given one by one, with the split nnviz trains with.",
                      "Los puntos dados uno a uno, con la separación con la que entrena nnviz.") + '"""\n'
        f"    x = np.array([\n{rows},\n    ])\n"
        f"{y_line}\n"
        f"    train_idx = np.array({[int(i) for i in ds.train_idx]!r}, dtype=np.int64)\n"
        f"    val_idx = np.array({[int(i) for i in ds.val_idx]!r}, dtype=np.int64)\n"
        "    return x, labels, train_idx, val_idx\n"
    )


# ------------------------------------------------------------------ tables
def _csv_code(
    source: DataSource, config: TrainingConfig, dataset: Dataset | None, w: Words
) -> tuple[str, list[str]]:
    if dataset is None or dataset.source != source:
        from nnviz.core.data.source import build

        dataset = build(source)
    fmt = source.format
    assert fmt is not None
    regression = dataset.is_regression
    number = "float(cell.strip().replace(\",\", \".\"))" if fmt.decimal == "," else "float(cell.strip())"
    if fmt.delimiter == " ":
        rows = "(line.split() for line in fh)  # " + w("fields apart by spaces", "campos separados por espacios")
    else:
        rows = f"csv.reader(fh, delimiter={fmt.delimiter!r}, quotechar={fmt.quotechar!r})"
    lines = [
        "",
        "# " + w("the table nnviz imported, and how it is written",
                 "la tabla que importó nnviz, y cómo está escrita"),
        f"CSV_FILE = Path({str(Path(source.path).resolve())!r})",
        f"LABEL_COLUMN = {source.label!r}  # " + w("columns counted from 0", "columnas contadas desde 0"),
        f"FEATURE_COLUMNS = {list(source.features)!r}",
        "",
        "",
        "def number(cell):",
        f"    return {number}",
        "",
        "",
        "def read_table():",
        '    """' + w("The feature columns (as numbers) and the label column (as text) of every row.",
                      "Las columnas de variables (como números) y la de la etiqueta (como texto) de cada fila.")
        + '"""',
        "    features, labels = [], []",
        f"    with open(CSV_FILE, encoding={fmt.encoding!r}, newline=\"\") as fh:",
        f"        rows = {rows}",
    ]
    if fmt.header:
        lines.append("        header = True  # " + w("the first row names the columns",
                                                     "la primera fila da los nombres de las columnas"))
    lines += [
        "        for row in rows:",
        "            if not row or (len(row) == 1 and not row[0].strip()):",
        "                continue  # " + w("a blank line", "una línea en blanco"),
    ]
    if fmt.header:
        lines += ["            if header:", "                header = False", "                continue"]
    lines += [
        "            features.append([number(row[j]) for j in FEATURE_COLUMNS])",
        "            labels.append(row[LABEL_COLUMN].strip())",
        "    return np.array(features, dtype=np.float64), labels",
        "",
        "",
        "def standardisation(values, rows):",
        '    """' + w("Mean and standard deviation of each column over the training rows "
                      "(a constant column: its value and 1).",
                      "Media y desviación típica de cada columna en las filas de entrenamiento "
                      "(una columna constante: su valor y 1).") + '"""',
        "    part = values[rows]",
        "    mean, std = part.mean(axis=0), part.std(axis=0)",
        "    constant = (part.max(axis=0) == part.min(axis=0)) | ~(std > 0)",
        "    return np.where(constant, part.min(axis=0), mean), np.where(constant, 1.0, std)",
        "",
        "",
        "def load_data():",
        '    """' + w("The table: classes or numbers to predict, split, then standardised "
                      "with the training rows only.",
                      "La tabla: clases o números que predecir, separada y después estandarizada "
                      "solo con las filas de entrenamiento.") + '"""',
        "    x, cells = read_table()",
    ]
    if regression:
        lines += [
            "    # " + w("the label is a number to predict (a regression)",
                         "la etiqueta es un número que predecir (una regresión)"),
            "    labels = np.array([number(c) for c in cells])[:, None]",
        ]
    else:
        lines += [
            "    # " + w("the classes: the label names, sorted (numbers by value), give the indices 0, 1, …",
                         "las clases: los nombres de las etiquetas, ordenados (los números por su valor), "
                         "dan los índices 0, 1, …"),
            "    try:",
            "        _, labels = np.unique([number(c) for c in cells], return_inverse=True)",
            "    except ValueError:  # " + w("names, not numbers", "nombres, no números"),
            "        names = sorted(set(cells), key=lambda s: (s.casefold(), s))",
            "        labels = np.array([names.index(c) for c in cells])",
            "    labels = labels.reshape(-1).astype(np.int64)",
        ]
    lines += [
        f"    train_idx, val_idx = split(len(x), {source.val_fraction!r}, seed={source.seed!r})",
        "    mean, std = standardisation(x, train_idx)",
        "    x = (x - mean) / std  # " + w("x' = (x − mean) / std", "x' = (x − media) / desviación típica"),
    ]
    if regression:
        lines += [
            "    t_mean, t_std = standardisation(labels, train_idx)",
            "    labels = (labels - t_mean) / t_std",
        ]
    if source.val_fraction == 0 and config.val_fraction > 0:
        lines += [
            "    # " + w("the table keeps no validation rows: nnviz holds out VAL_FRACTION of them",
                         "la tabla no aparta filas de validación: nnviz aparta VAL_FRACTION"),
            "    train_idx, val_idx = split(len(x), VAL_FRACTION, seed=SEED)",
        ]
    elif source.val_fraction > 0 and config.val_fraction > 0:
        lines += [
            "    if len(val_idx) == 0:  # " + w("too few rows: nnviz holds out VAL_FRACTION",
                                                 "muy pocas filas: nnviz aparta VAL_FRACTION"),
            "        train_idx, val_idx = split(len(x), VAL_FRACTION, seed=SEED)",
        ]
    lines.append("    return x, labels, train_idx, val_idx")
    return "\n".join(lines) + "\n", ["csv"]
