"""The server tests' fixtures (a real app with a store and the token), for the photo API tests."""

from tests.server.conftest import api, store  # noqa: F401 - pytest finds fixtures by name in conftest modules
