"""What the pages draw: the shared filter and its URL form, charts, maps, exports and the
Streamlit parts several pages share. Reads data only through `loaders.store` (Frames); never
parses articles. `dashboard.py` is the frame and `app_pages/` the thin pages over this package."""
