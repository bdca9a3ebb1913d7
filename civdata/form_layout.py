"""How a rubric is laid out as an XLSForm: the name of every field, group and choice.

``civdata export xlsform`` writes a form with these names and ``civdata import`` reads the
submissions back by them, so both sides take them from here and never guess. The names are a
pure function of the rubric (and of the one role a form may be for), so the form and the import
agree without a file passing between them.

XLSForm names must be XML names: a letter or ``_`` first, then letters, digits, ``-``, ``_`` and
``.``. A rubric id is letters and digits with single ``-``, ``_`` or ``.`` between them, so it is
used as it is unless it starts with a digit or with ``xml`` (reserved in XML), or is ``meta``
(the form's own metadata group); then it is written ``q__ID``. Nothing civdata adds can meet a
rubric id, because every name it adds contains ``__``, which no rubric id can:

* ``civdata__rubric``, ``civdata__rubric_version``: hidden fields with the rubric's id and version;
* ``civdata__initiative``, ``civdata__role``, ``civdata__name``, ``civdata__organisation``;
* ``ID__note``: the respondent's own words about the question (an answer's note).

Option values may be any text, but a choice name holds no space (select_multiple answers are
space-separated lists of names): a value that is not a plain token is written ``c__N`` (its
position among the options), again a name no plain token of the same question takes.
"""

from __future__ import annotations

import re
from dataclasses import field
from functools import cached_property

from civdata.model import Area, Question, QuestionType, Rubric
from civdata.records import record

RUBRIC_FIELD = "civdata__rubric"
VERSION_FIELD = "civdata__rubric_version"
INITIATIVE_FIELD = "civdata__initiative"
ROLE_FIELD = "civdata__role"
NAME_FIELD = "civdata__name"
ORGANISATION_FIELD = "civdata__organisation"
NOTE_SUFFIX = "__note"
ROLE_LIST = "civdata__roles"

_XML_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
_RESERVED = frozenset({"meta"})
#: A choice name: no spaces, nothing a spreadsheet or an XPath literal would read specially.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def xml_name(rubric_id: str) -> str:
    """The XLSForm name for a rubric id (see the module docstring)."""
    if _XML_NAME.fullmatch(rubric_id) and not rubric_id.lower().startswith("xml") and rubric_id not in _RESERVED:
        return rubric_id
    return f"q__{rubric_id}"


def question_id(name: str) -> str | None:
    """The rubric id whose field is ``name`` (the inverse of :func:`xml_name`), or None when no
    question's field could be named so: one of civdata's own fields (every name it adds holds
    ``__``), or not an XML name. ``civdata import`` reads the columns of questions an older
    version of the form had by it."""
    candidate = name.removeprefix("q__")
    if "__" in candidate or not _XML_NAME.fullmatch(name) or xml_name(candidate) != name:
        return None
    return candidate


@record
class FormLayout:
    """The names of one form: every question of ``rubric`` (asked of ``role``, when the form is for
    one role only), grouped by area."""

    rubric: Rubric
    role: str | None = None
    _choices: dict[str, dict[str | int, str]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """The questions on the form, in rubric order."""
        return tuple(q for q in self.rubric.questions if self.role is None or q.asked_of(self.role))

    @cached_property
    def areas(self) -> tuple[Area, ...]:
        """The areas with at least one question on the form."""
        on_form = {question.area_id for question in self.questions}
        return tuple(area for area in self.rubric.areas if area.id in on_form)

    def on_form(self, question: Question) -> bool:
        return self.role is None or question.asked_of(self.role)

    def field(self, question_id: str) -> str:
        return xml_name(question_id)

    def note_field(self, question_id: str) -> str:
        return xml_name(question_id) + NOTE_SUFFIX

    @staticmethod
    def asks_note(question: Question) -> bool:
        """Whether the form follows ``question`` with its "Anything to add, in your own words?"
        field: not after a text question, whose answer is already in the respondent's own words (a
        second free-text box asks the same twice). Its note column is still read when an export
        has it (one of a form made before, which asked it)."""
        return question.type is not QuestionType.TEXT

    def group(self, area_id: str) -> str:
        """An area's group name: its id, unless a question has the same name."""
        name = xml_name(area_id)
        return f"area__{area_id}" if name in self._question_names else name

    @cached_property
    def _question_names(self) -> frozenset[str]:
        return frozenset(self.field(question.id) for question in self.rubric.questions)

    def ref(self, question_id: str) -> str:
        """The XLSForm reference to a question's field, ``${name}``."""
        return "${" + self.field(question_id) + "}"

    def choice_names(self, question: Question) -> dict[str | int, str]:
        """Each option value of ``question`` and its choice name."""
        known = self._choices.get(question.id)
        if known is None:
            known = _choice_names(question)
            self._choices[question.id] = known
        return known

    def choice(self, question: Question, value: str | int) -> str:
        return self.choice_names(question)[value]

    def form_id(self) -> str:
        return self.rubric.id + (f"-{self.role}" if self.role else "")


def _choice_names(question: Question) -> dict[str | int, str]:
    values = [option.value for option in question.options]
    plain = {str(value) for value in values if isinstance(value, int) or _TOKEN.fullmatch(value)}
    names: dict[str | int, str] = {}
    for position, value in enumerate(values, start=1):
        if isinstance(value, int) or _TOKEN.fullmatch(value):
            names[value] = str(value)
            continue
        name = f"c__{position}"
        while name in plain:
            name = "c_" + name
        names[value] = name
    return names
