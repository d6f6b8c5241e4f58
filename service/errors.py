"""The one family of errors guize reports to its callers, each with the HTTP status it maps to.

Every layer raises these (or subclasses of them): the store, query execution, validation,
the web views.  The web service answers each with its ``status`` and message
(:mod:`guize.web.error_handler`); the command line turns them into one line on stderr and an
exit status.  Anything that is not a :class:`GuizeError` is a bug.

=====  =========================  ===============================================================
400    :class:`BadRequest`        malformed request, query or upload (with the parser's message)
403    :class:`Forbidden`         refused by policy (updates without the token, ``SERVICE``, ``LOAD``)
404    :class:`NotFound`          an IRI, route, graph, document or dump guize does not know
406    :class:`NotAcceptable`     no acceptable representation for ``Accept``/``format=``
413    :class:`PayloadTooLarge`   a request body or query string over the limit
415    :class:`UnsupportedMediaType`  a content type or charset the operation does not take
422    :class:`Unprocessable`     an upload that parses but cannot be used (nesting, entities)
429    :class:`TooManyRequests`   one client has too many requests running or waiting
500    :class:`GuizeError`        a failure that is not the client's fault (logged)
503    :class:`Unavailable`       over the time or memory limit, every worker busy, the store
                                  unavailable (``Retry-After`` when waiting helps)
=====  =========================  ===============================================================

>>> QueryTimedOut(2.5).status, str(QueryTimedOut(2.5))
(503, 'query exceeded the time limit of 2.5 s and was cancelled')
>>> issubclass(QuerySyntaxError, BadRequest)
True
"""

from __future__ import annotations


class GuizeError(Exception):
    """An error reported to the caller: ``status`` (HTTP), the message, optional headers."""

    status = 500

    def __init__(self, message: str, *, status: int | None = None, headers: dict | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.headers = headers or {}

    @classmethod
    def rebuild(cls, name: str, status: int, message: str, headers: dict) -> GuizeError:
        """The error of class ``name`` (a subclass of this one, else this one) carrying the
        given status, message and headers: how an error crosses from a worker process.

        >>> e = GuizeError.rebuild("QueryTimedOut", 503, "too slow", {})
        >>> type(e).__name__, e.status, str(e)
        ('QueryTimedOut', 503, 'too slow')
        """
        kind = next((k for k in _subclasses(cls) if k.__name__ == name), cls)
        error = kind.__new__(kind)
        GuizeError.__init__(error, message, status=status, headers=headers)
        return error


def _subclasses(cls: type) -> list[type]:
    found = [cls]
    for sub in cls.__subclasses__():
        found += _subclasses(sub)
    return found


class BadRequest(GuizeError):
    status = 400


class Forbidden(GuizeError):
    status = 403


class NotFound(GuizeError):
    status = 404


class NotAcceptable(GuizeError):
    status = 406


class PayloadTooLarge(GuizeError):
    status = 413


class UnsupportedMediaType(GuizeError):
    status = 415


class Unprocessable(GuizeError):
    status = 422


class TooManyRequests(GuizeError):
    status = 429


class Unavailable(GuizeError):
    status = 503


# --- query execution ---------------------------------------------------------------------------


class QuerySyntaxError(BadRequest):
    """The query or update does not parse (the message quotes the parser)."""


class FormNotAcceptable(NotAcceptable):
    """The job offers no format for the query's form (e.g. CONSTRUCT with only tabular formats)."""


class QueryTimedOut(Unavailable):
    """The query ran past the time limit and was cancelled."""

    def __init__(self, limit_s: float, what: str = "query"):
        super().__init__(f"{what} exceeded the time limit of {limit_s:g} s and was cancelled")
        self.limit_s = limit_s


class OverMemoryLimit(Unavailable):
    """The job's worker ran out of memory and was replaced."""

    def __init__(self, limit_bytes: int | None):
        limit = f" of {limit_bytes // 2**20} MiB" if limit_bytes else ""
        super().__init__(f"the request exceeded the memory limit{limit} and was stopped")


class WorkersBusy(Unavailable):
    """No query worker became free in time."""


class StoreUnavailable(Unavailable):
    """The store cannot be opened or read."""


class WorkerFailed(GuizeError):
    """A query worker died or failed unexpectedly (logged)."""
