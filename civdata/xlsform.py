"""A rubric as an XLSForm, the spreadsheet form definition ODK and KoboToolbox read.

Pure: this builds the three sheets (``survey``, ``choices``, ``settings``) as rows of text;
:mod:`civdata.spreadsheet` writes them to a file. One question per rubric question, in rubric
order, each area a group; choice lists from the options; numbers with their limits as
constraints; help as hints; the rubric's ``when`` and ``roles`` as ``relevant`` expressions
(:mod:`civdata.form_logic`); ``required`` as the rubric says. Hidden fields carry the rubric's id
and version, so ``civdata import`` knows what each submission answered. After each question an
optional text field takes the respondent's own words, imported as the answer's note.

Text from the rubric is made safe for a form label (:func:`form_text`): ODK and Enketo render a
little Markdown and HTML in labels, and pyxform reads ``${name}`` as a reference to a field, so
none of those may act. Nothing from the rubric reaches an expression (see ``form_logic``).
"""

from __future__ import annotations

import re

from civdata.answer_words import words_language
from civdata.escape import visible_text
from civdata.form_layout import (
    INITIATIVE_FIELD,
    NAME_FIELD,
    ORGANISATION_FIELD,
    ROLE_FIELD,
    ROLE_LIST,
    RUBRIC_FIELD,
    VERSION_FIELD,
    FormLayout,
)
from civdata.form_logic import Relevance, all_of, any_of, literal, number_literal
from civdata.model import Option, Question, QuestionType, Rubric
from civdata.records import record
from civdata.values import range_words

#: How each language is named in a form's columns (``label::Français (fr)``), in its own words, so
#: that the person choosing the language on a phone can read its name: the languages of the
#: bundled rubric's translations and those civil-society and humanitarian teams often collect
#: in. A regional variant not listed takes its language's name and its code (``Français fr-CA``);
#: any other language, its code.
LANGUAGE_NAMES = {
    "am": "አማርኛ",
    "ar": "العربية",
    "bn": "বাংলা",
    "ckb": "کوردیی ناوەندی",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fa": "فارسی",
    "fa-AF": "دری",
    "fr": "Français",
    "ha": "Hausa",
    "he": "עברית",
    "hi": "हिन्दी",
    "it": "Italiano",
    "ku": "Kurdî",
    "ln": "Lingála",
    "my": "မြန်မာ",
    "ne": "नेपाली",
    "pl": "Polski",
    "prs": "دری",
    "ps": "پښتو",
    "pt": "Português",
    "pt-BR": "Português do Brasil",
    "ro": "Română",
    "ru": "Русский",
    "rw": "Ikinyarwanda",
    "so": "Soomaali",
    "sw": "Kiswahili",
    "ti": "ትግርኛ",
    "tr": "Türkçe",
    "uk": "Українська",
    "ur": "اردو",
    "zh": "中文",
}

#: civdata's own words on a form, in the languages it has them in; English otherwise. The words
#: for a number's limits and yes/no answers are :mod:`civdata.answer_words`'s.
WORDS: dict[str, dict[str, str]] = {
    "initiative": {
        "en": "Which initiative are you answering about?",
        "fr": "Sur quelle initiative répondez-vous ?",
        "pt-BR": "Sobre qual iniciativa você está respondendo?",
        "es": "¿Sobre qué iniciativa responde?",
    },
    "role": {
        "en": "Which of these describes you best?",
        "fr": "Laquelle de ces descriptions vous correspond le mieux ?",
        "pt-BR": "Qual destas opções melhor descreve você?",
        "es": "¿Cuál de estas opciones le describe mejor?",
    },
    "name": {
        "en": "Your name (optional)",
        "fr": "Votre nom (facultatif)",
        "pt-BR": "Seu nome (opcional)",
        "es": "Su nombre (opcional)",
    },
    "organisation": {
        "en": "Your organisation (optional)",
        "fr": "Votre organisation (facultatif)",
        "pt-BR": "Sua organização (opcional)",
        "es": "Su organización (opcional)",
    },
    "note": {
        "en": "Anything to add, in your own words? (optional)",
        "fr": "Quelque chose à ajouter, avec vos propres mots ? (facultatif)",
        "pt-BR": "Algo a acrescentar, com suas próprias palavras? (opcional)",
        "es": "¿Algo que añadir, con sus propias palabras? (opcional)",
    },
    "note_other": {
        "en": "Anything to add, in your own words? (needed when you chose “Other”)",
        "fr": "Quelque chose à ajouter, avec vos propres mots ? (obligatoire si vous avez choisi « Autre »)",
        "pt-BR": "Algo a acrescentar, com suas próprias palavras? (obrigatório se você escolheu “Outro”)",
        "es": "¿Algo que añadir, con sus propias palabras? (obligatorio si eligió «Otro»)",
    },
    "other": {
        "en": "You chose “Other”: please say what, in your own words.",
        "fr": "Vous avez choisi « Autre » : précisez, avec vos propres mots.",
        "pt-BR": "Você escolheu “Outro”: diga qual, com suas próprias palavras.",
        "es": "Eligió «Otro»: diga cuál, con sus propias palabras.",
    },
    # A required question the rubric gives no "I don't know" answer (a number, or a choice without
    # one) is left optional in the form, with this hint: a blank is read as not known, cautiously.
    "blank_ok": {
        "en": "If you do not know, leave it empty.",
        "fr": "Si vous ne savez pas, laissez vide.",
        "pt-BR": "Se não souber, deixe em branco.",
        "es": "Si no lo sabe, déjelo en blanco.",
    },
    "unit": {"en": "Unit: {unit}", "fr": "Unité : {unit}", "pt-BR": "Unidade: {unit}", "es": "Unidad: {unit}"},
    "number": {
        "en": "A number {range}",
        "fr": "Un nombre {range}",
        "pt-BR": "Um número {range}",
        "es": "Un número {range}",
    },
    "whole": {
        "en": "A whole number {range}",
        "fr": "Un nombre entier {range}",
        "pt-BR": "Um número inteiro {range}",
        "es": "Un número entero {range}",
    },
    "alone": {
        "en": "{labels} cannot be chosen together with other answers",
        "fr": "{labels} ne peut pas être choisi avec d'autres réponses",
        "pt-BR": "{labels} não pode ser escolhido junto com outras respostas",
        "es": "{labels} no puede elegirse junto con otras respuestas",
    },
    # Two exclusive options or more ("None of these", "I don't know"): each is to be chosen alone,
    # so ticking both is refused too, and the message names every one.
    "alone_all": {
        "en": "{labels} cannot be chosen together with other answers, or with each other",
        "fr": "{labels} ne peuvent pas être choisis avec d'autres réponses, ni ensemble",
        "pt-BR": "{labels} não podem ser escolhidos junto com outras respostas, nem juntos",
        "es": "{labels} no pueden elegirse junto con otras respuestas, ni juntos",
    },
    "quoted": {"en": "“{label}”", "fr": "« {label} »", "pt-BR": "“{label}”", "es": "«{label}»"},
    "and": {"en": "and", "fr": "et", "pt-BR": "e", "es": "y"},
}


def _can_say_unknown(question: Question) -> bool:
    """Whether a respondent who does not know can say so in the form: a written answer can, and
    so can a choice with an "I don't know" option. A number cannot, nor a choice without one: the
    form leaves such a question optional even when the rubric requires it, since a required field
    would make the person guess, and civdata would score the guess as known (a field review,
    2026-11-29: a guessed '24 months of funding' read "Ready" where a blank read "Not ready").
    Left empty, it is a blank, read as civdata reads one anywhere."""
    return question.type is QuestionType.TEXT or bool(question.unknown_values)


def _unit_hint(code: str, unit: str) -> str:
    """A number's unit in the hint: "Unit: months" in a language civdata has words in, else the
    rubric's own word for the unit alone (a number's limits are likewise numbers only), never an
    English word in another language's column."""
    known = words_language(code)
    return WORDS["unit"][known].format(unit=unit) if known else unit


@record
class FormOptions:
    """What the facilitator chose: one role only (None: the form asks), the initiative fixed (None:
    the form asks), whether the form asks for a name and organisation, and its languages (the
    rubric's codes, the first being the form's default)."""

    role: str | None = None
    initiative: str | None = None
    ask_names: bool = True
    languages: tuple[str, ...] = ()


@record
class Sheets:
    """The rows of each sheet of the XLSForm, the header row first."""

    survey: list[list[str]]
    choices: list[list[str]]
    settings: list[list[str]]


_MARKDOWN = re.compile(r"([\\*_#])")
_HTML = {"<": "&lt;", "[": "&#91;"}


def form_text(text: str) -> str:
    """Rubric text made inert in a form label or hint.

    ODK Collect and Enketo read a little Markdown (``*bold*``, ``_italic_``, ``# heading``,
    ``[link](url)``) and HTML (``<span style=...>``) in labels, then show the result as HTML.
    ``*``, ``_``, ``#`` and ``\\`` are escaped with a backslash, which both read as the character
    itself; ``<`` and ``[`` are written as HTML character references, so no tag or link can start.
    pyxform reads ``${name}`` as a field's value, so ``${`` is written ``$ {``. Line breaks stay;
    other controls, bidi overrides and invisible characters are spelled out (``\\x1b``), as on a
    terminal: a person filling in the form sees that something is there. ``::`` and ``##[`` are
    written as they are (:func:`civdata.escape.visible_text`: a form is no CI log).
    """
    escaped = _MARKDOWN.sub(r"\\\1", visible_text(text).replace("${", "$ {"))
    return "".join(_HTML.get(character, character) for character in escaped)


def form_title_text(text: str) -> str:
    """Rubric text made safe as the form's title (``form_title``, the settings sheet).

    Unlike a label, the title is not read as Markdown or HTML: pyxform writes it as the XForm's
    ``<h:title>``, which ODK Collect lists and Enketo heads its page with as plain text (and
    escaped as XML). So it gets none of :func:`form_text`'s escapes, which would show there as
    written (``\\*pilote\\*``, ``&lt;``); only invisible characters and line breaks are spelled
    out, once, as everywhere else (``\\u200f``), so that nothing hides in the title of a form
    people are asked to trust. pyxform does read ``${name}`` there as a field's value, so ``${`` is
    written ``$ {`` as in a label.
    """
    return visible_text(text, multiline=False).replace("${", "$ {")


def language_column(code: str) -> str:
    """``Français (fr)``; ``Português do Brasil (pt)``; ``Français fr-CA (fr)``: XLSForm wants a
    language's primary subtag in the parentheses (pyxform warns of any other), and the name tells
    regional variants apart: ``fa`` and ``fa-AF`` are two languages of the form, both ``(fa)``."""
    primary = code.split("-")[0]
    name = LANGUAGE_NAMES.get(code)
    if name is None:
        name = f"{LANGUAGE_NAMES[primary]} {code}" if primary in LANGUAGE_NAMES and primary != code else code
    return f"{name} ({primary})"


def build_sheets(rubrics: dict[str, Rubric], options: FormOptions) -> Sheets:
    """The XLSForm of a rubric: ``rubrics`` is the same rubric loaded in each language wanted
    (the first is the form's default)."""
    return _Builder(rubrics, options).build()


class _Builder:
    def __init__(self, rubrics: dict[str, Rubric], options: FormOptions) -> None:
        self.languages = list(rubrics)
        self.rubrics = rubrics
        self.rubric = rubrics[self.languages[0]]
        self.options = options
        self.layout = FormLayout(self.rubric, options.role)
        self.relevance = Relevance(self.layout)
        self.several = len(self.languages) > 1
        self.survey: list[dict[str, str]] = []
        self.choices: list[dict[str, str]] = []

    # --- Text in each language ------------------------------------------------------------------

    def columns(self, base: str) -> list[str]:
        return [f"{base}::{language_column(code)}" for code in self.languages] if self.several else [base]

    def texts(self, base: str, pick: object) -> dict[str, str]:
        """``base`` columns for a rubric text: ``pick(rubric)`` in each language's rubric."""
        assert callable(pick)
        return {
            column: form_text(str(pick(self.rubrics[code]) or ""))
            for column, code in zip(self.columns(base), self.languages, strict=True)
        }

    def words(self, base: str, key: str, **values: dict[str, str] | str) -> dict[str, str]:
        """``base`` columns for civdata's own words (English where they have no translation); a
        value given by language is filled in in each language."""
        found = {}
        for column, code in zip(self.columns(base), self.languages, strict=True):
            text = WORDS[key][words_language(code) or "en"]
            found[column] = text.format(
                **{name: value[code] if isinstance(value, dict) else value for name, value in values.items()}
            )
        return found

    def option_label(self, question: Question, value: str | int) -> dict[str, str]:
        """An option's label in each language, made inert for a form."""
        labels = {}
        for code in self.languages:
            option = self.rubrics[code].question(question.id).option(value)
            labels[code] = form_text(option.label_in(code)) if option is not None else str(value)
        return labels

    def option_labels(self, question: Question, value: str | int) -> dict[str, str]:
        """``label`` columns for an option (see :meth:`option_label`)."""
        labels = self.option_label(question, value)
        return {column: labels[code] for column, code in zip(self.columns("label"), self.languages, strict=True)}

    def limits_message(self, question: Question) -> dict[str, str]:
        """``constraint_message`` columns for a number's limits: a sentence in each language civdata
        has the words in, the limits as numbers only in any other (never English words)."""
        key = "whole" if question.integer else "number"
        found = {}
        for column, code in zip(self.columns("constraint_message"), self.languages, strict=True):
            limits = range_words(question, code)
            language = words_language(code)
            found[column] = limits if language is None else WORDS[key][language].format(range=limits)
        return found

    # --- Sheets ---------------------------------------------------------------------------------

    def build(self) -> Sheets:
        self.hidden(RUBRIC_FIELD, literal(self.rubric.id))
        self.hidden(VERSION_FIELD, literal(self.rubric.version))
        self.respondent()
        for area in self.layout.areas:
            title = self.texts("label", lambda rubric, area_id=area.id: rubric.area(area_id).title)
            self.survey.append({"type": "begin_group", "name": self.layout.group(area.id), **title})
            for question in self.layout.questions:
                if question.area_id == area.id:
                    self.question(question)
            self.survey.append({"type": "end_group"})
        return Sheets(self.table(self.survey, "type"), self.table(self.choices, "list_name"), self.settings())

    def hidden(self, name: str, calculation: str) -> None:
        self.survey.append({"type": "calculate", "name": name, "calculation": calculation})

    def respondent(self) -> None:
        if self.options.initiative is not None:
            self.hidden(INITIATIVE_FIELD, literal(self.options.initiative))
        else:
            self.survey.append(
                {"type": "text", "name": INITIATIVE_FIELD, "required": "yes", **self.words("label", "initiative")}
            )
        if self.options.role is not None:
            self.hidden(ROLE_FIELD, literal(self.options.role))
        else:
            self.survey.append(
                {
                    "type": f"select_one {ROLE_LIST}",
                    "name": ROLE_FIELD,
                    "required": "yes",
                    **self.words("label", "role"),
                }
            )
            for role in self.rubric.roles:
                label = self.texts("label", lambda rubric, role_id=role.id: rubric.role(role_id).label)
                self.choices.append({"list_name": ROLE_LIST, "name": role.id, **label})
        if self.options.ask_names:
            self.survey.append({"type": "text", "name": NAME_FIELD, **self.words("label", "name")})
            self.survey.append({"type": "text", "name": ORGANISATION_FIELD, **self.words("label", "organisation")})

    def question(self, question: Question) -> None:
        name = self.layout.field(question.id)
        relevant = self.relevance.applies(question)
        may_be_blank = question.required and not _can_say_unknown(question)
        row = {
            "type": self.question_type(question),
            "name": name,
            "required": "yes" if question.required and not may_be_blank else "",
            "relevant": "" if relevant == "true()" else relevant,
            **self.texts("label", lambda rubric: rubric.question(question.id).prompt),
            **self.hints(question, may_be_blank=may_be_blank),
        }
        row.update(self.constraint(question))
        if question.type is QuestionType.TEXT:
            row["appearance"] = "multiline"
        self.survey.append(row)
        for option in question.options:
            label = self.option_labels(question, option.value)
            self.choices.append({"list_name": name, "name": self.layout.choice(question, option.value), **label})
        if self.layout.asks_note(question):
            self.note(question, relevant)

    def question_type(self, question: Question) -> str:
        name = self.layout.field(question.id)
        if question.type is QuestionType.MULTIPLE_CHOICE:
            return f"select_multiple {name}"
        if question.type.has_options:
            return f"select_one {name}"
        if question.type is QuestionType.NUMBER:
            return "integer" if question.integer else "decimal"
        return "text"

    def hints(self, question: Question, *, may_be_blank: bool = False) -> dict[str, str]:
        hints = {}
        for column, code in zip(self.columns("hint"), self.languages, strict=True):
            localized = self.rubrics[code].question(question.id)
            parts = [form_text(localized.help)] if localized.help else []
            if localized.unit:
                parts.append(_unit_hint(code, form_text(localized.unit)))
            if may_be_blank:  # in English where civdata has no words, as the role and note questions are
                parts.append(WORDS["blank_ok"][words_language(code) or "en"])
            if parts:
                hints[column] = "\n\n".join(parts)
        return hints

    def constraint(self, question: Question) -> dict[str, str]:
        if question.type is QuestionType.NUMBER:
            limits = []
            if question.minimum is not None:
                limits.append(f". >= {_plain(question.minimum)}")
            if question.maximum is not None:
                limits.append(f". <= {_plain(question.maximum)}")
            if not limits:
                return {}
            return {"constraint": all_of(limits), **self.limits_message(question)}
        alone = [option for option in question.options if option.exclusive]
        if question.type is not QuestionType.MULTIPLE_CHOICE or not alone:
            return {}
        ref = "."
        tests = [
            f"not(selected({ref}, {literal(self.layout.choice(question, o.value))}) and count-selected({ref}) > 1)"
            for o in alone
        ]
        return {"constraint": all_of(tests), **self.alone_message(question, alone)}

    def alone_message(self, question: Question, alone: list[Option]) -> dict[str, str]:
        """``constraint_message`` columns for the exclusive options of a multiple choice: every one
        named, in each language (English words where civdata has none), so that whoever ticked
        "I don't know" beside another answer is not told about "None of these" only."""
        labels = [self.option_label(question, option.value) for option in alone]
        found = {}
        for column, code in zip(self.columns("constraint_message"), self.languages, strict=True):
            language = words_language(code) or "en"
            quoted = [WORDS["quoted"][language].format(label=label[code]) for label in labels]
            listed = (
                quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {WORDS['and'][language]} {quoted[-1]}"
            )
            found[column] = WORDS["alone" if len(quoted) == 1 else "alone_all"][language].format(labels=listed)
        return found

    def note(self, question: Question, relevant: str) -> None:
        others = [option for option in question.options if option.other]
        ref = self.layout.ref(question.id)
        multiple = question.type is QuestionType.MULTIPLE_CHOICE
        chosen = [
            f"selected({ref}, {literal(self.layout.choice(question, o.value))})"
            if multiple
            else f"{ref} = {literal(self.layout.choice(question, o.value))}"
            for o in others
        ]
        required = any_of(chosen) if others else ""
        row = {
            "type": "text",
            "name": self.layout.note_field(question.id),
            "relevant": "" if relevant == "true()" else relevant,
            "required": "" if required in ("", "false()") else required,
            "appearance": "multiline",
            # Required once "Other" is chosen: a label saying "(optional)" would tell the person on
            # the phone that a field they cannot skip can be skipped.
            **self.words("label", "note_other" if others else "note"),
        }
        if others:
            row.update(self.words("hint", "other"))
        self.survey.append(row)

    def settings(self) -> list[list[str]]:
        row = {
            "form_title": form_title_text(self._title()),
            "form_id": self.layout.form_id() + initiative_form_id(self.options.initiative),
            "version": self.rubric.version,
        }
        if self.several:
            row["default_language"] = language_column(self.languages[0])
        return self.table([row], "form_title")

    def _title(self) -> str:
        """The rubric's title, the initiative when the form is for one, and for a form of one role
        that role's label: a collector with a form per role, or per initiative, sees them apart in
        ODK Collect's and KoboToolbox's lists, where titles are shown, and a respondent sees what
        they are judging (the initiative is otherwise only in a hidden field)."""
        title = self.rubric.title
        if self.options.initiative is not None:
            title = f"{title}: {self.options.initiative}"
        role = self.rubric.role(self.layout.role) if self.layout.role else None
        return f"{title} ({role.label})" if role is not None else title

    @staticmethod
    def table(rows: list[dict[str, str]], first: str) -> list[list[str]]:
        header = [first]
        for row in rows:
            header.extend(column for column in row if column not in header)
        return [header, *([row.get(column, "") for column in header] for row in rows)]


def initiative_form_id(initiative: str | None) -> str:
    """What a form for one initiative adds to its ``form_id``: ODK Central refuses a second form
    with the id of one already in its project, so forms for two initiatives must differ. The
    initiative's name in lower-case ASCII words (at most 32 characters), then the first 8 hex
    digits of its SHA-256, which tell apart names that share those words or have none in ASCII;
    "" for a form that asks for the initiative."""
    if initiative is None:
        return ""
    import hashlib
    import unicodedata

    folded = unicodedata.normalize("NFKD", initiative).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:32].rstrip("-")
    digest = hashlib.sha256(initiative.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"-{words}-{digest}" if words else f"-{digest}"


def _plain(number: float) -> str:
    return number_literal(number)
