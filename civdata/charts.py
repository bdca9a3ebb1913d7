"""Pictures of scores, as SVG: area scores by role and combined, and scores over time.

Pure functions: data in, SVG text out; nothing is read or written here. The renderers place the
text (inline in the HTML report, in a file beside a Markdown report); the caller chooses what to
draw, so the same two pictures serve one respondent, several roles, a baseline and a history.

Every picture is

* self-contained: no fonts, stylesheets, scripts, links or images from anywhere else; text uses
  the reader's own sans-serif font;
* accessible: ``role="img"`` named by its ``<title>`` and ``<desc>`` (``aria-labelledby``), the
  description starts with the line under the title (what the numbers are and, for a risk score,
  that higher means more risk: a screen reader reads no other text) and states every value in
  words, every bar and point carries its value as text, and colour is never the only signal (bars
  are named where they end, the combined bar is hatched and outlined, lines have their own marker
  shape and their name at their end);
* deterministic: the same data gives the same bytes, so committed pictures and golden files only
  change when the data does;
* escaped: every text goes through :func:`civdata.escape.html_text`, so a title from a file can
  add no element, attribute or entity, in a standalone ``.svg`` file or inline in HTML.

Widths of text are estimated (no font is measured): long names are wrapped and shortened, with
the full text kept in a ``<title>`` tooltip and in the description.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping, Sequence

from civdata.escape import html_text
from civdata.records import record

WIDTH = 720
#: Colours for roles and areas, from the Okabe-Ito palette that readers with colour-vision
#: deficiency tell apart (its yellow left out: too pale on white). Every shape also has a dark
#: outline, so it stands out from the white page whatever its fill.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 on white
GRID = "#c8c8c8"
FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
#: Estimated width of one character at 12px in a sans-serif font; used to wrap and shorten names.
CHAR_WIDTH = 6.6


@record
class Series:
    """One set of bars in :func:`area_chart`: a label (a role, a respondent, "Combined") and one
    0-100 value per area, None where nothing counted. ``combined`` marks the combined score,
    drawn hatched, outlined and in bold."""

    label: str
    values: tuple[float | None, ...]
    combined: bool = False
    #: What a value of None means, in the words a bar and the description give it.
    missing: str = "no answer counted"


def _n(value: float) -> str:
    """A coordinate, the same text on every machine: at most one decimal, no trailing zero."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def value_text(value: float | None) -> str:
    """A score as labelled on a picture: ``62.5``, ``40``."""
    if value is None:
        return "no answer counted"
    return f"{value:.1f}".rstrip("0").rstrip(".")


def shorten(text: str, characters: int) -> str:
    """``text`` on one line of at most ``characters``, ending in ``…`` when it was longer."""
    line = " ".join(text.split())
    return line if len(line) <= characters else line[: characters - 1].rstrip() + "…"


def wrap(text: str, characters: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``characters``, the last shortened if need be."""
    words, result, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= characters or not current:
            current = candidate
        else:
            result.append(current)
            current = word
    result.append(current)
    if len(result) > lines:
        result = [*result[: lines - 1], " ".join(result[lines - 1 :])]
    return [shorten(line, characters) for line in result] or [""]


def _open(title: str, description: str, height: float, id_prefix: str) -> list[str]:
    ident = html_text(id_prefix)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{_n(height)}" '
        f'viewBox="0 0 {WIDTH} {_n(height)}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'style="{FONT};background:#ffffff">',
        f'<title id="{ident}-title">{html_text(title)}</title>',
        f'<desc id="{ident}-desc">{html_text(description)}</desc>',
        f'<rect width="{WIDTH}" height="{_n(height)}" fill="#ffffff"/>',
        f'<text x="8" y="22" font-size="15" font-weight="bold" fill="{INK}">{html_text(shorten(title, 90))}</text>',
    ]


def _isolated(text: str) -> str:
    """Text from a file (an area's title, a role's label) in a ``tspan`` that keeps its own direction
    (``unicode-bidi="plaintext"``, the SVG counterpart of HTML's ``dir="auto"``): Arabic or Hebrew reads
    right to left, whole, in a picture laid out left to right, and the ``text`` around it stays
    anchored where it is."""
    return f'<tspan unicode-bidi="plaintext">{html_text(text)}</tspan>'


# --- Area scores: grouped horizontal bars ------------------------------------------------------------

LABEL_COLUMN = 200  # area titles, left of the bars
PLOT_LEFT = 212
PLOT_WIDTH = 300  # 0 to 100
BAR_HEIGHT = 14
ROW = 18
GROUP_PADDING = 8
TITLE_LINE = 14


def _x(percent: float) -> float:
    return PLOT_LEFT + PLOT_WIDTH * max(0.0, min(100.0, percent)) / 100


def _hatch(id_prefix: str) -> str:
    ident = html_text(id_prefix)
    return (
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#d9d9d9"/>'
        f'<rect width="3" height="6" fill="{INK}"/></pattern></defs>'
    )


def _fill(series: Series, index: int, id_prefix: str) -> str:
    return f"url(#{html_text(id_prefix)}-hatch)" if series.combined else PALETTE[index % len(PALETTE)]


def _legend(series: Sequence[Series], id_prefix: str, y: float) -> tuple[list[str], float]:
    """A swatch and a name per series, in rows; and the baseline of the last row."""
    parts, x = [], 8.0
    for index, item in enumerate(series):
        label = shorten(item.label, 28)
        stroke = "2" if item.combined else "0.75"
        weight = ' font-weight="bold"' if item.combined else ""
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y - 10)}" width="14" height="12" fill="{_fill(item, index, id_prefix)}" '
            f'stroke="{INK}" stroke-width="{stroke}"/>'
            f'<text x="{_n(x + 19)}" y="{_n(y)}" font-size="12" fill="{INK}"{weight}>{_isolated(label)}</text>'
        )
        x += 19 + len(label) * CHAR_WIDTH + 16
        if x > WIDTH - 160 and index < len(series) - 1:
            x, y = 8.0, y + 18
    return parts, y


def _bar(series: Series, index: int, value: float | None, y: float, id_prefix: str, *, named: bool) -> str:
    """One bar with its value, and its series' name when there are several, written where it ends."""
    label = html_text(series.missing if value is None else value_text(value))
    if named:
        label = f"{_isolated(shorten(series.label, 26))}: {label}"
    weight = ' font-weight="bold"' if series.combined else ""
    text_y = _n(y + BAR_HEIGHT - 3)
    if value is None:
        return (
            f'<text x="{_n(PLOT_LEFT + 4)}" y="{text_y}" font-size="11" font-style="italic" '
            f'fill="{MUTED}"{weight}>{label}</text>'
        )
    end = _x(value)
    stroke = "2" if series.combined else "0.75"
    return (
        f'<rect x="{PLOT_LEFT}" y="{_n(y)}" width="{_n(end - PLOT_LEFT)}" height="{BAR_HEIGHT}" '
        f'fill="{_fill(series, index, id_prefix)}" stroke="{INK}" stroke-width="{stroke}"/>'
        f'<text x="{_n(end + 5)}" y="{text_y}" font-size="11" fill="{INK}"{weight}>{label}</text>'
    )


def area_chart(
    areas: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    scale: str = "Score, 0-100",
    overall_last: bool = False,
    id_prefix: str = "areas",
) -> str:
    """Area scores as grouped horizontal bars: one group per area, one bar per series, 0-100.

    ``areas`` are the group titles (wrapped to three lines at most); each of ``series`` has one
    value per area. With ``overall_last``, the last group is the overall score, set off by a rule
    and titled in bold. ``scale`` says what the numbers are (a risk rubric says that higher is
    riskier). ``id_prefix`` keeps the ids of two pictures on one HTML page apart.
    """
    if any(len(item.values) != len(areas) for item in series):
        raise ValueError("every series needs one value per area")
    named = len(series) > 1
    legend: list[str] = []
    top = 66.0
    if named:
        legend, baseline = _legend(series, id_prefix, 60)
        top = baseline + 30
    groups, y = [], top
    for position, area in enumerate(areas):
        last = overall_last and position == len(areas) - 1
        title_lines = wrap(area, int(LABEL_COLUMN / CHAR_WIDTH), 3)
        height = max(len(series) * ROW, len(title_lines) * TITLE_LINE) + 2 * GROUP_PADDING
        parts = [f"<g><title>{html_text(area)}</title>"]
        if last:
            parts.append(f'<line x1="8" x2="{WIDTH - 8}" y1="{_n(y)}" y2="{_n(y)}" stroke="{INK}" stroke-width="1"/>')
        weight = ' font-weight="bold"' if last else ""
        for line_number, text in enumerate(title_lines):
            parts.append(
                f'<text x="8" y="{_n(y + GROUP_PADDING + 11 + line_number * TITLE_LINE)}" font-size="12" '
                f'fill="{INK}"{weight}>{_isolated(text)}</text>'
            )
        for index, item in enumerate(series):
            bar_y = y + GROUP_PADDING + index * ROW + (ROW - BAR_HEIGHT) / 2
            parts.append(_bar(item, index, item.values[position], bar_y, id_prefix, named=named))
        groups.append("".join(parts) + "</g>")
        y += height
    lines = _open(title, f"{scale}. {_desc_areas(areas, series)}", y + 12, id_prefix)
    lines.append(f'<text x="8" y="38" font-size="12" fill="{MUTED}">{html_text(shorten(scale, 100))}</text>')
    if any(item.combined for item in series):
        lines.append(_hatch(id_prefix))
    lines += legend
    lines += _grid(top - 4, y)
    lines += groups
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def _grid(top: float, bottom: float) -> list[str]:
    parts = []
    for tick in (0, 25, 50, 75, 100):
        x = _n(_x(tick))
        colour = INK if tick == 0 else GRID
        parts.append(
            f'<line x1="{x}" x2="{x}" y1="{_n(top)}" y2="{_n(bottom)}" stroke="{colour}" stroke-width="1"/>'
            f'<text x="{x}" y="{_n(top - 4)}" font-size="10" fill="{MUTED}" text-anchor="middle">{tick}</text>'
        )
    return parts


def _desc_areas(areas: Sequence[str], series: Sequence[Series]) -> str:
    """Every value in words, for a screen reader or a reader without the picture."""
    groups = []
    for position, area in enumerate(areas):
        values = ", ".join(
            f"{item.label} {item.missing if item.values[position] is None else value_text(item.values[position])}"
            for item in series
        )
        groups.append(f"{area}: {values}")
    return "; ".join(groups) + "."


# --- Scores over time: one line per area, and overall -----------------------------------------------

TIME_PLOT_LEFT = 44
TIME_PLOT_RIGHT = 500
TIME_PLOT_TOP = 70
TIME_PLOT_HEIGHT = 240
LABEL_LEFT = 516
MARKERS = ("circle", "square", "triangle", "diamond", "down", "cross")


def _marker(shape: str, x: float, y: float, colour: str, size: float = 4.5) -> str:
    stroke = f'fill="{colour}" stroke="{INK}" stroke-width="0.75"'
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(size)}" {stroke}/>'
    if shape == "square":
        return f'<rect x="{_n(x - size)}" y="{_n(y - size)}" width="{_n(2 * size)}" height="{_n(2 * size)}" {stroke}/>'
    corners = {
        "triangle": ((0, -1.2), (1.1, 0.9), (-1.1, 0.9)),
        "down": ((0, 1.2), (1.1, -0.9), (-1.1, -0.9)),
        "diamond": ((0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)),
        "cross": ((-1, -0.3), (-0.3, -0.3), (-0.3, -1), (0.3, -1), (0.3, -0.3), (1, -0.3), (1, 0.3), (0.3, 0.3)),
    }[shape]
    if shape == "cross":
        corners = (*corners, (0.3, 1), (-0.3, 1), (-0.3, 0.3), (-1, 0.3))
    points = " ".join(f"{_n(x + dx * size)},{_n(y + dy * size)}" for dx, dy in corners)
    return f'<polygon points="{points}" {stroke}/>'


def _date_positions(dates: Sequence[str]) -> list[float]:
    """Where each date stands along the time axis: by the days between them when every date is an
    ISO date (YYYY-MM-DD) later than the one before, else evenly spaced in the order given."""
    width = TIME_PLOT_RIGHT - TIME_PLOT_LEFT - 40
    if len(dates) == 1:
        return [TIME_PLOT_LEFT + 20 + width / 2]
    evenly = [TIME_PLOT_LEFT + 20 + width * index / (len(dates) - 1) for index in range(len(dates))]
    try:
        days = [datetime.date.fromisoformat(date[:10]).toordinal() for date in dates]
    except ValueError:
        return evenly
    if any(later <= earlier for earlier, later in itertools.pairwise(days)):
        return evenly
    span = days[-1] - days[0]
    return [TIME_PLOT_LEFT + 20 + width * (day - days[0]) / span for day in days]


def _time_y(percent: float) -> float:
    return TIME_PLOT_TOP + TIME_PLOT_HEIGHT * (1 - max(0.0, min(100.0, percent)) / 100)


def _spread(wanted: list[tuple[float, int]], gap: float, low: float, high: float) -> dict[int, float]:
    """Positions near the ``wanted`` ones (value, key), at least ``gap`` apart, kept in order."""
    placed: dict[int, float] = {}
    previous = low - gap
    for value, key in sorted(wanted):
        position = max(value, previous + gap)
        placed[key] = position
        previous = position
    overflow = previous - high
    if overflow > 0:  # pushed past the bottom: move everything up, keeping the gaps
        for key in placed:
            placed[key] -= overflow
    return placed


def time_chart(
    history: Sequence[tuple[str, Mapping[str, float | None]]],
    *,
    title: str,
    overall: str | None = "Overall",
    scale: str = "Score, 0-100",
    id_prefix: str = "time",
    marked: Mapping[tuple[str, str], float] | None = None,
) -> str:
    """Scores over time: one line per area and one for the overall score, a point per date.

    ``history`` is a list of ``(date, scores)``, oldest first: ``date`` as the reports give it
    (``2026-11-05``; ISO dates are placed by the days between them, anything else evenly), and
    ``scores`` maps a line's name (an area title, or ``overall``) to a 0-100 value, None (or
    absent) where there was none then. Lines are drawn in the order their names first appear;
    the one named ``overall`` is drawn black, thicker and last, and labelled in bold. A line with
    no value at some date has a gap there.

    Every point is labelled with its value, every line has its own marker shape and its name
    written at its last point, and the description lists every value by date. ``marked`` holds
    the scores, by (date, name), left out of the lines because they cannot be set beside the
    others (a history's ``*``): the description gives them as not drawn, not as missing.
    """
    if not history:
        raise ValueError("a picture over time needs at least one dated set of scores")
    dates = [date for date, _ in history]
    names: list[str] = []
    for _, scores in history:
        names += [name for name in scores if name not in names]
    if overall in names:
        names = [name for name in names if name != overall] + [overall]
    xs = _date_positions(dates)
    left_out = marked or {}

    def said(date: str, name: str, value: float | None) -> str:
        if (date, name) in left_out:
            return f"not drawn on {date} ({value_text(left_out[date, name])}*, marked as not comparable)"
        return f"{value_text(value)} on {date}"

    description = "; ".join(
        f"{name}: " + ", ".join(said(date, name, scores.get(name)) for date, scores in history) for name in names
    )
    height = TIME_PLOT_TOP + TIME_PLOT_HEIGHT + 32
    parts = _open(title, f"{scale}. {description}.", height, id_prefix)
    parts.append(f'<text x="8" y="40" font-size="12" fill="{MUTED}">{html_text(shorten(scale, 100))}</text>')
    parts += _time_axes(dates, xs)
    ends: list[tuple[float, int]] = []
    point_labels: list[tuple[float, float, str, int]] = []
    for index, name in enumerate(names):
        is_overall = name == overall
        colour = INK if is_overall else PALETTE[index % len(PALETTE)]
        shape = "circle" if is_overall else MARKERS[index % len(MARKERS)]
        points = [(x, scores.get(name)) for x, (_, scores) in zip(xs, history, strict=True)]
        parts.append(f"<g><title>{html_text(name)}</title>")
        parts += _line_path(points, colour, width=3 if is_overall else 1.75)
        for x, value in points:
            if value is not None:
                parts.append(_marker(shape, x, _time_y(value), colour, 5.5 if is_overall else 4.5))
                point_labels.append((x, _time_y(value), value_text(value), index))
        parts.append("</g>")
        last = [(x, value) for x, value in points if value is not None]
        if last:
            ends.append((_time_y(last[-1][1]), index))
    parts += _point_labels(point_labels, names, overall)
    parts += _end_labels(ends, names, overall, history, xs)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _time_axes(dates: Sequence[str], xs: Sequence[float]) -> list[str]:
    parts = []
    bottom = TIME_PLOT_TOP + TIME_PLOT_HEIGHT
    for tick in (0, 25, 50, 75, 100):
        y = _n(_time_y(tick))
        parts.append(
            f'<line x1="{TIME_PLOT_LEFT}" x2="{TIME_PLOT_RIGHT}" y1="{y}" y2="{y}" '
            f'stroke="{INK if tick == 0 else GRID}" stroke-width="1"/>'
            f'<text x="{TIME_PLOT_LEFT - 6}" y="{_n(_time_y(tick) + 4)}" font-size="10" fill="{MUTED}" '
            f'text-anchor="end">{tick}</text>'
        )
    shown_until = -1e9
    for date, x in zip(dates, xs, strict=True):
        label = shorten(date, 12)
        if x - shown_until < len(label) * CHAR_WIDTH:
            continue  # too close to the date before: its point is still labelled and described
        shown_until = x
        parts.append(
            f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{bottom}" y2="{bottom + 4}" stroke="{INK}" stroke-width="1"/>'
            f'<text x="{_n(x)}" y="{bottom + 18}" font-size="11" fill="{INK}" text-anchor="middle">'
            f"{html_text(label)}</text>"
        )
    return parts


def _line_path(points: Sequence[tuple[float, float | None]], colour: str, *, width: float) -> list[str]:
    """The line through the points, broken where a value is missing."""
    runs: list[list[str]] = [[]]
    for x, value in points:
        if value is None:
            runs.append([])
        else:
            runs[-1].append(f"{_n(x)},{_n(_time_y(value))}")
    return [
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="{_n(width)}" '
        'stroke-linejoin="round"/>'
        for run in runs
        if len(run) > 1
    ]


def _point_labels(labels: list[tuple[float, float, str, int]], names: list[str], overall: str | None) -> list[str]:
    """Each point's value just above it; labels of points at one date kept apart."""
    parts = []
    for x in sorted({x for x, _, _, _ in labels}):
        here = [(y - 8, index) for lx, y, _, index in labels if lx == x]
        placed = _spread(here, 11, TIME_PLOT_TOP - 4, TIME_PLOT_TOP + TIME_PLOT_HEIGHT + 8)
        for lx, _, text, index in labels:
            if lx != x:
                continue
            weight = ' font-weight="bold"' if names[index] == overall else ""
            parts.append(
                f'<text x="{_n(x + 7)}" y="{_n(placed[index])}" font-size="10" fill="{INK}"{weight}>'
                f"{html_text(text)}</text>"
            )
    return parts


def _end_labels(
    ends: list[tuple[float, int]],
    names: list[str],
    overall: str | None,
    history: Sequence[tuple[str, Mapping[str, float | None]]],
    xs: Sequence[float],
) -> list[str]:
    """Each line's name at the right, level with its last point, joined to it by a thin line."""
    placed = _spread([(y + 4, index) for y, index in ends], 14, TIME_PLOT_TOP, TIME_PLOT_TOP + TIME_PLOT_HEIGHT + 10)
    parts = []
    for y, index in ends:
        name = names[index]
        last_x = max(x for x, (_, scores) in zip(xs, history, strict=True) if scores.get(name) is not None)
        weight = ' font-weight="bold"' if name == overall else ""
        label_y = placed[index]
        parts.append(
            f'<line x1="{_n(last_x + 6)}" x2="{LABEL_LEFT - 4}" y1="{_n(y)}" y2="{_n(label_y - 4)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LABEL_LEFT}" y="{_n(label_y)}" font-size="11" fill="{INK}"{weight}>'
            f"{_isolated(shorten(name, 29))}</text>"
        )
    return parts
