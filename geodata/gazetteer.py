"""The gazetteer: every place of the region under every name it goes by, with its geometry.

It loads the subset that `python -m geodata.build` derives from Natural Earth and GeoNames
(`data/places.json`), then the hand-written `data/curated.json` (regions, a prefecture, canonical
English names, extra aliases and the matcher's domain settings). Names are indexed in a token trie of
folded names (see `names`), which serves both `lookup` and the one-pass matcher.
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import shapely
from shapely.geometry import LineString, Point
from shapely.strtree import STRtree

from geodata.names import fold, fold_name
from geodata.places import Place

if TYPE_CHECKING:
    import geopandas

DATA_DIR = Path(__file__).parent / "data"
END = ""  # trie key of the places a name ends on (no token folds to "")

# Which reading of a bare name wins when several places share it: a country over a province over a
# town ("Jilin" is the province, "Jilin City" the town), then the region's countries, then size.
KIND_RANK = {
    "country": 6,
    "region": 5,
    "province": 4,
    "prefecture": 3,
    "river": 3,
    "border": 3,
    "city": 1,
    "county": 0,  # a county named after its town is read as the town unless a county word follows
}
NEAR_PROVINCE_DEG = 0.05  # a point this close to a province outline is in it (generalised coasts)
TOWN_DEG = 0.01  # a point this close to a town is that town


@dataclass(frozen=True)
class Settings:
    """The domain settings of curated.json that the matcher and resolver read."""

    default_border: str
    border_pivots: tuple[str, ...]
    home_countries: frozenset[str]
    border_terms: Mapping[str, tuple[str, ...]]
    border_words: tuple[str, ...]
    border_qualifiers: tuple[str, ...]
    modifier_nouns: frozenset[tuple[str, ...]]
    relations: Mapping[str, tuple[str, ...]]
    article_names: Mapping[str, str]
    plural_kinds: Mapping[str, str]
    kind_suffixes: Mapping[str, tuple[tuple[str, ...], ...]]
    strip_suffixes: frozenset[str]
    surnames: frozenset[str]
    not_places: frozenset[tuple[str, ...]]
    government_verbs: tuple[str, ...]
    government_nouns: tuple[str, ...] = ()
    organisation_heads: tuple[str, ...] = ()
    organisation_connectors: tuple[str, ...] = ()
    organisation_names: tuple[str, ...] = ()
    demonyms: frozenset[tuple[str, ...]] = frozenset()
    event_nouns: tuple[str, ...] = ()
    appositive_kinds: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    maritime_words: tuple[str, ...] = ()
    river_adjectives: tuple[str, ...] = ()
    addressing_verbs: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, raw: dict) -> Settings:
        return cls(
            default_border=raw["default_border"],
            border_pivots=tuple(raw["border_pivots"]),
            home_countries=frozenset(raw["home_countries"]),
            border_terms=MappingProxyType({k: tuple(v) for k, v in raw["border_terms"].items()}),
            border_words=tuple(raw["border_words"]),
            border_qualifiers=tuple(raw["border_qualifiers"]),
            modifier_nouns=frozenset(fold_name(n) for n in raw["modifier_nouns"]),
            relations=MappingProxyType({k: tuple(v) for k, v in raw["relations"].items()}),
            article_names=MappingProxyType(dict(raw["article_names"])),
            plural_kinds=MappingProxyType(dict(raw["plural_kinds"])),
            kind_suffixes=MappingProxyType(
                {k: tuple(fold_name(s) for s in v) for k, v in raw["kind_suffixes"].items()}
            ),
            strip_suffixes=frozenset(fold(s) for s in raw["strip_suffixes"]),
            surnames=frozenset(fold(s) for s in raw["surnames"]),
            not_places=frozenset(fold_name(n) for n in raw["not_places"]),
            government_verbs=tuple(raw["government_verbs"]),
            government_nouns=tuple(raw.get("government_nouns", ())),
            organisation_heads=tuple(raw.get("organisation_heads", ())),
            organisation_connectors=tuple(raw.get("organisation_connectors", ())),
            organisation_names=tuple(raw.get("organisation_names", ())),
            demonyms=frozenset(fold_name(n) for n in raw.get("demonyms", ())),
            event_nouns=tuple(raw.get("event_nouns", ())),
            appositive_kinds=MappingProxyType(dict(raw.get("appositive_kinds", {}))),
            maritime_words=tuple(raw.get("maritime_words", ())),
            river_adjectives=tuple(raw.get("river_adjectives", ())),
            addressing_verbs=tuple(raw.get("addressing_verbs", ())),
        )


def _kind_rank(place: Place, home: frozenset[str]) -> float:
    """KIND_RANK, except that outside the region's countries a town goes before the province named
    after it: 'Chiang Rai', 'Ho Chi Minh City' and 'Luang Namtha' in such reports are the towns."""
    if place.kind == "city" and place.country not in home:
        return KIND_RANK["province"] + 0.5
    return KIND_RANK.get(place.kind, 0)


def _rank(place: Place, curated: bool, canonical: bool, home: frozenset[str]) -> tuple:
    """Sort key of one place among the places that share a name: the likeliest reading first (a
    hand-written name, a national capital, a place's own name before an alternate one, then the
    kind, the region's countries and the population)."""
    return (
        not curated,
        not place.capital,  # 'Hanoi', 'Ulaanbaatar': the capital, not the province of its name
        not canonical,
        -_kind_rank(place, home),
        place.country not in home,
        -place.population,
        place.id,
    )


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Places by id and by folded name; immutable after `load`."""

    _places: tuple[Place, ...]
    settings: Settings
    _trie: dict = field(repr=False)
    _by_id: Mapping[str, Place] = field(repr=False)
    _provinces: tuple[Place, ...] = field(repr=False)
    _province_tree: STRtree = field(repr=False)
    _borders: Mapping[frozenset[str], Place] = field(repr=False)
    _towns: tuple[Place, ...] = field(repr=False)
    _town_tree: STRtree = field(repr=False)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Gazetteer:
        data_dir = data_dir or DATA_DIR
        derived = json.loads((data_dir / "places.json").read_text(encoding="utf-8"))
        curated = json.loads((data_dir / "curated.json").read_text(encoding="utf-8"))
        settings = Settings.from_json(curated["settings"])
        places, curated_names = _places(derived, curated)
        trie = _build_trie(places, curated_names, settings)
        provinces = tuple(p for p in places if p.kind == "province")
        borders = {frozenset(p.code.split("-")): p for p in places if p.kind == "border" and p.code}
        towns = tuple(p for p in places if p.kind == "city")
        return cls(
            places,
            settings,
            trie,
            MappingProxyType({p.id: p for p in places}),
            provinces,
            STRtree([p.geometry for p in provinces]),
            MappingProxyType(borders),
            towns,
            STRtree([p.geometry for p in towns]),
        )

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)

    def lookup(self, name: str) -> list[Place]:
        """Places with this name or alias, the likeliest first (folds case, diacritics, apostrophes,
        suffixes such as -si, City, Province)."""
        return list(self.candidates(fold_name(name)))

    def candidates(self, folded: Iterable[str]) -> tuple[Place, ...]:
        node = self._trie
        for tok in folded:
            node = node.get(tok)
            if node is None:
                return ()
        return node.get(END, ())

    def walk(self, node: dict | None, token: str) -> dict | None:
        """One step down the name trie (None: from the root); the matcher's single pass uses it."""
        return (self._trie if node is None else node).get(token)

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        """The folded words a name can start with."""
        return frozenset(self._trie)

    @staticmethod
    def ends(node: dict) -> tuple[Place, ...]:
        """The places whose name ends at this trie node, the likeliest first."""
        return node.get(END, ())

    def places(self) -> list[Place]:
        return list(self._places)

    def border_between(self, a: str, b: str) -> Place | None:
        """The border place of two countries (ISO codes), in either order."""
        return self._borders.get(frozenset((a, b)))

    def to_geodataframe(self) -> geopandas.GeoDataFrame:
        import geopandas

        rows = [
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "country": p.country,
                "parent": p.parent,
                "population": p.population,
                "derived": p.derived,
                "source": p.source,
                "aliases": "; ".join(p.aliases),
                "geometry": p.geometry,
            }
            for p in self._places
        ]
        return geopandas.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")

    def province_of(self, lon: float, lat: float) -> Place | None:
        """The province of a point. Generalised outlines put border towns on the wrong side (Hyesan
        falls in Jilin's), so a town at the point (within ~1 km) gives its GeoNames province; else
        the province the point lies in, or the nearest within ~5 km."""
        pt = Point(lon, lat)
        town = self._town_tree.query_nearest(pt, max_distance=TOWN_DEG)
        if len(town):
            parent = self.get(self._towns[town[0]].parent or "")
            if parent is not None and parent.kind == "province":
                return parent
        hits = self._province_tree.query(pt, predicate="intersects")
        if len(hits) == 0:
            hits = self._province_tree.query_nearest(pt, max_distance=NEAR_PROVINCE_DEG)
        if len(hits) == 0:
            return None
        return min((self._provinces[i] for i in hits), key=lambda p: p.geometry.area)


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once. Its million objects live as long as the process, so they
    are moved out of the garbage collector's sight (gc.freeze): otherwise every full collection
    while matching a long text walks them all again."""
    gazetteer = Gazetteer.load()
    gc.freeze()
    return gazetteer


def _places(derived: list[dict], curated: dict) -> tuple[tuple[Place, ...], dict[str, set[str]]]:
    """Places of places.json with curated.json's names applied, then curated.json's own places."""
    updates = {u["id"]: u for u in curated["updates"]}
    geoms = [shapely.from_wkt(r["wkt"]) for r in derived]  # a list of long str would become one huge array
    out, curated_names = [], {}
    for rec, geom in zip(derived, geoms, strict=True):
        upd = updates.get(rec["id"], {})
        aliases = tuple(dict.fromkeys([rec["name"], *rec.get("aliases", ()), *upd.get("aliases", ())]))
        name = upd.get("name", rec["name"])
        if upd:
            curated_names[rec["id"]] = {name, *upd.get("aliases", ())}
        out.append(
            Place(
                rec["id"],
                name,
                rec["kind"],
                rec["country"],
                geom,
                rec.get("parent"),
                aliases,
                rec.get("derived", False),
                rec.get("source", ""),
                rec.get("population", 0),
                rec.get("code"),
                rec.get("capital", False),
            )
        )
    by_id = {p.id: p for p in out}
    for rec in curated["places"]:
        if "members" in rec:
            geom = shapely.union_all([by_id[m].geometry for m in rec["members"] if m in by_id])
        elif "line" in rec:  # a river no registry source holds, traced coarsely through cited points
            geom = LineString(rec["line"])
        else:
            geom = Point(rec["point"])
        out.append(
            Place(
                rec["id"],
                rec["name"],
                rec["kind"],
                rec["country"],
                geom,
                rec.get("parent"),
                tuple(rec["aliases"]),
                "members" in rec or "line" in rec,
                rec["source"],
                code=_province_code(by_id.get(rec.get("parent", ""))),
            )
        )
        curated_names[rec["id"]] = {rec["name"], *rec["aliases"]}
    counties = _counties(out, curated["settings"]["county_seats"])
    return tuple(out + counties), curated_names


def _counties(places: list[Place], min_population: dict[str, int]) -> list[Place]:
    """'Musan County', 'Changbai County': a county named after its seat town, placed at the seat
    (the annotation guide locates a county by its seat). Only named with a county word: a bare
    'Musan' stays the town."""
    out = []
    for town in places:
        floor = min_population.get(town.country or "")
        if town.kind != "city" or floor is None or town.population < floor:
            continue
        name = f"{town.name.removesuffix(' City')} County"
        out.append(
            Place(
                f"county:{town.id}",
                name,
                "county",
                town.country,
                town.geometry,
                town.parent,
                (name,),
                True,
                "derived: the county named after its seat town (GeoNames)",
                town.population,
                town.code,
            )
        )
    return out


ENGLISH_SUFFIXES = frozenset({"city", "county", "province", "prefecture"})


def name_forms(
    name: tuple[str, ...], kind: str, settings: Settings, english: bool = True
) -> set[tuple[str, ...]]:
    """A folded name with its suffix variants: 'Hyesan-si' -> hyesan, hyesan si, hyesan city …;
    'Jagang Province' -> jagang, jagang provinces, jagang do …; a river is never its bare stem
    ('Tumen River' is not 'Tumen'). English suffixes are stripped only from names we chose
    (`english`): an alternate name such as 'Smart City' is not 'Smart'."""
    suffixes = settings.kind_suffixes.get(kind, ())
    bare = {name}
    strip = settings.strip_suffixes if english else settings.strip_suffixes - ENGLISH_SUFFIXES
    if len(name) > 1 and name[-1] in strip and kind not in ("river", "border"):
        bare.add(name[:-1])
    stems = set(bare)
    for suf in suffixes:
        if len(name) > len(suf) and name[-len(suf) :] == suf:
            stems.add(name[: -len(suf)])
    return bare | {stem + suf for stem in stems for suf in suffixes}


def _build_trie(places: tuple[Place, ...], curated_names: dict[str, set[str]], settings: Settings) -> dict:
    """Folded name -> places, as nested dicts of tokens (read-only once built)."""
    home = settings.home_countries
    names: dict[tuple[str, ...], dict[int, tuple]] = {}
    for i, p in enumerate(places):
        curated = {fold_name(a) for a in curated_names.get(p.id, ())}
        canonical = name_forms(fold_name(p.name), p.kind, settings)
        for alias in dict.fromkeys((p.name, *p.aliases)):
            base = fold_name(alias)
            chosen = base in curated or alias == p.name
            for form in name_forms(base, p.kind, settings, chosen):
                if (
                    not form
                    or (form in settings.not_places and base not in curated)
                    or form in settings.demonyms
                ):
                    continue
                if not chosen and len(form) == 1 and (len(form[0]) < 4 or form[0] in settings.surnames):
                    continue
                rank = _rank(p, base in curated, form in canonical, home)
                seen = names.setdefault(form, {})
                if i not in seen or rank < seen[i]:
                    seen[i] = rank
    root: dict = {}
    for form, ranks in names.items():
        node = root
        for tok in form:
            node = node.setdefault(tok, {})
        node[END] = tuple(places[i] for i in sorted(ranks, key=ranks.__getitem__))
    return root


def _province_code(parent: Place | None) -> str | None:
    """A hand-written town's admin1 code: its province's, as GeoNames towns carry."""
    return parent.code if parent is not None and parent.kind == "province" else None
