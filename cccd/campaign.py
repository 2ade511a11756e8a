"""A CCCD campaign's dates, and the pace window the projections use.

The dates are data: a dataset's manifest (geodata/<name>.json) states them and loaders.reference
reads them into a Campaign; projections, charts and report checks take them as parameters.
HANOI_2023 is only the synthetic sample's default, since the sample reproduces Hanoi's
29 May 2023 report.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

# Days used for the "current pace": the mean daily increase over the last 7 report days.
PACE_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Campaign:
    """A campaign's first report day, the report day the sample ends on, and the deadline."""

    start: date
    report_date: date
    deadline: date

    def __post_init__(self) -> None:
        if not self.start <= self.report_date <= self.deadline:
            raise ValueError(
                f"dates out of order: start {self.start}, report_date {self.report_date}, "
                f"deadline {self.deadline}"
            )

    def report_days(self) -> pd.DatetimeIndex:
        """Every day from start to report_date, both included."""
        return pd.date_range(self.start, self.report_date)

    def days_left(self, as_of: date) -> int:
        """Calendar days from `as_of` to the deadline; 0 on or after it."""
        return max((self.deadline - as_of).days, 0)


# The May–June 2023 campaign in Hanoi: the sample's report is two weeks in (29 May).
HANOI_2023 = Campaign(date(2023, 5, 15), date(2023, 5, 29), date(2023, 6, 30))
