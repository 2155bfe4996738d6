"""Headless Chromium (Debian package `chromium`, installed by scripts/install-system-deps.sh) measuring
a built web page at a given screen width: the page's own sideways scroll, each heading's lines (one
Range per character, grouped by line top) and each wide box. Headless Chromium's window is at least
500 px wide, so the page is shown in an <iframe> of the phone's width inside a frame page; the copy of
the page carries a measuring script that posts its JSON to the frame page, whose DOM Chromium prints."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

MEASURE = r"""
<script>
window.addEventListener('load', () => {
  const lines = (el) => {
    const out = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let top = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (/\s/.test(node.data[i])) continue;
        const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
        const rect = r.getClientRects()[0];
        if (!rect) continue;
        if (top === null || rect.top > top + rect.height / 2) { out.push(''); top = rect.top; }
        out[out.length - 1] += node.data[i];
      }
    }
    return out;
  };
  const view = document.documentElement.clientWidth;
  const result = {
    width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
    headings: [...document.querySelectorAll('h1,h2,h3,h4')].map(lines),
    boxes: [...document.querySelectorAll('.table-wrap,.graphic-wrap')].map(w => ({
      cls: w.className, scrollWidth: w.scrollWidth, clientWidth: w.clientWidth,
      right: w.getBoundingClientRect().right, overflowX: getComputedStyle(w).overflowX,
      hint: (w.previousElementSibling && w.previousElementSibling.classList.contains('scroll-hint')
             && getComputedStyle(w.previousElementSibling).display !== 'none')
            ? w.previousElementSibling.textContent : ''})),
    outside: [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > view + 0.5
             && !e.closest('.table-wrap,.graphic-wrap')).map(e => e.tagName + '.' + e.className).slice(0, 10),
  };
  window.parent.postMessage(JSON.stringify(result), '*');
});
</script>
"""


def chromium() -> str:
    """The Chromium binary; AssertionError (not a skip) when the system package is missing."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "chromium is not installed: run scripts/install-system-deps.sh"
    return found


def _run(page: Path, width: int, tmp: Path, extra: list[str]) -> str:
    return subprocess.run(
        [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={width},900",
         "--force-device-scale-factor=1", f"--user-data-dir={tmp / 'profile'}", "--virtual-time-budget=3000",
         *extra, page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=True).stdout


def _frame(inner: Path, width: int, height: int, tmp: Path) -> Path:
    frame = tmp / f"frame-{width}-{inner.stem}.html"
    frame.write_text(
        '<!DOCTYPE html><html><body style="margin:0;background:#888">'
        f'<iframe src="{inner.name}" style="border:0;display:block;background:#fff" width="{width}" height="{height}"></iframe>'
        '<script>window.addEventListener("message", e => { const pre = document.createElement("pre");'
        ' pre.id = "rg-measure"; pre.textContent = e.data; document.body.appendChild(pre); });</script>'
        '</body></html>', encoding="utf-8")
    return frame


def measure(html: Path, width: int, tmp: Path) -> dict:
    """The measurements of `html` on a screen `width` CSS px wide (see MEASURE)."""
    page = tmp / f"measure-{width}.html"
    page.write_text(html.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = _run(_frame(page, width, 900, tmp), max(width, 500), tmp, ["--dump-dom"])
    start = dom.index('<pre id="rg-measure">') + len('<pre id="rg-measure">')
    text = dom[start:dom.index("</pre>", start)]
    return json.loads(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"'))


def screenshot(html: Path, width: int, tmp: Path, out: Path, height: int = 900) -> Path:
    """A PNG of the top `height` px of `html` at `width` px (left part of the shot; grey beside it)."""
    page = tmp / html.name
    if page.resolve() != html.resolve():
        shutil.copy(html, page)
    frame = _frame(page, width, height, tmp)
    subprocess.run([chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={max(width, 500)},{height}",
                    "--force-device-scale-factor=1", f"--user-data-dir={tmp / 'profile-shot'}",
                    "--virtual-time-budget=3000", f"--screenshot={out}", frame.resolve().as_uri()],
                   capture_output=True, text=True, timeout=120, check=True)
    return out
