"""The action plan: what to do about a report's findings, one row per action, most pressing first.

A report lists findings, which say what is wrong; the people who act on it need a list of things
to do. Findings become actions here, by three rules:

* Findings that call for the same thing become one action. Two findings on the same question
  that takes one answer (a yes/no, one choice, a scale, a number) are two people's views of one
  matter, so they make one action, worded by the more severe of them. Findings whose
  recommendations read the same (ignoring case and spacing) also make one; they are read in the
  rubric's own language, whatever language the report is in, so a translation (full or partial)
  never merges or splits actions. Which of the rubric's findings make one action is the rubric's
  to say, once, never the report's: findings linked one to the next by these two rules are one
  action, whether or not a report raises those between them (a rule worded like one option of a
  question that takes one answer is part of that question's action, and so is a finding worded
  like another of its options).
* An action is its lead finding's: the first the report lists of its most severe. Its text,
  severity and ``act_by`` are that finding's, so that what it says and when it is due never
  disagree (a less severe finding's date was set for its own recommendation, which the action
  does not say); its owner is the lead's, else that of the first of its findings to name one.
* Actions are ordered by severity; within one severity, those that answers show come first; then
  those that only may hold (every finding of theirs rests on "I don't know" or blank answers,
  which could be any answer: :attr:`civdata.results.FindingSource.possibly`); last, those that
  only may hold and that, in a combined report, other respondents' answers rule out
  (:attr:`civdata.results.Action.ruled_out`). So what someone says is so comes before what
  nobody knows, and that before what someone says is not so. Then by how soon the rubric says
  to act (``act_by``; see :class:`civdata.model.ActBy`), then in the order the report lists
  their findings.
* An action's ``id`` is made from what it answers (``question:ID`` or ``finding:ID``): of its
  findings in the rubric, the first in the rubric's order (:attr:`civdata.model.Rubric.raisable_findings`),
  whether or not a report raises that one. So the same action keeps its id in the next report,
  whichever of its findings are still raised, and a team can tick it off in between. A missing
  voice is worded by civdata from the answers: one worded like a finding of the rubric is part of
  its action; those worded alike are one action, named after the first the report lists.
* A disagreement is an action of its own, ``finding:divergence:QUESTION``, one per disputed
  question, never merged with another by its words: what it asks (bring together the people who
  answered the question furthest apart) is about that question alone, and its words, which name
  the roles to bring together, read alike for questions that have nothing in common.

Pure: a report's findings in, actions out; what the rubric decides is worked out once per rubric.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from civdata.model import ActBy, Question, Rubric
from civdata.records import record
from civdata.results import Action, Finding, FindingKind, MayHoldOn

#: Where an action without an ``act_by`` goes among equally severe ones: after those with one.
_NO_DATE = len(ActBy)

#: The findings a rubric words itself (not civdata: a missing voice, a disagreement).
_RUBRICS_OWN = (FindingKind.ANSWER, FindingKind.RULE)


def action_plan(rubric: Rubric, findings: Iterable[Finding]) -> tuple[Action, ...]:
    """The actions that answer ``findings`` (as a report orders them), most pressing first."""
    actions_of = _actions_of(rubric)
    groups: dict[str, list[Finding]] = {}
    worded: dict[str, str] = {}  # civdata's own findings: words -> the action of the first so worded
    for finding in findings:
        groups.setdefault(_action_id(rubric, finding, actions_of, worded), []).append(finding)
    actions = [_action(action_id, members) for action_id, members in groups.items()]
    order = {action_id: index for index, action_id in enumerate(groups)}
    return tuple(
        sorted(
            actions,
            key=lambda action: (
                -action.severity.rank,
                action.possibly,
                action.ruled_out,
                _urgency(action.act_by),
                order[action.id],
            ),
        )
    )


def _action_id(rubric: Rubric, finding: Finding, actions_of: _ActionsOf, worded: dict[str, str]) -> str:
    """The id of the action ``finding`` is part of. ``worded``: for civdata's own findings, the
    action of the first the report lists of each wording, filled in as they come."""
    key = _key(rubric, finding)
    kind = finding.source.kind
    if kind is FindingKind.DIVERGENCE:  # one action per disputed question, whatever its words
        return key
    if kind in _RUBRICS_OWN and (action_id := actions_of.by_key.get(key)) is not None:
        return action_id
    words = _words(finding)
    return actions_of.by_words.get(words) or worded.setdefault(words, key)


@record
class _ActionsOf:
    """Which action each of a rubric's findings is part of, worked out once per rubric: by its key
    (:func:`_key`), and by its words (:func:`_words`, for a finding civdata words like one of the
    rubric's), each action by its id."""

    by_key: Mapping[str, str]
    by_words: Mapping[str, str]


def _actions_of(rubric: Rubric) -> _ActionsOf:
    """The rubric's :class:`_ActionsOf`, made on first use and kept with its scoring tables (a report
    with ``--detail`` makes a plan for each respondent)."""
    cache = rubric.scoring_cache
    known = cache.get(_ActionsOf)
    if isinstance(known, _ActionsOf):
        return known
    place: dict[str, int] = {}  # each key's place in the rubric's order
    nearer: dict[str, str] = {}  # key -> a key of the same action, nearer its first
    first_worded: dict[str, str] = {}  # words -> the key of the first finding so worded

    def first(key: str) -> str:
        while nearer[key] != key:
            key = nearer[key]
        return key

    for raisable in rubric.raisable_findings:
        key = _key_of(raisable.id, raisable.question)
        place.setdefault(key, len(place))
        nearer.setdefault(key, key)
        spec = raisable.spec
        own = spec.own_recommendation if spec.own_recommendation is not None else spec.recommendation
        worded_so = first_worded.setdefault(_words_of(own), key)
        ours, theirs = first(key), first(worded_so)
        if ours != theirs:  # one action: named after the earlier in the rubric
            earlier, later = sorted((ours, theirs), key=place.__getitem__)
            nearer[later] = earlier
    by_key = {key: first(key) for key in nearer}
    known = _ActionsOf(by_key, {words: by_key[key] for words, key in first_worded.items()})
    cache[_ActionsOf] = known
    return known


def _words(finding: Finding) -> str:
    """What a finding recommends, as the rubric's own language words it (ignoring case and spacing):
    a translation, full or partial, may word two recommendations alike or apart where the rubric does
    not, and the plan, whose ids a team ticks off, must not change with the language shown."""
    own = finding.own_recommendation
    return _words_of(own if own is not None else finding.recommendation)


def _words_of(recommendation: str) -> str:
    return " ".join(recommendation.split()).casefold()


def _key(rubric: Rubric, finding: Finding) -> str:
    """What a finding is about, for telling which findings call for the same thing."""
    question_id = finding.source.question_id
    question = None
    if finding.source.kind is FindingKind.ANSWER and question_id is not None and rubric.has_question(question_id):
        question = rubric.question(question_id)
    return _key_of(finding.id, question)


def _key_of(finding_id: str, question: Question | None) -> str:
    """``question:ID`` for a finding of an answer to a question that takes one answer, else
    ``finding:ID`` (``question``: the question whose answer raised the finding, if any)."""
    if question is not None and question.type.one_answer:
        return f"question:{question.id}"
    return f"finding:{finding_id}"


def _action(key: str, members: list[Finding]) -> Action:
    lead = max(members, key=lambda finding: finding.severity.rank)  # the first of the most severe
    return Action(
        id=key,
        text=lead.recommendation,
        severity=lead.severity,
        act_by=lead.act_by,  # the date of what the text says (see the module's docstring)
        owner=lead.owner or next((finding.owner for finding in members if finding.owner), None),
        findings=tuple(finding.id for finding in sorted(members, key=lambda finding: -finding.severity.rank)),
        raised_by=_raised_by(members),
        possibly=(possibly := all(finding.source.possibly for finding in members)),
        ruled_out=all(finding.source.possibly and finding.source.ruled_out for finding in members),
        may_hold_on=MayHoldOn.of(finding.source for finding in members) if possibly else None,
    )


def _raised_by(members: list[Finding]) -> int:
    """How many respondents' answers call for the action: in a report on one person, that person
    (unless the action is about a voice that is missing)."""
    people = {person for finding in members for person in finding.source.respondents}
    counted = max((finding.source.count or 0 for finding in members), default=0)
    if people or counted:
        return max(len(people), counted)
    return 0 if all(finding.source.kind is FindingKind.ROLE for finding in members) else 1


def _urgency(act_by: ActBy | None) -> int:
    return act_by.rank if act_by is not None else _NO_DATE
