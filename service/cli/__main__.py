"""``python -m guize.cli``: the ``guize`` command."""

import sys

from guize.cli.main import main

sys.exit(main())
