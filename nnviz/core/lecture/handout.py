"""A worked example of one backprop update as a handout: Markdown or LaTeX.

Each formula appears symbolic (as on the slide, with the concrete indices),
then with the numbers substituted and its value, grouped under the seven steps
of the slides' summary ("Algoritmo backpropagation. Resumen"), in Spanish or
English. The LaTeX document needs only the ``amsmath`` package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nnviz.core.lecture.backprop import UpdateTrace, error_of
from nnviz.core.lecture.formulas import ACTIVATION_NAMES, STEP6_CONSISTENT, Notation, num, vec
from nnviz.core.lecture.steps import SLIDE_STEP_TITLES, Step
from nnviz.core.lecture.torch_check import torch_snippet
from nnviz.core.model.network import Network

# the chain rule's sentence, after the squared error's note
_CHAIN = {
    "es": (
        " Antes de los deltas, la regla de la cadena: $\\dfrac{{\\partial E}}{{\\partial\\omega_{{jk}}}} = "
        "\\dfrac{{\\partial E}}{{\\partial y_k}}\\cdot\\dfrac{{\\partial y_k}}{{\\partial \\mathrm{{net}}_k}}"
        "\\cdot\\dfrac{{\\partial \\mathrm{{net}}_k}}{{\\partial\\omega_{{jk}}}} = -(d_k-y_k)\\,f'(\\mathrm{{net}}_k)"
        "\\,h_j$. El producto de los dos primeros factores, cambiado de signo, es $\\delta_k = "
        "-\\partial E/\\partial \\mathrm{{net}}_k$: así $\\partial E/\\partial\\omega_{{jk}} = -\\delta_k h_j$ y "
        "$\\Delta\\omega_{{jk}} = -\\eta\\,\\partial E/\\partial\\omega_{{jk}} = \\eta\\,\\delta_k h_j$."
    ),
    "en": (
        " Before the deltas, the chain rule: $\\dfrac{{\\partial E}}{{\\partial\\omega_{{jk}}}} = "
        "\\dfrac{{\\partial E}}{{\\partial y_k}}\\cdot\\dfrac{{\\partial y_k}}{{\\partial \\mathrm{{net}}_k}}"
        "\\cdot\\dfrac{{\\partial \\mathrm{{net}}_k}}{{\\partial\\omega_{{jk}}}} = -(d_k-y_k)\\,f'(\\mathrm{{net}}_k)"
        "\\,h_j$. The product of the first two factors, with its sign changed, is $\\delta_k = "
        "-\\partial E/\\partial \\mathrm{{net}}_k$: so $\\partial E/\\partial\\omega_{{jk}} = -\\delta_k h_j$ and "
        "$\\Delta\\omega_{{jk}} = -\\eta\\,\\partial E/\\partial\\omega_{{jk}} = \\eta\\,\\delta_k h_j$."
    ),
}
_SOFTMAX_NOTE = {
    "es": (
        "La salida es softmax, $y_k = e^{{\\mathrm{{net}}_k}}/\\sum_i e^{{\\mathrm{{net}}_i}}$: cada $y_k$ depende de "
        "todas las entradas netas. El error es la entropía cruzada $E = -\\sum_k d_k \\log y_k$, y con ella "
        "$\\partial E/\\partial \\mathrm{{net}}_k = \\sum_i \\frac{{\\partial E}}{{\\partial y_i}}"
        "\\frac{{\\partial y_i}}{{\\partial \\mathrm{{net}}_k}} = y_k - d_k$. Con el convenio de signo de los "
        "demás pasos, $\\delta_k = -\\partial E/\\partial \\mathrm{{net}}_k = d_k - y_k$ (a menudo se escribe "
        "$\\delta_k = y_k - d_k$, que es $\\partial E/\\partial \\mathrm{{net}}_k$), y "
        "$\\partial E/\\partial\\omega_{{jk}} = -\\delta_k h_j$."
    ),
    "en": (
        "The output is softmax, $y_k = e^{{\\mathrm{{net}}_k}}/\\sum_i e^{{\\mathrm{{net}}_i}}$: every $y_k$ depends on "
        "every net input. The error is the cross-entropy $E = -\\sum_k d_k \\log y_k$, and with it "
        "$\\partial E/\\partial \\mathrm{{net}}_k = \\sum_i \\frac{{\\partial E}}{{\\partial y_i}}"
        "\\frac{{\\partial y_i}}{{\\partial \\mathrm{{net}}_k}} = y_k - d_k$. With the sign convention of the "
        "other steps, $\\delta_k = -\\partial E/\\partial \\mathrm{{net}}_k = d_k - y_k$ (often written "
        "$\\delta_k = y_k - d_k$, which is $\\partial E/\\partial \\mathrm{{net}}_k$), and "
        "$\\partial E/\\partial\\omega_{{jk}} = -\\delta_k h_j$."
    ),
}
_DROPOUT_NOTE = {
    "es": "Dropout con $p = {p}$: neuronas ocultas apagadas en esta actualización: {dropped}. La capa siguiente "
          "recibe $\\tilde h_j = m_j h_j/(1-p)$; el delta de una neurona apagada es 0 y sus pesos no cambian.",
    "en": "Dropout with $p = {p}$: hidden neurons dropped in this update: {dropped}. The next layer gets "
          "$\\tilde h_j = m_j h_j/(1-p)$; a dropped neuron's delta is 0 and its weights do not change.",
}
_NONE = {"es": "ninguna", "en": "none"}

_T: dict[str, dict[str, str]] = {
    "es": {
        "title": "Backpropagation paso a paso: una actualización de los pesos",
        "step": "Paso",
        "network": "Red: capas {layers}; activaciones: {acts}.",
        "sample": "Muestra: entrada $\\mathbf{{x}} = {x}$ y salida deseada $\\mathbf{{d}} = {d}$.",
        "eta": "Tasa de aprendizaje $\\eta = {eta}$. {biases}",
        "frozen": "Los sesgos están congelados: no se actualizan.",
        "free": "Los sesgos también se actualizan.",
        "initial": "Pesos y sesgos iniciales:",
        "notation": (
            "Notación de las diapositivas: $x_i$ son las entradas, $h_j$ las salidas de una capa oculta "
            "e $y_k$ las de la red; $\\omega_{{jk}}$ es el peso de la neurona $j$ de una capa a la neurona "
            "$k$ de la siguiente. Con índices concretos, el superíndice de $\\omega^{{(l)}}_{{jk}}$ y "
            "$b^{{(l)}}_k$ dice a qué capa llega el peso (1 es la primera capa después de la entrada), "
            "y $\\mathrm{{net}}$ es la entrada neta de una neurona: la suma ponderada más el sesgo."
        ),
        "note3": (
            "El error $E = \\frac{{1}}{{2}}\\|\\mathbf{{d}}-\\mathbf{{y}}\\|^2$ mide lo lejos que está la "
            "salida de la deseada. El delta de cada neurona de salida, "
            "$\\delta_k = (d_k-y_k)\\,f'(\\mathrm{{net}}_k)$, es su parte en ese error; para la sigmoide "
            "$f' = y_k(1-y_k)$, como en las diapositivas."
        ),
        "note6": (
            "Las diapositivas escriben $\\Delta\\omega_{{ij}} = \\eta\\,h_j(1-h_j)\\,x_i\\sum_{{j=1}}^{{m}}"
            "\\delta_j\\,\\omega_{{ij}}$. Con su propio convenio ($\\omega_{{jk}}$ va de la neurona $j$ a la "
            "$k$) la suma recorre las neuronas $k$ de la capa siguiente: ${step6}$. Aquí va en dos partes: "
            "primero el delta de cada neurona oculta, $\\delta_j = f'(\\mathrm{{net}}_j)\\sum_k \\delta_k\\,"
            "\\omega_{{jk}}$, con los pesos de antes de esta actualización, y después "
            "$\\Delta\\omega_{{ij}} = \\eta\\,\\delta_j\\,x_i$."
        ),
        "into": "pesos que llegan a la capa {layer}",
        "first": "la primera de las {n} capas ocultas",
        "result": "Resultado",
        "before": "Error antes de la actualización: $E = {e}$.",
        "after1": "Error después de la actualización (con una nueva pasada hacia delante): $E = {e}$.",
        "afterN": "Error después de {n} actualizaciones con la misma muestra: $E = {e}$.",
        "output": "Salida de la red después de la actualización: $\\mathbf{{y}} = {y}$.",
        "outputN": "Salida de la red después de la última actualización: $\\mathbf{{y}} = {y}$.",
        "torch_title": "PyTorch hace todo esto con sólo una orden",
        "torch": (
            "`loss.backward()` calcula todos los deltas y `optimizer.step()` aplica "
            "$\\omega \\leftarrow \\omega - \\eta\\,\\partial E/\\partial\\omega$, que es "
            "$\\omega + \\Delta\\omega$: los mismos números de arriba."
        ),
        "frozen_code": "Con los sesgos congelados, el optimizador recibe solo los pesos.",
    },
    "en": {
        "title": "Backpropagation step by step: one update of the weights",
        "step": "Step",
        "network": "Network: layers {layers}; activations: {acts}.",
        "sample": "Sample: input $\\mathbf{{x}} = {x}$ and target $\\mathbf{{d}} = {d}$.",
        "eta": "Learning rate $\\eta = {eta}$. {biases}",
        "frozen": "The biases are frozen: they are not updated.",
        "free": "The biases are updated too.",
        "initial": "Initial weights and biases:",
        "notation": (
            "The slides' notation: $x_i$ are the inputs, $h_j$ the outputs of a hidden layer and $y_k$ "
            "those of the network; $\\omega_{{jk}}$ is the weight from neuron $j$ of one layer to neuron "
            "$k$ of the next. With concrete indices, the superscript of $\\omega^{{(l)}}_{{jk}}$ and "
            "$b^{{(l)}}_k$ says which layer the weight goes into (1 is the first layer after the input), "
            "and $\\mathrm{{net}}$ is the net input of a neuron: the weighted sum plus the bias."
        ),
        "note3": (
            "The error $E = \\frac{{1}}{{2}}\\|\\mathbf{{d}}-\\mathbf{{y}}\\|^2$ measures how far the output "
            "is from the target. The delta of each output neuron, "
            "$\\delta_k = (d_k-y_k)\\,f'(\\mathrm{{net}}_k)$, is its share of that error; for the sigmoid "
            "$f' = y_k(1-y_k)$, as on the slides."
        ),
        "note6": (
            "The slides write $\\Delta\\omega_{{ij}} = \\eta\\,h_j(1-h_j)\\,x_i\\sum_{{j=1}}^{{m}}"
            "\\delta_j\\,\\omega_{{ij}}$. In their own convention ($\\omega_{{jk}}$ goes from neuron $j$ to "
            "neuron $k$) the sum runs over the neurons $k$ of the next layer: ${step6}$. Here it comes in "
            "two parts: first the delta of each hidden neuron, $\\delta_j = f'(\\mathrm{{net}}_j)\\sum_k "
            "\\delta_k\\,\\omega_{{jk}}$, with the weights from before this update, then "
            "$\\Delta\\omega_{{ij}} = \\eta\\,\\delta_j\\,x_i$."
        ),
        "into": "weights into layer {layer}",
        "first": "the first of the {n} hidden layers",
        "result": "Result",
        "before": "Error before the update: $E = {e}$.",
        "after1": "Error after the update (with a fresh forward pass): $E = {e}$.",
        "afterN": "Error after {n} updates on the same sample: $E = {e}$.",
        "output": "Output of the network after the update: $\\mathbf{{y}} = {y}$.",
        "outputN": "Output of the network after the last update: $\\mathbf{{y}} = {y}$.",
        "torch_title": "PyTorch does all this with a single command",
        "torch": (
            "`loss.backward()` computes every delta and `optimizer.step()` applies "
            "$\\omega \\leftarrow \\omega - \\eta\\,\\partial E/\\partial\\omega$, which is "
            "$\\omega + \\Delta\\omega$: the same numbers as above."
        ),
        "frozen_code": "With the biases frozen, the optimizer gets only the weights.",
    },
}

#: above this many parameters the handout does not list the initial values
MAX_LISTED_PARAMETERS = 60


@dataclass(frozen=True)
class Section:
    """A run of consecutive steps that belong to one of the slides' seven steps."""

    slide_step: int | None
    heading: str
    note: str
    steps: list[Step]


def sections(trace: UpdateTrace, lang: str = "es") -> list[Section]:
    """The steps grouped under the slides' headings, in order."""
    t = _T[lang]
    runs: list[list[Step]] = []
    for step in trace.steps:
        if runs and runs[-1][0].slide_step == step.slide_step:
            runs[-1].append(step)
        else:
            runs.append([step])
    repeated = {s for s in (6, 7) if sum(1 for r in runs if r[0].slide_step == s) > 1}
    out = []
    for run in runs:
        slide = run[0].slide_step
        if slide is None:
            heading = ""
        else:
            heading = f"{t['step']} {slide}. {SLIDE_STEP_TITLES[slide][lang]}"
            if slide in repeated:
                heading += " — " + t["into"].format(layer=run[-1].layer)
            elif slide == 1 and trace.network_before.n_weight_layers > 2:
                heading += " — " + t["first"].format(n=trace.network_before.n_weight_layers - 1)
        note = ""
        if slide == 3:
            if trace.loss == "cross_entropy":  # its note says how the chain rule goes with softmax
                note = _SOFTMAX_NOTE[lang].format()
            else:
                note = t["note3"].format() + _CHAIN[lang].format()
        elif slide == 6 and run[0].formula_id == "delta_hidden":
            note = t["note6"].format(step6=STEP6_CONSISTENT)
        out.append(Section(slide, heading, note, run))
    return out


def _intro(trace: UpdateTrace, lang: str, digits: int) -> list[str]:
    t = _T[lang]
    net = trace.network_before
    acts = ", ".join(ACTIVATION_NAMES[a][lang] for a in net.activations)
    lines = [
        t["network"].format(layers="-".join(str(n) for n in net.layers), acts=acts),
        t["sample"].format(x=vec(trace.x, lang, digits), d=vec(trace.d, lang, digits)),
        t["eta"].format(eta=num(trace.eta, lang, digits),
                        biases=t["frozen"] if trace.freeze_biases else t["free"]),
        t["notation"].format(),
    ]
    if trace.dropout is not None:
        dropped = [f"${Notation(net.layers).neuron(layer, j + 1)}$"
                   for layer in range(1, len(net.layers) - 1) for j in trace.dropout.dropped(layer)]
        lines.append(_DROPOUT_NOTE[lang].format(p=num(trace.dropout.p, lang, digits),
                                                dropped=", ".join(dropped) or _NONE[lang]))
    if net.n_parameters <= MAX_LISTED_PARAMETERS:
        sep = "; " if lang == "es" else ", "
        items = []
        for wl, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
            items += [f"$\\omega^{{({wl + 1})}}_{{{_sub(j + 1, k + 1)}}} = {num(w[j, k], lang, digits)}$"
                      for k in range(w.shape[1]) for j in range(w.shape[0])]
            items += [f"$b^{{({wl + 1})}}_{{{k + 1}}} = {num(b[k], lang, digits)}$" for k in range(b.size)]
        lines.append(t["initial"] + " " + sep.join(items) + ".")
    return lines


def _sub(j: int, k: int) -> str:
    return f"{j},{k}" if j > 9 or k > 9 else f"{j}{k}"


def _results(trace: UpdateTrace, lang: str, digits: int, repeat: int, final: Network | None) -> list[str]:
    t = _T[lang]
    lines = [t["before"].format(e=num(trace.error, lang, digits))]
    lines.append(t["after1"].format(e=num(trace.error_after(), lang, digits)))
    last = trace.network_after
    if repeat > 1 and final is not None:
        lines.append(t["afterN"].format(n=repeat, e=num(error_of(final, trace.x, trace.d), lang, digits)))
        last = final
    key = "outputN" if last is not trace.network_after else "output"
    lines.append(t[key].format(y=vec(last.forward(trace.x)[-1], lang, digits)))
    return lines


# ------------------------------------------------------------------ markdown
def markdown_handout(
    trace: UpdateTrace, lang: str = "es", repeat: int = 1, final: Network | None = None, digits: int = 4
) -> str:
    """The worked example as Markdown with ``$...$`` / ``$$...$$`` math."""
    t = _T[lang]
    out = [f"# {t['title']}", ""]
    for line in _intro(trace, lang, digits):
        out += [line, ""]
    for sec in sections(trace, lang):
        if sec.heading:
            out += [f"## {sec.heading}", ""]
        if sec.note:
            out += [sec.note, ""]
        for step in sec.steps:
            out += [f"**{step.caption_in(lang)}**", "", f"$$ {step.latex} $$", "",
                    f"$$ {step.numbers_in(lang, digits)} $$", ""]
    out += [f"## {t['result']}", ""]
    for line in _results(trace, lang, digits, repeat, final):
        out += [line, ""]
    out += [f"## {t['torch_title']}", "", "```python", torch_snippet(lang, trace.loss).rstrip(), "```", "", t["torch"], ""]
    if trace.freeze_biases:
        out += [t["frozen_code"], ""]
    return "\n".join(out)


# ------------------------------------------------------------------- latex
_SCRIPTED = re.compile(r"([A-Za-zωδη])([⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹]*)([₀₁₂₃₄₅₆₇₈₉]*)([²]?)")
_SUP_DIGITS = str.maketrans("⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹", "()0123456789")
_SUB_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_GREEK = {"ω": r"\omega", "δ": r"\delta", "η": r"\eta"}
_CHARS = {
    "ω": r"$\omega$", "δ": r"$\delta$", "η": r"$\eta$", "⊙": r"$\odot$", "−": "$-$", "≥": r"$\geq$",
    "±": r"$\pm$", "²": "$^2$", "′": "$'$", "‖": r"$\|$", "·": r"$\cdot$", "—": "---",
    "∂": r"$\partial$", "Σ": r"$\Sigma$", "ᵀ": r"$^{\top}$", "ᵢ": "$_i$", "ⱼ": "$_j$", "ₖ": "$_k$",
    "→": r"$\rightarrow$",
}
_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def tex_text(text: str) -> str:
    """Plain text (a caption) as LaTeX: specials escaped, symbols as math."""
    text = "".join(_SPECIAL.get(c, c) for c in text)

    def scripted(m: re.Match[str]) -> str:
        if not (m.group(2) or m.group(3)):
            return m.group(0)
        base = _GREEK.get(m.group(1), m.group(1))
        sup = m.group(2).translate(_SUP_DIGITS)
        sub = m.group(3).translate(_SUB_DIGITS)
        math = base + (f"^{{{sup}}}" if sup else "") + (f"_{{{sub}}}" if sub else "")
        if m.group(4):  # a square after the scripts: h⁽¹⁾₁²
            math = f"{{{math}}}^{{2}}" if sup else f"{math}^{{2}}"
        return f"${math}$"

    text = _SCRIPTED.sub(scripted, text)
    text = "".join(_CHARS.get(c, c) for c in text)
    # adjacent math runs merge; the space keeps "\\cdot" and "h" apart
    return text.replace("$$", " ")


def _tex_inline(text: str) -> str:
    """Our fixed texts: Markdown code spans become \\texttt."""
    return re.sub(r"`([^`]*)`", lambda m: r"\texttt{" + m.group(1).replace("_", r"\_") + "}", text)


def _amsmath(latex: str) -> str:
    """mathtext's ``\\genfrac`` takes a bare 0 as the rule thickness; LaTeX needs a unit."""
    return latex.replace(r"\genfrac{}{}{0}{0}", r"\genfrac{}{}{0pt}{0}")


def _aligned(latex: str) -> str:
    """``a = b = c`` as align rows ``a &= b \\\\ &= c``, so that long chains break."""
    depth, cuts = 0, []
    for i, c in enumerate(latex):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "=" and depth == 0 and not _inside_left_right(latex, i):
            cuts.append(i)
    if not cuts:
        return "&" + latex
    parts = [latex[: cuts[0]]] + [latex[a + 1 : b] for a, b in zip(cuts, [*cuts[1:], len(latex)], strict=True)]
    return parts[0] + "&=" + r"\\ &=".join(parts[1:])


_LEFT = re.compile(r"\\left(?![a-z])")
_RIGHT = re.compile(r"\\right(?![a-z])")


def _inside_left_right(latex: str, pos: int) -> bool:
    before = latex[:pos]
    return len(_LEFT.findall(before)) > len(_RIGHT.findall(before))


def latex_handout(
    trace: UpdateTrace, lang: str = "es", repeat: int = 1, final: Network | None = None, digits: int = 4
) -> str:
    """The worked example as a LaTeX document (article class + amsmath)."""
    t = _T[lang]
    out = [
        r"\documentclass[a4paper,11pt]{article}",
        r"\usepackage[utf8]{inputenc}",
        r"\usepackage{amsmath}",
        r"\setlength{\parindent}{0pt}",
        r"\setlength{\parskip}{0.6ex}",
        r"\allowdisplaybreaks",
        r"\sloppy",
        r"\begin{document}",
        rf"\section*{{{t['title']}}}",
    ]
    out += [_tex_inline(line) + "\n" for line in _intro(trace, lang, digits)]
    for sec in sections(trace, lang):
        if sec.heading:
            out.append(rf"\subsection*{{{tex_text(sec.heading)}}}")
        if sec.note:
            out.append(_tex_inline(sec.note) + "\n")
        for step in sec.steps:
            out += [
                rf"\textit{{{tex_text(step.caption_in(lang))}}}",
                r"\begin{align*}",
                _aligned(_amsmath(step.latex)) + r"\\",
                _aligned(_amsmath(step.numbers_in(lang, digits))),
                r"\end{align*}",
            ]
    out.append(rf"\subsection*{{{t['result']}}}")
    out += [_tex_inline(line) + "\n" for line in _results(trace, lang, digits, repeat, final)]
    out.append(rf"\subsection*{{{t['torch_title']}}}")
    out += [r"{\footnotesize", r"\begin{verbatim}", torch_snippet(lang, trace.loss).rstrip(), r"\end{verbatim}", "}",
            _tex_inline(t["torch"])]
    if trace.freeze_biases:
        out.append("\n" + t["frozen_code"])
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


__all__ = ["Section", "latex_handout", "markdown_handout", "sections", "tex_text"]
