"""One questionary prompt per question type, built from the rubric model, never hand-written.

Every prompt answers with a value in the same normal form the answers loader produces, or with
an :class:`Action`. The keys are the same everywhere and are shown on each prompt's instruction
line:

* ``?`` shows the question's help, ``<`` goes back to the previous question. In a list they act at
  once; in a typed answer they act when typed first (or typed alone and confirmed with Enter).
* Lists end with "← Back", "? Help" and "Skip" rows for people who would rather not learn keys.
  A typed answer is skipped by pressing Enter on an empty line.

This module is imported only once ``civdata assess`` knows it runs in a terminal: questionary and
prompt_toolkit are slow to import and need one.
"""

from __future__ import annotations

import enum
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import questionary
from prompt_toolkit.application import Application
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.layout import Window
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from civdata.escape import terminal_text
from civdata.model import AnswerValue, Option, Question, QuestionType, Role
from civdata.values import exclusive_conflict, number_from_text, out_of_bounds, range_words
from civdata.yamlsource import number_problem

HELP_KEY = "?"
BACK_KEY = "<"


class Action(enum.Enum):
    """Something the person asked for instead of giving an answer."""

    BACK = "back"
    HELP = "help"
    SKIP = "skip"


ACTION_TITLES = {Action.BACK: "← Back", Action.HELP: "? Help", Action.SKIP: "Skip (leave unanswered)"}

#: How an action reads after a typed prompt, in place of the answer.
TYPED_ACTION_TITLES = {Action.BACK: "← Back", Action.HELP: "? Help", Action.SKIP: "— skipped"}

#: What a prompt gives back: an answer (or None for "no note"), or an action.
Reply = Any


@dataclass
class Prompt:
    """A questionary question and how to read what it returns."""

    question: questionary.Question
    interpret: Callable[[Any], Reply]

    def ask(self) -> Reply:
        """Ask and return the reply. Ctrl-C raises KeyboardInterrupt and end of input EOFError,
        so the caller can stop cleanly: the answers are already saved."""
        return self.interpret(self.question.unsafe_ask())


# --- Answers to rubric questions ----------------------------------------------------------------


def question_prompt(question: Question, message: str, default: AnswerValue | None = None, **io: Any) -> Prompt:
    """The prompt that fits ``question``'s type, with ``default`` (the current answer) preselected.

    ``io`` is passed to prompt_toolkit (``input=``, ``output=``), for tests.
    """
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return checkbox_prompt(question, message, default, **io)
    if question.type.has_options:
        return select_prompt(question, message, default, **io)
    if question.type is QuestionType.NUMBER:
        return number_prompt(question, message, default, **io)
    return text_prompt(question, message, default, **io)


def shown(text: object) -> str:
    """Rubric text on one line of a prompt, every control and bidi character escaped."""
    return terminal_text(" ".join(str(text).split()), multiline=False)


def _description(text: str | None) -> str | None:
    return shown(text) if text else None


def option_title(question: Question, option: Option) -> str:
    """How an option reads in a list: its label, with its value first on a scale (``3 · Fairly``)."""
    if question.type is QuestionType.SCALE and option.label != str(option.value):
        return shown(f"{option.value} · {option.label}")
    return shown(option.label)


def _action_choices(question: Question) -> list[Any]:
    """The rows under the options: back, help and skip (saying whether skipping costs coverage)."""
    skip_help = (
        "Required: leaving it unanswered lowers the coverage of the assessment"
        if question.required
        else "Optional: you can leave it unanswered"
    )
    return [
        Separator(" "),
        Choice(ACTION_TITLES[Action.BACK], Action.BACK),
        Choice(ACTION_TITLES[Action.HELP], Action.HELP),
        Choice(ACTION_TITLES[Action.SKIP], Action.SKIP, description=skip_help),
    ]


def _below(instruction: str) -> str:
    """An instruction on a line of its own under the (wrapped) question, never broken mid-word."""
    return "\n  " + instruction


def select_instruction() -> str:
    return f"(↑↓ move, Enter choose · {HELP_KEY} help · {BACK_KEY} back)"


def checkbox_instruction() -> str:
    return f"(↑↓ move, Space tick, Enter done · {HELP_KEY} help · {BACK_KEY} back)"


def typed_instruction(extra: str = "") -> str:
    return f"({extra}{HELP_KEY} help · {BACK_KEY} back · Enter alone skips)"


def select_prompt(question: Question, message: str, default: AnswerValue | None = None, **io: Any) -> Prompt:
    """One choice among the options: single choice, yes/no/unsure/n.a., and scales."""
    choices = [
        Choice(option_title(question, option), option.value, description=_description(option.description))
        for option in question.options
    ]
    choices.extend(_action_choices(question))
    # questionary matches the default against choice values of any type, though its hints say text.
    selected = cast(Any, default) if question.option(default) is not None else None
    prompt = questionary.select(
        message, choices, default=selected, instruction=_below(select_instruction()), use_jk_keys=False, **io
    )
    _add_action_keys(prompt.application, checkbox=False)
    return Prompt(prompt, lambda reply: reply)


def checkbox_prompt(question: Question, message: str, default: AnswerValue | None = None, **io: Any) -> Prompt:
    """Several options ticked with Space. An option marked ``exclusive`` ("none of these") cannot
    be ticked together with another: the prompt says so instead of accepting it."""
    ticked = set(default) if isinstance(default, tuple) else set()
    choices = [
        Choice(
            shown(option.label),
            option.value,
            checked=option.value in ticked,
            description=_description(option.description),
        )
        for option in question.options
    ]
    choices.extend(_action_choices(question))

    def validate(values: list[Any]) -> bool | str:
        chosen = [value for value in values if not isinstance(value, Action)]
        if not chosen:
            return "Press Space to tick an option, then Enter. To leave it unanswered, choose Skip."
        alone = exclusive_conflict(question, chosen)
        if alone is not None:
            return f"'{shown(alone.label)}' cannot be ticked together with other options; untick one."
        return True

    prompt = questionary.checkbox(
        message, choices, validate=validate, instruction=_below(checkbox_instruction()), use_jk_keys=False, **io
    )
    _add_action_keys(prompt.application, checkbox=True)

    def interpret(reply: Any) -> Reply:
        if isinstance(reply, Action):
            return reply
        # In the rubric's order, whatever order the options were ticked in.
        return tuple(option.value for option in question.options if option.value in reply)

    return Prompt(prompt, interpret)


def _inquirer_control(application: Application[Any]) -> InquirerControl:
    for window in application.layout.find_all_windows():
        if isinstance(window, Window) and isinstance(window.content, InquirerControl):
            return window.content
    raise LookupError("questionary's list prompt has no InquirerControl")


def _hide_action_ticks(control: InquirerControl) -> None:
    """A checkbox draws a tick circle before every row; action rows are not options, so theirs
    is blanked out (it would invite ticking "← Back")."""
    draw = control.text
    titles = set(ACTION_TITLES.values())

    def tokens() -> list[Any]:
        drawn = list(cast(Any, draw() if callable(draw) else draw))
        for index in range(1, len(drawn)):
            if drawn[index][1] in titles and drawn[index - 1][1].strip():
                drawn[index - 1] = (drawn[index - 1][0], " " * len(drawn[index - 1][1]))
        return drawn

    control.text = tokens


def _option_starting_with(control: InquirerControl, prefix: str) -> int | None:
    """The index of the first option (not an action row) whose title starts with ``prefix``."""
    for index, choice in enumerate(control.choices):
        if isinstance(choice, Separator) or isinstance(choice.value, Action) or choice.disabled:
            continue
        if isinstance(choice.title, str) and choice.title.lower().startswith(prefix):
            return index
    return None


def _add_action_keys(application: Application[Any], *, checkbox: bool) -> None:
    """Make ``?`` and ``<`` act at once in a list, and make the action rows of a checkbox act
    on Enter instead of being ticked."""
    control = _inquirer_control(application)
    bindings = KeyBindings()

    def finish(event: KeyPressEvent, action: Action) -> None:
        for index, choice in enumerate(control.choices):
            if getattr(choice, "value", None) is action:
                control.pointed_at = index
        if checkbox:
            control.selected_options = [action]
        control.is_answered = True
        event.app.exit(result=action)

    @bindings.add(HELP_KEY, eager=True)
    def _help(event: KeyPressEvent) -> None:
        finish(event, Action.HELP)

    @bindings.add(BACK_KEY, eager=True)
    def _back(event: KeyPressEvent) -> None:
        finish(event, Action.BACK)

    if checkbox:
        _hide_action_ticks(control)
        on_action_row = Condition(lambda: isinstance(control.get_pointed_at().value, Action))

        @bindings.add("enter", filter=on_action_row, eager=True)
        def _choose_action(event: KeyPressEvent) -> None:
            finish(event, cast(Action, control.get_pointed_at().value))

        @bindings.add(" ", filter=on_action_row, eager=True)
        def _no_tick(event: KeyPressEvent) -> None:
            """Action rows are not options: Space does nothing on them."""

    _add_type_to_jump(bindings, control, space=not checkbox)
    application.key_bindings = merge_key_bindings([application.key_bindings or KeyBindings(), bindings])


def _add_type_to_jump(bindings: KeyBindings, control: InquirerControl, *, space: bool) -> None:
    """Typing moves the pointer to the option that starts with what was typed ("no", "3", "not a").

    Someone who types "no" and presses Enter must not answer "Yes" because letters were ignored.
    Letters and digits replace questionary's j/k and a/i keys (the latter would tick the action
    rows and an exclusive option too). Only options are matched, never the action rows.
    """
    typed: dict[str, Any] = {"prefix": "", "at": -1}

    def jump(event: KeyPressEvent) -> None:
        if control.pointed_at != typed["at"]:
            typed["prefix"] = ""  # the pointer moved by arrow: start a new word
        character = event.data.lower()
        for wanted in dict.fromkeys((typed["prefix"] + character, character.strip())):
            index = _option_starting_with(control, wanted) if wanted else None
            if index is not None:
                control.pointed_at = index
                typed["prefix"], typed["at"] = wanted, index
                return
        typed["prefix"], typed["at"] = "", -1

    for character in string.ascii_letters + string.digits + ("- " if space else "-"):
        bindings.add(character, eager=True)(jump)


# --- Typed answers ------------------------------------------------------------------------------


def _typed_keys(application: Application[Any]) -> None:
    """``?`` and ``<`` typed first into an empty line act at once, like in the lists."""
    bindings = KeyBindings()
    empty = Condition(lambda: not application.current_buffer.text)

    def finish(event: KeyPressEvent, action: Action) -> None:
        event.current_buffer.text = TYPED_ACTION_TITLES[action]
        event.app.exit(result=action)

    @bindings.add(HELP_KEY, filter=empty, eager=True)
    def _help(event: KeyPressEvent) -> None:
        finish(event, Action.HELP)

    @bindings.add(BACK_KEY, filter=empty, eager=True)
    def _back(event: KeyPressEvent) -> None:
        finish(event, Action.BACK)

    @bindings.add("enter", filter=empty, eager=True)
    def _skip(event: KeyPressEvent) -> None:
        finish(event, Action.SKIP)

    application.key_bindings = merge_key_bindings([application.key_bindings or KeyBindings(), bindings])


def _typed_action(text: str) -> Action | None:
    stripped = text.strip()
    if stripped == HELP_KEY:
        return Action.HELP
    if stripped == BACK_KEY:
        return Action.BACK
    if not stripped:
        return Action.SKIP
    return None


def text_prompt(question: Question, message: str, default: AnswerValue | None = None, **io: Any) -> Prompt:
    """A line of free text."""
    prompt = questionary.text(
        message, default="" if default is None else str(default), instruction=_below(typed_instruction()), **io
    )
    _typed_keys(prompt.application)

    def interpret(reply: Any) -> Reply:
        if isinstance(reply, Action):
            return reply
        return _typed_action(reply) or reply.strip()

    return Prompt(prompt, interpret)


def parse_number(question: Question, text: str) -> int | float | str:
    """The number typed, in the form the answers loader gives it, or a message saying what is wrong.

    Read and bounded by :mod:`civdata.values`, as the answers loader reads a file, so what the
    questionnaire accepts is exactly what a report accepts."""
    cleaned = text.strip()
    if question.unit and cleaned.lower().endswith(question.unit.lower()):
        cleaned = cleaned[: -len(question.unit)].strip()
    number = number_from_text(cleaned)
    bounds = range_words(question)
    wanted = f" {bounds}" if bounds.startswith("from") else f" of {bounds}" if bounds else ""
    if number is None:
        if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+", cleaned):
            return "Type the number without thousands separators, such as 1500."
        if re.fullmatch(r"[-+]?\d+,\d+", cleaned):
            return "Use a point for decimals, such as 2.5."
        return f"Type a number{wanted}."
    if number_problem(number) is not None:
        return f"Type a number{wanted}."
    wrong = out_of_bounds(question, number)
    if wrong == "a whole number":
        return f"Type a whole number{wanted}."
    if wrong is not None:
        return f"Type a number{wanted}."
    return int(number) if question.integer else number


def number_instruction(question: Question) -> str:
    """``(0–120 months · ...)``: the range and unit in a few characters; the message shown for
    a wrong number says the rest (such as "whole number")."""
    low, high = question.minimum, question.maximum
    if low is not None and high is not None:
        span = f"{low:g}–{high:g}"
    elif low is not None:
        span = f"≥ {low:g}"
    elif high is not None:
        span = f"≤ {high:g}"
    else:
        span = "a number"
    what = f"{span} {question.unit}" if question.unit else span
    return typed_instruction(f"{what} · ")


def number_prompt(question: Question, message: str, default: AnswerValue | None = None, **io: Any) -> Prompt:
    """A number, checked as it is typed against the rubric's minimum, maximum and ``integer``."""

    def validate(text: str) -> bool | str:
        if _typed_action(text) is not None:
            return True
        parsed = parse_number(question, text)
        return parsed if isinstance(parsed, str) else True

    shown = "" if default is None else (f"{default:g}" if isinstance(default, float) else str(default))
    prompt = questionary.text(
        message, default=shown, validate=validate, instruction=_below(number_instruction(question)), **io
    )
    _typed_keys(prompt.application)

    def interpret(reply: Any) -> Reply:
        if isinstance(reply, Action):
            return reply
        return _typed_action(reply) or parse_number(question, reply)

    return Prompt(prompt, interpret)


# --- Notes, details about the respondent, the review screen ------------------------------------


def note_prompt(default: str | None, *, required: bool, other: bool = False, **io: Any) -> Prompt:
    """A note beside the answer. When the answer raises a high or critical finding, a note is
    needed: the report shows it next to the finding, where a reader looks for what is planned.
    When the answer is "Other", the note is where the respondent says which."""
    if other:
        message = "Note (needed): which other one?" + (" And what is planned?" if required else "")
        instruction = f"(the rubric's list does not name it · {BACK_KEY} back to the answer)"
        required = True
    elif required:
        message = "Note (needed): why this answer, and what is planned?"
        instruction = f"({BACK_KEY} back to the answer)"
    else:
        message = "Note (optional):"
        instruction = f"(for the report · Enter alone skips · {BACK_KEY} back to the answer)"

    def validate(text: str) -> bool | str:
        if required and not text.strip():
            return "A note is needed for this answer. Even 'not decided yet' helps the report."
        return True

    prompt = questionary.text(message, default=default or "", validate=validate, instruction=instruction, **io)
    _back_only_keys(prompt.application)

    def interpret(reply: Any) -> Reply:
        if isinstance(reply, Action):
            return reply
        if reply.strip() == BACK_KEY:
            return Action.BACK
        return reply.strip() or None

    return Prompt(prompt, interpret)


def _back_only_keys(application: Application[Any]) -> None:
    """``<`` typed first into an empty note goes back to the answer; ``?`` is just text here."""
    bindings = KeyBindings()

    @bindings.add(BACK_KEY, filter=Condition(lambda: not application.current_buffer.text), eager=True)
    def _back(event: KeyPressEvent) -> None:
        event.current_buffer.text = TYPED_ACTION_TITLES[Action.BACK]
        event.app.exit(result=Action.BACK)

    application.key_bindings = merge_key_bindings([application.key_bindings or KeyBindings(), bindings])


def detail_prompt(message: str, default: str | None, *, required: bool, instruction: str, **io: Any) -> Prompt:
    """A line about the initiative or the respondent (name, organisation)."""

    def validate(text: str) -> bool | str:
        return True if text.strip() or not required else "This is needed; type a name."

    prompt = questionary.text(message, default=default or "", validate=validate, instruction=instruction, **io)
    return Prompt(prompt, lambda reply: reply.strip() or None)


def role_prompt(roles: Sequence[Role], default: str | None, **io: Any) -> Prompt:
    """The respondent's role, from the rubric: it decides which questions they are asked."""
    choices = [Choice(shown(role.label), role.id, description=_description(role.description)) for role in roles]
    selected = default if any(role.id == default for role in roles) else None
    prompt = questionary.select(
        "Which role do you answer for?",
        choices,
        default=selected,
        instruction="(↑↓ move, Enter choose)",
        use_jk_keys=False,
        **io,
    )
    bindings = KeyBindings()
    _add_type_to_jump(bindings, _inquirer_control(prompt.application), space=True)
    prompt.application.key_bindings = merge_key_bindings([prompt.application.key_bindings or KeyBindings(), bindings])
    return Prompt(prompt, lambda reply: reply)


def menu_prompt(message: str, choices: Sequence[Any], default: Any = None, **io: Any) -> Prompt:
    """A list of titled choices (``Choice`` or ``Separator``): the review and confirmation screens."""
    prompt = questionary.select(message, list(choices), default=default, instruction="(↑↓ move, Enter choose)", **io)
    return Prompt(prompt, lambda reply: reply)
