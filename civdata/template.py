"""Write an answers file to fill in by hand or in a repository: ``civdata template``.

Every question is present in rubric order with its prompt, why it matters, and the accepted
values as YAML comments, all taken from the rubric, so the template never drifts from it. Answers
are left blank, and a blank answer loads as "unanswered", so a half-filled template can already
be reported on.

``civdata template --from OLD.yaml`` fills the template with the answers of an older file (see
:class:`Carried`): for the current rubric version, with every still-valid answer and note; a
question that changed since is left blank with the previous answer in a comment above it.
"""

from __future__ import annotations

import re
from pathlib import Path

from civdata.answers_loader import UpgradePlan
from civdata.answers_writer import (
    LINE_WIDTH,
    answer_entry_lines,
    command_comment,
    comment_lines,
    comment_text,
    entry_text,
    fitted,
    header_file,
    one_line,
    quoted,
)
from civdata.commands import civdata_command
from civdata.describe import accepted_answer, asked_if_text, option_marks, roles_text, type_text
from civdata.escape import yaml_comment
from civdata.model import AnswerSet, Question, Rubric
from civdata.records import record

#: What ``--schema`` may name: a path or URL in printable ASCII without spaces, which the YAML
#: language server reads to the end of the line.
_SCHEMA_REFERENCE = re.compile(r"[!-~]+")


def schema_modeline(reference: str) -> str:
    """The first line that tells VS Code's YAML extension (and other editors using the YAML
    language server) which JSON Schema the file follows. ``reference`` is a path relative to the
    answers file, or a URL; raise ValueError when it cannot be written on that line."""
    if not _SCHEMA_REFERENCE.fullmatch(reference):
        raise ValueError(
            f"--schema {reference!r} cannot be written on a comment line: give a path or URL without spaces, "
            "in plain ASCII, such as answers.schema.json"
        )
    return f"# yaml-language-server: $schema={reference}"


def _scalar(value: str | None) -> str:
    """A YAML scalar any parser reads back as the same text, always quoted (so a person sees
    where to type)."""
    return quoted(value) if value else '""'


@record
class Carried:
    """The answers an older file gives a new template (``civdata template --from``)."""

    answers: AnswerSet
    #: How the answers were upgraded from an older version of the rubric, if they were.
    upgrade: UpgradePlan | None
    #: The file they come from, as named on the command line.
    source: str

    def entry(self, question: Question, role: str) -> list[str]:
        """The lines of ``question``'s entry: its answer and note, or a blank key, with the
        previous answer above a question that changed. An answer to a question ``role`` is not
        asked would not be counted (and would be warned of at every check), so it is kept above a
        blank key as a comment instead, never dropped: the role may be the mistake."""
        lines = []
        if self.upgrade is not None and question.id in self.upgrade.previous:
            lines += comment_lines(comment_text(self.upgrade.remark(question.id)), "  ", hang=2)
        answer = self.answers.answers.get(question.id)
        if answer is None or (answer.value is None and answer.note is None):
            return [*lines, f"  {question.id}:"]
        if answer.value is not None and not question.asked_of(role):
            written = entry_text(question.id, answer.value, answer.note)
            remark = (
                f"In {one_line(self.source)}: {written} — kept as a comment, not counted: role "
                f"'{one_line(role)}' is not asked this question"
            )
            return [*lines, *comment_lines(comment_text(remark), "  ", hang=2), f"  {question.id}:"]
        return [*lines, *answer_entry_lines(question.id, answer, "  ", blank="")]

    def unasked(self, rubric: Rubric, role: str) -> list[str]:
        """The questions answered in the file that ``role`` is not asked, in rubric order: their
        answers are written as comments (see :meth:`entry`)."""
        return [
            question.id
            for question in rubric.questions
            if not question.asked_of(role)
            and (answer := self.answers.answers.get(question.id)) is not None
            and answer.value is not None
        ]

    def header(self) -> list[str]:
        if self.upgrade is None:
            return comment_lines(f"Filled in from {one_line(self.source)}.")
        return comment_lines(
            f"Filled in from {one_line(self.source)}, made for version {self.upgrade.from_version}: answers to "
            "questions that did not change are kept; a question that changed is blank, with your previous "
            "answer in a comment above it."
        )

    def set_aside(self) -> list[str]:
        """Answers to removed questions, kept as comments at the end."""
        if self.upgrade is None or not self.upgrade.set_aside:
            return []
        lines = ["", f"  # {'=' * (LINE_WIDTH - 4)}"]
        lines += comment_lines(
            f"Answers to questions removed since {self.upgrade.from_version}, kept as comments:", "  "
        )
        lines.append(f"  # {'=' * (LINE_WIDTH - 4)}")
        lines += [
            line
            for entry in self.upgrade.set_aside
            for line in comment_lines(comment_text(entry.comment()), "  ", hang=2)
        ]
        return lines


def _question_block(
    number: str, question: Question, rubric: Rubric, role: str, carried: Carried | None = None
) -> list[str]:
    flags = [type_text(question.type), "required" if question.required else "optional"]
    if question.weight != 1:
        flags.append(f"weight {question.weight:g}")
    lines = [""]
    lines += comment_lines(f"{number} {question.title} ({', '.join(flags)})", "  ")
    lines += comment_lines(question.prompt, "  ")
    if question.help:
        lines += comment_lines(question.help, "  ", "Why it matters: ")
    asked_roles = roles_text(question, rubric)
    if asked_roles:
        not_you = role and not question.asked_of(role)
        lines += comment_lines(
            f"Asked of: {asked_roles}." + (" Not asked of your role: leave it blank." if not_you else ""), "  "
        )
    asked_if = asked_if_text(question, rubric)
    if asked_if is not None:
        lines += comment_lines(asked_if, "  ")
    lines += comment_lines(f"Answer: {accepted_answer(question)}.", "  ")
    if question.options:
        width = max(len(yaml_comment(option.value)) for option in question.options)
        for option in question.options:
            marks = [mark for mark in option_marks(option) if mark != f"“{option.label}”"]
            label = option.label + "".join(f" ({mark})" for mark in marks)
            lines += comment_lines(label, "  ", f"  {yaml_comment(option.value).ljust(width)}  ")
    lines.extend(carried.entry(question, role) if carried is not None else [f"  {question.id}:"])
    return lines


def keep_private(file: Path | None) -> str:
    """The header's sentence on keeping the file private. civdata creates a file it writes
    readable by its owner only; one written to standard output (``file`` None) is created by the
    shell, with the umask's permissions, often readable by everyone (the review of the
    environments), so the reader is asked to make it private."""
    keep = "Keep this file where only the people who should read it can"
    if file is None:
        return f"{keep}, and make it readable by you only."
    return f"{keep} (civdata created it readable by you only)."


def render_template(
    rubric: Rubric,
    *,
    initiative: str = "",
    role: str = "",
    name: str = "",
    organisation: str = "",
    date: str = "",
    carried: Carried | None = None,
    schema: str | None = None,
    file: Path | None = None,
) -> str:
    """The text of an answers file for ``rubric``: blank, or filled with ``carried`` answers.
    ``schema`` is the JSON Schema an editor should check it with (see :func:`schema_modeline`).
    ``file`` is the name it is written to, as given (None for standard output): the header's
    command to score it names it, and the rubric when it is one of one's own, so that it runs as
    printed (see :func:`civdata.commands.civdata_command`); on a line of its own, never wrapped."""
    named, named_rubric, which = header_file(
        file, rubric, lambda named, rubric: civdata_command("report", named, rubric=rubric)
    )
    score = civdata_command("report", named, rubric=named_rubric)
    role_ids = ", ".join(r.id for r in rubric.roles)
    lines = [
        *([schema_modeline(schema)] if schema is not None else []),
        *comment_lines(f"Answers to “{rubric.title}” ({rubric.id} {rubric.version}), made by `civdata template`."),
        "#",
        *comment_lines(
            "Write each answer after its question's key. Leave a key blank to skip the question: it is "
            "reported as unanswered. To add a note to an answer, write it as a mapping:"
        ),
        "#   question-id:",
        "#     value: the answer",
        "#     note: why, and what is planned",
        "#",
        *comment_lines(f"Notes can describe people and partners. {keep_private(file)} Score it with:"),
        *command_comment(score),
        *which,
        *(["#", *carried.header()] if carried is not None else []),
        "",
        "---",
        "format: 1",
        "rubric:",
        f"  id: {_scalar(rubric.id)}",
        f"  version: {_scalar(rubric.version)}",
        *comment_lines("The initiative being assessed; every respondent about it uses the same name."),
        *fitted("initiative: ", _scalar(initiative), "  "),
        "respondent:",
        *fitted("  name: ", _scalar(name), "    "),
        *comment_lines(f"One of: {role_ids}. Blank: every question is asked.", "  "),
        f"  role: {_scalar(role)}",
        *fitted("  organisation: ", _scalar(organisation), "    "),
        *comment_lines(
            "When the answers were given, as YYYY-MM-DD."
            + (
                " Kept from the earlier file: write the date of your new answers if you answer again, or a "
                "comparison with the earlier report will take them for the same day's."
                if carried is not None and date
                else ""
            )
        ),
        f"date: {quoted(date)}" if date else "date:",
        "answers:",
    ]
    for area_number, area in enumerate(rubric.areas, start=1):
        lines += ["", f"  # {'=' * (LINE_WIDTH - 4)}"]
        lines += comment_lines(f"{area_number}. {area.title}", "  ")
        if area.description:
            lines += comment_lines(area.description, "  ")
        lines.append(f"  # {'=' * (LINE_WIDTH - 4)}")
        for question_number, question in enumerate(area.questions, start=1):
            lines += _question_block(f"{area_number}.{question_number}", question, rubric, role, carried)
    if carried is not None:
        lines += carried.set_aside()
    return "\n".join(lines) + "\n"
