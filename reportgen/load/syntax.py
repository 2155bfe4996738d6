"""The mistakes in a facts file's text that YAML reports badly, or in English: the line scan
(hidden line breaks, tabs and full-width spaces in indentation, full-width colons, a missing space
after a key; all found in one pass) and PyYAML's errors said in Chinese, at the place of their
cause. Every message says what is wrong, where, and the fix.
"""

from __future__ import annotations

import re

import yaml

from ..errors import Location, Problem
from .source import Source

# -- the line scan: mistakes YAML reports badly, all found in one pass ------------------------------

# Field names are lower-case words (year, short_name): 「APP：全年……」 or 「OA:系统」 is text, not a key.
_KEY_FULLWIDTH_COLON = re.compile(r"^(\s*(?:-\s+)?)([a-z_][a-z0-9_]*)\s*：")


_KEY_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([a-z_][a-z0-9_]*):(?=[^\s:/])")


# A no-break space looks like a space in every editor, but YAML takes it for text, not indentation.
NBSP_INDENT = "缩进里有不换行空格（U+00A0，看起来和空格一样，常见于从网页或 Word 复制来的文字）"


# Line breaks to YAML, invisible in an editor: they shift every line number after them.
_HIDDEN_BREAKS = {
    "\u2028": "含有网页复制带来的换行符 U+2028，请删除它（编辑器里看不见，但 YAML 会把它当作换行）。",
    "\u2029": "含有网页复制带来的换段符 U+2029，请删除它（编辑器里看不见，但 YAML 会把它当作换行）。",
    "\x85": "含有看不见的换行符 U+0085，请删除它（YAML 会把它当作换行）。",
}


def lint_lines(source: Source) -> list[Problem]:
    """Find hidden line breaks, tabs in indentation, full-width colons and spaces after keys, on
    every line at once."""
    name = source.name
    problems: list[Problem] = []
    for number, line in enumerate(source.lines, start=1):
        for col, ch in enumerate(line, start=1):
            if ch in _HIDDEN_BREAKS:
                problems.append(Problem(Location(name, number, col), _HIDDEN_BREAKS[ch],
                                        code="hidden-line-break", source_line=line))
        if line.lstrip().startswith("#"):
            continue
        indent = re.match(r"[ \t\u3000\u00a0]*", line).group(0)
        if "\t" in indent:
            problems.append(
                Problem(
                    Location(name, number, indent.index("\t") + 1),
                    "缩进里有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格（同一层对齐）。",
                    code="tab-indent",
                    source_line=line,
                )
            )
        elif "\u3000" in indent:
            problems.append(
                Problem(
                    Location(name, number, indent.index("\u3000") + 1),
                    "缩进里有全角空格：请改用半角空格缩进。",
                    code="fullwidth-indent",
                    source_line=line,
                )
            )
        elif "\u00a0" in indent and re.match(r"(?:-(?:\s|$)|[a-z_][a-z0-9_]*:(?:\s|$))", line[len(indent):]):
            # (a key or a list item: a line of text that merely starts with one is text to YAML)
            problems.append(
                Problem(
                    Location(name, number, indent.index("\u00a0") + 1),
                    NBSP_INDENT + "：YAML 只能用半角空格缩进。请删去这一行开头的空白，重新用半角空格缩进（同一层对齐）。",
                    code="nbsp-indent",
                    source_line=line,
                )
            )
        m = _KEY_FULLWIDTH_COLON.match(line)
        if m:
            col = line.index("：", m.end(2)) + 1
            problems.append(
                Problem(
                    Location(name, number, col),
                    f"字段名 {m.group(2)} 后面是全角冒号“：”：请改为半角冒号加一个空格（{m.group(2)}: ）。",
                    code="fullwidth-colon",
                    source_line=line,
                )
            )
            continue
        m = _KEY_NO_SPACE.match(line)
        if m:
            problems.append(
                Problem(
                    Location(name, number, m.end() + 1),
                    f"字段名 {m.group(2)} 的冒号后面缺少空格：请写成“{m.group(2)}: 值”。",
                    code="colon-no-space",
                    source_line=line,
                )
            )
        elif m := re.match(r"^\s*(?:-\s+)?[a-z_][a-z0-9_]*:([\u3000\u00a0])", line):
            col = m.end(1)
            what = "全角空格" if m.group(1) == "\u3000" else "不换行空格（U+00A0，常见于从网页或 Word 复制的文字）"
            problems.append(
                Problem(
                    Location(name, number, col),
                    f"冒号后面是{what}：请改为半角空格。",
                    code="fullwidth-space",
                    source_line=line,
                )
            )
    return problems


# -- PyYAML's errors in Chinese ---------------------------------------------------------------------

_TRANSLATIONS: list[tuple[str, str]] = [
    ("expected a single document in the stream",
     "文件里有第二个 YAML 文档（以 --- 开头的一行）：一个事实文件只能写一份报告，请删除这一行及其后多余的内容。"),
    ("expected the node content",
     "这里缺少内容：括号 [ 或 {{ 没有写完（缺少配对的 ] 或 }}），或“- ”、“字段名:”后面应有的内容没有写。".replace("{{", "{").replace("}}", "}")),
    ("found character '\\t' that cannot start any token",
     "这里有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格。"),
    ("mapping values are not allowed here",
     "这里不能出现“字段名: 值”：常见原因是上一行缩进不对，或文字里含有“: ”——含冒号的文字请用引号括起来。"),
    ("could not find expected ':'",
     "缺少冒号：每个字段写成“字段名: 值”（半角冒号，后面加空格）；整段文字请写在同一行或用引号括起来。"),
    ("did not find expected key",
     "缩进不一致：同一层的字段必须左对齐，列表项“- ”也要与同级对齐。"),
    ("expected <block end>, but found",
     "缩进不一致：这一行的缩进与上面同一层的字段没有对齐。"),
    ("did not find expected '-' indicator",
     "列表缩进不一致：同一列表的每一项“- ”必须左对齐。"),
    ("found unexpected end of stream",
     "引号没有闭合：这里开始的引号一直到文件末尾都没有配对的结束引号。"),
    ("found undefined alias",
     "引用了未定义的锚点（*名称）：请先用 &名称 定义。"),
    ("expected alphabetic or numeric character",
     "以 * 或 & 开头的文字会被当作 YAML 锚点：请把这段文字用引号括起来。"),
    ("expected ',' or '}'",
     "以 { 开头的一段文字要用英文双引号括起来，例如 - \"{year}年，……\"。"),
    ("expected ',' or ']'",
     "以 [ 开头的文字会被当作列表：请把整段文字用引号括起来。"),
    ("found unknown escape character",
     "双引号里的反斜杠“\\”开始了未知的转义：请改用单引号，或写成“\\\\”。"),
    ("found character '@' that cannot start any token",
     "以 @ 开头的文字必须用引号括起来。"),
    ("found character '`' that cannot start any token",
     "以 ` 开头的文字必须用引号括起来。"),
    ("found duplicate anchor",
     "锚点名称重复定义。"),
    ("sequence entries are not allowed here",
     "这里不能出现列表项“- ”：常见原因是缩进不对，或把单独的“-”当作了值（没有的数写 0；要印出“-”请加引号）。"),
    ("tab character",
     "这里有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格。"),
    ("while parsing a tag",
     "以 ! 开头的文字会被 YAML 当作标签：请把整段文字用引号括起来。"),
    ("while scanning a tag",
     "以 ! 开头的文字会被 YAML 当作标签：请把整段文字用引号括起来。"),
    ("found undefined tag handle",
     "以 ! 开头的文字会被 YAML 当作标签：请把整段文字用引号括起来。"),
    ("found character '%' that cannot start any token",
     "以 % 开头的文字必须用引号括起来。"),
    ("found unexpected document separator",
     "文件中间有一行 --- 或 ...（YAML 的文档分隔符）：请删除这一行；如果它是文字的一部分，请把文字用引号括起来。"),
    ("while scanning a block scalar",
     "以 | 或 > 开头的文字会被当作多行文字块，这两个符号后面只能换行：请把整段文字用引号括起来。"),
    ("expected escape sequence",
     "双引号里的反斜杠“\\”开始了转义，但后面不是合法的字符编码：请改用单引号，或写成“\\\\”。"),
    ("directive",
     "以 % 开头的一行会被当作 YAML 指令：请删除它，或把这段文字用引号括起来。"),
    ("expected '<document start>'",
     "这一行之前有一行 ...（YAML 的文档结束符）或以 % 开头的行（YAML 指令），之后的内容无法读取："
     "请删除那一行；如果它是文字的一部分，请把文字用引号括起来。"),
    ("found unexpected ':'",
     "这里不能出现冒号：含“:”的文字请用引号括起来。"),
]


# Any other PyYAML message (rare): said in Chinese without PyYAML's English.
_UNKNOWN_SYNTAX = ("YAML 读不懂这里的写法：请检查这一行的引号、括号、冒号和缩进是否配对、对齐；"
                   "含有特殊符号（: # [ ] { } & * ! | > % @ `）的文字请用引号括起来。")


# Errors whose problem mark is where PyYAML gave up, far from the cause: the context mark is the
# cause (the opening quote of a quote never closed, the `*` or `&` of a would-be alias or anchor).
_AT_CONTEXT = ("found unexpected end of stream", "expected alphabetic or numeric character",
               "could not find expected ':'")  # the key without its colon, not the line after it


# A value that starts with a flow collection, right after `- ` or `key: ` (or at a line's start).
_FLOW_START = re.compile(r"^[ ]*(?:-[ ]+)*(?:[^\s#&*!|>'\"%@`{}\[\],-][^:#{}\[\]]*:[ ]+)?([{\[])")


_FLOW_MESSAGES = {
    "{": "以 { 开头的一段文字要用英文双引号括起来，例如 - \"{year}年，……\"。",
    "[": "以 [ 开头的文字会被当作列表：请把整段文字用引号括起来。",
}


def syntax_problem(exc: yaml.MarkedYAMLError, source: Source, last_token: yaml.Token | None) -> Problem:
    """PyYAML's syntax error `exc` as a Chinese message at the place of its cause (`last_token`:
    the last token the parser took, which tells an over-indented `key: value` from other causes)."""
    detail = " ".join(filter(None, [exc.context, exc.problem]))
    message = next((zh for en, zh in _TRANSLATIONS if en in detail), None)
    if message is None:
        message = _UNKNOWN_SYNTAX
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and any(en in detail for en in _AT_CONTEXT):
        mark = exc.context_mark
    loc = source.mark_location(mark) if mark else Location(source.name)
    # Text that starts with { or [ is read as a flow mapping or list; whatever error follows,
    # that is the cause.
    for flow_mark in (exc.problem_mark, exc.context_mark):
        if flow_mark is None:
            continue
        flow_loc = source.mark_location(flow_mark)
        m = _FLOW_START.match(source.line(flow_loc.line))
        if m and m.start(1) < flow_loc.column:
            loc = Location(source.name, flow_loc.line, m.start(1) + 1)
            message = _FLOW_MESSAGES[m.group(1)]
            break
    else:
        if (
            exc.problem == "mapping values are not allowed here"
            and exc.problem_mark is not None
            and isinstance(last_token, yaml.ScalarToken)
            and last_token.plain
            and source.mark_location(last_token.start_mark).line < loc.line
        ):
            # `key: value` on a line indented deeper than its siblings continues the text of the
            # line above; its colon is then the error. The cause is the indentation.
            line = source.line(loc.line)
            loc = Location(source.name, loc.line, len(line) - len(line.lstrip()) + 1)
            message = ("缩进不一致：这一行比上面同一层的字段缩进得多，被当成了上一行文字的接续。"
                       "同一层的字段必须左对齐；如果它确实是上一行文字的一部分，请把整段文字用引号括起来。")
        if "expected <block end>, but found '<block mapping start>'" in detail and loc.line > 1:
            loc, message = _value_then_fields(source, exc, loc, message)
        # A quoted text with more typed after its closing quote: `name: "示例" 局`.
        if exc.problem_mark is not None:
            line = source.line(source.mark_location(exc.problem_mark).line)
            m = _QUOTED_THEN_MORE.match(line)
            if m:
                loc = Location(source.name, source.mark_location(exc.problem_mark).line, m.start(2) + 1)
                message = ("引号后面还有文字：引号里的文字结束后，同一行不能再写别的内容。"
                           "请把整段文字都放进引号里，或去掉引号。")
    loc, message = _hinted(source, exc, loc, message)
    if "expected '<document start>'" in detail:
        loc, message = _indented_top(source, loc, message)
    return Problem(loc, message, code="yaml-syntax", source_line=source.line(loc.line))


_KEY_AND_VALUE = re.compile(r"^([ ]*)([^\s#:][^:#]*?):[ ]+([^\s#].*?)\s*(?:#.*)?$")


def _value_then_fields(source: Source, exc: yaml.MarkedYAMLError, loc: Location,
                       message: str) -> tuple[Location, str]:
    """`new: 0` over indented fields (a file made by `reportgen new` leaves `new:` empty, with its
    rows below): the cause is the value typed after the colon, not the indentation of the line
    below. (loc, message) unchanged when the lines do not look so."""
    line_no = loc.line - 1  # the line above that holds something (not a blank or a comment)
    while line_no > 1 and (not source.line(line_no).strip() or source.line(line_no).lstrip().startswith("#")):
        line_no -= 1
    m = _KEY_AND_VALUE.match(source.line(line_no))
    below = source.line(loc.line)
    if not m or len(below) - len(below.lstrip(" ")) <= len(m.group(1)):
        return loc, message
    key, value = m.group(2).strip(), m.group(3)
    return (Location(source.name, line_no, m.start(3) + 1),
            f"“{key}”后面写了“{value}”，下面又有缩进的各项（第 {loc.line} 行起）：一个字段要么在冒号后直接写值，"
            f"要么在下面分行写各项。请删去“{key}:”后面的“{value}”，把内容填在下面各行。")


def _indented_top(source: Source, loc: Location, message: str) -> tuple[Location, str]:
    """` format: national-2021` (the file's first key indented): YAML takes the indentation as the
    top level's, and stops at the next key typed at column 1 with words about a `...` line or a `%`
    directive that are not there. The cause is the first key's indentation: (loc, message) at it;
    unchanged when such a line is there, or the first line that holds something starts at column 1."""
    lines = [(n, source.line(n)) for n in range(1, loc.line)]
    if any(text.rstrip() == "..." or text.startswith("%") for _, text in lines):
        return loc, message
    first = next(((n, text) for n, text in lines if text.strip() and not text.lstrip().startswith("#")), None)
    if first is None or first[1][:1] not in (" ", "\u00a0", "\u3000"):
        return loc, message
    n, text = first
    key = re.match(r"\s*([^\s:]+)", text).group(1)  # type: ignore[union-attr]
    return (Location(source.name, n, 1),
            f"{key} 前面多了缩进：最外层的字段（format、agency、year……）必须顶格写，从第1列开始，"
            f"而这里缩进了 {len(text) - len(text.lstrip())} 个空格。请删去这一行开头的空格，让它与第{loc.line}行的字段左对齐。")


def _hinted(source: Source, exc: yaml.MarkedYAMLError, loc: Location, message: str) -> tuple[Location, str]:
    """The cause named from the line YAML stopped on (reportgen.load.input_hints.syntax_hint), if known."""
    from .input_hints import syntax_hint

    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return loc, message
    for line_number in dict.fromkeys((source.mark_location(mark).line, loc.line)):
        found = syntax_hint(source.line(line_number))
        if found:
            return Location(source.name, line_number, found[0]), found[1]
    return loc, message


_QUOTED_THEN_MORE = re.compile(r"""^\s*(?:-\s+)?(?:[A-Za-z_][A-Za-z0-9_]*:\s+)?("[^"]*"|'[^']*')\s*([^\s#].*)$""")


def reader_problem(exc: yaml.YAMLError, source: Source) -> Problem:
    """PyYAML's reader error (a character YAML forbids, e.g. a control character) as a Chinese
    message at the character."""
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    if isinstance(character, int):  # PyYAML's ReaderError gives the character's code
        character = chr(character)
    loc = source.location(position) if position is not None else Location(source.name)
    what = f"U+{ord(character):04X}" if isinstance(character, str) and len(character) == 1 else "不可见字符"
    return Problem(
        loc,
        f"含有不能写入文档的控制字符 {what}：请删除它（常见于从网页或其他软件复制的文字）。",
        code="control-char",
        source_line=source.line(loc.line),
    )
