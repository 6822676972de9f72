"""The self-check quiz's state: 8 questions, checked and scored, kept in the learner's kernel
or in course_progress.json in the learner's own folder (the current directory).

    state = QuizState("start")          # "start" (notebook 00) or "end" (notebook 12)
    state.answer(0, "b")                # a QuizVerdict; junk (None, '', NaN, a list) gets one too
    state.score                         # Score(right=1, answered=1, total=8)
    read_scores()                       # QuizScores: start and end side by side

Plain Python, no widgets: quiz_view.Quiz is the thin ipywidgets view on it. The first answer a
question accepts is the one its score counts (a baseline); later answers still get feedback.
The questions' numbers come from the library on the seed sample (quiz_questions).
The file is written only when a first answer is recorded, and never over a file that is not
this quiz's own: such a file is left untouched and the message says so.
"""
import json
import os
import tempfile
from collections import namedtuple
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.errors import CourseInputError
from .quiz_questions import QuizVerdict, check, questions

PROGRESS_FILE = "course_progress.json"
QUIZ_NAMES = ("start", "end")
KIND = "course_lib self-check quiz"     # the mark that says a course_progress.json is ours
MAX_FILE_BYTES = 200_000
_IN_KERNEL = {}                         # quiz name -> its record, for this kernel's lifetime

Score = namedtuple("Score", "right answered total")


# --- the file: read anything, write only our own --------------------------------------------

def _not_ours(path, why="it is not the quiz's"):
    return (f"A file named {path.name} is here but {why}: it was read as empty and left "
            "untouched, so your scores stay in this kernel only (rename that file to keep them "
            "on disk).")


def read_progress(path=PROGRESS_FILE):
    """(records, ours, message): the quizzes' records in the file, whether the file is free to
    write (ours, or absent), and what happened. Never raises: a file that is not ours, or that
    cannot be read, counts as empty and the message says so."""
    path = Path(path)
    try:
        if not path.exists() and not path.is_symlink():
            return {}, True, ""
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return {}, False, _not_ours(path)
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:
        return {}, False, _not_ours(path, f"it could not be read as the quiz's scores "
                                          f"({type(error).__name__})")
    if not isinstance(data, dict) or data.get("kind") != KIND:
        return {}, False, _not_ours(path)
    quizzes = data.get("quizzes")
    if not isinstance(quizzes, dict):
        return {}, True, f"{path.name} held no readable scores: read as empty."
    return {name: quizzes[name] for name in QUIZ_NAMES
            if isinstance(quizzes.get(name), dict)}, True, ""


def _replace(path, text):
    """Write `text` to a new file beside `path`, then move it over `path` in one step."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".course_progress-",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_record(path, name, record):
    """Keep quiz `name`'s record in the file at `path`; return a one-line message.
    Refuses (and says so) when a file of that name exists and is not this quiz's."""
    path = Path(path)
    records, ours, message = read_progress(path)
    if not ours:
        return message
    text = json.dumps({"kind": KIND, "version": 1, "quizzes": {**records, name: record}},
                      indent=1)
    try:
        if path.exists():
            _replace(path, text)
        else:
            with open(path, "x", encoding="utf-8") as file:   # "x": never over a new file
                file.write(text)
    except FileExistsError:
        return f"{path.name} appeared while saving: left untouched; scores stay in this kernel."
    except OSError as error:
        return (f"Could not save to {path.name} ({error.strerror or type(error).__name__}): "
                "your scores stay in this kernel.")
    return f"Saved in {path.name}, in this folder (only the quiz's scores)."


# --- the quiz ----------------------------------------------------------------------------------

def _first_verdicts(record):
    """{question id: verdict} for the answers a record holds (junk in it is skipped)."""
    answers = record.get("answers") if isinstance(record, dict) else None
    if not isinstance(answers, dict):
        return {}
    found = {}
    for question in questions():
        if question.id in answers:
            verdict = check(question, answers[question.id])
            if verdict.counts:
                found[question.id] = verdict
    return found


def _known(name, records):
    """The first answers known for quiz `name`: the file's records, with this kernel's on top."""
    answers = {}
    for record in (records.get(name), _IN_KERNEL.get(name)):
        if isinstance(record, dict) and isinstance(record.get("answers"), dict):
            answers.update(record["answers"])
    return _first_verdicts({"answers": answers})


def _score(first):
    return Score(sum(v.correct for v in first.values()), len(first), len(questions()))


class QuizState:
    """One quiz (`name` "start" or "end"): its questions, the first answer to each, the latest
    verdict for each, the score, and the message about the file.

    path: where the scores are kept (course_progress.json in the current directory);
    save=False keeps them in this kernel only. A quiz made again (the cell run again) starts
    from the answers already given, in this kernel or in the file: nothing is lost.
    """

    def __init__(self, name="start", path=PROGRESS_FILE, save=True):
        if name not in QUIZ_NAMES:
            raise CourseInputError(f"quiz name: {str(name)[:20]!r}. Allowed: "
                                   f"{' or '.join(map(repr, QUIZ_NAMES))}.")
        self.name, self.path, self.save = name, Path(path).absolute(), bool(save)
        self.questions = questions()
        records, _, self.message = read_progress(self.path) if self.save else ({}, True, "")
        self.first = _known(name, records)
        self.verdicts = dict(self.first)

    @property
    def score(self):
        """Score(right, answered, total), counting each question's first answer."""
        return _score(self.first)

    def question(self, k):
        """Question k (0 to 7, or its id), or None."""
        if isinstance(k, str):
            return next((q for q in self.questions if q.id == k), None)
        if isinstance(k, int) and not isinstance(k, bool) and 0 <= k < len(self.questions):
            return self.questions[k]
        return None

    def answer(self, k, value):
        """Check `value` as the answer to question k; return a QuizVerdict. Never raises."""
        question = self.question(k)
        if question is None:
            return QuizVerdict("?", "invalid", f"There is no question {_shown(k)}: "
                               f"ask 0 to {len(self.questions) - 1}, or a question's id.")
        try:
            verdict = check(question, value)
        except Exception as error:   # noqa: BLE001 -- a check gives a verdict, never an error
            verdict = QuizVerdict(question.id, "invalid",
                                  f"✗ That answer could not be read ({type(error).__name__}).")
        if verdict.counts and question.id not in self.first:
            self.first[question.id] = verdict
            self._keep()
        elif verdict.counts and verdict.value != self.first[question.id].value:
            verdict = replace(verdict, message=f"{verdict.message} (Your score keeps your "
                                               "first answer.)")
        self.verdicts[question.id] = verdict
        return verdict

    def record(self):
        """What is kept: the first answers, and the score they make."""
        right, answered, total = self.score
        return {"answers": {qid: v.value for qid, v in self.first.items()},
                "results": {qid: v.correct for qid, v in self.first.items()},
                "right": right, "answered": answered, "total": total}

    def _keep(self):
        """Keep the first answers, with any given meanwhile elsewhere (nothing is lost)."""
        records = read_progress(self.path)[0] if self.save else {}
        for qid, verdict in _known(self.name, records).items():
            self.first.setdefault(qid, verdict)
        _IN_KERNEL[self.name] = self.record()
        if self.save:
            self.message = save_record(self.path, self.name, _IN_KERNEL[self.name])

    def __repr__(self):
        right, answered, total = self.score
        return f"QuizState({self.name!r}: {right} of {total} right, {answered} answered)"


def _shown(value):
    try:
        text = repr(value)
    except Exception:   # noqa: BLE001 -- e.g. an int too long to print
        text = type(value).__name__
    return text if len(text) <= 24 else text[:21] + "..."


@dataclass(frozen=True)
class QuizScores:
    """Both quizzes side by side: scores {name: Score or None}, results {name: {id: bool}}."""

    scores: dict
    results: dict
    message: str = ""

    def text(self):
        """The plain-text alternative: the two scores, then question by question."""
        def said(name, qid=None):
            if self.scores[name] is None:
                return f"{name}{'' if qid else ':'} not taken yet"
            if qid is None:
                right, _, total = self.scores[name]
                return f"{name}: {right} of {total} right"
            mark = self.results[name].get(qid)
            return f"{name} " + {True: "✓ right", False: "✗ wrong", None: "not answered"}[mark]

        lines = ["Quiz scores. " + "; ".join(said(name) for name in QUIZ_NAMES) + "."]
        lines += [f"{n}. {q.topic}: " + ", ".join(said(name, q.id) for name in QUIZ_NAMES)
                  for n, q in enumerate(questions(), 1)]
        return "\n".join(lines + ([self.message] if self.message else []))


def read_scores(path=PROGRESS_FILE):
    """Both quizzes' scores: this kernel's where it has them, else the file's. Never raises."""
    records, _, message = read_progress(path)
    scores, results = {}, {}
    for name in QUIZ_NAMES:
        first = _known(name, records)
        taken = name in records or name in _IN_KERNEL
        scores[name] = _score(first) if taken else None
        results[name] = {qid: v.correct for qid, v in first.items()}
    return QuizScores(scores, results, message)
