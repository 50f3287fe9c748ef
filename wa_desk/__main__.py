"""``python -m wa_desk``, and the installed app's entry point (``build.spec``)."""

import multiprocessing
import sys

from wa_desk.cli import main

if __name__ == "__main__":
    # A frozen build starts its helper processes (the hub's wallboard reads, audit
    # verification) as itself: they must run their task, not the app.
    multiprocessing.freeze_support()
    sys.exit(main())
