"""Exercises: check functions that accept the right answer and name likely mistakes."""
from .checking import Verdict, check_answer, close
from .mistakes import chain_mistakes, fan_out_mistakes, sum_mistakes, weight_chain_mistakes

__all__ = ["Verdict", "check_answer", "close", "chain_mistakes", "fan_out_mistakes",
           "sum_mistakes", "weight_chain_mistakes"]

# notebooks 01-04: forward pass, loss and slope, the last weight, the error at a node
from .forward_pass import check_f, check_sB, check_sC
from .last_weight import check_df_wrt_sF, check_dL_wrt_w_C_f
from .loss_and_slope import check_dL_wrt_f, check_L, check_learning_rate
from .node_error import check_dL_wrt_C, check_dL_wrt_D

__all__ += ["check_sB", "check_sC", "check_f", "check_L", "check_dL_wrt_f",
            "check_learning_rate", "check_df_wrt_sF", "check_dL_wrt_w_C_f",
            "check_dL_wrt_C", "check_dL_wrt_D"]

# notebooks 05-08: a deeper weight, fan-out, automate it, two outputs
from .automate import check_delta_AB, check_error_at_sum
from .deeper_weight import check_dC_wrt_sC, check_dL_wrt_w_A_C
from .fan_out import check_dL_wrt_A, check_dL_wrt_w_I2_B
from .two_outputs import check_dL_wrt_C_two_outputs, check_dL_wrt_f2

__all__ += ["check_dC_wrt_sC", "check_dL_wrt_w_A_C", "check_dL_wrt_A", "check_dL_wrt_w_I2_B",
            "check_error_at_sum", "check_delta_AB", "check_dL_wrt_f2",
            "check_dL_wrt_C_two_outputs"]

# write it yourself (notebook 12): the learner's whole pass, checked node by node
from .own_pass import BackpropVerdict, check_backprop

__all__ += ["BackpropVerdict", "check_backprop"]

# notebooks 09-11: the training lab, code generation, the misconception lab
from .broken_pass import BrokenPass, broken_pass, check_broken_line
from .code_generation import check_generated_line, check_line_count
from .misconception_lab import check_curve_mistake, mystery_runs
from .training_lab import (LOSS_OUTCOMES, check_dL_wrt_b_C, check_large_learning_rate,
                           check_smallest_layer)

__all__ += ["BrokenPass", "broken_pass", "check_broken_line", "check_generated_line",
            "check_line_count", "check_curve_mistake", "mystery_runs", "LOSS_OUTCOMES",
            "check_dL_wrt_b_C", "check_large_learning_rate", "check_smallest_layer"]
