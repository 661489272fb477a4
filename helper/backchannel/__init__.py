"""Backchannel Coach: the local helper that coaches conference tweets."""

from backchannel import _compiled

__version__ = "0.1.0"

# The modules a check runs, compiled, when a fresh build sits beside the checkout.
COMPILED = _compiled.activate(__path__)
