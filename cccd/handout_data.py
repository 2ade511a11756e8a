"""What the handouts (the slide deck and the one-file HTML map) show, computed once per date.

The same figures the app computes (cccd.progress, cccd.unit_projection), gathered into one
value so the deck and the HTML file are built from frames alone: the command line fills it from
the store (loaders.handouts), the pages from their cached entry points (ui.handouts).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd

from cccd import progress, summary, tour, unit_projection
from cccd.campaign import Campaign
from cccd.i18n import Translator
from cccd.progress import METRICS

# The notices' keys (the pages' texts); the handouts strip their Markdown emphasis.
SYNTHETIC_NOTE = "notice.synthetic"
SYNTHETIC_UNITS_NOTE = "notice.synthetic_dataset"
APPROXIMATE_NOTE = "notice.approximate"


@dataclass(frozen=True)
class DataLabels:
    """Which of the data's limits apply: generated reports, a generated country, the
    approximate commune map."""

    synthetic: bool
    synthetic_units: bool = False
    approximate: bool = False


@dataclass(frozen=True, eq=False)
class HandoutData:
    """Everything a handout shows for one report date.

    communes: commune_progress rows; projections: metric -> project_units district rows;
    commune_projections: project_units commune rows (delivered); series: cumulative delivered
    per district and report day (rows: days, columns: district codes) and district targets;
    shapes: the commune map in use (commune_code, commune_name, geometry); district_shapes:
    district lines (district_code, geometry); sources: (id, attribution) of the reference files;
    provinces: how many the unit list holds (a country says "country-wide"); district_provinces:
    district_code -> its province's name, for a country only (its districts' select groups them).
    """

    as_of: date
    campaign: Campaign
    region: str
    communes: pd.DataFrame
    projections: Mapping[str, pd.DataFrame]
    commune_projections: pd.DataFrame
    series: tuple[pd.DataFrame, pd.Series]
    shapes: gpd.GeoDataFrame
    district_shapes: gpd.GeoDataFrame
    labels: DataLabels
    sources: tuple[tuple[str, str], ...] = ()
    provinces: int = 1
    district_provinces: Mapping[str, str] = field(default_factory=dict)

    @property
    def districts(self) -> pd.DataFrame:
        """The district projections of cards delivered (the tour's and the table's measure)."""
        return self.projections["delivered"]

    def behind(self) -> pd.DataFrame:
        """The districts behind schedule in the presenter's tour order (worst first)."""
        codes = [step.district_code for step in tour.tour_steps(self.districts, "")[1:-1]]
        return self.districts.set_index("district_code", drop=False).loc[codes]


def build(
    reports: pd.DataFrame,
    units: pd.DataFrame,
    campaign: Campaign,
    as_of: date,
    **given: object,
) -> HandoutData:
    """HandoutData computed from the reports and the unit list as the app computes it; `given`
    holds the other fields (region, shapes, district_shapes, labels, sources)."""
    projections = {
        metric: unit_projection.project_units(reports, units, as_of, campaign.deadline, metric)
        for metric in METRICS
    }
    values, targets = unit_projection.commune_series(reports, units, as_of, "delivered")
    series = unit_projection.district_series(
        values, targets, units.set_index("commune_code")["district_code"]
    )
    return HandoutData(
        as_of=as_of,
        campaign=campaign,
        communes=progress.commune_progress(reports, units, as_of),
        projections=projections,
        commune_projections=unit_projection.project_units(
            reports, units, as_of, campaign.deadline, "delivered", "commune"
        ),
        series=series,
        provinces=units["province_code"].nunique() if "province_code" in units else 1,
        district_provinces=district_provinces(units),
        **given,
    )


def district_provinces(units: pd.DataFrame) -> dict[str, str]:
    """district_code -> province name when the units span more than one province, else {}."""
    if "province_name" not in units or units["province_name"].nunique() < 2:
        return {}
    return dict(zip(units["district_code"], units["province_name"], strict=True))


def notes(t: Translator, labels: DataLabels) -> tuple[str, ...]:
    """The synthetic / approximate notes that apply, as plain text (no Markdown). A generated
    country has one note that says all of it (the others describe Hanoi's sample and map)."""
    if labels.synthetic_units:
        keys = [SYNTHETIC_UNITS_NOTE]
    else:
        keys = [SYNTHETIC_NOTE] if labels.synthetic else []
        keys += [APPROXIMATE_NOTE] if labels.approximate else []
    return tuple(t(key).replace("**", "").replace("*", "") for key in keys)


def short_labels(t: Translator, labels: DataLabels) -> tuple[str, ...]:
    """One or two words per limit, for a slide's footer ("Synthetic data")."""
    found = [t("handouts.label.synthetic")] if labels.synthetic or labels.synthetic_units else []
    if labels.approximate:
        found.append(t("handouts.label.approximate"))
    return tuple(found)


def headline(t: Translator, data: HandoutData) -> tuple[tuple[str, str], ...]:
    """(label, value) of the overview's four figures: completion, communes at target,
    districts finished, days to the deadline."""
    city = progress.city_summary(data.communes, data.as_of)
    key = "metric.country_completion" if data.provinces > 1 else "metric.city_completion"
    return (
        (t(key, measure=t("noun.delivered")), t.percent(city.completion)),
        (t("metric.communes_at_target"), t.fraction(city.communes_at_target, city.communes)),
        (t("metric.districts_finished"), t.fraction(city.districts_finished, city.districts)),
        (
            t("summary.days_left", date=t.day(data.campaign.deadline)),
            t.number(data.campaign.days_left(data.as_of)),
        ),
    )


def behind_count(data: HandoutData) -> int:
    """How many districts are behind schedule (the tour's district stops)."""
    return len(summary.behind_schedule(data.districts))
