"""The Qt layer: widgets, item models and the background-task helper. Widgets display and
dispatch; everything they show comes from ``briefreader.core``."""
