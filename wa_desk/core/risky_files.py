"""Which customers' files could run code when opened, judged by their names.

A file from a chat is opened by whatever the desktop associates with its extension: for
these types that runs a program, a script, an installer or macros, mounts a disk image
whose contents escape the Mark of the Web, or renders a page that can run script or pose
as a sign-in form. The list follows what careful mail clients and browsers block or warn
about (Outlook's blocked attachments, Chrome's dangerous download types), plus what macOS
and Linux desktops run. A name with no extension counts too: on macOS and Linux that is
how programs are named.
"""

from __future__ import annotations

import unicodedata

RISKY_EXTENSIONS = frozenset(
    f".{ext}"
    for group in (
        # Windows programs, scripts, installers and shell files
        "exe com bat cmd scr pif cpl dll msi msp mst msu msix msixbundle appx appxbundle",
        "appinstaller application appref-ms gadget hta htc inf ins isp jar jnlp js jse",
        "vb vbe vbs wsf wsh wsc ws sct ps1 ps1xml ps2 ps2xml psm1 psd1 psc1 psc2 msh msh1",
        "msh2 mshxml reg lnk url scf website shb shs settingcontent-ms library-ms search-ms",
        "searchconnector-ms msc diagcab xbap xll chm hlp rdp wsb cer crt der",
        # disk images: what is inside does not carry the Mark of the Web
        "iso img vhd vhdx",
        # pages that run script or pose as a sign-in form
        "html htm xhtml xht shtml mht mhtml svg xml",
        # Office files that run macros, add-ins, OneNote and Access
        "docm dotm xlsm xltm xlsb xlam xla xlm slk iqy pptm potm ppsm ppam sldm one onepkg",
        "mdb mde accde ade adp",
        # macOS and Linux
        "app command tool pkg mpkg dmg scpt terminal webloc inetloc fileloc workflow",
        "sh bash zsh csh ksh desktop run bin appimage deb rpm snap flatpakref",
        # interpreters' files
        "py pyw pyc pyo pyz pyzw pl rb php apk",
    )
    for ext in group.split()
)


def _windows_name(name: str) -> str:
    """``name`` as Windows resolves it: trailing dots and spaces dropped (``x.one. .``
    opens ``x.one``), and any NTFS stream after a colon (``x.exe::$DATA``) ignored;
    trailing invisible characters dropped too."""
    name = name.split(":", 1)[0]
    end = len(name)
    while end and (
        name[end - 1] in ". "
        or name[end - 1].isspace()
        or unicodedata.category(name[end - 1]) == "Cf"
    ):
        end -= 1
    return name[:end]


def runs_code(name: str) -> bool:
    """Whether opening a file named ``name`` could run code: its last extension, in any
    case, is one of ``RISKY_EXTENSIONS``, or it has none (``INVOICE.PDF.ONE`` is a OneNote
    file, ``x.one. .`` too)."""
    shown = _windows_name(name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    stem, dot, ext = shown.rpartition(".")
    if not dot or not stem.strip("."):
        return True
    return f".{ext.casefold()}" in RISKY_EXTENSIONS
