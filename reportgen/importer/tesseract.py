"""The `tesseract` program (Tesseract OCR 4/5, Apache-2.0; Debian packages tesseract-ocr and
tesseract-ocr-chi-sim) run on page images, its TSV output parsed into words with boxes.

The binary is called directly (no Python wrapper: one subprocess call with a file list and a
TSV parser are all a wrapper would give). Many small images (table cells) go to one call as a
list file, so Tesseract and its models start once per kind of reading, not once per cell; each
image is then one "page" of the TSV output. OMP_THREAD_LIMIT=1: Tesseract's own threads only
slow it down on a small machine with other work."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from .read_docx import ReadError

CHINESE = "chi_sim"
DIGITS = "0123456789."  # what a value cell of the statutory tables may hold
_INSTALL = ("在 Debian/Ubuntu 上运行 sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim；"
            "在 Windows 上安装 Tesseract（例如 UB Mannheim 的安装包），安装时勾选 Chinese (Simplified)，"
            "并把安装文件夹加入 PATH")
_WINDOWS = Path(r"C:\Program Files\Tesseract-OCR\tesseract.exe")


class OcrError(ReadError):
    """Tesseract is missing, lacks the Chinese data, or failed (the message says which and
    what to do)."""


@dataclass
class Word:
    """A word as Tesseract read it: its text, box in pixels of its image, confidence (0–100),
    and (block, paragraph, line) numbers within its image."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@lru_cache(maxsize=1)
def tesseract() -> str:
    """The path of the tesseract program with its Chinese data, or OcrError saying what to
    install."""
    found = shutil.which("tesseract") or (str(_WINDOWS) if sys.platform == "win32" and _WINDOWS.is_file() else None)
    if not found:
        raise OcrError(f"没有安装 OCR（Tesseract），无法识别扫描件。安装方法：{_INSTALL}。")
    try:
        langs = subprocess.run([found, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OcrError(f"OCR 程序 {found} 无法运行（{exc}）。请重新安装：{_INSTALL}。") from exc
    if CHINESE not in (langs.stdout + langs.stderr).split():
        raise OcrError(f"OCR（Tesseract）没有简体中文识别数据（{CHINESE}），无法识别中文报告。安装方法：{_INSTALL}。")
    return found


#: The confidence of the one empty word that stands for an image Tesseract crashed on (see read_images).
CRASHED = -1.0


class _Crashed(Exception):
    """Tesseract was killed by a signal (Tesseract 5.3 dies of a floating-point exception on some
    speckled images)."""


def crashed(words: list[Word]) -> bool:
    """Whether these are the words of an image Tesseract crashed on (nothing was read)."""
    return any(w.conf == CRASHED for w in words)


def read_images(images: list[Image.Image], *, lang: str = CHINESE, psm: int = 6, chars: str = "",
                timeout: float = 0) -> list[list[Word]]:
    """The words of each image (in order), read in one Tesseract run. `psm`: Tesseract's page
    segmentation mode (3 a whole page, 6 a block of text, 7 one line); `chars`: the only
    characters allowed (a whitelist, "" for any). When Tesseract crashes, the images are read again
    in halves, so that one image it cannot read costs only that image: its words are one empty
    word of confidence CRASHED (`crashed`), for the caller to mark unsure. Raises OcrError when
    Tesseract fails otherwise or takes longer than `timeout` seconds (default: 30 s plus 2 s an
    image)."""
    if not images:
        return []
    try:
        return _read(images, lang, psm, chars, timeout)
    except _Crashed:
        if len(images) == 1:
            return [[Word("", 0, 0, 0, 0, CRASHED, (0, 0, 0))]]
        half = len(images) // 2
        return (read_images(images[:half], lang=lang, psm=psm, chars=chars, timeout=timeout)
                + read_images(images[half:], lang=lang, psm=psm, chars=chars, timeout=timeout))


def _read(images: list[Image.Image], lang: str, psm: int, chars: str, timeout: float) -> list[list[Word]]:
    """One Tesseract run over `images` (see read_images); raises _Crashed when a signal killed it."""
    exe = tesseract()
    with tempfile.TemporaryDirectory(prefix="reportgen-ocr-") as tmp:
        names = []
        for n, image in enumerate(images):
            name = Path(tmp) / f"{n:05d}.png"
            image.save(name)
            names.append(str(name))
        listing = Path(tmp) / "images.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        command = [exe, str(listing), "stdout", "-l", lang, "--psm", str(psm)]
        if chars:
            command += ["-c", f"tessedit_char_whitelist={chars}"]
        command.append("tsv")
        limit = timeout or 30 + 2 * len(images)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(command, capture_output=True, timeout=limit, env=env)
        except subprocess.TimeoutExpired as exc:
            raise OcrError(f"OCR 识别超时（超过 {limit:.0f} 秒）：页面可能过大或电脑太忙，请稍后重试。") from exc
        except OSError as exc:
            raise OcrError(f"OCR 程序 {exe} 无法运行（{exc}）。请重新安装：{_INSTALL}。") from exc
    out = done.stdout.decode("utf-8", errors="replace")
    if done.returncode < 0:
        raise _Crashed(done.returncode)
    if done.returncode != 0 or not out.startswith("level"):
        why = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or ["没有输出"]
        raise OcrError(f"OCR（Tesseract）识别失败：{why[0]}。")
    return _parse_tsv(out, len(images))


def _parse_tsv(tsv: str, count: int) -> list[list[Word]]:
    """Tesseract's TSV (level, page_num, block_num, par_num, line_num, word_num, left, top,
    width, height, conf, text) as the words of each page, pages numbered from 1."""
    pages: list[list[Word]] = [[] for _ in range(count)]
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        page = int(cols[1]) - 1
        if 0 <= page < count:
            left, top, width, height = (int(v) for v in cols[6:10])
            line = (int(cols[2]), int(cols[3]), int(cols[4]))
            pages[page].append(Word(cols[11].strip(), left, top, width, height, float(cols[10]), line))
    return pages
