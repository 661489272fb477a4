"""Text the coach writes for the user: a long draft split into a thread, session snippets, the event kit."""
