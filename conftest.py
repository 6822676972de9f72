"""pytest, from anywhere in the repository (`python -m pytest`, or one notebook alone).

Every kernel the tests start (nbval's, nbclient's, the servers') draws with the inline backend,
JupyterLab's own, under which the notebooks' committed outputs were saved. With another one
(MPLBACKEND=Agg in the environment) a figure cell prints no "<Figure size ...>" and nbval
would fail it on unchanged code. Kernels inherit this process's environment.
tests/conftest.py holds everything else.
"""
import os

KERNEL_MPLBACKEND = "module://matplotlib_inline.backend_inline"


def pytest_configure(config):
    os.environ["MPLBACKEND"] = KERNEL_MPLBACKEND
