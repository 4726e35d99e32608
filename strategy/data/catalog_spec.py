"""Which raw series become indicators, and how they are described.

This is the one place where the build script learns what each raw column means. Every row maps a
column of a file in ``shared/data/raw`` to an indicator id with its catalogue entry. No value is
typed here: values are read from the raw files by :mod:`strategy.data.build`.

``direction`` says whether a higher value raises the pillar score (+1) or lowers it (-1). For the
``need`` pillar the score is the country's need, so a higher hazard is +1 and a higher share of
people with electricity is -1.
"""

from __future__ import annotations

from typing import NamedTuple

PILLARS: tuple[str, ...] = (
    "size",
    "growth",
    "income",
    "digital",
    "business",
    "stability",
    "need",
    "ties",
)


class IndicatorSpec(NamedTuple):
    id: str
    source_id: str
    column: str
    name_en: str
    name_ja: str
    unit: str
    direction: int
    pillar: str
    theme: str
    transform: str
    min_value: float | None
    max_value: float | None


_PCT = (0.0, 100.0)
_PCT_OPEN = (0.0, None)  # ratios that can exceed 100 (e.g. gross enrolment, subscriptions)
_FREE = (None, None)

# fmt: off
_ROWS: list[tuple] = [
    # id, source, column, name_en, name_ja, unit, direction, pillar, theme, transform, range
    ("gdp_usd", "wdi", "NY.GDP.MKTP.CD", "GDP (current US$)", "名目GDP（米ドル）", "US$", 1, "size", "", "log", (0.0, None)),
    ("ict_goods_imports_usd", "wdi_ict_trade", "TM.VAL.ICTG.ZS.UN, TM.VAL.MRCH.CD.WT", "ICT goods imports (current US$, to 2020)", "ICT財輸入額（米ドル、2020年まで）", "US$", 1, "size", "", "log", (0.0, None)),
    ("population", "wdi", "SP.POP.TOTL", "Population, total", "人口", "people", 1, "size", "", "log", (0.0, None)),
    ("gdp_growth", "wdi", "NY.GDP.MKTP.KD.ZG", "GDP growth (annual %)", "実質GDP成長率", "%", 1, "growth", "", "none", _FREE),
    ("gdp_pc_growth", "wdi", "NY.GDP.PCAP.KD.ZG", "GDP per capita growth (annual %)", "一人当たり実質GDP成長率", "%", 1, "growth", "", "none", _FREE),
    ("population_growth", "wdi", "SP.POP.GROW", "Population growth (annual %)", "人口増加率", "%", 1, "growth", "", "none", _FREE),
    ("investment_share", "wdi", "NE.GDI.TOTL.ZS", "Gross capital formation (% of GDP)", "総資本形成（対GDP比）", "% of GDP", 1, "growth", "", "none", _FREE),
    ("fdi_inflow_usd", "wdi", "BX.KLT.DINV.CD.WD", "Foreign direct investment, net inflows (BoP, current US$)", "対内直接投資（純流入、米ドル）", "US$", 1, "growth", "", "signed_log", _FREE),
    ("gdp_pc_usd", "wdi", "NY.GDP.PCAP.CD", "GDP per capita (current US$)", "一人当たり名目GDP（米ドル）", "US$", 1, "income", "", "log", (0.0, None)),
    ("gni_pc_ppp", "wdi", "NY.GNP.PCAP.PP.CD", "GNI per capita, PPP (current international $)", "一人当たりGNI（購買力平価）", "intl $", 1, "income", "", "log", (0.0, None)),
    ("hdi", "gapminder", "hdi_human_development_index", "Human Development Index (UNDP)", "人間開発指数（UNDP）", "index 0-1", 1, "income", "", "none", (0.0, 1.0)),
    ("internet_users", "gapminder", "internet_users", "Individuals using the Internet (% of population)", "インターネット利用者率", "% of population", 1, "digital", "", "none", _PCT),
    ("mobile_subscriptions", "wdi", "IT.CEL.SETS.P2", "Mobile cellular subscriptions (per 100 people)", "携帯電話契約数（100人当たり）", "per 100 people", 1, "digital", "", "none", _PCT_OPEN),
    ("fixed_broadband", "wdi", "IT.NET.BBND.P2", "Fixed broadband subscriptions (per 100 people)", "固定ブロードバンド契約数（100人当たり）", "per 100 people", 1, "digital", "", "none", _PCT_OPEN),
    ("secure_servers", "wdi", "IT.NET.SECR.P6", "Secure Internet servers (per 1 million people)", "セキュアサーバー数（100万人当たり）", "per million people", 1, "digital", "", "log1p", (0.0, None)),
    ("mobile_4g_coverage", "sdg_mobile", "IT_MOB_4GNTWK_pct_pop_covered_4G", "Population covered by at least a 4G mobile network (%)", "4G人口カバー率", "% of population", 1, "digital", "", "none", _PCT),
    ("mobile_3g_coverage", "sdg_mobile", "IT_MOB_3GNTWK_pct_pop_covered_3G", "Population covered by at least a 3G mobile network (%)", "3G人口カバー率", "% of population", 1, "digital", "", "none", _PCT),
    ("submarine_cables", "telegeography", "", "Submarine cables landing in the country (in service or planned, 2022 snapshot)", "陸揚げ海底ケーブル数（2022年時点、計画中含む）", "cables", 1, "digital", "", "log1p", (0.0, None)),
    ("ict_goods_imports_share", "wdi_ict_trade", "TM.VAL.ICTG.ZS.UN", "ICT goods imports (% of total goods imports)", "ICT財輸入比率（財輸入総額比）", "%", 1, "digital", "", "none", _PCT),
    ("hightech_exports_share", "wdi", "TX.VAL.TECH.MF.ZS", "High-technology exports (% of manufactured exports)", "ハイテク輸出比率（工業製品輸出比）", "% of manufactured exports", 1, "digital", "", "none", _PCT),
    ("rd_expenditure", "wdi", "GB.XPD.RSDV.GD.ZS", "Research and development expenditure (% of GDP)", "研究開発費（対GDP比）", "% of GDP", 1, "digital", "", "none", _PCT),
    ("researchers_per_million", "wdi", "SP.POP.SCIE.RD.P6", "Researchers in R&D (per million people)", "研究者数（100万人当たり）", "per million people", 1, "digital", "", "log1p", (0.0, None)),
    ("wgi_government_effectiveness", "wgi", "ge", "Government Effectiveness (WGI estimate)", "政府の有効性（WGI）", "WGI estimate (standard normal units, about -2.5 to 2.5)", 1, "business", "", "none", (-5.0, 5.0)),
    ("wgi_regulatory_quality", "wgi", "rq", "Regulatory Quality (WGI estimate)", "規制の質（WGI）", "WGI estimate (standard normal units, about -2.5 to 2.5)", 1, "business", "", "none", (-5.0, 5.0)),
    ("wgi_rule_of_law", "wgi", "rl", "Rule of Law (WGI estimate)", "法の支配（WGI）", "WGI estimate (standard normal units, about -2.5 to 2.5)", 1, "business", "", "none", (-5.0, 5.0)),
    ("wgi_control_of_corruption", "wgi", "cc", "Control of Corruption (WGI estimate)", "汚職の抑制（WGI）", "WGI estimate (standard normal units, about -2.5 to 2.5)", 1, "business", "", "none", (-5.0, 5.0)),
    ("wgi_voice_accountability", "wgi", "va", "Voice and Accountability (WGI estimate)", "国民の声と説明責任（WGI）", "WGI estimate (standard normal units, about -2.5 to 2.5)", 1, "business", "", "none", (-5.0, 5.0)),
    ("cpi_score", "cpi", "cpi_score", "Corruption Perceptions Index (0 = highly corrupt, 100 = very clean)", "腐敗認識指数（CPI）", "score 0-100", 1, "business", "", "none", _PCT),
    ("doing_business_rank", "doing_business", "ease_of_doing_business_rank", "Ease of doing business rank (Doing Business report year; 1 = best)", "ビジネス環境ランキング（Doing Business、1位が最良）", "rank", -1, "business", "", "none", (1.0, 200.0)),
    ("logistics_performance", "wdi", "LP.LPI.OVRL.XQ", "Logistics Performance Index, overall (1 = low to 5 = high)", "物流パフォーマンス指数（LPI）", "score 1-5", 1, "business", "", "none", (1.0, 5.0)),
    ("business_start_days", "wdi", "IC.REG.DURS", "Time required to start a business (days)", "起業に要する日数", "days", -1, "business", "", "log1p", (0.0, None)),
    ("wgi_political_stability", "wgi", "pv", "Political Stability and Absence of Violence (WGI estimate)", "政治的安定性（WGI）", "WGI estimate (standard normal units, about -2.5 to 2.5)", 1, "stability", "", "none", (-5.0, 5.0)),
    ("inflation", "wdi", "FP.CPI.TOTL.ZG", "Inflation, consumer prices (annual %)", "消費者物価上昇率", "%", -1, "stability", "", "signed_log", _FREE),
    ("government_debt", "wdi", "GC.DOD.TOTL.GD.ZS", "Central government debt, total (% of GDP)", "中央政府債務（対GDP比）", "% of GDP", -1, "stability", "", "none", _FREE),
    ("unemployment", "wdi", "SL.UEM.TOTL.ZS", "Unemployment, total (% of labour force, modelled ILO estimate)", "失業率", "% of labour force", -1, "stability", "", "none", _PCT),
    ("inform_risk", "inform", "INFORM RISK", "INFORM Risk Index 2025 (0-10, higher = more crisis risk)", "INFORMリスク指数 2025", "index 0-10", -1, "stability", "", "none", (0.0, 10.0)),
    ("inform_natural_hazard", "inform", "Natural", "INFORM natural hazard and exposure (0-10)", "INFORM 自然災害ハザード", "index 0-10", 1, "need", "disaster", "none", (0.0, 10.0)),
    ("inform_earthquake", "inform", "Earthquake", "INFORM earthquake hazard (0-10)", "INFORM 地震ハザード", "index 0-10", 1, "need", "disaster", "none", (0.0, 10.0)),
    ("inform_flood", "inform", "River Flood", "INFORM river flood hazard (0-10)", "INFORM 河川洪水ハザード", "index 0-10", 1, "need", "disaster", "none", (0.0, 10.0)),
    ("inform_tsunami", "inform", "Tsunami", "INFORM tsunami hazard (0-10)", "INFORM 津波ハザード", "index 0-10", 1, "need", "disaster", "none", (0.0, 10.0)),
    ("inform_cyclone", "inform", "Tropical Cyclone", "INFORM tropical cyclone hazard (0-10)", "INFORM 熱帯低気圧ハザード", "index 0-10", 1, "need", "disaster", "none", (0.0, 10.0)),
    ("inform_lack_of_coping", "inform", "LACK OF COPING CAPACITY", "INFORM lack of coping capacity (0-10)", "INFORM 対処能力の欠如", "index 0-10", 1, "need", "disaster", "none", (0.0, 10.0)),
    ("worldriskindex", "wri", "WorldRiskIndex", "WorldRiskIndex (WorldRiskReport, pre-2022 method)", "世界リスク指数（WorldRiskReport、2022年以前の手法）", "index", 1, "need", "disaster", "none", (0.0, 100.0)),
    ("disaster_affected_share_10y", "emdat", "", "People affected by natural disasters, 10-year annual average (% of population; EM-DAT)", "自然災害の被災者数（10年平均、人口比、EM-DAT）", "% of population per year", 1, "need", "disaster", "log1p", (0.0, 100.0)),
    ("physicians_per_1000", "gapminder", "medical_doctors_per_1000_people", "Medical doctors (per 1,000 people)", "医師数（人口1000人当たり）", "per 1,000 people", -1, "need", "health", "none", (0.0, None)),
    ("health_spending_share", "gapminder", "total_health_spending_percent_of_gdp", "Total health spending (% of GDP, WHO)", "保健医療支出（対GDP比、WHO）", "% of GDP", -1, "need", "health", "none", _PCT),
    ("under5_mortality", "wdi", "SH.DYN.MORT", "Mortality rate, under-5 (per 1,000 live births)", "5歳未満児死亡率（出生1000当たり）", "per 1,000 live births", 1, "need", "health", "none", (0.0, 1000.0)),
    ("population_65plus", "wdi", "SP.POP.65UP.TO.ZS", "Population ages 65 and above (% of total)", "65歳以上人口比率", "% of population", 1, "need", "health", "none", _PCT),
    ("hospital_beds", "wdi", "SH.MED.BEDS.ZS", "Hospital beds (per 1,000 people)", "病床数（人口1000人当たり）", "per 1,000 people", -1, "need", "health", "none", (0.0, None)),
    ("secondary_enrolment", "wdi", "SE.SEC.ENRR", "School enrolment, secondary (% gross)", "中等教育総就学率", "% gross", -1, "need", "education", "none", _PCT_OPEN),
    ("tertiary_enrolment", "wdi", "SE.TER.ENRR", "School enrolment, tertiary (% gross)", "高等教育総就学率", "% gross", -1, "need", "education", "none", _PCT_OPEN),
    ("adult_literacy", "wdi", "SE.ADT.LITR.ZS", "Literacy rate, adult total (% of people ages 15 and above)", "成人識字率", "% of people 15+", -1, "need", "education", "none", _PCT),
    ("population_0_14", "wdi", "SP.POP.0014.TO.ZS", "Population ages 0-14 (% of total)", "0-14歳人口比率", "% of population", 1, "need", "education", "none", _PCT),
    ("education_spending", "wdi", "SE.XPD.TOTL.GD.ZS", "Government expenditure on education (% of GDP)", "政府教育支出（対GDP比）", "% of GDP", -1, "need", "education", "none", _PCT),
    ("coastline_km", "cia_factbook", "coastline_km", "Coastline (km; 0 = landlocked; CIA World Factbook)", "海岸線の長さ（km、内陸国は0、CIAワールドファクトブック）", "km", 1, "need", "geography", "log1p", (0.0, None)),
    ("agriculture_share", "wdi", "NV.AGR.TOTL.ZS", "Agriculture, forestry and fishing, value added (% of GDP)", "農林水産業付加価値（対GDP比）", "% of GDP", 1, "need", "agriculture", "none", _PCT),
    ("urban_population_share", "wdi", "SP.URB.TOTL.IN.ZS", "Urban population (% of total)", "都市人口比率", "% of population", 1, "need", "urban", "none", _PCT),
    ("population_density", "wdi", "EN.POP.DNST", "Population density (people per sq. km of land area)", "人口密度（人/km²）", "people per km²", 1, "need", "urban", "log", (0.0, None)),
    ("pm25", "wdi", "EN.ATM.PM25.MC.M3", "PM2.5 air pollution, mean annual exposure (µg/m³)", "PM2.5 年平均曝露量", "µg/m³", 1, "need", "urban", "none", (0.0, None)),
    ("electricity_access", "wdi", "EG.ELC.ACCS.ZS", "Access to electricity (% of population)", "電力アクセス率", "% of population", -1, "need", "energy", "none", _PCT),
    ("electricity_use_per_capita", "wdi", "EG.USE.ELEC.KH.PC", "Electric power consumption (kWh per capita)", "一人当たり電力消費量（kWh）", "kWh per capita", 1, "need", "energy", "log1p", (0.0, None)),
    ("power_outages_firms", "wdi", "IC.ELC.OUTG.ZS", "Firms experiencing electrical outages (% of firms)", "停電を経験した企業の割合", "% of firms", 1, "need", "energy", "none", _PCT),
    ("japan_net_aid_usd", "wdi_open_numbers", "DC.DAC.JPNL.CD", "Net bilateral aid flows from Japan (current US$; focus countries only)", "日本の二国間援助（純額、米ドル、重点国のみ）", "US$", 1, "ties", "", "signed_log", _FREE),
    ("japan_ict_memorandum", "seed_002", "", "Ministerial ICT memorandum with Japan listed in the MIC initiative (1 = listed, year signed; 0 = not listed as of 2014)", "日本との閣僚級ICT覚書（MIC報告書に記載、締結年。2014年時点で記載なしは0）", "flag", 1, "ties", "", "none", (0.0, 1.0)),
    ("japan_aid_share", "dac_donors", "DC.DAC.{JPN,KOR,USA,DEU,FRA,GBR,CEC,AUS}L.CD", "Japan's share of eight DAC donors' net bilateral aid (absolute values, 5-year sum, %)", "主要DAC8ドナーの二国間援助に占める日本のシェア（絶対値、5年合計、%）", "%", 1, "ties", "", "none", _PCT),
    ("japan_standard_adopted", "dtt_curated", "standard", "Japanese digital TV standard (ISDB-T/ISDB-Tb) adopted (1 = yes, 0 = another standard; year adopted)", "日本方式の地上デジタル放送（ISDB-T/ISDB-Tb）採用（1=採用、0=他方式、採用年）", "flag", 1, "ties", "", "none", (0.0, 1.0)),
]
# fmt: on

#: Japanese rendering of each unit (the English unit is the one uploads must match).
UNIT_JA: dict[str, str] = {
    "%": "%",
    "% gross": "%（総就学率）",
    "% of GDP": "対GDP比（%）",
    "% of firms": "企業の割合（%）",
    "% of labour force": "労働力人口比（%）",
    "% of manufactured exports": "工業製品輸出比（%）",
    "% of people 15+": "15歳以上人口比（%）",
    "% of population": "人口比（%）",
    "% of population per year": "人口比（%/年）",
    "US$": "米ドル",
    "WGI estimate (standard normal units, about -2.5 to 2.5)": "WGI推定値（標準正規単位、概ね-2.5〜2.5）",
    "cables": "本",
    "days": "日",
    "flag": "フラグ（1=該当）",
    "index": "指数",
    "index 0-1": "指数（0〜1）",
    "index 0-10": "指数（0〜10）",
    "intl $": "国際ドル",
    "km": "km",
    "kWh per capita": "kWh/人",
    "people": "人",
    "people per km²": "人/km²",
    "per 1,000 live births": "出生1000当たり",
    "per 1,000 people": "人口1000人当たり",
    "per 100 people": "100人当たり",
    "per million people": "100万人当たり",
    "rank": "順位",
    "score 0-100": "スコア（0〜100）",
    "score 1-5": "スコア（1〜5）",
    "µg/m³": "µg/m³",
}

INDICATORS: tuple[IndicatorSpec, ...] = tuple(IndicatorSpec(*row[:10], row[10][0], row[10][1]) for row in _ROWS)

# --- freshness: how old a value may be and still count -----------------------------------------

#: Window of an indicator without expiry (a fact that stays true: a memorandum signed, a coastline).
NO_LIMIT: None = None
#: How the catalogue file writes :data:`NO_LIMIT` in its ``max_age`` column.
NO_LIMIT_TEXT = "none"
#: Window, in years before the reference year, of an indicator not listed in :data:`FRESHNESS`.
DEFAULT_MAX_AGE = 5


class Freshness(NamedTuple):
    """How many years before the reference year a value still counts (``None`` = no limit), and why."""

    max_age: int | None
    reason: str


_YEARLY = "published every year: an older value describes another economy"
_FAST = "changes from year to year: a rate older than three years says little about today"
_SURVEY = "WHO/UNESCO series, measured every few years and published with a lag"
_EDITIONS = "published in irregular editions, a few years apart"
_FLAG = "a fact that does not expire"

#: Per-indicator freshness window. Ids not in the catalogue (yet) are harmless: the catalogue
#: only reads the windows of its own indicators.
FRESHNESS: dict[str, Freshness] = {
    "gdp_usd": Freshness(5, _YEARLY),
    "population": Freshness(5, _YEARLY),
    "gdp_growth": Freshness(3, _FAST),
    "gdp_pc_growth": Freshness(3, _FAST),
    "population_growth": Freshness(3, _FAST),
    "inflation": Freshness(3, _FAST),
    "unemployment": Freshness(3, _FAST),
    "investment_share": Freshness(5, _YEARLY),
    "fdi_inflow_usd": Freshness(3, _FAST),
    "gdp_pc_usd": Freshness(5, _YEARLY),
    "gni_pc_ppp": Freshness(5, _YEARLY),
    "physicians_per_1000": Freshness(10, _SURVEY),
    "hospital_beds": Freshness(10, _SURVEY),
    "health_spending_share": Freshness(8, _SURVEY),
    "adult_literacy": Freshness(10, _SURVEY + " (census or household survey)"),
    "secondary_enrolment": Freshness(8, _SURVEY),
    "tertiary_enrolment": Freshness(8, _SURVEY),
    "education_spending": Freshness(8, _SURVEY),
    "rd_expenditure": Freshness(8, _SURVEY + " (UNESCO Institute for Statistics)"),
    "researchers_per_million": Freshness(8, _SURVEY + " (UNESCO Institute for Statistics)"),
    "logistics_performance": Freshness(8, _EDITIONS + " (LPI 2007-2023)"),
    "power_outages_firms": Freshness(10, "World Bank Enterprise Surveys: one survey per country every several years"),
    "electricity_use_per_capita": Freshness(8, "energy balances published with a lag of several years"),
    "submarine_cables": Freshness(8, "one snapshot (TeleGeography, 2022); cables last decades"),
    "doing_business_rank": Freshness(8, "discontinued after DB2020 (see ENDED); kept usable for a few years"),
    "business_start_days": Freshness(10, "from Doing Business, which ended (see ENDED); ends in 2017 in the raw file"),
    "japan_ict_memorandum": Freshness(NO_LIMIT, _FLAG + ": a memorandum signed stays signed"),
    # ids another change adds to the catalogue; listed here so they get their window when they arrive
    "coastline_km": Freshness(NO_LIMIT, "geography"),
    "japan_aid_share": Freshness(5, _YEARLY),
    "japan_standard_adopted": Freshness(NO_LIMIT, _FLAG + ": a broadcasting standard adopted stays adopted"),
    "ict_goods_imports_usd": Freshness(8, "the series ends in 2020 by construction"),
    "ict_goods_imports_share": Freshness(8, "the series ends in 2020 by construction"),
}


class Ended(NamedTuple):
    """A series that is no longer published: its last year, what happened, and where that is said."""

    last_year: int
    note: str
    reference: str


_DB_STATEMENT = (
    "World Bank statement, 16 Sept 2021, 'World Bank Group to discontinue Doing Business report', "
    "https://www.worldbank.org/en/news/statement/2021/09/16/world-bank-group-to-discontinue-doing-business-report"
)

#: Discontinued series (or series whose raw file stops and is not continued by another file).
#: Mobile coverage (sdg_mobile, to 2018) is not here: itu_mobile_recent continues it.
ENDED: dict[str, Ended] = {
    "doing_business_rank": Ended(
        2020,
        "Doing Business was discontinued by the World Bank in Sept 2021; the last edition is DB2020.",
        _DB_STATEMENT,
    ),
    "business_start_days": Ended(
        2017,
        "From the World Bank's Doing Business (discontinued in Sept 2021); ends in 2017 in the raw WDI file.",
        _DB_STATEMENT,
    ),
    "worldriskindex": Ended(
        2020,
        "Pre-2022 method of the WorldRiskIndex: ends with the 2020 edition; WorldRiskReport 2022+ is not comparable.",
        "shared/data/raw/SOURCES.md, worldriskindex_2016_2020.csv",
    ),
}


def max_age_of(indicator: str) -> int | None:
    """Freshness window of ``indicator`` in years (``None`` = no limit; default for unlisted ids)."""
    entry = FRESHNESS.get(indicator)
    return DEFAULT_MAX_AGE if entry is None else entry.max_age
