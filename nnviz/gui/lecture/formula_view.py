"""The slides' formulas drawn as vector paths: sharp on a projector at any scale.

matplotlib's mathtext lays a formula out; :class:`matplotlib.textpath.TextPath`
gives its outlines, which become a :class:`QPainterPath`. Parsing costs a few
milliseconds, so every (LaTeX, size) pair is parsed once and kept in an LRU
cache: stepping back and forth through a lesson never parses twice.

A formula with numbers is drawn as pieces (see :mod:`nnviz.core.lecture.latex_numbers`),
each with its own pen, so that the substituted numbers take the colour of the
network view's highlight. matplotlib is imported on first use only: the main
window appears without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.core.lecture.latex_numbers import Piece, localize, split_numbers

#: formula size in pixels at scale 1
BASE_SIZE = 22.0
#: caption size in points at scale 1
CAPTION_PT = 12.0
#: mathtext font set: Computer Modern, the look of the slides' LaTeX
FONTSET = "cm"
#: roles a piece can take; each has its own colour
ROLES = ("text", "number", "result", "note")
#: the smallest fraction of its natural size a formula is drawn at when the
#: panel is shorter than its content (a 768-pixel projector at scale 2) is
#: 1/scale: never smaller than at scale 1, which reads from the back row of a
#: classroom; at scale 1 a formula is never shrunk (it always has the room)


@dataclass(frozen=True)
class MathPath:
    """A parsed formula: outline with the baseline at y = 0, and its box."""

    path: QPainterPath
    width: float
    ascent: float
    descent: float


class FormulaError(ValueError):
    """mathtext could not parse a formula."""


_DOUBLE_SUPERSCRIPT = re.compile(r"((?:\\mathbf\{\w+\}|[A-Za-z])\^\{[^{}]*\}(?:_\{[^{}]*\})?)\^")


def mathtext_safe(latex: str) -> str:
    """``latex`` with a double superscript (``\\mathbf{h}^{(2)}^{\\top}``,
    ``h^{(2)}_{1}^2``, which LaTeX refuses too) grouped as
    ``{\\mathbf{h}^{(2)}}^{\\top}``."""
    return _DOUBLE_SUPERSCRIPT.sub(r"{\1}^", latex)


@lru_cache(maxsize=2048)
def math_path(latex: str, size: float) -> MathPath:
    """The outline of ``latex`` (without ``$``) at ``size`` pixels, cached.

    Raises :class:`FormulaError` when mathtext cannot parse it.
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser
    from matplotlib.path import Path as MplPath
    from matplotlib.textpath import TextPath

    prop = FontProperties(size=size, math_fontfamily=FONTSET)
    text = f"${mathtext_safe(latex)}$"
    try:
        box = _parser(MathTextParser).parse(text, 72, prop)
        outline = TextPath((0.0, 0.0), text, size=size, prop=prop)
        verts, codes = outline.vertices, outline.codes
    except ValueError as exc:
        raise FormulaError(f"cannot draw {latex!r}: {exc}") from None
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    if len(verts):
        for seg, code in MplPath(verts, codes).iter_segments(simplify=False, curves=True):
            if code == MplPath.MOVETO:
                path.moveTo(seg[0], -seg[1])
            elif code == MplPath.LINETO:
                path.lineTo(seg[0], -seg[1])
            elif code == MplPath.CURVE3:
                path.quadTo(seg[0], -seg[1], seg[2], -seg[3])
            elif code == MplPath.CURVE4:
                path.cubicTo(seg[0], -seg[1], seg[2], -seg[3], seg[4], -seg[5])
            elif code == MplPath.CLOSEPOLY:
                path.closeSubpath()
    return MathPath(path, float(box.width), float(box.height - box.depth), float(box.depth))


_shared: dict[str, object] = {}


def _parser(cls):
    if "parser" not in _shared:
        _shared["parser"] = cls("path")
    return _shared["parser"]


# --------------------------------------------------------------- the widget
@dataclass(frozen=True)
class _Run:
    latex: str
    role: str


class FormulaView(QWidget):
    """Caption plus up to three formula lines: as on the slide, with numbers, result.

    ``show_formula`` is the usual entry; ``set_lines`` takes pieces with roles
    for anything else. ``set_scale`` (1x to 3x) scales fonts for a projector.
    """

    def __init__(self, parent: QWidget | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        if lang is None:
            from nnviz.gui.i18n import current_language

            lang = current_language()
        self._lang = lang
        self._scale = 1.0
        self._caption = ""
        self._note = ("", "")
        #: a muted sentence under the note (why the slide's form differs)
        self._remark = ""
        self._lines: list[list[_Run]] = []
        self._source: tuple[str, str, str, str] | None = None
        self._colors: dict[str, QColor] = {}
        #: the tallest content so far: the panel never shrinks while stepping,
        #: so the panels below do not jump on the projector
        self._floor = 0
        self.errors: list[str] = []
        # Preferred, not Minimum: on a short projector the formula may be drawn
        # smaller (see minimumSizeHint) so that the panels below keep their room
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.retranslate()

    # ------------------------------------------------------------ content
    def show_formula(self, caption: str, symbolic: str, numeric: str = "", result: str = "") -> None:
        """Show a step: the formula as on the slide, the same with numbers, the result.

        Decimal points in ``numeric`` and ``result`` become commas in Spanish;
        the substituted numbers take the ``number`` colour, the result's the
        ``result`` colour.
        """
        self._source = (caption, symbolic, numeric, result)
        lines: list[list[_Run]] = []
        if symbolic:
            lines.append([_Run(symbolic, "text")])
        if numeric:
            lines.append(_runs(split_numbers(localize(numeric, self._lang), symbolic), "number"))
        if result:
            lines.append(_runs(split_numbers(localize(result, self._lang), symbolic), "result"))
        self._set(caption, lines)

    def set_lines(self, caption: str, lines: list[list[tuple[str, str]]]) -> None:
        """Show ``lines``, each a list of ``(latex, role)`` pieces; role in :data:`ROLES`."""
        self._source = None
        self._set(caption, [[_Run(latex, role) for latex, role in line] for line in lines])

    def prefetch(self, symbolic: str, numeric: str = "", result: str = "", note: str = "") -> None:
        """Parse a formula that will be shown soon into the cache, without showing it."""
        latexes = [symbolic] if symbolic else []
        for text in (numeric, result):
            if text:
                latexes += [p.latex for p in split_numbers(localize(text, self._lang), symbolic)]
        for latex in latexes:
            try:
                math_path(latex, self._px())
            except FormulaError:
                pass
        if note:
            try:
                math_path(note, self._note_px())
            except FormulaError:
                pass

    def set_note(self, text: str, latex: str = "", remark: str = "") -> None:
        """A muted line under the caption: ``text`` and a formula (e.g. the
        slide's general form of the step), and under it ``remark``, a muted
        sentence wrapped to the width (why the slide's literal form differs).
        Showing a new formula clears them."""
        self._note = (text, latex)
        self._remark = remark
        if latex:
            try:
                math_path(latex, self._note_px())
            except FormulaError as exc:
                self.errors.append(str(exc))
        self.updateGeometry()
        self.update()

    def note(self) -> tuple[str, str]:
        return self._note

    def remark(self) -> str:
        """The sentence under the note ("" when none)."""
        return self._remark

    def clear(self) -> None:
        self._source = None
        self._set("", [])

    def caption(self) -> str:
        return self._caption

    def lines_latex(self) -> list[str]:
        """The LaTeX of each line as drawn (pieces joined)."""
        return ["".join(r.latex for r in line) for line in self._lines]

    def pieces(self, line: int) -> list[tuple[str, str]]:
        """The ``(latex, role)`` pieces of line ``line``."""
        return [(r.latex, r.role) for r in self._lines[line]]

    def _set(self, caption: str, lines: list[list[_Run]], keep_note: bool = False) -> None:
        if not keep_note:
            self._note = ("", "")
            self._remark = ""
        self._caption = caption
        self._lines = lines
        self.errors = []
        for line in lines:
            for run in line:
                try:
                    math_path(run.latex, self._px())
                except FormulaError as exc:
                    self.errors.append(str(exc))
        self.updateGeometry()
        self.update()

    # ----------------------------------------------------------- settings
    def set_scale(self, factor: float) -> None:
        """Presentation scale, 1x to 3x."""
        self._scale = min(3.0, max(1.0, float(factor)))
        self._floor = 0
        self._set(self._caption, self._lines, keep_note=True)

    def scale(self) -> float:
        return self._scale

    def set_lang(self, lang: str) -> None:
        """Language of the decimal separator ('es': 0,5; 'en': 0.5)."""
        self._lang = lang
        if self._source is not None:
            note = self._note
            self.show_formula(*self._source)
            self._note = note

    def set_color(self, role: str, color: QColor) -> None:
        """Colour of a role; by default the palette's text, link and highlight colours."""
        self._colors[role] = QColor(color)
        self.update()

    def color(self, role: str) -> QColor:
        if role in self._colors:
            return self._colors[role]
        pal = self.palette()
        if role == "number":
            # the network view lights neurons and edges in the palette's highlight
            return _readable(pal.color(QPalette.ColorRole.Highlight), pal.color(QPalette.ColorRole.Base))
        if role == "result":
            return _readable(QColor("#c2255c"), pal.color(QPalette.ColorRole.Base))
        if role == "note":
            return pal.color(QPalette.ColorRole.PlaceholderText)
        return pal.color(QPalette.ColorRole.Text)

    def retranslate(self) -> None:
        self.setToolTip(self.tr("The formula of the current step: as on the slide, with its numbers, and the result."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self.update()
        super().changeEvent(event)

    # ------------------------------------------------------------- layout
    def _px(self) -> float:
        return round(BASE_SIZE * self._scale, 1)

    def _note_px(self) -> float:
        return round(BASE_SIZE * 0.8 * self._scale, 1)

    def _caption_font(self) -> QFont:
        # a fixed base: the main window's own font already grows with the
        # presentation scale, and would scale the caption twice
        f = QFont(self.font())
        f.setPointSizeF(CAPTION_PT * self._scale)
        f.setBold(True)
        return f

    def _caption_rect(self, width: float) -> QRectF:
        """The caption's box when wrapped to ``width`` pixels."""
        fm = QFontMetricsF(self._caption_font())
        return fm.boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), self._caption)

    def _note_font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(CAPTION_PT * 0.9 * self._scale)
        return f

    def _note_size(self) -> tuple[float, float, float]:
        """(width, ascent, descent) of the note line; zeros without a note."""
        text, latex = self._note
        if not text and not latex:
            return 0.0, 0.0, 0.0
        fm = QFontMetricsF(self._note_font())
        w, asc, desc = fm.horizontalAdvance(text + "  "), fm.ascent(), fm.descent()
        if latex:
            mp = _safe_path(latex, self._note_px())
            w += mp.width
            asc, desc = max(asc, mp.ascent), max(desc, mp.descent)
        return w, asc, desc

    def _remark_rect(self, width: float) -> QRectF:
        """The remark's box when wrapped to ``width`` pixels (empty without one)."""
        if not self._remark:
            return QRectF()
        fm = QFontMetricsF(self._note_font())
        return fm.boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), self._remark)

    def _margin(self) -> float:
        return 10.0 * self._scale

    def _gap(self) -> float:
        return 8.0 * self._scale

    def _measure(self, line: list[_Run]) -> tuple[float, float, float]:
        width = ascent = descent = 0.0
        for run in line:
            mp = _safe_path(run.latex, self._px())
            width += mp.width
            ascent = max(ascent, mp.ascent)
            descent = max(descent, mp.descent)
        return width, ascent, descent

    def sizeHint(self) -> QSize:
        w, h = self._natural_size()
        self._floor = max(self._floor, h)
        return QSize(w, self._floor)

    def _natural_size(self) -> tuple[int, int]:
        """Width and height the content on show takes at full size."""
        m, gap = self._margin(), self._gap()
        h = 2 * m
        w = 0.0
        if self._caption:
            wrap = max(300.0, self.width() - 2 * m)
            rect = self._caption_rect(wrap)
            h += rect.height() + gap
            w = min(wrap, rect.width())
        # a line wider than the panel is drawn smaller as a whole (paintEvent):
        # it takes less height too
        avail = self.width() - 2 * m if self.width() > 100 else float("inf")
        nw, nasc, ndesc = self._note_size()
        if nw:
            h += (nasc + ndesc) * min(1.0, avail / nw) + gap
            w = max(w, nw)
        if self._remark:
            h += self._remark_rect(max(300.0, self.width() - 2 * m)).height() + gap
        for line in self._lines:
            lw, asc, desc = self._measure(line)
            h += (asc + desc) * (min(1.0, avail / lw) if lw > 0 else 1.0) + gap
            w = max(w, lw)
        h = int(max(h, 3 * BASE_SIZE * self._scale)) + 1
        return int(w + 2 * m) + 1, h

    def typical_height(self) -> int:
        """The height (px) of a usual step at the current scale: a caption of two
        lines, the slide's note and three formula lines with fractions. The
        main window plans the room with it before the tall formulas come."""
        m, gap = self._margin(), self._gap()
        caption = QFontMetricsF(self._caption_font()).lineSpacing() * 2
        note = QFontMetricsF(self._note_font()).lineSpacing() * 1.3
        return int(2 * m + caption + note + 3 * 2.0 * self._px() + 4 * gap) + 1

    def reset_height(self) -> None:
        """Let the panel shrink to its content again (a new lesson, a new scale)."""
        self._floor = 0
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        # never clip a formula: below its natural height it is drawn smaller as a
        # whole (vector paths stay sharp), down to its size at scale 1; the panels below give
        # way before that
        natural = self._natural_size()[1]
        return QSize(120, max(int(2 * BASE_SIZE * self._scale), int(self._min_fit() * natural) + 1))

    def _min_fit(self) -> float:
        return 1.0 / self._scale

    def fit_factor(self) -> float:
        """The factor the content is drawn at: 1 when the panel is as tall as
        the content, less (down to 1/scale: its size at scale 1) when it is shorter."""
        natural = self._natural_size()[1]
        return max(self._min_fit(), min(1.0, self.height() / natural)) if natural > 0 else 1.0

    def paintEvent(self, event) -> None:  # noqa: ARG002 - Qt's signature
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fit = self.fit_factor()
        p.scale(fit, fit)
        m, gap = self._margin(), self._gap()
        avail = max(10.0, self.width() / fit - 2 * m)
        y = m
        if self._caption:
            p.setFont(self._caption_font())
            p.setPen(self.palette().color(QPalette.ColorRole.Text))
            rect = self._caption_rect(avail)
            p.drawText(
                QRectF(m, y, avail, rect.height()),
                int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft),
                self._caption,
            )
            y += rect.height() + gap
        nw, nasc, ndesc = self._note_size()
        if nw:
            y = self._paint_note(p, m, y, avail, nw, nasc) + (nasc + ndesc) * min(1.0, avail / nw) + gap
        if self._remark:
            rect = self._remark_rect(avail)
            p.setFont(self._note_font())
            p.setPen(self.color("note"))
            p.drawText(QRectF(m, y, avail, rect.height()),
                       int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft), self._remark)
            y += rect.height() + gap
        for line in self._lines:
            width, ascent, descent = self._measure(line)
            # a line too wide for the panel shrinks as a whole: it stays sharp
            k = min(1.0, avail / width) if width > 0 else 1.0
            p.save()
            p.translate(m, y + ascent * k)
            p.scale(k, k)
            x = 0.0
            for run in line:
                mp = _safe_path(run.latex, self._px())
                p.save()
                p.translate(x, 0.0)
                p.fillPath(mp.path, self.color(run.role))
                p.restore()
                x += mp.width
            p.restore()
            y += (ascent + descent) * k + gap
        p.end()

    def _paint_note(self, p: QPainter, x: float, y: float, avail: float, width: float, ascent: float) -> float:
        text, latex = self._note
        k = min(1.0, avail / width)
        muted = self.color("note")
        p.save()
        p.translate(x, y + ascent * k)
        p.scale(k, k)
        font = self._note_font()
        p.setFont(font)
        p.setPen(muted)
        p.drawText(QPointF(0.0, 0.0), text)
        if latex:
            dx = QFontMetricsF(font).horizontalAdvance(text + "  ")
            p.translate(dx, 0.0)
            p.fillPath(_safe_path(latex, self._note_px()).path, muted)
        p.restore()
        return y

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        # the caption wraps to the width: a new width may need a new height
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()

    def content_rect(self) -> QRectF:
        """Where the formulas are drawn (for tests and screenshots)."""
        hint = self.sizeHint()
        return QRectF(0, 0, min(hint.width(), self.width()), min(hint.height(), self.height()))


def _runs(pieces: list[Piece], number_role: str) -> list[_Run]:
    return [_Run(p.latex, number_role if p.number else "text") for p in pieces]


def _safe_path(latex: str, size: float) -> MathPath:
    """The formula's path, or its source text drawn as plain text when mathtext
    refuses it (the error is in ``FormulaView.errors``): never a blank panel."""
    try:
        return math_path(latex, size)
    except FormulaError:
        return _fallback_path(latex, size)


@lru_cache(maxsize=64)
def _fallback_path(latex: str, size: float) -> MathPath:
    font = QFont()
    font.setPixelSize(max(1, int(size)))
    path = QPainterPath()
    path.addText(0.0, 0.0, font, latex)
    fm = QFontMetricsF(font)
    return MathPath(path, fm.horizontalAdvance(latex), fm.ascent(), fm.descent())


def _readable(color: QColor, background: QColor) -> QColor:
    """``color``, lightened on a dark background when it is dark itself, so
    that it stays legible (the high-contrast yellow stays yellow)."""
    if background.lightnessF() < 0.5 and _luminance(color) < 0.35:
        return color.lighter(190)
    return color


def _luminance(c: QColor) -> float:
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    # python -m nnviz.gui.lecture.formula_view [--grab FILE.png]
    app = QApplication(sys.argv[:1])
    view = FormulaView(lang="es")
    view.show_formula(
        "1. Con la entrada x, calculamos la salida de la capa oculta",
        r"h_1 = f(\mathrm{net}_{h_1}) = \dfrac{1}{1+e^{-\mathrm{net}_{h_1}}}",
        r"h_1 = \dfrac{1}{1+e^{-0.3775}}",
        r"h_1 = 0.5933",
    )
    view.set_note("Transparencia:", r"h_j = f\left(\sum_{i=1}^{n}\omega_{ij}\,x_i + b_j\right)")
    view.resize(900, 300)
    view.show()
    if "--grab" in sys.argv:
        app.processEvents()
        sys.exit(0 if view.grab().save(sys.argv[sys.argv.index("--grab") + 1]) else 1)
    sys.exit(app.exec())
