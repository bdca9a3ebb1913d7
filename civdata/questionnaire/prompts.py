"""One questionary prompt per question type, built from the rubric model, never hand-written.

Every prompt answers with a value in the same normal form the answers loader produces, or with
an :class:`Action`. The keys are the same everywhere and are shown in each prompt's header:

* ``?`` shows the question's help, ``<`` goes back to the previous question. In a list they act at
  once; in a typed answer they act when typed first (or typed alone and confirmed with Enter).
* Tab answers like Enter, then asks for a note: notes are on demand, so a run takes one key
  press per question. (A serious answer or an "Other" option asks for its note anyway.)
* Lists end with "← Back", "? Help" and "Skip" rows for people who would rather not learn keys.
  A typed answer is skipped by pressing Enter on an empty line.

When a prompt ends with an action (help, back), :attr:`Prompt.left` records where the pointer and
the ticks were, so the question can be asked again exactly as the person left it. Every prompt is
framed by :func:`civdata.questionnaire.screen.frame`: wrapped, styled, fitted to the terminal, and
erased once answered (the questionnaire prints its own echo).

This module is imported only once ``civdata assess`` knows it runs in a terminal: questionary and
prompt_toolkit are slow to import and need one.
"""

from __future__ import annotations

import enum
import re
import string
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import questionary
from prompt_toolkit.application import Application
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyBindingsBase, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import Window
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from civdata.answer_words import limits_symbols
from civdata.escape import terminal_text
from civdata.model import AnswerValue, Option, Question, QuestionType, Role
from civdata.questionnaire.screen import Header, Look, fit_message, frame
from civdata.records import record
from civdata.values import (
    beyond_range,
    exclusive_conflict,
    number_from_text,
    number_hint,
    out_of_bounds,
    wanted_number,
)
from civdata.yamlsource import number_problem

HELP_KEY = "?"
BACK_KEY = "<"
NOTE_KEY = "Tab"
#: The key that records a disagreement in a workshop's consensus mode (see ``workshop``).
DISSENT_KEY = "!"


class Action(enum.Enum):
    """Something the person asked for instead of giving an answer."""

    BACK = "back"
    HELP = "help"
    SKIP = "skip"


ACTION_TITLES = {Action.BACK: "← Back", Action.HELP: "? Help", Action.SKIP: "Skip (leave unanswered)"}

#: What a prompt gives back: an answer (or None for "no note"), or an action.
Reply = Any


@record
class Draft:
    """Where a list stood when an action (help, back) ended it: the pointed choice's value and the
    boxes ticked so far, to ask again as the person left it."""

    pointed: Any = None
    ticked: tuple[Any, ...] = ()


@dataclass
class Prompt:
    """A questionary question and how to read what it returns."""

    question: questionary.Question
    interpret: Callable[[Any], Reply]
    #: Set when the person answered with Tab: they want to add a note.
    wants_note: bool = False
    #: Set when the person pressed the dissent key (a workshop's consensus mode).
    dissent: bool = False
    #: Where the pointer and ticks were when the prompt ended (lists only).
    left: Draft | None = None
    _control: InquirerControl | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        _keep_typed_escapes(self.question.application)

    def ask(self) -> Reply:
        """Ask and return the reply. Ctrl-C raises KeyboardInterrupt and end of input EOFError,
        so the caller can stop cleanly: the answers are already saved."""
        reply = self.question.unsafe_ask()
        return self.interpret(as_typed(reply) if isinstance(reply, str) else reply)

    def remember(self) -> None:
        control = self._control
        if control is not None:
            pointed = control.get_pointed_at()
            self.left = Draft(getattr(pointed, "value", None), tuple(control.selected_options))


def as_typed(text: str) -> str:
    """``text`` as the person typed it. Where Python reads the terminal in an encoding that cannot
    decode what is typed (``LC_ALL=C`` beside a terminal sending UTF-8), each byte it cannot decode
    comes as a lone surrogate, which no YAML file can hold: a typed "Zoë" was saved as
    ``Zo\\udcc3\\udcab``, and neither ``report`` nor ``--resume`` could read the file again (an
    outside review). Those bytes are read as UTF-8, which terminals send; any left are U+FFFD."""
    if not any("\ud800" <= character <= "\udfff" for character in text):
        return text
    import sys

    # Only U+DC80 to U+DCFF stand for a byte; any other surrogate stands for nothing.
    text = re.sub("[\ud800-\udc7f\udd00-\udfff]", "\ufffd", text)
    encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
    try:
        raw = text.encode(encoding, "surrogateescape")
    except (UnicodeEncodeError, LookupError):
        raw = text.encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", "replace")


#: A mouse report as a terminal sends one while mouse reporting is on: ``ESC [ M`` and three
#: bytes, xterm's ``ESC [ < b;x;y M`` (or ``m``), urxvt's ``ESC [ b;x;y M``.
_MOUSE_REPORT = re.compile(r"\x1b\[(?:M.{3}|<\d+;\d+;\d+[mM]|\d+;\d+;\d+M)", re.DOTALL)


def _keep_typed_escapes(application: Application[Any]) -> None:
    """Take what prompt_toolkit reads as a mouse report for what it is: typed or pasted text.

    prompt_toolkit reads any ``ESC [`` digits-and-semicolons ``m`` as a mouse report, which is
    also a colour code (``ESC [31m``): what a terminal sends when coloured text is pasted without
    bracketed paste. Its own mouse binding, active in every application whether mouse support is
    on or not, then failed to unpack it and printed a traceback to the participant, and the rest
    of the line was read as keys. civdata never turns mouse reporting on, so nothing arriving so
    is a click: in a typed answer it is put in the line exactly as typed (shown with its ESC as
    ``^[``, saved as typed, echoed escaped like all terminal text); in a list, and for a well-formed
    mouse report (a terminal left reporting by another program), it is ignored. Bound on the
    application, this comes after prompt_toolkit's defaults, so it is the binding that acts."""
    bindings = KeyBindings()

    @bindings.add(Keys.Vt100MouseEvent)
    def _typed(event: KeyPressEvent) -> None:
        if event.app.layout.buffer_has_focus and not _MOUSE_REPORT.fullmatch(event.data):
            event.current_buffer.insert_text(event.data)

    application.key_bindings = merge_key_bindings([application.key_bindings or KeyBindings(), bindings])


# --- Answers to rubric questions ----------------------------------------------------------------


def question_prompt(
    question: Question,
    header: Header | None,
    default: AnswerValue | None = None,
    *,
    look: Look | None = None,
    draft: Draft | None = None,
    dissent: bool = False,
    **io: Any,
) -> Prompt:
    """The prompt that fits ``question``'s type, with ``default`` (the current answer) preselected,
    or the pointer and ticks of ``draft`` when the person left the question by help or back.

    ``header`` draws what stands above the prompt (question, progress, keys); ``io`` is passed to
    prompt_toolkit (``input=``, ``output=``), for tests. ``dissent`` adds the workshop's key.
    """
    look = look or Look()
    if question.type is QuestionType.MULTIPLE_CHOICE:
        prompt = checkbox_prompt(question, header, default, look=look, draft=draft, **io)
    elif question.type.has_options:
        prompt = select_prompt(question, header, default, look=look, draft=draft, **io)
    elif question.type is QuestionType.NUMBER:
        prompt = number_prompt(question, header, default, look=look, **io)
    else:
        prompt = text_prompt(question, header, default, look=look, **io)
    if dissent:
        _add_dissent_key(prompt)
    return prompt


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


def skip_cost(question: Question) -> str:
    """What leaving ``question`` unanswered costs, said where the questionnaire offers a skip:
    ``Required: `` and :func:`blank_cost`, or that it is optional."""
    if not question.required:
        return "Optional: you can leave it unanswered"
    return f"Required: {blank_cost(question)}"


def blank_cost(question: Question) -> str:
    """What leaving a required question unanswered costs, said wherever the questionnaire offers a
    skip or warns of one: coverage, and the finding of the riskiest answer it could be
    (:attr:`civdata.model.Question.blank_reading`), so that skipping is not taken for a way round
    "I don't know"."""
    reading = question.blank_reading
    if reading is None:
        return "leaving it unanswered lowers the coverage of the assessment"
    return (
        "leaving it unanswered lowers the coverage of the assessment and raises the finding of its "
        f"riskiest answer, “{shown(reading.answer)}”"
    )


def _action_choices(question: Question) -> list[Any]:
    """The rows under the options: back, help and skip (saying what skipping costs)."""
    skip_help = skip_cost(question)
    return [
        Separator(" "),
        Choice(ACTION_TITLES[Action.BACK], Action.BACK),
        Choice(ACTION_TITLES[Action.HELP], Action.HELP),
        Choice(ACTION_TITLES[Action.SKIP], Action.SKIP, description=skip_help),
    ]


def select_instruction() -> str:
    return f"↑↓ move · Enter choose · {NOTE_KEY} choose + note · {HELP_KEY} help · {BACK_KEY} back"


def checkbox_instruction() -> str:
    return f"↑↓ move · Space tick · Enter done · {NOTE_KEY} done + note · {HELP_KEY} help · {BACK_KEY} back"


#: How a typed answer or a note goes back: ``<`` as the whole line, with Enter (see :func:`_typed_keys`).
TYPED_BACK = f"{BACK_KEY} then Enter: back"


def typed_instruction(extra: str = "") -> str:
    return f"{extra}Enter done · {NOTE_KEY} done + note · {HELP_KEY} help · {TYPED_BACK} · Enter alone skips"


def select_prompt(
    question: Question,
    header: Header | None,
    default: AnswerValue | None = None,
    *,
    look: Look | None = None,
    draft: Draft | None = None,
    **io: Any,
) -> Prompt:
    """One choice among the options: single choice, yes/no/unsure/n.a., and scales."""
    choices = [
        Choice(option_title(question, option), option.value, description=_description(option.description))
        for option in question.options
    ]
    choices.extend(_action_choices(question))
    # questionary matches the default against choice values of any type, though its hints say text.
    selected = cast(Any, default) if question.option(default) is not None else None
    if draft is not None and draft.pointed is not None:
        selected = draft.pointed
    prompt = questionary.select(
        select_instruction(), choices, default=selected, instruction=" ", qmark="", use_jk_keys=False, **io
    )
    result = Prompt(prompt, lambda reply: reply)
    _add_action_keys(result, option_names(question), checkbox=False)
    frame(prompt.application, header, look=look or Look())
    return result


def checkbox_prompt(
    question: Question,
    header: Header | None,
    default: AnswerValue | None = None,
    *,
    look: Look | None = None,
    draft: Draft | None = None,
    **io: Any,
) -> Prompt:
    """Several options ticked with Space. An option marked ``exclusive`` ("none of these") cannot
    be ticked together with another: the prompt says so instead of accepting it."""
    ticked = set(default) if isinstance(default, tuple) else set()
    if draft is not None:
        ticked = {value for value in draft.ticked if not isinstance(value, Action)}
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
            return fit_message("Press Space to tick an option, then Enter. To leave it unanswered, choose Skip.")
        alone = exclusive_conflict(question, chosen)
        if alone is not None:
            return fit_message(f"'{shown(alone.label)}' cannot be ticked together with other options; untick one.")
        return True

    pointed = draft.pointed if draft is not None and draft.pointed is not None else None
    prompt = questionary.checkbox(
        checkbox_instruction(),
        choices,
        validate=validate,
        instruction=" ",
        qmark="",
        use_jk_keys=False,
        initial_choice=pointed,
        **io,
    )
    result = Prompt(prompt, lambda reply: reply)
    _add_action_keys(result, option_names(question), checkbox=True)
    frame(prompt.application, header, look=look or Look())

    def interpret(reply: Any) -> Reply:
        if isinstance(reply, Action):
            return reply
        # In the rubric's order, whatever order the options were ticked in.
        return tuple(option.value for option in question.options if option.value in reply)

    result.interpret = interpret
    return result


def _inquirer_control(application: Application[Any]) -> InquirerControl:
    for window in application.layout.find_all_windows():
        if isinstance(window, Window) and isinstance(window.content, InquirerControl):
            return window.content
    raise LookupError("questionary's list prompt has no InquirerControl")


def _press_enter(event: KeyPressEvent, application: Application[Any]) -> None:
    """Do what Enter does in this prompt (questionary's own handler, with its validation)."""
    bindings = application.key_bindings
    assert bindings is not None
    _pass_on(event, bindings, Keys.ControlM)


def _pass_on(event: KeyPressEvent, bindings: KeyBindingsBase, key: Keys | str) -> None:
    """Do what ``key`` does under ``bindings`` (the last active binding, as prompt_toolkit would)."""
    active = [binding for binding in bindings.get_bindings_for_keys((key,)) if binding.filter()]
    if active:
        active[-1].call(event)


def _add_action_keys(prompt: Prompt, names: Sequence[Sequence[str]], *, checkbox: bool) -> None:
    """Make ``?`` and ``<`` act at once in a list, Tab answer with a note, and the action rows of
    a checkbox act on Enter instead of being ticked."""
    application = prompt.question.application
    control = _inquirer_control(application)
    prompt._control = control
    bindings = KeyBindings()

    def finish(event: KeyPressEvent, action: Action) -> None:
        prompt.remember()
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

    on_action_row = Condition(lambda: isinstance(control.get_pointed_at().value, Action))

    @bindings.add("tab", eager=True)
    def _with_note(event: KeyPressEvent) -> None:
        prompt.wants_note = True
        if checkbox and on_action_row():
            finish(event, cast(Action, control.get_pointed_at().value))
            return
        _press_enter(event, application)
        if not control.is_answered:
            prompt.wants_note = False

    if checkbox:

        @bindings.add("enter", filter=on_action_row, eager=True)
        def _choose_action(event: KeyPressEvent) -> None:
            finish(event, cast(Action, control.get_pointed_at().value))

        @bindings.add(" ", filter=on_action_row, eager=True)
        def _no_tick(event: KeyPressEvent) -> None:
            """Action rows are not options: Space does nothing on them."""

    _add_type_to_jump(application, bindings, control, names, checkbox=checkbox)
    application.key_bindings = merge_key_bindings([application.key_bindings or KeyBindings(), bindings])


def _add_dissent_key(prompt: Prompt) -> None:
    """``!`` answers like Enter and records that someone in the room disagrees (a workshop's
    consensus mode). In a typed answer it acts when typed first, like ``?``."""
    application = prompt.question.application
    control = prompt._control
    bindings = KeyBindings()
    typed = control is None
    empty = Condition(lambda: not typed or not application.current_buffer.text)

    @bindings.add(DISSENT_KEY, filter=empty, eager=True)
    def _dissent(event: KeyPressEvent) -> None:
        prompt.dissent = True
        _press_enter(event, application)
        if control is not None and not control.is_answered:
            prompt.dissent = False

    application.key_bindings = merge_key_bindings([application.key_bindings or KeyBindings(), bindings])


#: What one keyboard types for the characters rubric text is often written with: typographic
#: apostrophes and quotes, dashes and the minus sign.
_KEYBOARD_FORMS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


def _folded(text: str, *, accents: bool) -> str:
    """``text`` as typing is matched: composed (NFC), any case, a keyboard's apostrophe for a
    typographic one, runs of spaces as one; without accents (or other combining marks) when
    ``accents`` is false, so "nao" finds "Não" on a keyboard that has no "ã"."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(_KEYBOARD_FORMS).casefold())
    if accents:
        return text
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def option_matching(typed: str, names: Sequence[Sequence[str]]) -> int | None:
    """The index of the row that what was ``typed`` points at, None when no row matches.

    ``names`` are each row's names (its title, and its label where the title adds to it, as a
    scale's ``3 · Fairly``); a row with none (an action row) is never matched. A name typed whole
    wins over one it only begins (typing "No" is "No", even below "No, not yet"); matching ignores
    case, and ignores accents only when nothing matches with them.
    """
    for accents in (True, False):
        wanted = _folded(typed, accents=accents).lstrip()
        if not wanted:
            return None
        rows = [[_folded(name, accents=accents) for name in row] for row in names]
        for whole in (True, False):
            for index, row in enumerate(rows):
                if any(name == wanted if whole else name.startswith(wanted) for name in row):
                    return index
    return None


def option_names(question: Question) -> list[tuple[str, ...]]:
    """Each option's names for typing to jump: its title in the list, and its label alone."""
    return [tuple(dict.fromkeys((option_title(question, option), shown(option.label)))) for option in question.options]


def _choice_names(control: InquirerControl) -> list[tuple[str, ...]]:
    """The names of a list's rows: each choice's title; none for separators and action rows."""
    return [
        ()
        if isinstance(choice, Separator)
        or isinstance(choice.value, Action)
        or choice.disabled
        or not isinstance(choice.title, str)
        else (choice.title,)
        for choice in control.choices
    ]


@dataclass
class _Typing:
    """What has been typed to jump in a list, and where the pointer was left by it."""

    text: str = ""
    at: int = -1
    matched: bool = True


def _add_type_to_jump(
    application: Application[Any],
    bindings: KeyBindings,
    control: InquirerControl,
    names: Sequence[Sequence[str]] | None = None,
    *,
    checkbox: bool = False,
) -> None:
    """Typing moves the pointer to the option that starts with what was typed ("no", "3", "not a").

    Someone who types "no" and presses Enter must not answer "Yes" because letters were ignored:
    every printable character is part of what is typed (an apostrophe, an accented letter, any
    script), and when what is typed starts no option, the pointer stays where it was and the list
    says so, and Enter chooses nothing until it does; it never jumps on the last letter alone.
    Backspace takes a character back, Esc stops
    typing, and so does moving the pointer with the arrows. Letters and digits replace
    questionary's j/k and a/i keys (the latter would tick the action rows and an exclusive option
    too). Only options are matched, never the action rows.

    In a checkbox, a space typed while typing is part of what is typed ("an access"): it never
    ticks or unticks on the way. Space ticks when nobody is typing, as always.
    """
    rows = names if names is not None else _choice_names(control)
    typing = _Typing()
    active = Condition(lambda: bool(typing.text) and control.pointed_at == typing.at)

    def point(text: str) -> None:
        index = option_matching(text, rows)
        if index is not None:
            control.pointed_at = index
        typing.text, typing.at, typing.matched = text, control.pointed_at, index is not None

    def type_character(event: KeyPressEvent) -> None:
        character = event.data
        if len(character) != 1 or not character.isprintable():
            return
        point((typing.text if active() else "") + character)

    def take_back(event: KeyPressEvent) -> None:
        if active():
            point(typing.text[:-1])

    def stop(event: KeyPressEvent) -> None:
        typing.text = ""

    moves = application.key_bindings or KeyBindings()

    def move(event: KeyPressEvent) -> None:
        """The arrows move as they did (questionary's keys), and end the typing even when the
        pointer comes back to where typing left it."""
        stop(event)
        _pass_on(event, moves, event.key_sequence[0].key)

    unmatched = Condition(lambda: active() and not typing.matched)

    def wait(event: KeyPressEvent) -> None:
        """Enter while what is typed starts no option chooses nothing: the pointer stayed where it
        was, and "no se" typed for an "I don't know" must not answer the "No" it rests on."""

    for character in string.ascii_letters + string.digits:
        bindings.add(character, eager=True)(type_character)
    bindings.add("enter", filter=unmatched, eager=True)(wait)
    bindings.add(Keys.Any)(type_character)
    bindings.add(" ", filter=active if checkbox else True, eager=True)(type_character)
    bindings.add("backspace", eager=True)(take_back)
    bindings.add("escape", eager=True)(stop)
    for key in (Keys.Up, Keys.Down, Keys.ControlN, Keys.ControlP):
        bindings.add(key, eager=True)(move)

    draw = control.text

    def drawn() -> StyleAndTextTuples:
        tokens = list(cast(StyleAndTextTuples, draw() if callable(draw) else draw))
        line = _typing_line(typing, checkbox=checkbox) if active() else None
        return tokens if line is None else cast(StyleAndTextTuples, [*tokens, ("", "\n"), line])

    control.text = drawn


def _typing_line(typing: _Typing, *, checkbox: bool) -> tuple[str, str] | None:
    """The line under a list while someone types to jump: what is typed starts no option (and
    Enter chooses nothing), or, in a checkbox, that Space types a space; None otherwise."""
    typed = shown(typing.text)
    if not typing.matched:
        return (
            "class:warning",
            f"  No option starts with “{typed}”, so Enter chooses nothing · Backspace to correct · Esc to stop typing",
        )
    if checkbox:
        return (
            "class:keys",
            f"  Typing “{typed}” · Space types a space · Esc, ↑ or ↓ to stop typing, then Space ticks",
        )
    return None


# --- Typed answers ------------------------------------------------------------------------------


def _typed_keys(prompt: Prompt, *, actions: bool = True) -> None:
    """``?`` typed first into an empty line shows the help at once, like in the lists (not when
    ``actions`` is false: in a note, ``?`` is text); Tab finishes and asks for a note.

    ``<`` is back only as the whole line given with Enter (:func:`_typed_action`), never at once:
    a facilitator typing "<1" (less than one) for a text answer, a note or a number went back at
    once, and the "1" and Enter typed after it re-answered the question before, a scale's "Fully"
    replaced by "Not at all" with one line on screen to tell (the review of assess in a terminal)."""
    application = prompt.question.application
    bindings = KeyBindings()
    empty = Condition(lambda: not application.current_buffer.text)

    def finish(event: KeyPressEvent, action: Action) -> None:
        event.app.exit(result=action)

    if actions:

        @bindings.add(HELP_KEY, filter=empty, eager=True)
        def _help(event: KeyPressEvent) -> None:
            finish(event, Action.HELP)

        @bindings.add("enter", filter=empty, eager=True)
        def _skip(event: KeyPressEvent) -> None:
            finish(event, Action.SKIP)

        @bindings.add("tab", eager=True)
        def _with_note(event: KeyPressEvent) -> None:
            prompt.wants_note = True
            if not application.current_buffer.text:
                finish(event, Action.SKIP)
            else:
                application.current_buffer.validate_and_handle()

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


def _typed(message: str, default: str, validate: Any, **io: Any) -> questionary.Question:
    """A typed line under the framed header: ``› `` then what is typed; an error shows on the
    line right under it (no space kept for a completion menu that never comes)."""
    return questionary.text(message, default=default, validate=validate, qmark="›", reserve_space_for_menu=0, **io)


def text_prompt(
    question: Question,
    header: Header | None,
    default: AnswerValue | None = None,
    *,
    look: Look | None = None,
    **io: Any,
) -> Prompt:
    """A line of free text."""
    prompt = Prompt(_typed("", "" if default is None else str(default), None, **io), lambda reply: reply)
    _typed_keys(prompt)
    frame(prompt.question.application, header, look=look or Look())

    def interpret(reply: Any) -> Reply:
        if isinstance(reply, Action):
            return reply
        return _typed_action(reply) or reply.strip()

    prompt.interpret = interpret
    return prompt


def parse_number(question: Question, text: str) -> int | float | str:
    """The number typed, in the form the answers loader gives it, or a message saying what is wrong.

    Read and bounded by :mod:`civdata.values`, as the answers loader reads a file, so what the
    questionnaire accepts is exactly what a report accepts."""
    cleaned = text.strip()
    if question.unit and cleaned.lower().endswith(question.unit.lower()):
        cleaned = cleaned[: -len(question.unit)].strip()
    number = number_from_text(cleaned)
    wanted = f"Type {wanted_number(question)}."
    if number is None:
        return _number_hint_message(question, cleaned, wanted)
    if number_problem(number) is not None:
        return wanted
    beyond = beyond_range(question, number)
    if beyond is not None:
        return f"{cleaned} is {beyond}. {wanted}"
    if out_of_bounds(question, number) is not None:
        return wanted
    return int(number) if question.integer else number


def _number_hint_message(question: Question, typed: str, wanted: str) -> str:
    """What a number typed another way than civdata reads one is told (see
    :func:`civdata.values.number_hint`): first that it is outside the range, if it would be."""
    hint = number_hint(question, typed)
    if hint is None:
        return wanted
    if hint.beyond is not None:
        return f"{typed} would be {hint.read_as}, {hint.beyond}. {wanted}"
    if hint.fixed is not None:
        return f"Write it {hint.how}: {hint.fixed}, not {typed}."
    return f"Type {wanted_number(question)}, {hint.how}." if hint.how else wanted


def number_instruction(question: Question) -> str:
    """``(0 – 120 months · ...)``: the range and unit in a few characters; the message shown for
    a wrong number says the rest (such as "whole number")."""
    span = limits_symbols(question.minimum, question.maximum) or "a number"
    what = f"{span} {question.unit}" if question.unit else span
    return typed_instruction(f"{what} · ")


def number_prompt(
    question: Question,
    header: Header | None,
    default: AnswerValue | None = None,
    *,
    look: Look | None = None,
    **io: Any,
) -> Prompt:
    """A number, checked as it is typed against the rubric's minimum, maximum and ``integer``."""

    def validate(text: str) -> bool | str:
        if _typed_action(text) is not None:
            return True
        parsed = parse_number(question, text)
        return parsed if isinstance(parsed, str) else True

    shown = "" if default is None else (f"{default:g}" if isinstance(default, float) else str(default))
    prompt = Prompt(_typed("", shown, validate, **io), lambda reply: reply)
    _typed_keys(prompt)
    frame(prompt.question.application, header, look=look or Look())

    def interpret(reply: Any) -> Reply:
        if isinstance(reply, Action):
            return reply
        return _typed_action(reply) or parse_number(question, reply)

    prompt.interpret = interpret
    return prompt


# --- Notes, details about the respondent, the review screen ------------------------------------

#: Said in a needed note's header: Enter alone is not an answer there.
NOTE_NEEDED_KEYS = f"Type a note, then Enter (Enter alone won't do here) · {TYPED_BACK} to the answer"
#: Short enough for one line of a 60-column terminal (prompt_toolkit shows errors on one line).
NOTE_ERROR = "A note is needed here: even 'not decided yet' helps."


def note_header(*, required: bool, other: bool = False) -> tuple[str, str]:
    """The note prompt's question and its keys line. When the answer raises a high or critical
    finding, a note is needed: the report shows it next to the finding, where a reader looks for
    what is planned. When the answer is "Other", the note is where the respondent says which."""
    if other:
        message = "Note (needed): which other one?" + (" And what is planned?" if required else "")
        return message, f"The rubric's list does not name it. {NOTE_NEEDED_KEYS}"
    if required:
        return "Note (needed): why this answer, and what is planned?", NOTE_NEEDED_KEYS
    return "Note (optional): for the report", f"Type a note, then Enter · Enter alone: no note · {TYPED_BACK}"


def note_prompt(
    default: str | None,
    *,
    required: bool,
    other: bool = False,
    look: Look | None = None,
    above: StyleAndTextTuples = (),  # type: ignore[assignment]
    **io: Any,
) -> Prompt:
    """A note beside the answer (see :func:`note_header`); ``above`` is shown first (the
    findings that make the note needed)."""
    message, keys = note_header(required=required, other=other)
    required = required or other

    def validate(text: str) -> bool | str:
        if required and not text.strip():
            return NOTE_ERROR
        return True

    def header() -> StyleAndTextTuples:
        return [*above, ("class:title", message + "\n"), ("class:keys", keys)]

    prompt = Prompt(_typed("", default or "", validate, **io), lambda reply: reply)
    _typed_keys(prompt, actions=False)
    frame(prompt.question.application, header, look=look or Look())

    def interpret(reply: Any) -> Reply:
        if isinstance(reply, Action):
            return reply
        if reply.strip() == BACK_KEY:
            return Action.BACK
        return reply.strip() or None

    prompt.interpret = interpret
    return prompt


def detail_prompt(
    message: str, default: str | None, *, required: bool, instruction: str, look: Look | None = None, **io: Any
) -> Prompt:
    """A line about the initiative or the respondent (name, organisation)."""

    def validate(text: str) -> bool | str:
        return True if text.strip() or not required else "This is needed; type a name."

    def header() -> StyleAndTextTuples:
        return [("class:title", message + "\n"), ("class:keys", instruction)]

    prompt = Prompt(_typed("", default or "", validate, **io), lambda reply: typed_detail(reply) or None)
    frame(prompt.question.application, header, look=look or Look())
    return prompt


#: The marks that set a direction and nothing else (left-to-right, right-to-left, Arabic letter
#: mark): a right-to-left keyboard types them around a name, where they change nothing.
_DIRECTION_MARKS = "\u200e\u200f\u061c"


def typed_detail(text: str) -> str:
    """A name, organisation or initiative as typed, less the spaces and the direction marks at its
    ends: typed around an Arabic name, the marks change nothing on screen, but every report would
    spell them out as escapes (``\\u200fمحمد\\u200f``), as it must for marks a file holds, which
    may hide a difference. A mark inside a name is kept, and shown so."""
    return text.strip().strip(_DIRECTION_MARKS).strip()


def role_prompt(roles: Sequence[Role], default: str | None, *, look: Look | None = None, **io: Any) -> Prompt:
    """The respondent's role, from the rubric: it decides which questions they are asked."""
    choices = [Choice(shown(role.label), role.id, description=_description(role.description)) for role in roles]
    selected = default if any(role.id == default for role in roles) else None
    return menu_prompt("Which role do you answer for?", choices, selected, look=look, **io)


def menu_prompt(
    message: str,
    choices: Sequence[Any],
    default: Any = None,
    *,
    look: Look | None = None,
    header: Callable[[], StyleAndTextTuples] | None = None,
    **io: Any,
) -> Prompt:
    """A list of titled choices (``Choice`` or ``Separator``): the role, the review and
    confirmation screens. ``header`` adds lines under ``message`` (a legend)."""
    prompt = questionary.select(
        "↑↓ move · Enter choose", list(choices), default=default, instruction=" ", qmark="", use_jk_keys=False, **io
    )
    result = Prompt(prompt, lambda reply: reply)
    control = _inquirer_control(prompt.application)
    result._control = control
    bindings = KeyBindings()
    _add_type_to_jump(prompt.application, bindings, control)
    prompt.application.key_bindings = merge_key_bindings([prompt.application.key_bindings or KeyBindings(), bindings])

    def top() -> StyleAndTextTuples:
        return [("class:title", message), *(header() if header is not None else [])]

    frame(prompt.application, top, look=look or Look())
    return result


def pick_prompt(message: str, choices: Sequence[Choice], *, look: Look | None = None, **io: Any) -> Prompt:
    """Tick some of ``choices`` (people, in a workshop); Enter with none ticked picks none."""
    prompt = questionary.checkbox(
        "↑↓ move · Space tick · Enter done", list(choices), instruction=" ", qmark="", use_jk_keys=False, **io
    )
    result = Prompt(prompt, lambda reply: list(reply))
    result._control = _inquirer_control(prompt.application)
    frame(
        prompt.application,
        lambda: [("class:title", message + "\n"), ("class:keys", "Space tick · Enter done")],
        look=look or Look(),
    )
    return result
