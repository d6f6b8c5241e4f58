"""Errors of the ingest stages: each says which document, which stage, and where."""

from __future__ import annotations


class IngestError(Exception):
    """A document could not be ingested.

    ``str(error)`` is one line: ``<doc_id>: <stage>: <message> (line L, offset P)``.
    """

    def __init__(
        self,
        stage: str,
        message: str,
        *,
        doc_id: str | None = None,
        line: int | None = None,
        position: int | None = None,
    ) -> None:
        self.stage = stage
        self.message = message
        self.doc_id = doc_id
        self.line = line
        self.position = position
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.position is not None:
            where.append(f"offset {self.position}")
        suffix = f" ({', '.join(where)})" if where else ""
        prefix = f"{self.doc_id}: " if self.doc_id else ""
        return f"{prefix}{self.stage}: {self.message}{suffix}"
