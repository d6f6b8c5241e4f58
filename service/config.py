"""All of guize's settings in one place: a frozen dataclass read from ``GUIZE_*`` variables.

Every setting has a default and help text; ``.env.example`` lists them all and a
test fails if one is missing there.  Bad values fail at start-up, naming the
allowed values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

from guize.iris import DEFAULT_BASE_IRI


class ConfigError(ValueError):
    """A setting has a value guize cannot use."""


def _setting(default, help: str, **extra):  # noqa: A002 - "help" reads best here
    return field(default=default, metadata={"help": help, **extra})


@dataclass(frozen=True)
class Settings:
    base_iri: str = _setting(
        DEFAULT_BASE_IRI,
        "Base of every IRI guize mints. By default the service's own address, so IRIs "
        "dereference as they appear in query results.",
    )
    store_path: str = _setting(
        "data/build/store",
        "Directory of the on-disk pyoxigraph store (relative paths: to the working directory).",
    )
    source_dir: str = _setting("data/raw", "Folder of raw documents to build from.")
    store_kind: str = _setting(
        "embedded",
        "embedded (pyoxigraph on disk) or remote (SPARQL 1.1 Protocol + Graph Store Protocol server).",
        choices=("embedded", "remote"),
    )
    remote_query_url: str = _setting("", "Query endpoint of the remote store (store_kind=remote).")
    remote_update_url: str = _setting(
        "", "Update endpoint of the remote store (store_kind=remote)."
    )
    remote_gsp_url: str = _setting(
        "", "Graph Store Protocol endpoint of the remote store (store_kind=remote)."
    )
    remote_union: str = _setting(
        "param",
        "How the remote engine gives the union default graph: param (Oxigraph's "
        "union-default-graph parameter) or native (its default graph is the union of all its "
        "graphs: Virtuoso, GraphDB; guize then names its own graphs in every query, so system "
        "graphs stay out).",
        choices=("param", "native"),
    )
    remote_user: str = _setting(
        "", "User name for the remote store (HTTP basic or digest authentication)."
    )
    remote_password: str = _setting("", "Password for the remote store; never printed or logged.")
    remote_row_cap: int = _setting(
        0,
        "The remote engine's own row limit (Virtuoso: ResultSetMaxRows, 10000 by default): an "
        "answer that reaches it fails instead of being silently short. 0 = rely on the "
        "engine's X-SPARQL-MaxRows header alone.",
        minimum=0,
    )
    query_timeout_s: float = _setting(
        30.0, "Seconds a SPARQL query may run before it is cancelled."
    )
    max_result_rows: int = _setting(
        10000, "Result rows/triples returned before the answer is cut off."
    )
    max_request_bytes: int = _setting(2_000_000, "Largest request body accepted (413 beyond).")
    update_token: str = _setting(
        "",
        "Bearer token that enables SPARQL Update and the Graph Store Protocol. Empty = read-only.",
    )
    log_format: str = _setting(
        "json", "Request log format: json or text.", choices=("json", "text")
    )
    query_workers: int = _setting(
        2,
        "Query worker processes per service process. Each runs one query at a time on a read-only "
        "view of the store; one whose query overruns query_timeout_s is killed and replaced. "
        "Each holds memory of its own: about 190 MiB after the catalogue queries at 1,000 "
        "documents, up to 500 MiB at 3,000.",
        minimum=1,
    )
    worker_memory_mb: int = _setting(
        1024,
        "Memory (MiB) each query or validation worker may allocate; a job that needs more is "
        "stopped and answered 503. 0 = no limit.",
        minimum=0,
    )
    queue_wait_s: float = _setting(
        5.0,
        "Seconds a request waits for a free query worker before it is answered 503 with "
        "Retry-After.",
        minimum=0,
    )
    max_queue: int = _setting(
        0,
        "Requests that may wait for a query worker at once (beyond: 503 at once). "
        "0 = 4 x query_workers.",
        minimum=0,
    )
    max_per_client: int = _setting(
        0,
        "Requests one client address may have running or waiting at once (beyond: 429). "
        "0 = 8 x query_workers.",
        minimum=0,
    )
    slow_query_s: float = _setting(
        0.25,
        "Seconds after which a running query is moved to a lower CPU priority, so that cheap "
        "queries keep their speed beside it.",
        minimum=0,
    )
    inprocess_max_ms: float = _setting(
        50.0,
        "A query job (text, dataset, formats) that a query worker answered within this many "
        "milliseconds, in at most 1 MB, is answered in the service process from then on while "
        "the store version stays: no round trip through the pool. Never a text that mentions "
        "SERVICE; answers are never kept. 0 = every query runs in a worker.",
        minimum=0,
    )
    validate_workers: int = _setting(
        1, "Worker processes that read and validate uploads (POST /validate).", minimum=1
    )
    validate_timeout_s: float = _setting(
        60.0, "Seconds reading and validating one upload may take (503 beyond).", minimum=1
    )
    request_read_timeout_s: float = _setting(
        10.0,
        "Seconds a client may take between two chunks of its request before the connection "
        "is closed (a body shorter than its Content-Length never holds a thread longer).",
        minimum=1,
    )
    http_threads: int = _setting(8, "Request threads per worker process of guize serve.", minimum=1)
    dump_dir: str = _setting(
        "",
        "Folder for cached bulk dumps (/dumps/*). Empty = '<store_path>.dumps' beside the store.",
    )
    dump_timeout_s: float = _setting(
        600.0, "Seconds a bulk dump may take to write before it is abandoned.", minimum=1
    )
    ontology_dir: str = _setting(
        "",
        "Folder of the ontology (*.ttl) and vocabularies (vocab/*.ttl): the domain tables, served "
        "at /ontology and /vocab/ (IRIs under https://w3id.org/guize/). Empty = the copy guize ships with.",
    )
    shapes_dir: str = _setting(
        "",
        "Folder of the SHACL shapes (**/*.ttl) served at /shapes/. Empty = the copy "
        "guize ships with.",
    )
    lexicon_dir: str = _setting(
        "",
        "Folder of the lexicon the ingest stages read (page_junk.yaml, spam.yaml, "
        "extraction.yaml). Empty = the copy guize ships with.",
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            choices = f.metadata.get("choices")
            value = getattr(self, f.name)
            if choices and value not in choices:
                raise ConfigError(
                    f"GUIZE_{f.name.upper()}={value!r} is not allowed; use one of: {', '.join(choices)}"
                )
            minimum = f.metadata.get("minimum")
            if minimum is not None and value < minimum:
                raise ConfigError(f"GUIZE_{f.name.upper()}={value!r} must be at least {minimum}")
        if not self.base_iri.startswith(("http://", "https://")):
            raise ConfigError(f"GUIZE_BASE_IRI={self.base_iri!r} must be an http(s) IRI")

    @property
    def worker_memory_bytes(self) -> int | None:
        """``worker_memory_mb`` in bytes, None for no limit."""
        return self.worker_memory_mb * 2**20 if self.worker_memory_mb else None

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Settings:
        """Read ``GUIZE_<NAME>`` variables; keyword overrides win (CLI flags)."""
        env = os.environ if environ is None else environ
        values: dict = {}
        for f in fields(cls):
            raw = env.get(f"GUIZE_{f.name.upper()}")
            if raw is None:
                continue
            try:
                values[f.name] = type(f.default)(raw)
            except ValueError as exc:
                raise ConfigError(f"GUIZE_{f.name.upper()}={raw!r}: {exc}") from exc
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def documented_settings() -> dict[str, str]:
    """Name → help text of every setting (for docs and the docs test)."""
    return {f"GUIZE_{f.name.upper()}": f.metadata["help"] for f in fields(Settings)}
