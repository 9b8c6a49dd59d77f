"""The canonical text and positions in it: the document model, offsets, find, pages."""
