"""Checks of verdict bands, directions, role weights, owners, changes and languages."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from civdata.conditions import OVERALL
from civdata.i18n import is_language_code, missing_language_problems, rare_language_problems
from civdata.model import (
    SEVERITY_RANK,
)
from civdata.possible_answers import (
    is_number,
)
from civdata.problems import Problem, one_slip_from, quoted_list
from civdata.records import record
from civdata.rubric_checks.conditions import no_score_message
from civdata.rubric_checks.index import RubricIndex, items
from civdata.rubric_data import is_id
from civdata.values import share_for_percentage
from civdata.versions import is_version, same_questions, version_key
from civdata.wording import number_words, verb
from civdata.yamlsource import DataPath, YamlDocument

_VERDICT_CONDITIONS = ("min_score", "max_score", "max_severity", "min_coverage", "when")


def check_verdicts(index: RubricIndex) -> Iterator[Problem]:
    """Bands, best first, that always give a verdict; no score conditions on a score that never exists."""
    verdicts = items(index.data.get("verdicts"))
    missing = index.missing_score(OVERALL)
    for position, (verdict_index, verdict) in enumerate(verdicts):
        has_condition = any(key in verdict for key in _VERDICT_CONDITIONS)
        last = position == len(verdicts) - 1
        if last and has_condition:
            yield index.problem(
                ("verdicts", verdict_index),
                f"the last verdict ('{verdict.get('id')}') must have no conditions, so that every "
                "assessment gets a verdict; add a final catch-all verdict",
            )
        if not last and not has_condition:
            yield index.problem(
                ("verdicts", verdict_index),
                f"verdict '{verdict.get('id')}' has no conditions, so the verdicts after it are never used",
            )
        for key in ("min_score", "max_score"):
            if key in verdict and missing is not None:
                yield index.problem(
                    ("verdicts", verdict_index, key),
                    no_score_message(f"verdict '{verdict.get('id')}'", OVERALL, missing, "it is never given"),
                    key=True,
                )
    # A risk rubric's bands listed out of order are said as such (risk_bands_worst_first), and
    # neither their min_scores nor the gaps between them: listing them from the lowest risk, the
    # fix, changes both, and they are judged then.
    in_order = index.rubric_direction != "risk" or _risk_band_out_of_order(verdicts[:-1]) is None
    against = _bounds_against_direction(index, verdicts[:-1]) if in_order else {}
    yield from _direction_bound_problems(index, against)
    yield from _unreachable_verdicts(index, verdicts, against)
    if missing is None and in_order:
        yield from _score_gaps(index, verdicts[:-1], against)


#: A verdict band's bounds, each a percentage from 0 to 100.
_PERCENTAGES = ("min_score", "max_score", "min_coverage")


def check_band_percentages(index: RubricIndex) -> Iterator[Problem]:
    """No band bound written as a share (``min_coverage: 0.9``, ``min_score: 0.75``), a natural slip
    where options score from 0 to 1: read as a percentage it is almost nothing, so a coverage floor
    of 0.9% (the lowest ``min_coverage`` is every CI gate's default) let a quarter-answered file
    pass, and ``min_score: 0.75`` gave "Ready" at 25/100 (the review of rubric authoring). The rule
    and its words are the command line's (:func:`civdata.values.share_for_percentage`), but 1 is
    refused too: the command line can warn that it reads 1 as 1%, a rubric check cannot."""
    for position, verdict in items(index.data.get("verdicts")):
        for key in _PERCENTAGES:
            value = verdict.get(key)
            if not is_number(value):
                continue  # missing, or not a number: the schema has reported it
            written = index.document.text_as_written(("verdicts", position, key), value)
            share = share_for_percentage(f"{key}:", written, value, one=True)
            if share is not None:
                why = " (1 is refused, though 1% could be meant: beside scores from 0 to 1 it reads as all of it)"
                yield index.problem(
                    ("verdicts", position, key),
                    f"verdict '{verdict.get('id')}': {share}" + (why if value == 1 and isinstance(value, int) else ""),
                )


def _bounds_against_direction(index: RubricIndex, verdicts: list[tuple[int, dict[str, Any]]]) -> dict[int, str]:
    """The bands (of ``verdicts``, those before the last) whose score bound goes against the
    rubric's direction, by position, with that bound: a readiness band's ``max_score``, a risk
    band's ``min_score``, on a band without a ``when``. Refused by :func:`_direction_bound_problems`;
    the gaps (:func:`_score_gaps`) and empty ranges (:func:`_unreachable_verdicts`) are judged as if
    it were removed, so that one mistake is said once.

    Bands are read best first. In a readiness rubric (higher is better), with only ``min_score``
    bounds a higher score meets every band a lower one meets, so it gets the same verdict or a
    better one. A ``max_score`` breaks that: a score above it that misses a band listed before it
    (its ``max_severity``, ``min_coverage``) falls to a later, worse band (83 with a high finding
    'not ready' while 75 is 'ready with conditions'), and questions left blank that could raise the
    score deny the band too. When the bands before it take every higher score, it is not needed. A
    risk rubric (lower is better) is the mirror: bands from the lowest risk, each with a
    ``max_score``, and a ``min_score`` lets a lower score that misses the bands before it fall to a
    later, worse one (20 with a high finding 'high' while 40 is 'moderate').

    A band with a ``when`` is a special case (a draft policy, an impact level), given whatever its
    place, and may have either bound; so may the last band, which has no conditions (refused as
    such). In a risk rubric, a band with only a ``min_score`` is one listed worst first (it leaves
    the lower scores to the last verdict), said as such (:func:`_risk_band_out_of_order`). The
    caller asks only of a risk rubric whose bands are in order: listed worst first, a
    ``min_score`` is how the lower scores reach the bands after it, and removing it would give
    them to the band; listed from the lowest risk, as advised, the bands before it take them."""
    risk = index.rubric_direction == "risk"
    key, other = ("min_score", "max_score") if risk else ("max_score", "min_score")
    return {
        position: key
        for position, verdict in verdicts
        if "when" not in verdict and is_number(verdict.get(key)) and (not risk or other in verdict)
    }


def _direction_bound_problems(index: RubricIndex, against: dict[int, str]) -> Iterator[Problem]:
    """A band's score bound that goes against the rubric's direction (see
    :func:`_bounds_against_direction`), said at the bound with the fix: remove it (the bands before
    it take those scores), give the band a ``when`` if it is a special case, or turn the direction
    if the rubric was written the other way round."""
    for position, key in against.items():
        verdict = index.data["verdicts"][position]  # a band found there (_bounds_against_direction)
        if key == "max_score":
            better, told = "higher", "no score above"
            direction, other = "readiness", "'direction: risk' if higher scores are worse"
        else:
            better, told = "lower", "no score below"
            direction, other = "risk", "'direction: readiness' if higher scores are better"
        yield index.problem(
            ("verdicts", position, key),
            f"verdict '{verdict.get('id')}' is given {told} {number_words(verdict[key])} ({key}) in a {direction} "
            f"rubric, where {better} is better: a {better} score that misses the verdicts before it (their "
            f"max_severity or min_coverage) gets a later, worse one; remove '{key}' (the verdicts before it take "
            f"the {better} scores), or give the verdict a 'when' if it is a special case, or write {other}",
        )


@record
class _Band:
    """The overall scores a verdict band can be given at: from ``low`` to ``high``, both included."""

    position: int
    verdict: dict[str, Any]
    low: float
    high: float


def _score_gaps(
    index: RubricIndex, verdicts: list[tuple[int, dict[str, Any]]], against: dict[int, str]
) -> Iterator[Problem]:
    """Scores between two bands that no band can give: they fall to the last verdict, the worst,
    while the scores on either side can get a better one, so a better score gets a worse verdict.

    Only the score bounds are compared. A band's other conditions (``max_severity``,
    ``min_coverage``, ``when``) are taken as met: a score in a gap gets the last verdict whatever
    they are, and a band with a ``when`` counts as covering its scores, so no gap is reported that
    some band could fill. Scores have one decimal, so a gap with no such number in it (between
    74.95 and 75) is no gap. ``verdicts`` are the bands before the last; ``against``, the bounds
    refused as going against the rubric's direction (:func:`_bounds_against_direction`), which are
    judged as removed: removing one is the fix, and it leaves no gap.
    """
    bands = []
    for position, verdict in verdicts:
        low, high = verdict.get("min_score", 0), verdict.get("max_score", 100)
        if against.get(position) == "max_score":
            high = 100  # a readiness band's refused max_score: without it, it reaches 100
        elif against.get(position) == "min_score":
            low = 0  # a risk band's refused min_score: without it, it starts at 0
        if not is_number(low) or not is_number(high):
            return  # refused by the schema or when read: the gaps cannot be judged
        if low <= high:
            bands.append(_Band(position, verdict, low, high))
    bands.sort(key=lambda band: (band.low, band.high))
    reach: _Band | None = None  # the band that reaches highest among those starting lower
    for band in bands:
        if reach is not None and _one_decimal_between(reach.high, band.low) is not None:
            yield _gap_problem(index, reach, band)
        if reach is None or band.high > reach.high:
            reach = band


def risk_bands_worst_first(document: YamlDocument) -> Iterator[Problem]:
    """A risk rubric's band for lower risk listed after one for higher risk: bands are read best
    first (a report ranks them so, and ``--fail-on-verdict X`` fails on X and every band after it),
    so a risk rubric listing its worst band first (``high`` with only a ``min_score``, before the
    catch-all ``low``) would pass the gate on the worst verdict and fail it on the best. Said once,
    at the first band out of order (:func:`_risk_band_out_of_order`); judged with the scores no
    answers reach (:func:`unreachable_score_problems`), on a rubric with no other problem, so it
    hides none of those."""
    verdicts = items(document.data.get("verdicts"))
    out_of_order = _risk_band_out_of_order(verdicts[:-1])
    if out_of_order is None:
        return
    position, earlier = out_of_order
    verdict = document.data["verdicts"][position]
    if earlier is not None:
        told = f"can be given lower scores than '{earlier.get('id')}', listed before it"
    else:
        told = (
            f"is given only scores of at least {number_words(verdict['min_score'])}, so the last verdict, "
            f"'{verdicts[-1][1].get('id')}', gets the lower ones"
        )
    yield document.problem(
        ("verdicts", position),
        f"verdict '{verdict.get('id')}' {told}, in a risk rubric, where lower is better: verdicts are read best "
        "first (--fail-on-verdict X fails on X and every verdict after it), so list them from the lowest risk to "
        "the highest, with max_score on each but the last",
    )


def _risk_band_out_of_order(
    verdicts: list[tuple[int, dict[str, Any]]],
) -> tuple[int, dict[str, Any] | None] | None:
    """The first of a risk rubric's bands (``verdicts``, those before the last) listed out of order,
    by position, with the band before it for higher scores (None: it has only a ``min_score``,
    which leaves the lower scores to the last verdict); None when they are in order, from the
    lowest risk.

    Only bands whose scores their bounds alone decide are compared (a band with a ``when`` may be
    a special case, such as an impact level, whatever its place): one that needs a lower score than
    a band before it (a lower ``max_score``), and one with only a ``min_score``."""
    seen: list[tuple[dict[str, Any], float]] = []
    for position, verdict in verdicts:
        low, high = verdict.get("min_score", 0), verdict.get("max_score", 100)
        if "when" in verdict or not is_number(low) or not is_number(high):
            continue
        earlier = next((band for band, band_high in seen if high < band_high), None)
        if earlier is not None or ("min_score" in verdict and "max_score" not in verdict):
            return position, earlier
        seen.append((verdict, high))
    return None


def _one_decimal_between(low: float, high: float) -> float | None:
    """A score with one decimal above ``low`` and below ``high``, near the middle; None if none is."""
    first, last = math.floor(round(low * 10, 6)) + 1, math.ceil(round(high * 10, 6)) - 1
    if first > last:
        return None
    return round(min(max(round((low + high) * 5), first), last) / 10, 1)


def _gap_problem(index: RubricIndex, below: _Band, above: _Band) -> Problem:
    """The gap between ``below`` (ending at its ``max_score``) and ``above`` (starting at its
    ``min_score``), reported at the bound of the one listed later: moving it to meet the other
    closes the gap, and the shared score still goes to the one listed first, as before."""
    example = _one_decimal_between(below.high, above.low)
    assert example is not None
    edge, other = (number_words(below.high), number_words(above.low))
    if below.position > above.position:
        moved, key, told = below, "max_score", f"ends at 'max_score: {edge}' and the band above it starts at {other}"
        kept, fix = above, _meeting_bound(above.low, "max_score", "below")
    else:
        moved, key, told = above, "min_score", f"starts at 'min_score: {other}' and the band below it ends at {edge}"
        kept, fix = below, _meeting_bound(below.high, "min_score", "above")
    last = items(index.data.get("verdicts"))[-1][1].get("id")
    return index.problem(
        ("verdicts", moved.position, key),
        f"verdict '{moved.verdict.get('id')}' {told} (verdict '{kept.verdict.get('id')}'): a score above {edge} "
        f"and below {other} (such as {number_words(example)}: scores have one decimal) gets neither, but the last "
        f"verdict, '{last}', though the scores on either side can get a better one; both bounds are included, "
        f"so write {fix.format(kept=kept.verdict.get('id'))}",
    )


def _meeting_bound(bound: float, key: str, side: str) -> str:
    """The advice that closes a gap: write ``key`` (of the band listed later) at ``bound``, where
    the band listed first ends (``side`` is where the written bound lies from it: ``below`` for a
    ``max_score``). Scores have one decimal, so a bound with more (66.75) is a score no assessment
    gets: the advice is then the nearest one-decimal score on that side (66.7), which leaves
    nothing between the bands, and says which scores go to the other band. ``{kept}`` is left for
    the other band's id."""
    tenths = round(bound * 10, 6)
    if tenths == math.floor(tenths):
        written = number_words(bound)
        return f"'{key}: {written}' (a score of {written} still gets '{{kept}}', listed first)"
    nearest, beyond = (
        (math.floor(tenths), math.ceil(tenths)) if side == "below" else (math.ceil(tenths), math.floor(tenths))
    )
    more = "and above" if side == "below" else "and below"
    return (
        f"'{key}: {number_words(nearest / 10)}', the {'highest' if side == 'below' else 'lowest'} score {side} "
        f"{number_words(bound)} ({number_words(beyond / 10)} {more} get '{{kept}}')"
    )


def _unreachable_verdicts(
    index: RubricIndex, verdicts: list[tuple[int, dict[str, Any]]], against: dict[int, str]
) -> Iterator[Problem]:
    """Verdicts that can never be given: a score range that is empty, or a band that an earlier,
    more lenient one always takes. (One that tests a score that never exists: see
    :meth:`RubricIndex.missing_score`.) A range whose bound is refused as going against the
    rubric's direction (``against``, :func:`_bounds_against_direction`) is not judged again:
    removing that bound is the fix."""
    for position, (verdict_index, verdict) in enumerate(verdicts):
        name = verdict.get("id")
        low, high = verdict.get("min_score"), verdict.get("max_score")
        if is_number(low) and is_number(high) and low > high and verdict_index not in against:
            yield index.problem(
                ("verdicts", verdict_index, "max_score"),
                f"verdict '{name}' asks for a score of at least {low:g} and at most {high:g}, so it is never given; "
                "swap them if they were written the wrong way round, or lower 'min_score' or raise 'max_score'",
            )
        earlier = next((other for _, other in verdicts[:position] if _always_before(other, verdict)), None)
        if earlier is not None and position < len(verdicts) - 1:
            yield index.problem(
                ("verdicts", verdict_index),
                f"verdict '{name}' is never given: every assessment that meets its conditions meets those of "
                f"'{earlier.get('id')}' before it; make it stricter, or move it up",
            )


def _always_before(earlier: dict[str, Any], later: dict[str, Any]) -> bool:
    """Whether ``earlier`` holds whenever ``later`` does, judged on the plain conditions only
    (neither has a ``when``, and each condition of ``earlier`` is one that ``later`` is stricter on)."""
    if "when" in earlier or "when" in later or not any(key in earlier for key in _VERDICT_CONDITIONS):
        return False

    def at_most(key: str, stricter_is_lower: bool) -> bool:
        if key not in earlier:
            return True
        mine, theirs = earlier[key], later.get(key)  # a number refused while reading is None: no judging
        if theirs is None or not is_number(mine) or not is_number(theirs):
            return False
        return theirs <= mine if stricter_is_lower else theirs >= mine

    severity_ok = earlier.get("max_severity") is None or (
        later.get("max_severity") in SEVERITY_RANK
        and earlier.get("max_severity") in SEVERITY_RANK
        and SEVERITY_RANK[later["max_severity"]] <= SEVERITY_RANK[earlier["max_severity"]]
    )
    return (
        at_most("min_score", stricter_is_lower=False)
        and at_most("max_score", stricter_is_lower=True)
        and at_most("min_coverage", stricter_is_lower=False)
        and severity_ok
    )


def check_directions(index: RubricIndex) -> Iterator[Problem]:
    """An area that scores the other way from the rubric stays out of the overall score."""
    for position, area in items(index.data.get("areas")):
        if "direction" in area and index.area_direction(area) != index.rubric_direction and area.get("weight") != 0:
            yield index.problem(
                ("areas", position, "direction"),
                f"area '{area.get('id')}' scores {index.area_direction(area)} while the rubric scores "
                f"{index.rubric_direction}; give it 'weight: 0' so it is reported beside the overall score, "
                "not mixed into it",
                key=True,
            )


def check_role_weights(index: RubricIndex) -> Iterator[Problem]:
    """Some role counts when respondents are combined by the role-weighted mean (the default).

    A role of weight 0 is shown but does not count; when every role has weight 0 only respondents
    who state no role count, and a combined report of the others has no score at all, as if no
    answer could be scored. The other ways of combining count every respondent once, whatever
    their role's weight.
    """
    divergence = index.data.get("divergence")
    combine = divergence.get("combine", "role_weighted_mean") if isinstance(divergence, dict) else "role_weighted_mean"
    roles = items(index.data.get("roles"))
    if combine != "role_weighted_mean" or not roles or not index.scored:
        return
    if all(role.get("weight", 1) == 0 for _, role in roles):
        yield index.problem(
            ("roles",),
            "every role has 'weight: 0', so when respondents are combined by the role-weighted mean no one who "
            "answers in a role counts, and a combined report of them has no score; give a role a weight above 0, "
            "or choose another 'combine' under 'divergence'",
            key=True,
        )


def check_owners(index: RubricIndex) -> Iterator[Problem]:
    """Every finding's ``owner`` is a role of the rubric."""
    roles = index.ids["roles"]
    for path, finding in _findings(index):
        owner = finding.get("owner")
        if isinstance(owner, str) and owner not in roles:
            yield index.problem(
                (*path, "owner"),
                f"the finding's owner '{owner}' is not a role of this rubric ({quoted_list(sorted(roles))})"
                + index.suggest(owner, "roles"),
            )


def _findings(index: RubricIndex) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    for entry in index.every_question():
        for key in ("options", "bands"):
            for position, item in items(entry.data.get(key)):
                if isinstance(item.get("finding"), dict):
                    yield (*entry.path, key, position, "finding"), item["finding"]
    for position, rule in items(index.data.get("rules")):
        if isinstance(rule.get("finding"), dict):
            yield ("rules", position, "finding"), rule["finding"]


def check_changes(index: RubricIndex) -> Iterator[Problem]:
    """Change entries no newer than the rubric (when its version is one: a version the schema
    refuses is neither older nor newer than theirs), and no likely typo in the ids they list."""
    version = index.data.get("version")
    version = version if isinstance(version, str) and is_version(version) else None
    seen: dict[str, int] = {}
    for position, change in items(index.data.get("changes")):
        changed = change.get("version")
        if isinstance(changed, str) and changed in seen:
            first = index.document.position(("changes", seen[changed], "version")).line
            yield index.problem(
                ("changes", position, "version"),
                f"change {changed} is already listed (line {first}): each version has one entry; merge the two, "
                "or correct this one's version (an entry edited from an older one loses that version's record)",
            )
        if isinstance(changed, str):
            seen.setdefault(changed, position)
        if version is not None and isinstance(changed, str) and version_key(changed) > version_key(version):
            yield index.problem(
                ("changes", position, "version"),
                f"change {changed} is newer than the rubric's version {version}: a change records what a version "
                f"changed, so raise the rubric's 'version' to {changed} if this is its newest change, or correct "
                "the change's version (a new rubric copied from another, with its own id, starts without the "
                "other's 'changes')",
            )
        yield from _mistyped_changes(index, position, change)


def check_version_recorded(index: RubricIndex) -> Iterator[Problem]:
    """A rubric that records its versions in ``changes`` records its current one: a version
    raised with no entry is what a methodologist publishes by a slip, and what it costs is told.

    Run before publishing only (``civdata rubric validate``): the rubric is used as it is by the
    other commands, and a rubric that records no change at all is left alone (a first version).
    """
    version = index.data.get("version")
    recorded: list[str] = [
        change["version"]
        for _, change in items(index.data.get("changes"))
        if isinstance(change.get("version"), str) and is_version(change["version"])
    ]
    if not isinstance(version, str) or not is_version(version) or not recorded or version in recorded:
        return
    newest = max(recorded, key=version_key)
    if version_key(newest) > version_key(version):
        return  # check_changes says that an entry is newer than the rubric
    if same_questions(newest, version):
        cost = (
            f"answers made for {newest} are read as they are, but a report names version {version} and nothing "
            "says what it changed"
        )
    else:
        cost = (
            f"answers made for {newest} or earlier would be asked every question again (assess --resume, "
            "template --from), as nothing says which questions changed"
        )
    yield index.problem(
        ("version",),
        f"version {version} has no entry in 'changes' (the newest is {newest}): {cost}; add an entry for "
        f"{version} that says what changed and lists the questions and rules it changed",
    )


def check_patch_questions(index: RubricIndex) -> Iterator[Problem]:
    """No PATCH version lists a question among what it changed: answers made for an earlier PATCH
    of the same MAJOR.MINOR are read as they are ("a PATCH release changes no question"), so a
    question a PATCH added or changed would be read as answered, or left blank with its finding
    raised, and never asked again. Rules may change in a PATCH (a finding's wording, its test),
    questions not. Run before publishing only, as :func:`check_version_recorded`."""
    for position, change in items(index.data.get("changes")):
        version, listed = change.get("version"), change.get("questions")
        if not isinstance(version, str) or not is_version(version) or not listed or not isinstance(listed, list):
            continue
        major, minor, patch = (int(part) for part in version.split("."))
        if patch == 0:
            continue
        shown = quoted_list([str(name) for name in listed])
        yield index.problem(
            ("changes", position, "questions"),
            f"version {version} is a PATCH, which changes no question, but lists {shown}: answers made for an "
            f"earlier {major}.{minor} version are read as they are, so {verb(len(listed), 'it is', 'they are')} "
            f"never asked again; make it version {major}.{minor + 1}.0 (a new or changed question needs a new "
            "MINOR version), or remove the list if only wording changed",
        )


#: For each list a change may hold: how a listed id is named, what the rubric's ids of that kind
#: are called, and what a typo costs (see :func:`_mistyped_changes`).
_CHANGE_LISTS = {
    "questions": (
        "",
        "question",
        " and earlier answers to it are kept (list a removed question this close to one still asked only "
        "beside it, as a rename)",
    ),
    "rules": ("rule ", "rule", ", so a comparison with an earlier baseline takes its findings for new ones"),
}


def _mistyped_changes(index: RubricIndex, position: int, change: dict[str, Any]) -> Iterator[Problem]:
    """Ids a change lists (``questions``, ``rules``) that are one slip from one of the rubric's,
    which it does not list.

    A change may list a question (or rule) the rubric no longer has: a removed one. But an id one
    slip from a current one (``risk`` for ``risks``) is far likelier a typo, and a costly one: the
    question it meant then counts as unchanged, so ``--baseline`` compares answers to it across
    the change and ``assess --resume`` keeps them unasked; a rule meant counts as unchanged, so its
    first finding reads as a new risk. A rename lists both ids, so a removed id is taken as such
    when the one it is close to is listed beside it. Near names of another kind (``data-sharing``
    and ``data-storage``, numbered ``impact6`` and ``impact7``) are left alone: those are as likely
    two as one typo.
    """
    for key, (named, kind, cost) in _CHANGE_LISTS.items():
        listed = change.get(key)
        if not isinstance(listed, list):
            continue
        known = index.questions.keys() if key == "questions" else index.ids.get("rules", set())
        names = [name for name in listed if isinstance(name, str)]
        renamed_to = [name for name in names if name in known]
        for place, name in enumerate(listed):
            if not isinstance(name, str) or name in known or one_slip_from(name, renamed_to) is not None:
                continue  # one the rubric has, or a removed one listed beside its new id (a rename)
            meant = one_slip_from(name, (other for other in known if other not in names and is_id(other)))
            if meant is not None:
                yield index.problem(
                    ("changes", position, key, place),
                    f"change {change.get('version')} lists {named}'{name}', which is not a {kind} of this rubric; "
                    f"did you mean '{meant}'? As written, '{meant}' counts as unchanged in {change.get('version')}"
                    f"{cost}",
                )


def check_languages(index: RubricIndex) -> Iterator[Problem]:
    """Text given in several languages includes the rubric's own, and no language code is given by
    so few texts that it is likelier a typo than a translation (``ra`` for ``ar``)."""
    language = index.data.get("language", "en")
    if is_language_code(language):
        yield from missing_language_problems(index.document, language)
        yield from rare_language_problems(index.document, language)
