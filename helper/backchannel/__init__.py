"""Backchannel Coach: the local helper that coaches conference tweets."""

__version__ = "0.1.0"
