"""Who may talk to the helper: the extension's pinned identities.

The Chromium id is derived from the public key pinned in
``extension/manifest.json`` (``key``), so it is the same on every machine; a
test checks that the two agree. Firefox gives each install a random
``moz-extension://<uuid>`` origin, so it is recognised by scheme, and the
bearer token does the rest.
"""

from __future__ import annotations

CHROMIUM_EXTENSION_ID = "ohckmjhofnjppajckmajddmpnomnahdp"
GECKO_EXTENSION_ID = "coach@backchannel-coach"
NATIVE_HOST_NAME = "com.backchannel.coach"

CHROMIUM_ORIGIN = f"chrome-extension://{CHROMIUM_EXTENSION_ID}"
FIREFOX_ORIGIN_PREFIX = "moz-extension://"


def is_extension_origin(origin: str) -> bool:
    if origin == CHROMIUM_ORIGIN:
        return True
    if origin.startswith(FIREFOX_ORIGIN_PREFIX):
        rest = origin[len(FIREFOX_ORIGIN_PREFIX):]
        # A bare host (the per-install UUID), never a path or a port trick.
        return bool(rest) and all(c.isalnum() or c == "-" for c in rest)
    return False
