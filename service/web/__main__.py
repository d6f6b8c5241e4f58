"""``python -m guize.web [--host H] [--port P] [--workers N]``: serve with settings read from
the ``GUIZE_*`` environment variables (see ``.env.example``)."""

from __future__ import annotations

import argparse

from guize.config import ConfigError, Settings
from guize.web.serve import serve, serving_address


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m guize.web", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: see serve)")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env(base_iri=serving_address(args.host, args.port))
    except ConfigError as exc:
        parser.exit(2, f"guize: {exc}\n")
    try:
        serve(settings, args.host, args.port, args.workers)
    except ConfigError as exc:
        parser.exit(2, f"guize: {exc}\n")


if __name__ == "__main__":
    main()
