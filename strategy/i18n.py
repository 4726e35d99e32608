"""The one translation table (Japanese / English) for every text a user sees.

Library messages (validation errors) and UI labels both come from here, so a page never holds a
literal string. ``t(key, lang, **values)`` formats the entry with ``str.format``.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
DEFAULT_LANG: Lang = "ja"

TEXT: dict[str, dict[str, str]] = {
    # --- validation messages (strategy.validation) -------------------------------------------
    "err.where": {
        "ja": "ファイル「{file}」{row_part}{column_part}",
        "en": "File '{file}'{row_part}{column_part}",
    },
    "err.row_part": {"ja": " {row}行目", "en": ", row {row}"},
    "err.column_part": {"ja": " 列「{column}」", "en": ", column '{column}'"},
    "err.missing_file": {
        "ja": "必要なファイルがありません。データを再構築してください（python -m strategy.build_data）。",
        "en": "The file is missing. Rebuild the data (python -m strategy.build_data).",
    },
    "err.unreadable": {
        "ja": "ファイルを読み込めません（{detail}）。CSV（UTF-8 / UTF-8 BOM付き / Shift-JIS）または Excel（.xlsx）で保存してください。",
        "en": "The file cannot be read ({detail}). Save it as CSV (UTF-8, UTF-8 with BOM or Shift-JIS) or Excel (.xlsx).",
    },
    "err.empty": {"ja": "データ行がありません。", "en": "The file has no data rows."},
    "err.missing_column": {
        "ja": "必須の列「{column}」がありません（必要な列: {required}）。",
        "en": "Required column '{column}' is missing (required: {required}).",
    },
    "err.unknown_iso3": {
        "ja": "国コード「{value}」は国一覧にありません。ISO 3166-1 の3文字コード（例: VNM）を使ってください。",
        "en": "Country code '{value}' is not in the country list. Use an ISO 3166-1 alpha-3 code (e.g. VNM).",
    },
    "err.duplicate": {
        "ja": "{key} の行が重複しています（{first}行目と同じ）。どちらか一方を削除してください。",
        "en": "Duplicate row for {key} (same as row {first}). Remove one of them.",
    },
    "err.duplicate_id": {
        "ja": "ID「{value}」が重複しています（{first}行目と同じ）。",
        "en": "ID '{value}' appears twice (same as row {first}).",
    },
    "err.not_numeric": {
        "ja": "「{value}」は数値ではありません。",
        "en": "'{value}' is not a number.",
    },
    "err.not_finite": {
        "ja": "値が空欄・NaN・無限大です（{value}）。値のない行は削除してください。",
        "en": "The value is empty, NaN or infinite ({value}). Remove rows without a value.",
    },
    "err.not_year": {
        "ja": "年「{value}」が正しくありません（{low}〜{high} の整数）。",
        "en": "Year '{value}' is not valid (a whole number from {low} to {high}).",
    },
    "err.unknown_indicator": {
        "ja": "指標「{value}」は指標カタログにありません。カタログ（シート「catalog」またはカタログCSV）に定義を追加してください。",
        "en": "Indicator '{value}' has no entry in the indicator catalogue. Add its definition (sheet 'catalog' or a catalogue CSV).",
    },
    "err.wrong_unit": {
        "ja": "単位「{value}」がカタログの単位「{expected}」と一致しません。値を「{expected}」に換算してください。",
        "en": "Unit '{value}' does not match the catalogue unit '{expected}'. Convert the values to '{expected}'.",
    },
    "err.out_of_range": {
        "ja": "値 {value} が指標「{indicator}」の範囲（{low}〜{high}）外です。",
        "en": "Value {value} is outside the range of indicator '{indicator}' ({low} to {high}).",
    },
    "err.bad_choice": {
        "ja": "「{value}」は使えません（使える値: {allowed}）。",
        "en": "'{value}' is not allowed (allowed: {allowed}).",
    },
    "err.bad_reference": {
        "ja": "「{value}」は {target} にありません。",
        "en": "'{value}' is not found in {target}.",
    },
    "err.required_text": {
        "ja": "この欄は必須です（判断の根拠・出典を空欄にしないでください）。",
        "en": "This cell is required (a judgement needs its rationale and reference).",
    },
    "err.id_taken": {
        "ja": "指標ID「{value}」は既存のカタログと重複します。別のIDにしてください。",
        "en": "Indicator id '{value}' already exists in the catalogue. Choose another id.",
    },
    "err.summary": {
        "ja": "{n}件の問題が見つかりました。何も保存・反映していません。",
        "en": "{n} problem(s) found. Nothing was saved or applied.",
    },
    # --- UI (app and pages) ---
    "ui.app_title": {"ja": "ICT国際展開 戦略支援ツール", "en": "ICT Export Strategy Support Tool"},
    "ui.lang_label": {"ja": "言語 / Language", "en": "言語 / Language"},
    "ui.lang.ja": {"ja": "日本語", "en": "日本語"},
    "ui.lang.en": {"ja": "English", "en": "English"},
    "ui.page.home": {"ja": "ホーム", "en": "Home"},
    "ui.page.data": {"ja": "データと出典", "en": "Data & sources"},
    "ui.sidebar.version": {"ja": "データ版 {version}", "en": "Data version {version}"},
    "ui.sidebar.upload_active": {
        "ja": "このセッションでは、アップロードした指標（{n}件）を含めて表示しています。保存はされません。",
        "en": "This session includes {n} uploaded indicator(s). Nothing is saved.",
    },
    "ui.data_error.title": {
        "ja": "データを読み込めませんでした。{n}件の問題があります。",
        "en": "The data could not be loaded: {n} problem(s).",
    },
    "ui.data_error.hint": {
        "ja": "data/countries/ の該当ファイルを修正するか、`python -m strategy.build_data` でデータを再構築してから、ページを再読み込みしてください。",
        "en": "Fix the file(s) in data/countries/ or rebuild the data with `python -m strategy.build_data`, then reload the page.",
    },
    "ui.data_error.unexpected": {
        "ja": "データの読み込み中に予期しない問題が起きました（{detail}）。",
        "en": "An unexpected problem occurred while reading the data ({detail}).",
    },
    "ui.na": {"ja": "データなし", "en": "no data"},
    "ui.years_range": {"ja": "{start}〜{end}年", "en": "{start}–{end}"},
    "ui.list_sep": {"ja": "、", "en": ", "},
    # home
    "ui.home.intro": {
        "ja": "総務省「ICT国際競争力強化・国際展開イニシアティブ」は、限られたリソースを最大限有効に活用するため、"
        "次の3点を明確にした「国別・分野別戦略」を求めています。このツールは、出典付きの公開データと根拠付きの判断データから、"
        "3つの問いに答えるための材料を示します。",
        "en": "Japan's MIC initiative on ICT international competitiveness asks for country- and field-specific "
        "strategies that make three choices explicit, so that limited resources are used to best effect. "
        "This tool brings together published data (with source, year and licence) and documented judgements "
        "to inform those three choices.",
    },
    "ui.home.q1.title": {"ja": "① 何を戦うか（分野）", "en": "① Which field to compete in"},
    "ui.home.q1.body": {
        "ja": "ICT分野ごとに、日本の強み、必要な費用・人員、各市場のニーズを比べます。"
        "段階: 1 ICTインフラ・情報セキュリティ → 2 防災・環境・エネルギー・交通・金融などのアプリケーションとコンテンツ → "
        "3 遠隔医療・遠隔教育・スマート農業・自治体クラウドなどのイノベーション。",
        "en": "Compare ICT fields by Japan's strength, the cost and staff they need, and each market's need. "
        "Phases: 1 ICT infrastructure and information security → 2 applications (disaster prevention, "
        "environment, energy, transport, finance, ...) and content → 3 innovation (telemedicine, remote "
        "education, smart agriculture, municipal cloud).",
    },
    "ui.home.q2.title": {"ja": "② どこで戦うか（市場）", "en": "② Which market to compete in"},
    "ui.home.q2.body": {
        "ja": "国・地域を、市場規模・成長性・所得水準・デジタル基盤・ガバナンス・安定性・社会課題（防災など）・日本との関係で評価します。"
        "まず重点市場としてASEAN10か国とインドを比較します。",
        "en": "Assess countries by market size, growth, income, digital infrastructure, governance, stability, "
        "social needs (such as disaster risk) and ties with Japan, starting with the focus markets: "
        "ASEAN-10 and India.",
    },
    "ui.home.q3.title": {"ja": "③ どこと戦うか（競争相手）", "en": "③ Which competitor to face"},
    "ui.home.q3.body": {
        "ja": "中国・韓国・米国・欧州などの競合が、どの市場・分野にどの程度進出しているかを、海底ケーブルの供給者、"
        "地上デジタル放送の方式、中国の通信分野への公的融資などの根拠データと、競合の強さの判断から示します。",
        "en": "Show where rivals such as China, Korea, the US and Europe are present and how strong they are, "
        "from evidence (submarine cable suppliers, digital TV standards, China's official finance for "
        "communications) and judged rival strength per field.",
    },
    "ui.home.quote": {
        "ja": "「前述した①何を戦うか（分野）、②どこで戦うか（市場）、③どこと戦うか（競争相手）を明確にした"
        "「国別・分野別戦略」を策定し、それに基づき国際展開することが重要である。」"
        "— 総務省「ICT国際競争力強化・国際展開イニシアティブ（中間とりまとめ）」2014年",
        "en": '"It is important to draw up country- and field-specific strategies that make clear ① which field '
        "to compete in, ② which market to compete in and ③ which competitor to face, and to expand "
        'internationally on that basis." — MIC, ICT International Competitiveness and International '
        "Expansion Initiative (interim summary), 2014 (our translation)",
    },
    "ui.home.data_title": {"ja": "収録データ", "en": "Bundled data"},
    "ui.metric.countries": {"ja": "国・地域", "en": "Countries and territories"},
    "ui.metric.indicators": {"ja": "指標", "en": "Indicators"},
    "ui.metric.sources": {"ja": "出典", "en": "Sources"},
    "ui.metric.years": {"ja": "データの年", "en": "Data years"},
    "ui.home.judgements": {
        "ja": "判断データ（根拠・出典付き、編集可能）：ICT分野 {fields}、競合 {rivals}（日本を除く）、競合の強さ {strengths}件。",
        "en": "Judgements (with rationale and reference, editable): {fields} ICT fields, {rivals} rivals "
        "(besides Japan), {strengths} rival-strength ratings.",
    },
    "ui.home.data_note": {
        "ja": "すべての値は出典・年・ライセンスとともに保持しています。指標の一覧、データの新しさ、ライセンス、判断データの根拠は"
        "「データと出典」ページで確認できます。",
        "en": "Every value keeps its source, year and licence. See the Data & sources page for the indicator "
        "catalogue, how recent the data are, licences, and the rationale behind each judgement.",
    },
    "ui.home.focus_title": {
        "ja": "重点市場（ASEAN10か国＋インド）の主要指標",
        "en": "Focus markets (ASEAN-10 + India): key indicators",
    },
    "ui.home.focus_caption": {
        "ja": "各国の最新値と、その値の年（国・指標によって年が異なります）。空欄はデータなし（値を補っていません）。",
        "en": "Latest value per country and the year of that value (years differ by country and indicator). "
        "Blank = no data (nothing is filled in).",
    },
    "ui.home.sources_label": {"ja": "出典", "en": "Sources"},
    "ui.source_item": {
        "ja": "{names}：{publisher}「{title}」（{licence}）",
        "en": "{names}: {publisher}, {title} ({licence})",
    },
    "ui.col.country": {"ja": "国", "en": "Country"},
    "ui.col.iso3": {"ja": "ISO3", "en": "ISO3"},
    "ui.col.income_group": {"ja": "所得区分", "en": "Income group"},
    "ui.col.income_group_help": {
        "ja": "世界銀行の所得分類（FY2025）",
        "en": "World Bank income classification (FY2025)",
    },
    "ui.col.dtt": {"ja": "地デジ方式", "en": "Digital TV"},
    "ui.col.dtt_help": {
        "ja": "地上デジタルテレビ放送の方式（出典は「データと出典」の地デジ方式）",
        "en": "Digital terrestrial TV standard (sources: Data & sources, Digital TV standards)",
    },
    "ui.col.year": {"ja": "年", "en": "Year"},
    "ui.col.value_in_year": {"ja": "{name}・{year}年", "en": "{name}, {year}"},
    "ui.col.value_in_year_help": {
        "ja": "{name}。全ての国で{year}年の値です。",
        "en": "{name}. All values are for {year}.",
    },
    "ui.col.year_help": {"ja": "「{name}」の値の年", "en": "Year of the value of '{name}'"},
    "ui.key.gdp_usd": {"ja": "名目GDP（億ドル）", "en": "GDP (US$ bn)"},
    "ui.key.population": {"ja": "人口（万人）", "en": "Population (m)"},
    "ui.key.gdp_pc_usd": {"ja": "1人当たりGDP（ドル）", "en": "GDP per head (US$)"},
    "ui.key.internet_users": {"ja": "ネット利用率（%）", "en": "Internet users (%)"},
    "ui.key.inform_natural_hazard": {"ja": "自然災害ハザード（0-10）", "en": "Natural hazard (0-10)"},
    "ui.income.High income": {"ja": "高所得", "en": "High income"},
    "ui.income.Upper middle income": {"ja": "上位中所得", "en": "Upper middle income"},
    "ui.income.Lower middle income": {"ja": "下位中所得", "en": "Lower middle income"},
    "ui.income.Low income": {"ja": "低所得", "en": "Low income"},
    "ui.upload.in_use": {
        "ja": "このセッションでアップロードした値を含みます（出典「upload」）。",
        "en": "Includes values uploaded in this session (source 'upload').",
    },
    # data & sources page
    "ui.data.intro": {
        "ja": "このツールが使うすべてのデータです。**測定データ**（公的統計などの公開値。出典・年・ライセンス付き）と、"
        "**判断データ**（日本の強み・競合の強さ・費用など。根拠と出典を付した、編集可能な評価）を分けて示します。"
        "測定値がない箇所は値を作らず「データなし」とします。",
        "en": "All data the tool uses. **Measured data** (published statistics, each with source, year and "
        "licence) are kept apart from **judgements** (Japan's strength, rival strength, cost, ...: editable "
        "assessments, each with rationale and reference). Where no measured value exists, none is invented: "
        "it shows as 'no data'.",
    },
    "ui.data.licence_warning": {
        "ja": "**ライセンスに注意**：TeleGeography の海底ケーブルデータは CC BY-NC-SA 3.0（**非商用**・継承）です。"
        "EM-DAT（自然災害の被災者数）は利用規約で**商用の再配布が制限**されています。"
        "商用目的で結果を出力・再配布する場合は、これらの指標を除くか、権利者の許諾を得てください。",
        "en": "**Licences**: TeleGeography submarine cable data are CC BY-NC-SA 3.0 (**non-commercial**, "
        "share-alike). EM-DAT (people affected by disasters) terms **restrict commercial redistribution**. "
        "Before exporting or redistributing results for commercial use, leave these indicators out or obtain "
        "permission from the rights holders.",
    },
    "ui.data.section": {"ja": "表示する内容", "en": "Show"},
    "ui.tab.catalog": {"ja": "指標カタログ", "en": "Indicator catalogue"},
    "ui.tab.coverage": {"ja": "データの新しさ", "en": "Coverage"},
    "ui.tab.sources": {"ja": "出典とライセンス", "en": "Sources and licences"},
    "ui.tab.judgement": {"ja": "判断（編集可能）", "en": "Judgement (editable)"},
    "ui.tab.dtt": {"ja": "地デジ方式", "en": "Digital TV standards"},
    "ui.tab.memoranda": {"ja": "日本とのICT覚書", "en": "Japan ICT memoranda"},
    "ui.tab.upload": {"ja": "指標の追加", "en": "Upload an indicator"},
    "ui.kind.measured": {"ja": "測定データ", "en": "Measured data"},
    "ui.col.indicator_id": {"ja": "指標ID", "en": "Indicator id"},
    "ui.col.indicator": {"ja": "指標", "en": "Indicator"},
    "ui.col.unit": {"ja": "単位", "en": "Unit"},
    "ui.col.pillar": {"ja": "評価軸", "en": "Pillar"},
    "ui.col.theme": {"ja": "テーマ", "en": "Theme"},
    "ui.col.direction": {"ja": "向き", "en": "Direction"},
    "ui.col.transform": {"ja": "変換", "en": "Transform"},
    "ui.col.source": {"ja": "出典", "en": "Source"},
    "ui.col.licence": {"ja": "ライセンス", "en": "Licence"},
    "ui.col.n_countries": {"ja": "データのある国数", "en": "Countries with data"},
    "ui.col.years": {"ja": "年の範囲", "en": "Years"},
    "ui.col.description": {"ja": "説明（英語）", "en": "Description"},
    "ui.data.catalog_caption": {
        "ja": "{n}指標。向き：↑ 値が高いほどその評価軸の点が上がる／↓ 低いほど上がる（「社会課題・ニーズ」では、高いほどニーズが大きい）。"
        "変換：規模を表す指標などは対数に変換してから比べます。",
        "en": "{n} indicators. Direction: ↑ a higher value raises the pillar score, ↓ a lower value raises it "
        "(for 'social needs', higher = more need). Transform: sizes and similar skewed indicators are "
        "log-transformed before comparison.",
    },
    "ui.direction.up": {"ja": "↑ 高いほど加点", "en": "↑ higher scores more"},
    "ui.direction.down": {"ja": "↓ 低いほど加点", "en": "↓ lower scores more"},
    "ui.pillar.size": {"ja": "市場規模", "en": "Market size"},
    "ui.pillar.growth": {"ja": "成長性", "en": "Growth"},
    "ui.pillar.income": {"ja": "所得水準", "en": "Income"},
    "ui.pillar.digital": {"ja": "デジタル基盤", "en": "Digital infrastructure"},
    "ui.pillar.business": {"ja": "ビジネス環境・ガバナンス", "en": "Business & governance"},
    "ui.pillar.stability": {"ja": "安定性", "en": "Stability"},
    "ui.pillar.need": {"ja": "社会課題・ニーズ", "en": "Social needs"},
    "ui.pillar.ties": {"ja": "日本との関係", "en": "Ties with Japan"},
    "ui.theme.disaster": {"ja": "防災", "en": "Disaster"},
    "ui.theme.health": {"ja": "医療・健康", "en": "Health"},
    "ui.theme.education": {"ja": "教育", "en": "Education"},
    "ui.theme.agriculture": {"ja": "農業", "en": "Agriculture"},
    "ui.theme.urban": {"ja": "都市", "en": "Urban"},
    "ui.theme.energy": {"ja": "エネルギー", "en": "Energy"},
    "ui.transform.none": {"ja": "なし", "en": "none"},
    "ui.transform.log": {"ja": "対数", "en": "log"},
    "ui.transform.log1p": {"ja": "対数（1+x）", "en": "log (1+x)"},
    "ui.transform.signed_log": {"ja": "符号付き対数", "en": "signed log"},
    "ui.unit.US$": {"ja": "米ドル", "en": "US$"},
    "ui.unit.intl $": {"ja": "国際ドル", "en": "intl $"},
    "ui.unit.people": {"ja": "人", "en": "people"},
    "ui.unit.%": {"ja": "%", "en": "%"},
    "ui.unit.% of population": {"ja": "人口比 %", "en": "% of population"},
    "ui.unit.% of GDP": {"ja": "対GDP比 %", "en": "% of GDP"},
    "ui.unit.% gross": {"ja": "総就学率 %", "en": "% gross"},
    "ui.unit.% of manufactured exports": {"ja": "工業製品輸出比 %", "en": "% of manufactured exports"},
    "ui.unit.% of labour force": {"ja": "労働力人口比 %", "en": "% of labour force"},
    "ui.unit.% of people 15+": {"ja": "15歳以上人口比 %", "en": "% of people 15+"},
    "ui.unit.% of firms": {"ja": "企業の %", "en": "% of firms"},
    "ui.unit.% of population per year": {"ja": "人口比 %（年平均）", "en": "% of population per year"},
    "ui.unit.per 100 people": {"ja": "100人当たり", "en": "per 100 people"},
    "ui.unit.per million people": {"ja": "100万人当たり", "en": "per million people"},
    "ui.unit.per 1,000 people": {"ja": "1000人当たり", "en": "per 1,000 people"},
    "ui.unit.per 1,000 live births": {"ja": "出生1000当たり", "en": "per 1,000 live births"},
    "ui.unit.index 0-10": {"ja": "指数 0〜10", "en": "index 0-10"},
    "ui.unit.index 0-1": {"ja": "指数 0〜1", "en": "index 0-1"},
    "ui.unit.index": {"ja": "指数", "en": "index"},
    "ui.unit.score 0-100": {"ja": "スコア 0〜100", "en": "score 0-100"},
    "ui.unit.score 1-5": {"ja": "スコア 1〜5", "en": "score 1-5"},
    "ui.unit.rank": {"ja": "順位", "en": "rank"},
    "ui.unit.days": {"ja": "日", "en": "days"},
    "ui.unit.cables": {"ja": "本", "en": "cables"},
    "ui.unit.flag": {"ja": "有無（1＝あり）", "en": "flag (1 = yes)"},
    "ui.unit.people per km²": {"ja": "人/km²", "en": "people per km²"},
    "ui.unit.kWh per capita": {"ja": "kWh/人", "en": "kWh per capita"},
    "ui.unit.µg/m³": {"ja": "µg/m³", "en": "µg/m³"},
    "ui.cov.scope": {"ja": "表示する国・地域", "en": "Countries shown"},
    "ui.scope.focus": {"ja": "重点11か国（ASEAN＋インド）", "en": "Focus markets (ASEAN-10 + India)"},
    "ui.scope.all": {"ja": "すべての国・地域", "en": "All countries and territories"},
    "ui.region.Africa": {"ja": "アフリカ", "en": "Africa"},
    "ui.region.Americas": {"ja": "南北アメリカ", "en": "Americas"},
    "ui.region.Asia": {"ja": "アジア", "en": "Asia"},
    "ui.region.Europe": {"ja": "ヨーロッパ", "en": "Europe"},
    "ui.region.Oceania": {"ja": "オセアニア", "en": "Oceania"},
    "ui.cov.colorbar": {"ja": "最新値の経過年数", "en": "Age of the latest value (years)"},
    "ui.cov.missing": {"ja": "データなし", "en": "No data"},
    "ui.cov.legend": {
        "ja": "色は、{year}年を基準にした各国・各指標の最新値の古さ（年数）です。濃い青＝新しい、黄色＝{cap}年以上前。"
        "**灰色＝データなし**（値を補っていません）。指標は評価軸ごとにまとめて並べています。",
        "en": "Colour = how old each country's latest value is, in years before {year}: dark blue = recent, "
        "yellow = {cap} or more years old. **Grey = no data** (nothing is filled in). Indicators are grouped "
        "by pillar.",
    },
    "ui.cov.summary": {
        "ja": "{countries}か国・地域 × {indicators}指標のうち、値のあるセルは {share}% です。",
        "en": "{share}% of the {countries} countries × {indicators} indicators have a value.",
    },
    "ui.cov.cap_tick": {"ja": "{cap}年以上", "en": "{cap}+"},
    "ui.col.licence_note": {"ja": "利用上の注意", "en": "Use restrictions"},
    "ui.licence.noncommercial": {"ja": "⚠ 非商用のみ", "en": "⚠ non-commercial only"},
    "ui.licence.restricted": {"ja": "⚠ 商用の再配布に制限", "en": "⚠ commercial redistribution restricted"},
    "ui.licence.unclear": {"ja": "要確認（ライセンス不明確）", "en": "check (licence unclear)"},
    "ui.col.source_id": {"ja": "出典ID", "en": "Source id"},
    "ui.col.publisher": {"ja": "発行者", "en": "Publisher"},
    "ui.col.title": {"ja": "名称", "en": "Title"},
    "ui.col.snapshot": {"ja": "取得時点", "en": "Snapshot"},
    "ui.col.url": {"ja": "リンク", "en": "Link"},
    "ui.col.repository": {"ja": "取得元（リポジトリ・ファイル）", "en": "Obtained from (repository, file)"},
    "ui.col.commit": {"ja": "コミット", "en": "Commit"},
    "ui.col.used_by": {"ja": "使用指標数", "en": "Indicators"},
    "ui.sources.caption": {
        "ja": "公開リポジトリのファイルとコミットを記録しているため、同じデータを再現できます。ライセンスは原典の表示に従ってください。",
        "en": "The repository file and commit of each source are recorded, so the data can be reproduced. "
        "Follow each original's licence terms.",
    },
    "ui.judgement.title": {"ja": "判断（編集可能）", "en": "Judgement (editable)"},
    "ui.judgement.intro": {
        "ja": "以下は測定値ではなく**判断**です。すべての値に根拠と出典があり、data/countries/ の CSV "
        "（{files}）を編集して変更できます。編集したファイルは読み込み時に検証されます。",
        "en": "These are **judgements**, not measurements. Each value has a rationale and a reference, and can "
        "be changed by editing the CSV files in data/countries/ ({files}); edited files are validated when loaded.",
    },
    "ui.judgement.fields": {
        "ja": "ICT分野：日本の強み・費用・人員（判断）",
        "en": "ICT fields: Japan's strength, cost and staff (judgement)",
    },
    "ui.judgement.drivers": {
        "ja": "分野ごとのニーズ・準備度を表す指標（判断）",
        "en": "Indicators of each field's need and readiness (judgement)",
    },
    "ui.judgement.rival_strength": {"ja": "競合の強さ（分野別、判断）", "en": "Rival strength by field (judgement)"},
    "ui.judgement.cable": {
        "ja": "海底ケーブル供給者の国・地域（競合への割当、判断）",
        "en": "Submarine cable suppliers' home (assigned to rivals, judgement)",
    },
    "ui.col.field": {"ja": "分野", "en": "Field"},
    "ui.col.phase": {"ja": "段階", "en": "Phase"},
    "ui.col.prerequisites": {"ja": "前提となる分野", "en": "Prerequisite fields"},
    "ui.col.japan_strength": {"ja": "日本の強み（0〜1）", "en": "Japan's strength (0-1)"},
    "ui.col.rationale": {"ja": "根拠", "en": "Rationale"},
    "ui.col.reference": {"ja": "出典・参考", "en": "Reference"},
    "ui.col.cost": {"ja": "費用（相対値）", "en": "Cost (relative)"},
    "ui.col.staff": {"ja": "人員（相対値）", "en": "Staff (relative)"},
    "ui.col.seed_reference": {"ja": "政策文書の該当箇所", "en": "Policy document reference"},
    "ui.col.preset": {"ja": "プリセット", "en": "Preset"},
    "ui.judgement.presets": {
        "ja": "評価軸の重みのプリセット（判断）",
        "en": "Pillar weight presets (judgement)",
    },
    "ui.col.cost_staff_rationale": {"ja": "費用・人員の根拠", "en": "Cost and staff rationale"},
    "ui.col.rival": {"ja": "競合", "en": "Rival"},
    "ui.col.strength": {"ja": "強さ（0〜1）", "en": "Strength (0-1)"},
    "ui.col.role": {"ja": "役割", "en": "Role"},
    "ui.col.weight": {"ja": "重み", "en": "Weight"},
    "ui.col.supplier": {"ja": "供給者", "en": "Supplier"},
    "ui.role.need": {"ja": "ニーズ", "en": "need"},
    "ui.role.readiness": {"ja": "準備度", "en": "readiness"},
    "ui.rival.OTHER": {"ja": "その他", "en": "Other"},
    "ui.dtt.title": {
        "ja": "地上デジタルテレビ放送の方式（国別、1行ごとに出典付き）",
        "en": "Digital terrestrial TV standard by country (one cited source per row)",
    },
    "ui.dtt.caption": {
        "ja": "ISDB-T は日本方式、ISDB-Tb はそのブラジル改良版です。{n}か国・地域。",
        "en": "ISDB-T is the Japanese standard; ISDB-Tb is its Brazilian variant. {n} countries.",
    },
    "ui.col.standard": {"ja": "方式", "en": "Standard"},
    "ui.col.year_adopted": {"ja": "採用年", "en": "Year adopted"},
    "ui.col.quote": {"ja": "引用", "en": "Quote"},
    "ui.col.note": {"ja": "注記", "en": "Note"},
    "ui.mem.title": {
        "ja": "日本との閣僚級ICT覚書（総務省イニシアティブに記載されたもの）",
        "en": "Ministerial ICT memoranda with Japan (as listed in the MIC initiative)",
    },
    "ui.col.date": {"ja": "時期", "en": "Date"},
    "ui.col.level": {"ja": "種類", "en": "Level"},
    "ui.upload.title": {
        "ja": "指標を追加する（このセッションのみ・保存しません）",
        "en": "Add an indicator (this session only, nothing is saved)",
    },
    "ui.upload.help": {
        "ja": "1行に1つの値（国×指標×年）を並べた縦長の表をアップロードします。必須の列：\n\n"
        "| 列 | 内容 | 例 |\n|---|---|---|\n"
        "| iso3 | ISO 3166-1 の3文字の国コード | VNM |\n"
        "| indicator | 指標ID（カタログにある指標、または新しい指標） | internet_users |\n"
        "| year | 年（整数） | 2024 |\n"
        "| value | 数値（空欄・NaN は不可） | 80.5 |\n"
        "| unit | 単位（カタログの単位と同じ表記） | % of population |\n\n"
        "**新しい指標**を追加するときは Excel（.xlsx）を使い、値をシート「values」に、指標の定義をシート「catalog」に入れます。"
        "catalog の列：indicator、name_en、name_ja、unit、direction（1 または -1）、pillar（{pillars}）、"
        "transform（{transforms}）、任意で min_value、max_value、description、licence。\n\n"
        "CSV は UTF-8（BOM付き可）または Shift-JIS で保存してください。問題があれば、すべての問題をファイル・行・列とともに示し、何も反映しません。",
        "en": "Upload a long table with one value (country × indicator × year) per row. Required columns:\n\n"
        "| column | meaning | example |\n|---|---|---|\n"
        "| iso3 | ISO 3166-1 alpha-3 country code | VNM |\n"
        "| indicator | indicator id (in the catalogue, or a new one) | internet_users |\n"
        "| year | year (whole number) | 2024 |\n"
        "| value | number (no blanks or NaN) | 80.5 |\n"
        "| unit | unit, spelled as in the catalogue | % of population |\n\n"
        "To add a **new indicator**, use Excel (.xlsx): values in a sheet 'values' and the indicator's "
        "definition in a sheet 'catalog' with columns indicator, name_en, name_ja, unit, direction (1 or -1), "
        "pillar ({pillars}), transform ({transforms}), and optionally min_value, max_value, description, licence.\n\n"
        "Save CSV files as UTF-8 (with or without BOM) or Shift-JIS. If anything is wrong, every problem is "
        "listed with its file, row and column, and nothing is applied.",
    },
    "ui.upload.label": {"ja": "CSV または Excel（.xlsx）ファイル", "en": "CSV or Excel (.xlsx) file"},
    "ui.upload.template_csv": {"ja": "CSVのひな形", "en": "CSV template"},
    "ui.upload.template_xlsx": {"ja": "Excelのひな形（新しい指標用）", "en": "Excel template (new indicator)"},
    "ui.upload.success": {
        "ja": "「{file}」から {rows}行を追加しました。このセッションの間だけ有効で、ディスクには保存しません。",
        "en": "Added {rows} row(s) from '{file}'. They apply to this session only; nothing is written to disk.",
    },
    "ui.upload.added_title": {"ja": "このセッションで追加した値", "en": "Values added in this session"},
    "ui.upload.clear": {"ja": "追加した値をすべて取り消す", "en": "Remove all added values"},
    "ui.upload.stale": {
        "ja": "データが更新されたため、このセッションで追加した値は取り消されました。もう一度アップロードしてください。",
        "en": "The bundled data changed, so the values added in this session were dropped. Upload them again.",
    },
    "ui.col.file": {"ja": "ファイル", "en": "File"},
    "ui.col.rows": {"ja": "行数", "en": "Rows"},
    "ui.col.new_indicator": {"ja": "新しい指標", "en": "New indicator"},
}


def t(key: str, lang: Lang = DEFAULT_LANG, /, **values: object) -> str:
    """Return the text for ``key`` in ``lang``, formatted with ``values``.

    A missing key is a programming error and raises ``KeyError`` (a test checks every key has
    both languages).
    """
    entry = TEXT[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
