"""The handouts' buttons alone, as the overview and presenter pages call them (AppTest)."""

from datetime import date

from ui import handouts
from ui.shell import lang

handouts.handout_downloads(lang.current(), date(2023, 5, 29))
