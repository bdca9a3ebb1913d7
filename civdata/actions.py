"""The action plan: what to do about a report's findings, one row per action, most pressing first.

A report lists findings, which say what is wrong; the people who act on it need a list of things
to do. Findings become actions here, by three rules:

* Findings that call for the same thing become one action. Two findings on the same question
  that takes one answer (a yes/no, one choice, a scale, a number) are two people's views of one
  matter, so they make one action, worded by the more severe of them. Findings whose
  recommendations read the same (ignoring case and spacing) also make one; they are read in the
  rubric's own language, whatever language the report is in, so a translation (full or partial)
  never merges or splits actions.
* Actions are ordered by severity, then by how soon the rubric says to act (``act_by``; see
  :class:`civdata.model.ActBy`), then in the order the report lists their findings. An action
  takes the highest severity and the most urgent ``act_by`` of its findings.
* An action's ``id`` is made from what it answers (``question:ID`` or ``finding:ID``), so the
  same action keeps its id in the next report, and a team can tick it off in between.

Pure: a report's findings in, actions out.
"""

from __future__ import annotations

from collections.abc import Iterable

from civdata.model import ActBy, QuestionType, Rubric
from civdata.results import Action, Finding, FindingKind

#: Where an action without an ``act_by`` goes among equally severe ones: after those with one.
_NO_DATE = len(ActBy)


def action_plan(rubric: Rubric, findings: Iterable[Finding]) -> tuple[Action, ...]:
    """The actions that answer ``findings`` (as a report orders them), most pressing first."""
    groups: dict[str, list[Finding]] = {}
    by_text: dict[str, str] = {}
    for finding in findings:
        key = _key(rubric, finding)
        text = _words(finding)
        if key not in groups and text in by_text:
            key = by_text[text]  # worded like an earlier action: it is that action
        by_text.setdefault(text, key)
        groups.setdefault(key, []).append(finding)
    actions = [_action(key, members) for key, members in groups.items()]
    order = {key: index for index, key in enumerate(groups)}
    return tuple(sorted(actions, key=lambda action: (-action.severity.rank, _urgency(action.act_by), order[action.id])))


def _words(finding: Finding) -> str:
    """What a finding recommends, as the rubric's own language words it (ignoring case and spacing):
    a translation, full or partial, may word two recommendations alike or apart where the rubric does
    not, and the plan, whose ids a team ticks off, must not change with the language shown."""
    own = finding.own_recommendation
    return " ".join((own if own is not None else finding.recommendation).split()).casefold()


def _key(rubric: Rubric, finding: Finding) -> str:
    """What a finding is about, for telling which findings call for the same thing."""
    source = finding.source
    question_id = source.question_id
    one_answer = (
        question_id is not None
        and rubric.has_question(question_id)
        and rubric.question(question_id).type is not QuestionType.MULTIPLE_CHOICE
    )
    if source.kind is FindingKind.ANSWER and one_answer:
        return f"question:{question_id}"
    return f"finding:{finding.id}"


def _action(key: str, members: list[Finding]) -> Action:
    lead = max(members, key=lambda finding: finding.severity.rank)  # the first of the most severe
    dated = [finding.act_by for finding in members if finding.act_by is not None]
    return Action(
        id=key,
        text=lead.recommendation,
        severity=lead.severity,
        act_by=min(dated, key=_urgency) if dated else None,
        owner=lead.owner or next((finding.owner for finding in members if finding.owner), None),
        findings=tuple(finding.id for finding in sorted(members, key=lambda finding: -finding.severity.rank)),
        raised_by=_raised_by(members),
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
