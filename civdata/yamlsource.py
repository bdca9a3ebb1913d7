"""Read YAML safely and remember where every key and value came from.

Everything a person writes reaches us through this module, so two things are settled here once:

* Safety: only plain mappings, sequences and scalars are built. Custom tags are refused, never
  constructed, and nothing read is ever evaluated.
* Faithfulness: PyYAML's default safe loader keeps the last of two duplicate keys without a word
  and reads ``no``, ``off`` and ``yes`` as booleans (YAML 1.1). Either would silently change an
  answer. We reject duplicate keys and resolve scalars by the YAML 1.2 core schema, where only
  ``true`` and ``false`` are booleans, so ``no`` stays the text ``no``. Dates also stay text.
  The source text of every scalar that is not a string is kept too (``scalar_text``), so a text
  answer written ``1e3`` or ``true`` stays exactly what the person wrote.
* Sane numbers: a number that is not finite (``!!float .nan``, ``1e309``, which overflows to
  infinity) or beyond :data:`NUMBER_LIMIT` in size is refused where it is written. Such a number
  could only be a mistake, and NaN compares false with everything, so it would pass every check
  and every gate.
* Characters YAML forbids (controls such as ESC or BEL) are reported at their own line and
  column, in one line, rather than as the YAML library's two-line message about a "position".
* Spaces that YAML does not count as spaces (a no-break space, an ideographic space, a zero-width
  space) where YAML needs one, in the indentation, after ``key:`` (``"key":`` and ``{key:`` too)
  or after a list's ``-``, are reported at the character: YAML reads them as text, so the file
  would silently mean something else (a whole mapping read as one text) or fail lines later with
  a message about something else.

Every problem is collected with its ``file:line:col`` rather than raised at the first one, so a
person sees all their mistakes in one run.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import math
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from civdata.escape import SPACE_SEPARATORS, escaped
from civdata.problems import Problem, not_utf8
from civdata.records import record
from civdata.safe_read import ReadRefused, display_name, read_regular_file
from civdata.wording import plural

if TYPE_CHECKING:
    from yaml._yaml import Mark as _LibyamlMark  # the marks of libyaml's events

#: A location inside a document: the keys and list indexes that lead to a value.
DataPath = tuple[Any, ...]

#: Words YAML 1.1 reads as booleans. We keep them as text; validators use this to explain why a
#: ``yes`` where ``true`` was expected is refused.
YAML11_BOOLEAN_WORDS = frozenset(
    word for base in ("yes", "no", "on", "off", "y", "n") for word in (base, base.capitalize(), base.upper())
)

#: The largest size of a number civdata accepts anywhere: 10^15. Scores, weights and thresholds
#: are small; a number answer (a budget, a count of people) never comes near it.
NUMBER_LIMIT = 10**15

#: Characters that YAML does not allow anywhere in a file, even quoted (YAML 1.1 and 1.2).
_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Line breaks as the YAML libraries count them for line numbers.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: The line breaks YAML counts and git, editors, GitHub and GitLab do not: lines there end at
#: ``\n`` (``\r\n`` ends at its ``\n``), and every position civdata gives is counted so.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
#: How each is named in messages.
_ODD_BREAK_NAMES = {
    "\x85": "U+0085 NEXT LINE (NEL)",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\r": "U+000D CARRIAGE RETURN without a line feed (U+000A) after it",
}
#: What such a character does, and what to do about it.
_ODD_BREAK_FIX = (
    "YAML reads it as a line break, which git, editors, GitHub and GitLab do not show, so {what} does not read "
    "as it looks; replace it with a space or a real new line"
)
#: A file whose lines all end in a carriage return alone (classic Mac OS): one line to everyone but YAML.
_MAC_LINES = (
    "the lines of this file end in a carriage return (U+000D) alone, which YAML reads as line breaks and git, "
    "editors, GitHub and GitLab do not, so the whole file is one line to them; save it with LF (or CRLF) "
    "line endings, which is to replace each with a real new line"
)
#: A file whose lines end in CR CR LF: a carriage return doubled, as a wrong git ``autocrlf``
#: setting or a copy between systems leaves it. Said once, not once per line.
_DOUBLED_CR = (
    "the lines of this file end in two carriage returns and a line feed (CR CR LF), as a wrong git autocrlf "
    "setting or a copy between systems leaves them: YAML reads two line breaks where git, editors, GitHub and "
    "GitLab read one; save it with LF (or CRLF) line endings"
)
#: At most this many of them are reported, or tried as the cause of a syntax error.
_ODD_BREAKS_REPORTED = 20
#: At most this many forbidden characters are reported: the first ones show what to fix.
_FORBIDDEN_REPORTED = 20
#: Characters that look like a space, or nothing, but that YAML reads as text, not as white space:
#: the Unicode spaces (category Zs) but the ASCII one, and the zero-width space, word joiner and
#: zero-width no-break space.
_NOT_YAML_SPACES = f"{SPACE_SEPARATORS}\u200b\u2060\ufeff"
#: The first character of a key written without quotes (not an indicator such as ``#``, ``-`` or ``{``).
_PLAIN_KEY_START = r"[^\s#:'\"\[\]{},&*!|>%@`-]"


#: One of them at the start of a line's content, right after a key's colon (a plain or quoted key,
#: or a plain key in brackets or braces), or right after a list's ``-``: where the person meant a
#: space, and YAML sees none. ``run`` is the rest of the spaces there. ``indent`` ends, and
#: ``flow_key`` starts, where the plain scalar YAML reads instead begins. After ``,`` or ``[`` in
#: brackets, and after a quoted key in braces, YAML needs no space (``[a,b]``, ``{"a":b}``), so
#: such a character is text there, as it is in quotes and in a block of text.
@functools.lru_cache(maxsize=1)
def _space_mistake_pattern() -> re.Pattern[str]:
    """The pattern above, compiled on first need: only a file that holds such a space needs it."""
    return re.compile(
        rf"(?:^(?P<indent>[ ]*(?:-[ ]+)*)"
        rf"(?:(?P<key>{_PLAIN_KEY_START}[^:\r\n]*?):"
        r"|(?P<quoted>\"(?:[^\"\\\r\n]|\\.)*\"|'(?:[^'\r\n]|'')*'):"
        r"|(?P<dash>-))?"
        rf"|[\[{{,][ ]*(?P<flow_key>{_PLAIN_KEY_START}[^:,\[\]{{}}\r\n]*?):)"
        rf"(?P<space>[{_NOT_YAML_SPACES}])(?P<run>[ {_NOT_YAML_SPACES}]*)",
        re.MULTILINE,
    )


_ANY_NOT_YAML_SPACE = re.compile(f"[{_NOT_YAML_SPACES}]")
#: At most this many of them, the nearest before a syntax error, are tried as its cause.
_MISREAD_TRIED = 20

_MAX_NODES = 200_000
_LONGEST_INT = 1000
#: No rubric or answers file nests anywhere near this deep (a rubric's deepest condition is
#: limited to 20 levels); deeper input is refused before anything recurses over it.
MAX_DEPTH = 100
_STANDARD_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


# libyaml parses about ten times faster than pure Python, which matters for a 60-question rubric
# and for hundreds of answers files; PyYAML wheels ship it, but fall back when it is missing.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: What each non-string tag accepts, by the YAML 1.2 core schema, in ASCII: the same words the
#: resolvers above read as plain scalars (``.inf`` and ``.nan`` among them, which are then refused
#: as numbers with their own message).
_CORE_SCALARS: dict[str, tuple[str, re.Pattern[str]]] = {
    "tag:yaml.org,2002:null": ("null", re.compile(r"~|null|Null|NULL|")),
    "tag:yaml.org,2002:bool": ("true or false", re.compile(r"true|True|TRUE|false|False|FALSE")),
    "tag:yaml.org,2002:int": ("a whole number", re.compile(r"[-+]?[0-9]+")),
    "tag:yaml.org,2002:float": (
        "a number",
        re.compile(
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
    ),
}
_CORE_HINTS = {
    "tag:yaml.org,2002:null": "leave the value empty, or remove the !!null tag",
    "tag:yaml.org,2002:bool": "write true or false, or remove the !!bool tag",
    "tag:yaml.org,2002:int": "write it in the digits 0 to 9 (such as 12), or remove the !!int tag",
    "tag:yaml.org,2002:float": "write it in the digits 0 to 9 (such as 0.5), or remove the !!float tag",
}


#: The one tag each kind of collection may carry, and what it is called in messages.
_COLLECTION_TAGS: dict[type, tuple[str, str]] = {
    yaml.MappingNode: ("tag:yaml.org,2002:map", "a mapping (keys and values)"),
    yaml.SequenceNode: ("tag:yaml.org,2002:seq", "a list"),
}


def _short_tag(tag: str) -> str:
    """``!!int`` for ``tag:yaml.org,2002:int``: the tag as the person wrote it."""
    prefix = "tag:yaml.org,2002:"
    return f"!!{tag[len(prefix) :]}" if tag.startswith(prefix) else repr(tag)


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose implicit types follow the YAML 1.2 core schema.

    The parser asks for a tag for every node it makes. PyYAML's general resolver also keeps
    books for "path resolvers", which nothing here uses, so the three methods below do only
    what the core schema needs: a read of hundreds of answers files spends less time on it.
    """

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """No path resolvers: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers: nothing to track."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        """The tag of a node written without one: by the core schema for a plain scalar."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return str(tag)
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"


_CoreSchemaLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        # .inf and .nan too, as the core schema (and YAML 1.1, and so every editor) reads them: read
        # as text, they were accepted where the answers schema, which sees a number, refuses them.
        # As numbers they are refused where written, with "put it in quotes" if text is meant.
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
):
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def plain_scalar(text: str) -> Any:
    """What ``text`` reads as when written unquoted, by the same YAML 1.2 core schema the files are
    read with: ``10`` is 10, ``true`` is True, ``no`` and ``2026-10-14`` stay text. The answers
    loader compares such a value with option values as written, and the per-rubric JSON Schema
    (:mod:`civdata.answers_schema`) lists the values an option's text reads as."""
    loader = _CoreSchemaLoader("")
    try:
        tag = loader.resolve(yaml.ScalarNode, text, (True, False))
        return loader.construct_object(yaml.ScalarNode(tag, text), deep=True)
    finally:
        loader.dispose()


@record
class Position:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass
class YamlDocument:
    """Plain data read from a YAML file, and where every value and key is written.

    Positions are found when asked for, by walking the parsed node graph the data was built from:
    a problem needs one, a valid file none, and recording every position of every file up front
    cost more than the parsing itself when hundreds of answers files are read.
    """

    source: str
    data: Any
    #: False when parts of the file could not be read as written (a refused tag, a broken alias):
    #: checks of content would then only report consequences of that first problem.
    complete: bool = True
    #: Where a number was refused while reading (not finite, too large, too small to be told from
    #: 0): it reads as blank there, and the rest of the file is still checked in full. What a later
    #: check says of that blank is only a consequence of the problem already reported: see
    #: :meth:`without_consequences`.
    refused: set[Position] = field(default_factory=set)
    #: Positions given explicitly, for documents not parsed from text (or only partly kept).
    value_positions: dict[DataPath, Position] = field(default_factory=dict)
    #: The SHA-256 of the bytes read, when the document came from a file; reports name the
    #: rubric they used by it, so a reader can tell exactly which rubric text was applied.
    sha256: str | None = None
    #: The node graph the data was built from.
    root: yaml.Node | None = field(default=None, repr=False, compare=False)
    #: The lines of the text, when YAML counts them otherwise than git and editors do (see
    #: :func:`_odd_lines`): positions are then found from each mark's index. None in the common
    #: case, where the marks' own lines and columns are the ones editors show.
    lines: _TextPositions | None = field(default=None, repr=False, compare=False)
    #: The text the node graph was parsed from: where its aliases are written is found from it
    #: when a position is first asked for (:meth:`_aliases`), as the node graph does not keep it.
    text: str | None = field(default=None, repr=False, compare=False)
    _alias_marks: _AliasMarks | None = field(default=None, init=False, repr=False, compare=False)
    #: Where the node of each problem :meth:`problem` located at an alias is written (the anchor),
    #: for :meth:`without_consequences` to tell one mistake repeated by aliases from several.
    _written: dict[Problem, Position] = field(default_factory=dict, init=False, repr=False, compare=False)

    def text_as_written(self, path: DataPath, value: Any) -> str:
        """``value`` as the person wrote it at ``path``: ``1e3`` stays ``1e3``, ``true`` stays ``true``."""
        if isinstance(value, str):
            return value
        walked = self._walk(path)
        if walked.found and isinstance(walked.node, yaml.ScalarNode):
            return str(walked.node.value)
        return str(value)

    def value(self, path: DataPath) -> Any:
        """The value at ``path`` in :attr:`data`, None where there is none: which of several places
        holds something, before a problem is pointed at it with :meth:`problem`. A step is taken as
        :meth:`position` takes it: a key of a mapping, a place (0 or more) in a list."""
        found = self.data
        for step in path:
            if isinstance(found, dict) and not isinstance(step, int):
                found = found.get(step)
            elif isinstance(found, list) and isinstance(step, int) and 0 <= step < len(found):
                found = found[step]
            else:
                return None
        return found

    def position(self, path: DataPath, *, key: bool = False) -> Position:
        """Where ``path`` is written; the nearest enclosing value when it is absent.

        ``key=True`` points at the key of a mapping entry (for "unknown key" messages) rather than
        at its value. A value reached through an alias is where the alias is; a key is where its
        text is, in the anchored mapping, unless the key itself is an alias (see :class:`_Walked`).
        """
        return self._located(path, key=key)[0]

    def _located(self, path: DataPath, *, key: bool = False) -> tuple[Position, Position | None]:
        """:meth:`position`, and where the node there is written when that is elsewhere (the
        position is then an alias's, and this the anchor's), else None."""
        probe = tuple(path)
        while probe:
            if probe in self.value_positions:
                return self.value_positions[probe], None
            probe = probe[:-1]
        if self.root is None:
            return self.value_positions.get((), Position(1, 1)), None
        walked = self._walk(path)
        if key and walked.found and walked.key_node is not None:
            return _shown_and_written(walked.key_at, _position(walked.key_node.start_mark, self.lines))
        return _shown_and_written(walked.at, _position(walked.node.start_mark, self.lines))

    def key_positions(self, path: DataPath) -> dict[str, tuple[int, int]]:
        """Where each key of the mapping at ``path`` is written (line, column), in one pass over it:
        the answers of a file (``("answers",)``), so a finding can point at the answer that raised
        it. Without parsed text (a submission's row), the positions its reader gave for the keys'
        values (their cells). Empty when there is no such mapping. Plain pairs, as
        :attr:`civdata.model.AnswerSet.positions` keeps them, not a :class:`Position` each."""
        if self.root is None:
            depth = len(path)
            return {
                str(at[depth]): (position.line, position.column)
                for at, position in self.value_positions.items()
                if len(at) == depth + 1 and at[:depth] == tuple(path)
            }
        walked = self._walk(path)
        node = walked.node
        if not walked.found or not isinstance(node, yaml.MappingNode):
            return {}
        positions: dict[str, tuple[int, int]] = {}
        lines, aliases = self.lines, self._aliases()
        for index, (key_node, _value) in enumerate(node.value):
            if isinstance(key_node, yaml.ScalarNode):
                alias = walked.at or aliases.get((id(node), 2 * index))
                mark = key_node.start_mark
                if alias is not None:
                    at = (alias.line, alias.column)
                else:
                    at = (mark.line + 1, mark.column + 1) if lines is None else astuple(lines.of(mark.index))
                positions.setdefault(str(key_node.value), at)
        return positions

    def _walk(self, path: DataPath) -> _Walked:
        """The node at ``path`` (or the deepest one on the way), and where it is written: at the
        first alias on the way, when there is one (see :class:`_Walked`)."""
        node = self.root
        assert node is not None
        aliases = self._aliases()
        key_node: yaml.Node | None = None
        at = key_at = None
        for step in path:
            child = _child(node, step)
            if child is None:
                return _Walked(node, None, False, at, None)
            key_node, value_node, slot = child
            key_at = aliases.get((id(node), slot - 1)) if key_node is not None else None
            at = at or aliases.get((id(node), slot))
            node = value_node
        return _Walked(node, key_node, True, at, key_at)

    def alias_at(self, parent: yaml.Node, slot: int) -> Position | None:
        """Where the alias in ``slot`` of ``parent`` is written (:func:`_slots`), when that slot
        holds one; for the builder, which sees the anchored node there, as the node graph does."""
        return self._aliases().get((id(parent), slot))

    def _aliases(self) -> _AliasMarks:
        """Where each alias of the text is written (:func:`_alias_marks`), found once, and only
        for a text that can hold one: nearly no file does, and most are never asked a position."""
        if self._alias_marks is None:
            text, root = self.text, self.root
            if text is not None and root is not None and "*" in text and "&" in text:
                self._alias_marks = _alias_marks(text, root, self.lines)
            else:
                self._alias_marks = {}
        return self._alias_marks

    def without_consequences(self, problems: Iterable[Problem]) -> list[Problem]:
        """``problems`` found by checking the content, each mistake once, as what it is: less those
        about a number refused while reading (located where it is written, or at an alias of it),
        and with a problem repeated by aliases said once, at the anchor (:func:`_one_per_mistake`).

        Every list of problems of a document checked against its schema and rules passes here, so
        the rule holds for all of them, in time linear in their number."""
        written, refused = self._written, self.refused
        kept = [
            problem
            for problem in problems
            if problem.source != self.source
            or (Position(problem.line, problem.column) not in refused and written.get(problem) not in refused)
        ]
        return _one_per_mistake(kept, self.source, written) if written else kept

    def problem(self, path: DataPath, message: str, *, key: bool = False) -> Problem:
        """A problem located at ``path`` in this document. Located at an alias, where the value is
        anchored is kept beside it: the same words at several aliases of one value are one mistake,
        to be told once, where the value is written (:meth:`without_consequences`)."""
        where, written = self._located(path, key=key)
        problem = Problem(self.source, where.line, where.column, message)
        if written is not None:
            self._written.setdefault(problem, written)
        return problem


#: Where each alias of a text is written, by the place it takes in the node graph: the collection
#: node that holds it (its ``id``) and its slot there (:func:`_slots`).
_AliasMarks = dict[tuple[int, int], Position]


def _shown_and_written(alias: Position | None, written: Position) -> tuple[Position, Position | None]:
    """Where a problem is shown (at ``alias`` when there is one, else where the node is
    ``written``), and where the node is written when that is elsewhere."""
    return (written, None) if alias is None or alias == written else (alias, written)


def _one_per_mistake(problems: list[Problem], source: str, written: dict[Problem, Position]) -> list[Problem]:
    """``problems`` with each mistake repeated by aliases told once, at the anchor.

    A value is written once, at its anchor, and used wherever an alias of it is. A problem said in
    the same words of the same anchored value at several places (a typo in an anchored condition,
    a wrong value listed by 20,000 aliases) is one mistake, fixed where the value is written: it
    is told once, there, in the place of the first of them. A problem at one place only (its words
    name where the value is used: "'2' is not an answer to 'review-schedule'") stays where it is,
    at the alias. One pass to count the places of each mistake, one to keep one of each: linear
    in the number of problems, however many aliases there are.
    """
    places: dict[tuple[str, Position], Position | None] = {}  # None: at more than one place
    for problem in problems:
        if problem.source == source:
            at = Position(problem.line, problem.column)
            mistake = (problem.message, written.get(problem, at))
            if places.setdefault(mistake, at) not in (at, None):
                places[mistake] = None
    kept: list[Problem] = []
    told: set[tuple[str, Position]] = set()
    for problem in problems:
        at = Position(problem.line, problem.column)
        mistake = (problem.message, written.get(problem, at))
        if problem.source != source or places[mistake] is not None:
            kept.append(problem)
        elif mistake not in told:
            told.add(mistake)
            kept.append(replace(problem, line=mistake[1].line, column=mistake[1].column))
    return kept


@record
class _Walked:
    """Where :meth:`YamlDocument._walk` got to: the node at a path (or the deepest one on the way),
    the key node naming it when it is a mapping value, and whether the whole path was found.

    The node graph holds one node for an anchor and every alias of it, marked where the anchor is
    written. A value reached through an alias is used where the alias is, which is where a person
    changes what it is used for (``review-schedule: *a`` names the answer of another question):
    ``at`` is the first alias on the way to the value, when there is one. A key is only text, and
    what is wrong with it is wrong where that text is written, in the anchored mapping: ``key_at``
    is set only when the key itself is an alias (``? *k``).
    """

    node: yaml.Node
    key_node: yaml.Node | None
    found: bool
    at: Position | None
    key_at: Position | None


def _child(node: yaml.Node, step: Any) -> tuple[yaml.Node | None, yaml.Node, int] | None:
    """The entry ``step`` of a mapping (its key node and value node) or a sequence (no key), and
    the slot of its value in ``node`` (:func:`_slots`)."""
    if isinstance(node, yaml.MappingNode):
        for index, (key_node, value_node) in enumerate(node.value):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                # The first: a duplicate key is refused, and the data keeps the first too.
                return key_node, value_node, 2 * index + 1
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step], step
    return None


def _slots(node: yaml.Node) -> list[yaml.Node]:
    """The nodes a collection holds, in the order they are written: a list's items, a mapping's
    keys and values in turn (the key of entry ``i`` at ``2 * i``, its value at ``2 * i + 1``)."""
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _alias_marks(text: str, root: yaml.Node, lines: _TextPositions | None) -> _AliasMarks:
    """Where each alias of ``text`` is written, by the slot it takes in ``root``, its node graph.

    The graph keeps no trace of an alias (it holds the anchored node again), so the text's events
    are read again, beside a walk of the graph in the order it was written: each event of a node
    is the next slot's, and an alias event is an alias there. The walk does not enter a node
    twice, as the events do not: an alias is one event, however much it stands for.
    """
    marks: _AliasMarks = {}
    loader = _CoreSchemaLoader(text)
    try:
        events = (event for event in iter(loader.get_event, None) if isinstance(event, _NODE_EVENTS))
        next(events, None)  # the root's own: an alias needs an anchor written before it
        stack = [(root, iter(enumerate(_slots(root))))]
        while stack:
            parent, slots = stack[-1]
            entry = next(slots, None)
            if entry is None:
                stack.pop()
                continue
            event = next(events, None)
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                marks[(id(parent), entry[0])] = _position(event.start_mark, lines)
            elif isinstance(entry[1], (yaml.MappingNode, yaml.SequenceNode)):
                stack.append((entry[1], iter(enumerate(_slots(entry[1])))))
    finally:
        loader.dispose()
    return marks


#: The events that each stand for one node, or one alias of a node.
_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _position(mark: yaml.Mark | _LibyamlMark, lines: _TextPositions | None = None) -> Position:
    """Where ``mark`` is, in lines ended by ``\\n`` as editors count them: the mark's own line and
    column when ``lines`` is None (the text has no line break that YAML alone counts), else found
    from its index (see :func:`_odd_lines`)."""
    if lines is None:
        return Position(mark.line + 1, mark.column + 1)
    return lines.of(mark.index)


class _Builder:
    """Turns a composed node graph into plain Python data, collecting problems as it goes."""

    def __init__(self, source: str, loader: _CoreSchemaLoader, lines: _TextPositions | None = None) -> None:
        self.source = source
        self.loader = loader
        self.lines = lines
        self.problems: list[Problem] = []
        self.document = YamlDocument(source, None, lines=lines)
        self._nodes_seen = 0
        self._stack: set[int] = set()
        #: Whether the text is written as JSON (:func:`written_as_json`): its messages then say so.
        self.json = False

    def _problem(self, mark: yaml.Mark, message: str) -> None:
        where = _position(mark, self.lines)
        self.problems.append(Problem(self.source, where.line, where.column, message))

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self._nodes_seen += 1
        if self._nodes_seen > _MAX_NODES:
            raise _TooLarge(node.start_mark)
        if depth > MAX_DEPTH:
            raise _TooDeep(node.start_mark)
        if id(node) in self._stack:
            self._problem(node.start_mark, "an alias refers to itself; write the value out instead")
            self.document.complete = False
            return None
        if node.tag not in _STANDARD_TAGS:
            self._problem(
                node.start_mark,
                f"the YAML tag {node.tag!r} is not supported; remove it and write plain data",
            )
            self.document.complete = False
            return None
        collection = _COLLECTION_TAGS.get(type(node))
        if collection is not None and node.tag != collection[0]:
            # `!!int {a: 1}` or `!!str [1]`: the tag promises a single value the data is not.
            self._problem(
                node.start_mark, f"the tag {_short_tag(node.tag)} cannot be given to {collection[1]}; remove it"
            )
            self.document.complete = False
            return None
        self._stack.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, depth)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, depth + 1) for item in node.value]
            return self._scalar(node)
        finally:
            self._stack.discard(id(node))

    def _scalar(self, node: yaml.Node) -> Any:
        tag, text = node.tag, node.value
        if tag == "tag:yaml.org,2002:str":
            if self.json and not getattr(node, "style", None) and text in _NOT_JSON_NUMBERS:
                return self._refused(node, f"{text} is not a number JSON allows: {_NOT_JSON_NUMBERS_FIX}")
            return text
        value = self._construct(node)
        message = number_problem(value, text)
        if message is not None:
            return self._refused(
                node, f"the number {_scalar_shown(text)} {message}; if it is meant as text, put it in quotes"
            )
        return value

    def _refused(self, node: yaml.Node, message: str) -> None:
        """A number refused where it is written: it reads as blank, and what later checks say of
        that blank is left out (:meth:`YamlDocument.without_consequences`)."""
        self._problem(node.start_mark, message)
        self.document.refused.add(_position(node.start_mark, self.lines))

    def _construct(self, node: yaml.Node) -> Any:
        """The value of a scalar that is not a string, read by the YAML 1.2 core schema only.

        A plain scalar got its tag from the core-schema resolvers above; an explicit tag
        (``!!int``, ``!!float``, ``!!bool``, ``!!null``) must hold what the core schema writes for
        it too. PyYAML's own constructor would read YAML 1.1 forms that no reader of the file
        expects: ``!!int 1:30`` is 90 (and a long chain of them takes minutes), ``!!int 1_000``,
        ``!!int 0x10``, Unicode digits (``!!int ١٢`` is 12), ``!!bool yes``, ``!!null text``.
        """
        tag, text = node.tag, node.value
        if tag not in _CORE_SCALARS:
            self._problem(node.start_mark, f"the tag {_short_tag(tag)} cannot be given to a single value; remove it")
            self.document.complete = False
            return None
        kind, pattern = _CORE_SCALARS[tag]
        if not pattern.fullmatch(text):
            shown = _scalar_shown(text)
            self._problem(node.start_mark, f"{shown!r} is not {kind} as YAML writes it; {_CORE_HINTS[tag]}")
            self.document.complete = False
            return None
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return text.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            # Python refuses to convert thousands of digits; as a float it is simply too large.
            return int(text) if len(text) <= _LONGEST_INT else float(text)
        return float(text.replace(".", "", 1) if text.lstrip("+-").lower() in (".inf", ".nan") else text)

    def _key_problem(self, node: yaml.MappingNode, index: int, message: str) -> None:
        """A problem with the key of entry ``index`` of ``node``, where :meth:`_key_at` says."""
        where = self._key_at(node, index)
        self.problems.append(Problem(self.source, where.line, where.column, message))

    def _key_at(self, node: yaml.MappingNode, index: int) -> Position:
        """Where the key of entry ``index`` of ``node`` is as this mapping uses it: at the alias,
        when the key is one (``? *x`` on line 9 uses the mapping anchored on line 7 as a key, and
        line 9 is the mistake), else where the key is written. The node graph holds the anchored
        node in an alias's place, marked at the anchor, so the alias is asked of the document."""
        return self.document.alias_at(node, 2 * index) or _position(node.value[index][0].start_mark, self.lines)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_written: dict[str, int] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            # The loader resolves no merge key, so a plain `<<` comes as text: said here, not as an
            # unknown key of whatever the mapping is.
            if key_node.tag == "tag:yaml.org,2002:merge" or (
                isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and not key_node.style
            ):
                self._problem(key_node.start_mark, "merge keys (<<) are not supported; write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._key_problem(node, index, "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag not in _STANDARD_TAGS:
                self._problem(
                    key_node.start_mark,
                    f"the YAML tag {key_node.tag!r} is not supported; remove it and write plain data",
                )
                self.document.complete = False
                continue
            # Keys in our formats are names and ids, so they are kept exactly as written: an id
            # such as `1` or `no` is the text the person typed, not a number or a boolean.
            key = str(key_node.value)
            if key in first_written:
                first_line = self._key_at(node, first_written[key]).line
                self._key_problem(
                    node,
                    index,
                    f"duplicate key '{_spaces_spelled(key)}' (first written on line {first_line}); "
                    f"{_DUPLICATE_KEPT[self.json]}, so remove or rename one of them",
                )
                continue
            first_written[key] = index
            result[key] = self.build(value_node, depth + 1)
        return result


#: What a reader does with a duplicate key, told for a text written as YAML and one written as JSON.
_DUPLICATE_KEPT = {
    False: "YAML would silently keep only the last one",
    True: "JSON readers silently keep one of them (most the last one)",
}
#: The words some programs (Python's json module, for one) write for numbers that are not finite,
#: which JSON does not allow. YAML reads them as text; in a text written as JSON they are numbers
#: gone wrong, and refused as such.
_NOT_JSON_NUMBERS = frozenset({"NaN", "Infinity", "-Infinity"})
_NOT_JSON_NUMBERS_FIX = (
    "JSON has no NaN or infinity, though some programs write them; write what the field holds: a finite number, "
    "null, or text in double quotes"
)


def written_as_json(root: yaml.Node) -> bool:
    """Whether a parsed text is written as JSON: one collection in brackets or braces, every key of
    it in double quotes, as JSON writes keys (JSON is YAML 1.2, and a JSON report that is not strict
    JSON is read by this module to say where it goes wrong). Its messages then speak of JSON."""
    if not isinstance(root, (yaml.MappingNode, yaml.SequenceNode)) or not root.flow_style:
        return False
    stack: list[yaml.Node] = [root]
    seen: set[int] = set()  # an alias may stand for a collection it is in: `&a [*a]`
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if any(getattr(key, "style", None) != '"' for key, _ in node.value):
                return False
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return True


def number_problem(value: object, written: str | None = None) -> str | None:
    """Why ``value`` cannot be used as a number (it is not finite, too large, or, read from
    ``written``, too small to be told from 0), or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if written is not None and underflows(written, value):
        return "is too small to be told from 0; write 0 if 0 is meant"
    if isinstance(value, float) and math.isnan(value):
        return "is not a number (NaN)"
    if isinstance(value, float) and math.isinf(value):
        return "is infinite or too large; civdata accepts numbers up to 10^15 in size"
    if abs(value) > NUMBER_LIMIT:
        return "is too large; civdata accepts numbers up to 10^15 in size"
    return None


#: The smallest number above 0 held at full precision (about 2.2e-308). Below it (``5e-324``),
#: numbers lose their digits, and multiplied by a share they become 0: a weight of 5e-324 beside
#: another would count as none. Such a number is refused as one read as 0 is.
_SMALLEST_FULL = sys.float_info.min


def underflows(written: str, value: float) -> bool:
    """Whether ``written`` names a number other than 0 that was read as 0 (``1e-400``), or one
    so close to 0 that it is not held at full precision (``5e-324``): either would silently
    count as 0."""
    if value != 0:
        return isinstance(value, float) and abs(value) < _SMALLEST_FULL
    mantissa = written.strip().lower().split("e")[0]
    return any(digit in mantissa for digit in "123456789")


class _TooLarge(Exception):
    message = "the document is too large or expands too many aliases to be read safely"

    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _TooDeep(_TooLarge):
    message = f"values are nested more than {MAX_DEPTH} levels deep here; no rubric or answers file needs that"


def _error_position(error: yaml.MarkedYAMLError, lines: _TextPositions | None) -> Position:
    """Where a syntax error is reported: where the YAML library gave up."""
    mark = error.problem_mark or error.context_mark
    return _position(mark, lines) if mark else Position(1, 1)


def _syntax_problems(
    source: str, error: yaml.MarkedYAMLError, text: str, lines: _TextPositions | None
) -> list[Problem]:
    """The syntax error, or the spaces YAML does not count (:func:`misread_spaces`) that caused it.

    The YAML library gives up where the text it read instead of structure stops making sense,
    lines later. Such a character is blamed only when YAML really read it where structure was
    meant: written as an ordinary space, the file must then be read further (without an error, or
    with one further on). One in a block of text (``|``) or in quotes changes nothing, so a real
    mistake elsewhere is still reported as it is. A line break that YAML alone counts
    (:data:`_ODD_BREAK`) is blamed first, in the same way.
    """
    failed_at = _error_position(error, lines)
    if lines is not None:
        odd = _odd_breaks_blamed(source, text, lines, failed_at)
        if odd:
            return odd
    nearest = [misread for misread in misread_spaces(text) if misread.at.line <= failed_at.line]
    blamed = [
        Problem(source, misread.at.line, misread.at.column, misread.message)
        for misread in nearest[-_MISREAD_TRIED:]
        if _read_further(text, misread, failed_at)
    ]
    return blamed or _missing_spaces(source, text, failed_at) or [_syntax_problem(source, error, text, lines)]


def _odd_breaks_blamed(source: str, text: str, lines: _TextPositions, failed_at: Position) -> list[Problem]:
    """The line breaks only YAML counts (:data:`_ODD_BREAK`) that caused a syntax error: those
    before it where, with a space instead, YAML reads the file further; when none does alone, all
    of them together (a comment pasted with several)."""
    nearest = [
        match.start() for match in _ODD_BREAK.finditer(text) if astuple(lines.of(match.start())) <= astuple(failed_at)
    ][-_ODD_BREAKS_REPORTED:]
    blamed = [index for index in nearest if _reads_further(f"{text[:index]} {text[index + 1 :]}", failed_at)]
    if not blamed and nearest:
        changed = list(text)
        for index in nearest:
            changed[index] = " "
        blamed = nearest if _reads_further("".join(changed), failed_at) else []
    return [_odd_break_problem(source, text, lines, index, breaks=True) for index in blamed]


def _odd_break_problem(source: str, text: str, lines: _TextPositions, index: int, *, breaks: bool) -> Problem:
    """A problem at the line break only YAML counts at ``index``: ``breaks`` when it broke the YAML."""
    named = _ODD_BREAK_NAMES[text[index]]
    if breaks:
        message = f"invalid YAML: {named}: {_ODD_BREAK_FIX.format(what='what follows it')}"
    else:
        message = f"{named} outside quotes: {_ODD_BREAK_FIX.format(what='this line')}"
    at = lines.of(index)
    return Problem(source, at.line, at.column, message)


def _odd_breaks_outside_quotes(text: str, source: str, root: yaml.Node, lines: _TextPositions) -> list[Problem]:
    """A problem at each line break only YAML counts (the first few) in a file that parsed, unless
    it is inside a quoted text, where it is part of the text and YAML reads as it looks."""
    spans = sorted(
        (node.start_mark.index, node.end_mark.index) for node in _scalar_nodes(root) if node.style in ("'", '"')
    )
    starts = [start for start, _end in spans]
    problems = []
    for match in _ODD_BREAK.finditer(text):
        index = match.start()
        inside = bisect_right(starts, index) - 1
        if inside >= 0 and index < spans[inside][1]:
            continue
        problems.append(_odd_break_problem(source, text, lines, index, breaks=False))
        if len(problems) == _ODD_BREAKS_REPORTED:
            break
    return problems


def _read_further(text: str, misread: MisreadSpace, failed_at: Position) -> bool:
    """Whether ``text`` is read further than ``failed_at`` once ``misread`` (and any such spaces
    right after it: an indentation of two no-break spaces) are ordinary spaces, as its message
    says (line and columns stay as written)."""
    spaces = _ANY_NOT_YAML_SPACE.sub(" ", text[misread.index : misread.end])
    return _reads_further(f"{text[: misread.index]}{spaces}{text[misread.end :]}", failed_at)


#: A line whose content starts ``key:value``: a plain key (no ``#``, which would start a comment
#: after a space), its colon, and no space before the value. YAML reads all of it as one text, not
#: as a key and its value, and gives up lines later, where that text stops making sense.
_NO_SPACE_AFTER_KEY = re.compile(
    rf"^(?P<indent>[ ]*(?:-[ ]+)*)(?P<key>{_PLAIN_KEY_START}[^:#\r\n]*?):(?P<value>[^\s:][^\r\n]*)(?=[\r\n]|\Z)",
    re.MULTILINE,
)
#: The value shown in the fix is cut to this many characters.
_VALUE_SHOWN = 40
#: Text that holds a colon with no space after it by its nature, never a key whose space is
#: missing: an address (``https://``, ``mailto://``) or a time of day (``12:30``, ``9:05``).
_TEXT_WITH_A_COLON = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|\d{1,2}:\d\d(?!\d)")
#: A line of a block mapping or list, as far as it tells where keys are: its indentation and
#: ``-`` markers, then a plain key followed by ``:`` and a space or the end of the line (``key``),
#: or any other content. A comment after a space is not content.
_BLOCK_LINE = re.compile(
    rf"^(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)(?:(?P<key>{_PLAIN_KEY_START}[^:#]*?|\"[^\"]*\"|'[^']*'):(?=[ ]|$))?"
)


def _key_expected(text: str, match: re.Match[str]) -> bool:
    """Whether the ``key:value`` line ``match`` is where a key can start, as its sibling or as the
    first key under one that opens a block (``answers:``, ``- id: x``), not a line in the middle
    of a text written over several lines, which YAML always reads further once it is made a key.

    Told from the nearest line above it, blank lines, comments and the lines of its previous
    sibling's value (indented more) left out."""
    start = text.rfind("\n", 0, match.start()) + 1
    own_indent = len(match.group("indent")) - len(match.group("indent").lstrip(" "))
    own_key_column = len(match.group("indent"))
    for line in reversed(_LINE_BREAK.split(text[:start])[:-1]):
        content = line.split(" #", 1)[0].rstrip()
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        above = _BLOCK_LINE.match(content)
        assert above is not None  # every part of the pattern is optional
        indent = len(above.group("indent"))
        if indent > own_indent:
            continue
        key_column = indent + len(above.group("dashes"))
        if above.group("key") is not None and key_column == own_key_column:
            return True
        if indent == own_indent and above.group("dashes") and match.group("indent").lstrip(" ").startswith("-"):
            return True
        return (indent < own_indent and content.endswith(":")) or (content.endswith("-") and key_column <= own_indent)
    return own_indent == 0


def _missing_spaces(source: str, text: str, failed_at: Position) -> list[Problem]:
    """The ``key:value`` lines (no space after the colon) that caused a syntax error, each at its
    colon with the fix. Found in the text alone, each is blamed only when, with a space after its
    colon, YAML reads the file further than where it failed (a line of a block of text or in
    quotes changes nothing), so another mistake is still reported as it is."""
    where = _TextPositions(text)
    candidates = [
        match for match in _NO_SPACE_AFTER_KEY.finditer(text) if where.of(match.start()).line <= failed_at.line
    ]
    problems = []
    for match in candidates[-_MISREAD_TRIED:]:
        colon = match.end("key")
        if _TEXT_WITH_A_COLON.match(f"{match.group('key')}:{match.group('value')}") or not _key_expected(text, match):
            continue
        if not _reads_further(f"{text[: colon + 1]} {text[colon + 1 :]}", failed_at):
            continue
        at = where.of(colon)
        key, value = match.group("key").rstrip(), match.group("value").rstrip()
        shown = value if len(value) <= _VALUE_SHOWN else f"{value[: _VALUE_SHOWN - 3]}..."
        problems.append(
            Problem(
                source,
                at.line,
                at.column,
                f"invalid YAML: no space after the ':' of '{_scalar_shown(key)}', so YAML does not read it as a "
                f"key; put a space after the colon: `{_spaces_spelled(key)}: {_spaces_spelled(shown)}`",
            )
        )
    return problems


def _reads_further(changed: str, failed_at: Position) -> bool:
    """Whether the text ``changed`` from one that failed at ``failed_at`` is read further than it
    (without an error, or with one further on)."""
    loader = _CoreSchemaLoader(changed)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return astuple(_error_position(error, _odd_lines(changed))) > astuple(failed_at)
    except (yaml.YAMLError, RecursionError):
        return False
    finally:
        loader.dispose()
    return True


def _syntax_problem(
    source: str, error: yaml.MarkedYAMLError, text: str, lines: _TextPositions | None = None
) -> Problem:
    where = _error_position(error, lines)
    mark = error.problem_mark or error.context_mark
    detail = error.problem or "invalid YAML"
    if error.context:
        detail = f"{detail} ({error.context}"
        if error.context_mark and error.context_mark is not mark:
            detail += f" on line {_position(error.context_mark, lines).line}"
        detail += ")"
    hint = ""
    rows = text.split("\n")
    line_text = rows[where.line - 1] if 0 < where.line <= len(rows) else ""
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "'\\t'" in detail:
        hint = "; YAML does not allow tabs for indentation, use spaces"
    elif "mapping values are not allowed" in detail:
        # PyYAML and libyaml word this differently; say it one way, in our words.
        detail = "a ':' where no key can start"
        hint = "; check the indentation, or put text that contains ': ' in quotes"
    elif error.problem == "found undefined alias":
        detail = _undefined_alias(line_text[where.column - 1 :], text)
    elif error.problem == "but found another document":
        detail = (
            "a second document starts here, and a rubric or an answers file is one: delete this line (and what "
            "follows it, if that is not part of the file)"
        )
    return Problem(source, where.line, where.column, f"invalid YAML: {detail}{hint}")


_ALIAS = re.compile(r"\*([^\s,\[\]{}]+)")


def _undefined_alias(at: str, text: str) -> str:
    """What is wrong with an alias (``*at-risk``) whose anchor (``&at-risk``) no earlier value
    has, and how to fix it. libyaml does not name it; the anchor most often went with the text it
    was defined on (a question taken out of an adapted rubric) while later aliases stayed."""
    found = _ALIAS.match(at)
    if found is None:
        return "an alias ('*name') with no anchor ('&name') before it"
    name = found.group(1)
    uses = len(re.findall(rf"\*{re.escape(name)}(?![^\s,\[\]{{}}])", text))
    return (
        f"'*{name}' repeats the value marked '&{name}', but no value before it in the file is marked so "
        f"({plural(uses, 'use')} of it in all); it may have been taken out with the text it marked: mark the "
        f"value it should repeat with '&{name}' where it first appears, or write the value out here"
    )


@record
class MisreadSpace:
    """A space YAML does not count as one, where a space was surely meant (:func:`misread_spaces`)."""

    #: Where the plain scalar YAML reads instead starts, in a file that parses; None where the
    #: file cannot parse as written (after a quoted key outside braces).
    start: Position | None
    #: Where the character is, its index in the text, and the end of the spaces it starts.
    at: Position
    index: int
    end: int
    #: What is wrong, and what to do.
    message: str


def misread_spaces(text: str) -> Iterator[MisreadSpace]:
    """Each space YAML does not count as one (:data:`_NOT_YAML_SPACES`) where a space was surely
    meant: in the indentation, after ``key:`` (also ``"key":`` and ``{key:``), after a list's ``-``.
    These are candidates found in the text alone: the callers check that YAML did read them as
    text where structure was meant, not as text in quotes or in a block of text."""
    if _ANY_NOT_YAML_SPACE.search(text) is None:
        return
    where = _TextPositions(text)
    for match in _space_mistake_pattern().finditer(text):
        if match.group("flow_key") is not None:
            start: Position | None = where.of(match.start("flow_key"))
        else:
            start = None if match.group("quoted") is not None else where.of(match.end("indent"))
        index = match.start("space")
        yield MisreadSpace(start, where.of(index), index, match.end("run"), _misread_space_message(match))


def _misread_space_message(match: re.Match[str]) -> str:
    import unicodedata  # only to name the character, once one is found

    space = match.group("space")
    named = f"the {unicodedata.name(space).lower()} (U+{ord(space):04X})"
    key, quoted, dash = match.group("key") or match.group("flow_key"), match.group("quoted"), match.group("dash")
    if quoted is not None:
        key = quoted[1:-1].replace("''", "'") if quoted.startswith("'") else quoted[1:-1]
    if key is not None:
        shown = _scalar_shown(key.strip(" "))
        what = f"after '{shown}:' is not a space to YAML, so '{shown}' is not read as a key"
    elif dash is not None:
        what = "after '-' is not a space to YAML, so no list item starts here"
    else:
        return f"invalid YAML: {named} in the indentation is not a space to YAML; replace it with an ordinary space"
    return f"invalid YAML: {named} {what}; replace it with an ordinary space, or put the text in quotes if it is text"


def _misread_spaces_in(text: str, source: str, root: yaml.Node, lines: _TextPositions | None) -> list[Problem]:
    """The spaces of :func:`misread_spaces` in a file that parsed: those where YAML did read a
    plain scalar instead (not inside quotes or a block of text, where they are text)."""
    found = list(misread_spaces(text))
    if not found:
        return []
    starts = _plain_scalar_starts(root, lines)
    return [
        Problem(source, misread.at.line, misread.at.column, misread.message)
        for misread in found
        if misread.start in starts
    ]


def _plain_scalar_starts(root: yaml.Node, lines: _TextPositions | None) -> set[Position]:
    """Where each plain (unquoted, not block) scalar of the node graph starts, keys included."""
    return {
        _position(node.start_mark, lines)
        for node in _scalar_nodes(root)
        if not node.style  # plain: None from PyYAML, "" from libyaml
    }


def _scalar_nodes(root: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Each scalar node of the node graph once, keys included."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        else:
            stack.extend(node.value)


class _TextPositions:
    """The line and column of an index into a text, as git, editors, GitHub and GitLab count them:
    lines end at ``\\n`` (``\\r\\n`` at its ``\\n``), columns count the characters of the line."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def of(self, index: int) -> Position:
        line = bisect_right(self._starts, index)
        return Position(line, index - self._starts[line - 1] + 1)


def forbidden_characters(text: str, source: str) -> list[Problem]:
    """A problem at each character YAML forbids (the first few), at its own line and column."""
    problems: list[Problem] = []
    positions: _TextPositions | None = None
    for match in _FORBIDDEN.finditer(text):
        if len(problems) == _FORBIDDEN_REPORTED:
            break
        positions = positions or _TextPositions(text)
        line, column = astuple(positions.of(match.start()))
        code = ord(match.group())
        what = "control character" if code < 0xA0 else "character"
        escape = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
        message = (
            f"the file contains the {what} U+{code:04X}, which YAML does not allow; remove it, "
            f'or write it as the escape {escape} inside a double-quoted string ("...")'
        )
        problems.append(Problem(source, line, column, message))
    return problems


def _odd_lines(text: str) -> _TextPositions | None:
    """The lines of ``text`` when it holds a line break that YAML counts and editors do not
    (:data:`_ODD_BREAK`), so the marks' own lines and columns are not the ones to show; else None.
    The common case is told without a look at each character in Python: ASCII text without a
    ``\\r`` (``str.isascii`` is immediate), else a search for each such character."""
    if text.isascii():
        if "\r" not in text:
            return None
    elif "\r" not in text and "\u2028" not in text and "\x85" not in text and "\u2029" not in text:
        return None
    return _TextPositions(text) if _ODD_BREAK.search(text) else None


def parse_yaml(text: str, source: str) -> tuple[YamlDocument, list[Problem]]:
    """Parse ``text`` (read from ``source``, used in messages) into a positioned document."""
    forbidden = forbidden_characters(text, source)
    if forbidden:
        return YamlDocument(source, None), forbidden
    lines = _odd_lines(text)
    if lines is not None and "\n" not in text and "\r" in text:
        at = lines.of(text.index("\r"))
        return YamlDocument(source, None), [Problem(source, at.line, at.column, _MAC_LINES)]
    if lines is not None and "\r\r\n" in text:
        at = lines.of(text.index("\r\r\n"))
        return YamlDocument(source, None), [Problem(source, at.line, at.column, _DOUBLED_CR)]
    loader = _CoreSchemaLoader(text)
    builder = _Builder(source, loader, lines)
    builder.document.text = text
    try:
        node = loader.get_single_node()
        if node is not None:
            builder.json = written_as_json(node)
            builder.document.root = node
            builder.document.data = builder.build(node)
            misread = _misread_spaces_in(text, source, node, lines)
            if misread:
                builder.problems.extend(misread)
                builder.document.complete = False
            if lines is not None:
                builder.problems.extend(_odd_breaks_outside_quotes(text, source, node, lines))
    except yaml.MarkedYAMLError as error:
        builder.document.data = None
        return builder.document, [*builder.problems, *_syntax_problems(source, error, text, lines)]
    except _TooLarge as error:
        where = _position(error.mark, lines)
        return builder.document, [Problem(source, where.line, where.column, error.message)]
    except RecursionError:
        # Only the pure-Python parser (without libyaml) recurses before our depth check.
        message = f"values are nested too deeply to be read safely (at most {MAX_DEPTH} levels)"
        return YamlDocument(source, None), [Problem(source, 1, 1, message)]
    except yaml.YAMLError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        return builder.document, [Problem(source, 1, 1, f"invalid YAML: {first_line}")]
    finally:
        loader.dispose()
    return builder.document, builder.problems


def worth_checking(document: YamlDocument) -> bool:
    """Whether the content checks should run after parsing: the YAML was read, and as written."""
    return document.data is not None and document.complete


#: Byte order marks, longest first (UTF-32's starts with UTF-16's).
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def yaml_encoding(raw: bytes) -> str:
    """The encoding YAML detects for ``raw``: YAML allows UTF-16 and UTF-32 too, told by their
    byte order mark or the zero bytes of the first character. civdata reads UTF-8 only, and says
    so by name when a file is one of the others (Windows editors save "Unicode" as UTF-16)."""
    for mark, codec in _MARKS:
        if raw.startswith(mark):
            return codec
    head = raw[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0":
        return "utf-32-be"
    if len(head) == 4 and head[1:] == b"\0\0\0":
        return "utf-32-le"
    if len(head) >= 2 and head[0] == 0 and head[1] != 0:
        return "utf-16-be"
    if len(head) >= 2 and head[0] != 0 and head[1] == 0:
        return "utf-16-le"
    return "utf-8"


def read_yaml_file(
    path: Path,
    source: str | None = None,
    *,
    role: str = "an input file",
    known: Callable[[str], Any] | None = None,
) -> tuple[YamlDocument, list[Problem]]:
    """Read and parse a YAML file; unreadable files become problems, never exceptions.

    The file is read by :func:`civdata.safe_read.read_regular_file` (regular files only, size
    limit, remembered as ``role`` so no output of this run overwrites it). ``known`` may give,
    for the SHA-256 of the bytes read, their content as parsed and checked before (a bundled
    rubric: :func:`civdata.catalog.verified_content`); those bytes are not parsed again, and the
    document has no positions, as nothing in it can be wrong.
    """
    shown = source if source is not None else display_name(path)
    try:
        raw = read_regular_file(path, role)
    except ReadRefused as refused:
        return YamlDocument(shown, None), [Problem(shown, 0, 0, refused.reason)]
    return yaml_from_bytes(raw, shown, known=known)


def yaml_from_bytes(
    raw: bytes, shown: str, *, known: Callable[[str], Any] | None = None
) -> tuple[YamlDocument, list[Problem]]:
    """The YAML document of bytes already read (see :func:`read_yaml_file`), named ``shown`` in
    problems: for a caller that looked at the bytes first, as standard input can be read once."""
    sha256 = hashlib.sha256(raw).hexdigest()
    content = known(sha256) if known is not None else None
    if content is not None:
        return YamlDocument(shown, content, sha256=sha256), []
    encoding = yaml_encoding(raw)
    if encoding != "utf-8":
        message = f"the file is {encoding[:6].upper()} text, not UTF-8; save it as UTF-8"
        return YamlDocument(shown, None), [Problem(shown, 1, 1, message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return YamlDocument(shown, None), [not_utf8(shown, error)]
    document, problems = parse_yaml(text, shown)
    document.sha256 = sha256
    return document, problems


def _scalar_shown(text: str) -> str:
    """A scalar as a message about its value quotes it: whole when short, else its start and length."""
    return _spaces_spelled(text if len(text) <= 24 else f"{text[:20]}... ({len(text)} characters)")


def _spaces_spelled(text: str) -> str:
    """``text`` with each space YAML does not count as one spelled out (``\\xa0``): shown as it
    looks, a key with a no-break space would look exactly like the key it is not."""
    return _ANY_NOT_YAML_SPACE.sub(lambda match: escaped(match.group()), text)
