"""Crisis resources to show the writer of a flagged message at once, from data/resources.toml."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from moderation.bundled import DataFileError, line_of, read_bundled_toml

_KINDS = frozenset({"crisis_line", "emergency", "directory", "in_app"})
_KIND_ORDER = {"in_app": 0, "crisis_line": 1, "emergency": 2, "directory": 3}
# Fields that may carry a translation (`name_my` ...), and the languages translated so far.
_LOCALISED = ("name", "note", "hours")
_TRANSLATED = ("my",)
_LOCALISED_RESOURCES: dict[tuple[str, str], Resource] = {}


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    country: str
    name: str
    kind: str
    languages: tuple[str, ...]
    verified: bool
    phone: str = ""
    url: str = ""
    hours: str = ""
    note: str = ""


@cache
def all_resources() -> tuple[Resource, ...]:
    source = "moderation/data/resources.toml"
    data, raw = read_bundled_toml("data", "resources.toml")
    entries = data.get("resource")
    if not isinstance(entries, list):
        raise DataFileError(f"{source}: line 1: no [[resource]] tables")
    out = []
    allowed = {"id", "country", "name", "kind", "languages", "verified", "phone", "url", "hours", "note"}
    allowed |= {f"{field}_{lang}" for field in _LOCALISED for lang in _TRANSLATED}
    for entry in entries:
        ident = str(entry.get("id", "?"))
        line = line_of(raw, f'"{ident}"')
        if not isinstance(entry, dict) or set(entry) - allowed:
            raise DataFileError(f"{source}: line {line}: unknown keys in resource {ident}")
        try:
            resource = Resource(
                id=entry["id"],
                country=entry["country"],
                name=entry["name"],
                kind=entry["kind"],
                languages=tuple(entry["languages"]),
                verified=bool(entry["verified"]),
                phone=entry.get("phone", ""),
                url=entry.get("url", ""),
                hours=entry.get("hours", ""),
                note=entry.get("note", ""),
            )
            translations = {
                (field, lang): str(entry[f"{field}_{lang}"])
                for field in _LOCALISED
                for lang in _TRANSLATED
                if f"{field}_{lang}" in entry
            }
        except (KeyError, TypeError) as exc:
            raise DataFileError(f"{source}: line {line}: resource {ident} lacks {exc}") from exc
        if resource.kind not in _KINDS or not (
            resource.phone or resource.url or resource.kind == "in_app" or not resource.verified
        ):
            raise DataFileError(f"{source}: line {line}: resource {ident} has a bad kind or no contact")
        out.append(resource)
        for lang in _TRANSLATED:
            if any((field, lang) in translations for field in _LOCALISED):
                _LOCALISED_RESOURCES[(resource.id, lang)] = replace(
                    resource,
                    # Translation first, the English original after it: a counselor or a
                    # bilingual reader can still check it, and the wording stays reviewable.
                    name=_both(translations.get(("name", lang)), resource.name, " ({})"),
                    note=_both(translations.get(("note", lang)), resource.note, " — {}"),
                    hours=translations.get(("hours", lang), resource.hours),
                )
    return tuple(out)


def _both(translated: str | None, original: str, joint: str) -> str:
    if not translated:
        return original
    return translated + joint.format(original) if original else translated


def localised(resource: Resource, language: str) -> Resource:
    """The resource with its name, note and hours in `language` where the data file has them."""
    return _LOCALISED_RESOURCES.get((resource.id, language), resource)


def resources_for(
    language: str, country: str | None = None, *, include_unverified: bool = True
) -> tuple[Resource, ...]:
    """Resources for the writer: their country's first, then international ones.

    Ordered in-app help, crisis lines, emergency numbers, directories; within a country, ones in
    the writer's language first. Unverified entries carry their caveat in `note`. Names, notes
    and hours are in the writer's language where translated (Burmese: "my").
    """
    wanted = {(country or "").upper(), "INTL"}
    picked = [r for r in all_resources() if r.country in wanted and (include_unverified or r.verified)]

    def rank(r: Resource) -> tuple[int, int, int, int]:
        speaks = language in r.languages or "*" in r.languages
        return (r.country == "INTL", _KIND_ORDER[r.kind], not speaks, not r.verified)

    return tuple(localised(r, language) for r in sorted(picked, key=rank))
