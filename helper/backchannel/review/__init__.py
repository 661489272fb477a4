"""The review page: the user's conference posts by event, session and thread, served by the helper."""
