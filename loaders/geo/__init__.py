"""Geography, offline: the geopy-shaped gazetteer over GeoNames data from PyPI, its first- and
second-level admin names, and the country outlines shipped as GeoJSON."""
