"""Saving answers into a file a person wrote: only what changed changes, comments always survive.

Every layout in tests/fixtures/answers-layouts (and its CRLF, byte-order-mark and trailing-space
variants) is edited: not at all (the file comes back byte for byte), one answer at a time (only
that answer's lines change), and with seeded random edits of answers, notes and the header (the
result always loads back to exactly the intended answers, and keeps every comment). Files in
rewrite/ use YAML the editor does not edit in place: they are rewritten, keeping every comment.
"""

from __future__ import annotations

import difflib
import random
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from civdata.answers_editor import AnswersText
from civdata.answers_loader import SetAside, answers_from_document, answers_shape_problems
from civdata.model import Answer, AnswerSet, Question, QuestionType, Respondent, Rubric
from civdata.rubric_loader import load_rubric
from civdata.yamlsource import parse_yaml
from tests.conftest import FIXTURES, MINI_RUBRIC

LAYOUTS = FIXTURES / "answers-layouts"
IN_PLACE = sorted(LAYOUTS.glob("*.yaml"))
REWRITTEN = sorted((LAYOUTS / "rewrite").glob("*.yaml"))
SEEDS = range(12)

#: Notes and texts that YAML could misread, or that need escaping to survive.
TRICKY_TEXTS = [
    "plain words", "yes", "no", "null", "~", "123", "1.5", "2026-01-01", "# not a comment", "a: b", "a #b",
    "- dash", "[bracket", "{brace", "'single'", '"double"', "back\\slash", "two\nlines", "trailing  ",
    "  leading", "tab\there", "café 中文 🙂", "line\u2028separator", "bell\x07", "ends with colon:",
]  # fmt: skip


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(MINI_RUBRIC)


def variants(path: Path) -> list[tuple[str, str]]:
    """The file as written, and with CRLF line endings, a byte order mark, trailing spaces."""
    text = path.read_text(encoding="utf-8")
    crlf = text.replace("\n", "\r\n")
    trailing = "\n".join(line + "  " if line.strip() else line for line in text.split("\n"))
    return [
        ("as-written", text),
        ("crlf", crlf),
        ("bom", "\ufeff" + text),
        ("bom-crlf", "\ufeff" + crlf),
        ("trailing-spaces", trailing),
    ]


def load(text: str, rubric: Rubric) -> AnswerSet:
    document, problems = parse_yaml(text.removeprefix("\ufeff"), "edited.yaml")
    assert problems == [], "\n".join(map(str, problems)) + "\n" + text
    assert answers_shape_problems(document) == [], text
    return answers_from_document(document, rubric)


def meaning(answer_set: AnswerSet) -> tuple[object, ...]:
    """What a file says: blank entries without a note mean the same as no entry."""
    answers = {qid: answer for qid, answer in answer_set.answers.items() if answer != Answer(None)}
    return (
        answer_set.rubric_version,
        answer_set.initiative,
        answer_set.respondent,
        answer_set.date,
        answers,
    )


def comments(text: str) -> list[str]:
    """Every comment in a text, found from the scanner's tokens (not the editor's own search): a
    ``#`` outside every token (a block scalar's token starts after its header line)."""
    body = text.removeprefix("\ufeff")
    covered = []
    for token in yaml.scan(body, Loader=yaml.SafeLoader):
        start, end = token.start_mark.index, token.end_mark.index
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            start = body.index("\n", start)
        covered.append((start, end))
    found = []
    for line_start, line in line_offsets(body):
        for column, character in enumerate(line):
            index = line_start + column
            starts = character == "#" and (column == 0 or line[column - 1] in " \t")
            if starts and not any(start <= index < end for start, end in covered):
                found.append(line[column:].strip())
                break
    return found


def line_offsets(body: str) -> list[tuple[int, str]]:
    offsets, position = [], 0
    for line in body.splitlines(keepends=True):
        offsets.append((position, line.rstrip("\r\n")))
        position += len(line)
    return offsets


def cases() -> list[tuple[Path, str, str]]:
    return [(path, name, text) for path in IN_PLACE for name, text in variants(path)]


def case_id(case: tuple[Path, str, str]) -> str:
    return f"{case[0].stem}-{case[1]}"


# --- Editing nothing, and one answer at a time -------------------------------------------------------


def test_the_corpus_has_every_layout() -> None:
    names = {path.stem for path in IN_PLACE}
    assert {"block-notes", "flow-entries", "template-blank", "empty-flow", "empty-blank", "unicode"} <= names
    assert {"anchors", "flow-answers", "flow-root", "explicit-key", "tags"} <= {path.stem for path in REWRITTEN}


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_editing_nothing_gives_back_the_file_byte_for_byte(case: tuple[Path, str, str], rubric: Rubric) -> None:
    _, _, text = case
    baseline = load(text, rubric)
    edited = AnswersText(text, baseline).render(baseline, rubric)
    assert edited.rewritten is None
    assert edited.text == text


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_changing_one_answer_changes_only_its_lines(case: tuple[Path, str, str], rubric: Rubric) -> None:
    _, _, text = case
    baseline = load(text, rubric)
    original = AnswersText(text, baseline)
    generator = random.Random(7)
    for question in rubric.questions:
        old = baseline.answers.get(question.id) or Answer(None)
        for new in (Answer(random_value(question, generator), old.note), Answer(old.value, "A new note: “see below”")):
            if new == old:
                continue
            target = replace(baseline, answers={**baseline.answers, question.id: new})
            edited = original.render(target, rubric).text
            assert meaning(load(edited, rubric)) == meaning(target)
            assert_only_entry_changed(text, edited, question.id)
            assert AnswersText(edited, load(edited, rubric)).render(target, rubric).text == edited


def assert_only_entry_changed(before: str, after: str, question_id: str) -> None:
    """Only the lines from the entry's key to the next entry change (a comment moved out of a
    replaced value goes just above the key). An entry the file lacks is only inserted."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    diff = "".join(difflib.unified_diff(old, new))
    first, end = entry_lines(before, question_id)
    if first == end:
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        assert all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes()), diff
        return
    assert new[:first] == old[:first], diff
    tail = len(old) - end
    assert new[len(new) - tail :] == old[end:], diff


def entry_lines(text: str, question_id: str) -> tuple[int, int]:
    """The 0-based line of ``question_id``'s key and of the next key (or the end of the file). For
    an entry the file lacks: (0, 0) when the answers have entries (anything may be inserted, nothing
    replaced), else the answers key's line to the end."""
    body = text.removeprefix("\ufeff")
    root = yaml.compose(body)
    lines = len(body.splitlines())
    key, answers = next((key, value) for key, value in root.value if key.value == "answers")
    if not isinstance(answers, yaml.MappingNode) or not answers.value:
        return key.start_mark.line, lines
    keys = [entry.start_mark.line for entry, _ in answers.value] + [lines]
    for index, (entry, _) in enumerate(answers.value):
        if entry.value == question_id:
            return entry.start_mark.line, keys[index + 1]
    return 0, 0


# --- Random edits ---------------------------------------------------------------------------------


def random_value(question: Question, generator: random.Random) -> object:
    kind = question.type
    if kind is QuestionType.MULTIPLE_CHOICE:
        plain = [option.value for option in question.options if not option.exclusive]
        exclusive = [option.value for option in question.options if option.exclusive]
        if exclusive and generator.random() < 0.2:
            return (exclusive[0],)
        chosen = set(generator.sample(plain, generator.randint(1, len(plain))))
        return tuple(value for value in plain if value in chosen)
    if kind.has_options:
        return generator.choice([option.value for option in question.options])
    if kind is QuestionType.NUMBER:
        return generator.choice([0, 7, 12, 120, 3.5]) if not question.integer else generator.randint(0, 120)
    return generator.choice(TRICKY_TEXTS).strip()


def random_answer(question: Question, old: Answer, generator: random.Random) -> Answer | None:
    roll = generator.random()
    if roll < 0.3:
        return old
    value = None if generator.random() < 0.2 else random_value(question, generator)
    note = old.note
    if generator.random() < 0.5:
        note = None if generator.random() < 0.3 else generator.choice(TRICKY_TEXTS).strip()
    return Answer(value, note)  # type: ignore[arg-type]


def random_target(baseline: AnswerSet, rubric: Rubric, generator: random.Random) -> AnswerSet:
    answers = dict(baseline.answers)
    for question in rubric.questions:
        changed = random_answer(question, answers.get(question.id) or Answer(None), generator)
        if changed is None or changed == Answer(None):
            answers.pop(question.id, None)
        else:
            answers[question.id] = changed
    respondent = baseline.respondent
    if generator.random() < 0.5:
        respondent = Respondent(
            role=generator.choice(["lead", "partner", "community", ""]),
            name=generator.choice([None, "Ada", "Zoë: “the lead”", "no"]),
            organisation=generator.choice([None, "Harbour Trust", "# hash"]),
        )
    return replace(
        baseline,
        answers=answers,
        respondent=respondent,
        initiative=generator.choice([baseline.initiative, "Renamed: food bank", ""]),
        date=generator.choice([baseline.date, "2026-11-05", None]),
    )


@pytest.mark.parametrize("case", cases(), ids=case_id)
@pytest.mark.parametrize("seed", SEEDS)
def test_random_edits_load_back_to_the_intended_answers(case: tuple[Path, str, str], seed: int, rubric: Rubric) -> None:
    _, name, text = case
    baseline = load(text, rubric)
    generator = random.Random(f"{case[0].stem}-{name}-{seed}")
    target = random_target(baseline, rubric, generator)
    edited = AnswersText(text, baseline).render(target, rubric)
    assert edited.rewritten is None
    assert meaning(load(edited.text, rubric)) == meaning(target), edited.text
    for comment in comments(text):
        assert comment in edited.text, f"lost comment {comment!r}:\n{edited.text}"
    assert edited.text.startswith("\ufeff") == text.startswith("\ufeff")
    if "\r\n" in text:
        assert "\n" not in edited.text.replace("\r\n", ""), "inserted lines keep the file's CRLF line endings"
    # Saving again from the edited file changes nothing more.
    assert AnswersText(edited.text, load(edited.text, rubric)).render(target, rubric).text == edited.text


# --- Files rewritten rather than edited ------------------------------------------------------------


@pytest.mark.parametrize("path", REWRITTEN, ids=lambda path: path.stem)
@pytest.mark.parametrize("seed", range(4))
def test_files_it_cannot_edit_are_rewritten_keeping_every_comment(path: Path, seed: int, rubric: Rubric) -> None:
    text = path.read_text(encoding="utf-8")
    baseline = load(text, rubric)
    target = random_target(baseline, rubric, random.Random(seed))
    edited = AnswersText(text, baseline).render(target, rubric)
    assert edited.rewritten
    assert meaning(load(edited.text, rubric)) == meaning(target)
    for comment in comments(text):
        assert comment in edited.text


def test_unusual_line_breaks_are_rewritten_not_misplaced(rubric: Rubric) -> None:
    text = (LAYOUTS / "unicode.yaml").read_text(encoding="utf-8").replace("archived —", "archived\u2028—")
    baseline = load(text, rubric)
    target = replace(baseline, answers={**baseline.answers, "months": Answer(40)})
    edited = AnswersText(text, baseline).render(target, rubric)
    assert edited.rewritten == "it has line breaks other than \\n and \\r\\n"
    assert meaning(load(edited.text, rubric)) == meaning(target)
    assert "# in Cyrillic" in edited.text


# --- Exact edits -----------------------------------------------------------------------------------


def edit(text: str, rubric: Rubric, **answers: Answer) -> str:
    baseline = load(text, rubric)
    target = replace(baseline, answers={**baseline.answers, **answers})
    return AnswersText(text, baseline).render(target, rubric).text


HEADER = "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: x\nrespondent: {role: lead}\n"


@pytest.mark.parametrize(
    ("entry", "answer", "expected"),
    [
        ("  voice: none  # why\n", Answer("decide"), "  voice: decide  # why\n"),
        ("  voice:\n", Answer("decide"), "  voice: decide\n"),
        ("  voice:   # later\n", Answer("decide"), "  voice: decide   # later\n"),
        ("  voice: none  # why\n", Answer(None), "  voice:  # why\n"),
        (
            "  voice: none  # why\n",
            Answer("none", "Board: May"),
            '  voice:  # why\n    value: none\n    note: "Board: May"\n',
        ),
        ("  voice: {value: none}\n", Answer("none", "why"), "  voice: {value: none, note: why}\n"),
        ("  voice: {note: n}\n", Answer("decide", "n"), "  voice: {value: decide, note: n}\n"),
        ("  voice: {value: none, note: n}\n", Answer(None, "n"), "  voice: {value: null, note: n}\n"),
        (
            "  voice:\n    note: |\n      kept\n",
            Answer("none", "kept"),
            "  voice:\n    value: none\n    note: |\n      kept\n",
        ),
        (
            "  voice:\n    value: none\n    note: |  # header\n      old\n\n",
            Answer("none", "new"),
            "  # header\n  voice:\n    value: none\n    note: new\n\n",
        ),
        (
            "  safeguards:  # ticked\n    - encryption  # 2024\n    - dpia\n",
            Answer(("access-log",)),
            "  # ticked\n  # 2024\n  safeguards: [access-log]\n",
        ),
        ("  safeguards: [encryption, dpia]\n", Answer(("dpia",)), "  safeguards: [dpia]\n"),
        ("  comments: 'it''s'\n", Answer("“quoted” #1"), '  comments: "“quoted” #1"\n'),
    ],
)
def test_exact_edits_of_every_entry_form(entry: str, answer: Answer, expected: str, rubric: Rubric) -> None:
    question_id = entry.split(":")[0].strip()
    text = HEADER + "answers:\n" + entry + "  months: 3\n"
    assert edit(text, rubric, **{question_id: answer}) == HEADER + "answers:\n" + expected + "  months: 3\n"


def test_new_answers_go_after_the_previous_question_in_rubric_order(rubric: Rubric) -> None:
    text = HEADER + "answers:\n  # first\n  sensitive: 'no'\n\n  # lifecycle\n  months: 3  # m\n"
    edited = edit(text, rubric, voice=Answer("none"), comments=Answer("end"), safeguards=Answer(("dpia",), "why"))
    assert edited == HEADER + (
        "answers:\n  # first\n  sensitive: 'no'\n  voice: none\n  safeguards:\n    value: [dpia]\n"
        "    note: why\n\n  # lifecycle\n  months: 3  # m\n  comments: end\n"
    )


def test_answers_go_under_a_blank_or_empty_answers_key(rubric: Rubric) -> None:
    for written in ("answers:", "answers: {}", "answers: null", "answers: ~"):
        text = HEADER + f"{written}  # none yet\n# end\n"
        edited = edit(text, rubric, months=Answer(3), voice=Answer("none"))
        assert edited == HEADER + "answers:  # none yet\n  voice: none\n  months: 3\n# end\n"


def test_the_header_is_edited_in_place(rubric: Rubric) -> None:
    text = (
        "format: 1\nrubric:\n  id: mini\n  version: 1.1.0  # old\ninitiative:   # name it\n"
        "respondent:\n  role: lead\n# then the answers\nanswers:\n  months: 3\n"
    )
    baseline = AnswerSet("mini", "1.1.0", "", Respondent("lead"), {"months": Answer(3)})
    target = replace(baseline, rubric_version="1.2.0", initiative="Food bank", date="2026-11-05")
    target = replace(target, respondent=Respondent("partner", "Ada"))
    edited = AnswersText(text, baseline).render(target, rubric).text
    assert edited == (
        'format: 1\nrubric:\n  id: mini\n  version: "1.2.0"  # old\ninitiative: "Food bank"   # name it\n'
        'respondent:\n  role: partner\n  name: Ada\n# then the answers\ndate: "2026-11-05"\nanswers:\n  months: 3\n'
    )


def test_set_aside_answers_become_comments_with_their_own_comments(rubric: Rubric) -> None:
    text = HEADER + "answers:\n  old-question:  # gone\n    value: x\n    note: why\n  months: 3\n"
    baseline = AnswerSet("mini", "1.2.0", "x", Respondent("lead"), {"months": Answer(3)})
    aside = SetAside("old-question", "old-question: {value: x, note: why}", "question removed in 1.2.0")
    edited = AnswersText(text, baseline, set_aside=[aside]).render(baseline, rubric).text
    assert edited == HEADER + (
        "answers:\n  # previous answer (question removed in 1.2.0): old-question: {value: x, note: why}\n"
        "  # gone\n  months: 3\n"
    )
    assert load(edited, rubric).answers == {"months": Answer(3)}


def test_remarks_go_above_the_key_and_force_the_value_to_be_written(rubric: Rubric) -> None:
    text = HEADER + "answers:\n  voice: none  # old\n"
    baseline = AnswerSet("mini", "1.2.0", "x", Respondent("lead"), {})
    remark = "Previously (1.1.0): none — this question changed in 1.2.0: review it"
    edited = AnswersText(text, baseline, remarks={"voice": remark}).render(baseline, rubric).text
    assert edited == HEADER + f"answers:\n  # {remark}\n  voice:  # old\n"
    assert "voice" not in {qid for qid, answer in load(edited, rubric).answers.items() if answer.answered}


def test_a_rewrite_says_why_and_keeps_comments_at_the_top(rubric: Rubric) -> None:
    text = (LAYOUTS / "rewrite" / "flow-answers.yaml").read_text(encoding="utf-8")
    baseline = load(text, rubric)
    edited = AnswersText(text, baseline).render(baseline, rubric)
    assert edited.rewritten == "its answers are written as a flow mapping"
    assert edited.text.startswith(
        "# civdata rewrote this file in its own layout because its answers are written as a flow mapping.\n"
        "# What it said besides the answers is kept here:\n"
        "# A flow mapping for the answers.\n"
        "# all on one line\n"
    )


def test_overlapping_changes_are_refused_rather_than_garbled(rubric: Rubric) -> None:
    from civdata.answers_editor import _Edits, _NotEditable

    text = HEADER + "answers:\n  months: 3\n"
    edits = _Edits(AnswersText(text, load(text, rubric)))
    edits._add(10, 20, "a")
    edits._add(15, 25, "b")
    with pytest.raises(_NotEditable, match="two of its changes would overlap"):
        edits.apply()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_saved_under_another_name_the_header_commands_name_the_new_file(newline: str, rubric: Rubric) -> None:
    """A file written by civdata, saved as another: both commands of its header (continue, report)
    name the new file, and nothing else in it changes; saved under its own name, nothing changes."""
    from civdata.answers_writer import dump_answers

    text = dump_answers(load(HEADER + "answers:\n  months: 3\n", rubric), rubric, file=Path("old.yaml"))
    text = text.replace("\n", newline)
    original = AnswersText(text, load(text, rubric))
    original.path = Path("old.yaml")
    baseline = original.baseline
    assert original.render(baseline, rubric).text == text
    assert original.render(baseline, rubric, file=Path("old.yaml")).text == text
    renamed = original.render(baseline, rubric, file=Path("kept/new.yaml")).text
    assert "old.yaml" not in renamed
    assert renamed.count("--resume kept/new.yaml") == 1 and renamed.count("report kept/new.yaml") == 1
    assert renamed.split(f"---{newline}", 1)[1] == text.split(f"---{newline}", 1)[1]
    assert renamed.split(newline)[:2] == text.split(newline)[:2]  # what wrote it, and when
    assert newline == "\n" or "\n" not in renamed.replace("\r\n", "")


def test_a_header_written_by_hand_is_not_renamed(rubric: Rubric) -> None:
    text = "# continue with: civdata assess --resume old.yaml\n" + HEADER + "answers:\n  months: 3\n"
    original = AnswersText(text, load(text, rubric))
    original.path = Path("old.yaml")
    assert original.render(original.baseline, rubric, file=Path("new.yaml")).text == text


def test_a_rewritten_file_saved_under_another_name_names_it(rubric: Rubric) -> None:
    text = (LAYOUTS / "rewrite" / "flow-answers.yaml").read_text(encoding="utf-8")
    original = AnswersText(text, load(text, rubric))
    original.path = Path("old.yaml")
    edited = original.render(original.baseline, rubric, file=Path("new.yaml"))
    assert edited.rewritten and "#   civdata assess --resume new.yaml" in edited.text
    assert "FILE" not in edited.text
