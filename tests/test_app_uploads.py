"""The upload section of Data & sources with files from the bad-input corpus and the good shapes:
a clear message in Japanese and English, never an exception, nothing applied when refused, and a
preview (with the form's indicator and sheet) before Apply adds anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_helpers import open_app, unescape
from streamlit.testing.v1 import AppTest

from strategy.data.upload_read import MAX_UPLOAD_MB
from strategy.i18n import t as library_t
from ui.texts import t

DATA = "ui/pages/data_sources.py"
BAD = Path(__file__).parent / "data" / "bad_inputs" / "uploads"
OK = Path(__file__).parent / "data" / "uploads_ok"

pytestmark = pytest.mark.usefixtures("bundled_data")


def upload_section(lang: str) -> AppTest:
    at = open_app(lang=lang, timeout=60).switch_page(DATA).run()
    at.segmented_control(key="data_section").set_value("upload")
    return at.run()


def choose(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="indicator_upload").set_value((name, content, "application/octet-stream"))
    return at.run()


def assert_refused(at: AppTest) -> str:
    """No exception, one error box, Apply disabled, nothing added; returns the box's text."""
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1
    assert at.button(key="upload_apply").disabled
    state = at.session_state["upload_state"]
    assert not state.added
    assert (state.dataset.indicators["source_id"] == "upload").sum() == 0
    return unescape(at.error[0].value)


@pytest.mark.parametrize(
    ("name", "lang", "needle"),
    [
        ("ragged_row.csv", "ja", "3行目"),
        ("ragged_row.csv", "en", "row 3"),
        ("zip_not_xlsx.xlsx", "ja", "Excel ブック"),
        ("wide_text_value.csv", "en", "column 'internet_users'"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(name: str, lang: str, needle: str) -> None:
    at = choose(upload_section(lang), name, (BAD / name).read_bytes())
    message = assert_refused(at)
    assert name in message and needle in message
    assert t("ui.upload.problems", lang, n=1) in message
    for leak in ("BadZipFile", "KeyError", "encoding", "Traceback"):
        assert leak not in message


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_unknown_shape_lists_the_shapes_and_points_at_the_templates(lang: str) -> None:
    at = choose(upload_section(lang), "names_no_codes.csv", (BAD / "names_no_codes.csv").read_bytes())
    message = assert_refused(at)
    assert ("縦長" if lang == "ja" else "wide by year") in message
    assert any(t("ui.upload.shape_hint", lang) in i.value for i in at.info)
    assert {b.proto.label for b in at.get("download_button")} >= {
        t(f"ui.upload.template.{s}", lang) for s in ("long", "wide_indicators", "wide_years")
    }


def test_a_file_over_the_limit_is_refused_in_japanese() -> None:
    content = b"iso3,indicator,year,value,unit\n" + b"0" * ((MAX_UPLOAD_MB + 5) * 1024 * 1024)
    message = assert_refused(choose(upload_section("ja"), "big.csv", content))
    assert library_t("upload.too_big", "ja", size=f"{len(content) / 2**20:.1f}", limit=MAX_UPLOAD_MB) in message


def test_a_wide_file_with_the_indicator_in_the_form_is_previewed_then_applied() -> None:
    at = choose(upload_section("ja"), "wide_years_ja.csv", (OK / "wide_years_ja.csv").read_bytes())
    assert_refused(at)  # no indicator yet: the form must name it
    at.selectbox(key="upload_indicator").set_value("internet_users").run()
    assert not at.exception and not at.error
    texts = " ".join(unescape(m.value) for m in at.markdown)
    assert t("ui.upload.shape.wide_years", "ja") in texts and "2022〜2024年" in texts
    assert t("ui.upload.read_blank", "ja", n=1) in " ".join(c.value for c in at.caption)
    assert (at.session_state["upload_state"].dataset.indicators["source_id"] == "upload").sum() == 0  # not yet
    at.button(key="upload_apply").click().run()
    assert not at.exception and len(at.success) == 1
    assert (at.session_state["upload_state"].dataset.indicators["source_id"] == "upload").sum() == 5


def test_a_workbook_sheet_is_chosen_in_the_form() -> None:
    at = choose(upload_section("en"), "two_sheets.xlsx", (OK / "two_sheets.xlsx").read_bytes())
    assert at.selectbox(key="upload_sheet").options == ["notes", "data"]
    assert_refused(at)  # the first sheet holds a note, not a table
    at.selectbox(key="upload_sheet").set_value("data").run()
    assert not at.exception and not at.error
    assert not at.button(key="upload_apply").disabled


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_drop_zone_line_states_the_apps_own_limit_in_the_users_language(lang: str) -> None:
    """Streamlit's own line ("Drag and drop file here", "200MB per file") is English and names the
    server's cap, not the app's: it is hidden for this uploader and said in a caption instead."""
    at = upload_section(lang)
    captions = [c.value for c in at.caption]
    wanted = t("ui.upload.dropzone", lang, kinds=".csv / .tsv / .txt / .xlsx", limit=f"{MAX_UPLOAD_MB} MB")
    assert wanted in captions
    assert any("st-key-indicator_upload" in h.proto.body for h in at.get("html"))
