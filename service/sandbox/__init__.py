"""Sandbox (沙箱): where untrusted input is handled -- processes without network, with time and
memory limits, behind a bounded admission queue.

- :mod:`~guize.sandbox.confine`: take the network away from a process or thread (network
  namespace, seccomp) and bound its memory;
- :mod:`~guize.sandbox.pool`: a pool of such processes; a job that overruns its time or memory
  is killed with its worker, a crash is reported, admission is bounded per service and client.

Queries (:mod:`guize.query.executor`), uploads and validation (:mod:`guize.validate.isolated`)
and the CLI's ``query``/``validate`` run their untrusted parsing and evaluation here.
"""

from guize.sandbox.confine import Confinement, confine, confine_thread, die_with_parent
from guize.sandbox.pool import Admission, ConfinedPool, PerProcessPool, client_key

__all__ = [
    "Admission",
    "ConfinedPool",
    "PerProcessPool",
    "Confinement",
    "client_key",
    "confine",
    "confine_thread",
    "die_with_parent",
]
