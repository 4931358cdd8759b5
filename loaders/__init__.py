"""The way from files to the store, and nothing else.

Stages, in the order data moves: `read/` (text and HTML pages, feeds, dataset exports) ->
`extract/` (stories, dates, tolls, events, quotes, places, plausibility) -> `geo/` (the offline
gazetteer and its admin levels) -> `store/` (schema, append-only batches, merge, corrections).
`ingest.py` runs them in that order, `draft.py` does the same for the browser's review before
saving, `evaluate.py` measures the extraction, `__main__.py` is the command line. Nothing in this
package imports streamlit, plotly, pydeck or kaleido: what the pages draw lives in `views/`.
"""
