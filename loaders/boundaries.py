"""Load a user's commune boundary file and match its features to the official commune codes.

python -m loaders.boundaries PATH [--field commune_code=MA_DV ...] [--allow-partial]
    prints what it decided and what matched; exit 0 when every feature matched and every official
    commune has a feature, 1 when not (unless --allow-partial), 2 when the file is unusable.
"""

import argparse
import sys
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from cccd.messages import Message, message
from cccd.names import match_communes
from loaders import reference
from loaders._boundary_columns import choose_boundary_columns
from loaders._boundary_files import Features, read_features, repair_geometries
from loaders.catalogue import english
from loaders.errors import DataFileError, listing

COLUMNS = ["commune_code", "commune_name", "district_code", "geometry"]


@dataclass(frozen=True)
class BoundaryLoad:
    """The matched communes of a boundary file and what did not match.

    What to tell the user is kept as Messages (the page renders them in the reader's language);
    `unmatched` and `notes` give the same in English.
    """

    communes: gpd.GeoDataFrame  # commune_code, commune_name, district_code, geometry (EPSG:4326)
    features_read: int
    matched_by_code: int
    matched_by_name: int
    unmatched_messages: list[Message]  # "feature 3 'X': why", per feature matching no commune
    missing_codes: list[str]  # official commune codes with no feature in the file
    source_name: str
    repaired: int = 0  # invalid geometries repaired with shapely.make_valid
    note_messages: list[Message] = field(default_factory=list)  # several features merged, ...
    # "column 'MA_DV' → commune code (579 of 579 values are codes of the list)", the encoding
    decisions: list[Message] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns used for nothing (OBJECTID, ...)
    columns: dict[str, str] = field(default_factory=dict)  # role -> the file's column used
    attribute_columns: list[str] = field(default_factory=list)  # every column but geometry
    allow_partial: bool = False  # the user accepts features or communes left unmatched
    encoding: str | None = None  # chosen for a .dbf with no .cpg ("Windows-1258"), else None

    @property
    def complete(self) -> bool:
        """Every feature matched and every official commune has a feature."""
        return not self.unmatched_messages and not self.missing_codes

    @property
    def accepted(self) -> bool:
        """Usable as the map: complete, or partial coverage accepted by the user."""
        return self.complete or self.allow_partial

    @property
    def unmatched(self) -> list[str]:
        """Each feature that matched no commune and why, in English."""
        return [english(item) for item in self.unmatched_messages]

    @property
    def notes(self) -> list[str]:
        """What else the load did (features merged into one commune), in English."""
        return [english(item) for item in self.note_messages]


def _text_decision(features: Features) -> list[Message]:
    if features.text is None:
        return []
    text = features.text
    others = ", ".join(f"{name}: {count}" for name, count in text.others.items())
    return [
        message(
            "boundaries.decision.encoding",
            encoding=text.encoding,
            matched=text.names_matched,
            values=text.names,
            others=others,
        )
    ]


def load_boundaries(
    path: str | Path, *, fields: Mapping[str, str] | None = None, allow_partial: bool = False
) -> BoundaryLoad:
    """Read a .zip/.shp/.gpkg/.geojson boundary file and match it to the active dataset's official
    communes (reference.units()).

    Columns are chosen by what they hold; `fields` (role -> the file's column, "" for none)
    overrides that. Raises DataFileError when the file cannot be read, no column holds commune
    codes or names, or no feature matches a commune. A partial match is returned, with
    `complete` False; `allow_partial` records that the user accepts it (`accepted`).
    """
    path = Path(path)
    features = read_features(path)
    frame, repaired = repair_geometries(features.frame)
    repaired += features.rings_closed
    units = reference.units()
    chosen = choose_boundary_columns(frame, units, fields, path.name)
    mapping = chosen.columns
    attributes = pd.DataFrame({ours: frame[theirs] for ours, theirs in mapping.items()})
    matched = match_communes(attributes, units)
    has_geometry = ~(frame.geometry.isna() | frame.geometry.is_empty)
    unmatched = _unmatched(attributes, matched, has_geometry)
    usable = matched["match"].notna() & has_geometry
    if not usable.any():
        raise _nothing_matched(path.name, mapping, unmatched, frame, units)
    communes, notes = _one_per_code(frame[usable], matched[usable], attributes[usable], units)
    return BoundaryLoad(
        communes=communes,
        features_read=len(frame),
        matched_by_code=int((matched["match"][usable] == "code").sum()),
        matched_by_name=int((matched["match"][usable] == "name").sum()),
        unmatched_messages=unmatched,
        missing_codes=sorted(set(units["commune_code"]) - set(communes["commune_code"])),
        source_name=path.name,
        repaired=repaired,
        note_messages=notes,
        decisions=[*features.decisions, *_text_decision(features), *chosen.decisions],
        ignored=chosen.ignored,
        columns=mapping,
        attribute_columns=chosen.attribute_columns,
        allow_partial=allow_partial,
        encoding=features.text.encoding if features.text else None,
    )


def _label(attributes: pd.DataFrame, position: int) -> Message:
    """How to name a feature to the user: its name, else its code, else its position."""
    number = str(position + 1)  # a position in the file, like a row number: no grouping
    for column in ("commune_name", "commune_code"):
        if column in attributes and pd.notna(value := attributes[column].iloc[position]):
            return message("feature.named", number=number, name=str(value))
    return message("feature.numbered", number=number)


def _unmatched(
    attributes: pd.DataFrame, matched: pd.DataFrame, has_geometry: pd.Series
) -> list[Message]:
    problems = []
    for position, (kind, note, shaped) in enumerate(
        zip(matched["match"], matched["match_message"], has_geometry, strict=True)
    ):
        if pd.isna(kind):
            why = note  # the matcher says why (a Message) for every row it could not match
        elif not shaped:
            why = message("feature.no_geometry")
        else:
            continue
        problems.append(message("feature.problem", feature=_label(attributes, position), why=why))
    return problems


def _nothing_matched(
    source: str,
    mapping: dict[str, str],
    unmatched: list[Message],
    frame: gpd.GeoDataFrame,
    units: pd.DataFrame,
) -> DataFileError:
    used = [message("error.column_from", ours=k, theirs=str(v)) for k, v in mapping.items()]
    first = units.iloc[0]  # an official code the user can look for (Hanoi: 00001 Phường Phúc Xá)
    return DataFileError(
        "error.nothing_matched",
        count=len(frame),
        file=source,
        columns=listing(used),
        examples=unmatched[:3],
        example_code=first["commune_code"],
        example_name=first["commune_name"],
        attribute_columns=tuple(str(c) for c in frame.columns if c != frame.geometry.name),
    )


def _one_per_code(
    frame: gpd.GeoDataFrame, matched: pd.DataFrame, attributes: pd.DataFrame, units: pd.DataFrame
) -> tuple[gpd.GeoDataFrame, list[Message]]:
    """One row per commune code; several features for one code are merged into one shape."""
    official = units.set_index("commune_code")
    written = attributes.get("commune_name", pd.Series(pd.NA, index=attributes.index))
    rows = pd.DataFrame(
        {
            "commune_code": matched["commune_code"].to_numpy(),
            "commune_name": written.where(written.notna(), None).to_numpy(),
            "geometry": frame.geometry.to_numpy(),
        }
    )
    notes = []
    for code, group in rows.groupby("commune_code", sort=False):
        if len(group) > 1:
            name = str(official.at[code, "commune_name"])
            notes.append(message("feature.merged", commune=name, code=code, count=len(group)))
    merged = rows.groupby("commune_code", sort=True).agg(
        commune_name=("commune_name", "first"), geometry=("geometry", shapely.union_all)
    )
    merged = merged.reset_index()
    fallback = merged["commune_code"].map(official["commune_name"])
    merged["commune_name"] = merged["commune_name"].fillna(fallback).astype("str")
    merged["district_code"] = merged["commune_code"].map(official["district_code"])
    return gpd.GeoDataFrame(merged[COLUMNS], geometry="geometry", crs=4326), notes


def _missing_lines(codes: list[str], limit: int) -> list[str]:
    official = reference.units().set_index("commune_code")
    shown = [
        f"  - {code} {official.at[code, 'commune_name']} ({official.at[code, 'district_name']})"
        for code in codes[:limit]
    ]
    more = [f"  ... and {len(codes) - limit} more"] if len(codes) > limit else []
    return shown + more


def summary(load: BoundaryLoad, limit: int = 20) -> str:
    """Plain-text report of a load: decisions, ignored columns, counts, unmatched features,
    official communes with no feature, and the verdict."""
    lines = [
        f"{load.source_name}: {load.features_read} features read",
        *(f"decided: {english(item)}" for item in load.decisions),
        f"ignored columns: {', '.join(load.ignored) or 'none'}",
        f"matched by code: {load.matched_by_code}",
        f"matched by name: {load.matched_by_name}",
        f"communes: {len(load.communes)}",
        f"unmatched features: {len(load.unmatched)}",
        *(f"  - {item}" for item in load.unmatched[:limit]),
    ]
    if len(load.unmatched) > limit:
        lines.append(f"  ... and {len(load.unmatched) - limit} more")
    lines.append(f"official communes with no feature: {len(load.missing_codes)}")
    lines.extend(_missing_lines(load.missing_codes, limit))
    if load.repaired:
        lines.append(f"invalid geometries repaired: {load.repaired}")
    lines.extend(load.notes)
    lines.append(english(verdict(load)))
    return "\n".join(lines)


def verdict(load: BoundaryLoad) -> Message:
    """Whether the load can be used as the map, in one sentence."""
    if load.complete:
        return message("boundaries.verdict.complete", communes=len(load.communes))
    key = "boundaries.verdict.accepted" if load.allow_partial else "boundaries.verdict.partial"
    return message(
        key,
        unmatched=len(load.unmatched_messages),
        missing=len(load.missing_codes),
    )


def _field(text: str) -> tuple[str, str]:
    """ "commune_code=MA_DV" -> ("commune_code", "MA_DV") for argparse."""
    role, sep, column = text.partition("=")
    if not sep or not role.strip():
        raise argparse.ArgumentTypeError(f"expected ROLE=COLUMN, e.g. commune_code=MA_DV: {text!r}")
    return role.strip(), column.strip()


def main(argv: list[str] | None = None) -> int:
    """Command line: print what a boundary file matched; exit 1 on a partial match (unless
    --allow-partial), 2 when it cannot be used."""
    dataset, communes = reference.dataset(), len(reference.units())
    parser = argparse.ArgumentParser(
        prog="python -m loaders.boundaries",
        description=f"Check a commune boundary file against the {communes} official communes "
        f"of the active dataset, {dataset.region_name('en')} (set {reference.DATASET_VARIABLE} to "
        "choose another).",
    )
    parser.add_argument("path", type=Path, help=".zip, .shp, .gpkg, .geojson or .json file")
    parser.add_argument(
        "--field",
        action="append",
        type=_field,
        default=[],
        metavar="ROLE=COLUMN",
        help="the file's column for one of commune_code, commune_name, district_code, "
        "district_name (repeat for several; ROLE= with no column leaves the role out)",
    )
    parser.add_argument(
        "--allow-partial",
        action="store_true",
        help="exit 0 even when some features match no commune or some communes have no feature",
    )
    args = parser.parse_args(argv)
    # Library warnings (GDAL, GEOS) are not for the user and name files inside the libraries.
    warnings.simplefilter("ignore")
    try:
        load = load_boundaries(args.path, fields=dict(args.field), allow_partial=args.allow_partial)
    except DataFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(summary(load))
    return 0 if load.accepted else 1


if __name__ == "__main__":
    sys.exit(main())
