"""Work off the GUI thread: the task runner and the library controller built on it."""
