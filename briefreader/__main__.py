"""Allow ``python -m briefreader``."""

import sys

from briefreader.cli import main

sys.exit(main())
