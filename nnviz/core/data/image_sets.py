"""MNIST and Fashion-MNIST as the lessons train them: the 60,000 training images, the 10,000 test images kept apart.

:func:`load_image_set` reads a set's four IDX files from a folder (by
default the one :mod:`nnviz.core.data.download` fills) into a
:class:`~nnviz.core.data.dataset.Dataset` of the training images (pixels
v / 255 in float32, ten classes, Fashion-MNIST's class names) whose ``test``
holds the test images. The lesson splits the training images into training
and validation parts; the test images are never trained on nor used to
choose anything, and are evaluated on their own
(:mod:`nnviz.core.training.test_set`).

When the files are missing the sentence says how to get them: the window's
Data menu, ``nnviz data download``, or the folder to put them in by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from nnviz.core.data import download
from nnviz.core.data.dataset import Dataset
from nnviz.core.data.digits import pixels_as_float32, read_mnist_part
from nnviz.core.errors import UserError

#: the image sets a lesson can name as its data ``kind``
IMAGE_SETS = ("mnist", "fashion-mnist")
CLASSES = 10

#: Fashion-MNIST's labels 0–9 (Zalando's names) in each language of the interface
CLASS_NAMES: dict[str, dict[str, list[str]]] = {
    "fashion-mnist": {
        "en": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        "es": ["Camiseta/top", "Pantalón", "Jersey", "Vestido", "Abrigo",
               "Sandalia", "Camisa", "Zapatilla", "Bolso", "Botín"],
    },
}


def class_names(key: str, lang: str = "en") -> list[str] | None:
    """The names of the set's classes in ``lang`` (English if not known); None for MNIST's digits."""
    names = CLASS_NAMES.get(key)
    if names is None:
        return None
    return list(names.get(lang) or names["en"])


def localise(ds: Dataset, lang: str) -> None:
    """Write the class names of ``ds`` (and of its test part) in ``lang``, in place.

    The names are the same list object everywhere the data set went (the
    trainer's copy, the views), so they all follow a change of language.
    """
    names = class_names(ds.name, lang)
    for part in (ds, ds.test):
        if names is not None and part is not None and part.class_names is not None:
            part.class_names[:] = names


def _check_subset(n: object, available: int, title: str) -> None:
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= available):
        raise UserError("{0}: 'n' must be a whole number from 1 to {1}, not {2!r}.", title, available, n)


def folder_of(key: str, path: str | os.PathLike[str] = "") -> Path:
    """The folder of set ``key``: ``path``, or the download folder once the files are there."""
    spec = download.remote_set(key)
    if path:
        folder = Path(path).expanduser()
        if not folder.is_dir():
            raise UserError("{0}: '{1}' is not a folder.", spec.title, folder)
        return folder
    folder = download.set_folder(key)
    if download.missing_files(key, folder):
        raise UserError(
            "{0} is not on this computer yet: in the window choose Data → Get {0}…, or run "
            "'nnviz data download {1}' (or add --download to 'nnviz train'), or put its four "
            "files in '{2}'.",
            spec.title, key, folder,
        )
    return folder


def has_test_files(folder: Path) -> bool:
    """Whether ``folder`` holds test files (gzipped or not); one without the other is then named missing."""
    names = download.SETS["mnist"].names[2:]
    return any(download.is_present(folder, name) for name in names)


def load_image_set(
    key: str,
    path: str | os.PathLike[str] = "",
    n: int | None = None,
    seed: int = 0,
    lang: str = "en",
) -> Dataset:
    """The training images of set ``key`` with the test images in ``.test``.

    ``path``: the folder with the four files (gzipped or not); empty for the
    set's download folder. A folder given by ``path`` with the training files
    only gives ``.test`` None. ``n`` keeps a random subset of that many training
    images (chosen with ``seed``); the test images are always all of them.
    """
    spec = download.remote_set(key)
    folder = folder_of(key, path)
    images, labels = read_mnist_part(folder, "train")
    if has_test_files(folder):
        test_images, test_labels = read_mnist_part(folder, "test")
    else:  # a folder of the user's with the training files only: nothing to keep apart
        test_images, test_labels = images[:0], labels[:0]
    if images.shape[1:] != test_images.shape[1:]:
        raise UserError("{0}: the training and test images in '{1}' differ in size.", spec.title, folder)
    if max(int(labels.max(initial=0)), int(test_labels.max(initial=0))) >= CLASSES:
        raise UserError("{0}: the labels in '{1}' must be the classes 0 to 9.", spec.title, folder)
    _check_subset(n, len(images), spec.title)
    if n is not None:
        keep = np.sort(np.random.default_rng(seed).choice(len(images), size=n, replace=False))
        images, labels = images[keep], labels[keep]
    shape = (int(images.shape[1]), int(images.shape[2]))
    names = class_names(key, lang)
    test = None
    if len(test_images):
        test = Dataset(
            pixels_as_float32(test_images), test_labels.astype(np.int64), CLASSES, name=f"{key}-test",
            image_shape=shape, class_names=names,
        )
    ds = Dataset(
        pixels_as_float32(images), labels.astype(np.int64), CLASSES, name=key, image_shape=shape,
        class_names=names, test=test,
    )
    return ds
