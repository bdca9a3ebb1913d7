"""The questionnaire's state machine, without any terminal: moving, going back, editing, resuming."""

from __future__ import annotations

from pathlib import Path

import pytest

from civdata.model import Answer, AnswerSet, Respondent, Rubric
from civdata.questionnaire.session import Session
from civdata.results import QuestionStatus
from civdata.scoring import answer_findings, assess

ALL_ANSWERED = {
    "sensitive": Answer("yes"),
    "threat-model": Answer("no", "Planned for March"),
    "voice": Answer("consulted"),
    "safeguards": Answer(("encryption",)),
    "confidence": Answer(2),
    "months": Answer(24),
    "deletion-plan": Answer("Deleted after a year"),
    "comments": Answer("None"),
}


def new_session(rubric: Rubric, role: str = "lead") -> Session:
    return Session(rubric, "Food bank", Respondent(role=role, name="Ada"), "2026-11-05")


def resumed(rubric: Rubric, answers: dict[str, Answer], role: str = "lead") -> Session:
    saved = AnswerSet("mini", "1.2.0", "Food bank", Respondent(role=role), answers, "2026-11-01")
    return Session.resumed(rubric, saved, "2026-11-05")


def assert_not_scored(rubric: Rubric, session: Session, question_id: str) -> None:
    """The answer is kept but does not count: its question is reported as not asked. A follow-up
    that is not asked because an earlier answer made it unnecessary counts as met (full marks),
    whatever answer the file still holds for it."""
    assessment = assess(rubric, session.answer_set())
    results = {result.question.id: result for area in assessment.areas for result in area.questions}
    assert not results[question_id].status.applies
    assert results[question_id].value is None
    assert results[question_id].met == (results[question_id].status is QuestionStatus.SKIPPED_CONDITION)


def answer(session: Session, value: object) -> str:
    """Answer the current question and move on; returns the id that was answered."""
    current = session.current
    assert current is not None
    session.set_value(current, value)  # type: ignore[arg-type]
    session.advance()
    return current


def test_a_new_session_walks_the_questions_that_apply_in_order(mini_rubric: Rubric) -> None:
    session = new_session(mini_rubric)
    assert session.current == "sensitive"
    # Before "sensitive" is answered its follow-up may still be needed, so it counts among the
    # questions that apply (8); answering "no" makes it unnecessary (7).
    assert session.position() == (1, 8)
    assert answer(session, "no") == "sensitive"
    assert session.current == "voice"
    assert session.position() == (2, 7)
    for value in ["consulted", ("dpia",), 3, 40, "Archive", "Nothing"]:
        answer(session, value)
    assert session.current is None
    assert session.question is None


def test_an_answer_reveals_a_follow_up_and_the_count_follows(mini_rubric: Rubric) -> None:
    session = new_session(mini_rubric)
    answer(session, "yes")
    assert session.current == "threat-model"
    assert session.position() == (2, 8)


def test_back_from_the_first_question_stays_there(mini_rubric: Rubric) -> None:
    session = new_session(mini_rubric)
    assert session.back() is False
    assert session.current == "sensitive"


def test_going_back_and_changing_an_answer_hides_its_follow_up(mini_rubric: Rubric) -> None:
    session = new_session(mini_rubric)
    answer(session, "yes")
    answer(session, "no")
    session.set_note("threat-model", "Planned")
    assert session.current == "voice"
    assert session.back() and session.current == "threat-model"
    assert session.back() and session.current == "sensitive"
    answer(session, "no")
    assert session.current == "voice"
    # The hidden answer stays in what is saved, with its note, but is not scored.
    assert session.answer_set().answers["threat-model"] == Answer("no", "Planned")
    assert session.hidden_answers() == ["threat-model"]
    assert_not_scored(mini_rubric, session, "threat-model")
    # Flipping the answer back restores the follow-up's answer and note.
    session.back()
    answer(session, "yes")
    assert session.current == "threat-model"
    assert session.answer_set().answers["threat-model"] == Answer("no", "Planned")


def test_forward_after_back_walks_through_answered_questions(mini_rubric: Rubric) -> None:
    session = new_session(mini_rubric)
    for value in ["no", "consulted", ("dpia",)]:
        answer(session, value)
    assert session.current == "confidence"
    session.back()
    session.back()
    assert session.current == "voice"
    session.advance()
    assert session.current == "safeguards"
    session.advance()
    assert session.current == "confidence"


def test_a_skipped_question_stays_unanswered_and_counts_as_required(mini_rubric: Rubric) -> None:
    session = new_session(mini_rubric)
    answer(session, "no")
    answer(session, None)
    assert session.current == "safeguards"
    assert "voice" not in session.answer_set().answers
    assert [q.id for q in session.unanswered_required()] == ["voice", "safeguards", "confidence", "months"]


def test_a_note_on_a_skipped_question_is_kept(mini_rubric: Rubric) -> None:
    session = new_session(mini_rubric)
    session.set_value("sensitive", None)
    session.set_note("sensitive", "  Ask the data team  ")
    assert session.answer_set().answers["sensitive"] == Answer(None, "Ask the data team")
    session.set_note("sensitive", "   ")
    assert "sensitive" not in session.answer_set().answers


def test_resume_starts_at_the_first_unanswered_question_and_skips_answered_ones(mini_rubric: Rubric) -> None:
    answers = {k: v for k, v in ALL_ANSWERED.items() if k not in ("voice", "months")}
    session = resumed(mini_rubric, answers)
    assert session.current == "voice"
    assert session.position() == (3, 8)
    session.set_value("voice", "decide")
    session.advance()
    assert session.current == "months"
    session.set_value("months", 6)
    session.advance()
    assert session.current is None


def test_resume_of_a_complete_file_goes_straight_to_the_review(mini_rubric: Rubric) -> None:
    session = resumed(mini_rubric, ALL_ANSWERED)
    assert session.current is None
    assert session.answer_set().answers == ALL_ANSWERED


def test_resume_reports_progress_per_area_and_hidden_answers(mini_rubric: Rubric) -> None:
    answers = {"sensitive": Answer("no"), "threat-model": Answer("yes"), "months": Answer(3)}
    session = resumed(mini_rubric, answers)
    assert [(p.area.id, p.answered, p.applicable) for p in session.area_progress()] == [
        ("people", 1, 3),
        ("lifecycle", 1, 4),
    ]
    assert session.hidden_answers() == ["threat-model"]
    assert session.answer_set().answers["threat-model"] == Answer("yes")
    assert_not_scored(mini_rubric, session, "threat-model")


def test_editing_in_the_review_offers_each_revealed_follow_up_once(mini_rubric: Rubric) -> None:
    answers = {**ALL_ANSWERED, "sensitive": Answer("no")}
    del answers["threat-model"]
    session = resumed(mini_rubric, answers)
    assert session.current is None
    session.edit("sensitive")
    session.set_value("sensitive", "unsure")
    assert session.next_revealed() is True
    assert session.current == "threat-model"
    session.set_value("threat-model", "yes")
    assert session.next_revealed() is False
    assert session.current is None


def test_editing_without_revealing_anything_returns_to_the_review(mini_rubric: Rubric) -> None:
    session = resumed(mini_rubric, ALL_ANSWERED)
    session.edit("voice")
    session.set_value("voice", "none")
    assert session.next_revealed() is False


def test_a_question_that_does_not_apply_cannot_be_edited(mini_rubric: Rubric) -> None:
    session = resumed(mini_rubric, {"sensitive": Answer("no")})
    with pytest.raises(ValueError, match="threat-model"):
        session.edit("threat-model")


def test_changing_the_role_changes_which_questions_apply(mini_rubric: Rubric) -> None:
    session = resumed(mini_rubric, ALL_ANSWERED)
    session.set_details("Food bank", Respondent(role="community"))
    assert "confidence" not in {q.id for q in session.applicable()}
    assert session.answer_set().answers["confidence"] == Answer(2)
    assert_not_scored(mini_rubric, session, "confidence")
    session.set_details("Food bank", Respondent(role="partner"))
    assert session.next_revealed() is True
    assert session.current == "confidence"


def test_a_blank_role_is_asked_everything_and_restart_finds_the_first_gap(mini_rubric: Rubric) -> None:
    session = resumed(mini_rubric, {"sensitive": Answer("no")}, role="")
    session.set_details("Food bank", Respondent(role="community"))
    session.restart()
    assert session.current == "voice"
    assert session.position() == (2, 6)


def test_the_answer_set_carries_the_date_and_respondent(mini_rubric: Rubric) -> None:
    session = new_session(mini_rubric)
    saved = session.answer_set()
    assert (saved.rubric_id, saved.rubric_version, saved.date) == ("mini", "1.2.0", "2026-11-05")
    assert saved.respondent == Respondent(role="lead", name="Ada")


def test_public_answer_findings_matches_the_scoring(mini_rubric: Rubric) -> None:
    question = mini_rubric.question("threat-model")
    found = answer_findings(question, "no", "why")
    answers = AnswerSet(
        "mini", "1.2.0", "x", Respondent("lead"), {"sensitive": Answer("yes"), "threat-model": Answer("no", "why")}
    )
    assert found == assess(mini_rubric, answers).question_results()["threat-model"].findings
    assert [finding.severity.value for finding in found] == ["high"]
    assert answer_findings(mini_rubric.question("months"), 50) == ()


def test_resume_keeps_the_files_date_and_sets_it_only_when_blank(mini_rubric: Rubric) -> None:
    assert resumed(mini_rubric, {}).answer_set().date == "2026-11-01"
    undated = AnswerSet("mini", "1.2.0", "Food bank", Respondent(role="lead"), {}, None)
    assert Session.resumed(mini_rubric, undated, "2026-11-05").answer_set().date == "2026-11-05"


def upgrading(rubric: Rubric, answers: dict[str, Answer], changed: tuple[str, ...], new: tuple[str, ...]) -> Session:
    from civdata.answers_loader import PreviousAnswer, UpgradePlan

    previous = {qid: PreviousAnswer(qid, "old", None, None, "this question changed in 1.2.0") for qid in changed}
    plan = UpgradePlan("1.1.0", "1.2.0", (), changed, new, (), previous, ())
    saved = AnswerSet("mini", "1.2.0", "Food bank", Respondent(role="lead"), answers, "2026-11-01")
    return Session.resumed(rubric, saved, "2026-11-05", upgrade=plan)


def test_an_upgrade_asks_only_its_questions_and_the_follow_ups_they_reveal(mini_rubric: Rubric) -> None:
    # "voice" and "months" are unanswered but unchanged: not asked. "threat-model" is unchanged
    # too, but the new answer to "sensitive" reveals it, unanswered: asked.
    session = upgrading(mini_rubric, {"confidence": Answer(2)}, changed=("sensitive",), new=("deletion-plan",))
    assert session.current == "sensitive"
    assert session.previous("sensitive") is not None and session.previous("voice") is None
    assert [answer(session, value) for value in ("yes", "no", "Archived")] == [
        "sensitive",
        "threat-model",
        "deletion-plan",
    ]
    assert session.current is None


def test_an_upgrade_with_nothing_to_ask_goes_to_the_review(mini_rubric: Rubric) -> None:
    session = upgrading(mini_rubric, dict(ALL_ANSWERED), changed=(), new=())
    assert session.current is None
    assert session.answer_set().answers == ALL_ANSWERED


def test_a_serious_answer_without_its_note_is_still_to_ask(mini_rubric: Rubric) -> None:
    # Stopped at the needed note: the answer was saved, the note never given.
    session = resumed(mini_rubric, {"sensitive": Answer("yes"), "threat-model": Answer("no")})
    assert session.current == "threat-model"
    assert session.value("threat-model") == "no"  # kept, and preselected when asked again
    assert [question.id for question in session.missing_notes()] == ["threat-model"]
    session.set_note("threat-model", "Planned for March")
    assert session.missing_notes() == []
    session.restart()
    assert session.current == "voice"
    # A serious answer that has its note, and one that raises nothing serious, need nothing more.
    done = resumed(
        mini_rubric, {"sensitive": Answer("yes"), "threat-model": Answer("no", "Soon"), "voice": Answer("decide")}
    )
    assert done.current == "safeguards" and done.missing_notes() == []


def test_an_upgrade_asks_a_changed_question_again_until_its_needed_note_is_given(mini_rubric: Rubric) -> None:
    session = upgrading(mini_rubric, dict(ALL_ANSWERED), changed=("voice",), new=())
    assert session.current == "voice"
    session.set_value("voice", "none")  # a high finding: the note is asked next
    session.restart()  # as if stopped at the note: the question is still to ask
    assert session.current == "voice"
    session.set_note("voice", "A board seat from May")
    session.restart()
    assert session.current is None
    # An unchanged question is not asked in an upgrade, but the review still names its missing note.
    unchanged = upgrading(mini_rubric, {**ALL_ANSWERED, "threat-model": Answer("no")}, changed=(), new=())
    assert unchanged.current is None
    assert [question.id for question in unchanged.missing_notes()] == ["threat-model"]


def test_return_to_goes_back_only_to_a_question_that_applies_and_was_passed(mini_rubric: Rubric) -> None:
    session = new_session(mini_rubric)
    answer(session, "no")  # the threat model does not apply
    assert session.current == "voice" and session.earlier() is not None
    assert not session.return_to("threat-model")  # does not apply
    assert not session.return_to("safeguards")  # not reached yet
    assert session.return_to("sensitive") and session.current == "sensitive"
    assert session.earlier() is None and not session.back()


def test_a_workshops_review_shows_the_groups_answer_and_what_anyone_left_unanswered(
    mini_rubric: Rubric, tmp_path: Path
) -> None:
    """The room's review (docs/assess.md, "Running a workshop session"): a row per question with the
    group's answer and who answered otherwise; a required question is unanswered, and a serious
    answer lacks its note, when it is so for anyone it applies to."""
    from rich.console import Console

    from civdata.questionnaire import display
    from civdata.questionnaire.flow import Questionnaire
    from civdata.questionnaire.workshop import Participant, Room, dissent_note

    def participant(name: str, role: str, answers: dict[str, Answer]) -> Participant:
        session = Session(mini_rubric, "Food bank", Respondent(role=role, name=name), None, answers)
        path = tmp_path / f"{name}.yaml"
        return Participant(Questionnaire(mini_rubric, path, date=None, console=Console(), session=session))

    sam_answers = {**ALL_ANSWERED, "sensitive": Answer("no", dissent_note("Yes", "we were not asked"))}
    del sam_answers["safeguards"]
    ben_answers = {**ALL_ANSWERED, "threat-model": Answer("no")}
    room = Room(mini_rubric, [participant("Ada", "lead", ALL_ANSWERED), participant("Sam", "partner", sam_answers)])
    assert room.value("sensitive") == "yes" and room.note("sensitive") is None
    assert room.aside(mini_rubric.question("sensitive")) == " · ≠ Sam: No"
    assert room.aside(mini_rubric.question("voice")) == ""
    assert [question.id for question in room.unanswered_required()] == ["safeguards"]
    rows = [str(choice.title) for choice in display.room_review_choices(room, 80, room.aside) if choice.title]
    assert rows[0] == display.FINISH_ROW
    assert " 1. Sensitive data: Yes · ≠ Sam: No" in rows
    assert " 4. Safeguards: Encryption at rest · ≠ Sam: skipped" in rows
    assert room.missing_notes() == []
    room = Room(mini_rubric, [participant("Ada", "lead", ALL_ANSWERED), participant("Ben", "lead", ben_answers)])
    assert [question.id for question in room.missing_notes()] == ["threat-model"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada Lovelace", "ada-lovelace.yaml"),
        ("Aïcha Benali-Ñúñez", "aicha-benali-nunez.yaml"),  # accents stripped, not the letters
        ("İlkay Øvergård", "ilkay-øvergard.yaml"),  # a letter with no accent to strip stays
        ("محمد الأحمد", "محمد-الأحمد.yaml"),  # any script's letters stay
        ("דוד כהן", "דוד-כהן.yaml"),
        ("Δήμητρα", "δήμητρα.yaml"),  # a mark another script spells with stays
        ("\u202eevil\u2066 ../..\\x", "evil-x.yaml"),  # no bidi control, path separator or dot
        ("-rf .hidden", "rf-hidden.yaml"),  # no leading dash or dot
        ("\u3164\u115f", "participant.yaml"),  # letters that draw nothing are not a name
        ("::warning::`<b>`", "warning-b.yaml"),
        ("Con", "con-participant.yaml"),  # a device name on Windows, whatever the ending
        ("x" * 300, "x" * 40 + ".yaml"),
    ],
)
def test_a_workshop_file_name_keeps_a_names_letters_and_is_safe_everywhere(name: str, expected: str) -> None:
    """docs/assess.md, "Running a workshop session": the reviewer's ``Aïcha Benali-Ñúñez`` became
    ``a-cha-benali-ez.yaml`` and names in Arabic and Hebrew ``participant.yaml``,
    ``participant-2.yaml``. A file name keeps the letters of any script, and nothing a file system
    or a shell could misread."""
    from civdata.questionnaire.workshop import file_name

    assert file_name(name, set()) == expected


def test_a_workshop_file_name_never_takes_a_name_taken_in_another_case() -> None:
    """Case-insensitive file systems (Windows, macOS) see ``Ana.yaml`` and ``ana.yaml`` as one file;
    so does a name already in the folder (its rubric, its action plan)."""
    from civdata.questionnaire.workshop import file_name

    taken = {"plan.yaml"}
    assert [file_name(name, taken) for name in ("Ana", "ANA", "Plan", "Strauß", "STRAUSS")] == [
        "ana.yaml",
        "ana-2.yaml",
        "plan-2.yaml",
        "strauß.yaml",
        "strauss-2.yaml",
    ]
