"""How a prompt fills the screen: word-wrapped, styled for a projector, never taller than the terminal.

prompt_toolkit cuts long lines at the right edge or breaks them mid-word, and questionary draws a
list as one row per choice however long, and as many rows as there are choices. Every prompt of
the questionnaire therefore goes through :func:`frame`, which

* puts a header (the question, the keys) above the prompt, wrapped at word boundaries to the
  terminal's width each time the screen is drawn, so a resized window rewraps;
* wraps each row of a list at word boundaries, continuation lines indented under the text;
* draws the pointed row in reverse video across the whole width, and ticked boxes as ``[x]``;
* shows only as many rows of a long list as fit under the header, saying how many more there are
  above and below;
* erases the prompt once answered, so the questionnaire prints its own echo of the answer
  (wrapped by rich) instead of questionary's one-line echo.

Styles come from :class:`Look`: colour, plain (``NO_COLOR``) or high contrast. The pointed row is
reverse video in all three, since reverse video reads on any projector and any terminal theme.
Plain and high contrast draw no colour at all: not civdata's, nor questionary's own style (its
``›`` marker) nor prompt_toolkit's defaults (the line a refusal is shown on).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from prompt_toolkit.application import Application, get_app_or_none
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window
from prompt_toolkit.styles import Attrs, Style, StyleTransformation, merge_style_transformations
from prompt_toolkit.utils import get_cwidth
from questionary.prompts.common import InquirerControl
from rich.theme import Theme

from civdata.records import record

#: The tick boxes of a checkbox, instead of questionary's ● and ○ (too alike on a projector).
TICKED, UNTICKED = "[x] ", "[ ] "
_QUESTIONARY_TICKED, _QUESTIONARY_UNTICKED = "● ", "○ "
#: A row's prefix, under which its continuation lines are indented: the pointer, a tick box,
#: a number ("12. "), "Description: ".
_PREFIX = re.compile(r"\s*(?:»\s*)?(?:\[[ x]\]\s)?(?:\d+\.\s)?(?:Description:\s|[✓✎←?]\s)?")
#: Fewest list rows shown, however short the terminal.
MIN_ROWS = 5

Fragment = tuple[str, str]
Line = list[Fragment]
Lines = list[Line]


@record
class Look:
    """How the questionnaire is styled: ``color`` off for ``NO_COLOR`` or a dumb terminal;
    ``contrast`` for the high-contrast mode (no colour, bold where colour would be)."""

    color: bool = True
    contrast: bool = False

    @property
    def colored(self) -> bool:
        return self.color and not self.contrast

    def prompt_style(self) -> Style:
        """questionary's classes, and civdata's own ``pointed``, ``ticked`` and ``warning``."""
        if self.colored:
            rules = {
                "pointed": "reverse bold",
                "ticked": "bold fg:ansigreen",
                "warning": "bold fg:ansired",
                "header": "",
                "title": "bold",
                "keys": "",
                "marker": "bold fg:ansiblue",
            }
        else:
            rules = {
                "pointed": "reverse bold",
                "ticked": "bold underline",
                "warning": "bold",
                "header": "",
                "title": "bold",
                "keys": "",
                "marker": "bold",
            }
        if self.contrast:
            rules["header"] = rules["keys"] = "bold"
        rules |= {
            "qmark": "bold",
            "question": "bold",
            "answer": "bold",
            "instruction": rules["keys"],
            "highlighted": "",
            "pointer": "",
            "selected": "",
            "separator": "bold",
            "text": "",
            "disabled": "",
            "validation-toolbar": rules["warning"] + " noreverse",
        }
        return Style(list(rules.items()))

    def theme(self) -> Theme:
        """rich styles for what is printed between prompts (see ``display``)."""
        if self.colored:
            styles = {
                "area": "bold cyan",
                "progress": "",
                "title": "bold",
                "keys": "",
                "warn": "bold yellow",
                "bad": "bold red",
                "good": "bold green",
                "echo": "bold",
                "quiet": "",
            }
        else:
            styles = dict.fromkeys(("area", "title", "warn", "bad", "good", "echo"), "bold")
            styles |= {"progress": "", "keys": "", "quiet": ""}
        if self.contrast:
            styles |= {"progress": "bold", "keys": "bold"}
        return Theme(styles)


class Colourless(StyleTransformation):
    """Every colour dropped from what a prompt draws, bold, underline and reverse video kept.

    The styles a prompt is drawn with are merged from three places: prompt_toolkit's defaults,
    questionary's (``qmark`` is ``fg:#5f819d``) and :meth:`Look.prompt_style`. A rule of civdata's
    for a class adds to the earlier ones rather than replacing them, so ``qmark: bold`` left the
    colour on; and a class civdata never names keeps its colour too. Dropping the colours after the
    styles are merged holds for every class, now and in a later questionary."""

    def transform_attrs(self, attrs: Attrs) -> Attrs:
        return attrs._replace(color="", bgcolor="")


COLOURLESS = Colourless()


def screen_size() -> tuple[int, int]:
    """Columns and rows of the terminal the running prompt draws on (80x24 outside one)."""
    app = get_app_or_none()
    if app is None:
        return 80, 24
    size = app.output.get_size()
    return max(size.columns, 20), max(size.rows, 8)


# --- Wrapping formatted text ----------------------------------------------------------------------


def split_lines(fragments: StyleAndTextTuples) -> Lines:
    """Formatted text as lines of fragments (the newlines dropped)."""
    lines: Lines = [[]]
    for fragment in fragments:
        style, text = fragment[0], fragment[1]
        parts = text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part or style.startswith("["):
                lines[-1].append((style, part))
    return lines


def join_lines(lines: Lines) -> StyleAndTextTuples:
    joined: Line = []
    for index, line in enumerate(lines):
        if index:
            joined.append(("", "\n"))
        joined.extend(line)
    return cast(StyleAndTextTuples, joined)


def plain(line: Line) -> str:
    return "".join(fragment[1] for fragment in line if not fragment[0].startswith("["))


def wrap_line(line: Line, width: int) -> Lines:
    """One line wrapped at word boundaries to ``width`` columns; continuation lines are indented
    under the text that follows the row's prefix (pointer, tick box, number). A word longer than
    a whole line is the only thing ever broken."""
    chars = [(fragment[0], char) for fragment in line if not fragment[0].startswith("[") for char in fragment[1]]
    text = "".join(char for _, char in chars)
    if sum(get_cwidth(char) for char in text) <= width:
        return [line]
    prefix = _PREFIX.match(text)
    indent = min(len(prefix.group(0)) if prefix else 0, width // 2)
    wrapped: Lines = []
    lead = len(text) - len(text.lstrip(" "))
    current: list[tuple[str, str]] = chars[:lead]
    used = lead
    for word in re.finditer(r"\S+\s*", text):
        start, end = word.span()
        body_end = start + len(word.group(0).rstrip())
        body_width = sum(get_cwidth(char) for char in text[start:body_end])
        if current and used + body_width > width:
            wrapped.append(current)
            current, used = [("", " " * indent)], indent
        position = start
        while used + body_width > width and position < body_end:
            room = width - used
            take = max(room, 1)
            current.extend(chars[position : position + take])
            position += take
            body_width -= take
            wrapped.append(current)
            current, used = [("", " " * indent)], indent
        current.extend(chars[position:end])
        used += sum(get_cwidth(char) for _, char in chars[position:end])
    if current:
        wrapped.append(current)
    return [_merge(_rstrip(piece)) for piece in wrapped]


def _rstrip(line: list[tuple[str, str]]) -> list[tuple[str, str]]:
    while line and line[-1][1] == " ":
        line = line[:-1]
    return line


def _merge(chars: list[tuple[str, str]]) -> Line:
    merged: Line = []
    for style, text in chars:
        if merged and merged[-1][0] == style:
            merged[-1] = (style, merged[-1][1] + text)
        else:
            merged.append((style, text))
    return merged


def wrap(fragments: StyleAndTextTuples, width: int) -> Lines:
    """Formatted text wrapped at word boundaries, line by line."""
    return [piece for line in split_lines(fragments) for piece in wrap_line(line, width)]


def wrap_plain(text: str, width: int) -> list[str]:
    """Plain text wrapped like :func:`wrap`, for tests and for text printed outside prompt_toolkit."""
    return [plain(line) for line in wrap([("", text)], width)]


def fit_message(text: str) -> str:
    """A message under a list (a checkbox's refusal), wrapped to the terminal so it is read whole."""
    columns, _ = screen_size()
    return "\n".join(wrap_plain(text, columns - 1))


# --- Framing a prompt -----------------------------------------------------------------------------

Header = Callable[[], StyleAndTextTuples]


def frame(application: Application[Any], header: Header | None, *, look: Look) -> None:
    """Put ``header`` above the prompt, wrapped to the terminal; style, wrap and fit its list (if
    it is a list); erase it when answered. ``header`` is called at every redraw."""
    application.erase_when_done = True
    application.style = _merged_style(application, look)
    if not look.colored:
        application.style_transformation = merge_style_transformations([application.style_transformation, COLOURLESS])
    control = _inquirer_control(application)
    if header is not None:
        content = FormattedTextControl(lambda: join_lines(header_lines(header)))
        header_window = Window(content, wrap_lines=False, dont_extend_height=True)
        old = application.layout
        parts, focused = [header_window, old.container], old.current_window
        if control is not None and isinstance(old.container, HSplit):
            # A list's first row is questionary's prompt line; the header says all it would.
            parts = [header_window, *old.container.children[1:]]
            focused = _window_of(application, control)
        application.layout = Layout(HSplit(parts), focused_element=focused)
    if control is not None:
        _fit_list(control, lambda: len(header_lines(header)) if header is not None else 0)


def header_lines(header: Header) -> Lines:
    columns, _ = screen_size()
    return wrap(header(), columns - 1)


def _merged_style(application: Application[Any], look: Look) -> Style:
    from prompt_toolkit.styles import merge_styles

    existing = application.style
    return cast(Style, merge_styles([existing, look.prompt_style()] if existing is not None else [look.prompt_style()]))


def _window_of(application: Application[Any], control: InquirerControl) -> Window:
    return next(
        window for window in application.layout.find_all_windows() if getattr(window, "content", None) is control
    )


def _inquirer_control(application: Application[Any]) -> InquirerControl | None:
    for window in application.layout.find_all_windows():
        if isinstance(window, Window) and isinstance(window.content, InquirerControl):
            return window.content
    return None


@dataclass
class _Scroll:
    """Where a long list's visible rows start, kept between redraws so the list scrolls like a
    list: only when the pointer leaves the rows shown."""

    top: int = 0


def _fit_list(control: InquirerControl, header_height: Callable[[], int]) -> None:
    draw = control.text
    scroll = _Scroll()

    def tokens() -> StyleAndTextTuples:
        drawn = cast(StyleAndTextTuples, draw() if callable(draw) else draw)
        columns, rows = screen_size()
        width = columns - 1
        lines = split_lines(drawn)
        count = len(control.filtered_choices)
        rows_of_choices = [_restyle(line, index == control.pointed_at) for index, line in enumerate(lines[:count])]
        footer = [piece for line in lines[count:] for piece in wrap_line(line, width)]
        wrapped = [wrap_line(line, width) for line in rows_of_choices]
        pointed = control.pointed_at
        wrapped[pointed] = [_pad(line, width) for line in wrapped[pointed]]
        wrapped[pointed][0] = [("[SetCursorPosition]", ""), *wrapped[pointed][0]]
        error = _error_height(control)
        room = max(rows - header_height() - 1 - len(footer) - error - 1, MIN_ROWS)
        return join_lines(_visible(wrapped, pointed, room, scroll) + footer)

    control.text = tokens


def _error_height(control: InquirerControl) -> int:
    message = getattr(control, "error_message", None)
    if not message:
        return 0
    return 1 + sum(fragment[1].count("\n") for fragment in message)


def _restyle(line: Line, pointed: bool) -> Line:
    """A list row with civdata's tick boxes and styles: the pointed row reversed, ticked boxes
    marked, the rows under the options (back, help, skip) without a box."""
    text = plain(line)
    action_row = any(title in text for title in ("← Back", "? Help", "Skip (leave unanswered)"))
    restyled: Line = []
    for fragment in line:
        style, part = fragment[0], fragment[1]
        if part == _QUESTIONARY_TICKED:
            style, part = "class:ticked", TICKED
        elif part == _QUESTIONARY_UNTICKED:
            part = "" if action_row else UNTICKED
        elif style == "class:selected":
            style = "class:ticked"
        restyled.append((style, part))
    if pointed:
        restyled = [
            (f"{style} class:pointed" if not style.startswith("[") else style, part) for style, part in restyled
        ]
    return restyled


def _pad(line: Line, width: int) -> Line:
    """The pointed row's reverse video across the whole width, so it reads as a bar."""
    used = sum(get_cwidth(char) for char in plain(line))
    return [*line, ("class:pointed", " " * max(width - used, 0))] if used < width else line


def _visible(rows: list[Lines], pointed: int, room: int, scroll: _Scroll) -> Lines:
    """The rows that fit in ``room`` lines, keeping the pointed one in view, with a line above
    and below saying how many rows are hidden there."""
    if sum(len(row) for row in rows) <= room:
        return [line for row in rows for line in row]
    room = max(room - 2, 1)
    if pointed < scroll.top:
        scroll.top = pointed
    while True:
        used = sum(len(row) for row in rows[scroll.top : pointed + 1])
        if used <= room or scroll.top == pointed:
            break
        scroll.top += 1
    end = scroll.top
    used = 0
    while end < len(rows) and used + len(rows[end]) <= room:
        used += len(rows[end])
        end += 1
    end = max(end, pointed + 1)
    shown = [line for row in rows[scroll.top : end] for line in row][: max(room, len(rows[pointed]))]
    above = _counted(rows[: scroll.top])
    below = _counted(rows[end:])
    top: Line = [("class:marker", f"  ▲ {above} more above" if above else "")]
    bottom: Line = [("class:marker", f"  ▼ {below} more below · ↑↓ to scroll" if below else "")]
    return [top, *shown, bottom]


def _counted(rows: Sequence[Lines]) -> int:
    """How many of ``rows`` are choices (a blank separator row is not counted)."""
    return sum(1 for row in rows if plain(row[0]).strip())
