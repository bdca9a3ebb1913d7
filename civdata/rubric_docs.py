"""The rubric as a readable Markdown document: ``civdata rubric docs``.

For a methodologist reviewing the rubric and for workshops on paper: every area, question and
option, what each answer means for the score, and which findings it raises. Generated from the
rubric, so the document can never say something the rubric does not.
"""

from __future__ import annotations

from dataclasses import replace

from civdata.describe import accepted_answer, asked_if_text, describe_condition, option_marks, roles_text, type_text
from civdata.mdlayout import lay_out
from civdata.model import Band, Direction, FindingSpec, Option, Question, QuestionType, Rubric
from civdata.render.common import (
    area_direction_words,
    md_block,
    md_code,
    md_heading,
    md_text,
    number,
    owner_text,
    verdict_conditions,
)
from civdata.wording import plural


def _finding_cell(finding: FindingSpec | None) -> str:
    if finding is None:
        return ""
    return f"**{finding.severity.value}**: {md_text(finding.title)}"


def _score_cell(question: Question, score: float | None, *, not_applicable: bool = False, unknown: bool = False) -> str:
    if not question.scored:
        return "–"  # a context question: its options' scores only say which answer is the riskier
    if not_applicable:
        return "left out"
    if score is None:
        return "n/a"
    shown = f"{number(score)} points" if question.uses_points else number(score * 100)
    return f"{shown} (worst)" if unknown else shown


def _option_label(option: Option) -> str:
    label = md_text(option.label)
    if option.description:
        label += f"<br>{md_text(option.description)}"
    label += "".join(f" *({mark})*" for mark in option_marks(option))
    return label


def _band_words(band: Band) -> str:
    """A number band as the review document names it: its label with its range beside it (``under a
    year (below 6)``), or its range alone. A label is a name the methodologist chose; a reviewer
    checks the band by its range, and a label that does not fit it shows only beside it. The range
    is worded by :meth:`civdata.model.Band.describe`, as everywhere else."""
    scope = replace(band, label=None).describe()
    return f"{band.label} ({scope})" if band.label else scope


def _finding_details(question: Question, rubric: Rubric) -> list[str]:
    findings: list[tuple[str, FindingSpec]] = [
        (option.label, option.finding) for option in question.options if option.finding is not None
    ]
    findings += [(_band_words(band), band.finding) for band in question.bands if band.finding is not None]
    lines: list[str] = []
    for answer, finding in findings:
        lines.append(f"- If “{md_text(answer)}”: **{finding.severity.value}**, {md_text(finding.title)}")
        if finding.explanation:
            lines.append(f"  - Why: {md_text(finding.explanation)}")
        owner = owner_text(rubric, finding.owner)
        lines.append(
            f"  - Recommendation{f' (for {md_text(owner)})' if owner else ''}: {md_text(finding.recommendation)}"
        )
    strengths = [(option.label, option.strength) for option in question.options if option.strength]
    strengths += [(_band_words(band), band.strength) for band in question.bands if band.strength]
    for answer, strength in strengths:
        lines.append(f"- If “{md_text(answer)}”, in place: {md_text(strength)}")
    return lines


def _question(number_text: str, question: Question, rubric: Rubric) -> list[str]:
    facts = [f"`{question.id}`", type_text(question.type), "required" if question.required else "optional"]
    facts.append(f"weight {number(question.weight)}" if question.scored else "not scored")
    lines = ["", f"### {number_text} {md_heading(question.title)}", "", md_block(question.prompt, "> "), ""]
    lines.append(" · ".join(facts))
    asked = roles_text(question, rubric)
    if asked:
        lines += ["", f"Asked of: {md_text(asked)}."]
    asked_if = asked_if_text(question, rubric)
    if asked_if is not None:
        lines += ["", md_text(asked_if)]
    if question.help:
        lines += ["", f"*Why it matters:* {md_text(question.help)}"]
    lines += ["", f"Answer: {md_text(accepted_answer(question))}."]
    if question.options:
        lines += ["", "| Value | Answer | Score | Finding |", "|---|---|---:|---|"]
        for option in question.options:
            score = _score_cell(question, option.score, not_applicable=option.not_applicable, unknown=option.unknown)
            lines.append(
                f"| {md_code(option.value)} | {_option_label(option)} | {score} | {_finding_cell(option.finding)} |"
            )
        if question.type is QuestionType.MULTIPLE_CHOICE:
            summed = "added up" if question.uses_points else "added up (at most 100)"
            rule = {"sum": summed, "max": "the highest", "min": "the lowest", "mean": "averaged"}
            lines += ["", f"Scores of the options chosen are {rule[question.scoring]}."]
    if question.bands:
        lines += ["", "| Answer | Score | Finding |", "|---|---:|---|"]
        for band in question.bands:
            score = _score_cell(question, band.score)
            lines.append(f"| {md_text(_band_words(band))} | {score} | {_finding_cell(band.finding)} |")
    details = _finding_details(question, rubric)
    if details:
        lines += ["", *details]
    return lines


def _scoring_sentence(rubric: Rubric) -> str:
    if not rubric.scored:
        return "This rubric is a checklist: nothing is scored. Its verdict comes from the findings and the coverage."
    direction = (
        "Risk scores are shown from 0 (no risk found) to 100 (the most risk the rubric can measure)."
        if rubric.direction is Direction.RISK
        else "Scores are shown from 0 (a serious gap) to 100 (ready)."
    )
    return (
        f"{direction} An area's score is the weighted mean of its answered questions{_follow_ups_counted(rubric)}; "
        "the overall score is the weighted mean of the areas. “I don't know” counts as the worst answer."
    )


def _follow_ups_counted(rubric: Rubric) -> str:
    """How a follow-up an earlier answer closed counts (docs/scoring.md, section 5), for a rubric
    that has scored follow-ups: a reader checking a score by hand would otherwise leave it out."""
    if not any(question.when is not None and question.scored for question in rubric.questions):
        return ""
    met = "no risk" if rubric.direction is Direction.RISK else "full marks"
    return f", with each follow-up that an earlier answer made unnecessary counted as met ({met})"


def render_rubric_docs(rubric: Rubric) -> str:
    """The whole rubric document."""
    lines = [
        f"# {md_heading(rubric.title)}",
        "",
        "<!-- Generated by `civdata rubric docs` from the rubric; do not edit by hand. -->",
        "",
        md_block(rubric.description),
        "",
        "| | |",
        "|---|---|",
        f"| Id | `{rubric.id}` |",
        f"| Version | {md_text(rubric.version)} |",
        f"| Licence | {md_text(rubric.license)} |",
        f"| Authors | {md_text(', '.join(rubric.authors))} |",
        f"| Questions | {len(rubric.questions)} in {plural(len(rubric.areas), 'area')} |",
        f"| Languages | {md_text(', '.join(rubric.languages))} (shown: {md_text(rubric.lang)}) |",
        "",
        _scoring_sentence(rubric),
        "",
        "## Contents",
        "",
    ]
    for index, area in enumerate(rubric.areas, start=1):
        reading = area_direction_words(area, rubric)
        direction = f"; {reading.split(';')[0]}" if reading else ""
        lines.append(
            f"{index}. {md_text(area.title)} ({plural(len(area.questions), 'question')}, "
            f"weight {number(area.weight)}{direction})"
        )
    lines += ["", "## Respondent roles", "", "| Role | Id | Weight | Expected | Who |", "|---|---|---:|---|---|"]
    for role in rubric.roles:
        expected = f"yes (missing: {role.missing_severity.value})" if role.expected else "no"
        lines.append(
            f"| {md_text(role.label)} | `{role.id}` | {number(role.weight)} | {expected} "
            f"| {md_text(role.description or '')} |"
        )
    lines += ["", "## Verdicts", "", "Listed best first; the first verdict whose conditions all hold is given.", ""]
    lines += ["| Verdict | Conditions | Meaning |", "|---|---|---|"]
    for verdict in rubric.verdicts:
        conditions = "; ".join(verdict_conditions(verdict, rubric)) or "none: every other case"
        lines.append(f"| {md_text(verdict.label)} | {md_text(conditions)} | {md_text(verdict.description or '')} |")
    for area_number, area in enumerate(rubric.areas, start=1):
        lines += ["", f"## {area_number}. {md_heading(area.title)}", ""]
        if area.description:
            lines += [md_block(area.description), ""]
        lines.append(f"Weight in the overall score: {number(area.weight)}.")
        reading = area_direction_words(area, rubric)
        if reading:
            lines += ["", f"Scores in this area read the other way: {reading}."]
        for question_number, question in enumerate(area.questions, start=1):
            lines += _question(f"{area_number}.{question_number}", question, rubric)
    if rubric.rules:
        lines += ["", "## Rules: risky combinations of answers", ""]
        for rule in rubric.rules:
            finding = rule.finding
            lines += [f"### {md_text(finding.title)} (`{rule.id}`)", ""]
            if rule.description:
                lines += [md_block(rule.description), ""]
            lines += [
                f"- When {md_text(describe_condition(rule.when, rubric))}.",
                f"- Raises: **{finding.severity.value}**.",
            ]
            if finding.explanation:
                lines.append(f"- Why: {md_text(finding.explanation)}")
            owner = owner_text(rubric, finding.owner)
            recommendation = f"- Recommendation{f' (for {md_text(owner)})' if owner else ''}: "
            lines += [recommendation + md_text(finding.recommendation), ""]
    if rubric.changes:
        lines += ["", "## Changes", "", "| Version | What changed | Questions | Rules |", "|---|---|---|---|"]
        for change in rubric.changes:
            questions = ", ".join(f"`{qid}`" for qid in change.questions)
            rules = ", ".join(f"`{rule_id}`" for rule_id in change.rules)
            lines.append(f"| {md_text(change.version)} | {md_text(change.summary)} | {questions} | {rules} |")
    return lay_out("\n".join(lines))
