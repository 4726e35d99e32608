"""ICT export strategy: data, scores, plans and views for planning Japan's ICT exports.

The package is pure pandas/numpy/PuLP; Streamlit lives only in ``app.py`` and ``pages/``.
"""

__version__ = "0.1.0"
