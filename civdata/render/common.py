"""Pieces every renderer shares: bars, numbers, labels, and the Markdown escaping of text from files.

The escaping itself lives in :mod:`civdata.escape`, one function per medium; ``md_text`` is the
name the Markdown renderers know it by.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from civdata.escape import md_block, md_code, md_inline
from civdata.model import (
    ROLE_NOT_STATED,
    AnswerSet,
    Area,
    Direction,
    Question,
    QuestionType,
    Role,
    Rubric,
    Severity,
    Verdict,
)
from civdata.note_text import note_length, note_spelling, note_words_key
from civdata.records import record
from civdata.results import (
    HANDFUL,
    NAMED_LIMIT,
    NO_ANSWER_SCORED,
    NOTE_EXCERPT,
    Action,
    AnswerTally,
    AreaDisagreement,
    Assessment,
    Coverage,
    Divergence,
    Finding,
    FindingKind,
    MayHoldOn,
    Note,
    QuestionStatus,
    Report,
    RoleScore,
    Strength,
    scored_apart,
)
from civdata.wording import and_list, number_words, per_role, plural, respondents, respondents_per_role, verb

if TYPE_CHECKING:
    from civdata.gates import GateOutcome


@record
class ReportMeta:
    """Facts about the run that the report states: the tool version and the report date."""

    tool_version: str
    generated_on: str
    #: The CI gates checked in this run, when any were asked for.
    gates: GateOutcome | None = None
    #: The name (no folder) of the file the report is written to, which companion files are named
    #: after; None for standard output or a device, where a report gets no companion files.
    output_name: str | None = None


def bar(percent: float | None, width: int = 10) -> str:
    """A text bar for a 0-100 score: ``███████░░░``."""
    if percent is None:
        return "·" * width
    filled = round(percent / 100 * width)
    return "█" * filled + "░" * (width - filled)


#: Added (away from zero) before a number is written to two decimals, so that a half rounds up as a
#: person rounds it: 10.725 is stored as 10.72499..., which would be written 10.72 beside a JSON
#: report's 10.725. Far below any difference a score, a weight or points can make.
_HALF_UP = 1e-9


def number(value: float | None, unit: str = "") -> str:
    """A score or weight without trailing zeros, to two decimals at most: 62.5, 3, 10.73, n/a."""
    if value is None:
        return "n/a"
    if value == int(value):
        return f"{number_words(value)}{unit}"  # past 2**53, the float's shortest decimal, not its binary noise
    nudged = value + (_HALF_UP if value > 0 else -_HALF_UP)
    text = f"{nudged:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def question_weight(question: Question) -> str:
    """A question's weight as "Answers by area" shows it, or "not scored" for a question that never
    is (text, a number without bands, weight 0), as ``rubric docs`` says: a weight beside an
    answer that counts for nothing would say it counts."""
    return number(question.weight) if question.scored else "not scored"


def respondent_label(answers: AnswerSet, rubric: Rubric) -> str:
    """``Name (Role label, Organisation)``, leaving out what the answers file does not give."""
    role = rubric.role(answers.respondent.role)
    role_label = role.label if role else (answers.respondent.role or "role not stated")
    details = ", ".join(part for part in (role_label, answers.respondent.organisation) if part)
    name = answers.respondent.name
    return f"{name} ({details})" if name else details


#: Text from a file, safe for one line of Markdown (see :func:`civdata.escape.md_inline`).
md_text = md_inline

#: What markdownlint refuses at the end of a heading (MD026): a title written as a sentence.
_HEADING_END = ".,;:!。，；：！"


def md_heading(text: object) -> str:
    """Text from a file at the end of a Markdown heading: as :func:`md_text`, without the
    punctuation that ends a sentence ("No consent was recorded."), which the usual linters refuse
    at a heading's end; a text of nothing else is kept as it is."""
    value = str(text)
    return md_text(value.rstrip(_HEADING_END + " \t") or value)


__all__ = ["ReportMeta", "bar", "initiative_name", "md_block", "md_code", "md_text", "number", "respondent_label"]


def initiative_name(answers: AnswerSet) -> str:
    """The initiative's name as written, or a plain statement that the answers file gives none."""
    return answers.initiative or "initiative not named"


# --- Wording shared by every format (plain text; each renderer escapes or styles it) ----------


def score_name(rubric: Rubric) -> str:
    """``score``, or ``risk score`` for a rubric where a higher score means more risk."""
    return "risk score" if rubric.direction is Direction.RISK else "score"


def direction_note(rubric: Rubric) -> str:
    """What a high score means, said where a reader could take it the wrong way round."""
    return " (higher means more risk)" if rubric.direction is Direction.RISK else ""


def counted_questions(count: int, *, every: bool, settled: bool) -> str:
    """``required questions that apply``: what a coverage is out of, for ``count`` of them (every
    question, not only the required ones, with ``every``; with ``settled``, some of them are
    follow-ups an earlier answer settled, which coverage counts as answered: docs/scoring.md,
    section 7). The one home of these words, for one respondent's count and a group's share."""
    noun = "question" if every else "required question"
    if count == 1:
        return f"{noun} that applies" + (" or that an earlier answer settled" if settled else "")
    return f"{noun}s that apply" + (" or that an earlier answer settled" if settled else "")


def coverage_text(coverage: Coverage) -> str:
    """``48 of 55 required questions that apply (87%); 3 answered “I don't know”``; with follow-ups
    an earlier answer settled, ``... that apply or that an earlier answer settled (90.6%; 5
    settled, counted as answered)``."""
    every, settled = coverage.of_every_question, len(coverage.settled)
    wanted = counted_questions(coverage.expected, every=every, settled=bool(settled))
    said = [f"{number(coverage.percent)}%"]
    if every:
        said.append("the rubric requires none of them, so every one is counted")
    if settled:
        said.append(f"{settled} settled, counted as answered")
    text = f"{coverage.answered} of {coverage.expected} {wanted} ({'; '.join(said)})"
    if coverage.unknown:
        count = len(coverage.unknown)
        text += f"; {count} answered “I don't know”"
    return text


#: Beside a score whose coverage is too thin to rely on (:attr:`Report.thin_coverage`).
THIN_COVERAGE_WARNING = "too few answers for this score to be relied on"


def owner_text(rubric: Rubric, owner: str | None, respondent_role: str | None = None) -> str | None:
    """``Lead organisation (you)``: who should act on a finding, marked when it is the reader."""
    if owner is None:
        return None
    role = rubric.role(owner)
    label = role.label if role else owner
    return f"{label} (you)" if respondent_role and respondent_role == owner else label


def gate_summary(outcome: GateOutcome) -> str:
    """``passed`` or ``failed: reason; reason``: the CI gates in one line."""
    if outcome.passed:
        return "passed (" + "; ".join(check.reason for check in outcome.checks) + ")"
    return "failed: " + "; ".join(f"{check.gate} {check.threshold}: {check.reason}" for check in outcome.failures)


def verdict_conditions(verdict: Verdict, rubric: Rubric) -> list[str]:
    """A verdict band's conditions in words, for the method tables."""
    from civdata.describe import describe_condition

    parts = []
    if verdict.min_score is not None:
        parts.append(f"{score_name(rubric)} at least {number(verdict.min_score)}")
    if verdict.max_score is not None:
        parts.append(f"{score_name(rubric)} at most {number(verdict.max_score)}")
    if verdict.max_severity is not None:
        parts.append(f"no finding worse than {verdict.max_severity.value}")
    if verdict.min_coverage is not None:
        parts.append(f"coverage at least {number(verdict.min_coverage)}%")
    if verdict.when is not None:
        parts.append(describe_condition(verdict.when, rubric))
    return parts


def rubric_file(rubric: Rubric) -> tuple[str, str]:
    """The rubric file a report applied, as the loader named it (``bundled: NAME.yaml`` or the
    path as given), and the first 12 hex digits of its SHA-256, so a reader can tell exactly
    which rubric text produced the report."""
    return rubric.source or "not recorded", rubric.sha256[:12] if rubric.sha256 else "not recorded"


# --- Who: people and roles, named while few and counted past that -------------------------------

# Up to NAMED_LIMIT respondents (its home is civdata.results) are named one by one; more are counted
# per role, and a report on more people than that names nobody outside its list of respondents.
#: In a large group, at most this many different notes are shown under one finding or disputed
#: question, those written by the most people first; the rest are counted ("and 14 more notes").
NOTES_SHOWN = 5
#: Up to this many respondents get a column of their own in side-by-side score tables.
COLUMN_LIMIT = 8
#: ... and in the HTML report's, which must fit a printed A4 or Letter page beside a column per
#: role: past this many, that table shows the roles (each person's scores stay in its list of
#: respondents and in the JSON report).
PAGE_COLUMN_LIMIT = 3


def person_text(report: Report, person: int) -> str:
    """``Name (Role)``, or just the label when anonymized: the label is then the role already."""
    row = report.respondents[person]
    return row.label if report.anonymized else f"{row.label} ({row.role.label})"


def people_text(report: Report, people: tuple[int, ...], *, limit: int = NAMED_LIMIT) -> str:
    """Who (positions in the report), by label with their role, up to ``limit`` people; past that,
    and whoever they are in a large group, how many per role."""
    return ", ".join(people_items(report, people, limit=limit))


def people_items(
    report: Report, people: tuple[int, ...], *, limit: int = NAMED_LIMIT, of: Mapping[str, int] | None = None
) -> list[str]:
    """:func:`people_text` before it is joined: each person's label on its own, or the one count
    per role, out of each role's size or of ``of`` (by role id). HTML isolates each in its own
    ``<bdi>``: a list isolated as a whole takes the direction of its first name, and an Arabic
    name first would lay every name after it out right to left, commas and roles attached to the
    wrong person."""
    if len(people) > limit or report.large:
        counts = _role_ids(role_counts(report, people))
        return [respondents_per_role(report.rubric, counts, of=role_sizes(report) if of is None else of)]
    return [person_text(report, person) for person in people]


def named_by_count(report: Report, people: tuple[int, ...]) -> bool:
    """Whether a report says who did something by how many per role rather than by name: past
    :data:`NAMED_LIMIT` people, and always in a large group."""
    return report.large or len(people) > NAMED_LIMIT


def role_counts(report: Report, people: tuple[int, ...]) -> list[tuple[Role, int]]:
    """How many of ``people`` are in each role, roles in the rubric's order, roles with none left out."""
    chosen = set(people)
    # Counted by set intersection (positions are unique): a report on hundreds of respondents asks
    # this for every finding, answer and strength it shows.
    found = [(role.role, len(chosen.intersection(role.respondents))) for role in report.roles]
    return [(role, count) for role, count in found if count]


@record
class NoteGroup:
    """One note as a report shows it: its text on one question, and everyone who wrote it (their
    positions in the report; none for the respondent of a single report)."""

    question_id: str
    text: str
    people: tuple[int, ...]
    #: How many wrote it: ``people``, and any note whose author the report does not keep.
    count: int = 1
    #: How many characters of it are not quoted (:func:`note_excerpt`): a large group's only.
    shortened_by: int = 0


def note_excerpt(text: str, length: int | None = None) -> tuple[str, int]:
    """A note as a large group's report quotes it, and how many of its characters it leaves out:
    whole up to :data:`NOTE_EXCERPT` characters, else cut at the last space or line break in the
    last third of them (at that length, when there is none), with `` …`` to say it goes on.
    ``length``: the whole note's, when ``text`` is its first characters only (:class:`NoteCut`)."""
    length = len(text) if length is None else length
    if length <= NOTE_EXCERPT:
        return text, 0
    kept = text[:NOTE_EXCERPT]
    space = max(kept.rfind(" "), kept.rfind("\n"))
    if space > NOTE_EXCERPT * 2 // 3:
        kept = kept[:space]
    kept = kept.rstrip()
    return f"{kept} …", length - len(kept)


def note_groups(report: Report, notes: tuple[Note, ...], shown: int = 0) -> tuple[list[NoteGroup], int]:
    """The notes a report shows under a finding or a disputed question, and how many it leaves out.

    A group of up to :data:`NAMED_LIMIT` people sees every note with its authors (the same words
    on the same question once, with everyone who wrote them): notes are where a workshop's reasons
    are. In a large group the same note written by many (a meeting everybody
    mentions) is shown once with how many wrote it, as most of them wrote it (the same in Unicode
    NFC, spacing aside: :func:`civdata.initiatives.evened_text`), and only the
    :data:`NOTES_SHOWN` written by the most people (among equals, in the order the questions are
    asked, then of their text: :func:`civdata.note_text.words_key`, so that the order the files were
    given in changes nothing) are shown,
    each quoted up to about :data:`NOTE_EXCERPT` characters; otherwise one finding raised by
    hundreds would carry hundreds of notes, and the report would grow with the number of people
    and the length of what they wrote.
    Every note stays in the JSON report's ``detail`` (``--detail``), by respondent. ``shown``: how
    many a large group's report shows, when not :data:`NOTES_SHOWN` (what people wrote, by question:
    :data:`WRITTEN_SHOWN`).
    """
    if not report.large:
        # The same words on the same question are one note, with everyone who wrote it: what a
        # facilitator types once for a room that agreed is in each participant's file, and read
        # as each one's own words it would say the room wrote it several times.
        same_words: dict[tuple[str, str], list[Note]] = {}
        for note in notes:  # every note whole: only a large group's are kept cut
            same_words.setdefault((note.question_id, note.text), []).append(note)
        return [
            NoteGroup(question_id, text, tuple(p for note in same for p in _positions(note)), len(same))
            for (question_id, text), same in same_words.items()
        ], 0
    # A large group's notes are kept cut (civdata.note_text): grouped, ordered and chosen between
    # by keys that are the same, and order the same, as their whole texts would.
    grouped: dict[tuple[str, tuple[str, str]], list[Note]] = {}
    for note in notes:
        grouped.setdefault((note.question_id, note_words_key(note)), []).append(note)
    asked = report.rubric.asking_order
    ordered = [
        same
        for _, same in sorted(
            grouped.items(), key=lambda item: (-len(item[1]), asked.get(item[0][0], len(asked)), item[0][1])
        )
    ]
    groups = []
    for same in ordered[: shown or NOTES_SHOWN]:
        spellings = Counter(note_spelling(note) for note in same)
        chosen = min(spellings, key=lambda spelling: (-spellings[spelling], spelling))
        written = next(note for note in same if note_spelling(note) == chosen)
        text, shortened_by = note_excerpt(written.text, note_length(written))
        people = tuple(p for note in same for p in _positions(note))
        groups.append(NoteGroup(same[0].question_id, text, people, len(same), shortened_by))
    return groups, len(ordered) - len(groups)


def _positions(note: Note) -> tuple[int, ...]:
    return () if note.respondent is None else (note.respondent,)


def note_author_text(
    report: Report, group: NoteGroup, *, name: Callable[[str], str] = str, answer: bool = False
) -> str:
    """``Note by Dana Okafor``, or in a large group ``Note written by 40 respondents (Funder: 12 of 125; ...)``;
    with ``answer``, of a written answer to a text question: ``Written answer by Dana Okafor``.

    ``name`` gives each author's name as the format shows a name from a file (HTML isolates each
    on its own: :func:`civdata.render.html.ft_each`)."""
    if not report.multiple:
        return "Respondent's answer" if answer else "Respondent's note"
    noun = "Written answer" if answer else "Note"
    if report.large:
        who = (
            people_text(report, group.people) if len(group.people) == group.count else plural(group.count, "respondent")
        )
        return f"{noun} by {who}" if answer else f"Note written by {who}"
    if not group.people:
        return f"{noun} by a respondent"
    return f"{noun} by {and_list([name(report.respondents[person].label) for person in group.people])}"


#: How many texts a large group's report shows of each question's written answers and of its notes
#: (:attr:`Report.written`): the people's own words are what a consultation is for, so more than
#: under a finding (:data:`NOTES_SHOWN`), and still a number that does not grow with the group.
WRITTEN_SHOWN = 20

#: The title of a combined report's section of what people wrote (:attr:`Report.written`).
WRITTEN_TITLE = "What people wrote"


def written_title(report: Report) -> str | None:
    """``What people wrote (12)``: the heading of a combined report's section of what people
    wrote, with how many texts it gives (not counted when anonymized, which gives none); None
    for a report that has no such section (one person's, or a group that wrote nothing)."""
    if not report.multiple or not (report.written or report.anonymized):
        return None
    return WRITTEN_TITLE if report.anonymized else f"{WRITTEN_TITLE} ({len(report.written)})"


def written_intro(report: Report) -> str:
    """The opening sentence of a combined report's section of what people wrote."""
    if report.anonymized:
        return (
            "Written answers and notes are left out: --anonymize leaves out everyone's own words, which "
            "could tell who wrote them."
        )
    intro = (
        "Written answers to the questions that ask for them, and notes on questions that raised no finding or "
        "disagreement above, by question, each with who wrote it. These are never scored."
    )
    if report.large:
        intro += (
            f" In a group this large, the {WRITTEN_SHOWN} texts of each question written by the most people are shown, "
            "each once with how many wrote it; every text, with who wrote it, is in the JSON report made with --detail."
        )
    return intro


def written_left_out_text(count: int, *, answer: bool) -> str:
    """What a large group's "What people wrote" says under a question's texts it leaves out."""
    kind = "written answer" if answer else "note"
    return f"And {plural(count, kind)} more: in the JSON report made with --detail."


def written_by_question(report: Report) -> list[tuple[str, tuple[Note, ...], tuple[Note, ...]]]:
    """What people wrote (:attr:`Report.written`), by question in asking order: its id, its
    written answers, its notes."""
    by_question: dict[str, tuple[list[Note], list[Note]]] = {}
    for note in report.written:
        answers, notes = by_question.setdefault(note.question_id, ([], []))
        (answers if note.answer else notes).append(note)
    return [(question_id, tuple(answers), tuple(notes)) for question_id, (answers, notes) in by_question.items()]


def note_shortened_text(characters: int, *, answer: bool = False) -> str:
    """What a large group's report says under a note (or, with ``answer``, a written answer) it
    quotes only in part (:func:`note_excerpt`)."""
    what = "written answer" if answer else "note"
    return (
        f"Shortened here: {plural(characters, 'more character')}; every {what}, whole and with who wrote it, "
        "is in the JSON report made with --detail."
    )


def notes_left_out_text(count: int) -> str:
    """What a large group's report says under the notes it shows, when it leaves some out."""
    return (
        f"The notes written by the most people are shown; {plural(count, 'more note')} on the questions "
        "behind it, every note with who wrote it, are in the JSON report made with --detail."
    )


def range_share_text(share: float) -> str:
    """A spread or threshold, a 0-1 share of a question's own range of scores, as a percentage:
    ``40%``. Not points: on a question that scores from 30 to 100, the whole range is 70 points."""
    return f"{number(round(100 * share, 1))}%"


def divergence_intro(threshold: float) -> tuple[str, str]:
    """The disagreement section's opening paragraph, and its sentence when no question's answers
    are that far apart (plain text, for every format), at the rubric's ``threshold``."""
    share = range_share_text(threshold)
    return (
        f"Questions whose answers lie {share} or more of the question's range apart (its lowest to its "
        "highest possible score) between respondents who answered them, gate questions (weight 0) included, "
        "and questions some answered “not applicable” where others gave an answer that applies. Each raises an "
        "alignment finding: people who see the initiative this differently should talk before anyone acts on "
        "either answer.",
        f"No question's answers lie {share} or more of its range apart between respondents.",
    )


def divergence_scale_text(divergence: Divergence) -> str:
    """Where a disputed question's answers lie and how much its disagreement weighs (plain text):
    ``Spread 100% of the question's range (30 to 100), question weight 2``; or, where only options
    ticked set people apart, the spread between ticking and not; where answers of "not applicable"
    set them apart most, the spread between that and an answer that applies; a gate question's
    weight of 0 is said with the weight its severity is measured with."""
    from civdata.combine import GATE_WEIGHT

    question = divergence.question
    low, high = question.score_range
    weight = f"question weight {number(question.weight)}"
    if question.gate:
        weight += f": a gate question, counted as weight {number(GATE_WEIGHT)} for severity"
    if divergence.spread_of_options:
        return (
            f"Spread {range_share_text(divergence.spread)} between ticking an option the rubric's conditions test "
            f"and not ticking it, {weight}"
        )
    if divergence.spread_of_applicability:
        return (
            f"Spread {range_share_text(divergence.spread)} between answering “not applicable” and giving an answer "
            f"that applies: respondents disagree on whether the question applies, {weight}"
        )
    also = (
        "; some answered “not applicable” where others gave an answer that applies" if divergence.applies_apart else ""
    )
    return (
        f"Spread {range_share_text(divergence.spread)} of the question's range "
        f"({number(100 * low)} to {number(100 * high)}){also}, {weight}"
    )


#: What a disputed multiple-choice gate question's options ticked by some and not others are said after.
OPTIONS_APART = "Ticked by some respondents and not by others:"


def role_breakdown(report: Report, people: tuple[int, ...]) -> str:
    """``Funder: 2 of 3; Partner organisation: 40 of 97``: how many of each role's respondents."""
    return per_role(report.rubric, _role_ids(role_counts(report, people)), of=role_sizes(report))


def role_sizes(report: Report) -> dict[str, int]:
    """How many respondents each role of the report has, by role id: what a count of some of
    them is "of" (:func:`civdata.wording.per_role`)."""
    return {role.role.id: len(role.respondents) for role in report.roles}


def _role_ids(counts: Iterable[tuple[Role, int]]) -> list[tuple[str, int]]:
    return [(role.id, count) for role, count in counts]


def tally_score(tally: AnswerTally) -> str:
    """An answer's score in a disputed question's table of answers (0-100), or "not applicable"
    for an answer that says the question does not apply, which has no score."""
    return "not applicable" if tally.score is None else number(100 * tally.score)


def tally_by_role(report: Report, tally: AnswerTally, shown: Callable[[str], str] = str) -> str:
    """``Funder: 1; Partner organisation: 2``: how many gave an answer (or ticked an option) in each
    role. Not "of" the role's size: the rows of a tally table add up to it."""
    return per_role(report.rubric, _role_ids(tally.by_role), shown=shown)


def areas_apart(report: Report) -> list[AreaDisagreement]:
    """The areas where the roles' scores differ, largest spread first: the rows of "Areas where
    roles disagree most". An area where every role scores the same is not one of them: a row
    naming one role as both highest and lowest would tell a reader nothing (see
    :func:`areas_agreed`)."""
    return [item for item in report.area_disagreements if item.spread > 0]


def areas_agreed(report: Report) -> list[AreaDisagreement]:
    """The areas where every role scored the same (to the report's tenth of a point), in rubric order."""
    return [item for item in report.area_disagreements if item.spread <= 0]


def areas_agreed_text(report: Report, shown: Callable[[str], str] = str) -> str:
    """The sentence after "Areas where roles disagree most" naming the areas where no two roles
    score apart, or "" when there are none; ``shown`` renders a title or label for the format.

    It names the two roles compared, their score on the questions both answered and how many of
    the area's scored questions those are: "Every role scored the same in Protection (100)" said
    of a community whose area score was 33.3, when the two roles were compared on one question of
    two, the other answered "not applicable" by one of them (the review "verdicts2")."""
    from civdata.combine import compared_in_area

    said = []
    for item in areas_agreed(report):
        (first, score), (second, _) = item.highest, item.lowest  # in the rubric's order, at spread 0
        scored = len(compared_in_area(item.area))
        of = f"its {scored}" if item.questions == scored else f"{item.questions} of its {scored}"
        questions = f"{of} scored question{'' if scored == 1 else 's'}"
        roles = f"{shown(first.label)} and {shown(second.label)}"
        said.append(f"{shown(item.area.title)} ({roles}: {number(score)} on {questions})")
    if not said:
        return ""
    return f"Roles scored the same on the questions both answered in {and_list(said)}."


def tally_who(report: Report, tally: AnswerTally) -> str:
    """Who gave an answer: by name while they are few, else how many in each role (as
    :func:`tally_by_role` counts them)."""
    return ", ".join(tally_who_items(report, tally))


def tally_who_items(report: Report, tally: AnswerTally) -> list[str]:
    """:func:`tally_who` before it is joined (see :func:`people_items`)."""
    if tally.people and len(tally.people) == tally.count:
        return people_items(report, tally.people)
    return [respondents_per_role(report.rubric, _role_ids(tally.by_role))]


def raised_by_count(report: Report, finding: Finding) -> str:
    """``2 of 5 respondents``: how widely a finding is shared."""
    return people_count(report, finding.source.respondents)


def people_count(report: Report, people: tuple[int, ...]) -> str:
    """``2 of 5 respondents``: how many of the report's respondents ``people`` are."""
    return f"{len(people)} of {plural(len(report.respondents), 'respondent')}"


def thin_coverage_note(report: Report) -> str:
    """`` (too few answers ...)`` after a score that rests on too few answers, else nothing."""
    return f" ({THIN_COVERAGE_WARNING})" if report.thin_coverage else ""


def spread_count(finding: Finding) -> str:
    """``the spread of 4 answers``: what raised a disagreement, counted by the answers compared
    (:attr:`civdata.results.FindingSource.count`; a large group names nobody in ``respondents``),
    not as people who raised it: nobody raised it, their answers differ."""
    source = finding.source
    return f"the spread of {plural(source.count or len(source.respondents), 'answer')}"


def raised_by_words(report: Report, finding: Finding) -> str | None:
    """What follows "raised by" for a finding of a combined report: ``2 of 5 respondents``
    (:func:`raised_by_count`), or for a disagreement ``the spread of 4 answers``
    (:func:`spread_count`), whatever the group's size. None in a report on one person, whose
    answers raised all of it ("1 of 1" tells nothing: the Markdown says which answer), and for
    a missing voice, which nobody raised. CI messages count with it as the reports' source line
    (:func:`finding_source_text`) does."""
    source = finding.source
    if not report.multiple or source.kind is FindingKind.ROLE:
        return None
    if source.kind is FindingKind.DIVERGENCE:
        return spread_count(finding)
    return raised_by_count(report, finding)


#: Why a rule's finding is raised although a question it reads was left blank (docs/scoring.md 3).
BLANK_REASON = "a blank could be any answer, so the rule may hold"


def left_blank_clause(questions: list[str], raised_by: int) -> str:
    """``, with Threat model (`threat-model`) left blank: a blank could be any answer, …``: what
    follows the rule in "Raised by …" when it possibly holds on questions left blank, given them
    as the format shows a question; "" when there are none. When several people raised it, some
    of them may have answered: the blank is one of theirs, not everyone's."""
    if not questions:
        return ""
    return f", with {and_list(questions)} left blank{left_blank_by(raised_by)}: {BLANK_REASON}"


def left_blank_by(raised_by: int) -> str:
    """`` by at least one of them`` after "left blank" for a finding several people raised: some
    of them may have answered, so the blank is one of theirs, not everyone's; "" for one."""
    return " by at least one of them" if raised_by > 1 else ""


#: Beside an action all of whose findings only may hold (:attr:`civdata.results.Action.possibly`):
#: ``May hold: it rests on {what}, which could be any answer; find out first.``, ``what`` by
#: :attr:`civdata.results.Action.may_hold_on`.
MAY_HOLD = "May hold: it rests on {what}, which could be any answer; find out first."
#: Beside such an action that other respondents' answers rule out (:attr:`civdata.results.Action.ruled_out`).
MAY_HOLD_RULED_OUT = (
    "May hold: it rests on {what}, which could be any answer, "
    "and other respondents' answers rule it out; find out who is right first."
)
#: What such an action rests on, in words.
MAY_HOLD_ON = {
    MayHoldOn.UNKNOWN: "answers of “I don't know”",
    MayHoldOn.BLANK: "questions left blank",
    MayHoldOn.EITHER: "answers of “I don't know”, or left blank",
}
#: After the text of such an action in the action plan's table.
PLAN_MAY_HOLD = "(may hold)"
PLAN_RULED_OUT = "(may hold; others' answers rule it out)"


def may_hold_words(action: Action) -> str:
    """What an action's line says beside it when it only may hold (:data:`MAY_HOLD`, or
    :data:`MAY_HOLD_RULED_OUT`); "" for one that answers show."""
    if not action.possibly:
        return ""
    what = MAY_HOLD_ON[action.may_hold_on or MayHoldOn.EITHER]
    return (MAY_HOLD_RULED_OUT if action.ruled_out else MAY_HOLD).format(what=what)


def plan_mark_words(action: Action) -> str:
    """What the action plan's table says after such an action's text; "" for one answers show."""
    if not action.possibly:
        return ""
    return PLAN_RULED_OUT if action.ruled_out else PLAN_MAY_HOLD


def plan_order_words(report: Report) -> str:
    """The action plan's first sentences: how its rows are made and ordered (docs/scoring.md 8).
    The place of what others' answers rule out is said only in a report that has such an action."""
    last = (
        ", and that before what only may hold while others' answers rule it out (marked so)"
        if any(action.ruled_out for action in report.actions)
        else ""
    )
    return (
        "One row per action: findings that call for the same thing are merged. Most severe first; within a "
        "severity, what answers show before what only may hold (marked: it rests on answers of “I don't know”, or "
        f"left blank){last}, then the most urgent."
    )


#: After "Raised by … (rule `x`)" for a rule that only possibly holds on "I don't know" answers
#: (one that rests on blanks says which: :func:`left_blank_clause`).
MAY_HOLD_CLAUSE = ", on answers of “I don't know”, which could be any answer: the rule may hold"


def rule_basis_clause(finding: Finding, questions: list[str], raised_by: int) -> str:
    """What follows "Raised by … (rule `x`)" when a rule's finding only possibly holds: the
    questions left blank it rests on (:func:`left_blank_clause`, ``questions`` as the format shows
    them), else :data:`MAY_HOLD_CLAUSE` when it rests on "I don't know" answers; "" when it holds."""
    if questions:
        return left_blank_clause(questions, raised_by)
    return MAY_HOLD_CLAUSE if finding.source.possibly and finding.source.kind is FindingKind.RULE else ""


def blank_answer_reason(answer: str) -> str:
    """Why a question's own finding is raised although it was left blank (docs/scoring.md 2):
    ``answer`` is the answer whose finding it is (:attr:`civdata.model.Question.blank_reading`),
    as the format shows text."""
    return f"a blank could be any answer, and “{answer}” raises this"


def blank_reading_words(rubric: Rubric, finding: Finding) -> str | None:
    """The words of the answer a question left blank is read as, for an answer's finding that
    someone raised by leaving its question blank; None for any other finding."""
    source = finding.source
    if source.kind is not FindingKind.ANSWER or not source.blank or source.question_id is None:
        return None
    reading = rubric.question(source.question_id).blank_reading if rubric.has_question(source.question_id) else None
    return reading.answer if reading is not None else ""


def single_answer_source(question: str, answer: str | None, read_as: str | None) -> str:
    """``Raised by the answer “No” to Q.``, or, for a question left blank (``read_as``: the answer
    it is read as, see :func:`blank_reading_words`), ``Raised by Q left blank: …``. ``question``,
    ``answer`` and ``read_as`` as the format shows them."""
    if read_as is not None:
        return f"Raised by {question} left blank: {blank_answer_reason(read_as)}."
    return f"Raised by the answer “{answer}” to {question}."


def combined_answer_clause(question: str, answers: str | None, read_as: str | None) -> str:
    """What follows "Raised by 3 of 5 respondents: …" for an answer's finding: the answers given
    (``answers``, joined), and whether some of them left the question blank instead (``read_as``
    as for :func:`single_answer_source`)."""
    if answers is None:
        return f"leaving {question} blank: {blank_answer_reason(read_as or '')}"
    blank = ", or leaving it blank" if read_as is not None else ""
    return f"answering “{answers}” to {question}{blank}"


@record
class SourceMarkup:
    """How one format writes the parts of a finding's source line (:func:`finding_source_text`):
    text from a file, an id as code, a question by title and id, and a list of people (positions
    in the report) as :func:`people_text` words them. Markdown and HTML each give one, so the line
    is worded here once and escaped there."""

    text: Callable[[str | None], str]
    code: Callable[[str], str]
    question: Callable[[Question], str]
    people: Callable[[Report, tuple[int, ...]], str]


def finding_source_text(report: Report, finding: Finding, markup: SourceMarkup) -> str:
    """What raised a finding, in words: ``Raised by the answer “No” to *Q* (`q`).`` in a report on
    one person; who raised it and how (an answer, a rule, questions left blank, a disagreement, a
    missing voice), and whose answers rule it out, in a combined one."""
    source = finding.source
    rubric = report.rubric
    if not report.multiple:
        if source.kind is FindingKind.ANSWER and source.question_id:
            question = markup.question(rubric.question(source.question_id))
            return single_answer_source(question, markup.text(source.answer), _read_as(rubric, finding, markup))
        if source.kind is FindingKind.RULE and source.rule_id:
            return f"Raised by {_rule_words(rubric, source.rule_id, markup)}{_rule_basis(rubric, finding, 1, markup)}."
        return f"Raised by {markup.text(source.kind.value)}."
    if source.kind is FindingKind.DIVERGENCE and source.question_id:
        return (
            f"Raised by {spread_count(finding)} to {markup.code(source.question_id)}; "
            "who answered what is under “Where respondents disagree”."
        )
    if source.kind is FindingKind.ROLE:
        return "Raised because no respondent answered in a role the rubric expects."
    raised = f"Raised by {raised_by_count(report, finding)}{_who(report, source.respondents, markup)}"
    if source.kind is FindingKind.ANSWER and source.question_id:
        question = markup.question(rubric.question(source.question_id))
        answers = markup.text(source.answer) if source.answer else None
        return f"{raised}, {combined_answer_clause(question, answers, _read_as(rubric, finding, markup))}."
    if source.kind is FindingKind.RULE and source.rule_id:
        rule = _rule_words(rubric, source.rule_id, markup)
        blank = _rule_basis(rubric, finding, len(source.respondents), markup)
        return f"{raised}, by {rule}{blank}.{_ruled_out(report, finding, markup)}"
    return f"{raised}."


def _who(report: Report, people: tuple[int, ...], markup: SourceMarkup) -> str:
    """``: A (Lead), B (Funder)`` after "Raised by 2 of 3 respondents", or `` (Funder: 2 of 3)``
    when people are counted, not named (:func:`named_by_count`)."""
    if named_by_count(report, people):
        return f" ({markup.text(role_breakdown(report, people))})"
    return f": {markup.people(report, people)}"


def _ruled_out(report: Report, finding: Finding, markup: SourceMarkup) -> str:
    """`` The answers of 2 of 3 respondents rule it out: A (Lead), B (Funder).``: what follows a
    rule's source line in a combined report when someone's answers rule it out
    (:attr:`civdata.results.FindingSource.ruled_out`); "" when nobody's do. Said whether or not
    the finding only may hold: people who are sure on both sides disagree about a fact."""
    people = finding.source.ruled_out
    if not people:
        return ""
    return f" The answers of {people_count(report, people)} rule it out{_who(report, people, markup)}."


def _read_as(rubric: Rubric, finding: Finding, markup: SourceMarkup) -> str | None:
    """The answer a question left blank is read as, as the format shows text (:func:`blank_reading_words`)."""
    words = blank_reading_words(rubric, finding)
    return markup.text(words) if words is not None else None


def _rule_basis(rubric: Rubric, finding: Finding, raised_by: int, markup: SourceMarkup) -> str:
    """What a rule's finding that only possibly holds rests on (:func:`rule_basis_clause`)."""
    questions = [markup.question(rubric.question(question_id)) for question_id in finding.source.blank]
    return rule_basis_clause(finding, questions, raised_by)


def _rule_words(rubric: Rubric, rule_id: str, markup: SourceMarkup) -> str:
    """``a combination of answers (rule `x`)``, or ``the scores (rule `x`)`` for a rule on scores."""
    rule = next(rule for rule in rubric.rules if rule.id == rule_id)
    kind = "a combination of answers" if rule.questions else "the scores"
    return f"{kind} (rule {markup.code(rule_id)})"


def _raised_with_blanks(report: Report) -> list[Finding]:
    """A report's findings that rest on questions left blank: a rule's, or a question's own."""
    return [finding for finding in report.findings if finding.source.blank]


def blank_findings_text(report: Report) -> str | None:
    """``2 findings raised by questions left blank: …``, for a report that shows no finding's
    source (the terminal's), on one line of its first screen: which questions, each finding says in
    the other formats. None when no finding rests on a blank."""
    found = _raised_with_blanks(report)
    if not found:
        return None
    count = plural(len(found), "finding")
    if all(finding.source.kind is FindingKind.RULE for finding in found):
        rules = verb(len(found), "its rule", "their rules")
        return f"{count} raised by questions left blank: a blank could be any answer, so {rules} may hold"
    return f"{count} raised by questions left blank: a blank is read as the riskiest answer it could be"


def blank_count_text(report: Report) -> str:
    """``; 3 raised with questions left blank``, after the count of findings by severity; "" when
    no finding rests on a blank."""
    count = len(_raised_with_blanks(report))
    return f"; {count} raised with questions left blank" if count else ""


def group_count_text(report: Report) -> str:
    """``; 62 from disagreement between respondents, 1 from missing voices``: of a combined
    report's findings, how many only a group raises, after their count by severity; "" in a
    report on one respondent, which can raise neither."""
    if not report.multiple:
        return ""
    disagreements = sum(1 for finding in report.findings if finding.source.kind is FindingKind.DIVERGENCE)
    return f"; {disagreements} from disagreement between respondents, {len(report.missing_roles)} from missing voices"


def findings_count_text(report: Report) -> str:
    """``2 critical, 11 high; 62 from disagreement between respondents, 1 from missing voices``:
    the verdict's "Findings:" line, one wording for the terminal's box and the Markdown and HTML
    verdicts (the terminal's box once said nothing of a missing voice the others counted)."""
    return severity_counts(report.findings) + blank_count_text(report) + group_count_text(report)


def beside_verdict(report: Report, label: Callable[[str], str]) -> list[str]:
    """What every report says beside its verdict when it applies, one sentence each: what held
    it back, the one voice it rests on, the voices missing from a group. ``label`` escapes (or
    isolates) what comes from files or the rubric for the format; the Markdown report, the HTML
    page and the CI summary list them alike."""
    said = [
        ("Held back", held_back_text(report, label)),
        ("Held back", answers_held_back_text(report, label)),
        ("Left open", left_open_text(report, label)),
        one_voice_text(report, label) or ("One voice", None),
        ("Missing voices", missing_voices_text(report, label)),
        ("Answered nothing", silent_text(report, label)),
        ("Same person in several files", same_person_text(report, label)),
    ]
    return [f"{lead}: {text}." for lead, text in said if text is not None]


def same_person_text(report: Report, label: Callable[[str], str]) -> str | None:
    """What a report says beside its verdict of answers files that name the same respondent (role,
    name and organisation; :attr:`Report.same_person`): each person's labels and files, and why
    it matters; None when there are none. ``label`` escapes what comes from the files."""
    if not report.same_person:
        return None
    people = []
    for group in report.same_person[:10]:
        rows = [report.respondents[position] for position in group]
        files = [row.source for row in rows if row.source]
        where = f" (in {and_list([label(source) for source in files])})" if len(files) == len(rows) else ""
        people.append(f"{and_list([label(row.label) for row in rows])}{where}")
    count = len(report.same_person)
    more = f" and {count - 10} more" if count > 10 else ""
    each = "are one respondent" if count == 1 else "are, each, one respondent"
    return (
        f"{'; '.join(people)}{more} {each} by role, name and organisation. All are counted, so if one is an "
        "earlier assessment, that person's answers weigh more than once: move it out of what is reported on (and "
        "compare with it: --baseline)"
    )


def silent_text(report: Report, label: Callable[[str], str]) -> str | None:
    """What a report says beside its verdict of those who answered no question while others did
    (:attr:`Report.silent`): who they are (the first ten), and that nothing of theirs is counted;
    None when there are none. ``label`` escapes each label and role (from files and the rubric)."""
    if not report.silent:
        return None
    count = len(report.silent)
    if report.large or count > NAMED_LIMIT:
        # A large group names nobody outside its list of respondents: how many, per role.
        counts = Counter(row.role.id for row in report.silent)
        by_role = f"{plural(count, 'respondent')} ({per_role(report.rubric, list(counts.items()), shown=label)})"
        return (
            f"{by_role} {verb(count, 'answers', 'answer')} no question. A blank form is no view: "
            f"{verb(count, 'it is', 'they are')} counted in no score, finding, coverage, role or count of respondents "
            "here (who they are is in the JSON report)"
        )
    named = [
        label(row.label) if row.label.startswith(row.role.label) else f"{label(row.label)} ({label(row.role.label)})"
        for row in report.silent[:10]
    ]
    return (
        f"{plural(count, 'respondent')} {verb(count, 'answers', 'answer')} no question: "
        f"{and_list(named, more=count - len(named))}. A blank form is no view: "
        f"{verb(count, 'it is', 'they are')} counted in no score, finding, coverage, role or count of respondents here"
    )


def missing_voices_text(report: Report, label: Callable[[str], str]) -> str | None:
    """What a combined report says beside its verdict when nobody answered as a role the rubric
    expects (:attr:`Report.missing_roles`), naming each as :func:`one_voice_text` names the roles
    a single report did not hear; None otherwise. ``label`` escapes each role's label (from the
    rubric) for its medium; the rest is civdata's own words."""
    if not report.missing_roles:
        return None
    missing = and_list([f"{label(role.label)} ({role.missing_severity.value})" for role in report.missing_roles])
    return f"nobody answered as {missing}, whose view no score here weighs; the others cannot stand in for it"


def role_count_text(report: Report) -> str:
    """``5 respondents in 3 roles``: whom a combined report is on (:func:`civdata.wording.respondents`);
    respondents who gave no role are counted apart, not as a role."""
    unstated = sum(len(role.respondents) for role in report.roles if role.role.id == ROLE_NOT_STATED.id)
    stated = sum(1 for role in report.roles if role.role.id != ROLE_NOT_STATED.id)
    return respondents(len(report.respondents), roles=stated, unstated=unstated)


def lone_roles_text(report: Report, label: Callable[[str], str] = str) -> str:
    """``Funder has one respondent, identifiable ...``: what hiding names does not hide in an
    anonymized report (:attr:`Report.lone_roles`); empty when every role has several respondents,
    or names are shown. ``label`` escapes each role's label (from the rubric) for its medium."""
    lone = [label(role.label) for role in report.lone_roles]
    if not lone:
        return ""
    has = "has one respondent" if len(lone) == 1 else "have one respondent each"
    that = "that role" if len(lone) == 1 else "those roles"
    return f"{and_list(lone)} {has}, identifiable with all their answers by anyone who knows who answered in {that}"


def names_row_text(report: Report, label: Callable[[str], str] = str, code: Callable[[str], str] = str) -> str:
    """The Names row of an anonymized combined report's header: exactly what ``--anonymize``
    hides and what it shows, and the roles whose respondent it cannot hide (:func:`lone_roles_text`).
    ``label`` escapes a role's label for the medium, ``code`` sets the option's name as code."""
    hidden = (
        "hidden: respondents are shown by role, with the options they chose, and without their names, "
        f"organisations, answers files, notes or written answers ({code('--anonymize')})"
    )
    lone = lone_roles_text(report, label)
    return f"{hidden}; but {lone}" if lone else hidden


def severity_floors_text() -> str:
    """``high from 150, medium from 75, low below that``: the alignment severity table in words, for
    a spread as a percentage of the question's range times the question's weight."""
    from civdata.combine import DIVERGENCE_SEVERITY

    parts = [f"{severity.value} from {number(100 * floor)}" for floor, severity in DIVERGENCE_SEVERITY[:-1]]
    parts.append(f"{DIVERGENCE_SEVERITY[-1][1].value} below that")
    return ", ".join(parts)


def method_description(report: Report) -> str:
    """``role-weighted mean (the mean of ...)``: how the combined score was made, in words."""
    from civdata.combine import COMBINE_METHODS

    name, description = COMBINE_METHODS[report.method]
    return f"{name} ({description})"


def role_weights_text(report: Report, label: Callable[[str], str]) -> str | None:
    """``role weights: Funder 1, Lead organisation 1, Community / data-subject representative
    1.5``, for the roles that answered, in the report's order: what a reader needs to recompute a
    role-weighted combined score from the scores by role; a role that answered with weight 0 is
    said to be left out of every combined score (it counts nowhere else). None for the other
    methods, where each respondent counts once. ``label`` escapes each role's label (from the
    rubric) for its medium."""
    if report.method != "role_weighted_mean" or not report.roles:
        return None
    parts: list[str] = []
    # The roles someone answered in: when nobody answered anything, the blank ones are the report
    # (Combiner.add), and their roles weigh nothing there is.
    heard = [item.role for item in report.roles if any(not report.respondents[p].silent for p in item.respondents)]
    weighed = [role for role in heard if role.weight > 0]
    unweighed = [role for role in heard if role.weight <= 0]
    if weighed:
        weights = ", ".join(f"{label(role.label)} {number(role.weight)}" for role in weighed)
        parts.append(f"role {verb(len(weighed), 'weight', 'weights')}: {weights}")
    if unweighed:
        names = and_list([label(role.label) for role in unweighed])
        parts.append(
            f"{names} {verb(len(unweighed), 'weighs', 'weigh')} 0 in the rubric, so no combined score counts "
            f"{verb(len(unweighed), 'its', 'their')} answers"
        )
    return "; ".join(parts) or None


def coverage_counted(report: Report, *, settled: bool = True) -> str:
    """What a report's coverage counts: the required questions that apply (and, with ``settled``,
    those an earlier answer settled, when there are any), or, when the rubric requires none, every
    question that applies."""
    every = not any(question.required for question in report.rubric.questions)
    counted = f"the {counted_questions(2, every=every, settled=settled and report.settled > 0)}"
    return f"{counted} (the rubric requires none of them)" if every else counted


#: The same in full, for the report's method and the JSON report's ``method.coverage``.
GROUP_COVERAGE_METHOD = (
    "mean over the required questions that apply of the share of the respondents asked each who answered it "
    "(a follow-up an earlier answer settled counting as answered), so a question only some are asked, left "
    "blank, counts fully as unknown"
)


def report_coverage_text(report: Report) -> str:
    """The coverage a report's score rests on, in words, for one respondent or many."""
    if report.single is not None:
        return coverage_text(report.single.coverage)
    # Short, as it stands on the first screen of a large group's report, above what to do first: the
    # method says in full how it is counted, settled follow-ups included, and the JSON report how
    # many were settled (docs/multi-respondent.md, step 5). The header says how many respondents.
    text = f"{number(report.coverage)}% of {coverage_counted(report, settled=False)}, each over those asked it"
    if report.unknown_answers:
        text += f"; {plural(report.unknown_answers, 'answer')} “I don't know”"
    return text


def first_actions(report: Report, limit: int = 5) -> list[Action]:
    """The few actions to take first: the top of the action plan (:attr:`Report.actions`), above info."""
    return [action for action in report.actions if action.severity is not Severity.INFO][:limit]


#: What the action plan says when no finding calls for action.
NO_ACTION = "No finding calls for action."


def nothing_first_text(report: Report) -> str:
    """What "What to do first" says when it lists nothing (:func:`first_actions` is empty): that no
    finding calls for action, or that the plan holds only actions for information."""
    if not report.actions:
        return NO_ACTION
    count = len(report.actions)
    return (
        f"Nothing above info: the {plural(count, 'action')} of the action plan {verb(count, 'is', 'are')} for "
        "information."
    )


def action_lead(report: Report, action: Action) -> Finding | None:
    """The finding an action is worded from (its most severe), as the report lists it."""
    return next((finding for finding in report.findings if finding.id == action.findings[0]), None)


def act_by_text(action: Action) -> str | None:
    """``this week``: how soon the rubric says to act, in words, when it says."""
    return action.act_by.label if action.act_by is not None else None


# --- Pictures: what the area chart shows, and the files written beside a report -----------------


def chart_scale(rubric: Rubric) -> str:
    """The line under a picture's title, which its description starts with: what the numbers are
    (``Risk score, 0-100 (higher means more risk)``)."""
    return f"{score_name(rubric).capitalize()}, 0-100{direction_note(rubric)}"


def chart_alt(rubric: Rubric, alt: str) -> str:
    """A picture's alt text (``alt`` names it): a Markdown viewer shows the picture as an image, whose
    description nobody reads out, so the alt text says which way a risk score reads."""
    return f"{alt}{direction_note(rubric)}"


def area_direction_words(area: Area, rubric: Rubric) -> str | None:
    """``higher is better; not in the overall score``: how an area reads when it scores the other
    way from the rubric (a readiness area of weight 0 in a risk rubric), said beside its score in
    every report and in the rubric's documentation, so that "Safeguards 0" under a risk score is
    not read as no risk; None when it reads as the rubric does."""
    if area.direction is rubric.direction:
        return None
    reading = "higher is better" if area.direction is Direction.READINESS else "higher is riskier"
    return f"{reading}; not in the overall score"


def area_reading(report: Report, index: int) -> str | None:
    """How an area of ``report`` reads when it reads the other way from the rubric's overall
    score (:func:`area_direction_words`), else None."""
    return area_direction_words(report.areas[index].area, report.rubric)


def area_title_text(report: Report, index: int) -> str:
    """An area's title, with how it reads when that differs from the rubric (plain text)."""
    reading = area_reading(report, index)
    title = report.areas[index].area.title
    return f"{title} ({reading})" if reading else title


def md_area_title(report: Report, index: int) -> str:
    """An area's title in a Markdown table (the report's and the job summary's), escaped, with
    how it reads when that differs from the rubric (:func:`area_reading`)."""
    reading = area_reading(report, index)
    title = md_text(report.areas[index].area.title)
    return f"{title} ({reading})" if reading else title


AREA_CHART_ALT = "Bar chart of the scores by area"


def area_chart_svg(report: Report, *, id_prefix: str = "areas") -> str | None:
    """The picture of the scores by area: each role's and the combined score (or the one
    respondent's), overall last; None for a checklist rubric, which has no scores to draw."""
    if not report.rubric.scored:
        return None
    from civdata.charts import Series, area_chart

    areas = [area_title_text(report, index) for index in range(len(report.areas))] + ["Overall"]
    scale = chart_scale(report.rubric)
    if not report.multiple:
        series = [Series("Score", (*(item.percent for item in report.areas), report.overall))]
        title = "Scores by area"
    else:
        series = [
            Series(
                f"{role.role.label} ({len(role.respondents)})",
                (*(role.areas[item.area.id] for item in report.areas), role.overall),
            )
            for role in report.roles
        ]
        combined = (*(item.percent for item in report.areas), report.overall)
        missing = weightless_words(report) or Series.missing
        series.append(Series("Combined", combined, combined=True, missing=missing))
        title = "Scores by area, by role and combined"
    return area_chart(areas, series, title=title, scale=scale, overall_last=True, id_prefix=id_prefix)


#: The longest file name (in UTF-8 bytes) common file systems take.
NAME_LIMIT = 255


def companion_name(meta: ReportMeta, kind: str) -> str | None:
    """``report.areas.svg`` for a report written to ``report.md``: the name of a file written
    beside the report, or None when the report has no file to stand beside (standard output).
    A report name near the file system's limit has its stem shortened so the companion fits."""
    if meta.output_name is None:
        return None
    stem = meta.output_name.rsplit(".", 1)[0] if "." in meta.output_name.lstrip(".") else meta.output_name
    room = NAME_LIMIT - len(f".{kind}".encode())
    while len(stem.encode("utf-8", "surrogateescape")) > room:
        stem = stem[:-1]
    return f"{stem}.{kind}"


# --- What the sections show, whatever the format ---------------------------------------------------


def severity_counts(findings: tuple[Finding, ...]) -> str:
    """``2 critical, 3 high``: how many findings of each severity, most severe first."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
    if not counts:
        return "no findings"
    return ", ".join(f"{count} {severity}" for severity, count in counts.items())


def respondent_columns(report: Report, limit: int = COLUMN_LIMIT) -> list[int]:
    """The respondents who get a column of their own in the combined scores table: those in a role
    answered by several, while they are at most ``limit``; else none. One alone in a role
    would repeat the role's column number for number: a workshop of five partners in five roles
    made a table of thirteen columns that a board could not read."""
    alone = {role.role.id for role in report.roles if len(role.respondents) == 1}
    shared = [position for position, row in enumerate(report.respondents) if row.role.id not in alone]
    return shared if len(shared) <= limit else []


#: What the spread of scores within each role (:func:`spread_text`) shows.
SPREAD_NOTE = (
    "For roles of more than a few respondents: the median score in each area, and in brackets the middle half "
    "of the role's scores (lower to upper quartile); where not everyone in the role has a score in an area, how "
    f"many do, and where {HANDFUL} or fewer do, only that."
)


def spread_text(role: RoleScore, area_id: str) -> str:
    """``61.3 (50-70.2)``: a role's median score in an area and the middle half of its scores;
    ``61.3 (50-70.2), 6 of 7`` when fewer than the role's members have a score there; and only
    ``1 of 7 scored`` when :data:`HANDFUL` or fewer do: a median and quartiles of one member's
    score read as seven people in tight agreement (an outside review)."""
    spread, of = role.distributions.get(area_id), len(role.respondents)
    if spread is None:
        return "–"
    if spread.count <= HANDFUL:
        return f"{spread.count} of {of} scored"
    middle = f"{number(spread.median)} ({number(spread.lower_quartile)}-{number(spread.upper_quartile)})"
    return middle if spread.count >= of else f"{middle}, {spread.count} of {of}"


def unscored_words(report: Report) -> str | None:
    """``none, because ...``: the overall score of a scored report that has none, as every format
    words it (its direction and any thin-coverage warning are said only beside a score); None when
    the report has a score or the rubric scores nothing."""
    reason = report.unscored_reason
    return f"none, because {reason}" if reason else None


def weightless_words(report: Report) -> str | None:
    """``not counted: every role that answered weighs 0``, what a combined score of "–" means when
    the answers were scored but no role that answered counts (:attr:`Report.unscored_reason`); None
    otherwise, when "–" means that no answer counted."""
    if report.unscored_reason and report.unscored_reason != NO_ANSWER_SCORED:
        return "not counted: every role that answered weighs 0"
    return None


#: How a role's scores are computed (:func:`civdata.combine.combine`, docs/multi-respondent.md
#: steps 2 and 4). Its Overall is not the mean of its respondents' overall scores: a respondent
#: who left an area blank counts in the other areas only, so the two differ (90.3 and 87.3).
ROLE_SCORES_WORDS = (
    "in an area, the mean of its respondents' scores there; overall, the mean of the role's area scores weighted "
    "by each area's weight, as the combined Overall is, not the mean of its respondents' overall scores"
)


#: Under "Areas where roles disagree most": a role's score there is its area score, not its Overall.
AREAS_APART_NOTE = (
    "Two roles are compared on the questions of an area both answered (not on questions one of them "
    "was not asked): each role's score there is the mean of its respondents' answers to them, weighted "
    "as the area weighs them. Spread is the widest gap between two roles, in points; the roles at its "
    "ends are named, with the number of questions compared."
)


def scores_table_note(report: Report, named_columns: Sequence[int]) -> str:
    """What the columns of the combined scores table are, in the order every format gives them:
    ``named_columns``, the respondents with columns of their own (:func:`respondent_columns`)."""
    if len(named_columns) == len(report.respondents):
        columns = f"The combined score, then each role ({ROLE_SCORES_WORDS}), then each respondent. "
    elif named_columns:
        columns = (
            f"The combined score, then each role ({ROLE_SCORES_WORDS}), then each respondent of a role that "
            "several answered for (one alone in a role has the role's scores). "
        )
    else:
        columns = f"The combined score, then each role: {ROLE_SCORES_WORDS} (those are under “Respondents”). "
    missing = weightless_words(report)
    dash = f"– means {missing}" if missing else "– means no answer counted in that area"
    # "(1)" beside a role, next to the role weights, read as a weight (a facilitator's review).
    counted = "The number after a role is how many respondents answered for it. "
    return columns + counted + f"Scores are 0-100; {dash}."


def one_voice_text(report: Report, label: Callable[[str], str]) -> tuple[str, str] | None:
    """What a report on one respondent says beside its verdict, and its lead ("One voice", or "No
    voice"), when the rubric expects other voices (:attr:`Report.unheard_roles`) or the respondent
    answered no question; None otherwise. Role labels come from the rubric: ``label`` escapes (or
    isolates) each for the format; the rest is civdata's own words."""
    if report.multiple or len(report.respondents) != 1:
        return None
    unheard, row = report.unheard_roles, report.respondents[0]
    own = f"in the role {label(row.role.label)}" if row.role.id else "whose role is not stated"
    names = and_list([label(role.label) for role in unheard])
    expected = f"; the rubric expects to hear from {names}" if unheard else ""
    if row.silent:
        return (
            "No voice",
            f"the respondent ({own}) answered no question, so this verdict rests on nobody's answers{expected}. "
            "Answer the questions (civdata assess --resume FILE continues the file) and report again",
        )
    if not unheard:
        return None
    return (
        "One voice",
        f"this verdict rests on one respondent's answers ({own}); the rubric also expects to hear from "
        f"{names}, whose {verb(len(unheard), 'view', 'views')} it does "
        "not weigh. Report on their answers files together with this one to weigh every view, and to see where you "
        "disagree",
    )


#: The heading, and the sentence under it, of the strengths a combined report does not count as
#: in place (:attr:`civdata.results.Report.said_by_some`), in every format.
SAID_BY_SOME_TITLE = "Said by some, not agreed"
SAID_BY_SOME = (
    "What some respondents' answers show, but not counted as in place: no more than half of those "
    "asked its question (those who left it blank too) say so, or they disagree on that question. "
    "Check with the others before relying on it."
)
#: What a combined report says when strengths were shown but none is agreed.
NOTHING_IN_PLACE = "No strength is shown by the answers of most of those asked its question; what some said is below."


def strength_people(report: Report, strength: Strength) -> str:
    """Who shows a strength in a combined report: :func:`people_text`, each role's count out of
    those in it who answered its question, and how many of all who answered that is (``1 of 3
    who answered``), always for one not counted as in place, and for one in place when counted.

    Each role's count was out of the role's size while the total was out of those who answered:
    "Community: 5 of 40" of a question 22 of them were asked (an outside review)."""
    return ", ".join(strength_people_items(report, strength))


def strength_people_items(report: Report, strength: Strength) -> list[str]:
    """:func:`strength_people` before it is joined (HTML isolates each item)."""
    items = people_items(report, strength.respondents, of=dict(strength.answered_by_role))
    if strength.in_place and not named_by_count(report, strength.respondents):
        return items
    return [*items, f"{len(strength.respondents)} of {strength.answered} who answered"]


def names_strengths(rubric: Rubric) -> bool:
    """Whether the rubric names any strength, and so whether a report has a "What is in place" section."""
    return any(
        any(option.strength for option in question.options) or any(band.strength for band in question.bands)
        for question in rubric.questions
    )


def gap_sections(assessment: Assessment) -> list[tuple[str, list[str]]]:
    """The questions one respondent left out, by why: (heading, question ids), in report order."""
    results = assessment.question_results()
    return [
        ("Required questions not answered", list(assessment.coverage.unanswered_required)),
        ("Optional questions not answered", list(assessment.coverage.unanswered_optional)),
        (
            "Skipped because an earlier answer made them unnecessary (counted as met)",
            [qid for qid, r in results.items() if r.status is QuestionStatus.SKIPPED_CONDITION],
        ),
        (
            "Not asked of this respondent's role",
            [qid for qid, r in results.items() if r.status is QuestionStatus.SKIPPED_ROLE],
        ),
    ]


SCORING_METHOD = (
    "Each answered question earns the score the rubric sets for the option chosen or the range a number "
    "falls in (from 0, a serious gap, to 1, ready; or points, for a points-based rubric). Text is never scored.",
    "“I don't know” counts as the question's worst answer, raises a finding at least as serious as the worst "
    "answer's, and opens every follow-up question and rule that any answer could open.",
    "A question left blank is not scored and lowers coverage instead; like “I don't know”, it opens every "
    "follow-up question and rule that any answer could open, a verdict band that an answer could deny is "
    "not given, and, when the question is required, it raises the finding of the riskiest answer it could be.",
    "Where several options can be chosen, their scores combine by the question's rule (sum, highest, lowest or mean).",
    "An area's score is its points (question weight × score) out of the most it could earn, as a percentage. "
    "Answers of “not applicable”, unanswered questions and questions not asked of the role are left out of both. "
    "A follow-up that an earlier answer made unnecessary counts as met.",
    "The overall score is the mean of the area scores weighted by area weight, over the areas with any counted "
    "answer. Coverage is the share of the required questions that apply which were answered (of every "
    "question that applies, for a respondent asked no required one); a follow-up an earlier answer settled "
    "counts in it as answered.",
    "Findings come from the options chosen and from rules that look at several answers together; a rule's "
    "finding replaces the findings of the answers that made it hold. The verdict is the first band below "
    "whose conditions all hold.",
)
CHECKLIST_METHOD = (
    "This rubric is a checklist: nothing is scored. Findings come from the answers given and from rules "
    "that look at several answers together; “I don't know” raises a finding at least as serious as the worst "
    "answer's. A question left blank lowers coverage and, like “I don't know”, raises every rule that any "
    "answer could raise and, when the question is required, the finding of the riskiest answer it could be.",
    "Coverage is the share of the required questions that apply which were answered (of every question that "
    "applies, for a respondent asked no required one); a follow-up an earlier answer settled counts in it as "
    "answered. The verdict is the "
    "first band below whose conditions all hold.",
)


def method_points(rubric: Rubric) -> list[str]:
    """How the report was made, one point each (plain text): the sentence on several options only
    when the rubric has a question that allows several."""
    has_multiple = any(q.type is QuestionType.MULTIPLE_CHOICE for q in rubric.questions)
    method = SCORING_METHOD if rubric.scored else CHECKLIST_METHOD
    return [line for line in method if has_multiple or "several options" not in line]


def combined_method_points(report: Report) -> list[str]:
    """How several respondents were combined, one point each (plain text)."""
    from civdata.combine import GATE_WEIGHT

    return [
        "Each respondent's answers are scored on their own, exactly as for one respondent.",
        "A role's score in an area is the mean of its respondents' scores there; its overall score is the mean of "
        "its area scores weighted by each area's weight, as the combined overall score is, not the mean of its "
        "respondents' overall scores.",
        f"The combined score of an area is the {method_description(report)}.",
        f"Coverage is the {GROUP_COVERAGE_METHOD}.",
        (
            "A finding raised by several respondents is listed once, with how many raised it in each role and "
            f"the notes written by the most people (at most {NOTES_SHOWN}, each with how many wrote it)."
            if report.large
            else "A finding raised by several respondents is listed once, with everyone who raised it and their notes."
        ),
        f"A question whose answers lie at least {range_share_text(report.rubric.divergence_threshold)} of its "
        "range apart (its lowest to its highest possible score) raises an alignment finding; so does a gate "
        "question (weight 0), which is not scored but decides which other questions and rules apply, and, for "
        "a multiple-choice gate, an option the rubric's conditions test that some ticked and others did not, "
        "and a question some answered “not applicable” where others gave an answer that applies, a disagreement "
        "on whether it applies, measured between the two as between ticking an option and not. In a group of "
        "fewer than ten who answered it, the spread is the highest score minus the lowest; in a larger one, "
        "the highest and lowest tenth are left out, so one outlier does not count, and the gap "
        "between two roles' median scores always counts when most of each role's respondents lie that far from "
        "the other role's median. Its severity comes from the spread "
        f"(as a percentage of the range) times the question's weight, {number(GATE_WEIGHT)} for a gate "
        f"question: {severity_floors_text()}.",
        "A role the rubric expects, with no respondent who answered any question, raises a missing-voice "
        "finding of the severity the rubric sets for it.",
        "The combined verdict is the first band below whose conditions all hold, for the combined score, "
        "the worst finding above (alignment and missing voices included) and the coverage.",
    ]


def left_open_text(report: Report, label: Callable[[str], str]) -> str | None:
    """``the questions you left blank leave the score between 52.7 and 64.2 until they are
    answered``: what a report says beside its verdict when blanks leave its score open and hold
    back no band (:func:`held_back_text` says more then); None when nothing is left open. The
    JSON report gave the range alone, and a board read 59 where the same file answered in full
    scored 55.5 (an outside review, 2026-11-29). Where the score shown lies outside that range
    (:func:`civdata.results.scored_apart`), it says which areas it leaves out, each through
    ``label``, which escapes (or isolates) the rubric's words for the format."""
    open_score = report.open_score
    if open_score is None or open_score.held is not None:
        return None
    low, high = number(open_score.low), number(open_score.high)
    apart = scored_apart(report.overall, open_score)
    if low == high and not apart:
        return None
    anyone = "anyone" if report.multiple else "you"
    said = (
        f"the questions {anyone} left blank leave the {score_name(report.rubric)} between {low} and {high} until "
        "they are answered"
    )
    if low == high:
        said = f"with the questions {anyone} left blank answered, the {score_name(report.rubric)} is {low} in any case"
    if not apart:
        return said
    if report.overall is None:
        return f"{said}; no answer given could be scored, so the verdict and the gates read the range"
    left_out = and_list([label(title) for title in area_titles_left_out(report)]) or "an area"
    return (
        f"{said}; the score shown, {number(report.overall)}, leaves out {left_out}, whose scored questions were all "
        "left blank and which any answers would score, so the verdict and the gates read the range"
    )


def area_titles_left_out(report: Report) -> list[str]:
    """The titles of the areas a single respondent's score shown leaves out, though the blanks
    leave them open (:func:`civdata.results.scored_apart`); none named in a combined report,
    whose areas are each role's."""
    single = report.single
    if single is None:
        return []
    return [
        area.area.title
        for area, bounds in zip(single.areas, single.area_open, strict=True)
        if area.score.percent is None and bounds is not None
    ]


def answers_held_back_text(report: Report, label: Callable[[str], str]) -> str | None:
    """What a report says beside its verdict when the answers given would earn a better band but
    for its condition on the answers, which only possibly holds, or for its coverage, which the
    questions left blank keep short (:attr:`Report.held_back`); None otherwise. ``label`` escapes
    (or isolates) the rubric's words for the format."""
    held = report.held_back
    if held is None:
        return None
    reasons = []
    if held.by_answers and held.band.when is not None:
        from civdata.describe import describe_condition

        if report.multiple:
            why = (
                "is not known to hold for every respondent: they did not all answer alike, or an answer it tests is "
                "“I don't know” or left blank, and a combined verdict gives a band only on what holds for everyone"
            )
        else:
            why = "is not known to hold: an answer it tests is “I don't know” or left blank, which could be any answer"
        condition = label(describe_condition(held.band.when, report.rubric))
        reasons.append(f"its condition on the answers ({condition}) {why}")
    if held.by_coverage and held.band.min_coverage is not None:
        reasons.append(_held_by_coverage(report, held.band.min_coverage))
    if not reasons:
        return None
    return (
        f"not “{label(held.band.label)}”, whose other conditions the answers given meet: {'; and '.join(reasons)}. "
        "Settle those answers to settle the verdict"
    )


def _held_by_coverage(report: Report, needed: float) -> str:
    """Why a band's ``min_coverage`` holds it back, in words that say what coverage counts."""
    counted = coverage_counted(report)
    group = ", question by question over the respondents asked each," if report.multiple else ""
    if report.settled:  # "settled answered" would not read: the settled ones count as answered
        return f"it needs a coverage of {number(needed)}% of {counted}, and{group} it is {number(report.coverage)}%"
    return f"it needs {number(needed)}% of {counted} answered, and{group} {number(report.coverage)}% are"


def held_back_text(report: Report, label: Callable[[str], str]) -> str | None:
    """What a report says beside its verdict when the questions left blank hold back the band
    its score alone would give (:attr:`Report.open_score`); None otherwise. ``label`` escapes (or
    isolates) the band's label for the format; the rest is civdata's own words."""
    open_score = report.open_score
    held = open_score.held if open_score is not None else None
    if open_score is None or held is None:
        return None
    anyone = "anyone" if report.multiple else "you"
    name = score_name(report.rubric)
    if held.min_score is not None and open_score.low < held.min_score:
        effect = f"bring the {name} down to {number(open_score.low)}, below the {number(held.min_score)} it needs"
    elif held.max_score is not None and open_score.high > held.max_score:
        effect = f"take the {name} up to {number(open_score.high)}, above the {number(held.max_score)} it allows"
    else:
        # Its `when` tests a score: one of the scores the blanks leave open fails it.
        effect = "give scores its conditions do not allow"
    return (
        f"not “{label(held.label)}”, which the score shown alone would give: the questions {anyone} left blank, "
        f"answered at their worst (as “I don't know” scores), would {effect}. Answer them to settle the verdict"
    )
