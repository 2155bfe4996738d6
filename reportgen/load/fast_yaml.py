"""The fast path of parsing: the YAML node tree through libyaml, the same tree the Python loader
makes (reportgen.load.reader uses it first, and the Python loader when it declines)."""

from __future__ import annotations

import yaml

from .source import MAX_DEPTH


def compose_fast(text: str) -> yaml.Node | None:
    """The node tree through libyaml (about ten times faster than the Python loader), or None when
    the Python loader must do it: libyaml is not installed, the text has a mistake (the Python
    loader explains it in Chinese, at its place), or nesting is deeper than MAX_DEPTH (PyYAML's C
    composer recurses once per level on the C stack, and a libyaml older than 0.2.5 sets no limit:
    `[[[[…` deep enough would crash the process; so the depth is first measured on libyaml's event
    stream, which is not recursive, stopping at the limit). The tree is the one the Python loader makes, with the same marks (character indexes)."""
    c_loader = getattr(yaml, "CSafeLoader", None)
    if c_loader is None:
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=c_loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.NodeEvent) and depth + 1 > MAX_DEPTH:
                return None
        loader = c_loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None
    if root is not None:
        _as_python_loader(root, text + "\0")
    return root


def _as_python_loader(root: yaml.Node, buffer: str) -> None:
    """Make libyaml's nodes read as the Python loader's: marks that carry the text (reportgen.load.positions finds
    a character inside a quoted value from it) and a plain scalar's style None, not ''."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: the same node again
            continue
        seen.add(id(node))
        for attribute in ("start_mark", "end_mark"):
            mark = getattr(node, attribute)
            setattr(node, attribute, yaml.Mark(mark.name, mark.index, mark.line, mark.column, buffer, mark.index))
        if isinstance(node, yaml.ScalarNode):
            if node.style == "":
                node.style = None
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        else:
            stack += node.value
