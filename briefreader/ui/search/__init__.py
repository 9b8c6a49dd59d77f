"""Search: the results panel, saved searches and the query help."""
