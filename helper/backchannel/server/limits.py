"""How long a client may take to send its request: slow or stalled clients are cut off.

Requests come from the extension on the same machine, in one packet or a few;
a connection that dribbles is broken or hostile, and each one held open costs
a socket and a task for as long as it stays.
"""

from __future__ import annotations

HEADER_SECONDS = 15.0
"""A connection must deliver a whole request head this soon after it opens, or after its last answer."""

BODY_SECONDS = 30.0
"""And then the whole body within this many seconds (20 MiB over loopback takes milliseconds)."""
