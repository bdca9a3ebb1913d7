"""Load the inputs of a command: answers files and the rubric they were made for.

Every file is read and every problem across all of them is collected before anything is scored,
so one run shows a person everything to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from civdata.answers_loader import (
    UpgradePlan,
    answers_from_document,
    dated_later,
    load_to_continue,
    read_answers_document,
    rubric_reference,
    shape_after_reading,
    unasked_answers,
)
from civdata.catalog import DEFAULT_RUBRIC_ID, bundled_rubric_file, find_rubric, looks_like_path
from civdata.files import same_file
from civdata.initiatives import difference_note, initiative_key, named_initiative
from civdata.model import AnswerSet, Rubric
from civdata.problems import InputError, Problem
from civdata.rubric_loader import load_rubric
from civdata.safe_read import NamingReason, is_stdin, set_aside_as_plan
from civdata.wording import and_list
from civdata.yamlsource import YamlDocument, read_yaml_file


def load_rubric_spec(spec: str | None, *, lang: str | None = None) -> Rubric:
    """The rubric named by ``--rubric`` (a path or a bundled id), or the default bundled one."""
    return load_rubric(find_rubric(spec or DEFAULT_RUBRIC_ID), lang=lang)


def load_answers_to_continue(
    path: Path, rubric_spec: str | None, *, lang: str | None = None, role: str = "the answers file being resumed"
) -> tuple[Rubric, YamlDocument, AnswerSet, UpgradePlan | None]:
    """One answers file to continue (``assess --resume``, ``template --from``) and its rubric:
    ``--rubric`` if given, else the bundled one the file names. Answers made for an older MINOR
    version of the rubric are upgraded (see :func:`civdata.answers_loader.load_for_upgrade`)."""
    return continue_document(read_answers_document(path, role=role), rubric_spec, lang=lang)


def continue_document(
    document: YamlDocument, rubric_spec: str | None, *, lang: str | None = None
) -> tuple[Rubric, YamlDocument, AnswerSet, UpgradePlan | None]:
    """:func:`load_answers_to_continue` for an answers file already read and its shape checked."""
    rubric = load_rubric(rubric_file(rubric_spec, document), lang=lang)
    answers, upgrade = load_to_continue(document, rubric)
    return rubric, document, answers, upgrade


def read_answers_or_plan(
    path: Path, *, role: str = "an answers file", rubric_spec: str | None = None
) -> tuple[YamlDocument | None, str]:
    """An answers file of a folder, read and its shape checked (raising with every problem); or
    None and why it is left out: an action plan kept beside the answers (:func:`is_plan`), or the
    rubric file ``rubric_spec`` names (see :func:`is_given_rubric`)."""
    if is_given_rubric(path, given_rubric_file(rubric_spec)):
        return None, RUBRIC_SKIPPED
    document, found = read_yaml_file(path, role=role)
    if is_plan(document):
        set_aside_as_plan(path, role)
        return None, PLAN_SKIPPED
    if is_rubric(document):
        raise InputError([rubric_problem(document)])
    problems, _ = shape_after_reading(document, found)
    if problems:
        raise InputError(problems)
    return document, ""


def load_answer_sets(
    paths: list[Path], rubric_spec: str | None, *, lang: str | None = None
) -> tuple[Rubric, list[AnswerSet]]:
    """Read every answers file, find the rubric, check every answer; raise with all problems."""
    stream = AnswerStream(paths, rubric_spec, lang=lang)
    rubric = stream.rubric()
    return rubric, list(stream)


class AnswerStream:
    """The answers files of one report, read one at a time and checked against their rubric.

    Iterating yields each file's checked answers as it is read, so a report on thousands of files
    never holds them all. Every problem in every file is still collected: once the last file is
    read, they are raised together (and the report, built as the stream went, is never shown). The
    rubric is the one ``--rubric`` names, else the bundled one the first readable file names; a
    file that names another is a problem of its own.
    """

    def __init__(
        self,
        paths: list[Path],
        rubric_spec: str | None,
        *,
        lang: str | None = None,
        already_read: Mapping[str, tuple[YamlDocument, list[Problem]]] | None = None,
    ) -> None:
        self.paths = paths
        self.rubric_spec = rubric_spec
        self.lang = lang
        #: Files of ``paths`` read before, by the name given, with the problems found reading them:
        #: standard input, which can be read only once, when what it holds had to be told first
        #: (a baseline: :func:`civdata.baseline.read_baseline`). They are used as read.
        self.already_read = dict(already_read or {})
        self.problems: list[Problem] = []
        self._rubric: Rubric | None = None
        self._first: tuple[int, YamlDocument, frozenset[str]] | None = None
        self._facts: list[YamlDocument] = []
        #: Files left out, with why: action plans (``--plan``) and the ``--rubric`` file kept
        #: beside the answers.
        self.skipped: list[tuple[Path, str]] = []
        #: How many files read were made with another PATCH version of the rubric, by version: read
        #: as they are (the same questions), which ``civdata report`` says.
        self.same_questions: dict[str, int] = {}
        self._rubric_file = given_rubric_file(rubric_spec)
        self._copies = Copies()
        #: The warning of each file that answers questions its role is not asked
        #: (:func:`~civdata.answers_loader.unasked_answers`), one per file.
        self.unasked: list[Problem] = []
        #: The warning of each file dated more than a year after today (:func:`~civdata.answers_loader.dated_later`).
        self.dated_later: list[Problem] = []

    def rubric(self) -> Rubric:
        """The rubric every file is checked against; raise with every problem when there is none."""
        if self._rubric is not None:
            return self._rubric
        for index, path in enumerate(self.paths):
            checked = self._read(path)
            if checked is not None:
                self._first = (index, *checked)
                break
        if self._first is None:
            if not self.problems:
                names = ", ".join(str(path) for path in self.paths[:3])
                left_out = " and ".join(_LEFT_OUT[reason] for reason in dict.fromkeys(r for _, r in self.skipped))
                self.problems.append(Problem(names, 0, 0, f"no answers file here: only {left_out}"))
            raise InputError(self.problems)
        try:
            self._rubric = load_rubric(rubric_file(self.rubric_spec, self._first[1]), lang=self.lang)
        except InputError as error:
            raise InputError([*self.problems, *error.problems]) from None
        return self._rubric

    def __iter__(self) -> Iterator[AnswerSet]:
        rubric = self.rubric()
        assert self._first is not None
        first_index, first_document, first_reported = self._first
        for index, path in enumerate(self.paths):
            if index < first_index:
                continue
            checked = (first_document, first_reported) if index == first_index else self._read(path)
            if checked is None or self._copy(path, checked[0]):
                continue
            answer_set = self._check(rubric, *checked)
            if answer_set is not None:
                yield answer_set
        self.problems.extend(disagreement_problems(self._facts))
        if self.problems:
            raise InputError(self.problems)

    @property
    def first_document(self) -> YamlDocument | None:
        """The first readable answers file, whose rubric id names the rubric when ``--rubric`` is
        not given (:meth:`rubric`); None before it is read, or when no file is readable."""
        return self._first[1] if self._first is not None else None

    @property
    def alike(self) -> list[tuple[str, str]]:
        """Files with the same bytes as one read before, naming no respondent (see :class:`Copies`)."""
        return self._copies.alike

    def _copy(self, path: Path, document: YamlDocument) -> bool:
        """Whether the file is a copy of one read before that names its respondent: left out, and
        said (:class:`Copies`)."""
        reason = self._copies.left_out(document)
        if reason is not None:
            # By the name the file goes by everywhere (standard input is <stdin>, not -).
            self.skipped.append((Path(document.source), reason))
        return reason is not None

    def _read(self, path: Path) -> tuple[YamlDocument, frozenset[str]] | None:
        kept = self.already_read.get(str(path))
        if kept is None and is_given_rubric(path, self._rubric_file):
            self.skipped.append((path, RUBRIC_SKIPPED))
            return None
        document, found = kept if kept is not None else read_yaml_file(path, role="an answers file")
        if is_plan(document):
            set_aside_as_plan(path, "an answers file")
            self.skipped.append((path, PLAN_SKIPPED))
            return None
        if is_rubric(document):
            self.problems.append(rubric_problem(document))
            return None
        problems, reported = shape_after_reading(document, found)
        self.problems.extend(problems)
        return None if reported is None else (document, reported)

    def _check(self, rubric: Rubric, document: YamlDocument, reported: frozenset[str]) -> AnswerSet | None:
        return counted_answers(document, self._facts, self.problems, lambda: self._answers(rubric, document, reported))

    def _answers(self, rubric: Rubric, document: YamlDocument, reported: frozenset[str]) -> AnswerSet:
        named = rubric_reference(document)[0]
        if self.rubric_spec is None and named != rubric.id:
            first = self._facts[0]
            raise InputError(
                [
                    document.problem(
                        ("rubric", "id"),
                        f"these answers name rubric '{named}', but '{first.source}' names '{rubric.id}': one "
                        "report combines answers to one rubric; report on each rubric's answers separately, or "
                        f"correct the rubric named here if these answers are for '{rubric.id}'",
                    )
                ]
            )
        answer_set = answers_from_document(document, rubric, reported)
        if (warning := unasked_answers(rubric, answer_set)) is not None:
            self.unasked.append(warning)
        if (later := dated_later(document, answer_set)) is not None:
            self.dated_later.append(later)
        if answer_set.rubric_version != rubric.version:  # another PATCH: any other version is refused
            version = answer_set.rubric_version
            self.same_questions[version] = self.same_questions.get(version, 0) + 1
        return answer_set


#: Why a byte-for-byte copy of another answers file is left out; with ``--anonymize``, without its name.
_COPY_FIX = "if two people did give these answers, give each file a respondent name of its own, such as “Member 2”"
COPY_SKIPPED = "the same bytes as {first}, so one person counted once (" + _COPY_FIX + ")"
COPY_SKIPPED_NAMELESS = "the same bytes as another answers file, so one person counted once (" + _COPY_FIX + ")"
#: Why an action plan in a folder of answers is left out, as every command that skips one says.
PLAN_SKIPPED = "an action plan (--plan), not answers"


class Copies:
    """Answers files with the same bytes as one read before, as every command that reads a folder
    of them tells them (a report, a baseline, a workshop continued).

    A copy of a file that names its respondent (a download saved twice, ``lead (1).yaml``) is left
    out, and said, so that one person is counted once. Two people who name nobody and gave the same
    answers on the same day write the same bytes too (a community's anonymous answers to a short
    rubric): both are counted, and :attr:`alike` says so, for a person to tell a copy.
    """

    def __init__(self) -> None:
        #: The SHA-256 of each file's bytes -> the name of the first file read with them.
        self._first: dict[str, str] = {}
        #: Files with the same bytes as one read before, naming no respondent: (file, first file).
        self.alike: list[tuple[str, str]] = []

    def left_out(self, document: YamlDocument) -> NamingReason | None:
        """Why ``document`` is left out as a copy of a named respondent's file read before; None
        when it is not one (a copy naming nobody is kept, and listed in :attr:`alike`)."""
        if document.sha256 is None:
            return None
        first = self._first.setdefault(document.sha256, document.source)
        if first == document.source:
            return None
        respondent = document.data.get("respondent") if isinstance(document.data, dict) else None
        if not isinstance(respondent, dict) or not (respondent.get("name") or respondent.get("organisation")):
            self.alike.append((document.source, first))
            return None
        return NamingReason(COPY_SKIPPED.format(first=first), COPY_SKIPPED_NAMELESS)


def is_plan(document: YamlDocument) -> bool:
    """Whether a YAML file is an action plan civdata wrote, which a team may keep beside its answers
    (docs/progress.md): every command that reads a folder of answers leaves it out."""
    data = document.data
    if not isinstance(data, dict) or "kind" not in data:
        return False  # answers have no 'kind': the plan module is not imported for them
    from civdata.plan import is_plan as is_plan_data

    return is_plan_data(data)


#: Why the rubric file given with ``--rubric``, kept in the folder of answers, is left out.
RUBRIC_SKIPPED = "the rubric given with --rubric, not answers"


#: What a folder holds when every file in it was left out, by why each was.
_LEFT_OUT = {PLAN_SKIPPED: "action plans", RUBRIC_SKIPPED: "the rubric given with --rubric"}


def given_rubric_file(rubric_spec: str | None) -> Path | None:
    """The file ``--rubric`` names, when it names one of one's own (a bundled id is never among
    the answers); None otherwise, or when there is no such file (loading it says so)."""
    if rubric_spec is None or not looks_like_path(rubric_spec):
        return None
    return Path(rubric_spec)


def is_given_rubric(path: Path, rubric_file: Path | None) -> bool:
    """Whether ``path`` is the rubric file given with ``--rubric`` (by any name): a team keeps its
    rubric beside its answers (docs/multi-respondent.md), so a folder of them may hold it."""
    return rubric_file is not None and not is_stdin(path) and same_file(path, rubric_file)


def is_rubric(document: YamlDocument) -> bool:
    """Whether a file among answers is a rubric, told by its content as ``civdata check`` tells it
    (:func:`civdata.checking.kind_of`)."""
    data = document.data
    if not isinstance(data, dict) or data.keys() & {"rubric", "answers"}:
        return False  # an answers file: the checking module is not imported for it
    from civdata.checking import Kind, kind_of

    return kind_of(data) is Kind.RUBRIC


def rubric_problem(document: YamlDocument) -> Problem:
    """The one problem of a rubric among answers files, instead of every answers key it lacks."""
    return document.problem(
        (),
        "this file is a rubric, not an answers file; give it with --rubric, or move it out of the folder of answers",
    )


_Read = TypeVar("_Read")


def counted_answers(
    document: YamlDocument,
    facts: list[YamlDocument],
    problems: list[Problem],
    read: Callable[[], _Read],
) -> _Read | None:
    """What ``read`` makes of one respondent's answers document, or None with its problems added
    to ``problems``; the document's :func:`combination_facts` are added to ``facts`` first, either
    way. A respondent whose answers hold a mistake still says which initiative they are about: the
    name most respondents give is taken as right (:func:`disagreement_problems`), so leaving them
    out of the count would blame the others. ``civdata report`` reads answers files so, and
    ``civdata import --report`` the submissions of an export."""
    facts.append(combination_facts(document))
    try:
        return read()
    except InputError as error:
        problems.extend(error.problems)
        return None


def combination_facts(document: YamlDocument) -> YamlDocument:
    """What the check across respondents (:func:`disagreement_problems`) needs of one answers
    document: its initiative, with where it is written and where the document starts (a
    submission's row), and nothing else (the rest is not kept)."""
    facts = YamlDocument(document.source, {"initiative": document.data.get("initiative")})
    for path in ((), ("initiative",)):
        facts.value_positions[path] = document.position(path)
    return facts


def rubric_file(spec: str | None, document: YamlDocument) -> Path:
    """The rubric file for ``--rubric`` if given, else for the bundled id the answers name.

    The id in an answers file is looked up among the bundled rubrics only, never opened as a
    path: a data file must not make civdata read whatever it names.
    """
    if spec is not None:
        return find_rubric(spec)
    return bundled_rubric_file(
        rubric_reference(document)[0],
        lambda message: document.problem(("rubric", "id"), message),
    )


#: Names the documents a problem across respondents compares one with (see :func:`other_files`).
Others = Callable[[list[YamlDocument], str, str], str]
#: How to make the initiative's names agree, in a report on answers files.
RENAME_INITIATIVE = "correct the name where it is wrong, or report on them separately"


def disagreement_problems(
    documents: list[YamlDocument], *, others: Others | None = None, rename: str = RENAME_INITIATIVE
) -> list[Problem]:
    """Respondents of one report must be about the same initiative.

    Several respondents are combined into one report only when they judged the same thing:
    ``civdata report`` checks its answers files so, and ``civdata import --report`` the
    submissions of an export, each document made by :func:`combination_facts`. (They answer the
    same questions too: each is checked against the one rubric, which refuses another MINOR or
    MAJOR version at the file's own version and reads another PATCH as it is.) The documents most
    of them agree with are taken as right, and every other one is pointed at, so a typo in one of
    fifty is found at once. Initiative names are compared as
    :func:`civdata.initiatives.same_initiative` does (Unicode NFC, case and spacing ignored),
    which people type differently without meaning another initiative; a difference that does not
    show is spelled out. ``others`` names the documents agreed with (files, by default; an export's
    rows: :func:`other_rows`), and ``rename`` says how to make the names agree.
    """
    others = others or other_files
    return [
        document.problem(
            ("initiative",),
            f"these answers are about {_initiative_words(document.data)}, but "
            f"{others(agreeing, 'name', 'names')} {_named(agreeing[0].data)}"
            f"{difference_note(_initiative(document.data), _initiative(agreeing[0].data))}; respondents combined "
            f"in one report must name the same initiative: {rename}",
        )
        for document, agreeing in _odd_ones_out(documents, lambda data: initiative_key(data.get("initiative")))
    ]


def _initiative(data: Any) -> str:
    """The initiative's name with spacing normalised; blank (allowed) is the empty text."""
    name = data.get("initiative")
    return " ".join(name.split()) if isinstance(name, str) else ""


def _initiative_words(data: Any) -> str:
    return f"the initiative {_named(data)}" if _initiative(data) else _named(data)


def _named(data: Any) -> str:
    return named_initiative(data.get("initiative"))


def _odd_ones_out(
    documents: list[YamlDocument], key: Callable[[Any], str]
) -> list[tuple[YamlDocument, list[YamlDocument]]]:
    """Each document outside the largest group of agreeing ones (the earliest on a tie), with that group."""
    groups: dict[str, list[YamlDocument]] = {}
    for document in documents:
        groups.setdefault(key(document.data), []).append(document)
    if len(groups) < 2:
        return []
    largest = max(groups.values(), key=len)
    return [(document, largest) for group in groups.values() if group is not largest for document in group]


def other_files(documents: list[YamlDocument], plural_verb: str, singular_verb: str) -> str:
    """``5 other files ('a.yaml', 'b.yaml', 'c.yaml' and 2 more) name``: which files, within reason,
    listed as :func:`other_rows` lists rows (``'a.yaml' and 'b.yaml'`` for two)."""
    count = len(documents)
    names = and_list([f"'{document.source}'" for document in documents[:3]], more=max(count - 3, 0))
    if count == 1:
        return f"1 other file ({names}) {singular_verb}"
    return f"{count} other files ({names}) {plural_verb}"


def other_rows(documents: list[YamlDocument], plural_verb: str, singular_verb: str) -> str:
    """``2 other submissions (rows 2 and 3) name``: the submissions of one export, by their rows
    (where each document starts), within reason."""
    count = len(documents)
    listed = and_list([str(document.position(()).line) for document in documents[:3]], more=max(count - 3, 0))
    if count == 1:
        return f"1 other submission (row {listed}) {singular_verb}"
    return f"{count} other submissions (rows {listed}) {plural_verb}"
