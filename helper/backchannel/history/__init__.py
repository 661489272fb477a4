"""The user's post history: recording, threads, search, event association and export.

Submodules are imported where they are needed (the rules only need
``snapshot``), so importing this package costs nothing.
"""
