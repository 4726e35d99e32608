"""Donor presence per aid recipient, from the DAC net bilateral aid of eight donors.

Two outputs, both read from ``dac_net_bilateral_aid_by_donor_recipient.csv``:

- ``donor_presence.csv``: per recipient and donor group (Japan, Korea, the United States, Europe,
  Australia), the group's share of the eight donors' aid over the file's latest five years, and that
  share relative to the largest group in the country;
- the ``japan_aid_share`` indicator: Japan's share (%) over the five years ending in each year.

Flows are taken in absolute value. Net bilateral aid turns negative when a donor's past loans are
being repaid faster than it disburses (Japan in THA, MYS, IDN): that is an active aid relationship
with a large lender, not an absent one, so a repayment counts as presence like a disbursement.
DAC_TOTAL is not used as the denominator: it covers every DAC member and can itself be negative.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DAC_FILE = "dac_net_bilateral_aid_by_donor_recipient.csv"
SOURCE_ID = "dac_donors"
#: Donor group -> the file's donor codes. Europe is the EU institutions plus the three largest
#: European bilateral donors in the file.
DONOR_GROUPS: dict[str, tuple[str, ...]] = {
    "JPN": ("JPN",),
    "KOR": ("KOR",),
    "USA": ("USA",),
    "EUR": ("EUI", "DEU", "FRA", "GBR"),
    "AUS": ("AUS",),
}
#: Donor group -> rival_id in rivals.csv. Australia is not a rival: it is kept for the denominator.
RIVAL_OF_GROUP: dict[str, str] = {"JPN": "JPN", "KOR": "KOR", "USA": "USA", "EUR": "EUR", "AUS": ""}
WINDOW_YEARS = 5
#: A japan_aid_share window needs at least this many years with a reported flow.
MIN_REPORTED_YEARS = 3
COLUMNS = (
    "iso3",
    "donor",
    "rival_id",
    "year_from",
    "year_to",
    "n_years",
    "flow_usd",
    "all_donors_flow_usd",
    "share",
    "relative",
    "source_id",
)


def read_single_donors(raw: Path) -> pd.DataFrame:
    """The eight single donors' rows (DAC_TOTAL dropped), with the group and the absolute flow."""
    dac = pd.read_csv(raw / DAC_FILE, dtype={"iso3": str, "donor_code": str})
    group_of = {code: group for group, codes in DONOR_GROUPS.items() for code in codes}
    dac = dac[dac["donor_code"].isin(group_of)].copy()
    dac["group"] = dac["donor_code"].map(group_of)
    # absolute value: a negative net flow is loan repayment, still an aid relationship (module doc)
    dac["flow"] = pd.to_numeric(dac["value_usd_current"], errors="raise").abs()
    return dac


def build_donor_presence(raw: Path, economies: pd.Index) -> pd.DataFrame:
    """One row per recipient and donor group over the file's latest :data:`WINDOW_YEARS` years.

    ``flow_usd`` sums the group's absolute net bilateral aid over the window, ``all_donors_flow_usd``
    the same for all eight donors; ``share`` is their ratio and ``relative`` the share divided by
    the largest group's share in that country (1.0 for the largest donor). ``n_years`` counts the
    years of the window with a published flow of the group. Recipients with no flow in the window
    are absent (not zero).
    """
    dac = read_single_donors(raw)
    year_to = int(dac["year"].max())
    year_from = year_to - WINDOW_YEARS + 1
    window = dac[dac["year"].between(year_from, year_to) & dac["iso3"].isin(economies)]
    flows = window.groupby(["iso3", "group"])["flow"].sum().unstack("group").reindex(columns=list(DONOR_GROUPS))
    years = window.groupby(["iso3", "group"])["year"].nunique().unstack("group").reindex(columns=list(DONOR_GROUPS))
    flows, years = flows.fillna(0.0), years.fillna(0).astype(int)
    total = flows.sum(axis=1)
    flows, years, total = flows[total > 0], years[total > 0], total[total > 0]
    share = flows.div(total, axis=0)
    relative = share.div(share.max(axis=1), axis=0)
    out = pd.DataFrame(
        {
            "flow_usd": flows.stack(),
            "share": share.stack(),
            "relative": relative.stack(),
            "n_years": years.stack(),
        }
    ).reset_index()
    out = out.rename(columns={"group": "donor"})
    out["all_donors_flow_usd"] = out["iso3"].map(total)
    out["rival_id"] = out["donor"].map(RIVAL_OF_GROUP)
    out["year_from"], out["year_to"], out["source_id"] = year_from, year_to, SOURCE_ID
    # cents and six decimals: the sums carry float noise from the USD-million float32 source values
    out[["flow_usd", "all_donors_flow_usd"]] = out[["flow_usd", "all_donors_flow_usd"]].round(2)
    out[["share", "relative"]] = out[["share", "relative"]].round(6)
    order = {group: i for i, group in enumerate(DONOR_GROUPS)}
    out = out.sort_values(["iso3", "donor"], key=lambda s: s.map(order) if s.name == "donor" else s)
    return out[list(COLUMNS)].reset_index(drop=True)


def japan_aid_share(raw: Path) -> pd.DataFrame:
    """Japan's share (%) of the eight donors' absolute net bilateral aid, per recipient and year.

    Each year's value sums the :data:`WINDOW_YEARS` years ending in it; a window with fewer than
    :data:`MIN_REPORTED_YEARS` years with any published flow, or with no Japanese row at all (PRK,
    TCA: no value published, which is not a published zero), is left out.
    """
    dac = read_single_donors(raw)
    years = range(int(dac["year"].min()), int(dac["year"].max()) + 1)
    by_year = dac.pivot_table(index="iso3", columns="year", values="flow", aggfunc="sum").reindex(columns=years)
    japan = dac[dac["group"] == "JPN"].pivot_table(index="iso3", columns="year", values="flow", aggfunc="sum")
    japan = japan.reindex(index=by_year.index, columns=years)
    roll = lambda t: t.T.rolling(WINDOW_YEARS, min_periods=1).sum().T  # noqa: E731
    count = lambda t: t.notna().T.rolling(WINDOW_YEARS, min_periods=1).sum().T  # noqa: E731
    total, japan_total = roll(by_year), roll(japan)
    keep = (count(by_year) >= MIN_REPORTED_YEARS) & (count(japan) > 0) & (total > 0)
    share = (japan_total / total * 100.0).where(keep)
    out = share.stack().rename("value").reset_index()
    out["indicator"], out["source_id"] = "japan_aid_share", SOURCE_ID
    return out[["iso3", "year", "value", "indicator", "source_id"]]
