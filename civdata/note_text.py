"""What a large group's report keeps of a long note: its first characters, its length, and
digests that tell notes apart as the whole text would.

A report on more people than it names (:data:`civdata.results.NAMED_LIMIT`) quotes each note up
to :data:`NOTE_EXCERPT` characters and groups notes by their words
(:func:`civdata.render.common.note_groups`): nothing past those characters is ever shown, but the
whole text was kept for every note of every respondent until the report was written. At 5,000
respondents writing a page on a third of their answers, the notes alone took 150 MB, and the report
more than the 250 MiB issue 10 allows. A note of a large group is kept as :func:`kept_note` makes
it: what the report quotes, the length it says is left out, and digests of the text as written
and as grouped (:func:`civdata.initiatives.evened_text`), so that two notes are one group, or one
spelling, exactly when their whole texts would be. Every note stays whole in each respondent's
assessment, which ``--detail`` keeps.
"""

from __future__ import annotations

from dataclasses import replace

from civdata.initiatives import evened_text
from civdata.results import NOTE_EXCERPT, Note, NoteCut


def kept_note(note: Note) -> Note:
    """``note`` as a large group's report keeps it: whole up to :data:`NOTE_EXCERPT` characters,
    else its first characters with its :class:`~civdata.results.NoteCut`."""
    text = note.text
    if len(text) <= NOTE_EXCERPT or note.cut is not None:
        return note
    return replace(note, text=text[:NOTE_EXCERPT], cut=NoteCut(len(text), _digest(text), words_key(text)))


def words_key(text: str) -> tuple[str, str]:
    """What notes written alike have in common (their text evened: NFC, spacing evened out), as a
    key that orders as the evened text does: the evened text, or its first characters and a
    digest of it all when it is longer than :data:`NOTE_EXCERPT`."""
    evened = evened_text(text)
    if len(evened) <= NOTE_EXCERPT:
        return evened, ""
    return evened[:NOTE_EXCERPT], _digest(evened)


def note_words_key(note: Note) -> tuple[str, str]:
    """:func:`words_key` of a note's whole text, kept or cut."""
    return note.cut.words if note.cut is not None else words_key(note.text)


def spelling_key(text: str) -> tuple[str, str]:
    """A text as written, as a key that orders as the text does: the text, or its first
    :data:`NOTE_EXCERPT` characters and a digest of it all when it is longer."""
    if len(text) <= NOTE_EXCERPT:
        return text, ""
    return text[:NOTE_EXCERPT], _digest(text)


def note_spelling(note: Note) -> tuple[str, str]:
    """:func:`spelling_key` of a note's whole text, kept or cut: the same for two notes exactly
    when their whole texts are, whichever of them was kept whole."""
    return (note.text, note.cut.spelling) if note.cut is not None else spelling_key(note.text)


def note_length(note: Note) -> int:
    """How many characters the note's whole text has."""
    return note.cut.length if note.cut is not None else len(note.text)


def _digest(text: str) -> str:
    import hashlib  # only for a long note in a large group

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
