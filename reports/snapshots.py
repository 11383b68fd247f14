"""The registry of what a frozen year keeps besides the indicators (issue 9).

An app that collects yearly figures of its own (the data calls' accepted returns, say) registers a
section in its AppConfig.ready(); year_freeze() stores `collect(year)` of every section in the
year's snapshot. `collect(year)` returns a JSON-serialisable
`{"totals": {code: number or decimal string}, "records": [{...}, ...]}`: the totals are aggregate
figures (shown on the snapshot page, in the report and as open data); the records stay staff-only.
`labels` maps each totals code to a (lazy) translated label. `narrative(year, data)`, if given,
returns paragraphs for the annual work summary from the section's data (the frozen one, or
`collect(year)` for a year not frozen).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class SnapshotSection:
    name: str
    collect: Callable[[int], dict]
    labels: Mapping[str, str | Promise]
    narrative: Callable[[int, dict], list[str]] | None = None

    def label(self, code: str) -> str:
        return str(self.labels.get(code, code))


_SECTIONS: dict[str, SnapshotSection] = {}


def register_snapshot_section(
    name: str,
    collect: Callable[[int], dict],
    labels: Mapping[str, str | Promise],
    narrative: Callable[[int, dict], list[str]] | None = None,
) -> None:
    """Register (or replace: ready() may run more than once) the section called `name`."""
    _SECTIONS[name] = SnapshotSection(name, collect, labels, narrative)


def snapshot_sections() -> list[SnapshotSection]:
    return list(_SECTIONS.values())


def section_label(section: str, code: str) -> str:
    """The label of a totals code, or the code itself for a section no longer registered."""
    registered = _SECTIONS.get(section)
    return registered.label(code) if registered else code


def section_title(section: str) -> str:
    """A section's heading: its labels may name the section itself under its own name
    (e.g. labels["returns"] = _("Members' returns")); otherwise the name."""
    return section_label(section, section)
