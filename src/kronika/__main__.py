"""``python -m kronika`` is the ``kronika`` command."""

from kronika.cli import main

main()
