"""Whoosh extensions, each installed explicitly: zero-copy segments, a parallel writer
that fails loudly, a faster BM25F."""
