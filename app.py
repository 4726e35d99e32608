"""Streamlit entry point: ``streamlit run app.py``.

Sets up the page, the language switch (sidebar and ``?lang=`` in the URL) and the navigation, and
loads the bundled data once per process. With sign-in configured (``[auth]`` in
``.streamlit/secrets.toml``), :func:`ui.auth.guard` first stops every run that has no signed-in user
with a role: such visitors see the sign-in screen only. If the data are invalid, a translated error box lists
every problem and no page runs. The app makes no network calls (in team mode, sign-in talks to the
configured OIDC provider).
"""

from __future__ import annotations

import streamlit as st

from ui.auth import guard
from ui.common import init_language, language_switch, load_bundled, show_load_error, tr, upload_state

init_language()
st.set_page_config(page_title=tr("ui.app_title"), layout="wide")
language_switch()
# team mode (sign-in configured): nothing below runs for a signed-out visitor or a user without a role
guard()

pages = [
    st.Page("ui/pages/home.py", title=tr("ui.page.home"), url_path="home", default=True),
    st.Page("ui/pages/focus.py", title=tr("ui.page.focus"), url_path="asean"),
    st.Page("ui/pages/country.py", title=tr("ui.page.country"), url_path="country"),
    st.Page("ui/pages/fields.py", title=tr("ui.page.fields"), url_path="fields"),
    st.Page("ui/pages/markets.py", title=tr("ui.page.markets"), url_path="markets"),
    st.Page("ui/pages/competitors.py", title=tr("ui.page.competitors"), url_path="competitors"),
    st.Page("ui/pages/plan.py", title=tr("ui.page.plan"), url_path="plan"),
    st.Page("ui/pages/sensitivity.py", title=tr("ui.page.sensitivity"), url_path="sensitivity"),
    st.Page("ui/pages/scenarios.py", title=tr("ui.page.scenarios"), url_path="scenarios"),
    st.Page("ui/pages/workshop.py", title=tr("ui.page.workshop"), url_path="workshop"),
    st.Page("ui/pages/data_sources.py", title=tr("ui.page.data"), url_path="data"),
]
page = st.navigation(pages)

result = load_bundled()
if result.dataset is None:
    st.title(tr("ui.app_title"))
    show_load_error(result)
else:
    state = upload_state(result.dataset)
    if state.dropped:
        st.sidebar.warning(tr("ui.upload.stale"))
    if state.added:
        st.sidebar.info(tr("ui.sidebar.upload_active", n=len({r["indicator"] for r in state.added})))
    st.sidebar.caption(tr("ui.sidebar.version", version=result.dataset.version))
    page.run()
