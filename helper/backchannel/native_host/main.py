"""``backchannel-native-host``: the program the browser starts. It only wires."""

from __future__ import annotations

import logging
import os
import sys


def main() -> int:
    from backchannel.local.paths import resolve_data_dir
    from backchannel.native_host.actions import HostContext
    from backchannel.native_host.launch import autostart_enabled
    from backchannel.native_host.session import serve

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="backchannel-native-host: %(levelname)s %(message)s")
    frames_out = sys.stdout.buffer
    # stdout carries frames only: anything printed by accident goes to the log.
    sys.stdout = sys.stderr
    if sys.platform == "win32":
        import msvcrt

        msvcrt.setmode(sys.stdin.fileno(), os.O_BINARY)  # type: ignore[attr-defined]
        msvcrt.setmode(frames_out.fileno(), os.O_BINARY)  # type: ignore[attr-defined]
    context = HostContext(data_dir=resolve_data_dir(), autostart=autostart_enabled(os.environ))
    return serve(sys.stdin.buffer, frames_out, context)


if __name__ == "__main__":
    sys.exit(main())
