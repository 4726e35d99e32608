"""Data: the raw -> curated build, the catalogue spec, the validated loader and where files live."""
