"""The self-check quiz (issue 10, item 5), with no browser.

Every question's right answer scores; every wrong choice (and every likely wrong number) gets
its named misconception; junk answers get a verdict, never an exception; the scores file
round-trips, is never written over a file that is not the quiz's, and a corrupt one is read as
empty; the view's widgets fire the state's actions through .value and .click().
Each test runs in its own empty folder (the learner's folder) with nothing kept in the kernel.
"""
import json
import math
from fractions import Fraction

import ipywidgets as widgets
import pytest

from course_lib import Quiz, QuizState, backward, forward, quiz_scores, seed_network
from course_lib.core.errors import CourseInputError
from course_lib.labs import quiz as quiz_module
from course_lib.labs.quiz import KIND, PROGRESS_FILE, read_progress, read_scores
from course_lib.labs.quiz_questions import check, questions

QUESTIONS = questions()
IDS = ["sign", "chain", "fan_out", "two", "learning_rate", "dsF_wrt_w_C_f", "dC_wrt_sC", "reuse"]


@pytest.fixture(autouse=True)
def learners_folder(tmp_path, monkeypatch):
    """Each test in its own folder, with nothing kept in the kernel by another test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(quiz_module, "_IN_KERNEL", {})
    return tmp_path


def right_answer(question):
    """The right answer as a learner gives it: a choice's letter, or the number as shown."""
    if question.choices:
        (choice,) = [c for c in question.choices if not c.misconception]
        return choice.key
    return f"{question.right:.3g}"


WRONG_CHOICES = [(q.id, c.key, c.misconception) for q in QUESTIONS for c in q.choices
                 if c.misconception]
WRONG_NUMBERS = [(q.id, value, wrong) for q in QUESTIONS for value, wrong in q.mistakes]


# --- the questions -------------------------------------------------------------------------------

def test_the_eight_questions_of_the_issue_in_order():
    assert [q.id for q in QUESTIONS] == IDS
    for q in QUESTIONS:
        assert q.prompt and q.explanation and q.topic
        if q.choices:
            assert len([c for c in q.choices if not c.misconception]) == 1, q.id
            assert len({c.key for c in q.choices}) == len(q.choices) >= 3
        else:
            assert math.isfinite(q.right) and q.mistakes


def test_the_right_answers_are_the_librarys():
    net = seed_network()
    trace = forward(net, [1.0, 0.5])
    chain = backward(trace, 1.0).explain("w_A_C").symbolic.split(" = ", 1)[1]
    by_id = {q.id: q for q in QUESTIONS}
    (right_chain,) = [c.text for c in by_id["chain"].choices if not c.misconception]
    assert right_chain == chain == "dL_wrt_f * df_wrt_sF * dsF_wrt_C * dC_wrt_sC * A"
    assert by_id["dsF_wrt_w_C_f"].right == trace["C"]
    assert "C * (1 - C)" in [c.text for c in by_id["dC_wrt_sC"].choices
                             if not c.misconception][0]


def test_the_right_choices_are_not_all_in_one_place():
    assert len({right_answer(q) for q in QUESTIONS if q.choices}) >= 3


def test_every_right_answer_scores():
    state = QuizState("start")
    for k, question in enumerate(QUESTIONS):
        verdict = state.answer(k, right_answer(question))
        assert verdict.correct and verdict.message.startswith("✓"), verdict
        assert question.explanation in verdict.message
    assert state.score == (8, 8, 8)


def test_a_choice_can_be_given_by_its_letter_or_its_text():
    q = QUESTIONS[0]
    (choice,) = [c for c in q.choices if not c.misconception]
    for given in (choice.key, choice.key.upper(), f" ({choice.key}) ", f"{choice.key})",
                  choice.text, choice.text.upper()):
        assert check(q, given).correct, given


@pytest.mark.parametrize("qid, key, misconception", WRONG_CHOICES,
                         ids=[f"{q}-{k}" for q, k, _ in WRONG_CHOICES])
def test_each_wrong_choice_names_its_misconception(qid, key, misconception):
    state = QuizState("start")
    verdict = state.answer(qid, key)
    assert verdict.status == "mistake" and not verdict.correct
    assert verdict.misconception == misconception and misconception in verdict.message
    assert state.score == (0, 1, 8)


@pytest.mark.parametrize("qid, value, misconception", WRONG_NUMBERS,
                         ids=[f"{q}-{v:.4g}" for q, v, _ in WRONG_NUMBERS])
def test_each_likely_wrong_number_names_its_misconception(qid, value, misconception):
    for typed in (value, f"{value:.4g}"):
        verdict = QuizState("start", save=False).answer(qid, typed)
        assert verdict.status == "mistake" and verdict.misconception == misconception


def test_a_number_no_mistake_explains_is_wrong_and_a_comma_is_a_decimal_point():
    state = QuizState("start", save=False)
    assert state.answer("dsF_wrt_w_C_f", "42").status == "wrong"
    assert QuizState("end", save=False).answer("dsF_wrt_w_C_f", "0,522").correct
    assert check(QUESTIONS[5], Fraction(522, 1000)).correct


def test_the_first_answer_is_the_one_that_counts():
    state = QuizState("start", save=False)
    assert state.answer(0, "a").status == "mistake"
    later = state.answer(0, right_answer(QUESTIONS[0]))
    assert later.correct and "first answer" in later.message
    assert state.score == (0, 1, 8) and state.verdicts["sign"] is later


JUNK = [None, "", "   ", 10**400, -10**400, 10**5000, math.nan, math.inf, -math.inf, [1], [],
        {}, (), {"a"}, object(), b"a", True, 1 + 2j, "zzz", "1e999", "nan", "\u2212", "0.5.5",
        "x" * 100_000]


@pytest.mark.parametrize("junk", JUNK, ids=[repr(j)[:12] if not isinstance(j, int) or abs(j) < 10**9
                                            else "huge int" for j in JUNK])
def test_junk_gets_a_verdict_never_an_exception(junk):
    state = QuizState("start")
    for k in range(len(QUESTIONS)):
        verdict = state.answer(k, junk)
        assert verdict.status in ("invalid", "not attempted"), (k, verdict)
        assert verdict.message and not verdict.correct
    assert state.score == (0, 0, 8)
    assert not (state.path.parent / PROGRESS_FILE).exists()     # nothing answered, nothing kept


@pytest.mark.parametrize("k", [-1, 8, 99, None, True, 1.0, "nope", 10**400, [0], math.nan])
def test_a_question_that_does_not_exist_gets_a_verdict(k):
    verdict = QuizState("start", save=False).answer(k, "a")
    assert verdict.status == "invalid" and "no question" in verdict.message


def test_only_start_and_end_are_quizzes():
    with pytest.raises(CourseInputError, match="start"):
        QuizState("middle")


# --- the file --------------------------------------------------------------------------------------

def test_the_file_round_trips(learners_folder):
    state = QuizState("start")
    state.answer(0, right_answer(QUESTIONS[0]))
    state.answer(1, "a")
    state.answer(5, right_answer(QUESTIONS[5]))
    path = learners_folder / PROGRESS_FILE
    data = json.loads(path.read_text())
    assert data["kind"] == KIND and data["quizzes"]["start"]["right"] == 2
    assert "Saved" in state.message
    quiz_module._IN_KERNEL.clear()                     # a new kernel, the next day
    again = QuizState("start")
    assert again.score == (2, 3, 8) and again.first.keys() == state.first.keys()
    end = QuizState("end")
    for k, question in enumerate(QUESTIONS):
        end.answer(k, right_answer(question))
    quiz_module._IN_KERNEL.clear()
    scores = read_scores()
    assert scores.scores == {"start": (2, 3, 8), "end": (8, 8, 8)}
    assert scores.results["start"] == {"sign": True, "chain": False, "dsF_wrt_w_C_f": True}
    assert not list(learners_folder.glob(".course_progress-*"))   # no temporary file left


def test_answers_given_elsewhere_are_never_lost(learners_folder):
    yesterday = QuizState("start")
    yesterday.answer(0, "b")
    quiz_module._IN_KERNEL.clear()                     # a new kernel
    QuizState("start", save=False).answer(1, "c")     # kept in this kernel only
    old_view, new_view = QuizState("start"), QuizState("start")
    assert new_view.score == (2, 2, 8)
    new_view.answer(2, "a")
    old_view.answer(3, "a")                            # a quiz shown earlier, still on screen
    saved = json.loads((learners_folder / PROGRESS_FILE).read_text())["quizzes"]["start"]
    assert saved["answers"] == {"sign": "b", "chain": "c", "fan_out": "a", "two": "a"}
    assert saved["right"] == 3 and read_scores().scores["start"] == (3, 4, 8)


def test_kernel_only_writes_no_file(learners_folder):
    state = QuizState("start", save=False)
    state.answer(0, "b")
    assert not (learners_folder / PROGRESS_FILE).exists()
    assert read_scores().scores["start"] == (1, 1, 8)          # kept in this kernel


@pytest.mark.parametrize("foreign", [b"my own notes, not a quiz\n", b'{"name": "mine"}',
                                     b'[1, 2, 3]', b'{"kind": "something else", "quizzes": {}}'],
                         ids=["text", "json object", "json list", "another kind"])
def test_a_foreign_file_of_that_name_is_never_overwritten(learners_folder, foreign):
    path = learners_folder / PROGRESS_FILE
    path.write_bytes(foreign)
    state = QuizState("start")
    verdict = state.answer(0, right_answer(QUESTIONS[0]))
    assert verdict.correct and state.score == (1, 1, 8)
    assert path.read_bytes() == foreign
    assert "is here but" in state.message and "left untouched" in state.message
    assert "\n" not in state.message
    assert read_scores().scores["start"] == (1, 1, 8)          # still kept in this kernel
    assert sorted(p.name for p in learners_folder.iterdir()) == [PROGRESS_FILE]


def test_a_folder_of_that_name_is_left_alone(learners_folder):
    (learners_folder / PROGRESS_FILE).mkdir()
    state = QuizState("start")
    state.answer(0, "b")
    assert "left untouched" in state.message and (learners_folder / PROGRESS_FILE).is_dir()


@pytest.mark.parametrize("corrupt", [b'{"kind": "course_lib self-check quiz", "quizz',
                                     b"\xff\xfe\x00\x01", b"", b"[" * 100_000],
                         ids=["cut short", "not text", "empty", "too deep"])
def test_a_corrupt_file_is_read_as_empty_and_said_so(learners_folder, corrupt):
    path = learners_folder / PROGRESS_FILE
    path.write_bytes(corrupt)
    records, ours, message = read_progress(path)
    assert records == {} and not ours and "read as empty and left untouched" in message
    state = QuizState("start")
    assert state.score == (0, 0, 8) and "read as empty" in state.message
    state.answer(0, "b")
    assert path.read_bytes() == corrupt
    scores = quiz_scores()
    assert "read as empty" in repr(scores) and scores.scores.scores["start"] == (1, 1, 8)


def test_junk_inside_our_own_file_is_skipped_and_the_file_mended(learners_folder):
    path = learners_folder / PROGRESS_FILE
    path.write_text(json.dumps({"kind": KIND, "quizzes": {
        "start": {"answers": {"sign": [1, 2], "chain": "zz", "two": "b", "fan_out": None}},
        "end": "junk"}}))
    state = QuizState("start")
    assert state.score == (1, 1, 8)
    path.write_text(json.dumps({"kind": KIND, "quizzes": 7}))
    quiz_module._IN_KERNEL.clear()
    state = QuizState("start")
    assert state.score == (0, 0, 8) and "read as empty" in state.message
    state.answer(0, "b")
    assert json.loads(path.read_text())["quizzes"]["start"]["right"] == 1


# --- the view --------------------------------------------------------------------------------------

def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_every_control_has_a_description_and_a_tooltip():
    quiz = Quiz("start")
    controls = [w for w in walk(quiz) if isinstance(w, (widgets.Button, widgets.RadioButtons,
                                                        widgets.Text))]
    assert len(controls) == 16
    for control in controls:
        assert control.description.strip() and (control.tooltip or "").strip(), control
    assert len({c.description for c in controls}) == 16          # each names its question
    assert all('aria-live="polite"' in f.value and 'role="status"' in f.value
               for f in quiz.feedback)


def test_the_widgets_fire_the_states_actions(learners_folder):
    quiz = Quiz("start")
    quiz.inputs[2].value = "b"                               # the average: a misconception
    quiz.check_buttons[2].click()
    assert "averaging" in quiz.feedback[2].value and 'aria-live="polite"' in quiz.feedback[2].value
    for k, question in enumerate(QUESTIONS):
        quiz.inputs[k].value = right_answer(question)
        quiz.check_buttons[k].click()
        assert "✓ Right." in quiz.feedback[k].value
    assert quiz.state.score == (7, 8, 8) and "7 of 8" in quiz.score_line.value
    assert "Saved" in quiz.file_line.value and (learners_folder / PROGRESS_FILE).exists()


def test_junk_typed_into_the_view_gets_a_verdict():
    quiz = Quiz("end", save=False)
    quiz.check_buttons[0].click()                            # nothing chosen yet
    assert "Pick one" in quiz.feedback[0].value
    for typed in ("", "abc", "1e999", "x" * 10_000):
        quiz.inputs[5].value = typed
        quiz.check_buttons[5].click()
        assert quiz.state.score == (0, 0, 8)
    assert "not a" in quiz.feedback[5].value


def test_a_quiz_shown_again_keeps_the_answers_given():
    first = Quiz("start")
    first.inputs[0].value = "b"
    first.check_buttons[0].click()
    first.inputs[5].value = "0.522"
    first.check_buttons[5].click()
    again = Quiz("start")                                    # the cell run again
    assert again.inputs[0].value == "b" and again.inputs[5].value == "0.522"
    assert "✓ Right." in again.feedback[0].value and again.state.score == (2, 2, 8)


def test_the_saved_text_of_the_widget_says_what_to_do():
    assert "Run this cell" in repr(Quiz("start", save=False))


def test_the_scores_side_by_side():
    start = QuizState("start")
    for k in range(4):
        start.answer(k, right_answer(QUESTIONS[k]))
    scores = quiz_scores()
    text, html = repr(scores), scores._repr_html_()
    assert text.startswith("Quiz scores. start: 4 of 8 right; end: not taken yet.")
    assert "1. the sign of a gradient: start ✓ right, end not taken yet" in text
    assert "<table" in html and "<caption>" in html and '<th scope="col">end</th>' in html
    assert "<b>4 of 8</b>" in html and "not taken yet" in html
    end = QuizState("end")
    for k, question in enumerate(QUESTIONS):
        end.answer(k, right_answer(question))
    assert "start: 4 of 8 right; end: 8 of 8 right." in repr(quiz_scores())


def test_scores_with_no_file_and_nothing_in_the_kernel():
    text = repr(quiz_scores())
    assert text.splitlines()[0] == "Quiz scores. start: not taken yet; end: not taken yet."
