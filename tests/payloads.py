"""A corpus of hostile text, and the checks every output must pass with it.

Each payload attacks one medium: a terminal (escape sequences, overwriting, bidi reordering), a
CI log (workflow commands), Markdown on GitHub (structure, HTML, links, mentions), HTML and SVG
(tags, attributes, entities, comments) or YAML (line breaks that end a comment).
``tests/test_output_safety.py`` puts them into every text field a rubric or an answers file has,
and checks every output civdata writes.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any

from civdata.escape import hidden_in

PAYLOADS: list[str] = [
    "clip \x1b]52;c;ZXZpbA==\x07 board",  # OSC 52: write the clipboard
    "reset \x1bc done",  # ESC c: full terminal reset
    "\x1b[2J\x1b[HREADY: no findings",  # clear the screen, paint a fake verdict
    "title \x1b]0;owned\x07 change",  # OSC 0: window title
    "link \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ here",  # OSC 8 hyperlink
    "csi \x9b31m eight-bit",  # C1 CSI
    "over\rREADY written",  # carriage return overwrites the line
    "back\x08\x08\x08ward",  # backspace
    "bidi \u202eevil.exe\u202c and \u2066isolate\u2069 \u2067rtl\u2069",  # RLO, LRI/PDI, RLI
    "zero\u200dwidth\u200bjoin\ufeffer",  # ZWJ, ZWSP, BOM
    "می\u200cخواهم 👩🏽\u200d⚕️ ب\u200c\u202eخ",  # joiners a word needs, kept; one beside an RLO, escaped
    "next\x85line",  # NEL
    "line\u2028separator\u2029para",  # LS, PS
    "::error::injected annotation",
    "::stop-commands::token123",
    "  ::add-mask::secret",
    "##[group]folded log",
    "a note\n===",  # setext heading underline
    "a note\n---",
    "Verdict: Ready\n===\nmore",
    "***",
    "- - -",
    "___",
    "    four-space indented code",
    "\tindented with a tab",
    "```\nfenced code\n```",
    "~~~python\nimport os\n~~~",
    "<details><summary>open</summary>",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "see https://evil.example/path now",
    "visit www.evil.com today",
    "mail a@b.co please",
    "ping @someone and @org/team",
    "fixes #12 and GH-34",
    "note[^1]\n\n[^1]: footnote",
    "| a | b |\n|---|---|",
    "> quoted",
    "- [ ] task",
    "1. ordered",
    "+ plus item",
    "# heading",
    "trailing backslash \\",
    "trailing spaces   \nnext",
    "&lt;entity&gt; &amp;",
    "<br>already a break",
    "[ref]: https://evil.example",
    "*em* _em_ **strong** ~~strike~~ `code`",
    "long " + "word" * 200,
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "<!-- comment --> <![CDATA[ x ]]> <?xml version='1.0'?>",
    "</title></svg></figure><svg onload=alert(1)>",
    "&#60;script&#62; &#x3c;b&#x3e; &nbsp;",
    "non\ufffecharacter\uffff",
]

#: Characters the generated cases are drawn from: the payloads' own pieces and a few more.
ALPHABET: list[str] = sorted(set("".join(PAYLOADS)) | {"\x00", "\x7f", "\u0085", "\u200e", "\U000e0041", "\n"})

#: Text a GitHub comment turns into a link or a notification (in the rendered text).
_LINKABLE = re.compile(r"://|(?i:\bwww\.)|@[0-9A-Za-z]|#[0-9]|(?i:\bgh-[0-9])")
#: An SGR colour sequence, the only escape sequence rich writes itself.
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def generated(seed: int, count: int, longest: int = 40) -> Iterator[str]:
    """``count`` random strings over :data:`ALPHABET` and payload fragments, the same every run."""
    generator = random.Random(seed)
    for _ in range(count):
        pieces = []
        for _ in range(generator.randint(1, 6)):
            if generator.random() < 0.4:
                payload = generator.choice(PAYLOADS)
                start = generator.randint(0, len(payload) - 1)
                pieces.append(payload[start : start + generator.randint(1, 12)])
            else:
                pieces.append("".join(generator.choice(ALPHABET) for _ in range(generator.randint(1, longest // 4))))
        text = "".join(pieces)
        yield text if text.strip() else f"x{text}x"


def benign(text: str) -> str:
    """``text`` with every character but spaces, tabs and line ends replaced by ``x``: the same
    shape of lines, with nothing in it that could be syntax."""
    return "".join(character if character in " \t\r\n" else "x" for character in text)


def raw_invisible(text: str, allowed: str = "\n") -> list[str]:
    """The invisible characters (controls, bidi, zero-width, separators) written raw in ``text``:
    those civdata spells out (a joiner between letters that need it is part of the word)."""
    return sorted({repr(character) for character in hidden_in(text) if character not in allowed})


def assert_terminal_safe(text: str, *, colour: bool = False) -> None:
    """Nothing a terminal would act on: no control or invisible character but newlines (and, with
    ``colour``, rich's own SGR colour codes)."""
    shown = _SGR.sub("", text) if colour else text
    assert not raw_invisible(shown), raw_invisible(shown)


def assert_log_lines_safe(stderr: str) -> list[str]:
    """Every line of standard error is one line with no raw invisible character and nothing GitHub
    Actions runs as a workflow command."""
    lines = stderr.splitlines()
    assert stderr.count("\n") == len(lines), "a line break other than \\n in standard error"
    for line in lines:
        assert not raw_invisible(line, allowed=""), (line, raw_invisible(line, allowed=""))
        assert not line.lstrip().startswith("::"), line
        assert "::" not in line and "##[" not in line, line
    return lines


def _walk(tokens: Iterable[Any]) -> Iterator[Any]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def markdown_tokens(text: str) -> list[Any]:
    """Markdown parsed as GitHub does, less what markdown-it lacks (autolinks are checked apart)."""
    from markdown_it import MarkdownIt  # a dependency of rich, so always present

    return list(_walk(MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)))


def _shape(tokens: list[Any]) -> list[str]:
    """Token types and tags in order, with neighbouring text tokens merged into one (a soft line
    break is text: hostile and plain text are wrapped at different places)."""
    shape: list[str] = []
    for token in tokens:
        kind = f"{token.type}:{token.tag}"
        if token.type in ("text", "text_special", "softbreak"):
            kind = "text:"
        if token.type == "html_inline" and token.content == "<br>":
            kind = "br"
        if not (shape and shape[-1] == kind == "text:"):
            shape.append(kind)
    return shape


def assert_markdown_safe(hostile: str, plain: str) -> None:
    """``hostile`` (a report with payloads in its text) has exactly the structure of ``plain``
    (the same report with every payload replaced by :func:`benign` text): no heading, list,
    quote, code, rule, table cell, link, image, emphasis or HTML came from a value. Its text has
    nothing GitHub would link or notify, and no raw invisible character."""
    tokens, plain_tokens = markdown_tokens(hostile), markdown_tokens(plain)
    html = {token.content for token in tokens if token.type in ("html_inline", "html_block")}
    ours = {token.content for token in plain_tokens if token.type == "html_block"}  # the rubric docs' comment
    assert html <= {"<br>"} | ours, html
    assert _shape(tokens) == _shape(plain_tokens)
    for token in tokens:
        if token.type == "text":
            assert not _LINKABLE.search(token.content), token.content
    assert not raw_invisible(hostile), raw_invisible(hostile)


# --- HTML and SVG --------------------------------------------------------------------------------


def shown_in_html(payload: str) -> str:
    """What an HTML page or an SVG picture shows for ``payload`` written on one line: the terminal's
    text, invisible characters spelled out (and U+FFFE, U+FFFF, which XML forbids), but with '::'
    and '##[' as typed, since the source breaks them up with character references, not visible
    escapes. (No payload holds a typed ':\\x3a' or '#\\x23['.)"""
    from civdata.escape import terminal_text

    shown = terminal_text(payload, multiline=False).replace(":\\x3a", "::").replace("#\\x23[", "##[")
    return shown.replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")


#: The only character references civdata writes: for the five markup characters, and for the ':'
#: of a '::' and the second '#' of a '##[' that would start a workflow command in a CI log.
OWN_REFERENCES = frozenset({"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#58;", "&#35;"})


class HtmlReader(HTMLParser):
    """Tags with their attributes, text, character references and headings, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.references: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self._heading: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], "".join(self._heading[1]).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading:
            self._heading[1].append(data)

    def handle_entityref(self, name: str) -> None:
        self.references.append(f"&{name};")
        self.handle_data({"amp": "&", "lt": "<", "gt": ">", "quot": '"'}.get(name, f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.references.append(f"&#{name};")
        self.handle_data(chr(int(name[1:], 16) if name[:1] in "xX" else int(name)))

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"a comment in the page: {data!r}")

    def handle_decl(self, decl: str) -> None:
        assert decl == "DOCTYPE html", decl

    def unknown_decl(self, data: str) -> None:
        raise AssertionError(f"a declaration in the page: {data!r}")

    def handle_pi(self, data: str) -> None:
        raise AssertionError(f"a processing instruction in the page: {data!r}")


def read_html(text: str) -> HtmlReader:
    reader = HtmlReader()
    reader.feed(text)
    reader.close()
    return reader


#: Attributes whose values are civdata's own, compared exactly; any other attribute's value may
#: hold text from a file (none does today) and is compared by presence only.
_OWN_ATTRIBUTES = frozenset({"id", "class", "scope", "role", "aria-labelledby", "href", "lang", "fill"})


def html_structure(reader: HtmlReader) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    return [
        (tag, tuple(sorted((name, value if name in _OWN_ATTRIBUTES else "") for name, value in attributes.items())))
        for tag, attributes in reader.tags
    ]


def assert_html_safe(hostile: str, plain: str) -> HtmlReader:
    """``hostile`` (an HTML report with payloads in its text) has exactly the tags and attributes
    of ``plain``; its only character references are civdata's own for markup characters; no
    comment, declaration or processing instruction came from a value; and nothing invisible is
    written raw."""
    reader, plain_reader = read_html(hostile), read_html(plain)
    assert html_structure(reader) == html_structure(plain_reader)
    assert set(reader.references) <= OWN_REFERENCES, set(reader.references) - OWN_REFERENCES
    assert not raw_invisible(hostile), raw_invisible(hostile)
    return reader


def assert_svg_safe(hostile: str, plain: str) -> ET.Element:
    """``hostile`` (a picture with payloads in its text) is well-formed XML with exactly the
    elements and attributes of ``plain``, and nothing invisible written raw."""
    root, plain_root = ET.fromstring(hostile), ET.fromstring(plain)

    def shape(element: ET.Element) -> list[tuple[str, tuple[str, ...]]]:
        return [(item.tag, tuple(sorted(item.attrib))) for item in element.iter()]

    assert shape(root) == shape(plain_root)
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#39;)", hostile)
    assert not raw_invisible(hostile), raw_invisible(hostile)
    return root
