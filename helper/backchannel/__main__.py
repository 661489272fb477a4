from backchannel.cli import run

run()
