"""Typed keys for what the application holds."""

from __future__ import annotations

from aiohttp import web

from backchannel.store import Store

STORE: web.AppKey[Store] = web.AppKey("store", Store)
