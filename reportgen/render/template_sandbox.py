"""The sandbox a Word template renders in (`build --template`): Jinja's SandboxedEnvironment (no
internal attributes, no unsafe calls) plus limits on the work a template can ask for, counted
inside the sandbox so they hold the same on Windows as on Linux (no resource.setrlimit, no
signal.alarm):

- loop iterations and calls, together (MAX_STEPS): every `{% for %}` iterates through a counter
  (the parsed template's loops are rewritten to `environment.bounded_iter(...)`), every call goes
  through `call`; nested loops over range(100000) stop after MAX_STEPS steps instead of running
  until killed;
- the size of every string and list the template makes (MAX_TEXT characters, MAX_ITEMS items):
  `*`, `+`, `%` and `**` are intercepted and checked before they run; `~` and every filter's and
  method's result are checked after; the amplifying filters and methods (center, ljust, replace,
  join, format …) are checked before they run;
- the rendered XML of one part (MAX_OUTPUT characters) and the time one part takes (MAX_SECONDS),
  checked between steps and between output pieces;
- `{% include %}`, `{% import %}`, `{% from %}` and `{% extends %}` are refused when the template
  is compiled: a template is one .docx, it has no other templates to read.

A limit reached raises TemplateLimit, whose message (Chinese) names the limit; reportgen.render.render
turns it into the TemplateError the user sees. Real templates are far inside the limits: the
shipped ones, rendered with the example facts of data/, take at most 28 steps and make at most
71,000 characters of XML a part.
"""

from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import SandboxedEnvironment

from .template_errors import paragraph_text

MAX_STEPS = 200_000  # loop iterations and calls in one part (a shipped template: under 30)
MAX_TEXT = 1_000_000  # characters of one string the template makes (a whole report's text is ~50,000)
MAX_ITEMS = 100_000  # items of one list, tuple or dict the template makes
MAX_OUTPUT = 50_000_000  # characters of one part's rendered XML (a shipped template's: under 75,000)
MAX_SECONDS = 30.0  # time to render one part (a real report takes well under a second)
MAX_INT_BITS = 10_000  # bits of a number the template computes (about 3,000 digits)

_FIX = "请检查模板中的 {% for %} 循环和 {{ }} 里的计算，删去不需要的部分后保存，再生成。"


class TemplateLimit(Exception):
    """A template asked for more work than the sandbox allows (the message, in Chinese, names the
    limit), or for something a template cannot do ({% include %} …)."""


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TemplateLimit(f"模板中的循环和调用超过了 {MAX_STEPS:,} 次（上限），已停止渲染，没有写出报告。{_FIX}")
        if not self.steps & 1023 and time.monotonic() > self.deadline:
            _too_slow()


def _too_slow() -> None:
    raise TemplateLimit(f"模板渲染一个部分超过了 {MAX_SECONDS:g} 秒（上限），已停止渲染，没有写出报告。{_FIX}")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("reportgen_template_budget", default=None)


def _budget() -> _Budget:
    """The budget of the part being rendered by `bounded_render`. Rendered otherwise (docxtpl's own
    render, in the tests), each loop and each call gets a fresh one: never a budget left over from
    an earlier render, whose clock would run out."""
    return _BUDGET.get() or _Budget()


def _too_long(n: int) -> None:
    if n > MAX_TEXT:
        raise TemplateLimit(f"模板要生成一段 {n:,} 个字符的文字（上限 {MAX_TEXT:,} 个字符），已停止渲染，没有写出报告。{_FIX}")


def _too_many(n: int) -> None:
    if n > MAX_ITEMS:
        raise TemplateLimit(f"模板要生成一个 {n:,} 项的列表（上限 {MAX_ITEMS:,} 项），已停止渲染，没有写出报告。{_FIX}")


def _check_value(value: Any) -> Any:
    """`value` when it is within the size limits, else TemplateLimit."""
    if isinstance(value, str):
        _too_long(len(value))
    elif isinstance(value, (list, tuple, dict, set, frozenset)):
        _too_many(len(value))
        if isinstance(value, (list, tuple)):
            _too_long(sum(len(v) for v in value if isinstance(v, str)))
    elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimit(f"模板要计算一个超过 {MAX_INT_BITS:,} 位（二进制）的数（上限），已停止渲染，没有写出报告。{_FIX}")
    return value


_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?|\{[^{}]*:[^{}]*?(\{|\d+)")


def _check_format(spec: Any) -> None:
    """A format string (for %, str.format, |format) whose widths stay under MAX_TEXT; a width given
    by an argument (%*d, {:{}}) is refused, as it cannot be checked before it runs."""
    if not isinstance(spec, str):
        return
    for match in _WIDTH.finditer(spec):
        for width in match.groups():
            if width in ("*", "{"):
                raise TemplateLimit("模板中的格式写法（宽度由参数给出，如 %*d 或 {:{}}）不允许使用，已停止渲染。"
                                    "请在格式中直接写出宽度。")
            if width:
                _too_long(int(width))


def _check_amplifier(name: str, target: Any, args: tuple, kwargs: dict) -> None:
    """Before a method or filter that can make a string much longer than its input runs."""
    values = list(args) + list(kwargs.values())
    if name in ("center", "ljust", "rjust", "zfill", "indent", "expandtabs"):
        text = target if isinstance(target, str) else ""
        for value in values:  # a width (indent's may be text)
            width = value if isinstance(value, int) else len(value) if isinstance(value, str) else 0
            if name == "indent":  # added to every line
                _too_long(len(text) + width * (text.count("\n") + 1))
            elif name == "expandtabs":  # each tab becomes up to `width` spaces
                _too_long(len(text) + width * text.count("\t"))
            else:  # padded to `width`
                _too_long(max(len(text), width))
    elif name in ("format", "format_map"):
        _check_format(target)
    elif name == "replace" and isinstance(target, str) and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = target.count(old) if old else len(target) + 1
        _too_long(len(target) + count * (len(new) - len(old)))


def _collected(items: Any, sep: Any) -> Any:
    """The items to join with `sep` (str.join, |join) as a list, collected one by one and refused
    as soon as their text passes MAX_TEXT (a generator, as |map gives, is never held whole)."""
    if isinstance(items, (str, dict)) or not hasattr(items, "__iter__"):
        return items
    out, size, gap = [], 0, len(str(sep))
    for item in items:
        out.append(item)
        size += (len(item) if isinstance(item, str) else 1) + gap
        _too_long(size)
        _too_many(len(out))
    return out


def _bounded_filter(name: str, func: Any) -> Any:
    pass_arg = getattr(func, "jinja_pass_arg", None)

    def bounded(*args: Any, **kwargs: Any) -> Any:
        _budget().step()
        start = 1 if pass_arg is not None else 0  # the context or environment Jinja passes first
        if len(args) > start:
            target, rest = args[start], args[start + 1:]
            if name == "format":
                _check_format(target)
            elif name == "join":
                args = (*args[:start], _collected(target, kwargs.get("d", rest[0] if rest else "")), *rest)
            else:
                _check_amplifier(name, target, rest, kwargs)
        return _check_value(func(*args, **kwargs))

    bounded.__name__ = getattr(func, "__name__", name)
    if pass_arg is not None:
        bounded.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
    return bounded


class _Generator(CodeGenerator):
    """Jinja's code generator with every `~` (string concatenation) checked for size."""

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        self.write("environment.bounded_value(")
        super().visit_Concat(node, frame)
        self.write(")")


_REFUSED = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from … import",
            nodes.Extends: "extends"}


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox with limits (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "+", "%", "**"})
    code_generator_class = _Generator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)  # lipsum(n=10**6) makes text of any size
        self.filters = {name: _bounded_filter(name, func) for name, func in self.filters.items()}

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for kind, word in _REFUSED.items():
            for node in tree.find_all(kind):
                where = paragraph_text(source, node.lineno)
                place = f"段落“{where}”中的" if where else ""
                raise TemplateLimit(f"模板中{place} {{% {word} %}} 不能使用：模板只能是一个 Word 文件，不能读入其他模板文件。"
                                    "请把要用的内容直接写进这个模板，删去这个标记后保存。")
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.EnvironmentAttribute("bounded_iter"), [loop.iter], [], None, None,
                                   lineno=loop.iter.lineno)
        return tree

    def bounded_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a loop, each counted as a step."""
        budget = _budget()
        for item in iterable:
            budget.step()
            yield item

    def bounded_value(self, value: Any) -> Any:
        """`value` when within the size limits (the result of a `~`)."""
        return _check_value(value)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        _budget().step()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                    (_too_long if isinstance(seq, str) else _too_many)(len(seq) * max(n, 0))
            if isinstance(left, int) and isinstance(right, int):
                _check_value(1 << (left.bit_length() + right.bit_length()))
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            (_too_long if isinstance(left, str) else _too_many)(len(left) + len(right))
        elif operator == "%":
            _check_format(left)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            _check_value(1 << min(left.bit_length() * right, MAX_INT_BITS + 1))
        return _check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _budget().step()
        method = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox's formatter
        target = getattr(method, "__self__", None)
        if isinstance(target, (str, list, tuple)):
            _check_amplifier(getattr(method, "__name__", ""), target, args, kwargs)
            if isinstance(target, str) and getattr(method, "__name__", "") == "join" and args:
                args = (_collected(args[0], target), *args[1:])
        return _check_value(super().call(__context, __obj, *args, **kwargs))


def bounded_render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """`template` rendered with `context`, within the limits (a fresh budget of steps and time for
    this part). Raises TemplateLimit, or what Jinja raises."""
    token = _BUDGET.set(_Budget())
    try:
        budget = _budget()
        out: list[str] = []
        size = 0
        for piece in template.generate(context):
            out.append(piece)
            size += len(piece)
            if size > MAX_OUTPUT:
                raise TemplateLimit(f"模板生成的内容超过了 {MAX_OUTPUT:,} 个字符（上限），已停止渲染，没有写出报告。{_FIX}")
            if time.monotonic() > budget.deadline:
                _too_slow()
        return "".join(out)
    finally:
        _BUDGET.reset(token)
