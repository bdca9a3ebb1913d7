"""Text from a file, made safe for each place civdata writes it: terminal, CI log, Markdown, YAML.

Every string in a rubric or an answers file is written by someone else, and may be hostile or
simply pasted from a tool that added invisible characters. What can go wrong depends on where
the text ends up, so there is one function per medium, and every edge calls the one it needs:

* :func:`terminal_text` for anything shown in a terminal or written to a ``.txt`` report: control
  characters (ESC starts colour codes, screen clears, title changes, clipboard writes and
  hyperlinks; CR and backspace overwrite what was printed), bidirectional overrides and isolates,
  zero-width and other invisible format characters, line and paragraph separators and lone
  surrogates are shown as escapes such as ``\\x1b`` or ``\\u202e``. Newlines and tabs are kept
  where the text may span lines.
* :func:`log_line` for every line civdata prints on standard error (problems, gate messages,
  progress): the same, and also newlines, so one problem is always one line, and nothing that a
  CI runner executes as a command (GitHub Actions' ``::command::`` lines and ``##[command]``).
* :func:`md_inline` and :func:`md_block` for Markdown (GitHub-flavoured): text stays literal; it
  cannot add headings, lists, quotes, code, HTML, links, autolinks, @mentions, issue references,
  footnotes or table cells.
* :func:`md_code` for short values shown as code (option values): a code span only when that is
  safe, escaped text otherwise.
* :func:`yaml_comment` for text in a YAML comment (``civdata template``, ``civdata assess``): one
  line, since a line break would end the comment and let the rest be read as YAML.

Escapes make a character visible rather than removing it, so a reader can tell that something
was there; the JSON report and the answers files keep the text exactly as written. A backslash
typed in the text is not doubled, so ``\\x1b`` typed literally and an escaped ESC look the same
on a terminal; the JSON report tells them apart.

This module imports nothing heavy: the core (problems), the CLI and every renderer use it.
"""

from __future__ import annotations

import re

#: Characters never written raw for a person to read: the Unicode categories Cc (controls), Cf
#: (format: bidi controls, zero-width characters, soft hyphen, tags), Cs (lone surrogates), Zl and
#: Zp (line and paragraph separators), as of Unicode 15.1, and a few letters that draw nothing
#: (the combining grapheme joiner and the Hangul fillers, used to fake blank names).
#: ``tests/test_escape.py`` checks that this covers every such character Python knows.
_INVISIBLE_BEYOND_C0 = (
    "\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ud800-\udfff\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"[\x00-\x1f{_INVISIBLE_BEYOND_C0}]")
#: The same, less tab and newline: the layout of text that may span lines.
_UNSAFE_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b-\x1f{_INVISIBLE_BEYOND_C0}]")


def is_invisible(character: str) -> bool:
    """Whether ``character`` is one that civdata never writes raw for a person to read."""
    return _UNSAFE.fullmatch(character) is not None


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escaped(character: str) -> str:
    """``\\n``, ``\\x1b``, ``\\u202e`` or ``\\U000e0001``: a character spelled out, as in Python and YAML."""
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _spelled(match: re.Match[str]) -> str:
    return escaped(match.group())


def terminal_text(text: object, *, multiline: bool = True) -> str:
    """``text`` safe to print on a terminal: every invisible character shown as an escape.

    With ``multiline`` (report paragraphs, notes), newlines and tabs stay; a Windows line end
    (CR LF) becomes a newline. Without it, they are escaped too and the result is one line.
    """
    value = str(text)
    if not multiline:
        return _UNSAFE.sub(_spelled, value)
    return _UNSAFE_BUT_LAYOUT.sub(_spelled, value.replace("\r\n", "\n"))


#: GitHub Actions runs a log line as a command when it starts with ``::`` (after spaces), and,
#: in the older syntax still honoured, when ``##[`` appears anywhere in it.
_WORKFLOW_COMMAND = re.compile(r"::|##\[")


def log_line(text: object) -> str:
    """``text`` as exactly one line for standard error, where CI systems read commands.

    Invisible characters and line breaks are escaped, and ``::`` and ``##[`` are broken up
    (``:\\x3a``, ``#\\x23[``), so a value in a message can neither start a second line nor be
    read by GitHub Actions as a workflow command (``::error::``, ``::stop-commands::``,
    ``##[group]``).
    """
    line = terminal_text(text, multiline=False)
    return _WORKFLOW_COMMAND.sub(lambda match: ":\\x3a" if match.group() == "::" else "#\\x23[", line)


# --- JSON ----------------------------------------------------------------------------------------

_INVISIBLE_IN_JSON = re.compile(f"[{_INVISIBLE_BEYOND_C0}]")


def _json_escape(match: re.Match[str]) -> str:
    encoded = match.group().encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{int.from_bytes(encoded[i : i + 2], 'big'):04x}" for i in range(0, len(encoded), 2))


def json_document(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with every invisible character
    written as a ``\\uXXXX`` escape. The parsed data is exactly the same; the file can be shown
    in a terminal or an editor without a bidi override or a C1 control acting on it, and a lone
    surrogate can be written as UTF-8. ``json.dumps`` already escapes the C0 controls."""
    return _INVISIBLE_IN_JSON.sub(_json_escape, text)


# --- Markdown --------------------------------------------------------------------------------------

#: Characters that can start Markdown or HTML syntax anywhere in a line. CommonMark lets any ASCII
#: punctuation be escaped with a backslash, so escaping them keeps the text literal.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#!])")

#: What can start a block at the beginning of a line once the characters above are escaped: a
#: setext underline or thematic break (``-``, ``=``, always escaped), a list item (``+ ``), or an
#: ordered list item (``1. ``, ``2) ``).
_LINE_START = re.compile(r"^([-=])|^(\+)(?=[ \t]|$)|^(\d{1,9})([.)])(?=[ \t]|$)")

#: Plain text that GitHub turns into a link or a notification: URLs (``https://``, ``www.``),
#: e-mail addresses and @mentions (``@`` before a letter or digit), issue references (``#12``,
#: ``GH-12``). A zero-width space, written as the entity ``&#8203;`` so the Markdown file shows it,
#: breaks each pattern without changing what a reader sees (the same trick Renovate uses).
_AUTOLINK = re.compile(r"(:)(?=//)|(?i:(www)(?=\.))|(@)(?=[0-9A-Za-z])|(\\#)(?=[0-9])|\b(?i:(gh-))(?=[0-9])")
_ZERO_WIDTH_SPACE = "&#8203;"


def _line_start(match: re.Match[str]) -> str:
    if match.group(3):
        return f"{match.group(3)}\\{match.group(4)}"
    return "\\" + match.group()


def _break_autolink(match: re.Match[str]) -> str:
    return match.group() + _ZERO_WIDTH_SPACE


def _md_line(line: str) -> str:
    """One line of text, escaped so that it is read as plain text wherever it stands."""
    text = _INLINE_SPECIAL.sub(r"\\\1", terminal_text(line.strip(), multiline=False))
    return _AUTOLINK.sub(_break_autolink, _LINE_START.sub(_line_start, text))


def _lines(text: object) -> list[str]:
    return str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def md_inline(text: object) -> str:
    """Text from a file, made safe for one line of Markdown (a table cell, a heading, a list item).

    Its lines are joined with a space, as Markdown joins the lines of a paragraph (no ``<br>``:
    the usual linters refuse HTML); blank lines and the spaces around each line are dropped.
    """
    return " ".join(escaped_line for line in _lines(text) if (escaped_line := _md_line(line)))


def md_block(text: object, prefix: str = "") -> str:
    """Text from a file as Markdown lines of its own, each prefixed (``> `` for a quote).

    Indentation is dropped (four spaces would start a code block), and every line is escaped as
    in :func:`md_inline`, so no line can become a heading, an underline, a rule, a list, a quote,
    a fence or HTML.
    """
    return "\n".join(f"{prefix}{_md_line(line)}".rstrip() for line in _lines(text))


_SAFE_CODE = re.compile(r"[A-Za-z0-9 ._+-]+")


def md_code(value: object) -> str:
    """A short value (an option value) shown as code when it is plain, else as escaped text."""
    text = str(value)
    if _SAFE_CODE.fullmatch(text) and text.strip() == text:
        return f"`{text}`"
    return md_inline(text) or "“”"


# --- YAML comments -------------------------------------------------------------------------------

#: Line breaks for some YAML parser: YAML 1.1 (PyYAML, many editors) also breaks at NEL, LS and PS.
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def yaml_comment(text: object) -> str:
    """``text`` for a YAML comment: line breaks folded into spaces, invisible characters escaped,
    so the comment cannot end early and let the rest of the text be read as YAML."""
    return terminal_text(_YAML_BREAKS.sub(" ", str(text)), multiline=False)


def yaml_comment_lines(text: object) -> list[str]:
    """The lines of ``text``, each safe for a YAML comment (see :func:`yaml_comment`)."""
    return [terminal_text(line, multiline=False) for line in _YAML_BREAKS.split(str(text))]
