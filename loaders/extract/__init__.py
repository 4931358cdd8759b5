"""Extraction: a page into stories, a story into incident reports and quotes.

`stories.py` splits pages and strips furniture; `reports.py` runs the rest over one story: dates,
casualties (killed and wounded ranges), events (type, actors), places, quotes; `plausibility.py`
drops values no single incident can have. Pure functions of text and the gazetteer; no storing.
"""
