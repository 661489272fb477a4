"""One module per command (`backchannel NAME` is in `NAME.py`, `backchannel event kit` in `event_kit.py`), listed in `backchannel.cli.registry`."""
