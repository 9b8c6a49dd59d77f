"""The command line: ``briefreader`` and its sub-commands, each a thin layer over the core."""
