"""Did-you-mean for the command line: a misspelt command (`reportgen bulid`) or option (`--pfd`) is
named with the closest one (difflib, the standard library's similarity ratio), in Chinese.

Used by cli._Parser: `command_typo` reads argparse's own "invalid choice" message, `option_typos`
the arguments argparse could not place; cli prints what they return as a usage error (exit 2).
"""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Iterable, Sequence

# argparse's wording (Python 3.10–3.13: the choice quoted with repr up to 3.12.7, bare after).
_INVALID_COMMAND = re.compile(r"^argument 命令: invalid choice: (.+?) \(choose from (.+)\)$")
CUTOFF = 0.6  # difflib's default: bulid→build 0.8, --pfd→--pdf 0.8, chek→check 0.89


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else text


def closest(word: str, known: Iterable[str]) -> str | None:
    """The one of `known` closest to `word` (difflib.get_close_matches, cutoff CUTOFF), or None."""
    found = difflib.get_close_matches(word, list(known), n=1, cutoff=CUTOFF)
    return found[0] if found else None


def command_typo(message: str, commands: Sequence[str]) -> str | None:
    """For argparse's "invalid choice" message about the command, the message a clerk reads:
    `没有 bulid 这个命令。是不是 build？` (or the list of commands when none is close); None for
    any other message."""
    m = _INVALID_COMMAND.match(message)
    if m is None:
        return None
    typed = _unquote(m[1])
    guess = closest(typed, commands) or closest(typed.lower(), commands)
    if guess:
        return f"没有 {typed} 这个命令。是不是 {guess}？（reportgen -h 列出全部命令）"
    return f"没有 {typed} 这个命令。可用的命令：{'、'.join(commands)}。"


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of `parser` by name ({} for a subcommand's own parser)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def options_of(parser: argparse.ArgumentParser) -> list[str]:
    """Every option string of `parser` (--pdf, -o …)."""
    return [flag for action in parser._actions for flag in action.option_strings]


def option_typos(extras: Sequence[str], options: Sequence[str], command: str | None,
                 elsewhere: dict[str, list[str]] | None = None) -> str | None:
    """For the arguments argparse could not place (`extras`), the message naming each unknown
    option with the closest of `options` (those of `command`, or of reportgen itself when None):
    `没有 --pfd 这个选项。是不是 --pdf？`; one typed in other case (--PDF) is named as `--pdf`
    (options are case-sensitive); one that is an option of other commands (`elsewhere`: command →
    its options), such as `check --pdf`, says which. None when no extra looks like an option (a
    second file, say: argparse's own message says it)."""
    said = []
    where = f"reportgen {command}" if command else "reportgen"
    for extra in extras:
        if not extra.startswith("-") or extra == "-":
            continue
        flag = extra.split("=", 1)[0]
        cased = [option for option in options if option.lower() == flag.lower()]
        owners = [name for name, theirs in (elsewhere or {}).items() if name != command and flag in theirs]
        guess = closest(flag, options)
        if cased:
            said.append(f"没有 {flag} 这个选项。是不是 {cased[0]}？（选项区分大小写，要用小写）")
        elif owners:
            said.append(f"{where} 没有 {flag} 这个选项：{flag} 是 {'、'.join(owners)} 的选项"
                        f"（例如 reportgen {owners[0]} … {flag}；{where} -h 列出 {command or 'reportgen'} 的全部选项）。")
        else:
            said.append(f"没有 {flag} 这个选项。是不是 {guess}？" if guess
                        else f"{where} 没有 {flag} 这个选项（{where} -h 列出全部选项）。")
    return "".join(said) or None


def refuse_unknown(parser: argparse.ArgumentParser, parsed: argparse.Namespace | None, extras: Sequence[str],
                   command: str | None = None) -> None:
    """Exit 2 through the parser of the command given (`parsed.command`, or `command`), or `parser`
    itself, naming the arguments argparse could not place (`extras`): an unknown option with the
    closest known one (`option_typos`), anything else as argparse says it."""
    command = getattr(parsed, "command", None) or command
    subparsers = commands(parser)
    chosen = subparsers.get(command, parser) if command else parser
    elsewhere = {name: options_of(sub) for name, sub in subparsers.items()}
    said = option_typos(extras, options_of(chosen), command, elsewhere)
    chosen.error(said if said else f"unrecognized arguments: {' '.join(extras)}")


def refuse_unknown_first(parser: argparse.ArgumentParser, args: Sequence[str]) -> None:
    """Before argparse parses `args`: exit 2 (refuse_unknown) when a long option after the command
    is none of that command's, so `reportgen new --pdf` names the unknown option rather than the
    missing LAST.yaml argparse would report first. A prefix of a known option (argparse reads
    --prev as --previous) is known; nothing after `--` is an option."""
    subparsers = commands(parser)
    index = next((i for i, arg in enumerate(args) if arg in subparsers), None)
    if index is None:
        return
    command, known = args[index], options_of(subparsers[args[index]])
    unknown = []
    for arg in args[index + 1:]:
        if arg == "--":
            break
        flag = arg.split("=", 1)[0]
        if flag.startswith("--") and not any(option.startswith(flag) for option in known):
            unknown.append(arg)
    if unknown:
        refuse_unknown(parser, None, unknown, command)
