"""The self-check quiz in JupyterLab: a thin ipywidgets view on QuizState, and both scores.

    Quiz("start")       # notebook 00: 8 questions, each with a Check button
    Quiz("end")         # notebook 12: the same 8 questions
    quiz_scores()       # notebook 12: start and end side by side (a table; plain text too)

Each question shows its prompt, RadioButtons (or a Text box for a number), a Check button and
a feedback line in a polite live region (role="status", aria-live="polite"), so a screen reader
reads the verdict out. Every control has a description (its label) and a tooltip; all are
native inputs and buttons: Tab reaches each choice, Space picks it, Enter presses Check.
The view holds no logic: Check hands the input's value to QuizState.answer and shows the
verdict. Test it with no browser: set a widget's .value, call check_buttons[k].click().
"""
import os
from html import escape

import ipywidgets as widgets

from ..core.errors import CourseInputError, shown
from ..views.style import BLUE, BLUISH_GREEN, VERMILLION
from .quiz import PROGRESS_FILE, QUIZ_NAMES, QuizState, read_scores
from .quiz_questions import questions

_CSS = f"""<style>
.course-quiz .quiz-question {{border-left: 3px solid #ccc; padding-left: 8px; margin: 6px 0;}}
.course-quiz .widget-radio-box label {{white-space: normal;}}
.course-quiz .quiz-correct {{border-left: 4px solid {BLUISH_GREEN}; padding-left: 6px;}}
.course-quiz .quiz-not-right {{border-left: 4px solid {VERMILLION}; padding-left: 6px;}}
.course-quiz button:focus-visible, .course-quiz input:focus-visible
  {{outline: 3px solid {BLUE} !important; outline-offset: 2px;}}
</style>"""

_WIDE = {"description_width": "initial"}


def _live(message="", status=""):
    """The feedback line: a polite live region, so the verdict is read out when it appears."""
    tone = {"correct": "quiz-correct", "mistake": "quiz-not-right",
            "wrong": "quiz-not-right"}.get(status, "")
    return (f'<div class="quiz-feedback {tone}" role="status" aria-live="polite" '
            f'aria-atomic="true">{escape(message)}</div>')


def _input(n, question):
    if question.choices:
        return widgets.RadioButtons(
            options=[(f"{c.key}) {c.text}", c.key) for c in question.choices], value=None,
            description=f"Answer {n}", style=_WIDE, layout=widgets.Layout(width="auto"),
            tooltip=f"Question {n}: choose one answer (Tab to a choice, Space to pick it)")
    return widgets.Text(value="", placeholder="a number, e.g. 0.5", description=f"Answer {n}",
                        style=_WIDE, tooltip=f"Question {n}: type a number, then press Check")


class Quiz(widgets.VBox):
    """The quiz `name` ("start" or "end"): one box per question, the score, the file's news.

    path and save go to QuizState (course_progress.json in the current folder; save=False
    keeps the scores in this kernel only). Widgets: inputs, check_buttons, feedback (lists,
    one per question), score_line, file_line.
    """

    def __init__(self, name="start", path=PROGRESS_FILE, save=True, state=None, **kwargs):
        self.state = state or QuizState(name, _path(path), save)
        self.inputs, self.check_buttons, self.feedback = [], [], []
        boxes = [self._question_box(k, q) for k, q in enumerate(self.state.questions)]
        total = len(self.state.questions)
        intro = widgets.HTML(
            f"{_CSS}<p><b>Self-check quiz ({escape(self.state.name)})</b>: {total} questions. "
            "Your first answer to each is the one that counts; answer again as often as you "
            "like to read the other explanations.</p>")
        self.score_line, self.file_line = widgets.HTML(), widgets.HTML()
        super().__init__([intro, *boxes, self.score_line, self.file_line], **kwargs)
        self.add_class("course-quiz")
        for k, question in enumerate(self.state.questions):   # answers given before: shown
            verdict = self.state.verdicts.get(question.id)
            if verdict is not None and verdict.value is not None:
                value = verdict.value
                self.inputs[k].value = value if question.choices else f"{value:g}"
            self._show(k)

    def _question_box(self, k, question):
        n = k + 1
        prompt = widgets.HTML(f"<p><b>{n}.</b> {escape(question.prompt)}</p>")
        answer = _input(n, question)
        button = widgets.Button(description=f"Check {n}", button_style="primary",
                                tooltip=f"Check your answer to question {n}")
        button.on_click(lambda _, k=k: self.check(k))
        feedback = widgets.HTML(_live())
        self.inputs.append(answer)
        self.check_buttons.append(button)
        self.feedback.append(feedback)
        box = widgets.VBox([prompt, answer, button, feedback])
        box.add_class("quiz-question")
        return box

    def check(self, k):
        """What Check k does: the state judges the input's value; the view shows the verdict."""
        verdict = self.state.answer(k, self.inputs[k].value)
        self._show(k)
        return verdict

    def _show(self, k):
        verdict = self.state.verdicts.get(self.state.questions[k].id)
        if verdict is not None:
            self.feedback[k].value = _live(verdict.message, verdict.status)
        right, answered, total = self.state.score
        self.score_line.value = (f"<p><b>Score: {right} of {total} right</b> ({answered} "
                                 "answered).</p>")
        where = (f"in this kernel and in {PROGRESS_FILE} in this folder" if self.state.save
                 else "in this kernel only")
        self.file_line.value = f"<p>{escape(self.state.message or f'Scores are kept {where}.')}</p>"

    def __repr__(self):
        return (f"Quiz({self.state.name!r}): {len(self.state.questions)} questions, checked as "
                "you answer. Run this cell in JupyterLab to take the quiz.")


class QuizScoresTable:
    """Start and end side by side: a small HTML table, with its text alternative as repr."""

    def __init__(self, scores):
        self.scores = scores

    def _repr_html_(self):
        s = self.scores
        marks = {True: "✓ right", False: "✗ wrong", None: "— not answered"}

        def cell(name, qid):
            if s.scores[name] is None:
                return "<td>not taken yet</td>"
            return f"<td>{marks[s.results[name].get(qid)]}</td>"

        head = "".join(f'<th scope="col">{name}</th>' for name in QUIZ_NAMES)
        rows = "".join(f'<tr><th scope="row">{n}. {escape(q.topic)}</th>'
                       + "".join(cell(name, q.id) for name in QUIZ_NAMES) + "</tr>"
                       for n, q in enumerate(questions(), 1))
        totals = "".join("<td>not taken yet</td>" if s.scores[name] is None else
                         f"<td><b>{s.scores[name].right} of {s.scores[name].total}</b></td>"
                         for name in QUIZ_NAMES)
        note = f"<p>{escape(s.message)}</p>" if s.message else ""
        return (f'<table class="course-quiz-scores"><caption>The self-check quiz, at the start '
                f'and at the end, question by question</caption><thead><tr><th scope="col">'
                f'question</th>{head}</tr></thead><tbody>{rows}</tbody><tfoot><tr>'
                f'<th scope="row">score</th>{totals}</tr></tfoot></table>{note}')

    def __repr__(self):
        return self.scores.text()


def _path(path):
    """`path` if it names a file (text or a Path), else a CourseInputError saying so."""
    if not isinstance(path, (str, os.PathLike)) or isinstance(path, str) and not path.strip():
        raise CourseInputError(f"path must be a file name such as {PROGRESS_FILE!r} (text or a "
                               f"Path), got {shown(path)} ({type(path).__name__}).")
    return path


def quiz_scores(path=PROGRESS_FILE):
    """Both quizzes' scores side by side, from this kernel and from `path`. A path that is not
    a file name is a CourseInputError; a file that cannot be read is a note in the table."""
    return QuizScoresTable(read_scores(_path(path)))
