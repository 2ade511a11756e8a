"""A seeded synthetic reports frame for any unit list; for Hanoi, the 29 May 2023 report's facts.

Real issuance figures are not public. Hanoi's report said: Tây Hồ finished, Long Biên near 90 %,
Hà Đông about 70 % (the laggard), 9 of Thường Tín's 29 communes finished, 45 communes city-wide
at target. We first fix each commune's figure on the report date so that these facts hold
exactly (the random draw only decides which communes and by how much), then build each daily
path backward from it with a per-district pace. A unit list no known report describes (another
province, the synthetic country) gets the same generator without named districts: the same
share of communes at target and of districts late, district completions spread wider (55–96 %)
so a map of many districts shows several colours. Only numpy's default_rng and integer rounding
are used, so a seed gives the same frame on any machine.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cccd.campaign import HANOI_2023, PACE_WINDOW_DAYS, Campaign

SAMPLE_SEED = 20230529

# Target = residents aged 14+ (the CCCD age) still to be served by this campaign. The 2019
# census counts 24.3 % of Vietnam's population aged 0–14, so about 75.7 % are 14 or older (we
# use the 15+ share as the 14+ share: one birth year makes ~1.5 % difference). Most adults already
# hold a card; we assume 30 % of them were still to be served, giving a few thousand per commune.
AGED_14_PLUS_SHARE = 0.757
SHARE_TO_SERVE = 0.30

TAY_HO, LONG_BIEN, HA_DONG, THUONG_TIN = "003", "004", "268", "279"


@dataclass(frozen=True)
class ReportFacts:
    """What a progress report states, for the generator to reproduce exactly.

    completion and days_to_finish: named districts' completion on the report date and remaining
    ÷ pace in days; finished: districts with every commune at target; laggards: districts with
    none; at_target_quota: named districts' count of communes at target; communes_at_target and
    late_districts: totals (None: the shares of Hanoi's report, for any unit list);
    other_completion: the range the other districts' completion is drawn from.
    """

    province_code: str | None = None
    completion: dict[str, float] = field(default_factory=dict)
    days_to_finish: dict[str, float] = field(default_factory=dict)
    finished: tuple[str, ...] = ()
    laggards: tuple[str, ...] = ()
    at_target_quota: dict[str, int] = field(default_factory=dict)
    communes_at_target: int | None = None
    late_districts: int | None = None
    other_completion: tuple[float, float] = (0.55, 0.96)  # unnamed districts, uniform


# Hanoi's 29 May 2023 report. District completion = sum delivered / sum target.
HANOI_MAY_2023 = ReportFacts(
    province_code="01",
    completion={TAY_HO: 1.0, LONG_BIEN: 0.90, HA_DONG: 0.70},
    days_to_finish={LONG_BIEN: 18.0, HA_DONG: 64.0},
    finished=(TAY_HO,),
    laggards=(HA_DONG,),
    at_target_quota={THUONG_TIN: 9},
    communes_at_target=45,
    late_districts=12,  # of the 27 districts not named above, besides Hà Đông
    # Every unnamed district lies between the laggard (Hà Đông) and Long Biên.
    other_completion=(0.74, 0.88),
)
KNOWN_REPORTS = (HANOI_MAY_2023,)
NO_NAMED_FACTS = ReportFacts()
AT_TARGET_SHARE = 45 / 579  # Hanoi's share of communes at target, for other unit lists
LATE_SHARE = 12 / 27  # and of unnamed districts projected late
# Remaining / pace in days on the report date; the deadline is 32 days later. Ranges keep a
# margin around 32 so commune noise cannot move a district across the deadline.
DAYS_TO_FINISH_ON_TIME = (10.0, 24.0)
DAYS_TO_FINISH_LATE = (40.0, 50.0)
# First-week pace / last-week pace: the easy cases go first, so districts slow down.
SLOWDOWN = (1.0, 1.5)
# The campaign counts cards from applications taken since early spring: by its start many were
# already handed out, so delivered starts at roughly 35–80 % of the target, not at 0.
WEEKEND_FACTOR = 0.35  # one-stop desks open on weekends at reduced strength
AT_TARGET_SHARE_CAP = 0.4  # at-target communes hold at most this share of a district's target
COMPLETION_BOUNDS = (0.35, 0.97)  # a commune not at target on the report date
ACTIVATION_START = (0.40, 0.52)  # VNeID activations / delivered on the campaign's start
ACTIVATION_GAIN = (0.12, 0.25)  # added by the report date as activation is pushed alongside
ACTIVATION_URBAN_BONUS = 0.05
ACTIVATION_MAX = 0.80

_COLUMNS = ["as_of", "commune_code", "target", "delivered", "activated"]


def commune_targets(units: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Communes sorted by code with district_code, urban (phường) and the campaign target."""
    frame = units[["commune_code", "district_code", "commune_type"]].merge(
        population[["commune_code", "pop_total_2019"]], on="commune_code", validate="one_to_one"
    )
    frame = frame.sort_values("commune_code", ignore_index=True)
    served = frame["pop_total_2019"].to_numpy() * AGED_14_PLUS_SHARE * SHARE_TO_SERVE
    frame["target"] = np.rint(served).astype("int64")
    frame["urban"] = frame["commune_type"].eq("Phường").to_numpy()
    return frame[["commune_code", "district_code", "urban", "target"]]


def facts_for(units: pd.DataFrame) -> ReportFacts:
    """The known report on exactly this unit list's province, else no named facts."""
    provinces = set(units["province_code"]) if "province_code" in units else set()
    districts = set(units["district_code"])
    for facts in KNOWN_REPORTS:
        named = {*facts.completion, *facts.finished, *facts.laggards, *facts.at_target_quota}
        if provinces == {facts.province_code} and named <= districts:
            return facts
    return NO_NAMED_FACTS


def _district_plan(
    districts: list[str], facts: ReportFacts, rng: np.random.Generator
) -> pd.DataFrame:
    """Per district: completion, days to finish, slowdown; with the last-week pace and start."""
    plan = pd.DataFrame(index=pd.Index(sorted(districts), name="district_code"))
    plan["completion"] = rng.uniform(*facts.other_completion, len(plan))
    unnamed = [code for code in plan.index if code not in facts.completion]
    late_count = facts.late_districts
    if late_count is None:
        late_count = round(LATE_SHARE * len(unnamed))
    late = set(rng.choice(unnamed, late_count, replace=False))
    on_time = rng.uniform(*DAYS_TO_FINISH_ON_TIME, len(plan))
    behind = rng.uniform(*DAYS_TO_FINISH_LATE, len(plan))
    plan["days_to_finish"] = np.where(plan.index.isin(list(late)), behind, on_time)
    plan["slowdown"] = rng.uniform(*SLOWDOWN, len(plan))
    for code, completion in facts.completion.items():
        plan.loc[code, "completion"] = completion
    for code, days in facts.days_to_finish.items():
        plan.loc[code, "days_to_finish"] = days
    pace = (1.0 - plan["completion"]) / plan["days_to_finish"]
    # A finished district has nothing left: give it a fast district's pace so it has a path.
    for code in facts.finished:
        pace[code] = 0.5 / DAYS_TO_FINISH_ON_TIME[1]
    growth = PACE_WINDOW_DAYS * pace * (1.0 + plan["slowdown"])
    plan["start_ratio"] = 1.0 - growth / plan["completion"]
    return plan


def _pick_at_target(
    communes: pd.DataFrame, facts: ReportFacts, rng: np.random.Generator
) -> np.ndarray:
    """Exactly the stated number of communes at target: all of the finished districts', the
    quotas of named districts (Hanoi: 9 in Thường Tín), the rest elsewhere, none in laggards."""
    district = communes["district_code"].to_numpy()
    target = communes["target"].to_numpy()
    cap = communes.groupby("district_code")["target"].sum() * AT_TARGET_SHARE_CAP
    at_target = np.isin(district, facts.finished)
    total = facts.communes_at_target
    if total is None:
        total = round(AT_TARGET_SHARE * len(communes))
    elsewhere = total - int(at_target.sum()) - sum(facts.at_target_quota.values())
    left = {**facts.at_target_quota, "elsewhere": elsewhere}
    skipped = {*facts.finished, *facts.laggards}
    held = dict.fromkeys(cap.index, 0)
    for i in rng.permutation(len(communes)):
        code = district[i]
        quota = code if code in facts.at_target_quota else "elsewhere"
        if code in skipped or left[quota] == 0 or held[code] + target[i] > cap[code]:
            continue
        at_target[i] = True
        held[code] += target[i]
        left[quota] -= 1
    if any(left.values()):
        raise ValueError(f"could not place every commune at target, left over: {left}")
    return at_target


def _fit_completion(target: np.ndarray, noise: np.ndarray, wanted: float) -> np.ndarray:
    """Commune completions clip(shift + noise) whose target-weighted sum is `wanted` delivered."""
    low, high = -2.0, 3.0
    for _ in range(60):
        shift = (low + high) / 2
        completion = np.clip(shift + noise, *COMPLETION_BOUNDS)
        if (completion * target).sum() < wanted:
            low = shift
        else:
            high = shift
    return np.clip((low + high) / 2 + noise, *COMPLETION_BOUNDS)


def _final_delivered(
    communes: pd.DataFrame, plan: pd.DataFrame, at_target: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Delivered on the report date: target where at target, else fitted to district completion."""
    target = communes["target"].to_numpy()
    spread = np.where(communes["urban"].to_numpy(), 0.05, 0.08)
    noise = rng.standard_normal(len(communes)) * spread
    final = target.copy()
    for code, rows in communes.groupby("district_code").indices.items():
        rest = rows[~at_target[rows]]
        if len(rest) == 0:
            continue
        done = target[rows][at_target[rows]].sum()
        wanted = plan.loc[code, "completion"] * target[rows].sum() - done
        completion = _fit_completion(target[rest], noise[rest], wanted)
        final[rest] = np.minimum(np.rint(completion * target[rest]), target[rest] - 1)
    return final


def _daily_weights(
    communes: pd.DataFrame,
    plan: pd.DataFrame,
    at_target: np.ndarray,
    report_days: pd.DatetimeIndex,
    rng: np.random.Generator,
) -> np.ndarray:
    """Relative deliveries per commune on each report day after the first (communes × days-1)."""
    days = report_days[1:]
    weekend = np.where(days.day_of_week >= 5, WEEKEND_FACTOR, 1.0)
    first_week = np.arange(1, len(report_days)) <= len(report_days) - 1 - PACE_WINDOW_DAYS
    slowdown = plan["slowdown"].reindex(communes["district_code"]).to_numpy()
    weights = np.where(first_week, slowdown[:, None], 1.0) * weekend
    weights = weights * rng.lognormal(0.0, 0.3, weights.shape)
    # Communes at target reached it on one of the last three report days, then stopped.
    finished_on = np.where(at_target, rng.integers(len(days) - 2, len(days) + 1, len(at_target)), 0)
    after = np.arange(1, len(days) + 1)[None, :] > finished_on[:, None]
    return np.where(at_target[:, None] & after, 0.0, weights)


def _delivered_paths(
    communes: pd.DataFrame,
    plan: pd.DataFrame,
    final: np.ndarray,
    weights: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Cumulative delivered (communes × report days), non-decreasing, ending at `final`."""
    growth = 1.0 - plan["start_ratio"].reindex(communes["district_code"]).to_numpy()
    start_ratio = 1.0 - np.clip(growth * rng.uniform(0.85, 1.15, len(final)), 0.02, 0.65)
    cumulative = np.cumsum(weights, axis=1)
    progress = np.hstack([np.zeros((len(final), 1)), cumulative / cumulative[:, -1:]])
    ratio = start_ratio[:, None] + (1.0 - start_ratio[:, None]) * progress
    delivered = np.floor(final[:, None] * ratio).astype("int64")
    delivered[:, -1] = final
    return delivered


def _activated_paths(
    delivered: np.ndarray, urban: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Cumulative VNeID activations: a share of delivered rising over the campaign."""
    start = rng.uniform(*ACTIVATION_START, len(urban)) + np.where(urban, ACTIVATION_URBAN_BONUS, 0)
    end = np.minimum(start + rng.uniform(*ACTIVATION_GAIN, len(urban)), ACTIVATION_MAX)
    elapsed = np.linspace(0.0, 1.0, delivered.shape[1])
    share = start[:, None] + (end - start)[:, None] * elapsed[None, :]
    return np.floor(delivered * share).astype("int64")


def generate_sample_reports(
    units: pd.DataFrame,
    population: pd.DataFrame,
    seed: int = SAMPLE_SEED,
    facts: ReportFacts | None = None,
    campaign: Campaign = HANOI_2023,
) -> pd.DataFrame:
    """Synthetic daily reports (as_of, commune_code, target, delivered, activated), one row per
    commune per day from the campaign's start to its report date, reproducing `facts` (default:
    the known report on this unit list, facts_for(units))."""
    rng = np.random.default_rng(seed)
    facts = facts_for(units) if facts is None else facts
    report_days = campaign.report_days()
    communes = commune_targets(units, population)
    plan = _district_plan(communes["district_code"].unique().tolist(), facts, rng)
    at_target = _pick_at_target(communes, facts, rng)
    final = _final_delivered(communes, plan, at_target, rng)
    weights = _daily_weights(communes, plan, at_target, report_days, rng)
    delivered = _delivered_paths(communes, plan, final, weights, rng)
    activated = _activated_paths(delivered, communes["urban"].to_numpy(), rng)
    days, n = len(report_days), len(communes)
    frame = pd.DataFrame(
        {
            "as_of": report_days.repeat(n),
            "commune_code": np.tile(communes["commune_code"].to_numpy(), days),
            "target": np.tile(communes["target"].to_numpy(), days),
            "delivered": delivered.T.ravel(),
            "activated": activated.T.ravel(),
        }
    )
    return frame[_COLUMNS]
