"""Entities: the panel, the reader's entity layers, corrections and the entity page."""
