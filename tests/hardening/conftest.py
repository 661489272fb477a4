"""The hardening tests use the server tests' fixtures: the in-process app and a real helper process."""

from tests.server.conftest import api, helper, store  # noqa: F401 - fixtures, found by name
