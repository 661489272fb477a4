import sys

from backchannel.native_host.main import main

sys.exit(main())
