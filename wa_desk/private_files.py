"""Files only the account running wa-desk may read: stores, caches, customers' files.

They are created 0600 in 0700 folders whatever the umask: the umask can only take bits
away from what a creation asks for, so each mode is also set explicitly afterwards.
Files an earlier version left readable by others are made private when next opened.

A folder is only ever changed when it is the program's own (it created the folder, or
it is the program's data folder) and it is safe to change: never a home, the file
system's root, a temporary or other sticky (shared) folder, a symbolic link, or a folder
owned by another account. A folder an administrator chose keeps its mode; the files
wa-desk keeps in it are private all the same.

Windows: ``os.chmod`` only sets or clears read-only there, so these calls change
nothing. The per-user application data folder (``%LOCALAPPDATA%``) where both programs
keep their data by default is already private to its user by its ACL, which the files
created in it inherit.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
_POSIX = sys.platform != "win32"


def private_dir(path: Path, *, ours: bool) -> Path:
    """``path`` as a folder, created 0700 (missing parents as ``mkdir -p`` makes them).

    An existing folder is made 0700 only when ``ours`` (the program's own data folder)
    and it is safe to change (see the module's docstring)."""
    created = False
    if not path.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.mkdir(mode=DIR_MODE)
            created = True
        except FileExistsError:
            pass  # made by someone else meanwhile: an existing folder
    if created or ours:
        _restrict_dir(path)
    return path


def private_file(path: Path) -> Path:
    """``path`` exists as a file that only its owner can read and write: created empty
    (exclusively, 0600) when missing, made 0600 when it was readable by others."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        make_private(path)
        return path
    try:
        if _POSIX:
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return path


def make_private(path: Path) -> None:
    """Make an existing file of this account 0600; a missing one is not an error."""
    if not _POSIX:
        return
    try:
        st = path.lstat()
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
        return
    if stat.S_IMODE(st.st_mode) != FILE_MODE:
        os.chmod(path, FILE_MODE)
        log.debug("made %s private (it was %o)", path.name, stat.S_IMODE(st.st_mode))


def write_private_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically; the new file is 0600 from its first byte
    (a temporary file beside it, moved into place)."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _restrict_dir(path: Path) -> None:
    if not _POSIX or not _may_change(path):
        return
    current = stat.S_IMODE(path.stat().st_mode)
    if current != DIR_MODE:
        os.chmod(path, DIR_MODE)
        log.debug("made folder %s private (it was %o)", path, current)


def _may_change(path: Path) -> bool:
    """Whether a folder may be made 0700: ours, and not one that others share by design."""
    try:
        st = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
        return False  # a link, or another account's folder
    if st.st_mode & stat.S_ISVTX:
        return False  # sticky: /tmp and the like are shared on purpose
    resolved = path.resolve()
    shared = {Path(resolved.anchor), Path.home(), Path(tempfile.gettempdir())}
    return all(resolved != _resolved(s) for s in shared)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
