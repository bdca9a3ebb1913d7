"""The escaping functions, one per medium, on their own (the whole outputs are attacked in
``test_output_safety.py``)."""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import pytest

from civdata.escape import (
    hidden_in,
    html_text,
    is_invisible,
    json_document,
    log_line,
    md_block,
    md_code,
    md_inline,
    terminal_text,
    yaml_comment,
    yaml_comment_lines,
)
from tests.payloads import PAYLOADS, markdown_tokens, shown_in_html


def test_every_control_format_surrogate_and_separator_character_python_knows_is_invisible() -> None:
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in {"Cc", "Cf", "Cs", "Zl", "Zp"} and not is_invisible(chr(code))
    ]
    assert not missing


def test_letters_digits_punctuation_and_emoji_stay_as_they_are() -> None:
    text = "Ação · 中文 · עברית · 🙂 · café – “quoted” · ½ ² ×"
    assert terminal_text(text) == text
    assert log_line(text) == text


def test_terminal_text_spells_out_what_a_terminal_would_act_on() -> None:
    assert terminal_text("a\x1b[2Jb\rc\u202ed\tkept\nkept") == "a\\x1b[2Jb\\rc\\u202ed\tkept\nkept"
    assert terminal_text("windows\r\nline") == "windows\nline"
    assert terminal_text("one\nline\tonly", multiline=False) == "one\\nline\\tonly"
    assert terminal_text("tag\U000e0041 surrogate\ud800") == "tag\\U000e0041 surrogate\\ud800"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("::error::x", ":\\x3aerror:\\x3ax"),
        ("  ::stop-commands::t", "  :\\x3astop-commands:\\x3at"),
        ("file:1:2: a ##[group] b", "file:1:2: a #\\x23[group] b"),
        ("two\nlines", "two\\nlines"),
        ("next\x85line\u2028sep", "next\\x85line\\u2028sep"),
    ],
)
def test_log_lines_are_one_line_and_no_workflow_command(text: str, line: str) -> None:
    assert log_line(text) == line


def test_every_payload_is_one_safe_log_line() -> None:
    for payload in PAYLOADS:
        line = log_line(payload)
        assert len(line.splitlines()) == 1 and "::" not in line and "##[" not in line
        assert not hidden_in(line)


@pytest.mark.parametrize(
    ("text", "inline"),
    [
        ("a\n===", "a \\==="),
        ("---", "\\---"),
        ("- - -", "\\- - -"),
        ("1. one", "1\\. one"),
        ("1.0.0", "1.0.0"),
        ("+ plus", "\\+ plus"),
        ("    code", "code"),
        ("see https://x.example", "see https:&#8203;//x.example"),
        ("www.x.example", "www&#8203;.x.example"),
        ("a@b.co @someone", "a@&#8203;b.co @&#8203;someone"),
        ("#12 GH-3", "\\#&#8203;12 GH-&#8203;3"),
        ("<details>", "\\<details\\>"),
        ("[^1]", "\\[^1\\]"),
        ("&#8203; typed", "\\&\\#&#8203;8203; typed"),
        ("esc\x1bc", "esc\\\\x1bc"),
    ],
)
def test_markdown_inline_escapes(text: str, inline: str) -> None:
    assert md_inline(text) == inline


def test_markdown_blocks_start_no_block_of_their_own() -> None:
    text = "para\n===\n    code\n***\n```\n> quote\n- item\n<div>"
    tokens = markdown_tokens("> note:\n>\n" + md_block(text, "> ") + "\n")
    kinds = {token.type for token in tokens}
    allowed = {"blockquote_open", "blockquote_close", "paragraph_open", "paragraph_close", "inline", "text"}
    allowed.add("softbreak")
    assert kinds <= allowed


def test_option_values_are_code_only_when_plain() -> None:
    assert md_code("access-log") == "`access-log`"
    assert md_code(3) == "`3`"
    assert md_code("a`b <details>") == "a\\`b \\<details\\>"


def test_yaml_comments_cannot_end_early() -> None:
    assert yaml_comment("a\nb\u2028c\x85d\re\x1bf") == "a b c d e\\x1bf"
    assert yaml_comment_lines("a\u2028b\nc") == ["a", "b", "c"]


def test_json_documents_escape_invisible_characters_and_read_back_the_same() -> None:
    data = {"text": "rlo\u202e nel\x85 ls\u2028 tag\U000e0041 lone\ud800 é 🙂 ##[error]x ::warning::y"}
    text = json_document(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert not any(is_invisible(character) for character in text)
    assert "é 🙂" in text
    assert "##[" not in text and "#\\u0023[error]x" in text


@pytest.mark.parametrize(
    ("text", "one_line", "lines"),
    [
        ('<a href="x">&amp;</a>', "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;", None),
        ("it's", "it&#39;s", None),
        ("two\nlines\tand tab", "two\\nlines\\tand tab", "two\nlines\\tand tab"),
        ("bidi\u202e esc\x1b nel\x85 ls\u2028", "bidi\\u202e esc\\x1b nel\\x85 ls\\u2028", None),
        ("xml forbids \ufffe and \uffff", "xml forbids \\ufffe and \\uffff", None),
        ("windows\r\nline", "windows\\r\\nline", "windows\nline"),
        ("Ação · 中文 · 🙂 “quoted”", "Ação · 中文 · 🙂 “quoted”", None),
        ("item ::2 on C:: drive", "item &#58;:2 on C:: drive", None),
        ("::error::x\n  ##[group]", "&#58;:error::x\\n  #&#35;[group]", "&#58;:error::x\n  #&#35;[group]"),
    ],
)
def test_html_text_is_literal_text_in_elements_and_attributes(text: str, one_line: str, lines: str | None) -> None:
    assert html_text(text) == one_line
    assert html_text(text, multiline=True) == (lines if lines is not None else one_line)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_every_payload_is_html_text_and_a_well_formed_xml_attribute(payload: str) -> None:
    import xml.etree.ElementTree as ET

    escaped = html_text(payload)
    assert not set(escaped) & set("<>\"'\n\t") and not re.search(r"&(?!amp;|lt;|gt;|quot;|#39;|#58;|#35;)", escaped)
    # The source, which a CI log may show (-o -), holds no workflow command where a line could start...
    assert not re.search(r"(?<!\S)::|##\[", escaped)
    element = ET.fromstring(f"<x a=\"{escaped}\" b='{escaped}'>{html_text(payload, multiline=True)}</x>")
    # ...and the page shows '::' and '##[' as typed: character references break them up in the source.
    assert element.get("a") == element.get("b") == shown_in_html(payload)


def test_md_with_code_keeps_code_spans_and_escapes_everything_else() -> None:
    from civdata.escape import md_inline, md_with_code

    assert md_with_code("Written by `civdata template`, as `YYYY-MM-DD`.") == (
        "Written by `civdata template`, as `YYYY-MM-DD`."
    )
    # Outside code spans, text is escaped exactly as md_inline escapes it.
    assert md_with_code("# a *b* <i>c</i> | d") == md_inline("# a *b* <i>c</i> | d")
    # A code span that would break a table or hide a character is escaped as text instead.
    assert md_with_code("`a|b`") == md_inline("a|b")
    assert md_with_code("`\x1b[31m`") == md_inline("\x1b[31m")
    assert md_with_code("`\u202e`") == md_inline("\u202e")
    assert md_with_code("` padded `") == md_inline(" padded ")
    # An unclosed backtick is text; the stand-in characters for code spans cannot be forged.
    assert md_with_code("a ` b") == md_inline("a ` b")
    assert md_with_code("x \ue0000\ue001 `y`") == md_inline("x \ue0000\ue001 `y`")


#: Names written with joiners that their script or emoji needs: Persian (ZWNJ inside a word, as in
#: "می‌خواهم"), a skin-toned health-worker emoji (ZWJ) and Hindi (ZWJ after a virama).
JOINED_NAMES = ["می\u200cخواهم رضایی", "Zoë 👩🏽\u200d⚕️", "क्\u200dष"]


@pytest.mark.parametrize("name", JOINED_NAMES)
def test_a_joiner_between_letters_of_a_script_that_needs_it_is_written_as_it_is(name: str) -> None:
    """A zero-width joiner or non-joiner between two letters (or emoji) of a script beyond ASCII is
    part of how the word is spelled: escaping it broke Persian words and emoji in people's names,
    in every format. Before: shown as \\u200c or \\u200d."""
    assert terminal_text(name) == terminal_text(name, multiline=False) == name
    assert log_line(name) == name
    assert name in md_inline(name) and name in html_text(name)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("ad\u200dmin", "ad\\u200dmin"),  # between ASCII letters it only hides a difference
        ("\u200cمی", "\\u200cمی"),  # at the start
        ("می\u200c", "می\\u200c"),  # at the end
        ("می \u200cخ", "می \\u200cخ"),  # beside a space
        ("می\u200c\u200dخ", "می\\u200c\\u200dخ"),  # two together
        ("می\u200c\u202eخ", "می\\u200c\\u202eخ"),  # beside another invisible character
    ],
)
def test_a_joiner_anywhere_else_is_shown_as_an_escape(text: str, shown: str) -> None:
    assert terminal_text(text) == shown
    assert is_invisible("\u200c") and is_invisible("\u200d")


def test_every_space_but_the_ordinary_one_is_spelled_out_in_a_quoted_value() -> None:
    # A value quoted in a message with a no-break space in it read as if it held an ordinary one.
    from civdata.escape import spaces_spelled

    spaces = [chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Zs"]
    shown = {space: spaces_spelled(f"yes{space}") for space in spaces}
    assert shown.pop(" ") == "yes "
    assert all(text == f"yes\\u{ord(space):04x}" or text == "yes\\xa0" for space, text in shown.items()), shown
    assert spaces_spelled("Prêt\u202f? yes\u00a0") == "Prêt\\u202f? yes\\xa0"
    assert terminal_text("Prêt\u202f?") == "Prêt\u202f?"  # in running text, a space as written
