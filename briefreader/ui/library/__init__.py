"""The library: its panel, the document model and the folder watcher."""
