"""Files the app owns: atomic small files, SQLite stores, settings and analysis caches."""
