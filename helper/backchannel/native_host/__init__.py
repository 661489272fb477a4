"""The native-messaging host: pairs the browser extension with the helper.

The browser starts ``backchannel-native-host`` for each message the extension
sends (only the pinned extension ids may, see ``manifests``). It answers in
the framing browsers use (``framing``), with one visible dispatch on the
action (``actions``), starting the helper when it is not running
(``launch``). ``install`` writes the host manifests for every browser found.
"""
