"""Allow ``python -m briefreader``."""

import sys

from briefreader.cli.main import main

sys.exit(main())
