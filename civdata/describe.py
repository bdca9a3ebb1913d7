"""Say in words what the rubric's data says: conditions, accepted answers, roles.

Shared by the rubric document (``civdata rubric docs``) and the answers template
(``civdata template``) so that both describe the rubric the same way, from the rubric itself.
"""

from __future__ import annotations

from civdata.model import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Not,
    Option,
    Question,
    QuestionType,
    Rubric,
    ScoreTest,
    answer_tests,
)
from civdata.values import range_words
from civdata.wording import number_words

#: How a numeric test reads in words, for documents and messages.
COMPARISONS = {"gt": "is more than", "gte": "is at least", "lt": "is less than", "lte": "is at most"}


def _value_label(rubric: Rubric, question_id: str, value: object) -> str:
    option = rubric.question(question_id).option(value) if rubric.has_question(question_id) else None
    return f"“{option.label}”" if option else f"“{value}”"


def describe_condition(condition: Condition, rubric: Rubric, *, nested: bool = False) -> str:
    """A condition as a sentence fragment: ``“Sensitive data” is “Yes” or “Unsure”``. Parts of a
    part are bracketed, so "any of (all of a; b); c" cannot be read two ways."""
    if isinstance(condition, (AllOf, AnyOf)):
        word = "all of" if isinstance(condition, AllOf) else "any of"
        parts = "; ".join(describe_condition(part, rubric, nested=True) for part in condition.conditions)
        return f"({word}: {parts})" if nested else f"{word}: {parts}"
    if isinstance(condition, Not):
        return f"not ({describe_condition(condition.condition, rubric)})"
    if isinstance(condition, ScoreTest):
        return _describe_score_test(condition, rubric)
    return _describe_compare(condition, rubric)


def asked_if_text(question: Question, rubric: Rubric) -> str | None:
    """When a follow-up is asked, in a sentence; None for a question asked whenever its role is.

    A test in a ``when`` on an answer that is an "I don't know", or on a question left blank,
    possibly holds (:mod:`civdata.conditions`): that answer could be one that asks the follow-up,
    so it is asked, and a report counts it. The sentence says so, as the form's ``relevant``
    expression does (:mod:`civdata.form_logic`); "Asked only if ... is “Yes”" alone told a person
    filling in a template by hand to skip a question the report then counted as left blank. The
    one wording of the template, the rubric's document and the answers schema."""
    if question.when is None:
        return None
    sentence = f"Asked only if {describe_condition(question.when, rubric)}"
    # A blank makes every test possibly true but ``answered: false``, which it makes true (and which
    # the sentence already says): ``answered: true`` too, since a blank could be any answer.
    tests = [test for test in answer_tests(question.when) if test.operator != "answered" or test.operand]
    if not tests:
        return sentence + "."
    unknown: list[str] = []
    for test in tests:
        if test.operator == "answered":
            continue  # "I don't know" is an answer: it passes
        named = test.operand if isinstance(test.operand, tuple) else (test.operand,)
        tested = rubric.question(test.question) if rubric.has_question(test.question) else None
        for option in tested.options if tested is not None else ():
            if option.unknown and option.value not in named and f"“{option.label}”" not in unknown:
                unknown.append(f"“{option.label}”")
    how = f"{' or '.join(unknown)} or left blank" if unknown else "left blank"
    if not _each_test_alone(question.when):
        # Under `all` (or beside an `answered` test) another part can rule it out whatever that
        # answer could be: `all: [qa is "yes", qb is "yes"]` with qa "no" asks nothing.
        return (
            f"{sentence}. An answer it tests that is {how} could be any answer: the question is asked then too, "
            "unless the rest of the condition rules it out."
        )
    that = "that answer is" if len({test.question for test in tests}) == 1 else "an answer it tests is"
    return f"{sentence}, or if {that} {how} (it could then be one that asks this)."


def _each_test_alone(condition: Condition) -> bool:
    """Whether each test of ``condition`` asks the question on its own when it possibly holds: one
    test, its ``not``, or ``any`` of such tests (under ``all`` the other parts must hold too)."""
    if isinstance(condition, AnyOf):
        return all(_each_test_alone(part) for part in condition.conditions)
    if isinstance(condition, Not):
        return isinstance(condition.condition, Compare)
    return isinstance(condition, Compare)


def _describe_score_test(condition: ScoreTest, rubric: Rubric) -> str:
    if condition.target == "overall":
        subject = "the overall score"
    else:
        title = next((area.title for area in rubric.areas if area.id == condition.target), condition.target)
        subject = f"the score of “{title}”"
    return f"{subject} {COMPARISONS[condition.operator]} {number_words(condition.operand)}"


def _describe_compare(condition: Compare, rubric: Rubric) -> str:
    question_id, operator, operand = condition.question, condition.operator, condition.operand
    title = rubric.question(question_id).title if rubric.has_question(question_id) else question_id
    subject = f"“{title}” ({question_id})"
    values = operand if isinstance(operand, tuple) else (operand,)
    labels = [_value_label(rubric, question_id, value) for value in values]
    if operator == "answered":
        return f"{subject} is {'answered' if operand else 'not answered'}"
    if operator == "equals":
        return f"{subject} is {labels[0]}"
    if operator == "in":
        return f"{subject} is {' or '.join(labels)}"
    if operator == "includes":
        return f"{subject} includes {' or '.join(labels)}"
    return f"{subject} {COMPARISONS[operator]} {number_words(operand)}"


def option_marks(option: Option) -> list[str]:
    """What an option's flags mean for whoever answers, in words: the marks the rubric's document
    and the answers template put after its label, so a person writing ``[encryption, dunno]`` by
    hand is told before a report refuses it."""
    marks = []
    if option.exclusive:
        marks.append("only on its own")
    if option.unknown:
        marks.append("“I don't know”")
    if option.other:
        marks.append("say which in a note")
    return marks


def accepted_answer(question: Question) -> str:
    """What an answers file may write for ``question``, in a sentence."""
    kind = question.type
    if kind is QuestionType.TEXT:
        return "free text (quote it, or use `|` and indented lines for several lines)"
    if kind is QuestionType.NUMBER:
        whole = "a whole number" if question.integer else "a number"
        bounds = range_words(question)
        unit = f" ({question.unit})" if question.unit else ""
        return " ".join(part for part in (whole, bounds) if part) + unit
    if kind is QuestionType.MULTIPLE_CHOICE:
        return "a list of the values below, such as [a, b]"
    if kind is QuestionType.SCALE:
        return "one of the numbers below"
    return "one of the values below"


def roles_text(question: Question, rubric: Rubric) -> str | None:
    """The labels of the roles a question is asked of, or None when every role is asked."""
    if question.roles is None:
        return None
    labels = [role.label for role in rubric.roles if role.id in question.roles]
    return ", ".join(labels)


def type_text(kind: QuestionType) -> str:
    return {
        QuestionType.SINGLE_CHOICE: "one choice",
        QuestionType.MULTIPLE_CHOICE: "several choices",
        QuestionType.YES_NO: "yes or no",
        QuestionType.SCALE: "scale",
        QuestionType.NUMBER: "number",
        QuestionType.TEXT: "text",
    }[kind]
