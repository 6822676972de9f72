"""Every notebook runs with the network cut off, and never even tries to reach it.

The kernel runs in its own network namespace (`unshare -n`, talking to the test over
Unix sockets), so nothing can leave the machine; a socket guard injected as the first
cell also records every attempt to open an internet connection or resolve a host name.
"""
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))

GUARD = '''\
import socket as _socket
_network_attempts = []
_real_connect, _real_connect_ex = _socket.socket.connect, _socket.socket.connect_ex
_real_getaddrinfo = _socket.getaddrinfo

def _guarded(real):
    def connect(self, address, *args):
        if self.family in (_socket.AF_INET, _socket.AF_INET6):
            _network_attempts.append(("connect", address))
            raise OSError("network blocked by the offline test")
        return real(self, address, *args)
    return connect

def _getaddrinfo(host, *args, **kwargs):
    _network_attempts.append(("getaddrinfo", host))
    raise OSError("name lookup blocked by the offline test")

_socket.socket.connect = _guarded(_real_connect)
_socket.socket.connect_ex = _guarded(_real_connect_ex)
_socket.getaddrinfo = _getaddrinfo'''

REPORT = "print('network attempts:', _network_attempts)"


def namespaces_work():
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


class OfflineKernelManager(KernelManager):
    """A kernel started inside a fresh network namespace with no way out."""

    def format_kernel_cmd(self, extra_arguments=None):
        return ["unshare", "-n", *super().format_kernel_cmd(extra_arguments)]


def test_the_guard_catches_an_attempt():
    """The guard itself works: a connection attempt is refused and recorded."""
    namespace = {}
    exec(GUARD, namespace)
    sock = namespace["_socket"].socket()
    try:
        with pytest.raises(OSError, match="blocked"):
            sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed
    finally:
        sock.close()
        namespace["_socket"].socket.connect = namespace["_real_connect"]
        namespace["_socket"].socket.connect_ex = namespace["_real_connect_ex"]
        namespace["_socket"].getaddrinfo = namespace["_real_getaddrinfo"]
    assert namespace["_network_attempts"] == [("connect", ("192.0.2.1", 80))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_offline(path, tmp_path):
    if not namespaces_work():
        pytest.skip("cannot create a network namespace here (unshare -n); the guard alone is not enough")
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(GUARD))
    notebook.cells.append(nbformat.v4.new_code_cell(REPORT))
    # ipc sockets are files named after `ip`: keep them out of the notebooks folder
    km = OfflineKernelManager(kernel_name="python3", transport="ipc", ip=str(tmp_path / "kernel"))
    try:
        NotebookClient(notebook, km=km, timeout=600,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:                 # nbclient leaves a kernel manager it was given running
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    report = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    assert report.strip() == "network attempts: []"
