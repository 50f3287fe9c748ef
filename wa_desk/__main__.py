"""``python -m wa_desk``, and the installed app's entry point (``build.spec``)."""

import sys

from wa_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
