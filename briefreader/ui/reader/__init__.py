"""The reader: the page, its span layers and their styles, find, the reader panel."""
