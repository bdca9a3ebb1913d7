"""Load a rubric file: YAML -> JSON Schema -> the checks a schema cannot express -> the model.

The schema settles the shape. This module checks what only the whole rubric can tell: ids that
must be unique, conditions that must refer to earlier questions and real options, number bands
that must cover every accepted answer, verdict bands that must always yield a verdict.
Every problem is collected; the model is built only from a rubric with none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from civdata.conditions import NUMERIC_OPERATORS, OPERATORS
from civdata.model import (
    YES_NO_LABELS,
    AllOf,
    AnyOf,
    Area,
    Band,
    Change,
    Compare,
    Condition,
    FindingSpec,
    Not,
    Option,
    Question,
    QuestionType,
    Role,
    Rubric,
    Rule,
    Severity,
    Verdict,
)
from civdata.problems import InputError, Problem, did_you_mean, quoted_list
from civdata.schemacheck import schema_problems
from civdata.yamlsource import DataPath, YamlDocument, read_yaml_file, worth_checking

#: How deep 'all', 'any' and 'not' may nest in one condition. Real rubrics use two or three
#: levels; the limit keeps every check and evaluation of a condition far from Python's
#: recursion limit (JSON Schema validation recurses several frames per level).
MAX_CONDITION_DEPTH = 20


def load_rubric(path: Path, source: str | None = None) -> Rubric:
    """Read, check and build the rubric at ``path``; raise :class:`InputError` with every problem.

    The model names the file as reports show it (``source`` if given, else ``bundled: NAME.yaml``
    or the path as given) and carries the SHA-256 of the bytes read.
    """
    from civdata.catalog import rubric_file_label

    document, problems = read_yaml_file(path, source, role="the rubric")
    return rubric_from_document(document, problems, label=source or rubric_file_label(path))


def rubric_from_document(
    document: YamlDocument, problems: list[Problem] | None = None, *, label: str | None = None
) -> Rubric:
    """Check a parsed rubric and build its model. ``problems`` are those found while parsing;
    when the YAML was readable at all, the remaining checks still run so that every mistake is
    reported in one go. ``label`` names the file in reports (default: the document's source)."""
    problems = list(problems or [])
    if worth_checking(document) or not problems:
        problems.extend(check_rubric_document(document))
    if problems:
        raise InputError(problems)
    return _build_rubric(document.data, label or document.source, document.sha256 or "")


def check_rubric_document(document: YamlDocument) -> list[Problem]:
    """All schema and consistency problems of a parsed rubric document."""
    if document.data is None:
        return [
            document.problem(
                (), "the file is empty (nothing but blanks or comments); a rubric needs 'id', 'areas' and so on"
            )
        ]
    if not isinstance(document.data, dict):
        return [document.problem((), "a rubric must be a YAML mapping with 'id', 'areas' and so on")]
    too_deep = condition_depth_problems(document)
    if too_deep:
        return too_deep
    problems = schema_problems(document, "rubric")
    problems.extend(_RubricChecker(document).check())
    return problems


def condition_depth_problems(document: YamlDocument) -> list[Problem]:
    """A problem for each condition that nests deeper than :data:`MAX_CONDITION_DEPTH`.

    Checked before anything else looks at conditions, and without recursion, so that no later
    check (the schema's included) can run out of stack on a hostile rubric.
    """
    data = document.data
    roots: list[tuple[Any, DataPath]] = [
        (rule.get("when"), ("rules", index, "when")) for index, rule in _items(data.get("rules"))
    ]
    for area_index, area in _items(data.get("areas")):
        for index, question in _items(area.get("questions")):
            roots.append((question.get("when"), ("areas", area_index, "questions", index, "when")))
    problems = []
    for condition, path in roots:
        deepest = _deepest_condition(condition, path)
        if deepest is not None:
            problems.append(
                document.problem(
                    deepest,
                    f"this condition nests 'all', 'any' and 'not' more than {MAX_CONDITION_DEPTH} levels deep; "
                    "write it with fewer levels",
                )
            )
    return problems


def _deepest_condition(condition: Any, path: DataPath) -> DataPath | None:
    """The path of the first part nested deeper than the limit, or None."""
    stack: list[tuple[Any, DataPath, int]] = [(condition, path, 0)]
    while stack:
        part, where, depth = stack.pop()
        if not isinstance(part, dict):
            continue
        if depth > MAX_CONDITION_DEPTH:
            return where
        for key in ("all", "any"):
            if isinstance(part.get(key), list):
                stack.extend((item, (*where, key, index), depth + 1) for index, item in enumerate(part[key]))
        if "not" in part:
            stack.append((part["not"], (*where, "not"), depth + 1))
    return None


def _items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mapping items of a list, with their index; anything malformed is skipped (the schema
    has already reported it)."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


class _RubricChecker:
    """Consistency checks over a rubric that may still be malformed: never raises."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.data: dict[str, Any] = document.data
        self.problems: list[Problem] = []
        # question id -> (its data, its path, its position in asking order)
        self.questions: dict[str, tuple[dict[str, Any], DataPath, int]] = {}

    def problem(self, path: DataPath, message: str, *, key: bool = False) -> None:
        self.problems.append(self.document.problem(path, message, key=key))

    def check(self) -> list[Problem]:
        role_ids = self._unique_ids("roles", "role")
        self._unique_ids("areas", "area")
        self._unique_ids("rules", "rule")
        self._unique_ids("verdicts", "verdict")
        self._collect_questions()
        for question_id, (question, path, _) in self.questions.items():
            self._check_question(question_id, question, path, role_ids)
        for index, rule in _items(self.data.get("rules")):
            if isinstance(rule.get("when"), dict):
                self._check_condition(rule["when"], ("rules", index, "when"), before=None)
        self._check_verdicts()
        self._check_changes()
        return self.problems

    def _unique_ids(self, key: str, kind: str) -> set[str]:
        seen: dict[str, int] = {}
        for index, item in _items(self.data.get(key)):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                first = self.document.position((key, seen[ident], "id")).line
                self.problem((key, index, "id"), f"{kind} id '{ident}' is already used on line {first}")
            else:
                seen[ident] = index
        return set(seen)

    def _collect_questions(self) -> None:
        order = 0
        for area_index, area in _items(self.data.get("areas")):
            for index, question in _items(area.get("questions")):
                ident = question.get("id")
                path = ("areas", area_index, "questions", index)
                if not isinstance(ident, str):
                    continue
                if ident in self.questions:
                    first = self.document.position((*self.questions[ident][1], "id")).line
                    self.problem((*path, "id"), f"question id '{ident}' is already used on line {first}")
                    continue
                self.questions[ident] = (question, path, order)
                order += 1

    # -- questions ------------------------------------------------------------------------------

    def _check_question(self, question_id: str, question: dict[str, Any], path: DataPath, role_ids: set[str]) -> None:
        kind = question.get("type") if isinstance(question.get("type"), str) else None
        where = f"question '{question_id}'"
        roles = question.get("roles")
        for index, role in enumerate(roles if isinstance(roles, list) else []):
            if isinstance(role, str) and role not in role_ids:
                self.problem(
                    (*path, "roles", index),
                    f"{where} names role '{role}', which the rubric does not define" + did_you_mean(role, role_ids),
                )
        only_for = {
            "scoring": ("multiple_choice",),
            "min": ("number",),
            "max": ("number",),
            "integer": ("number",),
            "unit": ("number",),
            "bands": ("number",),
            "score": ("text",),
            "options": ("single_choice", "multiple_choice", "yes_no", "scale"),
        }
        for key, types in only_for.items():
            if key in question and kind in _TYPES and kind not in types:
                self.problem(
                    (*path, key),
                    f"{where} is a {kind} question; '{key}' is only for {quoted_list(types)} questions",
                    key=True,
                )
        if kind in ("single_choice", "multiple_choice", "yes_no", "scale"):
            self._check_options(question_id, question, path, kind)
        if kind == "number":
            self._check_number(question_id, question, path)
        if isinstance(question.get("when"), dict):
            order = self.questions[question_id][2]
            self._check_condition(question["when"], (*path, "when"), before=order)

    def _check_options(self, question_id: str, question: dict[str, Any], path: DataPath, kind: str) -> None:
        where = f"question '{question_id}'"
        options = _items(question.get("options"))
        # A question asked only for context (weight 0) is never scored, so its options need no score.
        unscored = question.get("weight") == 0
        seen: dict[Any, int] = {}
        for index, option in options:
            option_path = (*path, "options", index)
            value = option.get("value")
            if not isinstance(value, (str, int)):
                continue  # missing, or a list or mapping: the schema has reported it
            if kind == "scale" and (not isinstance(value, int) or isinstance(value, bool)):
                self.problem(
                    (*option_path, "value"), f"the points of scale {where} must be whole numbers, not '{value}'"
                )
            if kind != "scale" and not isinstance(value, str):
                self.problem(
                    (*option_path, "value"),
                    f"option values of {where} must be text; write '{value}' in quotes",
                )
            if value in seen:
                first = self.document.position((*path, "options", seen[value], "value")).line
                self.problem((*option_path, "value"), f"{where} already has an option '{value}' (line {first})")
            seen[value] = index
            if kind == "yes_no" and value not in YES_NO_LABELS:
                self.problem(
                    (*option_path, "value"),
                    f"yes/no {where} can only offer {quoted_list(YES_NO_LABELS)}, not '{value}'"
                    + did_you_mean(value, YES_NO_LABELS),
                )
            if kind != "yes_no" and "label" not in option:
                self.problem(option_path, f"option '{value}' of {where} needs a 'label' for respondents")
            not_applicable = option.get("not_applicable") is True
            if not_applicable and "score" in option:
                self.problem(
                    (*option_path, "score"),
                    f"option '{value}' of {where} is 'not applicable', so it takes no score",
                    key=True,
                )
            if not not_applicable and "score" not in option and not unscored:
                self.problem(
                    option_path,
                    f"option '{value}' of {where} needs a 'score' from 0 to 1, or 'not_applicable: true' "
                    "(questions with 'weight: 0' need no scores)",
                )
            if kind == "yes_no" and value == "na" and not not_applicable:
                self.problem(option_path, f"option 'na' of {where} must have 'not_applicable: true'")
            if option.get("exclusive") and kind != "multiple_choice":
                self.problem(
                    (*option_path, "exclusive"),
                    f"'exclusive' only applies to multiple_choice options, and {where} is {kind}",
                    key=True,
                )
        if kind == "yes_no":
            missing = [value for value in ("yes", "no") if value not in seen]
            if missing:
                self.problem((*path, "options"), f"yes/no {where} must offer {quoted_list(missing)}")
        if kind == "scale":
            points = [value for value in seen if isinstance(value, int)]
            if len(points) < 2:
                self.problem((*path, "options"), f"scale {where} needs at least two points")
            elif points != sorted(points):
                self.problem((*path, "options"), f"the points of scale {where} must be in ascending order")
        if kind in ("single_choice", "multiple_choice") and len(seen) < 2:
            self.problem((*path, "options"), f"{where} needs at least two options to choose from")

    def _check_number(self, question_id: str, question: dict[str, Any], path: DataPath) -> None:
        where = f"question '{question_id}'"
        low, high = question.get("min"), question.get("max")
        if _is_number(low) and _is_number(high) and low > high:
            self.problem((*path, "max"), f"{where} has 'max' {high} below 'min' {low}")
        bands = _items(question.get("bands"))
        previous_max: Any = "start"
        for position, (index, band) in enumerate(bands):
            band_path = (*path, "bands", index)
            if "score" not in band and question.get("weight") != 0:
                self.problem(
                    band_path, f"band {index + 1} of {where} needs a 'score' (questions with 'weight: 0' need none)"
                )
            band_min, band_max = band.get("min"), band.get("max")
            if _is_number(band_min) and _is_number(band_max) and band_min >= band_max:
                self.problem(band_path, f"band {index + 1} of {where} is empty: 'min' must be below 'max'")
            if position == 0:
                if band_min is not None and (not _is_number(low) or low < band_min):
                    start = f"{low:g}" if _is_number(low) else "any number"
                    self.problem(
                        (*band_path, "min"),
                        f"answers from {start} up to {band_min:g} to {where} fall in no band; "
                        "remove the first band's 'min' or set the question's 'min'",
                    )
            elif previous_max is None:
                self.problem(band_path, f"band {index} of {where} has no 'max', so band {index + 1} is never reached")
            elif band_min != previous_max:
                self.problem(
                    (*band_path, "min"),
                    f"band {index + 1} of {where} must start where band {index} ends ({previous_max}), "
                    f"so that every answer falls in exactly one band",
                )
            previous_max = band_max
        open_above = previous_max is None or previous_max == "start"
        if bands and not open_above and (not _is_number(high) or high >= previous_max):
            self.problem(
                (*path, "bands", bands[-1][0], "max"),
                f"answers of {previous_max:g} or more to {where} fall in no band; remove the last "
                "band's 'max' or set the question's 'max' below it",
            )

    # -- conditions -----------------------------------------------------------------------------

    def _check_condition(self, condition: dict[str, Any], path: DataPath, before: int | None) -> None:
        combinators = [key for key in ("all", "any", "not") if key in condition]
        operators = [key for key in OPERATORS if key in condition]
        if combinators:
            extra = [key for key in condition if key not in combinators]
            if len(combinators) > 1 or extra:
                self.problem(
                    path,
                    "a condition with 'all', 'any' or 'not' must contain nothing else; nest the other tests inside it",
                )
            for key in combinators:
                parts = condition[key] if key != "not" else [condition[key]]
                for index, part in enumerate(parts if isinstance(parts, list) else []):
                    if isinstance(part, dict):
                        sub_path = (*path, key, index) if key != "not" else (*path, key)
                        self._check_condition(part, sub_path, before)
            return
        question_id = condition.get("question")
        if question_id is None:
            self.problem(path, "a condition needs 'question' (with a test such as 'equals'), or 'all', 'any' or 'not'")
            return
        if len(operators) != 1:
            if not operators:
                message = f"the condition on '{question_id}' needs one test: {quoted_list(OPERATORS)}"
            else:
                tests = quoted_list(operators)
                message = (
                    f"the condition on '{question_id}' has {len(operators)} tests ({tests}); combine them with 'all'"
                )
            self.problem(path, message)
            return
        if not isinstance(question_id, str):
            return
        if question_id not in self.questions:
            self.problem(
                (*path, "question"),
                f"the condition refers to question '{question_id}', which does not exist"
                + did_you_mean(question_id, self.questions),
            )
            return
        target, _, order = self.questions[question_id]
        if before is not None and order >= before:
            self.problem(
                (*path, "question"),
                f"the condition refers to question '{question_id}', which is not asked before this one; "
                "a question can only depend on earlier answers",
            )
        operator = operators[0]
        self._check_operand(question_id, target, operator, condition[operator], (*path, operator))

    def _check_operand(
        self, question_id: str, target: dict[str, Any], operator: str, operand: Any, path: DataPath
    ) -> None:
        kind = target.get("type")
        if operator == "answered":
            return
        if operator in NUMERIC_OPERATORS:
            if kind not in ("number", "scale"):
                self.problem(path, f"'{operator}' compares numbers, but '{question_id}' is a {kind} question")
            return
        if operator == "includes" and kind != "multiple_choice":
            self.problem(
                path, f"'includes' is for multiple_choice questions; '{question_id}' is {kind}: use 'equals' or 'in'"
            )
            return
        if operator in ("equals", "in") and kind == "multiple_choice":
            self.problem(path, f"'{question_id}' allows several answers: test it with 'includes', not '{operator}'")
            return
        values = operand if isinstance(operand, list) else [operand]
        if kind == "yes_no":
            values = [_yes_no(value) for value in values]
        options = [
            option["value"]
            for _, option in _items(target.get("options"))
            if isinstance(option.get("value"), (str, int))
        ]
        if kind in ("single_choice", "multiple_choice", "yes_no", "scale"):
            for value in values:
                if value not in options:
                    known = quoted_list(dict.fromkeys(options))
                    self.problem(
                        path,
                        f"'{question_id}' has no option '{value}'; its options are {known}"
                        + did_you_mean(value, options),
                    )

    # -- verdicts and changes -------------------------------------------------------------------

    def _check_verdicts(self) -> None:
        verdicts = _items(self.data.get("verdicts"))
        conditions = ("min_score", "max_severity", "min_coverage")
        for position, (index, verdict) in enumerate(verdicts):
            has_condition = any(key in verdict for key in conditions)
            last = position == len(verdicts) - 1
            if last and has_condition:
                self.problem(
                    ("verdicts", index),
                    f"the last verdict ('{verdict.get('id')}') must have no conditions, so that every "
                    "assessment gets a verdict; add a final catch-all verdict",
                )
            if not last and not has_condition:
                self.problem(
                    ("verdicts", index),
                    f"verdict '{verdict.get('id')}' has no conditions, so the verdicts after it are never used",
                )

    def _check_changes(self) -> None:
        version = self.data.get("version")
        for index, change in _items(self.data.get("changes")):
            changed = change.get("version")
            if isinstance(version, str) and isinstance(changed, str) and _version_key(changed) > _version_key(version):
                self.problem(
                    ("changes", index, "version"), f"change {changed} is newer than the rubric's version {version}"
                )


_TYPES = {kind.value for kind in QuestionType}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _yes_no(value: Any) -> Any:
    """A yes/no operand written as a boolean means its word: ``true`` is ``yes``."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)


# --- Building the model from checked data ------------------------------------------------------


def _finding(data: dict[str, Any] | None) -> FindingSpec | None:
    if data is None:
        return None
    return FindingSpec(
        severity=Severity(data["severity"]),
        title=data["title"],
        recommendation=data["recommendation"],
        explanation=data.get("explanation"),
    )


def _condition(data: dict[str, Any] | None, types: dict[str, str]) -> Condition | None:
    if data is None:
        return None
    if "all" in data:
        return AllOf(tuple(_condition(part, types) for part in data["all"]))  # type: ignore[misc]
    if "any" in data:
        return AnyOf(tuple(_condition(part, types) for part in data["any"]))  # type: ignore[misc]
    if "not" in data:
        return Not(_condition(data["not"], types))  # type: ignore[arg-type]
    question_id = data["question"]
    operator = next(key for key in OPERATORS if key in data)
    operand = data[operator]
    if types.get(question_id) == "yes_no" and operator != "answered":
        operand = [_yes_no(v) for v in operand] if isinstance(operand, list) else _yes_no(operand)
    if isinstance(operand, list):
        operand = tuple(operand)
    return Compare(question_id, operator, operand)


def _option(data: dict[str, Any], kind: str) -> Option:
    value = data["value"]
    label = data.get("label") or (YES_NO_LABELS.get(value, str(value)) if kind == "yes_no" else str(value))
    return Option(
        value=value,
        label=label,
        score=None if data.get("not_applicable") or "score" not in data else float(data["score"]),
        description=data.get("description"),
        not_applicable=bool(data.get("not_applicable", False)),
        exclusive=bool(data.get("exclusive", False)),
        finding=_finding(data.get("finding")),
    )


def _band(data: dict[str, Any]) -> Band:
    return Band(
        minimum=data.get("min"),
        maximum=data.get("max"),
        score=float(data["score"]) if "score" in data else None,
        label=data.get("label"),
        finding=_finding(data.get("finding")),
    )


def _build_rubric(data: dict[str, Any], source: str, sha256: str) -> Rubric:
    types = {question["id"]: question["type"] for area in data["areas"] for question in area["questions"]}
    areas = tuple(
        Area(
            id=area["id"],
            title=area["title"],
            description=area.get("description"),
            weight=float(area.get("weight", 1)),
            questions=tuple(
                Question(
                    id=question["id"],
                    area_id=area["id"],
                    title=question["title"],
                    prompt=question["prompt"],
                    type=QuestionType(question["type"]),
                    help=question.get("help"),
                    weight=float(question.get("weight", 1)),
                    required=bool(question.get("required", True)),
                    roles=tuple(question["roles"]) if question.get("roles") else None,
                    when=_condition(question.get("when"), types),
                    options=tuple(_option(option, question["type"]) for option in question.get("options", [])),
                    scoring=question.get("scoring", "sum"),
                    minimum=question.get("min"),
                    maximum=question.get("max"),
                    integer=bool(question.get("integer", False)),
                    unit=question.get("unit"),
                    bands=tuple(_band(band) for band in question.get("bands", [])),
                    text_score=question.get("score"),
                )
                for question in area["questions"]
            ),
        )
        for area in data["areas"]
    )
    divergence = data.get("divergence", {})
    return Rubric(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data["description"],
        license=data["license"],
        authors=tuple(data["authors"]),
        roles=tuple(
            Role(
                id=role["id"],
                label=role["label"],
                description=role.get("description"),
                expected=bool(role.get("expected", False)),
                missing_severity=Severity(role.get("missing_severity", "high")),
                weight=float(role.get("weight", 1)),
            )
            for role in data["roles"]
        ),
        areas=areas,
        rules=tuple(
            Rule(
                id=rule["id"],
                when=_condition(rule["when"], types),  # type: ignore[arg-type]
                finding=_finding(rule["finding"]),  # type: ignore[arg-type]
                description=rule.get("description"),
            )
            for rule in data.get("rules", [])
        ),
        verdicts=tuple(
            Verdict(
                id=verdict["id"],
                label=verdict["label"],
                description=verdict.get("description"),
                min_score=verdict.get("min_score"),
                max_severity=Severity(verdict["max_severity"]) if "max_severity" in verdict else None,
                min_coverage=verdict.get("min_coverage"),
            )
            for verdict in data["verdicts"]
        ),
        changes=tuple(
            Change(change["version"], change["summary"], tuple(change.get("questions", [])))
            for change in data.get("changes", [])
        ),
        divergence_threshold=float(divergence.get("threshold", 0.4)),
        combine=divergence.get("combine", "role_weighted_mean"),
        source=source,
        sha256=sha256,
    )
