"""Taking the network and unbounded memory away from a process (or thread) that handles
untrusted input.

:func:`confine` applies, in this order and as far as the machine allows:

1. a **network namespace** of its own (``unshare(CLONE_NEWNET)``; needs ``CAP_SYS_ADMIN``, so
   root or a container that grants it): the process has no interface but a loopback that is
   down, so no address -- not even the service's own loopback port -- can be reached;
2. a **seccomp filter** (Linux, x86-64 and arm64) that makes ``socket(2)`` fail with ``EACCES``
   for the Internet families (``AF_INET``, ``AF_INET6``), and ``io_uring_setup(2)`` likewise
   (io_uring can open sockets by itself).  Unix sockets and pipes, which the worker uses to
   talk to its parent, still work.  This needs no privilege (``PR_SET_NO_NEW_PRIVS``);
3. a **memory limit**: ``RLIMIT_DATA`` (heap and anonymous mappings, so a query or parser that
   allocates past it fails -- Rust aborts, Python raises ``MemoryError``), leaving file
   mappings of the store alone.

Each step that the kernel refuses is skipped and named in the returned :class:`Confinement`;
callers decide what to do when no network barrier could be put up (the query service then
refuses any query that mentions ``SERVICE``, see :mod:`guize.query.text`).

:func:`confine_thread` applies the seccomp filter to the calling thread only (filters are per
thread): the service process runs SPARQL Update on such a thread, so ``LOAD`` and ``SERVICE``
in an update cannot reach the network either, while the rest of the process can.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import platform
import resource
import signal
import struct
from dataclasses import dataclass

log = logging.getLogger("guize.sandbox")

_CLONE_NEWNET = 0x40000000
_PR_SET_PDEATHSIG = 1
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

# BPF opcodes
_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000

#: machine → (audit arch, socket syscall number, io_uring_setup syscall number)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}
_BLOCKED_FAMILIES = (2, 10)  # AF_INET, AF_INET6


@dataclass(frozen=True)
class Confinement:
    """What :func:`confine` managed to apply."""

    namespace: bool
    """The process has a network namespace of its own (no route anywhere)."""
    seccomp: bool
    """Opening an Internet socket fails (EACCES)."""
    memory_bytes: int | None
    """The data-segment limit set, or None."""

    @property
    def network_blocked(self) -> bool:
        return self.namespace or self.seccomp

    def describe(self) -> str:
        parts = [
            name
            for name, on in (("network namespace", self.namespace), ("seccomp", self.seccomp))
            if on
        ]
        net = " + ".join(parts) if parts else "NONE (network reachable)"
        mem = f"{self.memory_bytes // 2**20} MiB" if self.memory_bytes else "unlimited"
        return f"network barrier: {net}; memory limit: {mem}"


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name or "libc.so.6", use_errno=True)
    except OSError:
        return None


def _own_network_namespace(libc: ctypes.CDLL) -> bool:
    if libc.unshare(_CLONE_NEWNET) == 0:
        return True
    log.debug("no network namespace: %s", os.strerror(ctypes.get_errno()))
    return False


def _filter_program() -> bytes | None:
    """The BPF program refusing Internet sockets and io_uring, for this machine."""
    arch = _ARCHES.get(platform.machine())
    if arch is None:
        return None
    audit_arch, nr_socket, nr_io_uring = arch
    deny = _SECCOMP_RET_ERRNO | errno.EACCES
    insns = [
        (_LD_W_ABS, 0, 0, 4),  # A = seccomp_data.arch
        (_JEQ_K, 1, 0, audit_arch),
        (_RET_K, 0, 0, deny),  # another ABI (e.g. 32-bit calls): refuse everything
        (_LD_W_ABS, 0, 0, 0),  # A = seccomp_data.nr
        (_JEQ_K, 0, 1, nr_io_uring),
        (_RET_K, 0, 0, deny),
        (_JEQ_K, 0, 3, nr_socket),  # not socket(2): allow
        (_LD_W_ABS, 0, 0, 16),  # A = low word of args[0] (the address family)
        (_JEQ_K, 2, 0, _BLOCKED_FAMILIES[0]),
        (_JEQ_K, 1, 0, _BLOCKED_FAMILIES[1]),
        (_RET_K, 0, 0, _SECCOMP_RET_ALLOW),
        (_RET_K, 0, 0, deny),
    ]
    return b"".join(struct.pack("HBBI", *i) for i in insns)


def _install_filter(libc: ctypes.CDLL) -> bool:
    program = _filter_program()
    if program is None:
        return False
    count = len(program) // 8
    buf = ctypes.create_string_buffer(program)

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(count, ctypes.addressof(buf))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        log.debug("no seccomp filter: %s", os.strerror(ctypes.get_errno()))
        return False
    return True


def _limit_memory(memory_bytes: int | None) -> int | None:
    if not memory_bytes:
        return None
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ValueError, OSError) as exc:
        log.debug("no memory limit: %s", exc)
        return None
    return limit


def confine(memory_bytes: int | None = None) -> Confinement:
    """Confine the calling process (call it before it starts threads): no network, at most
    ``memory_bytes`` of heap.  Never raises; see the result for what was applied."""
    libc = _libc() if os.name == "posix" and platform.system() == "Linux" else None
    namespace = libc is not None and _own_network_namespace(libc)
    seccomp = libc is not None and _install_filter(libc)
    return Confinement(namespace, seccomp, _limit_memory(memory_bytes))


def confine_thread() -> bool:
    """Refuse Internet sockets to the calling thread (and the threads it starts).  Returns
    whether the filter is in place."""
    libc = _libc() if platform.system() == "Linux" else None
    return libc is not None and _install_filter(libc)


def die_with_parent(parent_pid: int) -> bool:
    """Have the kernel stop the calling process when its parent ``parent_pid`` dies (Linux:
    ``PR_SET_PDEATHSIG``), so a worker does not outlive a killed build waiting for work; exits
    at once if the parent is already gone.  Returns whether the signal is set."""
    libc = _libc() if platform.system() == "Linux" else None
    armed = libc is not None and libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    if os.getppid() != parent_pid:  # the parent died before the signal was set
        os._exit(1)
    return armed
