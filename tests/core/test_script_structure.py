"""The lecture's PyTorch structure (:func:`script_structure`) shared by the exported script and
the PyTorch structure panel: its line of each loop stage, and the script ending with its lines."""

from __future__ import annotations

import pytest

from nnviz.core.data.source import DataSource
from nnviz.core.lessons import load_lesson
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.pytorch_script import LOOP_STAGES, pytorch_script, script_structure

#: what each stage's line of the loop says, written out here independently of the generator
EXPECTED = {
    "zero_grad": "optimizer.zero_grad()",
    "forward": "output = model(x_train[batch])",
    "loss": "error = criterion(output, d_train[batch])",
    "backward": "loss.backward()",
    "step": "optimizer.step()",
}

CASES = [
    ("spiral", {}),
    ("spiral", {"optimizer": "adam", "l1": 0.01}),
    ("circles", {"dropout": [0.3], "l2": 0.001}),
    ("digits", {"loss": "cross_entropy"}),
    ("mlp-xor", {}),
]


def _config(lesson, extra):
    base = lesson.training if lesson.mode == "train" else {"loss": "mse", "optimizer": "sgd", "lr": 1.0,
                                                          "batch_size": 1, "val_fraction": 0.0}
    return TrainingConfig.from_dict({**TrainingConfig.from_dict(base).to_dict(), **extra})


@pytest.mark.parametrize(("name", "extra"), CASES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_stage_is_its_line_and_the_script_ends_with_the_structure(name, extra, lang):
    lesson = load_lesson(name)
    config = _config(lesson, extra)
    s = script_structure(lesson.network, config, lang, weights=True)
    assert tuple(s.stages) == LOOP_STAGES
    order = [s.stages[k] for k in LOOP_STAGES]
    assert order == sorted(order) and len(set(order)) == 5
    for stage, code in EXPECTED.items():
        assert s.lines[s.stages[stage]].split("#")[0].strip() == code
    assert s.lines[s.loop[0]].startswith("for epoch in range(") and s.loop[1] == s.stages["step"]
    assert s.lines[0].startswith("# ---") and "class Net(nn.Module):" in s.lines
    assert any(line.strip() == "def forward(self, x):" for line in s.lines)
    assert any(line.startswith("model = Net()") for line in s.lines)
    # the exported script is these very lines at its end, and is Python
    script = pytorch_script(lesson.network, config, DataSource.from_spec(lesson.data), "w.safetensors", lang)
    assert script.endswith(s.text)
    compile(script, "net.py", "exec")
    # the line map read against the script's own text
    lines = script.split("\n")
    offset = len(lines) - len(s.lines)
    for stage, code in EXPECTED.items():
        assert lines[offset + s.stages[stage]].split("#")[0].strip() == code


def test_the_slides_comments_in_spanish_and_in_english():
    lesson = load_lesson("spiral")
    config = _config(lesson, {})
    es = script_structure(lesson.network, config, "es")
    en = script_structure(lesson.network, config, "en")
    assert es.lines[es.stages["zero_grad"]].endswith("# 1. poner a cero los gradientes")
    assert es.lines[es.stages["forward"]].endswith("# 2. cálculo de la salida (feedforward)")
    assert es.lines[es.stages["loss"]].endswith("# 3. cálculo de la pérdida")
    assert "# 4. propagación hacia atrás" in es.lines[es.stages["backward"]]
    assert "# 5. iteración del optimizador" in es.lines[es.stages["step"]]
    assert en.lines[en.stages["zero_grad"]].endswith("# 1. zero the gradients")
    assert "# 4. backpropagation" in en.lines[en.stages["backward"]]


def test_weights_and_frozen_biases_change_the_instance_as_the_script_does():
    lesson = load_lesson("mlp-xor")
    config = _config(lesson, {})
    plain = script_structure(lesson.network, config, weights=False)
    loaded = script_structure(lesson.network, config, weights=True, freeze_biases=True)
    assert not any("load_state_dict" in line for line in plain.lines)
    assert any("load_state_dict" in line for line in loaded.lines)
    assert any("requires_grad_(False)" in line for line in loaded.lines)
    script = pytorch_script(lesson.network, config, DataSource.from_spec(lesson.data), None, freeze_biases=True)
    assert script.endswith(script_structure(lesson.network, config, weights=False, freeze_biases=True).text)
