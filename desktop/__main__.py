"""``python -m desktop``: the same as the ``porpiang`` command (and the bundle's entry)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
