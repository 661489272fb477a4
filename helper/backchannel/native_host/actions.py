"""What the host answers: one visible dispatch on the action.

| action | reply (besides ``ok``, ``version``, ``protocol``) |
|---|---|
| ``hello`` | ``helper`` {url, port, pid, version, started} and ``token`` |
| ``status`` | ``helper`` (or null), ``data_dir``, ``autostart``, ``token_storage`` |
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from backchannel.local.runtime import Runtime, read_runtime
from backchannel.native_host.errors import HelperNotRunning, InvalidRequest, TokenUnavailable, UnknownAction
from backchannel.native_host.launch import START_TIMEOUT, start_helper, start_lock

Reply = dict[str, Any]


@dataclass(frozen=True, slots=True)
class HostContext:
    data_dir: Path
    autostart: bool = True
    start_timeout: float = START_TIMEOUT


def _helper(runtime: Runtime, *, started: bool) -> dict[str, Any]:
    return {"url": runtime.url, "port": runtime.port, "pid": runtime.pid, "version": runtime.version, "started": started}


def hello(message: dict[str, Any], context: HostContext) -> Reply:
    """The helper's address and token, starting the helper first if needed."""
    runtime = read_runtime(context.data_dir)
    started = False
    if runtime is None:
        if not context.autostart:
            raise HelperNotRunning("The Backchannel helper is not running — start it with `make run` (or `backchannel serve`).")
        with start_lock(context.data_dir):
            runtime = read_runtime(context.data_dir)  # another host may have started it meanwhile
            if runtime is None:
                runtime = start_helper(context.data_dir, timeout=context.start_timeout)
                started = True
    from backchannel.local.secrets import ensure_token

    try:
        token = ensure_token(context.data_dir)
    except Exception as exc:  # noqa: BLE001 - any keyring or file failure is one answer for the extension
        raise TokenUnavailable(f"The helper's token cannot be read: {type(exc).__name__}.") from None
    return {"helper": _helper(runtime, started=started), "token": token}


def status(message: dict[str, Any], context: HostContext) -> Reply:
    """Whether a helper runs, without starting one and without the token."""
    from backchannel.local.secrets import storage_kind

    runtime = read_runtime(context.data_dir)
    return {
        "helper": None if runtime is None else _helper(runtime, started=False),
        "data_dir": str(context.data_dir),
        "autostart": context.autostart,
        "token_storage": storage_kind(),
    }


ACTIONS: dict[str, Callable[[dict[str, Any], HostContext], Reply]] = {
    "hello": hello,
    "status": status,
}


def dispatch(message: dict[str, Any], context: HostContext) -> Reply:
    action = message.get("action")
    if not isinstance(action, str):
        raise InvalidRequest("The message needs a string `action` (`hello` or `status`).")
    handler = ACTIONS.get(action)
    if handler is None:
        raise UnknownAction(f"Unknown action {action[:40]!r}; the host answers {', '.join(ACTIONS)}.")
    return handler(message, context)
