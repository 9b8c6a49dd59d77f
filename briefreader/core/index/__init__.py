"""The Whoosh index of a library: its schema, updates, editions and stored texts."""
