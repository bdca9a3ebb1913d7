"""Checks of questions and areas: unique ids, the keys each type of question may have, options
and their scores and findings, and number bands that cover every accepted answer."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import Any

from civdata.conditions import OVERALL
from civdata.initiatives import described, form_difference
from civdata.model import (
    RESERVED_QUESTION_IDS,
    SEVERITY_RANK,
    YES_NO_LABELS,
)
from civdata.possible_answers import (
    is_number,
    number_answers,
)
from civdata.problems import Problem, did_you_mean, quoted_list
from civdata.rubric_checks.index import CHOICE_TYPES, QuestionEntry, RubricIndex, items
from civdata.rubric_data import is_unknown_option, option_key
from civdata.yamlsource import DataPath

_ONLY_FOR = {
    "scoring": ("multiple_choice",),
    "min": ("number",),
    "max": ("number",),
    "integer": ("number",),
    "unit": ("number",),
    "bands": ("number",),
    "options": CHOICE_TYPES,
}


def check_question_ids(index: RubricIndex) -> Iterator[Problem]:
    """No question id that would give its findings the ids of findings civdata words itself
    (:data:`civdata.model.RESERVED_QUESTION_IDS`)."""
    for ident, entry in index.questions.items():
        if ident in RESERVED_QUESTION_IDS:
            yield index.problem(
                (*entry.path, "id"),
                f"question id '{ident}' is reserved: its findings would have the ids "
                f"{RESERVED_QUESTION_IDS[ident]}; give the question another id, such as '{ident}-question', "
                "wherever it is named",
            )


def check_area_ids(index: RubricIndex) -> Iterator[Problem]:
    """No area id ``overall``: a score test ``{score: overall}`` reads the overall score, so a rule
    or verdict meant for that area would silently read another score, and the JSON report would
    hold two scores of that name."""
    for position, area in items(index.data.get("areas")):
        if area.get("id") == OVERALL:
            yield index.problem(
                ("areas", position, "id"),
                f"area id '{OVERALL}' is reserved: a score test such as {{score: {OVERALL}, lt: 50}} reads the overall "
                f"score; give the area another id, such as '{OVERALL}-area', wherever it is named",
            )


def check_question_keys(index: RubricIndex) -> Iterator[Problem]:
    """Keys that fit the question's type, roles that exist, and no score on text."""
    for entry in index.every_question():
        question, path = entry.data, entry.path
        roles = question.get("roles")
        for position, role in enumerate(roles if isinstance(roles, list) else []):
            if isinstance(role, str) and role not in index.ids["roles"]:
                yield index.problem(
                    (*path, "roles", position),
                    f"{entry.where} names role '{role}', which the rubric does not define"
                    + index.suggest(role, "roles"),
                )
        for key, types in _ONLY_FOR.items():
            if key in question and entry.type and entry.type not in types:
                message = (
                    f"{entry.where} is a {entry.type} question; '{key}' is only for {quoted_list(types)} questions"
                )
                yield index.problem((*path, key), message, key=True)
        if "score" in question:
            yield index.problem(
                (*path, "score"),
                f"{entry.where}: text is never scored by its mere presence, so remove 'score'; to count an "
                "answer, ask it as a choice (for example written down / not written down / I don't know)",
                key=True,
            )


def check_options(index: RubricIndex) -> Iterator[Problem]:
    """Option values, labels and scores that fit the question type."""
    for entry in index.every_question():
        if entry.type in CHOICE_TYPES:
            yield from _option_values(index, entry)
            yield from _option_scores(index, entry)
            yield from _option_set(index, entry)
            yield from _standing_alone(index, entry)


def _option_values(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    kind, where = entry.type, entry.where
    seen: dict[Any, tuple[Any, int]] = {}
    folded: dict[str, tuple[str, int]] = {}
    for position, option in items(entry.data.get("options")):
        option_path = (*entry.path, "options", position)
        value = option.get("value")
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            continue  # missing, or a list or mapping: the schema has reported it
        written = index.document.text_as_written((*option_path, "value"), value)
        yield from _value_kind(index, entry, (*option_path, "value"), value, written)
        yield from _value_spacing(index, entry, (*option_path, "value"), value)
        yield from _value_scripts(index, entry, (*option_path, "value"), value)
        key = option_key(value)  # one value, whichever Unicode form it is written in
        if key in seen:
            other, at = seen[key]
            first = index.document.position((*entry.path, "options", at, "value")).line
            yield index.problem(
                (*option_path, "value"),
                f"{where} already has an option '{other}' (line {first})" + _written_otherwise(value, other),
            )
        elif isinstance(value, str) and option_key(value).casefold() in folded:
            other, at = folded[option_key(value).casefold()]
            first = index.document.position((*entry.path, "options", at, "value")).line
            yield index.problem(
                (*option_path, "value"),
                f"{where} already has an option '{other}' (line {first}), which '{value}' differs from only in "
                "letter case: an answer written one way would score as the other; make them different words",
            )
        seen[key] = (value, position)
        if isinstance(value, str):
            folded.setdefault(option_key(value).casefold(), (value, position))
        if kind != "yes_no" and "label" not in option:
            yield index.problem(option_path, f"option '{value}' of {where} needs a 'label' for respondents")
        if kind == "yes_no" and value == "na" and option.get("not_applicable") is not True:
            yield index.problem(option_path, f"option 'na' of {where} must have 'not_applicable: true'")
        for flag in ("exclusive",):
            if option.get(flag) and kind != "multiple_choice":
                yield index.problem(
                    (*option_path, flag),
                    f"'{flag}' only applies to multiple_choice options, and {where} is {kind}",
                    key=True,
                )


def _written_otherwise(value: Any, other: Any) -> str:
    """What follows "already has an option 'café'" when the two are one text written in other
    Unicode characters, which no one can see: which characters, and that an answer is either."""
    if value == other:
        return ""
    return (
        f", the same text written with other characters ({form_difference(value, other)}): an answer is matched "
        "to both whichever way it is written; keep one"
    )


def _value_spacing(index: RubricIndex, entry: QuestionEntry, path: DataPath, value: Any) -> Iterator[Problem]:
    """An option value of a choice that shows something, with nothing around it. An empty value
    (or spaces alone) can never be given: an answer of ``""`` is a blank, so an import turned a
    respondent's pick of it into no answer (the review of rubric authoring). Spaces around a value
    (``" partial"``, a no-break space pasted after it) are not seen, and answers are matched as
    written, so ``partial`` was refused. A yes/no question's own check names its words."""
    if entry.type == "yes_no" or not isinstance(value, str) or (value and value.strip() == value):
        return
    if not value.strip():
        yield index.problem(
            path,
            f"an option value of {entry.where} is {'empty' if not value else 'only spaces'}: an answer written so is "
            "read as no answer, so this option could never be chosen; give it a value, such as 'none'",
        )
    else:
        yield index.problem(
            path,
            f"option value '{value}' of {entry.where} has spaces around it, which nobody sees, and an answer "
            f"written without them would not match it: write '{value.strip()}'",
        )


#: Scripts whose letters look alike (``а``, ``a``, ``α``): one word of an option value mixing them
#: is a look-alike written on another keyboard or pasted, not a word of either.
_LOOK_ALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")

#: A word: a run of letters (and the marks that go with them).
_WORD = re.compile(r"[^\W\d_]+")


def _value_scripts(index: RubricIndex, entry: QuestionEntry, path: DataPath, value: Any) -> Iterator[Problem]:
    """An option value none of whose words mixes Latin, Cyrillic and Greek letters: ``fuІl``, with
    a Cyrillic ``І``, beside ``full`` is another option that looks the same, and an answer typed
    ``full`` scores as one or the other by bytes nobody sees (the review of today's fixes; one text
    in two Unicode forms was already one value). Words of different scripts side by side are fine."""
    if not isinstance(value, str) or value.isascii():
        return
    for word in _WORD.findall(value):
        script_of = {letter: unicodedata.name(letter, "").split(" ")[0] for letter in word if letter.isalpha()}
        counts = Counter(script_of[letter] for letter in word if letter in script_of)
        mixed = [script for script in _LOOK_ALIKE_SCRIPTS if script in counts]
        if len(mixed) > 1:
            most = max(mixed, key=lambda script: counts[script])
            odd = "".join(letter for letter, script in script_of.items() if script in mixed and script != most)
            yield index.problem(
                path,
                f"option value '{value}' of {entry.where} mixes {' and '.join(s.title() for s in mixed)} letters in "
                f"one word ('{word}': {described(odd)}), which look alike: an answer typed on another keyboard "
                "would not match it; write the word in one script",
            )
            return


#: The word a yes/no option written as a number was most likely meant as (``0`` for no).
_YES_NO_NUMBERS = {0: "no", 1: "yes"}


def _value_kind(
    index: RubricIndex, entry: QuestionEntry, path: DataPath, value: Any, written: str
) -> Iterator[Problem]:
    """An option value of the kind its question takes, one problem per value. A scale's points are
    whole numbers: ``3.0`` is read as a number by the schema (JSON Schema counts it an integer),
    but answers, templates and rules would each write it otherwise, so it is refused with the
    number to write. A yes/no option takes only its words: a number there is told which word to
    write, once (quoting ``0`` would make it text, still no yes/no word)."""
    kind, where = entry.type, entry.where
    if kind == "scale":
        if not isinstance(value, int) or isinstance(value, bool):
            whole = f"; write {int(value)}" if isinstance(value, float) and value.is_integer() else ""
            yield index.problem(path, f"the points of scale {where} must be whole numbers, not '{written}'{whole}")
    elif kind == "yes_no":
        if value not in YES_NO_LABELS:
            yield index.problem(
                path,
                f"yes/no {where} can only offer {quoted_list(YES_NO_LABELS)}, "
                + (
                    f"not '{value}'" + did_you_mean(value, YES_NO_LABELS)
                    if isinstance(value, str)
                    else f"not the number {written}" + _yes_no_for_number(value)
                ),
            )
    elif not isinstance(value, str):
        yield index.problem(path, f"option values of {where} must be text; write '{written}' in quotes")


def _yes_no_for_number(value: float) -> str:
    """What to write for a yes/no option written as a number: its word, in quotes, when the
    number is one of the two that stand for one (0 and 1); else the words to choose from."""
    word = _YES_NO_NUMBERS.get(int(value)) if float(value).is_integer() else None
    if word is None:
        return "; write the word it stands for, in quotes"
    return f'; write "{word}"'


def _option_scores(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    where = entry.where
    unscored = entry.data.get("weight") == 0  # asked for context only: its options need no score
    keys_used: set[str] = set()
    for position, option in items(entry.data.get("options")):
        option_path = (*entry.path, "options", position)
        value = option.get("value")
        given = [key for key in ("score", "points") if key in option]
        keys_used.update(given)
        if len(given) == 2:
            yield index.problem(option_path, f"option '{value}' of {where} has both 'score' and 'points'; keep one")
        if is_unknown_option(option, entry.type):
            if option.get("not_applicable") is True:
                yield index.problem(
                    option_path, f"option '{value}' of {where} cannot be both \"I don't know\" and 'not applicable'"
                )
            for key in given:
                yield index.problem(
                    (*option_path, key),
                    f"option '{value}' of {where} is \"I don't know\", so it takes no {key}: civdata scores it as "
                    "the question's worst answer; remove it",
                    key=True,
                )
        elif option.get("not_applicable") is True:
            for key in given:
                yield index.problem(
                    (*option_path, key),
                    f"option '{value}' of {where} is 'not applicable', so it takes no {key}",
                    key=True,
                )
        elif not given and not unscored:
            yield index.problem(
                option_path,
                f"option '{value}' of {where} needs a 'score' from 0 to 1 (or 'points'), or 'not_applicable: true' "
                "(questions with 'weight: 0' need no scores)",
            )
    if keys_used == {"score", "points"}:
        yield index.problem((*entry.path, "options"), f"the options of {where} mix 'score' and 'points'; use one kind")


def _option_set(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    where, kind = entry.where, entry.type
    options = items(entry.data.get("options"))
    values = [option.get("value") for _, option in options if isinstance(option.get("value"), (str, int))]
    if kind == "yes_no":
        # A word an option written as a number stands for (0 for no) is told there, once.
        meant = {_YES_NO_NUMBERS.get(value) for value in values if isinstance(value, int)}
        missing = [value for value in ("yes", "no") if value not in values and value not in meant]
        if missing:
            yield index.problem((*entry.path, "options"), f"yes/no {where} must offer {quoted_list(missing)}")
    if kind == "scale":
        points = [
            option["value"]
            for _, option in options
            if isinstance(option.get("value"), int) and not is_unknown_option(option, kind)
        ]
        if len(points) < 2:
            yield index.problem((*entry.path, "options"), f"scale {where} needs at least two points")
        elif points != sorted(points):
            yield index.problem((*entry.path, "options"), f"the points of scale {where} must be in ascending order")
    # Without 'options' at all the schema says it is missing (or that a misspelt key is meant).
    if kind in ("single_choice", "multiple_choice") and len(set(values)) < 2 and "options" in entry.data:
        yield index.problem((*entry.path, "options"), f"{where} needs at least two options to choose from")
    if sum(1 for _, option in options if is_unknown_option(option, kind)) > 1:
        yield index.problem((*entry.path, "options"), f'{where} has more than one "I don\'t know" option; keep one')


#: The ``scoring`` under which ticking the worst option beside others gives the worst score, by
#: the direction the question scores in: what "I don't know" counts as, ticked beside others.
_WORST_TICKED = {"readiness": "min", "risk": "max"}


def _standing_alone(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    """In a multiple choice, "not applicable" and "I don't know" ticked beside other options must
    keep their meaning (the review of rubric authoring): ``[y, na]`` kept the question in the score
    that "not applicable" takes it out of, and ``[x, dk]`` scored full marks under ``sum``, where
    "I don't know" counts as the worst answer. "Not applicable" must stand alone. "I don't know"
    must too, unless the question scores its worst option ticked (``scoring: min``, or ``max`` for
    risk), where ticking it beside others means "these, and maybe more" (the bundled rubric asks
    for that) and does score as the worst answer; or the question is not scored (``weight: 0``)."""
    if entry.type != "multiple_choice":
        return
    worst = _WORST_TICKED[index.question_direction(entry)]
    scoring = entry.data.get("scoring", "sum")
    for position, option in items(entry.data.get("options")):
        if option.get("exclusive") is True:
            continue
        name = f"option '{option.get('value')}' of {entry.where}"
        if option.get("not_applicable") is True:
            yield index.problem(
                (*entry.path, "options", position),
                f"{name} is 'not applicable', which takes the question out of its area's score; ticked beside "
                "other options it would not: add 'exclusive: true'",
            )
        elif is_unknown_option(option, entry.type) and scoring != worst and entry.data.get("weight") != 0:
            yield index.problem(
                (*entry.path, "options", position),
                # Only the one fix: 'scoring: min', where ticking it beside others does count as the
                # worst, would halve every full answer of a checklist scored by its sum (the review
                # of the fix); the docs say when it may be left open.
                f"{name} is \"I don't know\", which scores as the question's worst answer; ticked beside other "
                f"options it would not, under 'scoring: {scoring}': add 'exclusive: true'",
            )


def check_findings_follow_scores(index: RubricIndex) -> Iterator[Problem]:
    """A worse answer never raises a milder finding than a better one, and "I don't know", which
    counts as the worst answer, raises a finding at least as severe as any other answer's."""
    for entry in index.every_question():
        risk = index.question_direction(entry) == "risk"
        values = [option.get("value") for _, option in items(entry.data.get("options"))]
        if len({repr(option_key(value)) for value in values}) < len(values):
            # Two options of one value are reported as such; ranked by it, "option 'draft' scores
            # worse than option 'draft'" would only confuse (an outside review).
            continue
        for key in ("options", "bands"):
            ranked = []
            unknown: list[tuple[int, dict[str, Any]]] = []
            for position, item in items(entry.data.get(key)):
                if is_unknown_option(item, entry.type) and key == "options":
                    unknown.append((position, item))
                    continue
                raw = item.get("score", item.get("points"))
                # A score out of its range is reported on its own; ranked by it, it would blame
                # another option for a mistake that is not there.
                in_range = "score" not in item or (is_number(raw) and 0 <= raw <= 1)
                if is_number(raw) and in_range and item.get("not_applicable") is not True:
                    ranked.append((-raw if risk else raw, position, item))
            yield from _severity_order(index, entry, key, ranked)
            yield from _unknown_severity(index, entry, unknown)


def _severity(item: dict[str, Any]) -> int:
    finding = item.get("finding")
    severity = finding.get("severity") if isinstance(finding, dict) else None
    return SEVERITY_RANK.get(severity, -1) if isinstance(severity, str) else -1


def _name(item: dict[str, Any], key: str, position: int) -> str:
    return f"option '{item.get('value')}'" if key == "options" else f"band {position + 1}"


def _severity_order(
    index: RubricIndex, entry: QuestionEntry, key: str, ranked: list[tuple[float, int, dict[str, Any]]]
) -> Iterator[Problem]:
    for goodness, position, item in ranked:
        better_and_worse = [
            (other_position, other)
            for other_goodness, other_position, other in ranked
            if other_goodness > goodness and _severity(other) > _severity(item)
        ]
        if better_and_worse:
            other_position, other = better_and_worse[0]
            yield index.problem(
                (*entry.path, key, position),
                f"{_name(item, key, position)} of {entry.where} scores worse than {_name(other, key, other_position)} "
                "but raises a milder finding (or none); a worse answer must never look less serious",
            )


def _unknown_severity(
    index: RubricIndex, entry: QuestionEntry, unknown: list[tuple[int, dict[str, Any]]]
) -> Iterator[Problem]:
    if not unknown:
        return
    worst = max(
        (_severity(item) for _, item in items(entry.data.get("options")) if not is_unknown_option(item, entry.type)),
        default=-1,
    )
    for position, item in unknown:
        if _severity(item) < worst:
            needed = next(name for name, rank in SEVERITY_RANK.items() if rank == worst)
            yield index.problem(
                (*entry.path, "options", position),
                f"option '{item.get('value')}' of {entry.where} is \"I don't know\", which counts as the worst answer, "
                f"so it needs a finding at least '{needed}' (another answer raises one that severe); word its title "
                "for not knowing",
            )


def check_number_bands(index: RubricIndex) -> Iterator[Problem]:
    """Number bands that cover every accepted answer exactly once."""
    for entry in index.every_question():
        if entry.type == "number":
            yield from _number_bands(index, entry)
            yield from _unreachable_bands(index, entry)
            yield from _band_score_kinds(index, entry)


#: A bound that is written but is not a number: the schema (or the reader, for a number it
#: refused) has reported it, and the bands next to it cannot be judged.
_UNREADABLE = "unreadable"


def _bound(mapping: dict[str, Any], key: str) -> float | str | None:
    """A ``min`` or ``max``: the number, None when it is not written, or :data:`_UNREADABLE`."""
    if key not in mapping:
        return None
    value = mapping[key]
    return value if is_number(value) else _UNREADABLE


def _number_bands(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    question, path, where = entry.data, entry.path, entry.where
    low, high = _bound(question, "min"), _bound(question, "max")
    if is_number(low) and is_number(high) and low > high:
        yield index.problem((*path, "max"), f"{where} has 'max' {high} below 'min' {low}")
    bands = items(question.get("bands"))
    previous_max: Any = "start"
    for position, (band_index, band) in enumerate(bands):
        band_path = (*path, "bands", band_index)
        if "score" not in band and "points" not in band and question.get("weight") != 0:
            yield index.problem(
                band_path, f"band {band_index + 1} of {where} needs a 'score' (questions with 'weight: 0' need none)"
            )
        band_min, band_max = _bound(band, "min"), _bound(band, "max")
        if is_number(band_min) and is_number(band_max) and band_min >= band_max:
            yield index.problem(band_path, f"band {band_index + 1} of {where} is empty: 'min' must be below 'max'")
        if position == 0:
            if is_number(band_min) and (low is None or (is_number(low) and low < band_min)):
                start = f"{low:g}" if is_number(low) else "any number"
                yield index.problem(
                    (*band_path, "min"),
                    f"answers from {start} up to {band_min:g} to {where} fall in no band; "
                    "remove the first band's 'min' or set the question's 'min'",
                )
        elif previous_max is None:
            yield index.problem(
                band_path, f"band {band_index} of {where} has no 'max', so band {band_index + 1} is never reached"
            )
        elif _UNREADABLE not in (previous_max, band_min) and band_min != previous_max:
            yield index.problem(
                (*band_path, "min"),
                f"band {band_index + 1} of {where} must start where band {band_index} ends ({previous_max}), "
                f"so that every answer falls in exactly one band",
            )
        previous_max = band_max
    if bands and is_number(previous_max) and (high is None or (is_number(high) and high >= previous_max)):
        yield index.problem(
            (*path, "bands", bands[-1][0], "max"),
            f"answers of {previous_max:g} or more to {where} fall in no band; remove the last "
            "band's 'max' or set the question's 'max' below it",
        )


def _unreachable_bands(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    """Bands no accepted answer falls in (above the question's ``max``, below its ``min``, or with
    no whole number in them when answers are whole): their scores and findings are never given."""
    answers = number_answers(entry.data)
    if answers is None:
        return
    for band_index, band in items(entry.data.get("bands")):
        low, high = band.get("min", -math.inf), band.get("max", math.inf)
        if not is_number(low) or not is_number(high) or low >= high:
            continue  # malformed or empty: reported by the schema or _number_bands
        if not answers.admits((low, True, high, False)):
            yield index.problem(
                (*entry.path, "bands", band_index),
                f"no answer to {entry.where} falls in band {band_index + 1}: its answers are {answers.words}; "
                "remove the band, or change the question's 'min' or 'max'",
            )


def _band_score_kinds(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    """A question's bands score one way, as its options must: a 0-1 ``score`` is a share of the
    question and ``points`` are raw, so in a mix one band's full marks would count as one point."""
    keys_used: set[str] = set()
    for band_index, band in items(entry.data.get("bands")):
        given = [key for key in ("score", "points") if key in band]
        if len(given) == 1:
            keys_used.update(given)
        elif len(given) == 2:  # said of this band alone, and not again as a mix
            yield index.problem(
                (*entry.path, "bands", band_index),
                f"band {band_index + 1} of {entry.where} has both 'score' and 'points'; keep one",
            )
    if keys_used == {"score", "points"}:
        message = f"the bands of {entry.where} mix 'score' and 'points'; use one kind"
        yield index.problem((*entry.path, "bands"), message)
