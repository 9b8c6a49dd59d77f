"""The main window and what belongs to it: status bar, welcome page, dialogs, session."""
