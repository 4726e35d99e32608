"""The Streamlit app (never imported by :mod:`strategy`)."""
