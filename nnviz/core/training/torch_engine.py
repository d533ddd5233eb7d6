"""The PyTorch engine: trains any network on cpu, cuda or mps.

The data live on the device as tensors for the whole run; a batch is an
``index_select`` of the epoch's order, so no per-sample Python loop and no
host synchronisation per update (metrics are read once per epoch). The math
is the one written down in :mod:`nnviz.core.training.engine`.

On request (:meth:`TorchEngine.set_dropout_recording`, for a class watching
training in slow motion) it keeps the dropout masks of its last training
batch; otherwise it keeps nothing and pays nothing for them.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.costs import torch_threads
from nnviz.core.training.engine import EngineData

_HIDDEN = {
    "identity": lambda a: a,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
}


class TorchEngine:
    """An MLP built from a :class:`Network`: ``h_{l+1} = f(h_l @ W_l + b_l)``.

    Weights are kept in the Network's layout (``W_l`` is ``(n_l, n_{l+1})``),
    so reading and writing them needs no transpose.
    """

    name = "torch"
    batches_per_call = 1

    def __init__(
        self, network: Network, data: EngineData, config: TrainingConfig, device: str
    ) -> None:
        self.dtype = torch.float64 if config.dtype == "float64" else torch.float32
        if device.startswith("mps"):
            self.dtype = torch.float32  # mps has no float64
        dev = torch.device(device)
        if dev.type == "cuda" and dev.index is None:
            dev = torch.device("cuda", torch.cuda.current_device())
        self._dev = dev
        self.device = str(dev)
        self.activations = list(network.activations)
        self.loss = config.loss
        self.threshold = data.threshold
        self.dropout = config.dropout_for(len(network.layers) - 2)
        self._threads_before: int | None = None
        if dev.type == "cpu":
            # threads from the batch's work (see nnviz.core.training.costs.torch_threads)
            n_train = max(1, len(data.x_train))
            batch = config.batch_size if 0 < config.batch_size < n_train else n_train
            threads = torch_threads(batch * network.n_edges, torch.get_num_threads())
            if threads < torch.get_num_threads():
                self._threads_before = torch.get_num_threads()
                torch.set_num_threads(threads)
        self._gen = torch.Generator(device=dev)
        self._gen.manual_seed(int(config.seed))

        def put(a: np.ndarray, dtype: torch.dtype | None = None) -> torch.Tensor:
            # torch.tensor copies: the engine never shares memory with the caller's arrays
            return torch.tensor(np.asarray(a), dtype=dtype or self.dtype, device=dev)

        def share(a: np.ndarray, dtype: torch.dtype | None = None) -> torch.Tensor:
            """The data: read only, so a CPU tensor may share the trainer's own copy
            (60,000 × 784 samples are not copied again); other devices get one copy."""
            return torch.from_numpy(np.ascontiguousarray(a)).to(dev, dtype or self.dtype)

        self._x = {"train": share(data.x_train), "val": share(data.x_val)}
        self._t = {"train": share(data.t_train), "val": share(data.t_val)}
        self._y = {"train": share(data.y_train, torch.long), "val": share(data.y_val, torch.long)}
        self.weights = [put(w).requires_grad_(True) for w in network.weights]
        self.biases = [put(b).requires_grad_(True) for b in network.biases]
        self.optimizer_name = config.optimizer
        self._hyper = {"lr": config.lr, "momentum": config.momentum, "l2": config.l2, "l1": config.l1}
        self._betas, self._eps = tuple(config.betas), config.eps
        self._make_optimizer()
        self._order = torch.arange(len(data.x_train), device=dev)
        self._err_sum = torch.zeros((), dtype=self.dtype, device=dev)
        self._err_n = 0
        #: batch errors not yet added to _err_sum: folded in order, in chunks,
        #: so an update costs no tensor arithmetic for a figure rarely read
        self._errs: list[tuple[torch.Tensor, int]] = []
        #: softmax cross-entropy reads the labels, every other error the targets
        self._uses_labels = self.loss == "cross_entropy" and self.activations[-1] == "softmax"
        #: classes predicted by the last evaluate() of each part (for a confusion matrix)
        self._pred: dict[str, torch.Tensor] = {}
        #: keep the dropout masks of the last training batch (set_dropout_recording)
        self.record_dropout = False
        #: per hidden layer, the kept-or-not tensor (|B|, n) of the last batch, or
        #: None for a layer without dropout; empty when nothing was recorded
        self._masks: list[torch.Tensor | None] = []

    # ------------------------------------------------------------ optimizer
    def _make_optimizer(self) -> None:
        h = self._hyper
        if h["l2"] == 0.0:
            # one group while there is no L2 penalty: one fused optimizer step
            # per update instead of two (same rule: weight_decay 0 for all)
            groups = [{"params": [*self.weights, *self.biases], "weight_decay": 0.0}]
        else:
            groups = [
                {"params": self.weights, "weight_decay": h["l2"]},
                {"params": self.biases, "weight_decay": 0.0},
            ]
        if self.optimizer_name == "adam":
            self.opt: torch.optim.Optimizer = torch.optim.Adam(
                groups, lr=h["lr"], betas=self._betas, eps=self._eps
            )
        else:
            self.opt = torch.optim.SGD(groups, lr=h["lr"], momentum=h["momentum"])

    def set_hyper(self, *, lr: float, momentum: float, l2: float, l1: float) -> None:
        self._hyper = {"lr": lr, "momentum": momentum, "l2": l2, "l1": l1}
        if l2 != 0.0 and len(self.opt.param_groups) == 1:
            # L2 switched on: split weights and biases into two groups, keeping
            # the per-parameter state (momentum, Adam's moments and step count)
            state = dict(self.opt.state)
            self._make_optimizer()
            self.opt.state.update(state)
        for group in self.opt.param_groups:
            group["lr"] = lr
            if self.optimizer_name == "sgd":
                group["momentum"] = momentum
        self.opt.param_groups[0]["weight_decay"] = l2

    def reset_optimizer(self) -> None:
        self._make_optimizer()

    def _packed_params(self) -> list[torch.Tensor]:
        """The parameters in the packed layout's order: layer l's weights, then its biases."""
        return [p for pair in zip(self.weights, self.biases, strict=True) for p in pair]

    def optimizer_state(self) -> tuple[np.ndarray, np.ndarray, int]:
        """torch's per-parameter state (``momentum_buffer``, or Adam's ``exp_avg``,
        ``exp_avg_sq`` and ``step``) in the packed layout, as the other engines give it."""
        params = self._packed_params()
        n = sum(p.numel() for p in params)
        first, second, steps = np.zeros(n), np.zeros(n), 0
        pos = 0
        first_key = "exp_avg" if self.optimizer_name == "adam" else "momentum_buffer"
        for p in params:
            k = p.numel()
            state = self.opt.state.get(p, {})
            buf = state.get(first_key)
            if buf is not None:
                first[pos : pos + k] = buf.detach().reshape(-1).double().cpu().numpy()
            if self.optimizer_name == "adam":
                sq = state.get("exp_avg_sq")
                if sq is not None:
                    second[pos : pos + k] = sq.detach().reshape(-1).double().cpu().numpy()
                step = state.get("step")
                if step is not None:
                    steps = int(float(step))
            pos += k
        return first, second, steps

    def set_optimizer_state(self, first: np.ndarray, second: np.ndarray, steps: int) -> None:
        """The inverse of :meth:`optimizer_state`: nothing to take over at step 0
        (torch then starts its state at the first update, as from zeros)."""
        self.opt.state.clear()
        adam = self.optimizer_name == "adam"
        if adam and int(steps) <= 0:
            return
        if not adam and not np.any(first):
            return
        pos = 0
        for p in self._packed_params():
            k = p.numel()
            # float64 arrays of the file, in the parameter's shape, dtype and device
            m, v = (torch.tensor(a[pos : pos + k].reshape(p.shape), dtype=p.dtype, device=p.device)
                    for a in (first, second))
            if adam:
                self.opt.state[p] = {"step": torch.tensor(float(steps), dtype=torch.float32),
                                     "exp_avg": m, "exp_avg_sq": v}
            else:
                self.opt.state[p] = {"momentum_buffer": m}
            pos += k

    # ------------------------------------------------------------ compute
    def _forward(self, x: torch.Tensor, train: bool) -> tuple[torch.Tensor, torch.Tensor]:
        """(net input a, output y) of the last layer."""
        h = x
        last = len(self.weights) - 1
        # the masks only when asked: references to tensors made anyway, no copy
        masks: list[torch.Tensor | None] | None = [] if train and self.record_dropout else None
        for i, (w, b, act) in enumerate(zip(self.weights, self.biases, self.activations, strict=True)):
            a = torch.addmm(b, h, w)
            if i == last:
                if masks is not None:
                    self._masks = masks
                if act == "softmax":
                    return a, torch.softmax(a, dim=1)
                return a, _HIDDEN[act](a)
            h = _HIDDEN[act](a)
            p = self.dropout[i]
            if train and p > 0.0:
                keep = torch.rand(h.shape, generator=self._gen, device=h.device, dtype=h.dtype) >= p
                h = h * keep / (1.0 - p)
                if masks is not None:
                    masks.append(keep)
            elif masks is not None:
                masks.append(None)
        raise AssertionError("a network has at least one weight layer")

    def _error(
        self, a: torch.Tensor, y: torch.Tensor, t: torch.Tensor, labels: torch.Tensor
    ) -> torch.Tensor:
        """Mean error over the rows (see the math in nnviz.core.training.engine)."""
        n = a.shape[0]
        if self.loss == "cross_entropy":
            if self.activations[-1] == "softmax":
                return F.cross_entropy(a, labels)
            return F.binary_cross_entropy_with_logits(a, t, reduction="sum") / n
        return 0.5 * torch.sum((y - t) ** 2) / n

    def set_order(self, order: np.ndarray) -> None:
        self._order = torch.as_tensor(np.asarray(order, dtype=np.int64)).to(self._dev)
        self._err_sum = torch.zeros((), dtype=self.dtype, device=self._dev)
        self._err_n = 0
        self._errs = []

    def _fold_errors(self) -> None:
        for err, n in self._errs:
            self._err_sum += err * n
            self._err_n += n
        self._errs = []

    def run_batches(self, start: int, n_batches: int, batch_size: int) -> int:
        n = self._order.shape[0]
        x, t, labels = self._x["train"], self._t["train"], self._y["train"]
        pos = start
        for _ in range(n_batches):
            if pos >= n:
                break
            end = min(pos + batch_size, n)
            idx = self._order[pos:end]
            a, y = self._forward(x.index_select(0, idx), train=True)
            if self._uses_labels:
                err = self._error(a, y, t, labels.index_select(0, idx))
            else:
                err = self._error(a, y, t.index_select(0, idx), labels)
            loss = err
            l1 = self._hyper["l1"]
            if l1:
                loss = loss + l1 * sum(w.abs().sum() for w in self.weights)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self._errs.append((err.detach(), end - pos))
            if len(self._errs) >= 256:
                self._fold_errors()
            pos = end
        return pos

    @torch.no_grad()
    def evaluate(self, part: str) -> tuple[float, float]:
        x = self._x[part]
        if x.shape[0] == 0:
            return float("nan"), float("nan")
        a, y = self._forward(x, train=False)
        labels = self._y[part]
        err = self._error(a, y, self._t[part], labels)
        if y.shape[1] > 1:
            pred = torch.argmax(y, dim=1)
        else:
            pred = (y[:, 0] > self.threshold).long()
        acc = (pred == labels).to(self.dtype).mean()
        e, c = torch.stack([err.to(self.dtype), acc]).tolist()
        self._pred[part] = pred
        return float(e), float(c)

    def set_dropout_recording(self, on: bool) -> None:
        """Keep (True) or not (False) the dropout masks of each training batch for
        :meth:`dropout_masks`; off (the default) nothing is kept."""
        self.record_dropout = bool(on)
        if not on:
            self._masks = []

    def dropout_masks(self, samples: int | None = 1) -> list[np.ndarray] | None:
        """The masks m of the last training batch while recording: per hidden
        layer a bool array (samples, n_l), True where m = 1 (kept), for the
        batch's first ``samples`` samples (all for None); all True in a layer
        without dropout. None when nothing was recorded or dropout is off."""
        if not self._masks or not any(m is not None for m in self._masks):
            return None
        rows = next(m.shape[0] for m in self._masks if m is not None)
        rows = rows if samples is None else min(rows, int(samples))
        hidden = [w.shape[1] for w in self.weights[:-1]]
        return [
            np.ones((rows, n), bool) if m is None else m[:rows].to("cpu").numpy().astype(bool)
            for m, n in zip(self._masks, hidden, strict=True)
        ]

    def predictions(self, part: str) -> np.ndarray | None:
        pred = self._pred.get(part)
        return None if pred is None else pred.to("cpu").numpy()

    def epoch_error(self) -> float:
        self._fold_errors()
        if self._err_n == 0:
            return float("nan")
        return float(self._err_sum.item()) / self._err_n

    # ------------------------------------------------------------ parameters
    def get_parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        def host(p: torch.Tensor) -> np.ndarray:
            return p.detach().to("cpu", torch.float64).numpy().copy()

        return [host(w) for w in self.weights], [host(b) for b in self.biases]

    @torch.no_grad()
    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        for p, v in zip([*self.weights, *self.biases], [*weights, *biases], strict=True):
            p.copy_(torch.as_tensor(np.asarray(v), dtype=self.dtype))

    def close(self) -> None:
        self._masks = []
        self._pred.clear()
        self._x.clear()
        self._t.clear()
        self._y.clear()
        self.opt.state.clear()
        if self._threads_before is not None:
            torch.set_num_threads(self._threads_before)
            self._threads_before = None
