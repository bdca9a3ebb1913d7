"""Reading YAML: positions, duplicate keys, YAML 1.1 words, refused tags, alias bombs."""

from __future__ import annotations

from pathlib import Path

import pytest

from civdata.yamlsource import Position, parse_yaml, read_yaml_file, worth_checking


def test_positions_of_keys_and_values_are_one_based() -> None:
    document, problems = parse_yaml("a: 1\nb:\n  - x\n  - {c: d}\n", "f.yaml")
    assert problems == []
    assert document.position(("a",)) == Position(1, 4)
    assert document.position(("b",), key=True) == Position(2, 1)
    assert document.position(("b", 1, "c")) == Position(4, 9)
    assert document.position(("b", 1, "missing")) == Position(4, 5), "falls back to the enclosing value"


def test_a_value_is_found_by_the_path_a_problem_is_placed_by() -> None:
    """``value`` reads a path as ``position`` does, and is None wherever the path leads nowhere:
    a missing key, a place past the end or before the start of a list, a key asked of a list."""
    document, problems = parse_yaml("date: 2026-01-10\nrespondents:\n  - answered_on: '2026-02-01'\n", "f.yaml")
    assert not problems
    assert document.value(("date",)) == "2026-01-10"
    assert document.value(("respondents", 0, "answered_on")) == "2026-02-01"
    assert document.problem(("respondents", 0, "answered_on"), "m").line == 3
    for nowhere in (("answered_on",), ("respondents", 1), ("respondents", -1), ("respondents", "x"), ("date", 0)):
        assert document.value(nowhere) is None, nowhere


def test_duplicate_keys_are_reported_at_the_second_one() -> None:
    document, problems = parse_yaml("answers:\n  q: yes\n  q: no\n", "a.yaml")
    assert [str(p) for p in problems] == [
        "a.yaml:3:3: duplicate key 'q' (first written on line 2); YAML would silently keep only the last one, "
        "so remove or rename one of them"
    ]
    assert document.data == {"answers": {"q": "yes"}}


def test_yaml_11_words_stay_text_and_numbers_stay_numbers() -> None:
    text = "a: no\nb: yes\nc: off\nd: true\ne: 12\nf: 1.5\ng: 2026-11-01\nh: ~\ni: 010\nj: 1e3\n"
    document, problems = parse_yaml(text, "f.yaml")
    assert problems == []
    assert document.data == {
        "a": "no",
        "b": "yes",
        "c": "off",
        "d": True,
        "e": 12,
        "f": 1.5,
        "g": "2026-11-01",
        "h": None,
        "i": "010",
        "j": 1000.0,
    }


def test_keys_are_kept_as_written() -> None:
    document, _ = parse_yaml("1: a\nno: b\n", "f.yaml")
    assert document.data == {"1": "a", "no": "b"}


def test_python_tags_are_refused_not_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
    document, problems = parse_yaml(text, "f.yaml")
    assert not marker.exists()
    assert len(problems) == 1 and "tag" in problems[0].message and problems[0].line == 1
    assert not document.complete


def test_alias_expansion_is_bounded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 9):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{', '.join('*' + previous for _ in range(10))}]")
    _, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert len(problems) == 1
    assert "too large" in problems[0].message


def test_syntax_error_with_tab_has_a_hint() -> None:
    _, problems = parse_yaml("a:\n\t- b\n", "t.yaml")
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "use spaces" in problems[0].message


#: Spaces YAML does not count as spaces, with the names messages give them.
UNICODE_SPACES = [
    ("\u00a0", "no-break space (U+00A0)"),
    ("\u2007", "figure space (U+2007)"),
    ("\u202f", "narrow no-break space (U+202F)"),
    ("\u3000", "ideographic space (U+3000)"),
    ("\u200b", "zero width space (U+200B)"),
]


@pytest.mark.parametrize(("space", "named"), UNICODE_SPACES)
@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        # Read as text, then YAML gives up lines later (at 4:14, or 3:1 with no blank line).
        ("answers:\n  a: yes\n  b:{s}no\n\n  c: one\n", (3, 5), "after 'b:' is not a space to YAML, so 'b' is"),
        # The whole mapping silently becomes one text, 'b:\u00a0no'.
        ("answers:\n  b:{s}no\n", (2, 5), "after 'b:' is not a space to YAML, so 'b' is not read as a key"),
        # A key silently named '\u00a0\u00a0b', beside 'a' instead of inside it.
        ("a:\n{s}{s}b: 1\n", (2, 1), "in the indentation is not a space to YAML"),
        ("a:\n  {s}b: 1\n  c: 2\n", (2, 3), "in the indentation is not a space to YAML"),
        # The list silently becomes the text '-\u00a0x - y'.
        ("a:\n  -{s}x\n  - y\n", (2, 4), "after '-' is not a space to YAML, so no list item starts here"),
    ],
)
def test_a_space_yaml_does_not_count_is_reported_where_it_is(
    space: str, named: str, text: str, where: tuple[int, int], what: str
) -> None:
    """A no-break space (word processors, French and other keyboards), an ideographic space (CJK
    keyboards) or a zero-width space where YAML needs a space: YAML reads it as text, so the file
    means something else or fails lines later. It is reported at the character, with what to do."""
    document, problems = parse_yaml(text.format(s=space), "s.yaml")
    assert len(problems) == 1, problems
    assert (problems[0].line, problems[0].column) == where
    assert problems[0].message.startswith(f"invalid YAML: the {named} {what}")
    assert "replace it with an ordinary space" in problems[0].message
    assert not worth_checking(document)


@pytest.mark.parametrize(("space", "named"), UNICODE_SPACES)
@pytest.mark.parametrize(
    "text",
    [
        "note: 'Attention:{s}voir'\n",  # quoted text
        "note: Attention{s}:{s}voir\n",  # French typography in a value
        "note: |\n  Attention:{s}voir\n  {s}indented text\n",  # a block of text
        "list: [a,{s}b]\n",
        # After a quoted key in braces YAML needs no space (as in JSON), so it is text here too.
        'pair: {{"a":{s}b}}\n',
        "name: São{s}João\n",
    ],
)
def test_unicode_spaces_in_text_are_text(space: str, named: str, text: str) -> None:
    document, problems = parse_yaml(text.format(s=space), "s.yaml")
    assert problems == [] and worth_checking(document)


@pytest.mark.parametrize(("space", "named"), UNICODE_SPACES)
@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        # In braces: the key is silently 'value:\u00a0no', with no value.
        ("answers:\n  b: {{value:{s}no}}\n", (2, 13), "value"),
        ("a: {{x: 1, value:{s}no}}\n", (1, 17), "value"),
        ("a: [{{value:{s}no}}]\n", (1, 12), "value"),
        # A quoted key: YAML gives up at the colon.
        ('answers:\n  "b":{s}no\n  c: 1\n', (2, 7), "b"),
        ("answers:\n  'b':{s}no\n", (2, 7), "b"),
        ('- "b":{s}no\n', (1, 7), "b"),
    ],
)
def test_a_space_yaml_does_not_count_after_a_key_in_braces_or_quotes_is_reported_where_it_is(
    space: str, named: str, text: str, where: tuple[int, int], key: str
) -> None:
    """``{value:<NBSP>no}`` and ``"b":<NBSP>no`` need a space after the colon as much as ``b: no``
    does; the character is reported where it is, with the same message."""
    document, problems = parse_yaml(text.format(s=space), "s.yaml")
    assert len(problems) == 1, problems
    assert (problems[0].line, problems[0].column) == where
    assert problems[0].message == (
        f"invalid YAML: the {named} after '{key}:' is not a space to YAML, so '{key}' is not read as a key; "
        "replace it with an ordinary space, or put the text in quotes if it is text"
    )
    assert not worth_checking(document)


@pytest.mark.parametrize(("space", "named"), UNICODE_SPACES)
@pytest.mark.parametrize(
    ("text", "where", "error"),
    [
        # Pasted into a block of text, with a real mistake three lines later: an unclosed quote.
        (
            'a:\n  note: |\n    Pasted:\n    {s}{s}- tenants\n    b:{s}no\n  other: "unclosed\n  c: d\n',
            (8, 1),
            "found unexpected end of stream (while scanning a quoted scalar on line 6)",
        ),
        # The same in quotes, and inside the very quotes left open.
        (
            "a: 'Pasted:\n  {s}{s}- tenants\n  b:{s}no'\nb: [1, 2\n",
            (5, 1),
            "did not find expected ',' or ']' (while parsing a flow sequence on line 4)",
        ),
        (
            'a: "Pasted:\n  {s}{s}- tenants\n  b:{s}no\n',
            (4, 1),
            "found unexpected end of stream (while scanning a quoted scalar on line 1)",
        ),
    ],
)
def test_a_space_yaml_does_not_count_in_text_does_not_hide_the_real_error(
    space: str, named: str, text: str, where: tuple[int, int], error: str
) -> None:
    """In a block of text (``|``) or in quotes such a character is text: a syntax error elsewhere is
    reported as it is, where it is, not blamed on the character."""
    _, problems = parse_yaml(text.format(s=space), "s.yaml")
    assert [(problem.line, problem.column, problem.message) for problem in problems] == [
        (*where, f"invalid YAML: {error}")
    ]


def test_a_key_with_a_space_yaml_does_not_count_is_shown_with_it_spelled_out() -> None:
    """A message quoting a key that holds a no-break space shows it escaped, as an ordinary space
    would make the key look right."""
    _, misread = parse_yaml("a\u00a0b:\u00a0no\n", "s.yaml")
    assert [problem.message.split(" is not a space")[0] for problem in misread] == [
        "invalid YAML: the no-break space (U+00A0) after 'a\\xa0b:'"
    ]
    _, duplicate = parse_yaml("a\u00a0b: 1\na\u00a0b: 2\n", "s.yaml")
    assert [problem.message.split(" (")[0] for problem in duplicate] == ["duplicate key 'a\\xa0b'"]


def test_missing_folder_and_binary_files_are_problems_not_exceptions(tmp_path: Path) -> None:
    _, missing = read_yaml_file(tmp_path / "nope.yaml")
    assert str(missing[0]) == f"{tmp_path / 'nope.yaml'}: no such file or folder"
    _, folder = read_yaml_file(tmp_path)
    assert "folder" in folder[0].message
    binary = tmp_path / "latin1.yaml"
    binary.write_bytes(b"a: caf\xe9\n")
    _, undecodable = read_yaml_file(binary)
    assert (undecodable[0].line, undecodable[0].column) == (1, 7)
    assert "UTF-8" in undecodable[0].message
    # Columns in characters, as an editor counts them: not the bytes of "ü" or of a byte order mark.
    binary.write_bytes(b"\xef\xbb\xbfa: b\nk: \xc3\xbcber caf\xe9\n")
    _, undecodable = read_yaml_file(binary)
    assert (undecodable[0].line, undecodable[0].column) == (2, 12)
    binary.write_bytes(b"\xef\xbb\xbf\xc3\xbc: caf\xe9\n")
    _, undecodable = read_yaml_file(binary)
    assert (undecodable[0].line, undecodable[0].column) == (1, 7)


def test_empty_file_is_empty_data() -> None:
    document, problems = parse_yaml("", "e.yaml")
    assert document.data is None and problems == []


@pytest.mark.parametrize("sign", ["", "-", "+"])
@pytest.mark.parametrize("mantissa", ["1", "7.5", "0.00001", "123456789", ".3"])
@pytest.mark.parametrize("exponent", ["e-360", "E-400", "e-99999"])
def test_a_number_too_small_to_tell_from_0_never_counts_as_0(sign: str, mantissa: str, exponent: str) -> None:
    from civdata.values import number_from_text
    from civdata.yamlsource import number_problem

    written = f"{sign}{mantissa}{exponent}"
    assert float(written) == 0  # what a reader that does not check would take it for
    assert number_from_text(written) is None  # kept as written, for the loader to explain
    assert number_problem(float(written), written) == "is too small to be told from 0; write 0 if 0 is meant"
    _, problems = parse_yaml(f"months: {written}\n", "a.yaml")
    # YAML reads ".3e-400" as text (the answers loader then refuses it, through number_from_text).
    assert [(problem.line, problem.column) for problem in problems] == ([] if mantissa.startswith(".") else [(1, 9)])
    # Zero written any way, and small numbers that are not 0, are read as written.
    for fine in (f"{sign}0{exponent}", f"{sign}0.0{exponent}", f"{sign}{mantissa}e-300"):
        assert number_problem(float(fine), fine) is None
        assert number_from_text(fine) == float(fine)


def test_an_alias_whose_anchor_was_taken_out_is_named_with_how_to_fix_it() -> None:
    """A methodologist's outside review (2026-11-28): taking a question out of the bundled rubric
    takes its anchor with it, and the ten aliases after it failed as `invalid YAML: found undefined
    alias`, naming neither the alias nor a fix."""
    text = "a: 1\nb: *at-risk\nc: [*at-risk, 2]\nd: {e: *at-risk}\n"
    _, problems = parse_yaml(text, "r.yaml")
    assert [str(problem) for problem in problems] == [
        "r.yaml:2:4: invalid YAML: '*at-risk' repeats the value marked '&at-risk', but no value before it in the "
        "file is marked so (3 uses of it in all); it may have been taken out with the text it marked: mark the "
        "value it should repeat with '&at-risk' where it first appears, or write the value out here"
    ]


def test_a_second_document_is_said_to_be_one_with_how_to_fix_it() -> None:
    # It read "invalid YAML: but found another document (expected a single document in the stream on line 1)".
    _, problems = parse_yaml("a: 1\n---\nb: 2\n", "r.yaml")
    assert [str(problem) for problem in problems] == [
        "r.yaml:2:1: invalid YAML: a second document starts here, and a rubric or an answers file is one: delete "
        "this line (and what follows it, if that is not part of the file)"
    ]
