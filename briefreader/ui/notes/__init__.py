"""Notes: the panel, the reader's note layer and the export dialog."""
