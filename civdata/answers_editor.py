"""Save answers into the file a person wrote, changing only what changed.

``civdata assess --resume`` saves after every answer. Writing the file afresh would lose what the
person put in it besides answers: their comments, a template's explanations, the layout and
quoting they chose. So the original text is edited instead: the value (and note) of an answer
that changed is replaced, an answer to a question the file lacks is inserted after the entry of
the question before it in rubric order, and every other byte (comments, blank lines, line
endings, a byte order mark) is left as it was. A comment inside a value that is replaced (in a
block list, say) is moved above the answer's key rather than lost.

Every value is written by :mod:`civdata.answers_writer`, the one place that writes YAML scalars.

Positions come from PyYAML's node marks (character offsets, the same for libyaml and pure Python).
Where the file uses YAML this module does not edit safely (anchors, aliases and tags, a flow
mapping for the whole file or for ``answers``, explicit ``?`` keys, unusual line breaks), the
file is written afresh in ``civdata assess``'s layout instead, with every comment it had kept in
a block at the top, and :attr:`Edited.rewritten` says why.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import yaml

from civdata.answers_loader import SetAside, UpgradePlan
from civdata.answers_writer import (
    answer_entry_lines,
    comment_text,
    dump_answers,
    header_commands,
    quoted,
    scalar,
    value_text,
)
from civdata.files import same_file
from civdata.model import Answer, AnswerSet, Rubric
from civdata.problems import InputError, Problem
from civdata.records import record
from civdata.yamlsource import YamlDocument, parse_yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOM = "\ufeff"
#: Line breaks YAML 1.1 knows beyond \r and \n; a file with them is rewritten, not edited.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
_HASH = re.compile("#")


@record
class Edited:
    """The new text of an answers file, and why it was rewritten rather than edited (or None)."""

    text: str
    rewritten: str | None = None


@record
class _Edit:
    start: int
    end: int
    text: str


class _NotEditable(Exception):
    """The file uses a form this module does not edit in place; the message says which."""


Pair = tuple[yaml.Node, yaml.Node]


class AnswersText:
    """The text of an answers file as it was read, ready to take new answers.

    ``baseline`` is what the text says (as the loader read it); :meth:`render` writes ``target``
    into it. ``remarks`` are comments to put above the keys of questions asked again after an
    upgrade (their entries are rewritten even when the answer looks the same), and ``set_aside``
    are answers to keep only as comments. Rendering always starts from the original text, so
    saving twice gives the same file as saving once.
    """

    def __init__(
        self,
        text: str,
        baseline: AnswerSet,
        *,
        remarks: Mapping[str, str] | None = None,
        set_aside: Sequence[SetAside] = (),
    ) -> None:
        self.bom = _BOM if text.startswith(_BOM) else ""
        self.body = text[len(self.bom) :]
        self.baseline = baseline
        self.remarks = dict(remarks or {})
        self.set_aside = {entry.question_id: entry for entry in set_aside}
        #: The file the text was read from, as given; its header's commands name it.
        self.path: Path | None = None
        self.newline = _newline(self.body)
        self._comments: list[tuple[int, int]] = []
        self._root: dict[str, Pair] = {}
        #: Why the file is rewritten rather than edited in place; None when it is edited.
        self.reason: str | None = None
        try:
            self._index()
        except _NotEditable as error:
            self.reason = str(error)
        except yaml.YAMLError:  # the loaders read it first, so this is only a safety net
            self.reason = "it could not be read again as YAML"

    @classmethod
    def read(cls, path: Path, document: YamlDocument, answers: AnswerSet, upgrade: UpgradePlan | None) -> AnswersText:
        """The text of ``path``, which ``document`` and ``answers`` were read from, ready to take
        new answers (and to carry out ``upgrade``). Refused if the file changed in between."""
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError([Problem(document.source, 0, 0, f"cannot read it again: {error}")]) from None
        parsed, problems = parse_yaml(text.removeprefix(_BOM), document.source)
        if problems or parsed.data != document.data:
            message = "the file changed while civdata was reading it; run the command again"
            raise InputError([Problem(document.source, 0, 0, message)])
        if upgrade is None:
            original = cls(text, answers)
        else:
            original = cls(text, answers, remarks=upgrade.remarks(), set_aside=upgrade.set_aside)
        original.path = path
        return original

    # --- Reading --------------------------------------------------------------------------------

    def _index(self) -> None:
        """Find the comments and the entries to edit, or say why the file cannot be edited."""
        events = list(yaml.parse(self.body, Loader=_Loader))
        self._comments = _comment_spans(self.body, events)
        if any(odd in self.body for odd in _ODD_BREAKS):
            raise _NotEditable("it has line breaks other than \\n and \\r\\n")
        if any(_uses_properties(event) for event in events):
            raise _NotEditable("it uses YAML anchors, aliases or tags")
        root = yaml.compose(self.body, Loader=_Loader)
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            raise _NotEditable("it is written as one flow mapping")
        self._check_keys(root)
        self._root = self.pairs(root)
        mappings = [self._root.get(key, (None, None))[1] for key in ("rubric", "respondent")]
        if not all(isinstance(mapping, yaml.MappingNode) for mapping in mappings):
            raise _NotEditable("its rubric or respondent is not a mapping")
        if not {"initiative", "answers"} <= set(self._root):
            raise _NotEditable("it has no 'initiative' or 'answers' key")
        answers = self._root["answers"][1]
        if isinstance(answers, yaml.MappingNode):
            if answers.flow_style and answers.value:
                raise _NotEditable("its answers are written as a flow mapping")
        elif not isinstance(answers, yaml.ScalarNode) or answers.value not in ("", "null", "Null", "NULL", "~"):
            raise _NotEditable("its answers are not a mapping")

    def _check_keys(self, node: yaml.Node) -> None:
        """Every key of a block mapping starts its own line (no explicit ``? key``), at any depth."""
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                before = self.body[self._line_start(key.start_mark.index) : key.start_mark.index]
                if not node.flow_style and before.strip():
                    raise _NotEditable("it uses explicit '?' keys")
                self._check_keys(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self._check_keys(item)

    def pairs(self, node: yaml.Node) -> dict[str, Pair]:
        """The entries of a mapping by key (nothing for a scalar or a list)."""
        if not isinstance(node, yaml.MappingNode):
            return {}
        return {str(key.value): (key, value) for key, value in node.value}

    def written_version(self) -> str:
        """The rubric version the file names, as written."""
        return str(self.pairs(self._root["rubric"][1])["version"][1].value)

    # --- Writing --------------------------------------------------------------------------------

    def render(self, target: AnswerSet, rubric: Rubric, *, file: Path | None = None) -> Edited:
        """The file with ``target``'s answers: edited in place when possible, else rewritten.
        ``file`` is the name it is saved as (as given); when it is not the name it was read from,
        the header's commands to continue it and make a report name the new file."""
        file = file or self.path
        reason = self.reason
        if reason is None:
            edits = _Edits(self)
            edits.commands(rubric, self.path, file)
            edits.header(target)
            edits.answers(target, rubric)
            try:
                return Edited(self.bom + edits.apply())
            except _NotEditable as error:  # a safety net: no layout in the tests comes here
                reason = str(error)
        return Edited(self.bom + self._rewrite(target, rubric, reason, file), reason)

    def _rewrite(self, target: AnswerSet, rubric: Rubric, reason: str, file: Path | None) -> str:
        kept = [comment_text(self.body[start:end]) for start, end in self._comments]
        lines = []
        if kept or self.remarks or self.set_aside:
            lines.append(f"# civdata rewrote this file in its own layout because {comment_text(reason)}.")
            lines.append("# What it said besides the answers is kept here:")
            lines.extend(kept)
            lines.extend(f"# {comment_text(qid)}: {comment_text(remark)}" for qid, remark in self.remarks.items())
            lines.extend(f"# {comment_text(entry.comment())}" for entry in self.set_aside.values())
        text = "\n".join([*lines, dump_answers(target, rubric, file=file)])
        return text.replace("\n", self.newline) if self.newline != "\n" else text

    # --- Places in the text ---------------------------------------------------------------------

    def _line_start(self, index: int) -> int:
        return max(self.body.rfind("\n", 0, index), self.body.rfind("\r", 0, index)) + 1

    def line_end(self, index: int) -> int:
        ends = [found for found in (self.body.find("\n", index), self.body.find("\r", index)) if found >= 0]
        return min(ends) if ends else len(self.body)

    def indent_of(self, node: yaml.Node) -> str:
        start = node.start_mark.index
        return " " * (start - self._line_start(start))

    def line_start(self, node: yaml.Node) -> int:
        return self._line_start(node.start_mark.index)

    def colon_end(self, key: yaml.Node) -> int:
        """Just after the ``:`` that follows ``key``."""
        return self.body.index(":", key.end_mark.index) + 1

    def content_end(self, node: yaml.Node) -> int:
        """Where ``node``'s own text ends: before the comments and blank lines PyYAML counts in a
        block collection or block scalar."""
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                start = node.start_mark.index
                return start + len(self.body[start : node.end_mark.index].rstrip())
            return node.end_mark.index
        if getattr(node, "flow_style", False) or not node.value:
            return node.end_mark.index
        last = node.value[-1]
        return self.content_end(last[1] if isinstance(node, yaml.MappingNode) else last)

    def comments_in(self, start: int, end: int) -> list[str]:
        """The comments written between ``start`` and ``end``."""
        first = bisect.bisect_left(self._comments, (start, start))
        return [self.body[begin:finish] for begin, finish in self._comments[first:] if begin < end]

    @property
    def root(self) -> dict[str, Pair]:
        return self._root


class _Edits:
    """The changes that turn the original text into the target's, applied all at once."""

    def __init__(self, original: AnswersText) -> None:
        self.original = original
        self.body = original.body
        self.nl = original.newline
        self.edits: list[_Edit] = []

    def apply(self) -> str:
        ordered = sorted(enumerate(self.edits), key=lambda item: (item[1].start, item[1].end, item[0]))
        parts, position = [], 0
        for _, edit in ordered:
            if edit.start < position:
                raise _NotEditable("two of its changes would overlap")
            parts.extend([self.body[position : edit.start], edit.text])
            position = edit.end
        parts.append(self.body[position:])
        return "".join(parts)

    def _add(self, start: int, end: int, text: str) -> None:
        self.edits.append(_Edit(start, end, text))

    # --- Generic operations ---------------------------------------------------------------------

    def set_value(self, pair: Pair, text: str, entry_key: yaml.Node, *, flow: bool) -> None:
        """Write ``text`` as the value of ``pair`` ("" leaves it blank). Comments inside the old
        value are moved above ``entry_key``."""
        key, value = pair
        end = self.original.content_end(value)
        if flow and not text:
            text = "null"
        on_own_line = not flow and (
            isinstance(value, yaml.CollectionNode) or getattr(value, "style", None) in ("|", ">")
        )
        start = value.start_mark.index
        if not text or on_own_line or start == end:
            start = self.original.colon_end(key)
            text = f" {text}" if text else ""
        self._move_comments(start, end, entry_key)
        self._add(start, end, text)

    def _move_comments(self, start: int, end: int, entry_key: yaml.Node) -> None:
        moved = self.original.comments_in(start, end)
        if moved:
            self.above(entry_key, [comment.strip() for comment in moved])

    def above(self, key: yaml.Node, lines: list[str]) -> None:
        """Insert comment ``lines`` on their own lines just above ``key``'s line."""
        indent = self.original.indent_of(key)
        at = self.original.line_start(key)
        self._add(at, at, "".join(f"{indent}{line}{self.nl}" for line in lines))

    def add_key(self, mapping: yaml.MappingNode, key: str, text: str, *, first: bool = False) -> None:
        """Add ``key: text`` to a mapping that lacks it: first or last, block or flow."""
        entries = mapping.value
        if mapping.flow_style:
            entry = f"{key}: {text or 'null'}"
            if first or not entries:
                at = mapping.start_mark.index + 1
                self._add(at, at, entry + (", " if entries else ""))
                return
            at = mapping.end_mark.index - 1
            before = self.body[:at].rstrip()
            self._add(at, at, ("" if before.endswith(",") else ", ") + entry)
            return
        indent = self.original.indent_of(entries[0][0])
        entry = f"{key}: {text}" if text else f"{key}:"
        if first:
            at = self.original.line_start(entries[0][0])
            self._add(at, at, f"{indent}{entry}{self.nl}")
        else:
            at = self.original.line_end(self.original.content_end(mapping))
            self._add(at, at, f"{self.nl}{indent}{entry}")

    # --- The header: its commands, rubric version, initiative, respondent, date --------------------

    def commands(self, rubric: Rubric, read_from: Path | None, saved_as: Path | None) -> None:
        """Name the file saved in the header's commands (to continue it, to make a report), when it
        is saved under another name than it was read from: a copy that says to continue the
        original sends its reader back to the other file. Only the lines as civdata writes them
        are replaced; a header written by hand is left as it is."""
        if read_from is None or saved_as is None or read_from == saved_as or same_file(read_from, saved_as):
            return
        old, new = (self.nl.join(header_commands(named, rubric)) for named in (read_from, saved_as))
        first_key = min(key.start_mark.index for key, _ in self.original.root.values())
        at = self.body.find(old, 0, first_key)
        if at >= 0 and (at == 0 or self.body[at - 1] in "\r\n"):
            self._add(at, at + len(old), new)

    def header(self, target: AnswerSet) -> None:
        baseline = self.original.baseline
        root = self.original.root
        if target.rubric_version != self.original.written_version():
            rubric = root["rubric"][1]
            self._field(rubric, "version", scalar(target.rubric_version))
        if target.initiative != baseline.initiative:
            self.set_value(root["initiative"], _text(target.initiative), root["initiative"][0], flow=False)
        respondent = root["respondent"][1]
        before, after = baseline.respondent, target.respondent
        for field, old, new in (
            ("role", before.role, after.role),
            ("name", before.name, after.name),
            ("organisation", before.organisation, after.organisation),
        ):
            if (old or "") != (new or ""):
                self._field(respondent, field, _text(new))
        if target.date != baseline.date:
            self._date(target.date)

    def _field(self, mapping: yaml.Node, field: str, text: str) -> None:
        assert isinstance(mapping, yaml.MappingNode)  # the file's shape was checked when it was read
        pairs = self.original.pairs(mapping)
        if field in pairs:
            self.set_value(pairs[field], text, pairs[field][0], flow=bool(mapping.flow_style))
        elif text:
            self.add_key(mapping, field, text)

    def _date(self, date: str | None) -> None:
        text = quoted(date) if date else ""
        root = self.original.root
        if "date" in root:
            self.set_value(root["date"], text, root["date"][0], flow=False)
        elif text:
            answers_key = root["answers"][0]
            at = self.original.line_start(answers_key)
            self._add(at, at, f"{self.original.indent_of(answers_key)}date: {text}{self.nl}")

    # --- The answers ----------------------------------------------------------------------------

    def answers(self, target: AnswerSet, rubric: Rubric) -> None:
        original = self.original
        entries = original.pairs(original.root["answers"][1])
        for question_id, pair in entries.items():
            if question_id in original.set_aside:
                self._set_aside(pair, original.set_aside[question_id])
            elif rubric.has_question(question_id):
                self._entry(question_id, pair, target)
        missing = [
            question.id
            for question in rubric.questions
            if question.id not in entries and _worth_writing(target.answers.get(question.id))
        ]
        if missing:
            self._insert(missing, entries, target, rubric)

    def _entry(self, question_id: str, pair: Pair, target: AnswerSet) -> None:
        before = self.original.baseline.answers.get(question_id) or Answer(None)
        after = target.answers.get(question_id) or Answer(None)
        forced = question_id in self.original.remarks
        if before == after and not forced:
            return
        key, value = pair
        if forced:
            self.above(key, [f"# {comment_text(self.original.remarks[question_id])}"])
        if isinstance(value, yaml.MappingNode):
            self._mapping_entry(pair, before, after, forced=forced)
        elif after.note is None:
            self.set_value(pair, _value(after), key, flow=False)
        else:
            self._grow_entry(question_id, pair, after)

    def _mapping_entry(self, pair: Pair, before: Answer, after: Answer, *, forced: bool) -> None:
        """An entry written as ``{value, note}``: change the parts that changed."""
        key, mapping = pair
        assert isinstance(mapping, yaml.MappingNode)  # an entry written as a mapping
        if not mapping.value:  # `{}`: written afresh
            written = [f"value: {_value(after) or 'null'}"]
            if after.note is not None:
                written.append(f"note: {scalar(after.note)}")
            self._add(mapping.start_mark.index, mapping.end_mark.index, "{" + ", ".join(written) + "}")
            return
        parts = self.original.pairs(mapping)
        flow = bool(mapping.flow_style)
        if forced or before.value != after.value:
            if "value" in parts:
                self.set_value(parts["value"], _value(after), key, flow=flow)
            elif after.value is not None:
                self.add_key(mapping, "value", _value(after), first=True)
        if before.note != after.note:
            note = scalar(after.note) if after.note is not None else ""
            if "note" in parts:
                self.set_value(parts["note"], note, key, flow=flow)
            elif note:
                self.add_key(mapping, "note", note)

    def _grow_entry(self, question_id: str, pair: Pair, after: Answer) -> None:
        """``id: value`` (or blank) gains a note: it becomes the ``value``/``note`` mapping."""
        key, value = pair
        end = self.original.content_end(value)
        start = self.original.colon_end(key)
        self._move_comments(start, end, key)
        self._add(start, end, "")
        lines = answer_entry_lines(question_id, after, self.original.indent_of(key))[1:]  # without the key line
        at = self.original.line_end(end)
        self._add(at, at, "".join(self.nl + line for line in lines))

    def _set_aside(self, pair: Pair, entry: SetAside) -> None:
        """Replace the entry's lines with a comment keeping it (and any comments it had)."""
        key, value = pair
        start = self.original.line_start(key)
        end = self.original.line_end(self.original.content_end(value))
        indent = self.original.indent_of(key)
        comments = [comment.strip() for comment in self.original.comments_in(start, end)]
        lines = [f"# {comment_text(entry.comment())}", *comments]
        self._add(start, end, self.nl.join(f"{indent}{line}" for line in lines))

    def _insert(self, missing: list[str], entries: dict[str, Pair], target: AnswerSet, rubric: Rubric) -> None:
        """Insert entries for ``missing`` questions, each after the previous question's entry."""
        original = self.original
        answers_key, answers_value = original.root["answers"]
        first_key = next(iter(entries.values()))[0] if entries else None
        indent = original.indent_of(first_key) if first_key else original.indent_of(answers_key) + "  "
        groups: dict[int, list[str]] = {}
        order = [question.id for question in rubric.questions]
        for question_id in missing:
            earlier = [qid for qid in order[: order.index(question_id)] if qid in entries]
            if earlier:
                at = original.line_end(original.content_end(entries[earlier[-1]][1]))
            else:
                at = original.line_end(original.colon_end(answers_key))
            groups.setdefault(at, []).append(question_id)
        if not entries:
            # `answers:` blank, `null` or `{}`: the entries go on the lines below it.
            start = original.colon_end(answers_key)
            self._add(start, original.content_end(answers_value), "")
        for at, question_ids in groups.items():
            lines = []
            for question_id in question_ids:
                if question_id in original.remarks:
                    lines.append(f"{indent}# {comment_text(original.remarks[question_id])}")
                lines.extend(answer_entry_lines(question_id, target.answers[question_id], indent))
            self._add(at, at, "".join(self.nl + line for line in lines))


def _worth_writing(answer: Answer | None) -> bool:
    return answer is not None and (answer.value is not None or answer.note is not None)


def _value(answer: Answer) -> str:
    """An answer's value as YAML; blank when unanswered."""
    return value_text(answer.value) if answer.value is not None else ""


def _text(text: str | None) -> str:
    return scalar(text) if text else ""


def _newline(body: str) -> str:
    """The line ending the file uses (of its first line), so inserted lines match it."""
    found = re.search(r"\r\n|\r|\n", body)
    return found.group(0) if found else "\n"


def _uses_properties(event: yaml.Event) -> bool:
    return (
        isinstance(event, yaml.AliasEvent)
        or getattr(event, "anchor", None) is not None
        or (getattr(event, "tag", None) is not None)
    )


def _scalar_spans(body: str, events: list[yaml.Event]) -> Iterator[tuple[int, int]]:
    """Where scalar text is written (a block scalar's header line, which may hold a comment, is not)."""
    for event in events:
        if isinstance(event, yaml.ScalarEvent):
            assert event.start_mark is not None and event.end_mark is not None  # parsed from text
            start, end = event.start_mark.index, event.end_mark.index
            if event.style in ("|", ">"):
                breaks = [found for found in (body.find("\n", start), body.find("\r", start)) if found >= 0]
                start = min(breaks) if breaks else end
            if start < end:
                yield start, end


def _comment_spans(body: str, events: list[yaml.Event]) -> list[tuple[int, int]]:
    """Every comment: a ``#`` outside scalars, at a line's start or after a space, to the line's end."""
    spans = sorted(_scalar_spans(body, events))
    starts = [start for start, _ in spans]
    comments: list[tuple[int, int]] = []
    position = 0
    for found in _HASH.finditer(body):
        index = found.start()
        if index < position or (index > 0 and body[index - 1] not in " \t\r\n" + _BOM):
            continue
        inside = bisect.bisect_right(starts, index) - 1
        if inside >= 0 and spans[inside][0] <= index < spans[inside][1]:
            continue
        ends = [end for end in (body.find("\n", index), body.find("\r", index)) if end >= 0]
        position = min(ends) if ends else len(body)
        comments.append((index, position))
    return comments
