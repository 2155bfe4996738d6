"""What people give reportgen by mistake, recognised so that the message names the cause.

Pure helpers (bytes, text or YAML nodes in, a Chinese sentence or None out); the modules that
meet the input (source, schema, facts, formats.national_2021) call them.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import yaml

# -- numbers typed in a programmer's notation ---------------------------------------------------------

_SCIENTIFIC = re.compile(r"^([0-9]+(?:\.[0-9]+)?)[eE]\+?([0-9]{1,2})$")
_HEX = re.compile(r"^0[xX]([0-9a-fA-F]+)$")
_OCTAL_BINARY = re.compile(r"^0([oObB])([0-7]+)$")
_UNDERSCORES = re.compile(r"^[0-9]{1,3}(?:_[0-9]+)+$")


def number_hint(raw: str) -> str | None:
    """For a count typed as 1e3, 0x10 or 1_268: what it means and what to write; else None."""
    m = _SCIENTIFIC.match(raw)
    if m:
        value = float(raw)
        if value == int(value):
            return f"：这是科学计数法，意思是 {int(value)}，请直接写 {int(value)}"
    m = _HEX.match(raw)
    if m:
        value = int(m.group(1), 16)
        return f"：这是十六进制写法，意思是 {value}；如果要写的就是 {value}，请直接写 {value}"
    m = _OCTAL_BINARY.match(raw)
    if m and (m.group(1).lower() == "o" or set(m.group(2)) <= {"0", "1"}):
        value = int(m.group(2), 8 if m.group(1).lower() == "o" else 2)
        return f"：这是{'八' if m.group(1).lower() == 'o' else '二'}进制写法，意思是 {value}，请直接写 {value}"
    if _UNDERSCORES.match(raw):
        return f"：数字中不要加下划线，请写 {raw.replace('_', '')}"
    return None


def thousands_comma(node: yaml.Node) -> tuple[yaml.ScalarNode, str] | None:
    """In a flow row `[1,064, 5, …]` (or `{natural: 1,064, …}`, which YAML reads as `natural: 1`
    and a key `064`), a comma with no space followed by exactly three digits, after one to three
    digits, in a row whose other items are separated by a comma and a space: a thousands separator,
    which splits one number in two. Returns the node of the first half and the number meant
    ("1064"); None if there is none."""
    if not isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) or node.flow_style is not True:
        return None
    buffer = node.start_mark.buffer
    if buffer is None:
        return None
    if isinstance(node, yaml.SequenceNode):
        items = list(node.value)
        pairs = list(zip(items, items[1:]))
    else:  # the value before a comma, and the key after it
        pairs = [(a[1], b[0]) for a, b in zip(node.value, node.value[1:])]
    separators = [buffer[a.end_mark.pointer:b.start_mark.pointer] for a, b in pairs]
    if not any(sep.strip() == "," and sep != "," for sep in separators):
        return None  # `[5,100,2]` typed without spaces: a bare comma is the row's separator
    for (first, second), between in zip(pairs, separators):
        if not (isinstance(first, yaml.ScalarNode) and isinstance(second, yaml.ScalarNode)):
            continue
        if first.style or second.style:
            continue
        if between == "," and re.fullmatch(r"[0-9]{1,3}", first.value) and re.fullmatch(r"[0-9]{3}", second.value):
            return first, first.value + second.value
    return None


# -- the format of the report ---------------------------------------------------------------------------

_TRIAL_FORMAT = re.compile(r"2019|2020|试行")


def trial_format_message(value: str, options: str) -> str | None:
    """For a format name that means the 2019 trial format: say it is not supported yet."""
    if not _TRIAL_FORMAT.search(value):
        return None
    return (f"不认识“{value}”：2019 年和 2020 年的年度报告用的是试行格式（国办公开办函〔2019〕60号），"
            f"reportgen 还不支持这种格式。2021 年及以后的年度报告请用 national-2021。可选：{options}。")


# -- a file that is not a facts file ---------------------------------------------------------------

_WRONG_KINDS = (
    ("word/", " Word 文档（.docx）"),
    ("xl/", " Excel 表格（.xlsx）"),
    ("ppt/", " PowerPoint 演示文稿（.pptx）"),
)


def wrong_file_kind(data: bytes) -> str | None:
    """A sentence naming what the file is, when its bytes are plainly not a text facts file: an
    Office document, a PDF, a zip, a legacy .doc/.xls. None for anything that may be text."""
    kind = None
    if data.startswith(b"PK\x03\x04"):
        kind = "压缩文件（.zip）"
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = package.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            names = []
        for prefix, what in _WRONG_KINDS:
            if any(n.startswith(prefix) for n in names):
                kind = what
                break
    elif data.startswith(b"%PDF-"):
        kind = " PDF 文件"
    elif data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind = "旧版 Office 文档（.doc 或 .xls）"
    if kind is None:
        return None
    return (f"这是一个{kind}，不是事实文件：reportgen 读的是 YAML 文本文件（.yaml），"
            "例如 data/example-2025.yaml；生成的报告才是 .docx。请给出事实文件的路径。")


def utf16_without_bom(data: bytes) -> str | None:
    """A UTF-16 file without its byte-order mark (every other byte 0 in ASCII text): the encoding
    named, and how to save it. None otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # with its BOM it is read (source.decode)
    sample = data[:4000]
    zeros = [i for i, b in enumerate(sample) if b == 0]
    if len(zeros) < 4:  # a text facts file in UTF-8 or GBK holds no zero byte at all
        return None
    odd = sum(i % 2 for i in zeros)  # a Chinese character gives a zero byte only now and then (一 is 00 4E)
    if odd >= 0.9 * len(zeros):
        order = "UTF-16 LE"
    elif odd <= 0.1 * len(zeros):
        order = "UTF-16 BE"
    else:
        return None
    return (f"这个文件是 {order} 编码（记事本里叫“Unicode”），而且缺少开头的字节顺序标记，无法可靠读取："
            "请在记事本中“另存为”，编码选“UTF-8”后保存。")


# -- a path that does not exist ---------------------------------------------------------------------

def facts_stem(path: Path) -> str:
    """The name a facts file's outputs are named after: 名称-2025.yaml → 名称-2025, and Notepad's
    名称-2025.yaml.txt (Windows hides the .txt it added) → 名称-2025 too."""
    name = path.name
    if name.lower().endswith((".yaml.txt", ".yml.txt")):
        name = name[: -len(".txt")]
    return Path(name).stem


def missing_file_hint(path: Path) -> str:
    """A did-you-mean for a facts file that is not there: `名称.yaml.txt` (Windows hides the .txt
    Notepad added), a name typed without `.yaml`, .yml for .yaml and back. "" when none exists."""
    candidates = [path.with_name(path.name + ".txt"), path.with_name(path.name + ".yaml"),
                  path.with_name(path.name + ".yml"), path.with_name(path.name + ".yaml.txt")]
    if path.suffix.lower() in (".yaml", ".yml"):
        other = ".yml" if path.suffix.lower() == ".yaml" else ".yaml"
        candidates.append(path.with_suffix(other))
    for candidate in candidates:
        if candidate.is_file():
            hint = f"你是不是想写 {candidate}？"
            if candidate.name.endswith(".txt"):
                hint += ("（Windows 默认隐藏扩展名，记事本保存时加上了 .txt：可以直接用这个名字，"
                         "或在资源管理器中把文件改名为去掉 .txt 的名字。）")
            return hint
    return ""


def txt_lookalikes(folder: Path) -> list[Path]:
    """Files of `folder` named like a facts file with .txt added (名称.yaml.txt): Notepad adds .txt
    and Windows hides it, so a folder build would pass them over without a word."""
    try:
        return sorted(p for p in folder.iterdir()
                      if p.is_file() and p.name.lower().endswith((".yaml.txt", ".yml.txt")))
    except OSError:
        return []


def txt_lookalikes_note(files: list[Path], what: str = "批量生成") -> str:
    """The 提示 line a folder build (or `what`, e.g. 汇总) prints for facts files Notepad saved as
    NAME.yaml.txt (see `txt_lookalikes`), which it did not read: their names and how to rename them."""
    names = "、".join(p.name for p in files)
    return (f"提示：{names} 的名字以 .txt 结尾（记事本保存时加上的，Windows 默认隐藏扩展名），{what}没有处理"
            f"{'它' if len(files) == 1 else '它们'}：请在资源管理器中把文件名末尾的 .txt 去掉，再运行一次。")


# -- YAML syntax mistakes, by the line they are on --------------------------------------------------

_EMPTY_ITEM = re.compile(r"[,\[]\s*(,)")
_DASH_VALUE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:\s+(-)\s*(?:#.*)?$")
_STARTS_WITH = re.compile(r"^\s*(?:-\s+)?(?:[A-Za-z_][A-Za-z0-9_]*:\s+)?([!%])")


def syntax_hint(line: str) -> tuple[int, str] | None:
    """For a line YAML could not read, a (1-based column, message) naming the likely cause:
    an empty item in a row, `-` alone as a value, text starting with `!` or `%`. None otherwise."""
    m = _DASH_VALUE.match(line)
    if m:
        return m.start(1) + 1, ("单独一个“-”会被当作列表的一项，不能作为值：没有的数写 0，没有的文字写“无”；"
                                "如果要印出“-”，请写成 \"-\"（加引号）。")
    m = _EMPTY_ITEM.search(line.split("#", 1)[0] if "[" in line else "")
    if m:
        return m.start(1) + 1, "这一行的列表里有一项空着（逗号之间或括号边上没有数）：没有就写 0，例如 [821, 35, 0, 0]。"
    m = _STARTS_WITH.match(line)
    if m:
        what = "标签（如 !!str）" if m.group(1) == "!" else "指令"
        return m.start(1) + 1, f"以 {m.group(1)} 开头的文字会被 YAML 当作{what}：请把整段文字用引号括起来。"
    return None
