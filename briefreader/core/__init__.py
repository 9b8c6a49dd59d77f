"""The Qt-free core: documents, library, index and search. Nothing below here imports Qt."""
