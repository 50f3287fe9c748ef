"""The Group Policy template (installers/windows/wa-desk.admx and its en-US and es-ES
ADML files): well-formed, each language defines exactly what the template references,
and every policy writes the registry value, type and range the desktop app reads."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from wa_desk.managed.source import POLICY_TYPES
from wa_desk.managed.windows_policy import POLICY_KEY, RECOMMENDED_KEY
from wa_desk.ui.settings import settings as s

WINDOWS = Path(__file__).resolve().parents[2] / "installers" / "windows"
ADMX = WINDOWS / "wa-desk.admx"
LANGUAGES = ("en-US", "es-ES")
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}


def _admx() -> ET.Element:
    return ET.parse(ADMX).getroot()  # noqa: S314 - the project's own file


def _references(kind: str) -> set[str]:
    return set(re.findall(rf"\$\({kind}\.([A-Za-z0-9_]+)\)", ADMX.read_text(encoding="utf-8")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_defines_exactly_what_the_template_references(language: str) -> None:
    adml = ET.parse(WINDOWS / language / "wa-desk.adml").getroot()  # noqa: S314 - ours
    strings = [e.get("id") for e in adml.iterfind(".//p:stringTable/p:string", NS)]
    presentations = [
        e.get("id") for e in adml.iterfind(".//p:presentationTable/p:presentation", NS)
    ]
    assert len(strings) == len(set(strings)) and len(presentations) == len(set(presentations))
    assert set(strings) == _references("string")
    assert set(presentations) == _references("presentation")
    # Each presentation's controls are the elements of the policies that use it.
    for presentation in adml.iterfind(".//p:presentation", NS):
        refs = {control.get("refId") for control in presentation}
        for policy in _admx().iterfind(".//p:policy", NS):
            if policy.get("presentation") == f"$(presentation.{presentation.get('id')})":
                ids = {e.get("id") for e in policy.iterfind("p:elements/*", NS)}
                assert refs == ids, policy.get("name")


def test_every_setting_has_a_locked_and_a_recommended_policy_the_app_reads() -> None:
    written: dict[str, set[str]] = {POLICY_KEY: set(), RECOMMENDED_KEY: set()}
    for policy in _admx().iterfind(".//p:policy", NS):
        key = policy.get("key", "")
        assert policy.get("class") == "Machine"  # HKLM, where the app reads
        assert key in written, key
        recommended = policy.get("name", "").endswith("_Recommended")
        assert (key == RECOMMENDED_KEY) == recommended
        category = policy.find("p:parentCategory", NS)
        assert category is not None
        assert category.get("ref") == ("WaDeskRecommended" if recommended else "WaDesk")
        if policy.get("valueName"):  # an on/off policy: 1 or 0, a REG_DWORD
            name = policy.get("valueName", "")
            assert POLICY_TYPES[name] is bool
            on = policy.find("p:enabledValue/p:decimal", NS)
            off = policy.find("p:disabledValue/p:decimal", NS)
            assert on is not None and on.get("value") == "1"
            assert off is not None and off.get("value") == "0"
            written[key].add(name)
            continue
        elements = list(policy.iterfind("p:elements/*", NS))
        assert len(elements) == 1
        element = elements[0]
        name = element.get("valueName", "")
        setting = s.MANAGED_NAMES[name]
        tag = element.tag.split("}")[1]
        if tag == "decimal":  # a REG_DWORD, within the setting's range
            assert POLICY_TYPES[name] is int
            assert int(element.get("minValue", "")) == setting.minimum
            assert int(element.get("maxValue", "")) == setting.maximum
        elif tag == "enum":  # a REG_SZ, one of the setting's choices
            assert POLICY_TYPES[name] is str
            values = [v.text for v in element.iterfind("p:item/p:value/p:string", NS)]
            assert tuple(values) == setting.choices
        else:
            assert tag == "text" and POLICY_TYPES[name] is str
        written[key].add(name)
    assert written[POLICY_KEY] == set(POLICY_TYPES)
    assert written[RECOMMENDED_KEY] == set(POLICY_TYPES)


def test_the_template_declares_its_categories_and_support() -> None:
    root = _admx()
    categories = {c.get("name") for c in root.iterfind(".//p:category", NS)}
    supported = {d.get("name") for d in root.iterfind(".//p:supportedOn/p:definitions/*", NS)}
    for policy in root.iterfind(".//p:policy", NS):
        parent = policy.find("p:parentCategory", NS)
        support = policy.find("p:supportedOn", NS)
        assert parent is not None and parent.get("ref") in categories
        assert support is not None and support.get("ref") in supported


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint is not installed")
def test_xmllint_reads_every_file() -> None:
    files = [ADMX, *(WINDOWS / language / "wa-desk.adml" for language in LANGUAGES)]
    subprocess.run(["xmllint", "--noout", "--nonet", *map(str, files)], check=True)
