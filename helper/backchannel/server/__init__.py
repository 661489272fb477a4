"""The helper's HTTP API (aiohttp), bound to loopback only."""

from backchannel.server.app import create_app

__all__ = ["create_app"]
