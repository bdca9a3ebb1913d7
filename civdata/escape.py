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
* :func:`workflow_data`, :func:`workflow_property` and :func:`workflow_path` for the GitHub
  Actions workflow commands civdata prints on purpose (``--annotations github``): percent-encoded
  as the runner decodes them, so a value is one message or one property, never a command of its
  own; a file's path in ``file=`` exactly as it is, so the annotation is at that file.
* :func:`md_inline` and :func:`md_block` for Markdown (GitHub-flavoured): text stays literal; it
  cannot add headings, lists, quotes, code, HTML, links, autolinks, @mentions, issue references,
  footnotes or table cells.
* :func:`md_code` for short values shown as code (option values): a code span only when that is
  safe, escaped text otherwise.
* :func:`yaml_comment` for text in a YAML comment (``civdata template``, ``civdata assess``): one
  line, since a line break would end the comment and let the rest be read as YAML.
* :func:`spaces_spelled` for a value quoted in a problem's message (``'yes\\xa0' is not an
  answer``): spaces other than the ordinary one are spelled out too, so a value does not look like
  the one it is not.
* :func:`html_text` for HTML and XML (the HTML report, SVG pictures), in element text and in
  quoted attribute values alike: markup characters become character references, and invisible
  characters are spelled out as in the terminal.

Escapes make a character visible rather than removing it, so a reader can tell that something
was there; the JSON report and the answers files keep the text exactly as written. A backslash
typed in the text is not doubled, so ``\\x1b`` typed literally and an escaped ESC look the same
on a terminal; the JSON report tells them apart.

This module imports nothing heavy: the core (problems), the CLI and every renderer use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Characters never written raw for a person to read: the Unicode categories Cc (controls), Cf
#: (format: bidi controls, zero-width characters, soft hyphen, tags), Cs (lone surrogates), Zl and
#: Zp (line and paragraph separators), as of Unicode 15.1, a few letters that draw nothing
#: (the combining grapheme joiner and the Hangul fillers, used to fake blank names), and the
#: noncharacters U+FFFE and U+FFFF, which YAML and XML forbid (a YAML file can hold them through a
#: ``\\uffff`` escape, and a comment civdata writes with one raw would make the file unreadable).
#: ``tests/test_escape.py`` checks that this covers every such character Python knows.
_INVISIBLE_BEYOND_C0 = (
    "\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ud800-\udfff\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_ALWAYS_INVISIBLE = re.compile(f"[\x00-\x1f{_INVISIBLE_BEYOND_C0}]")
#: The zero-width non-joiner and joiner spell words in Persian, Urdu and Indic scripts and join
#: emoji (a health worker of a given skin tone): between two characters beyond ASCII that are not
#: spaces or invisible, they are written as they are, or people's names would be spelled wrong in
#: every report. Anywhere else (between ASCII letters, at an edge, beside a space or another
#: invisible character) they only hide a difference, and are escaped like the rest, by a pass of
#: their own (:func:`_stray_joiner`) made only on text that holds one.
_JOINERS = "\u200c\u200d"
_INVISIBLE_BUT_JOINERS = _INVISIBLE_BEYOND_C0.replace("\u200b-\u200f", "\u200b\u200e\u200f")
_UNSAFE = re.compile(f"[\x00-\x1f{_INVISIBLE_BUT_JOINERS}]")
#: The same, less tab and newline: the layout of text that may span lines.
_UNSAFE_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b-\x1f{_INVISIBLE_BUT_JOINERS}]")


@lru_cache(maxsize=1)
def _stray_joiner() -> re.Pattern[str]:
    """A joiner not between two characters that can join (compiled on first need: it is rare)."""
    joins = r"[^\x00-\x7f\s" + _INVISIBLE_BEYOND_C0 + "]"
    return re.compile(f"(?<!{joins})[{_JOINERS}]|[{_JOINERS}](?!{joins})")


def _has_joiner(text: str) -> bool:
    return "\u200c" in text or "\u200d" in text


def is_invisible(character: str) -> bool:
    """Whether ``character`` is one that civdata never writes raw for a person to read, out of
    context (a joiner between letters that need it is written as it is: see :func:`hidden_in`)."""
    return _ALWAYS_INVISIBLE.fullmatch(character) is not None


def hidden_in(text: str) -> list[str]:
    """The characters of ``text`` that :func:`terminal_text` spells out, with line breaks and tabs:
    what would be invisible, or act on a terminal, if written raw."""
    stray = [match.group() for match in _stray_joiner().finditer(text)] if _has_joiner(text) else []
    return [*stray, *(match.group() for match in _UNSAFE.finditer(text))]


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
    A report printed in a CI job is read by the runner too, and a line can start anywhere in a
    value: at a space where it wraps, and inside a word too long for its column, which the
    terminal report's tables cut at any character. So ``##[`` and every ``::`` are broken up
    (``#\\x23[``, ``:\\x3a``), and no value can become a workflow command however the text is
    laid out (an outside review put ``::error`` at the start of a line through a long name).
    """
    return _WORKFLOW_COMMAND.sub(_broken_command, _visible(text, multiline=multiline))


def commands_broken(text: str) -> str:
    """``text`` with ``##[`` and each ``::`` that could start a line (at the start, or after
    white space, where wrapping may break it) written ``#\\x23[`` and ``:\\x3a``: read by a
    person as the same text, by a YAML double-quoted scalar as exactly the same text, and by a CI
    runner as no workflow command, however the text is laid out (:func:`terminal_text`,
    :func:`civdata.answers_writer.quoted`)."""
    return _LINE_COMMAND.sub(_broken_command, text)


def visible_text(text: object, *, multiline: bool = True) -> str:
    """``text`` with every invisible character shown as an escape, as :func:`terminal_text` shows
    them, but without its guard against workflow commands (``::``, ``##[``): for text that no CI
    log reads, such as a phone form's labels, where "Step 1 :: consent" is shown as written."""
    return _visible(text, multiline=multiline)


def _visible(text: object, *, multiline: bool) -> str:
    """Every invisible character of ``text`` shown as an escape (see :func:`terminal_text`)."""
    value = str(text)
    if _has_joiner(value):  # first, while a joiner's neighbours are still as written
        value = _stray_joiner().sub(_spelled, value)
    if not multiline:
        return _UNSAFE.sub(_spelled, value)
    return _UNSAFE_BUT_LAYOUT.sub(_spelled, value.replace("\r\n", "\n"))


#: The Unicode spaces (category Zs) other than the ordinary one, U+0020: the no-break space (which
#: word processors type, and a paste from one brings), the figure, narrow no-break, ideographic and
#: typographic spaces. In text they are spaces, written as they are: French sets a narrow no-break
#: space before ``:`` and ``?``, and a name may hold a no-break space. Only where a message quotes
#: a value are they spelled out (:func:`spaces_spelled`).
SPACE_SEPARATORS = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACE_SEPARATOR = re.compile(f"[{SPACE_SEPARATORS}]")


def spaces_spelled(text: str) -> str:
    """``text`` with every space but the ordinary one spelled out (``\\xa0``, ``\\u202f``).

    For a message that quotes a value from a file: ``'yes\\xa0' is not an answer`` where the
    space written raw would read ``'yes '``, as if an ordinary space were the mistake, or ``'yes'``
    when it is at the end, as if nothing were. Invisible characters (``\\u200b``) are spelled out
    by every function here already; these are visible as spaces, and look like the wrong one.
    """
    return _SPACE_SEPARATOR.sub(_spelled, text)


#: GitHub Actions runs a log line as a command when it starts with ``::`` (after spaces), and,
#: in the older syntax still honoured, when ``##[`` appears anywhere in it.
_WORKFLOW_COMMAND = re.compile(r"::|##\[")
#: The same, where a line could start once text is wrapped: at the start, or after white space.
_LINE_COMMAND = re.compile(r"(?<!\S)::|##\[")


def _broken_command(match: re.Match[str]) -> str:
    return ":\\x3a" if match.group() == "::" else "#\\x23["


def log_line(text: object) -> str:
    """``text`` as exactly one line for standard error, where CI systems read commands.

    Invisible characters and line breaks are escaped, and ``::`` and ``##[`` are broken up
    (``:\\x3a``, ``#\\x23[``), so a value in a message can neither start a second line nor be
    read by GitHub Actions as a workflow command (``::error::``, ``::stop-commands::``,
    ``##[group]``).
    """
    return _WORKFLOW_COMMAND.sub(_broken_command, terminal_text(text, multiline=False))


# --- GitHub Actions workflow commands --------------------------------------------------------------

#: What the runner decodes in a workflow command's message (after the second ``::``), and, in its
#: properties (``file=``, ``title=``), also what would end a property or the list of them.
_WORKFLOW_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_WORKFLOW_PROPERTY = {**_WORKFLOW_DATA, ":": "%3A", ",": "%2C"}
_WORKFLOW_DATA_SPECIAL = re.compile("[%\r\n]")
_WORKFLOW_PROPERTY_SPECIAL = re.compile("[%\r\n:,]")


def workflow_data(text: object) -> str:
    """``text`` as the message of a GitHub Actions workflow command (``::error ...::MESSAGE``).

    Invisible characters are escaped as for a terminal (the runner prints the message in the
    log), then ``%``, CR and LF are percent-encoded as the runner expects, so the message keeps
    its lines in the annotation and is still one line in the log: nothing in it can end the
    command and start another one.
    """
    shown = terminal_text(text)
    return _WORKFLOW_DATA_SPECIAL.sub(lambda match: _WORKFLOW_DATA[match.group()], shown)


def workflow_property(text: object) -> str:
    """``text`` as a property value of a workflow command shown to people (``title=``): one line,
    invisible characters escaped, and ``%``, CR, LF, ``:`` and ``,`` percent-encoded, so a title
    can neither end the property list nor add a property.

    ``##[`` is broken up (``#\\x23[``) by :func:`_property_encoded`, as in every line on standard
    error; ``::`` is not broken up as in a log line (:func:`log_line`): its ``:`` is encoded
    already (``%3A``), so ``:\\x3a`` would only show in the title.
    """
    return _property_encoded(visible_text(text, multiline=False))


def workflow_path(path: object) -> str:
    """A file's path as the ``file=`` property of a workflow command: the path as the runner is to
    find it, with ``%``, CR, LF, ``:`` and ``,`` percent-encoded, as the runner decodes a property.

    The runner attaches the annotation to the file whose path it decodes, so nothing it can decode
    is escaped for people to read: a line feed in a name decodes to a line feed (``%0A``), not to
    a backslash and an ``n``, and ``::x.yaml`` to ``::x.yaml``. A control or invisible character
    (an escape sequence, a bidi override) has no such encoding, and is shown as an escape, as
    everywhere else: it never reaches a log or a terminal raw, at the cost of an annotation that
    names such a file attaching to no file (its message still names it). So does a ``##[`` in a
    name, broken up as everywhere on standard error (:func:`_property_encoded`)."""
    breaks = _LINE_BREAKS.split(str(path))
    shown = "".join(part if index % 2 else visible_text(part, multiline=False) for index, part in enumerate(breaks))
    return _property_encoded(shown)


#: A line break in a file's name, kept as a part of its own (see :func:`workflow_path`).
_LINE_BREAKS = re.compile("([\r\n])")


def _property_encoded(text: str) -> str:
    """``text`` as a property's value: percent-encoded as the runner decodes it, and ``##[`` broken
    up (``#\\x23[``) by the same function as in every other line on standard error
    (:func:`_broken_command`), since the runner honours that older syntax anywhere in a line."""
    broken = _OLD_COMMAND.sub(_broken_command, text)
    return _WORKFLOW_PROPERTY_SPECIAL.sub(lambda match: _WORKFLOW_PROPERTY[match.group()], broken)


#: The older syntax of a workflow command, which the runner honours anywhere in a line.
_OLD_COMMAND = re.compile(r"##\[")


# --- JSON ----------------------------------------------------------------------------------------

_INVISIBLE_IN_JSON = re.compile(f"[{_INVISIBLE_BEYOND_C0}]")


def _json_escape(match: re.Match[str]) -> str:
    encoded = match.group().encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{int.from_bytes(encoded[i : i + 2], 'big'):04x}" for i in range(0, len(encoded), 2))


def json_document(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with every invisible character
    written as a ``\\uXXXX`` escape. The parsed data is exactly the same; the file can be shown
    in a terminal or an editor without a bidi override or a C1 control acting on it, and a lone
    surrogate can be written as UTF-8. ``json.dumps`` already escapes the C0 controls.

    A report written to standard output (``-o -``) is read by a CI runner, which acts on any line
    holding ``##[``: its second ``#`` is written ``\\u0023``, which reads back as the same text.
    (A line of JSON never starts inside a string, so a ``::`` in a value cannot start a command.)"""
    return _INVISIBLE_IN_JSON.sub(_json_escape, text).replace("##[", "#\\u0023[")


# --- Markdown --------------------------------------------------------------------------------------

#: Characters that can start Markdown or HTML syntax anywhere in a line, GitHub's maths included
#: (``$\\Huge READY$`` would paint a verdict in large type). CommonMark lets any ASCII punctuation
#: be escaped with a backslash, so escaping them keeps the text literal.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#!$])")

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


@lru_cache(maxsize=4096)
def _md_line(line: str) -> str:
    """One line of text, escaped so that it is read as plain text wherever it stands.

    Cached: a report on many respondents escapes the same names, options and notes again and again.
    """
    text = _INLINE_SPECIAL.sub(r"\\\1", _visible(line.strip(), multiline=False))
    # `\:` reads as `:` in Markdown, but no line of the file starts with `::` when it is wrapped.
    text = _SPACED_COMMAND.sub(r"\\::", text)
    return _AUTOLINK.sub(_break_autolink, _LINE_START.sub(_line_start, text))


#: A ``::`` where wrapping could start a line with it (``##[`` is escaped with the other specials).
_SPACED_COMMAND = re.compile(r"(?<!\S)::")


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
    a fence or HTML. Blank lines are kept one at a time (two in a quote read as two blank lines
    to the linters, MD012), none before the first line or after the last.
    """
    lines: list[str] = []
    for line in _lines(text):
        escaped = _md_line(line)
        if escaped or (lines and lines[-1] != prefix.rstrip()):
            lines.append(f"{prefix}{escaped}".rstrip())
    while lines and lines[-1] == prefix.rstrip():
        lines.pop()
    return "\n".join(lines)


_SAFE_CODE = re.compile(r"[A-Za-z0-9 ._+-]+")


def md_code(value: object) -> str:
    """A short value (an option value) shown as code when it is plain, else as escaped text."""
    text = str(value)
    if _SAFE_CODE.fullmatch(text) and text.strip() == text:
        return f"`{text}`"
    return md_inline(text) or "“”"


#: A code span in civdata's own text (a schema's descriptions): `civdata template`, `YYYY-MM-DD`.
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
#: Safe as it is inside a code span, in a table cell too: no backtick, no pipe, nothing invisible.
_SAFE_IN_CODE_SPAN = re.compile(f"[^`|\\\\{_INVISIBLE_BEYOND_C0}\x00-\x1f]+")
#: Stands for a code span while the text around it is escaped: private-use characters that no
#: escaping touches.
_HOLE = "\ue000{}\ue001"
_HOLES = re.compile("\ue000([0-9]+)\ue001")


def md_with_code(text: object) -> str:
    """Text civdata wrote itself (a schema's descriptions) for one line of Markdown: its code
    spans stay code, and everything else is escaped as :func:`md_inline` escapes text from files.
    A code span that would not be safe as it is (a pipe, a backslash, an invisible character) is
    escaped as text instead."""
    text = str(text)
    if "\ue000" in text:  # a hole already there would be filled with the wrong span
        return md_inline(text)
    spans: list[str] = []

    def hole(match: re.Match[str]) -> str:
        spans.append(match.group(1))
        return _HOLE.format(len(spans) - 1)

    def code(match: re.Match[str]) -> str:
        content = spans[int(match.group(1))]
        if _SAFE_IN_CODE_SPAN.fullmatch(content) and content.strip() == content:
            return f"`{content}`"
        return md_inline(content)

    return _HOLES.sub(code, md_inline(_CODE_SPAN.sub(hole, text)))


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


# --- HTML and XML (the HTML report, SVG pictures) ---------------------------------------------------

#: What starts markup in element text or ends a quoted attribute value, in HTML and in XML.
_MARKUP = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKUP_SPECIAL = re.compile("[&<>\"']")


def html_text(text: object, *, multiline: bool = False) -> str:
    """Text from a file, safe in HTML and XML: as element text and as a quoted attribute value.

    ``&``, ``<``, ``>`` and both quotes become character references, so the text can add no tag,
    attribute, entity or comment; invisible characters (controls, bidi overrides, zero-width
    characters, separators, lone surrogates, and U+FFFE and U+FFFF, which XML forbids) are spelled
    out as escapes, exactly as :func:`terminal_text` shows them. With ``multiline`` (notes,
    descriptions), newlines stay, for an element styled ``white-space: pre-line``, and a tab is
    spelled ``\\t`` as in Markdown; without it, newlines are escaped too and the result is one
    line. There is nothing to link in HTML text, so unlike Markdown, URLs and @mentions need no
    treatment.

    An HTML report printed in a CI job (``-o -``) is read by the runner too, so a ``::`` where a
    line could start, and ``##[``, are broken up as :func:`terminal_text` breaks them, but with a
    character reference (``&#58;:``, ``#&#35;[``): the page shows them exactly as typed, where a
    visible escape (``:\\x3a``) would alter a note in the report people read.
    """
    value = _visible(text, multiline=multiline)
    value = value.replace("\t", "\\t") if multiline else value
    value = _MARKUP_SPECIAL.sub(lambda match: _MARKUP[match.group()], value)
    return _LINE_COMMAND.sub(_referenced_command, value)


def _referenced_command(match: re.Match[str]) -> str:
    return "&#58;:" if match.group() == "::" else "#&#35;["


# --- CSV cells (the action plan as a spreadsheet) ----------------------------------------------------

#: What a spreadsheet reads as the start of a formula when a cell begins with it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(text: object) -> str:
    """Text for a CSV cell that a spreadsheet opens as text, never as a formula: a cell starting
    with ``=``, ``+``, ``-``, ``@`` (or their full-width forms), a tab or a line break gets a
    leading apostrophe, as spreadsheets themselves write literal text. Line breaks inside are
    folded into spaces, so every action is one row for tools that read line by line; the csv
    module quotes what it must. Invisible characters are spelled out as everywhere
    (:func:`visible_text`): a plan printed by ``cat`` or in a CI log must not clear a terminal, and
    ``##[`` and ``::`` are broken up as in every text civdata writes (:func:`commands_broken`): the
    runner reads ``##[`` anywhere in a line."""
    value = commands_broken(visible_text(_YAML_BREAKS.sub(" ", str(text)), multiline=False))
    return "'" + value if value.startswith(_FORMULA_START) else value
