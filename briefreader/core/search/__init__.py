"""The query language and everything that answers it: parsing, the field registry, searching
the index and the filter sources, hit patterns, suggestions, history and saved searches.

Nothing is re-exported here: importing one module of the package must not import the others
(``core.index`` is imported by several of them), so callers name the module they use.
"""
