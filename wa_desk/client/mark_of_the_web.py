"""The Mark of the Web on customers' files saved on Windows.

Windows, SmartScreen and Office treat a file as coming from the Internet when it has a
``Zone.Identifier`` alternate data stream saying zone 3: Office opens it in Protected
View and blocks its macros, SmartScreen checks a program before it runs, and the shell
warns. Browsers and mail clients mark every download so; a file a customer sent through
WhatsApp is no safer, so the desktop marks every file it saves.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

STREAM = "Zone.Identifier"
# Zone 3 is the Internet zone. Where the file came from (HostUrl, ReferrerUrl) is
# optional and would only name the hub.
INTERNET_ZONE = b"[ZoneTransfer]\r\nZoneId=3\r\n"

# The platform this runs on, read at each save (a sys.platform value).
PLATFORM = sys.platform


def mark_from_internet(path: Path) -> bool:
    """Give the saved file at ``path`` the Mark of the Web when on Windows; True when it
    was written. Volumes without alternate data streams (FAT32, exFAT, some network
    shares) cannot hold it: the file stays as it is and that is logged."""
    if PLATFORM != "win32":
        return False
    try:
        with open(f"{path}:{STREAM}", "wb") as stream:
            stream.write(INTERNET_ZONE)
    except OSError as exc:
        log.info("the saved file could not be marked as from the Internet: %s", exc.strerror)
        return False
    return True
