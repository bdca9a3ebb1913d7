"""civdata's words for answers, by language: a yes/no question's answers and a number's limits.

One home for them. English is what civdata says everywhere (reports, the questionnaire, messages):
``YES_NO_WORDS["en"]`` is the label a yes/no option has when the rubric gives none
(:data:`civdata.model.YES_NO_LABELS`), and :func:`limits_text` in English is
:func:`civdata.values.range_words`. The other languages are for a form in that language
(``civdata export xlsform``), where every column must be in its own language, not English with
the rubric's translations around it.

A language is looked up by its code, else by its primary subtag among the codes here: ``pt`` and
``pt-PT`` take ``pt-BR``'s words, ``fr-CA`` takes ``fr``'s. A regional variant of a person's own
language reads better to them than English does.

A language with no words here: a number's limits are given as numbers only (``0.5 – 120``,
``≥ 1``), which read the same in any language; a yes/no option without a label keeps the English
label (docs/field-collection.md says so, and that a rubric gives labels in the languages it needs).
"""

from __future__ import annotations

from civdata.wording import number_words

#: A yes/no question's standard answers as labels, by language code.
YES_NO_WORDS: dict[str, dict[str, str]] = {
    "en": {"yes": "Yes", "no": "No", "unsure": "Unsure", "na": "Not applicable"},
    "fr": {"yes": "Oui", "no": "Non", "unsure": "Ne sait pas", "na": "Sans objet"},
    "pt-BR": {"yes": "Sim", "no": "Não", "unsure": "Não sei", "na": "Não se aplica"},
    "es": {"yes": "Sí", "no": "No", "unsure": "No sé", "na": "No aplica"},
}

#: A number's limits as words that follow "a number" in each language: both limits, the lowest
#: only, the highest only.
LIMIT_WORDS: dict[str, tuple[str, str, str]] = {
    "en": ("from {low} to {high}", "at least {low}", "at most {high}"),
    "fr": ("de {low} à {high}", "supérieur ou égal à {low}", "inférieur ou égal à {high}"),
    "pt-BR": ("de {low} a {high}", "maior ou igual a {low}", "menor ou igual a {high}"),
    "es": ("de {low} a {high}", "mayor o igual que {low}", "menor o igual que {high}"),
}

#: A number's limits in a language with no words here: symbols, read alike in every language.
NUMBERS_ONLY: tuple[str, str, str] = ("{low} – {high}", "≥ {low}", "≤ {high}")


def words_language(lang: str) -> str | None:
    """The code civdata has words under for ``lang``: itself, else the first of the same primary
    language (``pt`` -> ``pt-BR``), else None."""
    if lang in LIMIT_WORDS:
        return lang
    primary = lang.split("-")[0].lower()
    return next((code for code in LIMIT_WORDS if code.split("-")[0] == primary), None)


def yes_no_word(value: str | int, lang: str) -> str | None:
    """The label of a yes/no answer (``yes``, ``no``, ``unsure``, ``na``) in ``lang``, or None when
    civdata has no word for it in that language."""
    code = words_language(lang)
    return None if code is None else YES_NO_WORDS[code].get(str(value))


def limits_text(low: float | None, high: float | None, lang: str = "en") -> str:
    """``from 0 to 120``, ``at least 1``, ``at most 5`` in ``lang`` (numbers only, ``0 – 120``, in
    a language civdata has no words in), or nothing when there is no limit."""
    code = words_language(lang)
    return _limits(low, high, NUMBERS_ONLY if code is None else LIMIT_WORDS[code])


def limits_symbols(low: float | None, high: float | None) -> str:
    """``0 – 120``, ``≥ 1``, ``≤ 5``: the limits in symbols, read alike in every language, where a
    few characters must say them (the terminal questionnaire's line under a number question)."""
    return _limits(low, high, NUMBERS_ONLY)


def _limits(low: float | None, high: float | None, words: tuple[str, str, str]) -> str:
    both, lowest, highest = words
    if low is not None and high is not None:
        return both.format(low=number_words(low), high=number_words(high))
    if low is not None:
        return lowest.format(low=number_words(low))
    if high is not None:
        return highest.format(high=number_words(high))
    return ""
