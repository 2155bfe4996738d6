"""The 图解 (一图读懂) of a national-format report: its key figures on one portrait page, as SVG and PNG.

`render_graphic(facts)` → (svg bytes, png bytes), the same bytes for the same facts. It draws the
figures of the three statutory tables of 国办公开办函〔2021〕30号 — 二、主动公开 (行政规范性文件, the
decisions, 行政事业性收费), 三、申请 (received, carried over and forward, by applicant type, by
result), 四、复议诉讼 (each outcome) — and the 信息处理费, each number taken from the facts (the
same computed rows as the report's tables), each label from `model.formats.national_tables`; with last
year's facts at hand, the headline figures carry their change (比上年增加18件, as `yoy` words it).

Every number is a text element of its own, with the id `rg-<reference name>` (the {name} a report
text would use, e.g. rg-applications.new.total): the SVG keeps text as text (svg.fonttype none), so
it is searchable, readable by screen readers and by the tests, small, and shown in the reader's
own CJK font on a web page; the PNG is drawn with the project's 黑体 mapping (Noto Sans CJK SC;
on Windows 黑体 SimHei or 微软雅黑). No CJK font: GraphicError with what to install.

matplotlib is imported here only, inside the functions (Agg backend): a build without --graphic
never loads it.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import ReportgenError
from ..model.formats import national_tables as T
from .label_lines import label_lines

if TYPE_CHECKING:
    from ..model.facts import Facts

# 黑体 as fonts.conf maps it first, then what Windows and macOS office PCs have.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Microsoft YaHei", "PingFang SC",
                "Heiti SC", "WenQuanYi Zen Hei", "FandolHei")
CSS_FAMILIES = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'SimHei', sans-serif"
WIDTH, HEIGHT = 8.27, 11.69  # inches: an A4 page, portrait (a row of 规章 cards makes it ROW longer)
ROW = 1.02
DPI = 150
RED, DARK, GREY, LIGHT, PALE = "#b3261e", "#7a1711", "#555555", "#f7ebe9", "#e8b4ae"
OUTCOME_COLOURS = ("#b3261e", "#e07b39", "#8c8c8c", "#d9b44a")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


class GraphicError(ReportgenError):
    """Raised when the graphic cannot be drawn: a report format without tables, or no CJK font."""


def short(label: str) -> str:
    """A table label without its printed numbering and trailing note:
    （二）部分公开（区分处理的，…） → 部分公开; 一、本年新收政府信息公开申请数量 → 本年新收政府信息公开申请数量."""
    label = _NUMBERING.sub("", label)
    return label.split("（", 1)[0] if not label.startswith("（") else label


def cjk_font() -> tuple[str, str, int]:
    """(family, file, face index) of the regular face of the first installed CJK sans font of
    CJK_FAMILIES (matplotlib's font list, which fontconfig's folders feed); GraphicError if none."""
    from matplotlib import font_manager

    for family in CJK_FAMILIES:
        faces = [e for e in font_manager.fontManager.ttflist if e.name == family]
        if faces:
            face = min(faces, key=lambda e: (abs(int(e.weight) - 400) if str(e.weight).isdigit() else 0, e.fname))
            return family, face.fname, int(getattr(face, "index", 0))
    raise GraphicError("没有找到中文黑体字体，无法生成图解（否则汉字会显示成方框）：请安装 Noto Sans CJK SC"
                       "（Debian/Ubuntu：sudo bash scripts/install-system-deps.sh，或 apt-get install fonts-noto-cjk），"
                       "Windows 自带的黑体（SimHei）或微软雅黑也可以。")


# -- the figures -------------------------------------------------------------------------------------

def figures(facts: Facts) -> dict[str, str]:
    """Every figure the graphic shows: reference name → the number as the report prints it."""
    if facts.format.name != "national-2021":
        raise GraphicError(f"{facts.path}: 图解只适用于全国统一格式（national-2021）的报告，这份是 "
                           f"{facts.format.name}（{facts.format.label}）。")
    values = facts.references
    # 规章 only when one of its figures is not 0: most agencies have no power to make them.
    names = [f"active_disclosure.{key}.{col}" for key, _ in T.RULE_ROWS for col, _ in T.RULE_COLUMNS
             if key != "regulations" or any(values[f"active_disclosure.{key}.{c}"] != "0" for c, _ in T.RULE_COLUMNS)]
    names += [f"active_disclosure.{key}" for key, _, _ in T.DECISION_ROWS]
    names.append(f"active_disclosure.{T.FEE_ROW[0]}")
    names += [f"applications.{r.key}.total" for r in (T.NEW, T.CARRIED_OVER, T.RESULTS_TOTAL, T.CARRIED_FORWARD)]
    names += [f"applications.new.{col}" for col, _ in T.APPLICANT_COLUMNS]
    names += [f"applications.{key}.total" for key in _result_keys()]
    names += [f"review_litigation.{key}.{col}" for key, _ in T.REVIEW_GROUPS for col, _ in (*T.OUTCOME_COLUMNS, T.TOTAL)]
    names.append("processing_fee")
    return {name: values[name] for name in names}


def _result_keys() -> list[str]:
    return [T.GRANTED.key, T.PARTIAL.key] + [group for group, _, _ in T.GROUPS]


def _result_labels() -> list[str]:
    return [short(T.GRANTED.label), short(T.PARTIAL.label)] + [short(label) for _, label, _ in T.GROUPS]


def changes(facts: Facts, names: list[str], units: dict[str, str]) -> dict[str, str]:
    """比上年增加N件 / 比上年减少N件 / 与上年持平 for each name known last year (none without last year's facts)."""
    from ..model.yoy import change_text

    last = facts.previous.references if facts.previous is not None else {}
    now = facts.references
    return {name: change_text(Decimal(now[name]), Decimal(last[name]), units.get(name, ""))
            for name in names if name in last and name in now}


# -- drawing -----------------------------------------------------------------------------------------

class _Page:
    """A figure laid out in inches from the top-left corner."""

    def __init__(self, fig: Any, height: float):
        self.fig, self.height = fig, height

    def box(self, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
        """Figure fractions (left, bottom, width, height) of a box at (x, y) inches from the top left."""
        return x / WIDTH, 1 - (y + h) / self.height, w / WIDTH, h / self.height

    def text(self, x: float, y: float, text: str, *, size: float = 10, gid: str = "", **kw: Any) -> None:
        kw.setdefault("va", "top")
        item = self.fig.text(x / WIDTH, 1 - y / self.height, text, fontsize=size, **kw)
        if gid:
            item.set_gid(gid)

    def rect(self, x: float, y: float, w: float, h: float, colour: str, **kw: Any) -> None:
        from matplotlib.patches import FancyBboxPatch

        left, bottom, width, height = self.box(x, y, w, h)
        self.fig.add_artist(FancyBboxPatch((left, bottom), width, height, boxstyle="round,pad=0,rounding_size=0.006",
                                           transform=self.fig.transFigure, facecolor=colour, edgecolor="none", **kw))

    def heading(self, y: float, text: str) -> float:
        self.rect(0.45, y + 0.04, 0.08, 0.26, RED)
        self.text(0.62, y, text, size=14, weight="bold", color=DARK)
        return y + 0.42

    def card(self, x: float, y: float, w: float, h: float, caption: str, value: str, gid: str,
             change: str = "", caption_lines: int = 1) -> None:
        self.rect(x, y, w, h, LIGHT)
        per_line = max(4, int(w / 0.125))  # 9 pt CJK characters per line, broken between words
        lines = label_lines(caption, per_line)
        self.text(x + w / 2, y + 0.1, "\n".join(lines), size=9, color=GREY, ha="center", linespacing=1.25)
        self.text(x + w / 2, y + 0.16 + 0.17 * max(len(lines), caption_lines), value, size=_fit(value, w - 0.3, 22),
                  weight="bold", color=RED, ha="center",
                  gid=f"rg-{gid}")
        if change:
            self.text(x + w / 2, y + h - 0.08, change, size=8.5, color=GREY, ha="center", va="bottom",
                      gid=f"rg-{gid}.change")


def _bars(page: _Page, x: float, y: float, w: float, h: float, title: str, labels: list[str],
          values: list[str], gids: list[str]) -> None:
    """A horizontal bar chart, first label on top, each bar with its number at its end."""
    page.text(x, y, title, size=10.5, weight="bold", color=DARK)
    ax = page.fig.add_axes(page.box(x + 1.25, y + 0.3, w - 1.75, h - 0.35))
    numbers = [float(v) for v in values]
    top = max(numbers + [1.0])
    rows = list(range(len(labels)))[::-1]
    ax.barh(rows, numbers, height=0.62, color=RED)
    ax.set_xlim(0, top * 1.02)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.set_yticks(rows, labels, fontsize=9, color="#222222")
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color("#999999")
    ax.tick_params(axis="y", length=0, pad=6)
    for row, number, value, gid in zip(rows, numbers, values, gids):
        item = ax.annotate(value, (number, row), xytext=(4, 0), textcoords="offset points", va="center",
                           fontsize=9.5, weight="bold", color="#222222", annotation_clip=False)
        item.set_gid(f"rg-{gid}")


NO_REVIEWS = "本年度没有因政府信息公开引起的行政复议、行政诉讼。"


def _reviews(page: _Page, x: float, y: float, w: float, h: float, values: dict[str, str]) -> None:
    """行政复议 and the two kinds of 行政诉讼: four outcome columns each, with their numbers; when
    every one is 0, a sentence saying there were none instead of an empty chart of zeros."""
    names = [f"review_litigation.{key}.{col}" for key, _ in T.REVIEW_GROUPS for col, _ in (*T.OUTCOME_COLUMNS, T.TOTAL)]
    if all(float(values[name]) == 0 for name in names):
        page.text(x + w / 2, y + 0.1, NO_REVIEWS, size=12, color=DARK, ha="center", gid="rg-review_litigation.none")
        return
    ax = page.fig.add_axes(page.box(x, y, w, h))
    groups = len(T.REVIEW_GROUPS)
    width = 0.19
    top = max([float(values[f"review_litigation.{key}.{col}"]) for key, _ in T.REVIEW_GROUPS
               for col, _ in T.OUTCOME_COLUMNS] + [1.0])
    for i, ((col, name), colour) in enumerate(zip(T.OUTCOME_COLUMNS, OUTCOME_COLOURS)):
        xs = [g + (i - 1.5) * width for g in range(groups)]
        numbers = [float(values[f"review_litigation.{key}.{col}"]) for key, _ in T.REVIEW_GROUPS]
        ax.bar(xs, numbers, width=width * 0.9, color=colour, label=name)
        for bx, number, (key, _) in zip(xs, numbers, T.REVIEW_GROUPS):
            item = ax.annotate(values[f"review_litigation.{key}.{col}"], (bx, number), xytext=(0, 2),
                               textcoords="offset points", ha="center", va="bottom", fontsize=9, weight="bold",
                               annotation_clip=False)
            item.set_gid(f"rg-review_litigation.{key}.{col}")
    ax.set_ylim(0, top * 1.25)
    ax.set_xlim(-0.55, groups - 0.45)
    ax.set_xticks(range(groups), [""] * groups)
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 1.2), ncol=4, frameon=False, fontsize=9,
              handlelength=1.0, columnspacing=1.2)
    for g, (key, label) in enumerate(T.REVIEW_GROUPS):
        kind = "" if key == "review" else f"{T.LITIGATION}·"
        ax.annotate(f"{kind}{label}", (g, 0), xytext=(0, -6), textcoords="offset points", ha="center", va="top",
                    fontsize=9.5, annotation_clip=False)
        ax.annotate(T.TOTAL[1], (g - 0.03, 0), xytext=(0, -23), textcoords="offset points", ha="right", va="top",
                    fontsize=9, color=GREY, annotation_clip=False)
        item = ax.annotate(values[f"review_litigation.{key}.total"], (g + 0.03, 0), xytext=(0, -22),
                           textcoords="offset points", ha="left", va="top", fontsize=10, weight="bold", color=RED,
                           annotation_clip=False)
        item.set_gid(f"rg-review_litigation.{key}.total")


def draw(facts: Facts) -> Any:
    """The graphic as a matplotlib Figure (not yet saved); GraphicError for a format without tables."""
    from matplotlib.figure import Figure

    from ..model.formats.common import heading_number

    values = figures(facts)
    units = {name: ("元" if name == "processing_fee" else "万元" if name.endswith(".fees") else "件") for name in values}
    change = changes(facts, list(values), units)
    rules = [(key, label) for key, label in T.RULE_ROWS if f"active_disclosure.{key}.issued" in values]
    height = HEIGHT + ROW * (len(rules) - 1)
    fig = Figure(figsize=(WIDTH, height), dpi=DPI, facecolor="white")
    page = _Page(fig, height)
    data = facts.data

    # Title band: the agency and year, as the report's title names them.
    page.rect(0, 0, WIDTH, 1.28, RED)
    page.text(WIDTH / 2, 0.22, facts.agency_name, size=_fit(facts.agency_name, WIDTH - 0.8, 20), weight="bold",
              color="white", ha="center")
    page.text(WIDTH / 2, 0.68, f"{facts.year}年度政府信息公开工作年度报告 · 图解", size=14, color="white", ha="center")
    signed = data.get("signed")  # None: the report prints no date (show_date: false) and gives none
    with_last = (f"（与{facts.previous.year}年度比较）" if facts.previous is not None else "")
    dated = f"成文日期 {signed.year}年{signed.month}月{signed.day}日" if signed else ""
    page.text(WIDTH / 2, 1.0, dated + with_last, size=9, color="#f6d9d6", ha="center")

    # 二、主动公开政府信息情况
    y = page.heading(1.45, heading_number(1, 2) + T.SECTIONS[1])
    margin, gap = 0.45, 0.14
    card_w = (WIDTH - 2 * margin - 2 * gap) / 3
    for key, label in rules:
        for i, (col, name) in enumerate(T.RULE_COLUMNS):
            ref = f"active_disclosure.{key}.{col}"
            page.card(margin + i * (card_w + gap), y, card_w, 0.92, f"{label}{name}", values[ref], ref, change.get(ref, ""))
        y += ROW
    for i, (key, label, _) in enumerate(T.DECISION_ROWS):
        ref = f"active_disclosure.{key}"
        page.card(margin + i * (card_w + gap), y, card_w, 0.92, f"{label}{T.ACTIVE_DECISIONS}", values[ref], ref,
                  change.get(ref, ""))
    y += ROW
    fee_ref = f"active_disclosure.{T.FEE_ROW[0]}"
    fee_w = (WIDTH - 2 * margin - gap) / 2
    page.card(margin, y, fee_w, 0.88, f"{T.FEE_ROW[1]}{T.ACTIVE_FEES}", values[fee_ref], fee_ref, change.get(fee_ref, ""))
    page.card(margin + fee_w + gap, y, fee_w, 0.88, "政府信息公开信息处理费（单位：元）", values["processing_fee"],
              "processing_fee", change.get("processing_fee", ""))
    y += 1.0

    # 三、收到和处理政府信息公开申请情况
    y = page.heading(y, heading_number(1, 3) + T.SECTIONS[2])
    heads = (T.NEW, T.CARRIED_OVER, T.RESULTS_TOTAL, T.CARRIED_FORWARD)
    head_w = (WIDTH - 2 * margin - 3 * gap) / 4
    for i, r in enumerate(heads):
        ref = f"applications.{r.key}.total"
        caption = f"{T.RESULTS_LABEL[2:]}{short(r.label)}" if r is T.RESULTS_TOTAL else short(r.label)
        page.card(margin + i * (head_w + gap), y, head_w, 1.08, caption, values[ref], ref, change.get(ref, ""), 2)
    y += 1.16
    half = (WIDTH - 2 * margin - gap) / 2
    _bars(page, margin, y, half, 1.9, f"{short(T.NEW.label)}：{T.APPLICANTS}",
          [name for _, name in T.APPLICANT_COLUMNS], [values[f"applications.new.{c}"] for c, _ in T.APPLICANT_COLUMNS],
          [f"applications.new.{c}" for c, _ in T.APPLICANT_COLUMNS])
    _bars(page, margin + half + gap, y, half, 1.9, short(T.RESULTS_LABEL), _result_labels(),
          [values[f"applications.{k}.total"] for k in _result_keys()], [f"applications.{k}.total" for k in _result_keys()])
    y += 1.98

    # 四、政府信息公开行政复议、行政诉讼情况
    y = page.heading(y, heading_number(1, 4) + T.SECTIONS[3])
    _reviews(page, margin + 0.2, y + 0.3, WIDTH - 2 * margin - 0.4, height - y - 1.2, values)

    footer = f"数字取自{facts.agency_name}{facts.year}年度政府信息公开工作年度报告的表格"  # no software credit
    page.text(WIDTH / 2, height - 0.18, footer, size=_fit(footer, WIDTH - 0.8, 8), color=GREY, ha="center", va="bottom")
    return fig


def _fit(text: str, width: float, size: float) -> float:
    """The font size (pt) at most `size` at which `text` fits in `width` inches (a CJK character is
    about 1 em wide, a Latin one about half)."""
    import unicodedata

    ems = sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55 for ch in text)
    return min(size, width * 72 / max(ems, 1))


def texts(fig: Any) -> list[str]:
    """Every text the figure draws (titles, labels, numbers, legend), for the glyph check."""
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def missing_glyphs(fig: Any, font_file: str, index: int = 0) -> set[str]:
    """The characters of the figure's texts that the font (face `index` of a collection) lacks."""
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(font_file, face_index=index).get_charmap()
    return {ch for text in texts(fig) for ch in text if not ch.isspace() and ord(ch) not in charmap}


def render_graphic(facts: Facts) -> tuple[bytes, bytes]:
    """(SVG, PNG) of the graphic; the same facts give the same bytes. GraphicError when the format has
    no tables, no CJK font is installed, or the font lacks a character of the text."""
    import matplotlib

    family, font_file, index = cjk_font()
    settings = {"svg.fonttype": "none", "svg.hashsalt": "reportgen-graphic", "font.family": [family],
                "axes.unicode_minus": False, "path.simplify": True}
    with matplotlib.rc_context(settings):
        fig = draw(facts)
        missing = missing_glyphs(fig, font_file, index)
        if missing:
            raise GraphicError(f"{facts.path}: 字体 {family} 缺少这些字：{''.join(sorted(missing))}"
                               "（多半是表情符号或生僻字），画进图解会显示成方框，所以没有生成图解："
                               "请改用常用字，或安装字更全的 Noto Sans CJK SC（fonts-noto-cjk）。")
        svg, png = io.BytesIO(), io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        fig.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    text = svg.getvalue().decode("utf-8").replace(f"font-family: '{family}'", f"font-family: {CSS_FAMILIES}")
    return text.encode("utf-8"), png.getvalue()


def inline_svg(svg: bytes, label: str) -> str:
    """The SVG as an element inside an HTML page: no XML prolog, no metadata, no namespace URLs (the
    HTML parser puts <svg> in its namespace), the style scoped to the graphic, scaling to the page."""
    from html import escape

    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    text = text.replace("<style type=\"text/css\">*{", "<style>figure.graphic svg *{", 1)
    head_end = text.index(">")
    head = re.sub(r'\s(width|height|xmlns(:xlink)?|version)="[^"]*"', "", text[:head_end])
    if "xlink:" in text[head_end:]:  # never drawn so far; kept working should matplotlib start using it
        head += ' xmlns:xlink="http://www.w3.org/1999/xlink"'
    head += f' role="img" aria-label="{escape(label)}"'
    return head + text[head_end:].rstrip() + "\n"
