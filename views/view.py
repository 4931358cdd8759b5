"""What the entry script hands to every page: the filter, the frames before and after it.

Pages take a `View` from the session (under VIEW_KEY) and draw; they never read the URL or the
store themselves. No streamlit import: the value is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.store import Frames
from views.filters import Filter

VIEW_KEY = "dashboard_view"


@dataclass(frozen=True)
class View:
    filter: Filter
    all: Frames  # everything in the store (for sources and option lists)
    shown: Frames  # after the filter
    data_dir: str
    notices: tuple[str, ...] = field(default=())

    @property
    def store_empty(self) -> bool:
        return self.all.incidents.empty and self.all.articles.empty
