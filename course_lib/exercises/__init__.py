"""Exercises: check functions that accept the right answer and name likely mistakes."""
from .checking import Verdict, check_answer, close
from .mistakes import chain_mistakes, fan_out_mistakes

__all__ = ["Verdict", "check_answer", "close", "chain_mistakes", "fan_out_mistakes"]
