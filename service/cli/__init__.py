"""The ``guize`` command line (``guize --help``): :mod:`~guize.cli.main` parses and dispatches,
:mod:`~guize.cli.commands` does each subcommand, :mod:`~guize.cli.output` prints."""
