"""Dates of the May–June 2023 Hanoi CCCD campaign that the sample data and projections use."""

from datetime import date

CAMPAIGN_START = date(2023, 5, 15)
# The progress report the sample data reproduces: about two weeks into the campaign.
REPORT_DATE = date(2023, 5, 29)
DEADLINE = date(2023, 6, 30)
# Days used for the "current pace": the mean daily increase over the last 7 report days.
PACE_WINDOW_DAYS = 7
