"""What a learner sees when a check's verdict is the last line of a cell: the message."""
from IPython.lib.pretty import pretty

from course_lib import check_backprop
from course_lib.exercises import check_sB


def test_a_verdict_shows_its_message_not_a_dataclass_repr():
    verdict = check_sB(...)
    assert pretty(verdict) == verdict.message and verdict.message.startswith("⏳ sB: not attempted")
    assert "Verdict(" not in pretty(check_sB(0.1))


def test_check_backprop_shows_its_message_as_text_and_a_diagram_as_html():
    verdict = check_backprop(...)
    assert pretty(verdict) == verdict.message
    assert "ShownBackpropVerdict(" not in pretty(verdict)
    assert verdict._repr_html_().startswith('<div class="course-check-backprop"')
