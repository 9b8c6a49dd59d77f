"""The bundle's entry point: the command line, whose default command opens the window."""

import multiprocessing
import sys

from briefreader.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the index's writer processes re-enter here when frozen
    sys.exit(main())
