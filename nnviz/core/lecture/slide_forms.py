"""The grey "On the slide" line: each step's formula as the slides write it.

:func:`slide_formula` gives a step's formula in the slides' general notation
(ω_jk from neuron j to neuron k); :func:`slide_line` adds, where the slide's
literal form differs from the consistent one (step 6's Σ_j δ_j ω_ij), both
forms and a one-line note (:data:`SLIDE_NOTES`, in Spanish and English).
"""

from __future__ import annotations

from nnviz.core.lecture.formulas import DELTA_OUT_BY_ACTIVATION, FORMULAS, STEP6_CONSISTENT
from nnviz.core.lecture.steps import Step

#: the formula of each of the seven steps as the slides write it (with the
#: index convention ω_jk from neuron j to neuron k, and the bias b)
SLIDE_FORMS: dict[tuple[int | None, str], str] = {
    (1, "net"): r"\mathrm{net}_j = \sum_{i=1}^{n}\omega_{ij}\,x_i + b_j",
    (1, "out"): r"h_j = f(\mathrm{net}_j)",
    (2, "net"): r"\mathrm{net}_k = \sum_{j=1}^{h}\omega_{jk}\,h_j + b_k",
    (2, "out"): r"y_k = f(\mathrm{net}_k)",
    (4, "dw"): r"\Delta\omega_{jk} = \eta\,\delta_k\,h_j",
    (4, "db"): r"\Delta b_k = \eta\,\delta_k",
    (5, "w_update"): r"\omega_{jk} \leftarrow \omega_{jk} + \Delta\omega_{jk}",
    (5, "b_update"): r"b_k \leftarrow b_k + \Delta b_k",
    (6, "dw"): r"\Delta\omega_{ij} = \eta\,\delta_j\,x_i",
    (6, "db"): r"\Delta b_j = \eta\,\delta_j",
    (7, "w_update"): r"\omega_{ij} \leftarrow \omega_{ij} + \Delta\omega_{ij}",
    (7, "b_update"): r"b_j \leftarrow b_j + \Delta b_j",
}


#: the forms of the steps the summary leaves implicit (chain rule, softmax, dropout)
EXTRA_FORMS: dict[str, str] = {
    "chain_rule": r"\dfrac{\partial E}{\partial\omega_{jk}} = -(d_k-y_k)\,f'(\mathrm{net}_k)\,h_j"
                  r" = -\delta_k\,h_j",
    "chain_rule_softmax": r"\dfrac{\partial E}{\partial\omega_{jk}} = -(d_k-y_k)\,h_j = -\delta_k\,h_j",
    "dropout": r"\tilde{h}_j = \dfrac{m_j\,h_j}{1-p}",
    "out_softmax": r"y_k = \dfrac{e^{\mathrm{net}_k}}{\sum_i e^{\mathrm{net}_i}}",
    "error_ce": r"E = -\sum_{k=1}^{m} d_k\,\log y_k",
    "delta_out_ce": r"\delta_k = d_k-y_k",
}

#: the slides' step 6 exactly as printed (its sum runs over j, the weights ω_ij)
STEP6_LITERAL = r"\Delta\omega_{ij} = \eta\,h_j(1-h_j)\,x_i\sum_{j=1}^{m}\delta_j\,\omega_{ij}"

#: one-line notes beside a slide form that differs from the consistent one
SLIDE_NOTES: dict[str, dict[str, str]] = {
    "step6": {
        "es": "La transparencia escribe Σⱼ δⱼ ωᵢⱼ; con su propio convenio (ωⱼₖ va de j a k) es la misma "
              "suma Σₖ δₖ ωⱼₖ sobre la capa siguiente.",
        "en": "The slide writes Σⱼ δⱼ ωᵢⱼ; in its own convention (ωⱼₖ goes from j to k) it is the same "
              "sum Σₖ δₖ ωⱼₖ over the next layer.",
    },
    "delta_out_ce": {
        "es": "Se suele escribir δₖ = yₖ − dₖ, que es ∂E/∂netₖ; aquí δₖ = −∂E/∂netₖ = dₖ − yₖ, como en el "
              "resto de pasos (Δω = +η δ h).",
        "en": "It is often written δₖ = yₖ − dₖ, which is ∂E/∂netₖ; here δₖ = −∂E/∂netₖ = dₖ − yₖ, as in "
              "every other step (Δω = +η δ h).",
    },
}


def slide_line(step: Step, activations: list[str], lang: str) -> tuple[str, str]:
    """The grey "On the slide" line of ``step``: (LaTeX, one-line note). Where
    the slide's literal form differs from the consistent one (step 6's
    Σ δ_j ω_ij), the LaTeX shows both, literal → consistent, and the note says
    why; else the note is empty."""
    form = slide_formula(step, activations)
    act = activations[step.layer - 1] if 0 < step.layer <= len(activations) else activations[-1]
    if step.slide_step == 6 and step.formula_id in ("delta_hidden", "dw") and act == "sigmoid":
        return rf"{STEP6_LITERAL}\quad\rightarrow\quad {STEP6_CONSISTENT}", SLIDE_NOTES["step6"][lang]
    if step.formula_id == "delta_out" and activations[-1] == "softmax":
        return form, SLIDE_NOTES["delta_out_ce"][lang]
    return form, ""


def slide_formula(step: Step, activations: list[str]) -> str:
    """``step``'s formula in the slides' general notation (ω_jk from j to k),
    as shown beside the concrete one."""
    softmax = activations[-1] == "softmax"
    last = step.layer == len(activations)
    if step.formula_id == "chain_rule":
        return EXTRA_FORMS["chain_rule_softmax" if softmax else "chain_rule"]
    if step.formula_id == "dropout":
        return EXTRA_FORMS["dropout"]
    if softmax and step.formula_id == "error":
        return EXTRA_FORMS["error_ce"]
    if softmax and last and step.formula_id in ("out", "delta_out"):
        return EXTRA_FORMS["out_softmax" if step.formula_id == "out" else "delta_out_ce"]
    act = activations[step.layer - 1] if 0 < step.layer <= len(activations) else activations[-1]
    if step.formula_id == "delta_out" and act in DELTA_OUT_BY_ACTIVATION:
        return DELTA_OUT_BY_ACTIVATION[act]
    if step.slide_step == 6 and step.formula_id == "dw" and act == "sigmoid":
        return STEP6_CONSISTENT
    if step.slide_step == 6 and step.formula_id == "delta_hidden" and act == "sigmoid":
        return r"\delta_j = h_j(1-h_j)\sum_{k=1}^{m}\delta_k\,\omega_{jk}"
    return SLIDE_FORMS.get((step.slide_step, step.formula_id), FORMULAS[step.formula_id].latex)
