"""The handouts from the store: the slide deck (.pptx) and the one-file HTML map of a date.

    python -m loaders.handouts slides --date 2023-05-25 --lang vi -o deck.pptx
    python -m loaders.handouts map --date 2023-05-25 --lang en -o map.html

Reads what the pages read (the store's reports and boundaries, the active dataset's units,
districts and campaign) and hands them to cccd.slides / cccd.html_map. Without --date, the
latest report date. Exit 0 when the file is written; 2 when it cannot be (the message says why
and how to fix it), as the other commands.
"""

import argparse
import base64
import json
import re
import sys
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from cccd import cells, detail, handout_data, html_map, progress, slides
from cccd.handout_data import DataLabels, HandoutData
from cccd.html_map import LeafletAssets
from loaders import catalogue, reference, sources, store
from loaders.errors import DataFileError

STATIC = Path(__file__).resolve().parent.parent / "static"
# District lines only outline the map: as ui/cached.py draws them.
DISTRICT_TOLERANCE_M = 100.0
KINDS = ("slides", "map")


def load(as_of: date | None = None, language: str = "vi", url: str | None = None) -> HandoutData:
    """HandoutData of `as_of` (default: the latest report date) from the store at `url`
    (default: DATABASE_URL or the dataset's own SQLite file); DataFileError when the store has
    no report or none on or before `as_of`."""
    engine = store.connect(url)
    try:
        reports = store.read_reports(engine)
        synthetic = store.is_synthetic(engine)
        saved = store.read_boundaries(engine)
    finally:
        engine.dispose()
    days = progress.report_dates(reports) if len(reports) else []
    if not days:
        raise DataFileError("handouts.error.no_reports")
    as_of = as_of or days[-1]
    if not days[0] <= as_of <= days[-1]:
        raise DataFileError("handouts.error.date", date=as_of, first=days[0], last=days[-1])
    shapes, approximate = _shapes(saved)
    dataset, units = reference.dataset(), reference.units()
    return handout_data.build(
        reports,
        units,
        reference.campaign(),
        as_of,
        region=dataset.region_name(language),
        shapes=shapes,
        district_shapes=district_lines(shapes, units),
        labels=DataLabels(synthetic, dataset.synthetic_units, approximate),
        sources=source_list(),
    )


def _shapes(saved: tuple[str, str] | None) -> tuple[gpd.GeoDataFrame, bool]:
    """The user's commune map from the store, else the approximate default (as ui/cached.py)."""
    if saved is None:
        return reference.default_communes(), True
    features = json.loads(saved[0])["features"]
    communes = gpd.GeoDataFrame.from_features(features, crs=4326)
    communes["commune_code"] = communes["commune_code"].astype(str)
    return communes, False


def district_lines(shapes: gpd.GeoDataFrame, units: pd.DataFrame) -> gpd.GeoDataFrame:
    """District lines as the app draws them: the dataset's districts simplified at 100 m, or
    for a country (cccd.detail) dissolved from the commune map at 400 m (a third of the size)."""
    if detail.needs_overview(len(units)):
        return detail.overview_shapes(shapes, units, "district_code")
    return cells.simplify_coverage(reference.districts(), DISTRICT_TOLERANCE_M, decimals=5)


def source_list() -> tuple[tuple[str, str], ...]:
    """(id, attribution) of the reference files (geodata/SOURCES.toml)."""
    return tuple((source.id, source.attribution) for source in sources.sources())


def leaflet_assets() -> LeafletAssets:
    """Leaflet's script and style from static/, the style's images inlined as data: URLs, so the
    HTML file asks nothing of the network or the disk."""
    folder = STATIC / "leaflet"
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        png = (folder / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(png).decode('ascii')})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)
    return LeafletAssets(script=(folder / "leaflet.js").read_text(encoding="utf-8"), style=css)


def build(kind: str, data: HandoutData, language: str) -> bytes:
    """The handout `kind` ("slides" or "map") of `data` in `language`, as file bytes."""
    t = catalogue.translator(language)
    if kind == "slides":
        return slides.deck_pptx(t, data)
    return html_map.map_html(t, data, leaflet_assets()).encode("utf-8")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m loaders.handouts",
        description="Write the slide deck (.pptx) or the one-file HTML map of a report date.",
    )
    parser.add_argument("kind", choices=KINDS, help="slides (.pptx) or map (.html)")
    parser.add_argument(
        "--date", type=date.fromisoformat, help="report date, YYYY-MM-DD (default: the latest)"
    )
    parser.add_argument("--lang", choices=("vi", "en", "fr"), default="vi", help="language")
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """The command line: write the file and say where; 2 with the reason when it cannot."""
    args = _arguments(argv)
    try:
        data = load(args.date, args.lang)
        content = build(args.kind, data, args.lang)
        args.output.write_bytes(content)
    except DataFileError as error:
        print(str(error), file=sys.stderr)
        return 2
    except OSError as error:
        print(
            f"Cannot write {args.output}: {error.strerror}. Choose another path.", file=sys.stderr
        )
        return 2
    print(f"{args.output}: {len(content):,} bytes ({args.kind}, {args.lang}, {data.as_of})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
