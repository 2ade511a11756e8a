"""Dates of the May–June 2023 CCCD campaign that the sample data and projections use.

A dataset's manifest (geodata/<name>.json) states its campaign dates; loaders.reference reads
them into a Campaign. The module constants are the default dataset's campaign (Hanoi, 2023).
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

CAMPAIGN_START = date(2023, 5, 15)
# The progress report the sample data reproduces: about two weeks into the campaign.
REPORT_DATE = date(2023, 5, 29)
DEADLINE = date(2023, 6, 30)
# Days used for the "current pace": the mean daily increase over the last 7 report days.
PACE_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Campaign:
    """A campaign's first report day, the report day the sample ends on, and the deadline."""

    start: date
    report_date: date
    deadline: date

    def report_days(self) -> pd.DatetimeIndex:
        """Every day from start to report_date, both included."""
        return pd.date_range(self.start, self.report_date)


DEFAULT_CAMPAIGN = Campaign(CAMPAIGN_START, REPORT_DATE, DEADLINE)
