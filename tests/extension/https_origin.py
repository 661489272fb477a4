"""A real HTTPS site on 127.0.0.1 that the browser reaches as https://evil.example.

Playwright's routes answer CORS preflights themselves, so a page served by a
route cannot show what the helper does with a foreign origin. This server is
real: Chromium maps evil.example to it with --host-resolver-rules and accepts
its self-signed certificate with --ignore-certificate-errors.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ATTACK_PAGE = b"""<!doctype html><meta charset="utf-8"><title>evil.example</title><p>Nothing to see here.</p>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(ATTACK_PAGE)))
        self.end_headers()
        self.wfile.write(ATTACK_PAGE)

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class HttpsOrigin:
    server: ThreadingHTTPServer
    host: str

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def resolver_rule(self) -> str:
        return f"MAP {self.host}:443 127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_https_origin(tmp: Path, host: str = "evil.example") -> HttpsOrigin:
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("openssl is needed to make a test certificate (scripts/test-deps.sh installs it)")
    key, cert = tmp / "key.pem", tmp / "cert.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={host}",
                    "-addext", f"subjectAltName=DNS:{host}", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return HttpsOrigin(server, host)
