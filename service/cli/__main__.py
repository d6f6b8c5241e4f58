"""``python -m guize.cli``: the ``guize`` command."""

import sys

from guize.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
