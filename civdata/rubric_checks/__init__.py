"""The checks a rubric's JSON Schema cannot express, each a small generator of located problems.

The schema settles the shape. These checks need the whole rubric: ids that must be unique,
conditions that must refer to earlier questions and compare with values their answers can be
(:mod:`civdata.possible_answers`), number bands that must cover every accepted answer and each be
reachable, verdict bands that must always give a verdict, and the rules that keep a
verdict honest: one meaning for "I don't know", findings that never get milder as answers get
worse. They run on a rubric that may still be malformed, so every one of them skips what the schema
has already reported and never raises.

One module per kind of check (questions, conditions, contradictions, verdicts), each reading the
index :mod:`civdata.rubric_checks.index` builds once; :data:`CHECKS` runs them in the order their
problems are most useful to read. The scores no answers reach are judged later, on the built model
(:mod:`civdata.rubric_checks.reach`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from civdata.problems import Problem
from civdata.rubric_checks.conditions import check_conditions, check_follow_up_roles, condition_depth_problems
from civdata.rubric_checks.contradictions import check_contradictions
from civdata.rubric_checks.index import MAX_CONDITION_DEPTH, RubricIndex, index_rubric
from civdata.rubric_checks.questions import (
    check_area_ids,
    check_findings_follow_scores,
    check_number_bands,
    check_options,
    check_question_ids,
    check_question_keys,
)
from civdata.rubric_checks.reach import unreachable_score_problems
from civdata.rubric_checks.verdicts import (
    check_band_percentages,
    check_changes,
    check_directions,
    check_languages,
    check_owners,
    check_role_weights,
    check_verdicts,
)
from civdata.yamlsource import YamlDocument

__all__ = [
    "CHECKS",
    "MAX_CONDITION_DEPTH",
    "condition_depth_problems",
    "consistency_problems",
    "unreachable_score_problems",
]


#: Every check, in the order their problems are most useful to read.
CHECKS: tuple[Callable[[RubricIndex], Iterator[Problem]], ...] = (
    check_question_ids,
    check_area_ids,
    check_question_keys,
    check_options,
    check_findings_follow_scores,
    check_number_bands,
    check_conditions,
    check_contradictions,
    check_follow_up_roles,
    check_verdicts,
    check_band_percentages,
    check_directions,
    check_role_weights,
    check_owners,
    check_changes,
    check_languages,
)


def consistency_problems(document: YamlDocument) -> list[Problem]:
    """Every problem the checks find in a rubric document that is a mapping."""
    index = index_rubric(document)
    problems = list(index.problems)
    for check in CHECKS:
        problems.extend(check(index))
    return problems
