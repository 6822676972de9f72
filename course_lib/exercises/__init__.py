"""Exercises: check functions that accept the right answer and name likely mistakes."""
from .checking import Verdict, check_answer, close
from .mistakes import chain_mistakes, fan_out_mistakes

__all__ = ["Verdict", "check_answer", "close", "chain_mistakes", "fan_out_mistakes"]

# notebooks 01-04: forward pass, loss and slope, the last weight, the error at a node
from .forward_pass import check_f, check_sB, check_sC
from .last_weight import check_df_wrt_sF, check_dL_wrt_w_C_f
from .loss_and_slope import check_dL_wrt_f, check_L, check_learning_rate
from .node_error import check_dL_wrt_C, check_dL_wrt_D

__all__ += ["check_sB", "check_sC", "check_f", "check_L", "check_dL_wrt_f",
            "check_learning_rate", "check_df_wrt_sF", "check_dL_wrt_w_C_f",
            "check_dL_wrt_C", "check_dL_wrt_D"]
