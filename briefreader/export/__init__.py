"""Files the app writes for someone else: notes in every format, PDF through Qt's writer."""
