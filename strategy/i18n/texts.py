"""The one translation table (Japanese / English) for every text a user sees.

Library messages (validation errors) and UI labels both come from here, so a page never holds a
literal string. ``t(key, lang, **values)`` formats the entry with ``str.format``.
"""

from __future__ import annotations

import math
from typing import Literal

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
DEFAULT_LANG: Lang = "ja"

TEXT: dict[str, dict[str, str]] = {
    # --- validation messages (strategy.data.validation) -------------------------------------------
    "err.where": {
        "ja": "ファイル「{file}」{row_part}{column_part}",
        "en": "File '{file}'{row_part}{column_part}",
    },
    "err.row_part": {"ja": " {row}行目", "en": ", row {row}"},
    "err.column_part": {"ja": " 列「{column}」", "en": ", column '{column}'"},
    "err.missing_file": {
        "ja": "必要なファイルがありません。データを再構築してください（python -m strategy.data.build）。",
        "en": "The file is missing. Rebuild the data (python -m strategy.data.build).",
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
    "err.scenario_where": {"ja": "シナリオ項目「{path}」：", "en": "Scenario field '{path}': "},
    "err.scenario_type": {
        "ja": "形式が正しくありません（{expected} が必要です）。",
        "en": "Wrong type (expected {expected}).",
    },
    "type.number": {"ja": "数値", "en": "a number"},
    "type.integer": {"ja": "整数", "en": "a whole number"},
    "type.text": {"ja": "文字列", "en": "text"},
    "type.object": {"ja": "項目の組（JSONオブジェクト）", "en": "an object"},
    "type.list": {"ja": "リスト", "en": "a list"},
    "type.true/false": {"ja": "true / false", "en": "true or false"},
    "err.scenario_unknown": {
        "ja": "不明な項目「{key}」です。綴りを確認してください。",
        "en": "Unknown field '{key}'. Check the spelling.",
    },
    "err.scenario_value": {"ja": "値が不正です（{detail}）。", "en": "Invalid value ({detail})."},
    "err.scenario_json": {
        "ja": "JSONとして読み込めません（{detail}）。",
        "en": "The file is not valid JSON ({detail}).",
    },
    "err.scenario_schema": {
        "ja": "シナリオ形式のバージョン {value} には対応していません（対応: {expected}）。",
        "en": "Scenario format version {value} is not supported (supported: {expected}).",
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
    "ui.page.focus": {"ja": "ASEAN＋インド比較", "en": "ASEAN + India comparison"},
    "ui.page.country": {"ja": "国別プロファイル", "en": "Country profile"},
    "ui.page.scenarios": {"ja": "⑥ シナリオと出力", "en": "⑥ Scenarios & exports"},
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
        "ja": "data/countries/ の該当ファイルを修正するか、`python -m strategy.data.build` でデータを再構築してから、ページを再読み込みしてください。",
        "en": "Fix the file(s) in data/countries/ or rebuild the data with `python -m strategy.data.build`, then reload the page.",
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
    "ui.home.now_title": {"ja": "現在のシナリオの要点", "en": "The current scenario at a glance"},
    "ui.home.top_markets": {"ja": "有望市場（市場スコア上位）", "en": "Top markets (market score)"},
    "ui.home.top_fields": {"ja": "有望分野（機会スコア）", "en": "Top fields (opportunity)"},
    "ui.home.top_fields_note": {
        "ja": "分野の値 = その分野で機会スコアが高い上位5か国の平均。括弧内は最も有望な国。",
        "en": "A field's value is the mean opportunity of its five best markets; in brackets, the best one.",
    },
    "ui.home.top_rivals": {
        "ja": "主な競争相手（機会上位{n}組での主要競合）",
        "en": "Main rivals (main rival in the top {n} pairs)",
    },
    "ui.home.rival_line": {
        "ja": "{pairs}組（うち実測の進出根拠あり {measured}%）",
        "en": "{pairs} pairs ({measured}% with measured presence)",
    },
    "ui.home.open_pairs": {
        "ja": "競合の進出なし（空白）: {pairs}組",
        "en": "No rival present (white space): {pairs} pairs",
    },
    "ui.home.plan_title": {"ja": "計画（最後に解いた結果）", "en": "Plan (last solved)"},
    "ui.home.plan_none": {
        "ja": "まだ計画を解いていません。④ 計画 のページで予算と条件を決めて「解く」を押してください。",
        "en": "No plan solved yet. Set the budget and rules on ④ Plan and press Solve.",
    },
    "ui.home.plan_failed": {
        "ja": "最後の計算では条件を満たす計画がありませんでした。④ 計画 のページで衝突している条件を確認してください。",
        "en": "The last solve found no plan meeting the rules. See ④ Plan for the constraints that clash.",
    },
    "ui.home.plan_value": {"ja": "計画の価値（目的関数）", "en": "Plan value (objective)"},
    "ui.home.plan_budget": {"ja": "予算の使用 / 上限", "en": "Budget used / limit"},
    "ui.home.plan_counts": {
        "ja": "{countries}か国・{entries}件の参入",
        "en": "{entries} entries in {countries} countries",
    },
    "ui.home.plan_status.feasible": {
        "ja": "注意: 時間制限で停止。最適性は証明されていません。",
        "en": "Note: stopped by the time limit; not proven optimal.",
    },
    "ui.home.plan_status.heuristic": {"ja": "注意: 貪欲法による結果です。", "en": "Note: a greedy result."},
    "ui.home.go_markets": {"ja": "市場の順位と内訳へ", "en": "Market ranking and breakdown"},
    "ui.home.go_fields": {"ja": "分野の適合度へ", "en": "Field fit"},
    "ui.home.go_rivals": {"ja": "競争相手の脅威へ", "en": "Rival threat"},
    "ui.home.go_plan": {"ja": "計画を解く・見直す", "en": "Solve or revise the plan"},
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
    # scoring pages (markets, fields, competitors) and their shared sidebar settings
    "ui.page.fields": {"ja": "① 何を戦うか（分野）", "en": "① Fields: what to compete in"},
    "ui.page.markets": {"ja": "② どこで戦うか（市場）", "en": "② Markets: where to compete"},
    "ui.page.competitors": {"ja": "③ どこと戦うか（競争相手）", "en": "③ Competitors: whom we face"},
    "ui.sc.settings_title": {"ja": "評価の設定（3ページ共通）", "en": "Scoring settings (all three pages)"},
    "ui.sc.scope": {"ja": "比較する国・地域", "en": "Countries compared"},
    "ui.sc.scope_help": {
        "ja": "指標の正規化（比べられる尺度への換算）は、ここで選んだ国の中で行います。対象を変えると同じ国でもスコアが変わります。"
        "日本（自国市場）は常に除きます。",
        "en": "Indicators are normalised across the countries chosen here, so a country can score differently in "
        "another selection. Japan (the home market) is always left out.",
    },
    "ui.sc.scope.all": {"ja": "すべての国", "en": "All countries"},
    "ui.sc.scope.focus": {"ja": "重点11か国（ASEAN＋インド）", "en": "Focus markets (ASEAN-10 + India)"},
    "ui.sc.scope.region": {"ja": "地域で選ぶ", "en": "By region"},
    "ui.sc.scope.income": {"ja": "所得区分で選ぶ", "en": "By income group"},
    "ui.sc.scope.membership": {"ja": "加盟枠組みで選ぶ", "en": "By membership"},
    "ui.sc.colon": {"ja": "：", "en": ": "},
    "ui.sc.regions": {"ja": "地域", "en": "Regions"},
    "ui.sc.regions_help": {"ja": "国連の地域区分（M49）。複数選べます。", "en": "UN M49 regions; choose one or more."},
    "ui.sc.incomes": {"ja": "所得区分", "en": "Income groups"},
    "ui.sc.memberships": {"ja": "加盟枠組み", "en": "Memberships"},
    "ui.sc.memberships_help": {
        "ja": "選んだ枠組みのいずれかに加盟している国を比べます。",
        "en": "Countries that belong to any of the chosen groups.",
    },
    "ui.member.asean": {"ja": "ASEAN", "en": "ASEAN"},
    "ui.member.apec": {"ja": "APEC", "en": "APEC"},
    "ui.member.g20": {"ja": "G20", "en": "G20"},
    "ui.member.g7": {"ja": "G7", "en": "G7"},
    "ui.member.oecd": {"ja": "OECD", "en": "OECD"},
    "ui.member.brics": {"ja": "BRICS", "en": "BRICS"},
    "ui.member.eu": {"ja": "EU", "en": "EU"},
    "ui.member.ldc": {"ja": "後発開発途上国（LDC）", "en": "Least developed countries (LDC)"},
    "ui.member.lldc": {"ja": "内陸開発途上国（LLDC）", "en": "Landlocked developing countries (LLDC)"},
    "ui.member.sids": {"ja": "小島嶼開発途上国（SIDS）", "en": "Small island developing states (SIDS)"},
    "ui.member.fcs": {"ja": "脆弱・紛争影響国（FCS）", "en": "Fragile and conflict-affected (FCS)"},
    "ui.sc.territories": {"ja": "国以外の地域も含める", "en": "Include territories"},
    "ui.sc.territories_help": {
        "ja": "プエルトリコなどの非主権地域も比べます（香港・台湾・コソボは常に含みます）。",
        "en": "Also compare non-sovereign territories such as Puerto Rico (Hong Kong, Taiwan and Kosovo are always in).",
    },
    "ui.sc.preset": {"ja": "重みのプリセット（判断）", "en": "Weight preset (judgement)"},
    "ui.sc.preset_help": {
        "ja": "評価軸の重みの組み合わせ。選ぶと下のスライダーに読み込みます。各プリセットの根拠は「市場」ページの「重み」に表示します。URLにも保存されます。",
        "en": "A named set of pillar weights; choosing one loads it into the sliders below. The rationale of each "
        "preset is on the Markets page under Weights. Kept in the URL.",
    },
    "ui.sc.weight_mode": {"ja": "重みの決め方", "en": "Weights from"},
    "ui.sc.weight_mode.sliders": {"ja": "スライダー", "en": "Sliders"},
    "ui.sc.weight_mode.ahp": {"ja": "一対比較（AHP）", "en": "Pairwise (AHP)"},
    "ui.sc.weight_mode.scenario": {"ja": "読み込んだシナリオ（そのままの値）", "en": "Loaded scenario (exact)"},
    "ui.sc.sliders_off_scenario": {
        "ja": "読み込んだシナリオの重みをそのまま使用中です。スライダーはその近似（0.5刻み）を示すだけです。"
        "編集するには「スライダー」に切り替えてください（重みは近似値になります）。",
        "en": "The loaded scenario's weights are in use as they are; the sliders only show the nearest 0.5 steps. "
        "Switch to 'Sliders' to edit them (the weights then become those steps).",
    },
    "ui.sc.scenario_sidebar": {
        "ja": "読み込んだシナリオの重み（比率）: {weights}",
        "en": "Weights of the loaded scenario (shares): {weights}",
    },
    "ui.sc.weights_from_scenario": {
        "ja": "読み込んだシナリオの重み（そのままの値）",
        "en": "the loaded scenario's own weights",
    },
    "ui.sc.weight_mode_help": {
        "ja": "スライダー：プリセットを出発点に手で調整します。一対比較（AHP）：「市場」ページの「重み」で評価軸を2つずつ比べ、"
        "固有ベクトル法で重みを求めます。",
        "en": "Sliders: start from a preset and adjust by hand. Pairwise (AHP): compare pillars two at a time on the "
        "Markets page (Weights); the weights are the principal eigenvector.",
    },
    "ui.sc.pillar_weights": {"ja": "評価軸の重み", "en": "Pillar weights"},
    "ui.sc.pillar_help": {
        "ja": "「{pillar}」の相対的な重み（0＝使わない）。合計が1になるよう換算して使います。",
        "en": "Relative weight of '{pillar}' (0 = not used). Weights are rescaled to sum to 1.",
    },
    "ui.sc.sliders_off": {
        "ja": "一対比較（AHP）の重みを使用中のため、スライダーは使っていません。",
        "en": "Pairwise (AHP) weights are in use, not the sliders.",
    },
    "ui.sc.modified": {"ja": "プリセット「{name}」から変更しています。", "en": "Changed from the preset '{name}'."},
    "ui.sc.reset_preset": {"ja": "プリセットの重みに戻す", "en": "Back to the preset's weights"},
    "ui.sc.reset_help": {
        "ja": "スライダーを、選んでいるプリセットの重みに戻します。",
        "en": "Put the sliders back to the chosen preset's weights.",
    },
    "ui.sc.preset_is_judgement": {
        "ja": "プリセットの重みは判断です（根拠は「市場」→「重み」）。",
        "en": "Preset weights are a judgement (rationale: Markets → Weights).",
    },
    "ui.sc.ahp_need_two": {
        "ja": "一対比較には評価軸を2つ以上選んでください。",
        "en": "Choose at least two pillars to compare.",
    },
    "ui.sc.ahp_sidebar": {
        "ja": "一対比較（AHP）の重みを使用中（整合度 CR = {cr}）。比較は「市場」→「重み」で入力します。",
        "en": "Using pairwise (AHP) weights (consistency ratio CR = {cr}). Enter the comparisons on Markets → Weights.",
    },
    "ui.sc.ahp_inconsistent": {
        "ja": "比較に矛盾があります（整合度 CR = {cr}、0.1を超えています）。まず「{a}」と「{b}」の比較を見直してください。",
        "en": "The comparisons are inconsistent (consistency ratio CR = {cr}, above 0.1). Revisit the comparison of "
        "'{a}' with '{b}' first.",
    },
    "ui.sc.ahp_pillars": {"ja": "比較する評価軸", "en": "Pillars to compare"},
    "ui.sc.ahp_pillars_help": {
        "ja": "選ばなかった評価軸の重みは0になります。比較の数を抑えるため、7つ程度までが目安です。",
        "en": "Pillars not chosen get weight 0. About seven at most keeps the comparisons manageable.",
    },
    "ui.sc.ahp_pair": {"ja": "{a} 対 {b}", "en": "{a} vs {b}"},
    "ui.sc.ahp_pair_help": {
        "ja": "左へ動かすほど左の評価軸が、右へ動かすほど右の評価軸が重要です（サーティの尺度：1＝同等、3＝やや重要、5＝重要、"
        "7＝かなり重要、9＝極めて重要）。",
        "en": "Move left if the first pillar matters more, right if the second does (Saaty's scale: 1 equal, "
        "3 moderately, 5 strongly, 7 very strongly, 9 extremely more important).",
    },
    "ui.sc.ahp.equal": {"ja": "同等", "en": "equal"},
    "ui.sc.ahp.more": {"ja": "{pillar}が{n}倍重要", "en": "{pillar} ×{n}"},
    "ui.sc.method": {"ja": "評価手法", "en": "Method"},
    "ui.sc.method_help": {
        "ja": "加重和：指標の点に重みを掛けて足します（既定。寄与に正確に分解できます）。加重積：掛け算なので、弱点のある国ほど下がります。"
        "TOPSIS：理想の国に近く、最悪の国から遠いほど高くなります。URLにも保存されます。",
        "en": "Weighted sum: weighted points added up (default; decomposes exactly). Weighted product: multiplies, so "
        "a weak spot pulls a country down more. TOPSIS: close to an ideal country and far from the worst. Kept in the URL.",
    },
    "ui.sc.method.weighted_sum": {"ja": "加重和", "en": "Weighted sum"},
    "ui.sc.method.weighted_product": {"ja": "加重積", "en": "Weighted product"},
    "ui.sc.method.topsis": {"ja": "TOPSIS", "en": "TOPSIS"},
    "ui.sc.data_settings": {"ja": "データの扱い", "en": "Data handling"},
    "ui.sc.year": {"ja": "基準年", "en": "Reference year"},
    "ui.sc.year_help": {
        "ja": "各指標について、この年以前の最新値を使います。",
        "en": "Each indicator uses its latest value at or before this year.",
    },
    "ui.sc.year_latest": {"ja": "最新（{year}年）", "en": "Latest ({year})"},
    "ui.sc.max_age": {"ja": "値の古さの上限（年）", "en": "Maximum age of a value (years)"},
    "ui.sc.max_age_help": {
        "ja": "基準年よりこの年数を超えて古い値は「データなし」とします。使った値の年は表に表示します。",
        "en": "Values more than this many years older than the reference year count as missing. The year of every "
        "value used is shown in the tables.",
    },
    "ui.sc.norm": {"ja": "正規化", "en": "Normalisation"},
    "ui.sc.norm_help": {
        "ja": "指標を比べられる尺度にそろえる方法。比較する国の中で計算します。",
        "en": "How indicators are put on a common scale, across the countries compared.",
    },
    "ui.sc.norm.minmax": {"ja": "最小-最大（0〜1）", "en": "Min-max (0-1)"},
    "ui.sc.norm.zscore": {"ja": "標準化（zスコア）", "en": "Z-score"},
    "ui.sc.norm.rank": {"ja": "順位（パーセンタイル）", "en": "Rank percentile"},
    "ui.sc.norm.vector": {"ja": "ベクトル正規化", "en": "Vector"},
    "ui.sc.missing": {"ja": "欠損値の扱い", "en": "Missing data"},
    "ui.sc.missing_help": {
        "ja": "値のない指標の扱い。どの方法でもデータ充足率を表に示し、補った値には「補完値」と表示します。",
        "en": "What to do where a country has no value. Coverage is always shown, and filled values are flagged.",
    },
    "ui.sc.missing.drop": {"ja": "除外し評価軸内で重みを再配分", "en": "Leave out, reweight within the pillar"},
    "ui.sc.missing.regional_median": {"ja": "地域の中央値で補完", "en": "Fill with the regional median"},
    "ui.sc.missing.penalise": {"ja": "最低値とみなす", "en": "Treat as the worst value"},
    "ui.sc.min_coverage": {"ja": "必要なデータ充足率", "en": "Minimum coverage"},
    "ui.sc.min_coverage_help": {
        "ja": "実データのある指標の重みがこの割合に満たない国は順位を付けず、不足している指標とともに一覧にします。",
        "en": "Countries whose real values carry less than this share of the total weight are not ranked; they are "
        "listed with the indicators they lack.",
    },
    "ui.sc.winsor": {"ja": "外れ値の抑制（ウィンソライズ）", "en": "Outlier clipping (winsorising)"},
    "ui.sc.winsor_off": {"ja": "なし", "en": "off"},
    "ui.sc.winsor_help": {
        "ja": "各指標の上下両端をこの割合だけ切り詰めてから正規化します。極端な1か国が他の国の差をつぶさないようにします。",
        "en": "Clip this share at each tail of every indicator before normalising, so that one extreme country does "
        "not flatten the differences among the others.",
    },
    "ui.sc.fit_settings": {"ja": "分野適合度・機会の重み", "en": "Field fit and opportunity weights"},
    "ui.sc.fit_caption": {
        "ja": "分野適合度＝ニーズ・準備度・日本の強み（判断）の加重平均",
        "en": "Field fit = weighted mean of need, readiness and Japan's strength (judgement)",
    },
    "ui.sc.fit.need": {"ja": "ニーズ", "en": "Need"},
    "ui.sc.fit.need_help": {
        "ja": "その国でその分野がどれだけ必要とされているか（分野ごとのニーズ指標から）。",
        "en": "How much the country needs the field (from the field's need indicators).",
    },
    "ui.sc.fit.readiness": {"ja": "準備度", "en": "Readiness"},
    "ui.sc.fit.readiness_help": {
        "ja": "導入の前提が整っているか。段階2・3の分野では、前提となる段階1の分野の準備度が半分を占めます。",
        "en": "Whether the preconditions are in place; for phase 2 and 3 fields, half of it is the readiness of the "
        "phase 1 fields they build on.",
    },
    "ui.sc.fit.strength": {"ja": "日本の強み（判断）", "en": "Japan's strength (judgement)"},
    "ui.sc.fit.strength_help": {
        "ja": "分野ごとの日本の強み（根拠付きの判断、0〜1）。",
        "en": "Japan's strength in the field (a documented judgement, 0-1).",
    },
    "ui.sc.opp_caption": {
        "ja": "機会＝市場の魅力度・分野適合度・競争上の位置の組み合わせ",
        "en": "Opportunity = market, field fit and competitive position combined",
    },
    "ui.sc.opp.market": {"ja": "市場の魅力度", "en": "Market"},
    "ui.sc.opp.market_help": {
        "ja": "市場スコア（比較する国の中で0〜1に換算）。",
        "en": "Market score, rescaled to 0-1 across the countries compared.",
    },
    "ui.sc.opp.fit": {"ja": "分野適合度", "en": "Field fit"},
    "ui.sc.opp.fit_help": {"ja": "その国でのその分野の適合度。", "en": "The field's fit in the country."},
    "ui.sc.opp.position": {"ja": "競争上の位置", "en": "Competitive position"},
    "ui.sc.opp.position_help": {
        "ja": "0.5＋0.5×（日本の位置−主要競合の脅威）。1に近いほど日本が優位です。",
        "en": "0.5 + 0.5 × (Japan's position − the main rival's threat); nearer 1 = Japan ahead.",
    },
    "ui.sc.opp.rule": {"ja": "組み合わせ方", "en": "Combine by"},
    "ui.sc.opp.rule.sum": {"ja": "加重和", "en": "weighted sum"},
    "ui.sc.opp.rule.product": {"ja": "加重積", "en": "weighted product"},
    "ui.sc.opp.rule_help": {
        "ja": "加重和では、弱い要素を他の要素で補えます。加重積では、どれか1つが低いと機会も低くなります。",
        "en": "A weighted sum lets a strong part make up for a weak one; a weighted product keeps the opportunity "
        "low when any part is low.",
    },
    "ui.sc.rival_settings": {"ja": "競争相手の設定", "en": "Competitor settings"},
    "ui.sc.presence_default": {
        "ja": "根拠がない場合の進出度（仮定）",
        "en": "Presence where there is no evidence (assumed)",
    },
    "ui.sc.presence_default_help": {
        "ja": "ある国・分野で競合の進出を示すデータがないときに仮定する進出度（0〜1）。この値を使った箇所には「仮定」と表示します。",
        "en": "Presence (0-1) assumed for a rival in a country and field without evidence. Every value that uses it "
        "is marked 'assumed'.",
    },
    "ui.sc.white_space": {"ja": "空白市場とみなす脅威の上限", "en": "White space: main threat below"},
    "ui.sc.white_space_help": {
        "ja": "主要競合の脅威（強さ×進出度）がこの値未満の国・分野を「空白市場」とします。",
        "en": "A (country, field) is white space when the main rival's threat (strength × presence) is below this.",
    },
    "ui.sc.fit_zero": {
        "ja": "分野適合度の重みがすべて0のため、既定の重みを使っています。",
        "en": "All field fit weights are 0, so the default weights are used.",
    },
    "ui.sc.opp_zero": {
        "ja": "機会の重みがすべて0のため、既定の重みを使っています。",
        "en": "All opportunity weights are 0, so the default weights are used.",
    },
    "ui.sc.weights_zero": {
        "ja": "評価軸の重みがすべて0のため、均等な重みを使っています。",
        "en": "All pillar weights are 0, so equal weights are used.",
    },
    "ui.sc.wpm_zscore": {
        "ja": "加重積には正の値が必要なため、zスコアは使えません。代わりに最小-最大で正規化しています。"
        "サイドバーの「データの扱い」で最小-最大・順位・ベクトルのいずれかを選ぶと、この表示は消えます。",
        "en": "The weighted product needs positive values, so it cannot use z-scores: min-max normalisation is used "
        "instead. Choose min-max, rank or vector under Data handling in the sidebar to remove this message.",
    },
    "ui.sc.empty_universe": {
        "ja": "選んだ条件に当てはまる国が2か国未満です。サイドバーで比較する国・地域を広げてください。",
        "en": "Fewer than two countries match the selection. Widen the countries compared in the sidebar.",
    },
    "ui.sc.weights_from_ahp": {"ja": "一対比較（AHP）", "en": "pairwise comparison (AHP)"},
    "ui.sc.weights_from_preset": {"ja": "プリセット「{name}」（判断）", "en": "preset '{name}' (judgement)"},
    "ui.sc.weights_from_preset_modified": {
        "ja": "プリセット「{name}」を変更したもの",
        "en": "preset '{name}', changed",
    },
    "ui.sc.summary": {
        "ja": "対象：{universe}（{n}か国・地域）｜手法：{method}｜重み：{weights}｜正規化：{norm}｜"
        "{year}年以前の最新値（{age}年以内）｜欠損値：{missing}",
        "en": "Countries: {universe} ({n}) · Method: {method} · Weights: {weights} · Normalisation: {norm} · "
        "Latest values at or before {year} (at most {age} years old) · Missing data: {missing}",
    },
    # markets page
    "ui.mk.intro": {
        "ja": "国・地域を、市場規模・成長性・所得水準・デジタル基盤・ビジネス環境・安定性・日本との関係の評価軸で採点し、順位を付けます。"
        "重みと手法はサイドバーで変えられます。どの点数も指標ごとの寄与に分解でき（「なぜこの順位か」）、値の年と出典も確認できます。",
        "en": "Countries are scored on market size, growth, income, digital infrastructure, business environment, "
        "stability and ties with Japan, and ranked. Change the weights and the method in the sidebar. Every score "
        "breaks down into the contribution of each indicator ('Why this rank?'), with the year and source of each value.",
    },
    "ui.mk.section": {"ja": "表示する内容", "en": "Show"},
    "ui.mk.tab.ranking": {"ja": "順位と地図", "en": "Ranking and map"},
    "ui.mk.tab.why": {"ja": "なぜこの順位か", "en": "Why this rank?"},
    "ui.mk.tab.groups": {"ja": "市場のグループ", "en": "Market groups"},
    "ui.mk.tab.weights": {"ja": "重み（AHP・指標別）", "en": "Weights (AHP, indicators)"},
    "ui.mk.ranking_title": {"ja": "市場の魅力度：{n}か国の順位", "en": "Market attractiveness: {n} countries ranked"},
    "ui.mk.map_caption": {
        "ja": "色は市場スコア（濃い紫＝低い、黄色＝高い）。濃い灰色はデータ不足で順位を付けていない国、薄い灰色は比較の対象外です。"
        "地図の形状は Natural Earth（パブリックドメイン）で、このアプリから配信しています（外部には接続しません）。",
        "en": "Colour = market score (dark purple = low, yellow = high). Dark grey: not ranked for lack of data; light "
        "grey: not compared. Map shapes: Natural Earth (public domain), served by this app with no outside connection.",
    },
    "ui.mk.method_note.weighted_sum": {
        "ja": "加重和：スコアは正規化後の点の重み付き合計です。",
        "en": "Weighted sum: the score is the weighted sum of the normalised values.",
    },
    "ui.mk.method_note.weighted_product": {
        "ja": "加重積：スコアは正規化後の点の重み付き幾何平均です。",
        "en": "Weighted product: the score is the weighted geometric mean of the normalised values.",
    },
    "ui.mk.method_note.topsis": {
        "ja": "TOPSIS：スコアは理想の国への相対的な近さ（0〜1）です。欠損値を「除外」にしていると、各国はデータのある指標だけで"
        "比べられるため、データ充足率の低い国が上位に来ることがあります。充足率の列を確認するか、欠損値を「地域の中央値で補完」にしてください。",
        "en": "TOPSIS: the score is the relative closeness to the ideal country (0-1). With missing data left out, "
        "each country is compared only on the indicators it has, so a country with low coverage can rank high: "
        "check the coverage column, or fill missing values with the regional median.",
    },
    "ui.mk.col.rank": {"ja": "順位", "en": "Rank"},
    "ui.mk.col.score": {"ja": "市場スコア", "en": "Market score"},
    "ui.mk.col.coverage": {"ja": "データ充足率", "en": "Coverage"},
    "ui.mk.col.imputed": {"ja": "補完値の数", "en": "Filled values"},
    "ui.mk.col.missing": {"ja": "不足している指標", "en": "Missing indicators"},
    "ui.mk.col.pillar": {"ja": "評価軸", "en": "Pillar"},
    "ui.mk.col.value": {"ja": "値", "en": "Value"},
    "ui.mk.col.unit": {"ja": "単位", "en": "Unit"},
    "ui.mk.col.year": {"ja": "年", "en": "Year"},
    "ui.mk.col.source": {"ja": "出典", "en": "Source"},
    "ui.mk.col.normalised": {"ja": "正規化後の点", "en": "Normalised"},
    "ui.mk.col.weight": {"ja": "重み", "en": "Weight"},
    "ui.mk.col.contribution": {"ja": "寄与", "en": "Contribution"},
    "ui.mk.col.status": {"ja": "注記", "en": "Note"},
    "ui.mk.col.group": {"ja": "グループ（特徴）", "en": "Group (profile)"},
    "ui.mk.col.n": {"ja": "国数", "en": "Countries"},
    "ui.mk.col.focus": {"ja": "重点", "en": "Focus"},
    "ui.mk.focus_help": {
        "ja": "重点市場（ASEAN10か国＋インド）",
        "en": "Focus market (ASEAN-10 + India)",
    },
    "ui.mk.group_line": {"ja": "{i}. {name}（{n}か国）：", "en": "{i}. {name} ({n}):"},
    "ui.unit.WGI estimate (standard normal units, about -2.5 to 2.5)": {
        "ja": "WGI推定値（約−2.5〜2.5）",
        "en": "WGI estimate (about -2.5 to 2.5)",
    },
    "ui.mk.col.weight_share": {"ja": "使用中の重み", "en": "Weight in use"},
    "ui.mk.col.preset_weight": {"ja": "プリセットの重み", "en": "Preset weight"},
    "ui.mk.col.rationale": {"ja": "プリセットの根拠（判断）", "en": "Preset rationale (judgement)"},
    "ui.mk.rank_help": {"ja": "市場スコアの順位（同点は同順位）", "en": "Rank by market score (ties share a rank)"},
    "ui.mk.score_help": {
        "ja": "評価軸の重み付きの総合点。範囲は正規化と手法によります（最小-最大と加重和なら0〜1）。",
        "en": "Weighted overall score; its range depends on normalisation and method (0-1 for min-max with a weighted sum).",
    },
    "ui.mk.coverage_help": {
        "ja": "重みのうち、実データ（補完でない値）のある指標が占める割合。",
        "en": "Share of the total weight carried by real (not filled) values.",
    },
    "ui.mk.imputed_help": {
        "ja": "欠損値の扱いによって補った指標の数。",
        "en": "Number of indicators filled by the missing-data policy.",
    },
    "ui.mk.pillar_help": {
        "ja": "「{pillar}」の点（この評価軸の指標から。高いほど良い）。None は、この国にこの評価軸のデータがないことを示します"
        "（加重和では、その重みは他の評価軸に配分されます）。",
        "en": "Score on '{pillar}' from its indicators (higher is better). None: this country has no data on this pillar "
        "(with the weighted sum, its weight goes to the other pillars).",
    },
    "ui.mk.table_caption": {
        "ja": "{year}年以前の最新値（{age}年以内）を使用。各値の年と出典は「なぜこの順位か」で確認できます。",
        "en": "Latest values at or before {year} (at most {age} years old). See 'Why this rank?' for the year and "
        "source of each value.",
    },
    "ui.mk.excluded": {
        "ja": "{n}か国は、データのある指標の重みが{share}%に満たないため順位を付けていません：{names}。不足の多い指標：{common}。",
        "en": "{n} countries are not ranked because less than {share}% of the weight has data: {names}. Most often "
        "missing: {common}.",
    },
    "ui.mk.and_more": {"ja": " ほか{n}か国", "en": " and {n} more"},
    "ui.mk.missing_count": {"ja": "{name}（{n}か国）", "en": "{name} ({n})"},
    "ui.mk.excluded_detail": {
        "ja": "順位を付けていない国と、不足している指標",
        "en": "Countries not ranked, and the indicators they lack",
    },
    "ui.mk.none_excluded": {
        "ja": "データ不足で順位から外した国はありません。",
        "en": "No country was left out for lack of data.",
    },
    "ui.mk.map_excluded": {"ja": "データ不足で順位なし", "en": "Not ranked (too little data)"},
    "ui.mk.coverage_pct": {"ja": "データ充足率 {pct}%", "en": "coverage {pct}%"},
    "ui.mk.country": {"ja": "国", "en": "Country"},
    "ui.mk.country_help": {
        "ja": "寄与を表示する国（番号は現在の順位）",
        "en": "Country to explain (the number is its current rank)",
    },
    "ui.mk.why_title": {
        "ja": "{country}はなぜ{rank}か（{n}か国中、スコア {score}）",
        "en": "Why is {country} {rank}? (of {n}, score {score})",
    },
    "ui.mk.decomp_note.weighted_sum": {
        "ja": "棒は各指標の寄与（重み×正規化後の点）で、合計すると市場スコアになります。凡例の数字は評価軸ごとの合計です。",
        "en": "Each bar is an indicator's contribution (weight × normalised value); together they add up to the "
        "market score. The legend shows each pillar's total.",
    },
    "ui.mk.decomp_note.weighted_product": {
        "ja": "加重積では、スコアは棒の合計ではありません。棒は「重み×正規化後の点」で、どの指標が国を押し上げているかを示します"
        "（加法的な分解ではありません）。",
        "en": "With the weighted product the score is not the sum of the bars: each bar is weight × normalised value "
        "and shows which indicators lift the country (not an additive decomposition).",
    },
    "ui.mk.decomp_note.topsis": {
        "ja": "TOPSISでは、スコアは棒の合計ではありません。棒は「重み×正規化後の点」で、どの指標が国を押し上げているかを示します"
        "（加法的な分解ではありません）。",
        "en": "With TOPSIS the score is not the sum of the bars: each bar is weight × normalised value and shows "
        "which indicators lift the country (not an additive decomposition).",
    },
    "ui.mk.decomp_caption": {
        "ja": "値は{year}年以前の最新値（{age}年以内）。「データなし」の指標の重みは、同じ評価軸の他の指標に再配分しています。"
        "正規化後の点は、高いほど良い向きにそろえています（0＝比較する国で最低、1＝最高）。",
        "en": "Values: latest at or before {year} (at most {age} years old). The weight of an indicator without data "
        "is shared among the other indicators of its pillar. Normalised values are oriented so that higher is "
        "better (0 = worst of the countries compared, 1 = best).",
    },
    "ui.mk.normalised_help": {
        "ja": "比較する国の中での位置（0＝最低、1＝最高。低いほど良い指標は反転済み）",
        "en": "Position among the countries compared (0 = worst, 1 = best; lower-is-better indicators are flipped)",
    },
    "ui.mk.weight_help": {
        "ja": "この国での実際の重み（欠損の再配分後。合計100%）",
        "en": "Effective weight for this country (after reweighting for missing values; sums to 100%)",
    },
    "ui.mk.status.missing": {"ja": "データなし（重みを再配分）", "en": "no data (weight shared out)"},
    "ui.mk.status.imputed": {"ja": "補完値", "en": "filled value"},
    "ui.mk.groups_title": {
        "ja": "市場のグループ（経済水準・政治体制・人口規模）",
        "en": "Market groups (economic level, political system, population size)",
    },
    "ui.mk.groups_intro": {
        "ja": "総務省イニシアティブは、経済水準・政治体制・人口規模の似た国をグループ化して戦略を立てることを求めています。"
        "選んだ指標（規模は対数）を標準化し、k-means または階層的クラスタリング（ウォード法）で分けます。",
        "en": "The MIC initiative asks for strategies by groups of countries with similar economic level, political "
        "system and size. The chosen indicators (sizes on a log scale) are standardised and clustered by k-means "
        "or hierarchical (Ward) clustering.",
    },
    "ui.mk.k": {"ja": "グループ数", "en": "Number of groups"},
    "ui.mk.k_help": {
        "ja": "分けるグループの数。シルエット値が高いほど、グループがはっきり分かれています。",
        "en": "How many groups to form; a higher silhouette means better separated groups.",
    },
    "ui.mk.group_method": {"ja": "方法", "en": "Method"},
    "ui.mk.group_method.kmeans": {"ja": "k-means", "en": "k-means"},
    "ui.mk.group_method.hierarchical": {"ja": "階層的（ウォード法）", "en": "Hierarchical (Ward)"},
    "ui.mk.group_method_help": {
        "ja": "k-means：中心の近くに集まる国をまとめます（乱数の種は固定）。階層的：似ている国から順に併合します。",
        "en": "k-means: groups countries around centres (fixed random seed). Hierarchical: merges the most similar "
        "countries step by step.",
    },
    "ui.mk.group_indicators": {"ja": "グループ分けに使う指標", "en": "Indicators used for grouping"},
    "ui.mk.group_indicators_help": {
        "ja": "既定は、1人当たりGNI（経済水準）、発言力と説明責任（政治体制）、人口（規模）です。",
        "en": "Default: GNI per head (economic level), voice and accountability (political system), population (size).",
    },
    "ui.mk.group_need_indicator": {"ja": "指標を1つ以上選んでください。", "en": "Choose at least one indicator."},
    "ui.mk.group_too_few": {
        "ja": "選んだ指標がすべてそろう国がグループ数に比べて少なすぎます。グループ数か指標を減らしてください。",
        "en": "Too few countries have every chosen indicator for this many groups. Choose fewer groups or indicators.",
    },
    "ui.mk.silhouette": {"ja": "シルエット値", "en": "Silhouette"},
    "ui.mk.silhouette_help": {
        "ja": "−1〜1。目安として0.5以上ははっきりした分かれ方、0.25未満は弱い分かれ方です。",
        "en": "From −1 to 1; as a rule of thumb above 0.5 means clear groups, below 0.25 weak structure.",
    },
    "ui.mk.silhouette_note": {
        "ja": "グループ名は、各グループの平均（標準化値）が−0.5未満なら「低」、0.5超なら「高」、その間なら「中」として付けています。",
        "en": "Group names come from each group's mean standardised value: below −0.5 'low', above 0.5 'high', "
        "otherwise 'mid'.",
    },
    "ui.mk.groups_caption": {
        "ja": "表の数値は各グループの平均（標準化値。0＝比較する国の平均、±1＝標準偏差1つ分）。",
        "en": "Numbers are group means of standardised values (0 = average of the countries compared, ±1 = one "
        "standard deviation).",
    },
    "ui.mk.profile_help": {"ja": "グループ平均（標準化値）", "en": "Group mean (standardised)"},
    "ui.mk.groups_left_out": {
        "ja": "指標がそろわないためグループ分けしていない国（{n}）：{names}",
        "en": "Not grouped for lack of an indicator ({n}): {names}",
    },
    "ui.mk.group_sep": {"ja": "・", "en": " · "},
    "ui.mk.group_n": {"ja": "G{n}", "en": "G{n}"},
    "ui.grp.gni_pc_ppp.low": {"ja": "低所得", "en": "low income"},
    "ui.grp.gni_pc_ppp.mid": {"ja": "中所得", "en": "middle income"},
    "ui.grp.gni_pc_ppp.high": {"ja": "高所得", "en": "high income"},
    "ui.grp.wgi_voice_accountability.low": {"ja": "閉鎖的", "en": "closed"},
    "ui.grp.wgi_voice_accountability.mid": {"ja": "中間的", "en": "mixed"},
    "ui.grp.wgi_voice_accountability.high": {"ja": "開放的", "en": "open"},
    "ui.grp.population.low": {"ja": "小規模", "en": "small"},
    "ui.grp.population.mid": {"ja": "中規模", "en": "mid-size"},
    "ui.grp.population.high": {"ja": "大規模", "en": "large"},
    "ui.grp.generic": {"ja": "{name}：{level}", "en": "{name}: {level}"},
    "ui.grp.level.low": {"ja": "低", "en": "low"},
    "ui.grp.level.mid": {"ja": "中", "en": "mid"},
    "ui.grp.level.high": {"ja": "高", "en": "high"},
    "ui.mk.weights_title": {"ja": "使用中の重みと根拠", "en": "Weights in use, and why"},
    "ui.mk.preset_judgement": {
        "ja": "プリセットの重みと根拠は判断です（data/countries/weight_presets.csv で編集できます）。",
        "en": "Preset weights and their rationale are judgements (editable in data/countries/weight_presets.csv).",
    },
    "ui.mk.ahp_title": {"ja": "一対比較（AHP）で重みを決める", "en": "Weights by pairwise comparison (AHP)"},
    "ui.mk.ahp_intro": {
        "ja": "評価軸を2つずつ比べると、固有ベクトル法で重みを計算し、整合度（CR、サーティのランダム指数による）を示します。"
        "CRが0.1を超えたら、表示される組み合わせを見直してください。",
        "en": "Compare pillars two at a time: the weights are the principal eigenvector, checked with Saaty's "
        "consistency ratio (CR). If CR exceeds 0.1, revisit the pair named.",
    },
    "ui.mk.ahp_result": {"ja": "AHPの重み：{weights}（CR = {cr}）", "en": "AHP weights: {weights} (CR = {cr})"},
    "ui.mk.ahp_consistent": {
        "ja": "比較は整合しています（CR = {cr}、0.1以下）。",
        "en": "The comparisons are consistent (CR = {cr}, at most 0.1).",
    },
    "ui.mk.ahp_use": {
        "ja": "この重みを使うには、サイドバーの「重みの決め方」で「一対比較（AHP）」を選んでください。",
        "en": "To use these weights, choose 'Pairwise (AHP)' under 'Weights from' in the sidebar.",
    },
    "ui.mk.indicator_weights_title": {"ja": "評価軸内の指標の重み", "en": "Indicator weights inside each pillar"},
    "ui.mk.indicator_weights_intro": {
        "ja": "既定では、評価軸内の指標はすべて重み1（同等）です。0にするとその指標を使いません。変更はこのセッションの3ページすべてに反映されます。",
        "en": "By default every indicator counts equally (weight 1) within its pillar; 0 leaves it out. Changes apply "
        "to all three pages for this session.",
    },
    "ui.mk.indicator_weight": {"ja": "重み（評価軸内）", "en": "Weight within pillar"},
    "ui.mk.indicator_weight_help": {
        "ja": "0〜5。同じ評価軸の他の指標に対する相対的な重み。",
        "en": "0 to 5, relative to the other indicators of the same pillar.",
    },
    "ui.mk.indicator_weights_changed": {
        "ja": "変更した指標の重み（{n}件）",
        "en": "Indicator weights changed ({n})",
    },
    "ui.mk.indicator_weights_reset": {"ja": "指標の重みを元に戻す", "en": "Reset indicator weights"},
    # number formats
    "ui.fmt.cho_usd": {"ja": "{v}兆ドル", "en": "US$ {v} tn"},
    "ui.fmt.oku_usd": {"ja": "{v}億ドル", "en": "US$ {v} hundred million"},
    "ui.fmt.man_usd": {"ja": "{v}万ドル", "en": "US$ {v} ten thousand"},
    "ui.fmt.usd": {"ja": "{v}ドル", "en": "US$ {v}"},
    "ui.fmt.tn_usd": {"ja": "{v}兆ドル", "en": "US$ {v} tn"},
    "ui.fmt.bn_usd": {"ja": "{v}十億ドル", "en": "US$ {v} bn"},
    "ui.fmt.m_usd": {"ja": "{v}百万ドル", "en": "US$ {v} m"},
    "ui.fmt.oku_people": {"ja": "{v}億人", "en": "{v} hundred million people"},
    "ui.fmt.man_people": {"ja": "{v}万人", "en": "{v} ten thousand people"},
    "ui.fmt.m_people": {"ja": "{v}百万人", "en": "{v} m"},
    "ui.fmt.yes": {"ja": "あり", "en": "yes"},
    "ui.fmt.no": {"ja": "なし", "en": "no"},
    # fields page
    "ui.fd.intro": {
        "ja": "ICT分野ごとに、各国での適合度（ニーズ・準備度・日本の強み）を示します。分野は段階1（インフラ・セキュリティ）→"
        "段階2（アプリケーション・コンテンツ）→段階3（イノベーション）の順に並べています。日本の強みは根拠付きの判断です。",
        "en": "For each ICT field, its fit in each market: need, readiness and Japan's strength. Fields are ordered by "
        "phase: 1 infrastructure and security → 2 applications and content → 3 innovation. Japan's strength is a "
        "documented judgement.",
    },
    "ui.fd.section": {"ja": "表示する内容", "en": "Show"},
    "ui.fd.tab.heatmap": {"ja": "分野×国の適合度", "en": "Fit by field and country"},
    "ui.fd.tab.profile": {"ja": "分野の詳細と有望市場", "en": "Field profile and best markets"},
    "ui.fd.heatmap_title": {"ja": "分野×国の適合度（0〜1）", "en": "Field fit by country (0-1)"},
    "ui.fd.countries": {"ja": "表示する国", "en": "Countries shown"},
    "ui.fd.countries.focus": {"ja": "重点11か国（ASEAN＋インド）", "en": "Focus markets (ASEAN-10 + India)"},
    "ui.fd.countries.top10": {"ja": "市場スコア上位10か国", "en": "Top 10 by market score"},
    "ui.fd.countries.top25": {"ja": "市場スコア上位25か国", "en": "Top 25 by market score"},
    "ui.fd.countries.top50": {"ja": "市場スコア上位50か国", "en": "Top 50 by market score"},
    "ui.fd.countries_help": {
        "ja": "計算はサイドバーで選んだ比較対象の国の中で行います。ここでは表示する国だけを選びます。",
        "en": "Scores are computed across the countries compared (sidebar); this only chooses which to show.",
    },
    "ui.fd.no_focus": {
        "ja": "比較対象に重点市場が含まれないため、市場スコア上位10か国を表示しています。",
        "en": "The countries compared include no focus market, so the top 10 by market score are shown.",
    },
    "ui.fd.fit": {"ja": "適合度", "en": "Fit"},
    "ui.fd.phase_field": {"ja": "段階{phase}｜{name}", "en": "P{phase} · {name}"},
    "ui.fd.heatmap_caption": {
        "ja": "適合度＝ニーズ×{need}＋準備度×{readiness}＋日本の強み（判断）×{strength}（重みは合計1に換算）。"
        "指標は{year}年以前の最新値（{age}年以内）。色が明るいほど適合度が高い。",
        "en": "Fit = need × {need} + readiness × {readiness} + Japan's strength (judgement) × {strength} (weights "
        "rescaled to sum to 1). Indicators: latest values at or before {year} (at most {age} years old). "
        "Brighter = better fit.",
    },
    "ui.fd.field": {"ja": "分野", "en": "Field"},
    "ui.fd.field_help": {"ja": "詳しく見る分野", "en": "Field to look at"},
    "ui.fd.phase_line": {
        "ja": "**段階{phase}**（{phase_name}）｜前提となる分野：{prerequisites}",
        "en": "**Phase {phase}** ({phase_name}) · builds on: {prerequisites}",
    },
    "ui.fd.phase.1": {"ja": "ICTインフラ・情報セキュリティ", "en": "ICT infrastructure and security"},
    "ui.fd.phase.2": {"ja": "アプリケーション・コンテンツ", "en": "applications and content"},
    "ui.fd.phase.3": {"ja": "イノベーション", "en": "innovation"},
    "ui.fd.no_prerequisites": {"ja": "なし", "en": "none"},
    "ui.fd.japan_strength": {"ja": "日本の強み（判断、0〜1）", "en": "Japan's strength (judgement, 0-1)"},
    "ui.fd.judgement_help": {
        "ja": "測定値ではなく判断です。根拠と出典を下に示します。data/countries/fields.csv で編集できます。",
        "en": "A judgement, not a measurement; rationale and reference below. Editable in data/countries/fields.csv.",
    },
    "ui.fd.rationale_judgement": {"ja": "根拠（判断）", "en": "Rationale (judgement)"},
    "ui.fd.reference": {"ja": "出典・参考：{reference}", "en": "Reference: {reference}"},
    "ui.fd.drivers_title": {
        "ja": "ニーズと準備度を表す指標（判断）",
        "en": "Indicators of need and readiness (judgement)",
    },
    "ui.fd.drivers_caption": {
        "ja": "どの指標をニーズ・準備度とみなすか、その向きと重みは判断です（data/countries/field_drivers.csv）。",
        "en": "Which indicators signal need and readiness, their direction and weight are judgements "
        "(data/countries/field_drivers.csv).",
    },
    "ui.fd.more_need": {"ja": "↑ 高いほど大きい", "en": "↑ higher = more"},
    "ui.fd.less_need": {"ja": "↓ 低いほど大きい", "en": "↓ lower = more"},
    "ui.fd.best_title": {
        "ja": "「{field}」の有望市場（機会の大きい順）",
        "en": "Best markets for '{field}' (by opportunity)",
    },
    "ui.fd.best_caption": {
        "ja": "機会＝市場×{market}、適合度×{fit}、競争上の位置×{position}の{rule}（重みは合計1に換算）。",
        "en": "Opportunity = {rule} of market × {market}, fit × {fit} and competitive position × {position} "
        "(weights rescaled to sum to 1).",
    },
    "ui.fd.col.rank": {"ja": "順位", "en": "Rank"},
    "ui.fd.col.opportunity": {"ja": "機会", "en": "Opportunity"},
    "ui.fd.col.market": {"ja": "市場", "en": "Market"},
    "ui.fd.col.fit": {"ja": "適合度", "en": "Fit"},
    "ui.fd.col.need": {"ja": "ニーズ", "en": "Need"},
    "ui.fd.col.readiness": {"ja": "準備度", "en": "Readiness"},
    "ui.fd.col.position": {"ja": "競争上の位置", "en": "Position"},
    "ui.fd.col.main_rival": {"ja": "主要競合", "en": "Main rival"},
    "ui.fd.col.white_space": {"ja": "空白市場", "en": "White space"},
    "ui.fd.col.role": {"ja": "役割", "en": "Role"},
    "ui.fd.col.value": {"ja": "値", "en": "Value"},
    "ui.fd.col.year": {"ja": "年", "en": "Year"},
    "ui.fd.col.unit": {"ja": "単位", "en": "Unit"},
    "ui.fd.col.value01": {"ja": "点（0〜1）", "en": "Points (0-1)"},
    "ui.fd.col.share": {"ja": "重み", "en": "Weight"},
    "ui.fd.col.contribution": {"ja": "寄与", "en": "Contribution"},
    "ui.fd.col.status": {"ja": "注記", "en": "Note"},
    "ui.fd.opportunity_help": {
        "ja": "市場・適合度・競争上の位置を組み合わせた点（0〜1）",
        "en": "Market, fit and competitive position combined (0-1)",
    },
    "ui.fd.market_help": {
        "ja": "市場スコアを比較対象の中で0〜1に換算したもの",
        "en": "Market score rescaled to 0-1 across the countries compared",
    },
    "ui.fd.fit_help": {"ja": "分野適合度（0〜1）", "en": "Field fit (0-1)"},
    "ui.fd.need_help": {"ja": "ニーズ（0〜1）", "en": "Need (0-1)"},
    "ui.fd.readiness_help": {
        "ja": "準備度（0〜1、前提分野を含む）",
        "en": "Readiness (0-1, including prerequisite fields)",
    },
    "ui.fd.position_help": {
        "ja": "0.5＋0.5×（日本の位置−主要競合の脅威）",
        "en": "0.5 + 0.5 × (Japan's position − the main rival's threat)",
    },
    "ui.fd.why_title": {"ja": "なぜこの国に合うか（適合度の分解）", "en": "Why does the field fit this country?"},
    "ui.fd.country": {"ja": "国", "en": "Country"},
    "ui.fd.country_help": {"ja": "分解する国（機会の大きい順）", "en": "Country to explain (best opportunity first)"},
    "ui.fd.fit_formula": {
        "ja": "**{country}**における「{field}」の適合度 **{fit}** ＝ {wn}×ニーズ {need} ＋ {wr}×準備度 {readiness} ＋ "
        "{ws}×日本の強み（判断） {strength}",
        "en": "Fit of **{field}** in **{country}**: **{fit}** = {wn} × need {need} + {wr} × readiness {readiness} + "
        "{ws} × Japan's strength (judgement) {strength}",
    },
    "ui.fd.prereq_note": {
        "ja": "準備度は、この分野自身の準備度指標（下表）と、前提となる分野（{fields}）の準備度を半分ずつ合わせたものです。",
        "en": "Readiness is half this field's own readiness indicators (below) and half the readiness of the fields "
        "it builds on ({fields}).",
    },
    "ui.fd.value01_help": {
        "ja": "比較する国の中での位置（0〜1）。ニーズ・準備度が大きい向きにそろえています。",
        "en": "Position among the countries compared (0-1), oriented so that higher = more need or readiness.",
    },
    "ui.fd.share_help": {
        "ja": "ニーズ・準備度それぞれの中での重み（データのない指標を除き、合計100%）",
        "en": "Weight within need or readiness (indicators without data left out; sums to 100%)",
    },
    "ui.fd.role_total": {"ja": "{role}（計 {total}）", "en": "{role} (total {total})"},
    "ui.fd.need_missing": {
        "ja": "次の国にはこの分野のニーズ指標のデータがなく、適合度は準備度と日本の強みだけで計算されています（ニーズ＝「データなし」）：{names}",
        "en": "These countries have no data on this field's need indicators, so their fit rests on readiness and "
        "Japan's strength only (need = no data): {names}",
    },
    "ui.fd.standard_rule": {
        "ja": "この分野は放送方式（{ours}）を売り込む分野です。他の方式を採用済みの国（出典付きの記録あり）はニーズ 0、"
        "方式の記録がない国はニーズ不明としてランキングから外します。採用国・未決定国では上の指標でニーズを評価します。",
        "en": "This field sells a broadcasting standard ({ours}). Where another standard has been adopted (a cited "
        "record), the need is 0; where no standard is recorded, the need is unknown and the country leaves the "
        "ranking. Where ours is adopted or no choice is made yet, the indicators above judge the need.",
    },
    "ui.fd.standard.ours": {
        "ja": "{country}は{adopted}を採用済みです（記録あり）。ニーズは指標で評価しています。",
        "en": "{country} has adopted {adopted} (recorded); the indicators judge the need.",
    },
    "ui.fd.standard.open": {
        "ja": "{country}の方式は「{adopted}」と記録されています（未決定・混在）。ニーズは指標で評価しています。",
        "en": "{country}'s standard is recorded as '{adopted}' (no final choice); the indicators judge the need.",
    },
    "ui.fd.standard.other": {
        "ja": "{country}は{adopted}を採用済みのため（記録あり）、{ours}のニーズは 0 としています。",
        "en": "{country} has adopted {adopted} (recorded), so the need for {ours} is set to 0.",
    },
    "ui.fd.standard.unknown": {
        "ja": "{country}が採用した放送方式の記録がないため、ニーズは不明（データなし）です。",
        "en": "No adopted standard is recorded for {country}, so the need is unknown (no data).",
    },
    # competitors page
    "ui.cp.intro": {
        "ja": "競合（中国・韓国・米国・欧州・インド）の脅威を、市場×分野ごとに「競合の強さ（判断）×その国での進出度（根拠データ）」で示します。"
        "進出度の根拠は、海底ケーブルの供給者、地上デジタル放送の方式、中国の通信分野への公的融資（AidData）です。"
        "根拠がない箇所は仮定の値を使い、「仮定」とはっきり表示します。",
        "en": "Rival threat per market and field = the rival's strength in the field (judgement) × its presence in "
        "the country (evidence). Presence comes from submarine cable suppliers, digital TV standards and China's "
        "official finance for communications (AidData). Where there is no evidence an assumed value is used, and "
        "it is marked 'assumed'.",
    },
    "ui.cp.section": {"ja": "表示する内容", "en": "Show"},
    "ui.cp.tab.threat": {"ja": "市場×分野の脅威", "en": "Threat by market and field"},
    "ui.cp.tab.evidence": {"ja": "根拠（国別）", "en": "Evidence by country"},
    "ui.cp.tab.head_to_head": {"ja": "日本と主要競合の比較", "en": "Japan vs main rival"},
    "ui.cp.tab.white_space": {"ja": "空白市場", "en": "White space"},
    "ui.cp.threat_title": {"ja": "主要競合の脅威（強さ×進出度）", "en": "Main rival's threat (strength × presence)"},
    "ui.cp.threat": {"ja": "脅威", "en": "Threat"},
    "ui.cp.assumed_note": {
        "ja": "＊＝進出度の根拠データがなく、仮定値 {default} を使っています（サイドバーの「競争相手の設定」で変更できます）。",
        "en": "* = no evidence of presence: the assumed value {default} is used (change it under Competitor "
        "settings in the sidebar).",
    },
    "ui.cp.threat_caption": {
        "ja": "各マスは、その国・分野で脅威が最も大きい競合（主要競合）と、その脅威（0〜1、明るいほど大きい）。"
        "濃い色のマスは根拠データによる測定値、薄い色で＊の付いたマスは仮定の進出度によるものです。「–」は進出している競合なし（測定）。",
        "en": "Each cell: the rival with the largest threat in that country and field, and the threat (0-1; "
        "brighter = larger). Full colour = measured from evidence; faded with * = rests on the assumed presence. "
        "'–' = no rival present (measured).",
    },
    "ui.cp.evidence_title": {"ja": "進出度の根拠", "en": "Evidence of presence"},
    "ui.cp.country": {"ja": "国", "en": "Country"},
    "ui.cp.country_help": {"ja": "根拠を表示する国", "en": "Country to show"},
    "ui.cp.evidence_count": {
        "ja": "**{country}**：競合×分野の{total}組のうち、**{measured}組は根拠データによる測定値**、"
        "**{assumed}組は根拠がなく仮定値 {default}** を使っています。",
        "en": "**{country}**: of {total} (rival, field) pairs, **{measured} are measured from evidence** and "
        "**{assumed} have no evidence and use the assumed presence {default}**.",
    },
    "ui.cp.no_evidence": {
        "ja": "この国には進出度の根拠データがありません。すべて仮定値です。",
        "en": "There is no evidence of presence for this country: every value is assumed.",
    },
    "ui.cp.evidence_caption": {
        "ja": "海底ケーブル：その国に陸揚げされるケーブル（供給者が分かるもの）のうち、各競合の企業が敷設したものの割合"
        "（TeleGeography、CC BY-NC-SA 3.0）。地デジ方式：採用した方式（行ごとに出典）。中国の公的融資：2000〜2014年の通信分野の事業件数"
        "（AidData）。国全体を対象とする根拠（ケーブル・地デジ）では、行のない競合は「進出なし（測定）」とします。",
        "en": "Submarine cables: share of the country's landing cables with a known supplier that each rival's firms "
        "built (TeleGeography, CC BY-NC-SA 3.0). Digital TV: the standard adopted (a cited source per row). China's "
        "official finance: communications projects 2000-2014 (AidData). Where evidence covers the whole market "
        "(cables, digital TV), a rival without a row is measured as absent.",
    },
    "ui.cp.col.field": {"ja": "分野", "en": "Field"},
    "ui.cp.col.source": {"ja": "出典", "en": "Source"},
    "ui.cp.col.main_rival": {"ja": "主要競合", "en": "Main rival"},
    "ui.cp.col.threat": {"ja": "脅威", "en": "Threat"},
    "ui.cp.col.rival_basis": {"ja": "競合の進出度", "en": "Rival presence"},
    "ui.cp.col.japan": {"ja": "日本の位置", "en": "Japan's position"},
    "ui.cp.col.japan_basis": {"ja": "日本の進出度", "en": "Japan presence"},
    "ui.cp.col.margin": {"ja": "差（日本−競合）", "en": "Margin (Japan − rival)"},
    "ui.cp.col.white_space": {"ja": "空白市場", "en": "White space"},
    "ui.cp.col.phase": {"ja": "段階", "en": "Phase"},
    "ui.cp.col.opportunity": {"ja": "機会", "en": "Opportunity"},
    "ui.cp.col.fit": {"ja": "適合度", "en": "Fit"},
    "ui.cp.col.strength": {"ja": "日本の強み（判断）", "en": "Japan's strength (judgement)"},
    "ui.cp.evidence.submarine_cable_supplier": {"ja": "海底ケーブルの供給者", "en": "Submarine cable supplier"},
    "ui.cp.evidence.dtt_standard": {"ja": "地デジ方式", "en": "Digital TV standard"},
    "ui.cp.evidence.china_ict_finance": {
        "ja": "中国の通信分野への公的融資（AidData）",
        "en": "China's official finance for communications (AidData)",
    },
    "ui.cp.projects": {"ja": "{n}件の事業", "en": "{n} project(s)"},
    "ui.cp.evidence_head": {
        "ja": "{field}｜{rival}：{amount}（{kind}、{year}）",
        "en": "{field} · {rival}: {amount} ({kind}, {year})",
    },
    "ui.cp.year": {"ja": "{year}年", "en": "{year}"},
    "ui.cp.dtt_detail": {"ja": "{standard} を採用。引用：「{quote}」", "en": 'Adopted {standard}. Quote: "{quote}"'},
    "ui.cp.country_fields_title": {
        "ja": "{country}：分野ごとの主要競合と日本の位置",
        "en": "{country}: main rival and Japan's position by field",
    },
    "ui.cp.measured": {"ja": "測定", "en": "measured"},
    "ui.cp.assumed": {"ja": "仮定", "en": "assumed"},
    "ui.cp.nobody": {"ja": "なし", "en": "none"},
    "ui.cp.threat_help": {
        "ja": "主要競合の強さ（判断）×進出度",
        "en": "Main rival's strength (judgement) × presence",
    },
    "ui.cp.japan_help": {
        "ja": "日本の強み（判断）×日本の進出度",
        "en": "Japan's strength (judgement) × Japan's presence",
    },
    "ui.cp.margin_help": {
        "ja": "日本の位置−主要競合の脅威。正なら日本が優位。",
        "en": "Japan's position − the main rival's threat; positive = Japan ahead.",
    },
    "ui.cp.white_space_help": {
        "ja": "主要競合の脅威がしきい値未満（有力な競合がいない）",
        "en": "The main rival's threat is below the threshold (no strong rival present)",
    },
    "ui.cp.strength_note": {
        "ja": "競合の強さは分野ごとの判断です（根拠と出典は「データと出典」→「判断」、data/countries/rival_strength.csv）。",
        "en": "Rival strength per field is a judgement (rationale and reference: Data & sources → Judgement; "
        "data/countries/rival_strength.csv).",
    },
    "ui.cp.h2h_title": {"ja": "日本と主要競合の差（分野別）", "en": "Japan vs the main rival, by field"},
    "ui.cp.field_help": {"ja": "比べる分野", "en": "Field to compare"},
    "ui.cp.h2h_caption": {
        "ja": "棒は、日本の位置（強さ×進出度）から主要競合の脅威を引いた差です。青＝日本が優位、朱色＝競合が優位。括弧内は主要競合。",
        "en": "Bars: Japan's position (strength × presence) minus the main rival's threat. Blue = Japan ahead, "
        "vermillion = rival ahead. The main rival is in brackets.",
    },
    "ui.cp.white_title": {
        "ja": "空白市場（有力な競合がいない市場×分野）",
        "en": "White space: markets and fields without a strong rival",
    },
    "ui.cp.white_caption": {
        "ja": "主要競合の脅威が{threshold}未満の市場×分野を、機会の大きい順に示します。根拠データで確かめられたものと、"
        "根拠がなく仮定の進出度によるものを分けて示します。",
        "en": "Markets and fields where the main rival's threat is below {threshold}, best opportunity first: those "
        "backed by evidence, then those that rest only on the assumed presence.",
    },
    "ui.cp.white_measured_title": {
        "ja": "根拠データで確かめられた空白市場（{n}件）",
        "en": "White space backed by evidence ({n})",
    },
    "ui.cp.white_assumed_title": {
        "ja": "根拠がなく、仮定による空白市場（{n}件）",
        "en": "White space by assumption only ({n})",
    },
    "ui.cp.white_assumed_warning": {
        "ja": "以下は、競合の進出を示すデータがなく、仮定の進出度 {default} で計算すると脅威がしきい値を下回る組み合わせです。"
        "実際に競合がいないことは確かめられていません。現地調査などで確認してください。",
        "en": "In these pairs there is no evidence about rivals: the threat is below the threshold only with the "
        "assumed presence {default}. That no strong rival is there has not been checked; verify it (e.g. in the field).",
    },
    "ui.cp.no_white_space": {"ja": "この条件では空白市場はありません。", "en": "No white space with these settings."},
    "ui.cp.assumed_help": {"ja": "＊＝進出度が仮定値（根拠データなし）", "en": "* = presence assumed (no evidence)"},
    "ui.cp.strength_help": {"ja": "日本の強み（判断、0〜1）", "en": "Japan's strength (judgement, 0-1)"},
    "ui.rival_short.JPN": {"ja": "日本", "en": "Japan"},
    "ui.rival_short.CHN": {"ja": "中国", "en": "China"},
    "ui.rival_short.KOR": {"ja": "韓国", "en": "Korea"},
    "ui.rival_short.USA": {"ja": "米国", "en": "US"},
    "ui.rival_short.EUR": {"ja": "欧州", "en": "Europe"},
    "ui.rival_short.IND": {"ja": "インド", "en": "India"},
    # (end of scoring page keys)
    # plan page keys
    "ui.page.plan": {"ja": "④ 計画（ポートフォリオ）", "en": "④ Plan: the portfolio"},
    "ui.pl.intro": {
        "ja": "予算・人員・条件のもとで、どの国のどの分野に、どの期に参入するかを最適化します。"
        "価値は②③の設定（左の設定）による機会スコア、費用と人員は分野の判断表の値です。",
        "en": "Which fields to enter in which countries, and in which period, under budget, staff and your rules. "
        "Value is the opportunity score from the settings on the left; cost and staff come from the field judgement table.",
    },
    "ui.pl.judgement_note": {
        "ja": "費用と人員は分野ごとの判断値（判断表）です。測定値ではありません。単位は判断表の相対単位です。",
        "en": "Cost and staff per field are judgements (judgement table), not measurements; units are the table's "
        "relative units.",
    },
    "ui.pl.controls_title": {"ja": "条件", "en": "Settings"},
    "ui.pl.no_limit": {"ja": "上限なし", "en": "No limit"},
    "ui.pl.choose": {"ja": "選んでください（任意）", "en": "Choose (optional)"},
    "ui.pl.budget": {"ja": "予算（全期間）", "en": "Budget (all periods)"},
    "ui.pl.budget_help": {
        "ja": "全期間の費用（参入費用＋国の開設費用）の上限。判断表の相対単位です。",
        "en": "Upper limit on total cost (entry costs plus country opening costs), in the judgement table's units.",
    },
    "ui.pl.period_budget": {"ja": "各期の予算（任意）", "en": "Budget per period (optional)"},
    "ui.pl.period_budget_help": {
        "ja": "1期あたりの費用の上限。空欄（または全期間の予算以上）なら期ごとの上限はなく、すべての参入が最良の期に置かれます。"
        "上限を入れると期の割り振りも最適化するため、解くのに数秒長くかかります（約50か国で5秒前後）。",
        "en": "Upper limit on the cost spent in any one period. Leave empty (or at the total budget or more) for no "
        "per-period limit: then every entry goes to the best period. With a limit the periods are optimised too, "
        "which takes a few seconds longer (about 5 s for some 50 countries).",
    },
    "ui.pl.staff": {"ja": "人員", "en": "Staff"},
    "ui.pl.staff_help": {
        "ja": "選んだ参入に必要な人員（判断表の値）の合計の上限。",
        "en": "Upper limit on the staff the chosen entries need (judgement table values).",
    },
    "ui.pl.periods": {"ja": "期の数", "en": "Periods"},
    "ui.pl.periods_help": {
        "ja": "計画期間を何期に分けるか。後の期の価値は時間選好で少し割り引かれます。",
        "en": "How many periods the plan covers. Later periods count slightly less (time preference).",
    },
    "ui.pl.max_countries": {"ja": "最大国数", "en": "Max countries"},
    "ui.pl.max_countries_help": {
        "ja": "参入する国の数の上限。空欄なら上限なし。",
        "en": "Upper limit on the number of countries entered. Leave empty for no limit.",
    },
    "ui.pl.min_asean": {"ja": "ASEAN の最低国数", "en": "Min ASEAN countries"},
    "ui.pl.min_asean_help": {
        "ja": "少なくともこの数の ASEAN 加盟国に参入します（国の一覧の ASEAN 加盟の列による）。",
        "en": "Enter at least this many ASEAN member countries (from the country table's ASEAN column).",
    },
    "ui.pl.rival_gap": {"ja": "競合の優位の許容幅", "en": "Avoid rivals stronger by more than"},
    "ui.pl.rival_gap_help": {
        "ja": "主な競合の脅威が日本の立ち位置をこの値（0〜2）より大きく上回る組み合わせは除きます。空欄なら除きません。",
        "en": "Leave out pairs where the main rival's threat exceeds Japan's position by more than this (0-2). "
        "Leave empty to keep every pair.",
    },
    "ui.pl.phase_order": {"ja": "段階の順序を守る", "en": "Keep the phase order"},
    "ui.pl.phase_order_help": {
        "ja": "オンなら、第2・第3段階の分野は、同じ国で前提となる第1段階の分野と同時かそれ以降にだけ参入します。",
        "en": "When on, a phase 2/3 field is entered only with or after one of its phase 1 prerequisite fields in "
        "the same country.",
    },
    "ui.pl.must_countries": {"ja": "必ず含める国", "en": "Countries to include"},
    "ui.pl.must_countries_help": {"ja": "計画に必ず入れる国。", "en": "Countries the plan must enter."},
    "ui.pl.exclude_countries": {"ja": "除外する国", "en": "Countries to exclude"},
    "ui.pl.exclude_countries_help": {"ja": "計画に入れない国。", "en": "Countries the plan must not enter."},
    "ui.pl.must_fields": {"ja": "必ず含める分野", "en": "Fields to include"},
    "ui.pl.must_fields_help": {
        "ja": "少なくとも1か国で必ず参入する分野。",
        "en": "Fields the plan must enter in at least one country.",
    },
    "ui.pl.exclude_fields": {"ja": "除外する分野", "en": "Fields to exclude"},
    "ui.pl.exclude_fields_help": {"ja": "計画に入れない分野。", "en": "Fields the plan must not enter."},
    "ui.pl.open_cost": {"ja": "国の開設費用", "en": "Opening cost per country"},
    "ui.pl.open_cost_help": {
        "ja": "新しい国に参入するたびにかかる費用（予算から差し引きます）。",
        "en": "Cost of opening each new country (taken from the budget).",
    },
    "ui.pl.package_bonus": {"ja": "まとめ参入の加点", "en": "Package bonus"},
    "ui.pl.package_bonus_help": {
        "ja": "同じ国で2つ目以降の分野に参入するごとに加える価値。",
        "en": "Value added for every field after the first in the same country.",
    },
    "ui.pl.solver": {"ja": "ソルバー", "en": "Solver"},
    "ui.pl.solver_help": {
        "ja": "整数計画を解くプログラム。どちらも無料です。通常は HiGHS が速く解けます。",
        "en": "The integer programming solver. Both are free; HiGHS is usually faster.",
    },
    "ui.pl.solver.highs": {"ja": "HiGHS", "en": "HiGHS"},
    "ui.pl.solver.cbc": {"ja": "CBC", "en": "CBC"},
    "ui.pl.time_limit": {"ja": "制限時間（秒）", "en": "Time limit (s)"},
    "ui.pl.time_limit_help": {
        "ja": "この時間で打ち切ります。打ち切った場合は「実行可能だが最適とは証明されていない」と表示します。",
        "en": "The solver stops after this time; the plan is then shown as feasible, not proven optimal.",
    },
    "ui.pl.gap": {"ja": "許容ギャップ（%）", "en": "Gap tolerance (%)"},
    "ui.pl.gap_help": {
        "ja": "最適値の上限との差がこの割合以下になれば最適とみなします。",
        "en": "The plan counts as optimal when it is within this share of the best possible value.",
    },
    "ui.pl.solve": {"ja": "解く", "en": "Solve"},
    "ui.pl.solving": {"ja": "計算中…", "en": "Solving…"},
    "ui.pl.press_solve": {
        "ja": "条件を設定して「解く」を押してください。",
        "en": "Set the conditions and press Solve.",
    },
    "ui.pl.stale": {
        "ja": "左の設定が、この計画を解いた時から変わっています。最新の設定で計画するには、もう一度「解く」を押してください。",
        "en": "The settings on the left changed since this plan was solved. Press Solve again to plan with them.",
    },
    "ui.pl.result_title": {"ja": "結果", "en": "Result"},
    "ui.pl.status.optimal": {
        "ja": "最適な計画です（最適性が証明されています。{seconds} 秒）。",
        "en": "Optimal plan (proven optimal; {seconds} s).",
    },
    "ui.pl.status.feasible": {
        "ja": "実行可能な計画ですが、最適とは証明されていません（ギャップ {gap}%）。制限時間を延ばすと改善する場合があります。",
        "en": "Feasible, not proven optimal (gap {gap}%). A longer time limit may improve it.",
    },
    "ui.pl.status.infeasible": {
        "ja": "この条件を同時に満たす計画はありません。次の条件がぶつかっています（かっこ内は、その条件だけを緩めるときに必要な量）:",
        "en": "No plan can meet these conditions together. These conditions clash (in brackets: how much that one "
        "would have to give on its own):",
    },
    "ui.pl.status.infeasible_unknown": {
        "ja": "この条件を同時に満たす計画はありません。",
        "en": "No plan can meet these conditions together.",
    },
    "ui.pl.status.no_solution": {
        "ja": "制限時間内に計画が見つかりませんでした。制限時間を延ばしてください。",
        "en": "No plan was found within the time limit. Allow more time.",
    },
    "ui.pl.clash_item": {"ja": "{group}（{amount} 緩める）", "en": "{group} (give by {amount})"},
    "ui.pl.clash_item_inf": {
        "ja": "{group}（これだけを緩めても足りません）",
        "en": "{group} (relaxing this alone is not enough)",
    },
    "ui.pl.clash_hint": {
        "ja": "いずれかの条件を緩めてから、もう一度「解く」を押してください。",
        "en": "Relax one of these conditions and press Solve again.",
    },
    "ui.pl.group.budget": {"ja": "予算", "en": "Budget"},
    "ui.pl.group.period_budget": {"ja": "各期の予算", "en": "Budget per period"},
    "ui.pl.group.staff": {"ja": "人員", "en": "Staff"},
    "ui.pl.group.countries": {"ja": "最大国数", "en": "Max countries"},
    "ui.pl.group.phase_order": {"ja": "段階の順序", "en": "Phase order"},
    "ui.pl.group.group_min": {"ja": "{group} の最低国数", "en": "Min {group} countries"},
    "ui.pl.group.group_max": {"ja": "{group} の最大国数", "en": "Max {group} countries"},
    "ui.pl.group.field_max": {"ja": "分野「{field}」の上限", "en": 'Limit on field "{field}"'},
    "ui.pl.group.must_country": {"ja": "必ず含める国: {country}", "en": "Country to include: {country}"},
    "ui.pl.group.must_field": {"ja": "必ず含める分野: {field}", "en": "Field to include: {field}"},
    "ui.pl.group.must_pair": {
        "ja": "必ず含める組み合わせ: {country}・{field}",
        "en": "Pair to include: {country}, {field}",
    },
    "ui.pl.total_value": {"ja": "価値の合計", "en": "Total value"},
    "ui.pl.total_value_help": {
        "ja": "選んだ参入の機会スコアの合計（後の期は時間選好で割引）＋まとめ参入の加点。",
        "en": "Sum of the chosen entries' opportunity (later periods discounted) plus the package bonus.",
    },
    "ui.pl.budget_used": {"ja": "予算（使用／上限）", "en": "Budget (used / limit)"},
    "ui.pl.budget_used_help": {
        "ja": "参入費用と国の開設費用の合計（判断表の値）。",
        "en": "Entry costs plus opening costs (judgement table values).",
    },
    "ui.pl.staff_used": {"ja": "人員（使用／上限）", "en": "Staff (used / limit)"},
    "ui.pl.staff_used_help": {
        "ja": "選んだ参入に必要な人員（判断表の値）。",
        "en": "Staff the chosen entries need (judgement).",
    },
    "ui.pl.n_entries": {"ja": "参入件数／国数", "en": "Entries / countries"},
    "ui.pl.n_entries_value": {"ja": "{n} 件（{k} か国）", "en": "{n} in {k} countries"},
    "ui.pl.col.country": {"ja": "国", "en": "Country"},
    "ui.pl.col.field": {"ja": "分野", "en": "Field"},
    "ui.pl.col.phase": {"ja": "段階", "en": "Phase"},
    "ui.pl.col.period": {"ja": "期", "en": "Period"},
    "ui.pl.col.value": {"ja": "価値", "en": "Value"},
    "ui.pl.col.value_help": {"ja": "機会スコア（0〜1）", "en": "Opportunity score (0-1)"},
    "ui.pl.col.cost": {"ja": "費用（判断）", "en": "Cost (judgement)"},
    "ui.pl.col.cost_help": {"ja": "判断表の分野の費用", "en": "The field's cost in the judgement table"},
    "ui.pl.col.staff": {"ja": "人員（判断）", "en": "Staff (judgement)"},
    "ui.pl.col.staff_help": {"ja": "判断表の分野の人員", "en": "The field's staff in the judgement table"},
    "ui.pl.col.status": {"ja": "状態", "en": "Status"},
    "ui.pl.col.entries": {"ja": "参入数", "en": "Entries"},
    "ui.pl.col.countries": {"ja": "国", "en": "Countries"},
    "ui.pl.one_period_note": {
        "ja": "各期の予算を指定していないため、すべての参入を最良の期に置いています。時期を分けるには各期の予算を入れてください。",
        "en": "With no budget per period, every entry is placed in the best period; set a budget per period to "
        "spread them out.",
    },
    "ui.pl.idle_period_note": {
        "ja": "各期の予算（{period}）が全期間の予算（{total}）以上のため、各期の上限は効きません。すべての参入を最良の期に"
        "置いています。時期を分けるには、各期の予算を全期間の予算より小さくしてください。",
        "en": "The budget per period ({period}) is not below the total budget ({total}), so it never limits a period: every "
        "entry is placed in the best period. Set a budget per period below the total to spread them out.",
    },
    "ui.pl.sankey_title": {
        "ja": "予算の流れ（予算→地域→国→分野）",
        "en": "Where the budget goes (budget → region → country → field)",
    },
    "ui.pl.sankey.budget": {"ja": "予算", "en": "Budget"},
    "ui.pl.sankey.opening": {"ja": "国の開設費用", "en": "Opening cost"},
    "ui.pl.roadmap_title": {"ja": "ロードマップ（期ごとの費用）", "en": "Roadmap (cost by period)"},
    "ui.pl.period_label": {"ja": "第{n}期", "en": "Period {n}"},
    "ui.pl.phase_label": {"ja": "第{n}段階", "en": "Phase {n}"},
    "ui.pl.binding_title": {"ja": "効いている条件", "en": "Binding constraints"},
    "ui.pl.binding_intro": {
        "ja": "次の条件には余裕がありません（緩めると計画が変わりうる条件）:",
        "en": "These limits have no room left (relaxing them may change the plan):",
    },
    "ui.pl.binding_none": {"ja": "上限いっぱいの条件はありません。", "en": "No limit is used up."},
    "ui.pl.greedy_title": {"ja": "単純な選び方との比較", "en": "Compared with a simple pick"},
    "ui.pl.greedy_value": {
        "ja": "費用あたり価値の高い順に選んだ場合の価値",
        "en": "Value when picking best value per cost first",
    },
    "ui.pl.greedy_entries": {"ja": "その場合の参入", "en": "Entries of that pick"},
    "ui.pl.greedy_caption": {
        "ja": "同じ条件で、最適化は単純な選び方より価値が {diff}（{share}%）高くなります。",
        "en": "Under the same conditions the optimised plan is worth {diff} ({share}%) more than the simple pick.",
    },
    "ui.pl.greedy_none": {
        "ja": "単純な選び方では、この条件（必ず含める国・分野や最低国数）を満たせませんでした。",
        "en": "The simple pick could not meet these conditions (items to include or minimum counts).",
    },
    "ui.pl.marginal_title": {"ja": "あと1単位あったら", "en": "One more unit"},
    "ui.pl.marginal_intro": {
        "ja": "予算または人員を1単位増やして解き直し、価値がいくら増えるかを示します（推定ではなく再計算）。",
        "en": "Solves again with one more unit of budget or staff and shows how much value it adds (a re-solve, "
        "not an estimate).",
    },
    "ui.pl.marginal_button": {"ja": "1単位の価値を計算", "en": "Value of one more unit"},
    "ui.pl.marginal_help": {"ja": "2回解き直すので少し時間がかかります。", "en": "Solves twice more; takes a moment."},
    "ui.pl.marginal_budget": {
        "ja": "予算を1単位増やすと、価値が {v} 増えます。",
        "en": "One more unit of budget adds {v} value.",
    },
    "ui.pl.marginal_staff": {"ja": "人員を1人増やすと、価値が {v} 増えます。", "en": "One more staff adds {v} value."},
    "ui.pl.frontier_title": {
        "ja": "予算と価値の関係（効率的フロンティア）",
        "en": "Budget and value (efficient frontier)",
    },
    "ui.pl.frontier_intro": {
        "ja": "予算を {n} 通りに変えて、それぞれの最適な計画を求めます（ほかの条件は同じ）。",
        "en": "Solves the best plan at {n} budgets (other conditions unchanged).",
    },
    "ui.pl.frontier_button": {"ja": "フロンティアを計算", "en": "Compute the frontier"},
    "ui.pl.frontier_help": {
        "ja": "予算の上限を0から今の予算の2倍まで変えて解きます。",
        "en": "Solves with budgets from near zero to twice the current budget.",
    },
    "ui.pl.frontier_progress": {"ja": "{n} 点中 {i} 点を計算済み", "en": "{i} of {n} points solved"},
    "ui.pl.frontier_current": {"ja": "今の計画", "en": "Current plan"},
    "ui.pl.short_status.optimal": {"ja": "最適", "en": "optimal"},
    "ui.pl.short_status.feasible": {"ja": "実行可能（未証明）", "en": "feasible, not proven"},
    "ui.pl.short_status.infeasible": {"ja": "解なし", "en": "infeasible"},
    "ui.pl.short_status.no_solution": {"ja": "時間切れ", "en": "no solution in time"},
    "ui.pl.short_status.heuristic": {"ja": "近似", "en": "heuristic"},
    "ui.pl.cost_scale_title": {"ja": "国別の費用倍率（判断）", "en": "Cost multiplier per country (judgement)"},
    "ui.pl.cost_scale_caption": {
        "ja": "分野ごとの費用（判断表）に国ごとの倍率を掛けます。既定は全ての国で 1.00。物価・治安・距離などで費用が高い国は 1 より大きく、安い国は小さくしてください。変更した倍率はシナリオに保存されます。",
        "en": "Each field's cost (judgement table) is multiplied by the country's factor. The default is 1.00 everywhere. Raise it where prices, security or distance make work dearer, lower it where cheaper. Changed factors are saved with the scenario.",
    },
    "ui.pl.cost_scale_col": {"ja": "費用倍率", "en": "Cost multiplier"},
    "ui.pl.cost_scale_help": {
        "ja": "0.1〜10 の範囲。1.00 は判断表の費用そのまま、1.50 は 5割増し。",
        "en": "From 0.1 to 10. 1.00 keeps the judgement table's cost; 1.50 makes it half again as dear.",
    },
    "ui.pl.cost_scale_bad": {
        "ja": "費用倍率は {low}〜{high} の数値で入力してください（空欄は不可）。",
        "en": "Enter each cost multiplier as a number from {low} to {high} (no blanks).",
    },
    "ui.pl.cost_scale_used": {
        "ja": "費用倍率を変更した国: {countries}",
        "en": "Countries with a changed cost multiplier: {countries}",
    },
    # (end of plan page keys)
    # sensitivity page keys
    "ui.page.sensitivity": {"ja": "⑤ 感度分析", "en": "⑤ Sensitivity"},
    "ui.sens.intro": {
        "ja": "市場ランキングが柱の重みにどれだけ左右されるかを調べます。重みを何千通りも無作為に変えて順位を数え直し（SMAA）、"
        "重みを一つずつ動かし、順位が変わらない重みの範囲を正確に求めます。",
        "en": "How much does the market ranking depend on the pillar weights? The page redraws the weights thousands "
        "of times and re-ranks (SMAA), moves one weight at a time, and finds the exact weight ranges over which "
        "the top markets stay the same.",
    },
    "ui.sens.n": {"ja": "サンプル数", "en": "Number of samples"},
    "ui.sens.n_help": {
        "ja": "無作為に引く重みの組の数（1,000〜100,000）。多いほど割合が安定しますが、時間がかかります。",
        "en": "How many random weight vectors to draw (1,000-100,000). More samples give steadier shares but take longer.",
    },
    "ui.sens.seed": {"ja": "乱数シード", "en": "Random seed"},
    "ui.sens.seed_help": {
        "ja": "同じシードと同じ設定なら、結果は毎回同じになります。別のシードで結果がほとんど変わらなければ、サンプル数は十分です。",
        "en": "The same seed and settings always give the same result. If another seed barely changes the result, "
        "there are enough samples.",
    },
    "ui.sens.mode": {"ja": "重みの引き方", "en": "How weights are drawn"},
    "ui.sens.mode_help": {
        "ja": "全範囲：合計1のあらゆる重みを等しい確率で引きます（重みについて何も仮定しない）。"
        "範囲内：現在の重みの前後±の範囲内で引きます。順序を守る：現在の重みの大小関係（どの柱がより重要か）を保ったまま引きます（同じ重みの柱どうしの順序は問いません）。",
        "en": "Anywhere: every weight vector summing to 1 is equally likely (no assumption about the weights). "
        "Within ranges: within ± a share of the current weights. Keep the order: any weights that keep the current "
        "order of importance of the pillars (pillars with equal weights may come in any order).",
    },
    "ui.sens.mode.simplex": {"ja": "全範囲（一様）", "en": "Anywhere (uniform)"},
    "ui.sens.mode.ranges": {"ja": "現在の重みの±範囲内", "en": "Within ± ranges of the current weights"},
    "ui.sens.mode.ordered": {"ja": "現在の重みの順序を守る", "en": "Keep the order of the current weights"},
    "ui.sens.spread": {"ja": "±範囲（%）", "en": "± range (%)"},
    "ui.sens.spread_help": {
        "ja": "各重みを現在の値の何％まで上下させるか（例：50％なら重み0.2は0.1〜0.3）。その後、合計が1になるものだけを使います。",
        "en": "How far each weight may move from its current value, as a share of it (50% turns 0.2 into 0.1-0.3); "
        "only weight vectors that sum to 1 are kept.",
    },
    "ui.sens.ranges_error": {
        "ja": "この±範囲では合計1の重みを十分に引けません。範囲を広げてください。",
        "en": "These ± ranges leave too few weight vectors that sum to 1; widen them.",
    },
    "ui.sens.k": {"ja": "上位k", "en": "Top k"},
    "ui.sens.k_help": {
        "ja": "「上位k位に入る確率」と、上位k位の顔ぶれが変わらない重みの範囲に使うkです。",
        "en": "The k of 'probability of being in the top k' and of the weight ranges over which the top-k set holds.",
    },
    "ui.sens.change": {"ja": "トルネード図の変化幅（%）", "en": "Tornado change (%)"},
    "ui.sens.change_help": {
        "ja": "一つの重みを現在の値から何％増減させるか。他の重みは比率を保ったまま合計1に調整します。",
        "en": "How much one weight is moved up and down from its current value, as a share of it; the other weights "
        "keep their proportions and are rescaled to sum to 1.",
    },
    "ui.sens.show": {"ja": "表示する国", "en": "Countries shown"},
    "ui.sens.show_help": {
        "ja": "重点市場（ASEAN-10＋インドのうち対象国）か、現在の順位で上位20か国か。計算は常に対象の全ての国で行います。",
        "en": "The focus markets (ASEAN-10 + India, where in the universe) or the current top 20. The analysis "
        "always ranks every country of the universe.",
    },
    "ui.sens.show.focus": {"ja": "重点市場", "en": "Focus markets"},
    "ui.sens.show.top20": {"ja": "上位20か国", "en": "Top 20"},
    "ui.sens.samples_caption": {
        "ja": "重みのサンプル {n} 組（シード {seed}、{mode}）、対象 {countries} か国、基準は柱スコア {pillars} 個。",
        "en": "{n} weight samples (seed {seed}, {mode}), {countries} countries, criteria: {pillars} pillar scores.",
    },
    "ui.sens.method_note": {
        "ja": "注意：採点方法は「{method}」ですが、この感度分析は柱スコアの加重和で順位を付けます"
        "（区間が正確に求まるのは加重和だけのため）。そのため、ここでの現在の順位は市場ページと異なることがあります。",
        "en": "Note: the scoring method is '{method}', but this sensitivity analysis ranks by the weighted sum of the "
        "pillar scores (the intervals are exact only for the weighted sum), so the current ranks here may differ "
        "from the Markets page.",
    },
    "ui.sens.reading_title": {"ja": "読み方", "en": "Reading"},
    "ui.sens.reading_top": {"ja": "現在の上位国", "en": "Current leaders"},
    "ui.sens.reading_focus": {"ja": "重点市場", "en": "Focus markets"},
    "ui.sens.reading_line": {
        "ja": "{country}（現在{rank}）は、重みのサンプルの{p}で上位{k}位に入ります。",
        "en": "{country} (now {rank}) is in the top {k} in {p} of weight samples.",
    },
    "ui.sens.heatmap_title": {"ja": "順位の受容度（どの順位になりやすいか）", "en": "Rank acceptability"},
    "ui.sens.heatmap_caption": {
        "ja": "各セルは、その国がその順位になった重みサンプルの割合です（行の合計は全順位で100％）。国は現在の順位順。",
        "en": "Each cell is the share of weight samples in which the country takes that rank (a row sums to 100% "
        "over all ranks). Countries in their current order.",
    },
    "ui.sens.rank": {"ja": "順位", "en": "Rank"},
    "ui.sens.share": {"ja": "割合", "en": "Share"},
    "ui.sens.topk_title": {"ja": "上位{k}位に入る確率", "en": "Probability of being in the top {k}"},
    "ui.sens.tornado_title": {
        "ja": "トルネード図（重みを一つずつ±{change}％）",
        "en": "Tornado (one weight at a time, ±{change}%)",
    },
    "ui.sens.tornado_axis": {
        "ja": "現在の上位{n}か国のうち順位が変わる国の数",
        "en": "Countries of the current top {n} that change rank",
    },
    "ui.sens.tornado_minus": {"ja": "重みを下げる", "en": "Weight down"},
    "ui.sens.tornado_plus": {"ja": "重みを上げる", "en": "Weight up"},
    "ui.sens.tornado_hover": {
        "ja": "新しい重み {weight}<br>最大の順位変動 {shift}<br>1位：{first}",
        "en": "New weight {weight}<br>Largest rank shift {shift}<br>First: {first}",
    },
    "ui.sens.tornado_caption": {
        "ja": "棒が長い柱ほど、その重みの決め方が上位の順位を左右します。",
        "en": "The longer the bar, the more the top of the ranking depends on how that weight is set.",
    },
    "ui.sens.stability_title": {"ja": "安定区間（順位が変わらない重みの範囲）", "en": "Stability intervals"},
    "ui.sens.stability_top1": {"ja": "1位が同じ", "en": "Same first"},
    "ui.sens.stability_topk": {"ja": "上位{k}位が同じ", "en": "Same top {k}"},
    "ui.sens.stability_current": {"ja": "現在の重み", "en": "Current weight"},
    "ui.sens.weight_axis": {"ja": "柱の重み（合計1）", "en": "Pillar weight (sum 1)"},
    "ui.sens.stability_caption": {
        "ja": "棒は、他の重みの比率を保ったままその柱の重みだけを動かしたとき、1位（または上位{k}位の顔ぶれ）が変わらない範囲です。"
        "◆が現在の重み。範囲は柱スコアの加重和について正確に計算したもので、サンプリングによる推定ではありません。",
        "en": "Each bar is the range over which that pillar's weight can move (the others keeping their proportions) "
        "without changing the first market (or the top-{k} set). ◆ marks the current weight. The ranges are exact "
        "for the weighted sum of the pillar scores, computed rather than sampled.",
    },
    "ui.rb.title": {"ja": "計画の頑健性", "en": "Plan robustness"},
    "ui.rb.intro": {
        "ja": "重みを上と同じ方法で何通りも引き直し、そのたびに機会スコアを計算し直して計画を解き直します。"
        "各（国・分野）の参入が何割の標本で選ばれるかを示します。重みが多少違っても選ばれ続ける参入は、"
        "重みの判断に左右されにくい「堅い」選択です。",
        "en": "Draws the pillar weights many times in the same way as above, recomputes the opportunity of every "
        "(country, field) pair for each draw and solves the plan again. Shows the share of draws in which each "
        "entry is chosen: an entry chosen under most weights does not hinge on the weight judgement.",
    },
    "ui.rb.uses_plan": {
        "ja": "④ 計画 のページで最後に解いた条件（予算 {budget}、{periods}期 など）と費用倍率を使います。",
        "en": "Uses the rules last solved on ④ Plan (budget {budget}, {periods} periods, ...) and its cost multipliers.",
    },
    "ui.rb.uses_default": {
        "ja": "現在の評価設定で解いた計画がないため、既定の条件（予算 {budget}、{periods}期、人員 25、制限時間 10秒/回）を使います。"
        "条件を変えるには ④ 計画 で解いてから戻ってください。",
        "en": "No plan has been solved on the current scoring settings, so the default rules are used (budget {budget}, "
        "{periods} periods, staff 25, 10 s per solve). To use your own rules, solve on ④ Plan and come back.",
    },
    "ui.rb.n": {"ja": "標本数（解き直す回数）", "en": "Samples (re-solves)"},
    "ui.rb.n_help": {
        "ja": "数百回が目安です。1回あたり約0.2〜0.5秒、長いときは2秒程度（条件による）。下の時間上限で打ち切られます。",
        "en": "A few hundred is typical; each solve takes about 0.2–0.5 s, up to about 2 s (depends on the rules). "
        "The time limit below stops the run.",
    },
    "ui.rb.budget": {"ja": "時間の上限（秒）", "en": "Time limit (s)"},
    "ui.rb.budget_help": {
        "ja": "この時間を使い切ると、それまでに解いた標本だけで結果を示します（その旨を表示します）。",
        "en": "When this time is used up, the result covers the samples solved so far (and says so).",
    },
    "ui.rb.run": {"ja": "頑健性を計算", "en": "Compute robustness"},
    "ui.rb.run_help": {
        "ja": "上の標本の取り方（一様・範囲・順序）とシードを使います。",
        "en": "Uses the sampling mode (uniform, ranges, order) and the seed set above.",
    },
    "ui.rb.progress": {"ja": "解き直し中… {done} / {total}", "en": "Re-solving… {done} / {total}"},
    "ui.rb.press": {
        "ja": "「頑健性を計算」を押すと、計画を重みの標本ごとに解き直します。",
        "en": "Press 'Compute robustness' to re-solve the plan for each weight sample.",
    },
    "ui.rb.stale": {
        "ja": "下の結果は以前の設定（重み・条件・標本の取り方）で計算したものです。もう一度計算してください。",
        "en": "The result below was computed on earlier settings (weights, rules or sampling). Compute it again.",
    },
    "ui.rb.no_base": {
        "ja": "現在の重みでは条件を満たす計画がありません。④ 計画 で条件を見直してください。",
        "en": "No plan meets the rules at the current weights. Revise the rules on ④ Plan.",
    },
    "ui.rb.stopped": {
        "ja": "時間の上限（{seconds}秒）で打ち切りました。{requested}標本のうち {tried}標本の結果です。",
        "en": "Stopped by the time limit ({seconds} s): the result covers {tried} of {requested} samples.",
    },
    "ui.rb.none_solved": {
        "ja": "時間内に解けた標本がありません。時間の上限を延ばしてください。",
        "en": "No sample was solved in time. Raise the time limit.",
    },
    "ui.rb.failed": {
        "ja": "計算できませんでした（{detail}）。条件を見直してください。",
        "en": "The robustness could not be computed ({detail}). Check the rules.",
    },
    "ui.rb.reading": {
        "ja": "解いた {n}標本（{seconds}秒）のうち、最も安定した参入は **{country} × {field}**（{share}で選択）。"
        "現在の重みでの計画 {base}件のうち、9割以上の標本で選ばれる「堅い核」は **{core}件**、"
        "選ばれたり外れたりする参入は {changing}件。計画全体が現在の計画と同じになったのは {same} の標本です。",
        "en": "Over {n} solved samples ({seconds} s), the most stable entry is **{country} × {field}** (chosen in "
        "{share}). Of the {base} entries of the plan at the current weights, a stable core of **{core}** is chosen "
        "in 90% or more of the samples; {changing} entries come and go. The whole plan equals the current one in "
        "{same} of the samples.",
    },
    "ui.rb.quality": {
        "ja": "うち {not_optimal}標本は時間制限で最適性が証明されず、{failed}標本は計画が得られませんでした（頻度は解けた標本に対する割合）。",
        "en": "{not_optimal} samples were not proven optimal in their time limit and {failed} gave no plan "
        "(frequencies are shares of the solved samples).",
    },
    "ui.rb.col.field": {"ja": "分野", "en": "Field"},
    "ui.rb.col.frequency": {"ja": "選ばれた割合", "en": "Chosen in"},
    "ui.rb.col.frequency_help": {
        "ja": "解けた標本のうち、この参入が計画に入った割合。",
        "en": "Share of the solved samples whose plan includes this entry.",
    },
    "ui.rb.col.in_base": {"ja": "現在の計画", "en": "In current plan"},
    "ui.rb.col.in_base_help": {
        "ja": "現在の重みで解いた計画に入っているか。",
        "en": "Whether the plan at the current weights includes it.",
    },
    "ui.rb.col.mean_period": {"ja": "平均の期", "en": "Mean period"},
    "ui.rb.caption": {
        "ja": "標本ごとの市場スコアは柱スコアの加重和（上の分析と同じ）で計算し直し、分野適合度と競合の脅威は固定しています。"
        "費用・人員は判断データです。",
        "en": "For each sample the market score is recomputed as the weighted sum of the pillar scores (as in the "
        "analysis above); field fit and rival threat stay fixed. Costs and staff are judgements.",
    },
    # (end of sensitivity page keys)
    # --- scenarios, exports, CLI ---
    # scenario store (strategy.store)
    "store.err.unavailable": {
        "ja": "シナリオの保存先（{url}）を開けません（{detail}）。保存先の設定（ICT_STRATEGY_DB_URL）と書き込み権限を確認してください。",
        "en": "The scenario store ({url}) cannot be opened ({detail}). Check the store setting (ICT_STRATEGY_DB_URL) "
        "and the write permission.",
    },
    "store.err.not_found": {
        "ja": "シナリオ「{name}」は保存されていません（削除されたか、名前が変わった可能性があります）。",
        "en": "There is no saved scenario '{name}' (it may have been deleted or renamed).",
    },
    "store.err.exists": {
        "ja": "シナリオ「{name}」はすでに保存されています（版 {current}）。上書きはしません。いったん読み込んでから保存するか、別の名前を付けてください。",
        "en": "A scenario '{name}' is already saved (version {current}). Nothing was overwritten: load it first, "
        "or save under another name.",
    },
    "store.err.conflict": {
        "ja": "シナリオ「{name}」は、読み込んだ後に別のセッションで保存されました（読み込んだ版 {expected}、現在の版 {current}）。"
        "上書きはしていません。最新版を読み込んで変更をやり直すか、別の名前で保存してください。",
        "en": "Scenario '{name}' was saved by another session after you loaded it (you have version {expected}, "
        "the store has version {current}). Nothing was overwritten: reload it and redo your change, or save under "
        "another name.",
    },
    "store.err.deleted": {
        "ja": "シナリオ「{name}」は、読み込んだ後に別のセッションで削除または名前変更されました（読み込んだ版 {expected}）。別の名前で保存してください。",
        "en": "Scenario '{name}' was deleted or renamed by another session after you loaded it (you have version "
        "{expected}). Save it under a new name.",
    },
    "store.err.name_taken": {
        "ja": "「{name}」という名前のシナリオがすでにあります。別の名前を選んでください。",
        "en": "A scenario named '{name}' already exists. Choose another name.",
    },
    "store.err.bad_name": {
        "ja": "シナリオ名「{name}」は使えません。前後に空白のない、1〜{max}文字の名前にしてください。",
        "en": "'{name}' cannot be used as a scenario name: use 1 to {max} characters without leading or trailing spaces.",
    },
    # exports (strategy.export): values and sheet names
    "ex.yes": {"ja": "はい", "en": "yes"},
    "ex.no": {"ja": "いいえ", "en": "no"},
    "ex.na": {"ja": "データなし", "en": "no data"},
    "ex.measured": {"ja": "実測", "en": "measured"},
    "ex.assumed": {"ja": "仮定", "en": "assumed"},
    "ex.status.imputed": {"ja": "補完値", "en": "imputed"},
    "ex.status.missing": {"ja": "欠測", "en": "missing"},
    "ex.kind.indicator": {"ja": "指標", "en": "indicator"},
    "ex.kind.rival_evidence": {"ja": "競合の進出の根拠", "en": "rival presence evidence"},
    "ex.used.market": {"ja": "市場スコア", "en": "market score"},
    "ex.used.fit": {"ja": "分野適合度", "en": "field fit"},
    "ex.used.threat": {"ja": "競合の脅威", "en": "rival threat"},
    "ex.sheet.markets": {"ja": "市場ランキング", "en": "Markets"},
    "ex.sheet.pairs": {"ja": "市場×分野", "en": "Market x field"},
    "ex.sheet.decomposition": {"ja": "スコア内訳", "en": "Score decomposition"},
    "ex.sheet.settings": {"ja": "重みと設定", "en": "Weights and settings"},
    "ex.sheet.plan": {"ja": "計画", "en": "Plan"},
    "ex.sheet.sources": {"ja": "出典・年・ライセンス", "en": "Sources, years, licences"},
    "ex.sheet.fields": {"ja": "判断（分野）", "en": "Judgement - fields"},
    "ex.sheet.rivals": {"ja": "判断（競合の強さ）", "en": "Judgement - rivals"},
    "ex.sheet.sensitivity": {"ja": "感度分析（SMAA）", "en": "Sensitivity (SMAA)"},
    "ex.section.run": {"ja": "実行", "en": "run"},
    "ex.section.weights": {"ja": "実効の重み", "en": "effective weights"},
    "ex.section.scenario": {"ja": "シナリオ", "en": "scenario"},
    "ex.section.plan": {"ja": "計画", "en": "plan"},
    # exports: column headers (ex.col.<column id>)
    "ex.col.rank": {"ja": "順位", "en": "Rank"},
    "ex.col.iso3": {"ja": "ISO3", "en": "ISO3"},
    "ex.col.country": {"ja": "国", "en": "Country"},
    "ex.col.region": {"ja": "地域", "en": "Region"},
    "ex.col.income_group": {"ja": "所得区分（世界銀行）", "en": "Income group (World Bank)"},
    "ex.col.score": {"ja": "市場スコア", "en": "Market score"},
    "ex.col.coverage": {"ja": "データ充足率", "en": "Data coverage"},
    "ex.col.best_field": {"ja": "最有望分野", "en": "Best field"},
    "ex.col.best_opportunity": {"ja": "最有望分野の機会スコア", "en": "Best field: opportunity"},
    "ex.col.best_main_rival": {"ja": "最有望分野の主要競合", "en": "Best field: main rival"},
    "ex.col.field_id": {"ja": "分野ID", "en": "Field id"},
    "ex.col.field": {"ja": "分野", "en": "Field"},
    "ex.col.phase": {"ja": "段階", "en": "Phase"},
    "ex.col.opportunity": {"ja": "機会スコア", "en": "Opportunity"},
    "ex.col.market": {"ja": "市場（0〜1に換算）", "en": "Market (rescaled 0-1)"},
    "ex.col.fit": {"ja": "分野適合度", "en": "Field fit"},
    "ex.col.need": {"ja": "ニーズ", "en": "Need"},
    "ex.col.readiness": {"ja": "受入れ準備度", "en": "Readiness"},
    "ex.col.strength": {"ja": "日本の強み（判断）", "en": "Japan's strength (judgement)"},
    "ex.col.position": {"ja": "競争上の位置", "en": "Competitive position"},
    "ex.col.margin": {"ja": "差（日本－主要競合）", "en": "Margin (Japan - main rival)"},
    "ex.col.main_rival": {"ja": "主要競合", "en": "Main rival"},
    "ex.col.main_threat": {"ja": "主要競合の脅威", "en": "Main rival's threat"},
    "ex.col.main_basis": {"ja": "競合の進出度の根拠", "en": "Rival presence basis"},
    "ex.col.japan_position": {"ja": "日本の位置", "en": "Japan's position"},
    "ex.col.japan_basis": {"ja": "日本の進出度の根拠", "en": "Japan presence basis"},
    "ex.col.white_space": {"ja": "空白市場", "en": "White space"},
    "ex.col.pillar": {"ja": "評価軸", "en": "Pillar"},
    "ex.col.indicator_id": {"ja": "指標ID", "en": "Indicator id"},
    "ex.col.indicator": {"ja": "指標", "en": "Indicator"},
    "ex.col.value": {"ja": "値", "en": "Value"},
    "ex.col.unit": {"ja": "単位", "en": "Unit"},
    "ex.col.year": {"ja": "年", "en": "Year"},
    "ex.col.source_id": {"ja": "出典ID", "en": "Source id"},
    "ex.col.normalised": {"ja": "正規化値（0〜1、向き調整済）", "en": "Normalised (0-1, oriented)"},
    "ex.col.weight": {"ja": "実効の重み", "en": "Effective weight"},
    "ex.col.contribution": {"ja": "寄与", "en": "Contribution"},
    "ex.col.status": {"ja": "状態", "en": "Status"},
    "ex.col.section": {"ja": "区分", "en": "Section"},
    "ex.col.parameter": {"ja": "項目", "en": "Parameter"},
    "ex.col.label": {"ja": "説明", "en": "Meaning"},
    "ex.col.period": {"ja": "期", "en": "Period"},
    "ex.col.cost": {"ja": "費用（判断）", "en": "Cost (judgement)"},
    "ex.col.staff": {"ja": "人員（判断）", "en": "Staff (judgement)"},
    "ex.col.kind": {"ja": "種類", "en": "Kind"},
    "ex.col.item_id": {"ja": "ID", "en": "Id"},
    "ex.col.item": {"ja": "名称", "en": "Name"},
    "ex.col.used_for": {"ja": "用途", "en": "Used for"},
    "ex.col.publisher": {"ja": "発行者", "en": "Publisher"},
    "ex.col.title": {"ja": "資料名", "en": "Title"},
    "ex.col.year_min": {"ja": "使用データの最初の年", "en": "First year used"},
    "ex.col.year_max": {"ja": "使用データの最後の年", "en": "Last year used"},
    "ex.col.n_countries": {"ja": "値のある国の数", "en": "Countries with a value"},
    "ex.col.licence": {"ja": "ライセンス", "en": "Licence"},
    "ex.col.url": {"ja": "URL", "en": "URL"},
    "ex.col.prerequisites": {"ja": "前提となる分野", "en": "Prerequisite fields"},
    "ex.col.japan_strength_table": {"ja": "日本の強み（判断表）", "en": "Japan's strength (judgement table)"},
    "ex.col.japan_strength_used": {
        "ja": "日本の強み（このシナリオで使用）",
        "en": "Japan's strength (used in this scenario)",
    },
    "ex.col.rationale": {"ja": "根拠", "en": "Rationale"},
    "ex.col.reference": {"ja": "出典・参考", "en": "Reference"},
    "ex.col.cost_staff_rationale": {"ja": "費用・人員の根拠", "en": "Cost and staff rationale"},
    "ex.col.rival_id": {"ja": "競合ID", "en": "Rival id"},
    "ex.col.rival": {"ja": "競合", "en": "Rival"},
    "ex.col.top_k": {"ja": "上位{k}位以内の確率", "en": "P(top {k})"},
    "ex.col.confidence": {"ja": "信頼係数", "en": "Confidence factor"},
    # exports: labels of settings rows (ex.param.<path in the scenario JSON>)
    "ex.param.generated": {"ja": "作成日時", "en": "Generated"},
    "ex.param.dataset.version": {"ja": "使用データの版", "en": "Data version used"},
    "ex.param.scenario.data_version": {"ja": "シナリオ作成時のデータの版", "en": "Data version of the scenario"},
    "ex.param.criteria.reference_year": {"ja": "基準年", "en": "Reference year"},
    "ex.param.countries.in_universe": {"ja": "比較対象の国の数", "en": "Countries compared"},
    "ex.param.countries.ranked": {"ja": "順位付けされた国の数", "en": "Countries ranked"},
    "ex.param.countries.excluded": {"ja": "データ不足で除外した国", "en": "Countries left out (low coverage)"},
    "ex.param.share": {"ja": "評価軸「{pillar}」の重みの割合", "en": "Share of weight: {pillar}"},
    "ex.param.pillar_weight": {"ja": "評価軸「{pillar}」の重み", "en": "Pillar weight: {pillar}"},
    "ex.param.name": {"ja": "シナリオ名", "en": "Scenario name"},
    "ex.param.preset": {"ja": "重みのプリセット", "en": "Weight preset"},
    "ex.param.settings.method": {"ja": "集計方法", "en": "Aggregation method"},
    "ex.param.settings.normalisation": {"ja": "正規化", "en": "Normalisation"},
    "ex.param.settings.missing": {"ja": "欠測値の扱い", "en": "Missing data policy"},
    "ex.param.settings.max_age": {"ja": "データの許容年数", "en": "Maximum data age (years)"},
    "ex.param.settings.min_coverage": {"ja": "必要なデータ充足率", "en": "Minimum coverage"},
    "ex.param.settings.reference_year": {"ja": "基準年（空欄＝最新）", "en": "Reference year (blank = latest)"},
    "ex.param.settings.winsor": {"ja": "外れ値の切り詰め", "en": "Winsorising"},
    "ex.param.presence_default": {"ja": "根拠がない場合の進出度（仮定）", "en": "Assumed presence without evidence"},
    "ex.param.white_space_threshold": {"ja": "空白市場のしきい値", "en": "White-space threshold"},
    "ex.param.constraints.budget": {"ja": "予算", "en": "Budget"},
    "ex.param.constraints.staff": {"ja": "人員の上限", "en": "Staff limit"},
    "ex.param.constraints.max_countries": {"ja": "国数の上限", "en": "Maximum countries"},
    "ex.param.constraints.periods": {"ja": "期の数", "en": "Periods"},
    "ex.param.solver.solver": {"ja": "ソルバー", "en": "Solver"},
    "ex.param.solver.time_limit": {"ja": "計算時間の上限（秒）", "en": "Time limit (s)"},
    "ex.param.plan.status": {"ja": "計画の状態", "en": "Plan status"},
    "ex.param.plan.objective": {"ja": "目的関数の値", "en": "Objective value"},
    "ex.param.plan.gap": {"ja": "最適性ギャップ", "en": "Optimality gap"},
    "ex.param.plan.budget_used": {"ja": "使用した予算", "en": "Budget used"},
    "ex.param.plan.staff_used": {"ja": "使用した人員", "en": "Staff used"},
    "ex.param.plan.binding": {"ja": "上限に達した制約", "en": "Binding limits"},
    # exports: errors
    "ex.err.unknown_country": {
        "ja": "国「{value}」が見つかりません。ISO3コード（例: VNM）か国名で指定してください（候補: {suggestions}）。",
        "en": "Country '{value}' not found. Give an ISO3 code (e.g. VNM) or a name (close matches: {suggestions}).",
    },
    "ex.err.excluded": {
        "ja": "{country}（{iso3}）はデータ充足率が {coverage} と低いため、このシナリオでは順位付けされていません。",
        "en": "{country} ({iso3}) is not ranked in this scenario: its data coverage is only {coverage}.",
    },
    "ex.err.not_in_universe": {
        "ja": "{country}（{iso3}）はこのシナリオの比較対象に含まれていません（対象国の設定を確認してください）。",
        "en": "{country} ({iso3}) is not among the countries this scenario compares (check its universe).",
    },
    # exports: the HTML country brief
    "ex.brief.title": {"ja": "{country}：国別ブリーフ", "en": "{country}: country brief"},
    "ex.brief.meta": {
        "ja": "シナリオ「{scenario}」／集計方法: {method}／データ版 {data}／作成日 {date}",
        "en": "Scenario '{scenario}' / method: {method} / data version {data} / generated {date}",
    },
    "ex.brief.why": {"ja": "1. なぜこの市場か", "en": "1. Why this market"},
    "ex.brief.rank_line": {
        "ja": "{country}は{n}か国中{rank}位（市場スコア {score}、データ充足率 {coverage}）。",
        "en": "{country} ranks {rank} of {n} (market score {score}, data coverage {coverage}).",
    },
    "ex.brief.strongest": {
        "ja": "スコアを押し上げている指標: {items}",
        "en": "Indicators that lift the score most: {items}",
    },
    "ex.brief.chart.pillars": {"ja": "{country}の評価軸別スコア（0〜1）", "en": "{country}: score by pillar (0-1)"},
    "ex.brief.pillar_note": {
        "ja": "評価軸スコアは比較対象国の中での相対値（0〜1）です。重みの割合はこのシナリオの設定です。",
        "en": "Pillar scores are relative to the countries compared (0-1). Weight shares are this scenario's settings.",
    },
    "ex.brief.col.pillar": {"ja": "評価軸", "en": "Pillar"},
    "ex.brief.col.pillar_score": {"ja": "スコア", "en": "Score"},
    "ex.brief.col.pillar_rank": {"ja": "順位", "en": "Rank"},
    "ex.brief.col.weight_share": {"ja": "重みの割合", "en": "Weight share"},
    "ex.brief.fields": {"ja": "2. どの分野で", "en": "2. Which fields"},
    "ex.brief.fields_note": {
        "ja": "機会スコア＝市場・分野適合度・競争上の位置の加重結合。日本の強みと競合の強さは判断値です（根拠はワークブックの判断シート）。＊＝競合の進出度が仮定値（根拠データなし）。",
        "en": "Opportunity combines market, field fit and competitive position. Japan's and rivals' strengths are "
        "judgements (rationale in the workbook's judgement sheets). * = rival presence assumed (no evidence).",
    },
    "ex.brief.col.field": {"ja": "分野", "en": "Field"},
    "ex.brief.col.pair_rank": {"ja": "全体順位", "en": "Overall rank"},
    "ex.brief.col.opportunity": {"ja": "機会スコア", "en": "Opportunity"},
    "ex.brief.col.fit": {"ja": "適合度", "en": "Fit"},
    "ex.brief.col.need": {"ja": "ニーズ", "en": "Need"},
    "ex.brief.col.strength": {"ja": "日本の強み", "en": "Japan's strength"},
    "ex.brief.col.main_rival": {"ja": "主要競合", "en": "Main rival"},
    "ex.brief.col.margin": {"ja": "差（日本－競合）", "en": "Margin (Japan - rival)"},
    "ex.brief.chart.position": {
        "ja": "{country}：有望分野での日本の位置と主要競合の脅威",
        "en": "{country}: Japan's position and the main rival's threat in the best fields",
    },
    "ex.brief.legend.japan": {"ja": "日本の位置", "en": "Japan's position"},
    "ex.brief.legend.rival": {"ja": "主要競合の脅威", "en": "Main rival's threat"},
    "ex.brief.nobody": {"ja": "有力な競合なし", "en": "no strong rival"},
    "ex.brief.rivals": {"ja": "3. どの競合と", "en": "3. Which rival"},
    "ex.brief.rivals_note": {
        "ja": "脅威＝競合の強さ（判断）×進出度。根拠データのない組み合わせでは進出度を {default} と仮定しています。",
        "en": "Threat = rival strength (judgement) × presence. Where no evidence exists, presence is assumed to be {default}.",
    },
    "ex.brief.col.rival": {"ja": "競合", "en": "Rival"},
    "ex.brief.col.max_threat": {"ja": "最大の脅威", "en": "Highest threat"},
    "ex.brief.col.in_field": {"ja": "その分野", "en": "In field"},
    "ex.brief.col.n_main": {"ja": "主要競合となる分野数", "en": "Fields where main rival"},
    "ex.brief.col.measured_fields": {"ja": "根拠データのある分野数", "en": "Fields with evidence"},
    "ex.brief.col.evidence": {"ja": "根拠", "en": "Evidence"},
    "ex.brief.no_evidence": {"ja": "根拠データなし", "en": "no evidence"},
    "ex.brief.measured_absent": {"ja": "調査データ上は進出なし", "en": "measured absent"},
    "ex.brief.plan": {"ja": "4. 計画での扱い", "en": "4. In the plan"},
    "ex.brief.plan_in": {
        "ja": "計画（状態: {status}）はこの国で{n}件の分野を選んでいます。",
        "en": "The plan (status: {status}) selects {n} field(s) in this country.",
    },
    "ex.brief.plan_out": {
        "ja": "計画（状態: {status}）はこの国を選んでいません。",
        "en": "The plan (status: {status}) does not select this country.",
    },
    "ex.brief.col.period": {"ja": "期", "en": "Period"},
    "ex.brief.col.cost": {"ja": "費用", "en": "Cost"},
    "ex.brief.col.staff": {"ja": "人員", "en": "Staff"},
    "ex.brief.data": {"ja": "データの年と出典", "en": "Data years and sources"},
    "ex.brief.years": {
        "ja": "使用したデータの年: {start}〜{end}年（基準年 {ref}、{age}年より古い値は使用していません）。",
        "en": "Data years used: {start} to {end} (reference year {ref}; values older than {age} years are not used).",
    },
    "ex.brief.col.indicator": {"ja": "指標", "en": "Indicator"},
    "ex.brief.col.value": {"ja": "値", "en": "Value"},
    "ex.brief.col.unit": {"ja": "単位", "en": "Unit"},
    "ex.brief.col.year": {"ja": "年", "en": "Year"},
    "ex.brief.col.source": {"ja": "出典", "en": "Source"},
    "ex.brief.col.licence": {"ja": "ライセンス", "en": "Licence"},
    "ex.brief.sources": {"ja": "出典", "en": "Sources"},
    "ex.brief.licence": {"ja": "ライセンス", "en": "licence"},
    "ex.brief.judgement_note": {
        "ja": "日本の強み・競合の強さ・費用・人員は、根拠と出典を付けた判断値です。測定値ではありません。",
        "en": "Japan's strength, rival strength, cost and staff are judgements with a rationale and a reference, "
        "not measurements.",
    },
    # command line (strategy.cli)
    "cli.err.prefix": {"ja": "エラー: ", "en": "Error: "},
    "cli.err.usage": {
        "ja": "コマンドの指定が正しくありません（{detail}）。--help で使い方を確認してください。",
        "en": "Invalid command line ({detail}). See --help.",
    },
    "cli.err.read": {
        "ja": "ファイル「{path}」を読み込めません（{detail}）。",
        "en": "Cannot read '{path}' ({detail}).",
    },
    "cli.err.write": {
        "ja": "ファイル「{path}」に書き込めません（{detail}）。フォルダーと書き込み権限を確認してください。",
        "en": "Cannot write '{path}' ({detail}). Check the folder and the write permission.",
    },
    "cli.err.is_dir": {"ja": "フォルダーです", "en": "it is a folder"},
    "cli.err.no_dir": {"ja": "フォルダーがありません", "en": "no such folder"},
    "cli.err.io": {"ja": "入出力エラーです（{detail}）。", "en": "Input/output error ({detail})."},
    "cli.err.no_data": {
        "ja": "データフォルダー「{path}」がありません。",
        "en": "The data folder '{path}' does not exist.",
    },
    "cli.err.scenario": {"ja": "シナリオが正しくありません:", "en": "The scenario is not valid:"},
    "cli.err.data": {"ja": "データに{n}件の問題があります:", "en": "The data has {n} problem(s):"},
    "cli.err.scoring": {
        "ja": "このシナリオではスコアを計算できません（{detail}）。",
        "en": "This scenario cannot be scored ({detail}).",
    },
    "cli.err.empty_universe": {
        "ja": "このシナリオでは順位付けできる国がありません（対象国の設定とデータ充足率の条件を確認してください）。",
        "en": "No country can be ranked with this scenario (check its universe and the minimum coverage).",
    },
    "cli.err.not_ranked": {
        "ja": "{iso3} はこのシナリオでは順位付けされていません（対象外か、データ不足で除外）。",
        "en": "{iso3} is not ranked in this scenario (outside its universe, or left out for low data coverage).",
    },
    "cli.err.unknown_field": {
        "ja": "分野「{value}」はありません（使える分野: {allowed}）。",
        "en": "Unknown field '{value}' (fields: {allowed}).",
    },
    "cli.err.pairs_only": {
        "ja": "--country と --field は --what pairs と一緒に使います。",
        "en": "--country and --field go with --what pairs.",
    },
    "cli.err.suffix": {
        "ja": "出力先「{path}」の形式に対応していません（使える形式: {allowed}）。",
        "en": "Unsupported output '{path}' (use {allowed}).",
    },
    "cli.err.table_to_file": {
        "ja": "--format table は画面表示用です。ファイルには --format csv か xlsx を使ってください。",
        "en": "--format table prints to the screen; for a file use --format csv or xlsx.",
    },
    "cli.err.xlsx_stdout": {
        "ja": "Excel 形式には --out でファイルを指定してください。",
        "en": "For Excel output give a file with --out.",
    },
    "cli.err.export_out": {
        "ja": "出力先を --out で指定してください（.xlsx、.html、またはフォルダー）。",
        "en": "Give the output with --out (.xlsx, .html or a folder).",
    },
    "cli.err.one_country": {
        "ja": "HTML ファイルへの出力には --country をちょうど1つ指定してください（複数の国はフォルダーに出力できます）。",
        "en": "An .html output takes exactly one --country (write several into a folder).",
    },
    "cli.err.target": {
        "ja": "{action} には対象（シナリオ名またはファイル）が必要です。",
        "en": "'{action}' needs a target (scenario name or file).",
    },
    "cli.err.infeasible": {
        "ja": "計画を作れません：制約をすべて同時に満たすことができません。",
        "en": "No plan: the constraints cannot all hold at once.",
    },
    "cli.err.clash": {
        "ja": "「{group}」をおよそ {amount} 緩めると解が見つかります",
        "en": "relaxing '{group}' by about {amount} makes a plan possible",
    },
    "cli.err.clash_inf": {
        "ja": "「{group}」が他の制約と衝突しています",
        "en": "'{group}' clashes with other constraints",
    },
    "cli.err.no_solution": {
        "ja": "計画を作れません：制限時間（{limit}秒）内に解が見つかりませんでした（状態: {status}）。--time-limit を長くしてください。",
        "en": "No plan: no solution within the time limit of {limit} s (status: {status}). Try a longer --time-limit.",
    },
    "cli.err.interrupted": {"ja": "中断しました。", "en": "Interrupted."},
    "cli.err.unexpected": {
        "ja": "予期しないエラーが発生しました（{kind}: {detail}）。--debug を付けて再実行すると詳細が表示されます。",
        "en": "Unexpected error ({kind}: {detail}). Run again with --debug for details.",
    },
    "cli.warn.data_version": {
        "ja": "注意: シナリオはデータ版 {scenario} で作られました。現在のデータ版は {data} です（結果が保存時と異なる場合があります）。",
        "en": "Note: the scenario was made with data version {scenario}; the data now is version {data} "
        "(results may differ from when it was saved).",
    },
    "cli.warn.smaa_wsm": {
        "ja": "注意: SMAA は加重和で評価軸スコアを結合します（このシナリオの集計方法は {method}）。",
        "en": "Note: SMAA combines the pillar scores by weighted sum (this scenario's method is {method}).",
    },
    "cli.progress.load": {"ja": "データを読み込んでいます", "en": "Loading data"},
    "cli.progress.score": {"ja": "スコアを計算しています", "en": "Scoring"},
    "cli.progress.solve": {
        "ja": "最適化しています（{solver}、候補 {n} 件、制限時間 {limit} 秒）",
        "en": "Solving ({solver}, {n} candidate entries, time limit {limit} s)",
    },
    "cli.progress.explain": {"ja": "衝突している制約を調べています", "en": "Finding the clashing constraints"},
    "cli.progress.smaa": {
        "ja": "SMAA（{n} サンプル、{countries} か国、評価軸 {criteria}）",
        "en": "SMAA ({n} samples, {countries} countries, {criteria} pillars)",
    },
    "cli.progress.workbook": {"ja": "Excel ワークブックを作成しています", "en": "Building the Excel workbook"},
    "cli.progress.done": {"ja": "完了（{seconds} 秒）", "en": "done ({seconds} s)"},
    "cli.progress.failed": {"ja": "中止（{seconds} 秒）", "en": "stopped ({seconds} s)"},
    "cli.plan.summary": {
        "ja": "計画: 状態 {status}、目的関数 {objective}、{countries} か国 {n} 件、予算 {budget}、人員 {staff}",
        "en": "Plan: status {status}, objective {objective}, {n} entries in {countries} countries, budget {budget}, "
        "staff {staff}",
    },
    "cli.more_rows": {
        "ja": "（{total} 行のうち先頭 {shown} 行を表示。--top で行数を指定、--out でファイルに出力できます）",
        "en": "(showing the first {shown} of {total} rows; use --top for more, --out for a file)",
    },
    "cli.wrote": {"ja": "{path} に書き出しました（{rows} 行）", "en": "Wrote {path} ({rows} rows)"},
    "cli.wrote_file": {"ja": "{path} に書き出しました", "en": "Wrote {path}"},
    "cli.imported": {
        "ja": "シナリオ「{name}」を保存しました（版 {version}）",
        "en": "Saved scenario '{name}' (version {version})",
    },
    # (end of scenarios, exports, CLI keys)
    # scenarios page and scenario comparison keys (ui.scn.*)
    "ui.scn.intro": {
        "ja": "現在のシナリオ（左の評価設定と ④ 計画 の条件のすべて）を保存・読み込み・比較し、CSV・Excel・HTML で出力します。"
        "保存には版番号が付き、他の人が先に保存した場合は上書きせずに知らせます。",
        "en": "Save, load and compare the current scenario (every setting on the left and the rules on ④ Plan), and "
        "export it as CSV, Excel and HTML. Saves carry a version: if someone saved first, you are told instead of "
        "overwriting their work.",
    },
    "ui.scn.default_name": {"ja": "新しいシナリオ", "en": "New scenario"},
    "ui.scn.current_title": {"ja": "現在のシナリオ", "en": "The current scenario"},
    "ui.scn.name": {"ja": "シナリオ名", "en": "Scenario name"},
    "ui.scn.name_help": {
        "ja": "保存するときの名前（120文字まで）。読み込んだシナリオと同じ名前なら次の版として保存します。",
        "en": "The name to save under (up to 120 characters). The same name as the loaded scenario saves its next version.",
    },
    "ui.scn.loaded_from": {
        "ja": "読み込んだシナリオ: {name}（版 {version}）。その後の変更は保存するまで反映されません。",
        "en": "Loaded scenario: {name} (version {version}). Changes since then are kept only when you save.",
    },
    "ui.scn.imported_from": {
        "ja": "ファイルから読み込んだシナリオ: {name}（まだ保存されていません）。",
        "en": "Scenario imported from a file: {name} (not saved yet).",
    },
    "ui.scn.save": {"ja": "保存", "en": "Save"},
    "ui.scn.save_help": {
        "ja": "シナリオ保存先（既定: SQLite ファイル、ICT_STRATEGY_DB_URL で PostgreSQL も可）に保存します。",
        "en": "Saves to the scenario store (default: a SQLite file; PostgreSQL via ICT_STRATEGY_DB_URL).",
    },
    "ui.scn.saved": {
        "ja": "「{name}」を版 {version} として保存しました。",
        "en": "Saved '{name}' as version {version}.",
    },
    "ui.scn.conflict_next": {
        "ja": "あなたの変更はまだ保存されていません。相手の新しい版を読み込む（あなたの変更は破棄）か、名前を変えて別のシナリオとして保存してください。",
        "en": "Your changes are not saved yet. Load their newer version (dropping your changes), or change the name "
        "and save yours as a separate scenario.",
    },
    "ui.scn.load_newer": {"ja": "新しい版を読み込む", "en": "Load the newer version"},
    "ui.scn.download_json": {"ja": "JSON をダウンロード", "en": "Download JSON"},
    "ui.scn.download_json_help": {
        "ja": "このシナリオを JSON ファイルに保存します。同僚に渡したり、コマンドライン（--scenario）で使えます。",
        "en": "The scenario as a JSON file: share it with colleagues or use it on the command line (--scenario).",
    },
    "ui.scn.saved_title": {"ja": "保存済みのシナリオ", "en": "Saved scenarios"},
    "ui.scn.store_off": {
        "ja": "シナリオ保存先が使えないため、保存・読み込みはできません。JSON の書き出し・読み込みと出力は使えます。",
        "en": "The scenario store is not available, so saving and loading are off. JSON export/import and the exports work.",
    },
    "ui.scn.store_at": {"ja": "保存先: {url}", "en": "Store: {url}"},
    "ui.scn.none_saved": {"ja": "まだ保存されたシナリオはありません。", "en": "No scenario saved yet."},
    "ui.scn.col.name": {"ja": "名前", "en": "Name"},
    "ui.scn.col.version": {"ja": "版", "en": "Version"},
    "ui.scn.col.updated": {"ja": "更新日時（UTC）", "en": "Updated (UTC)"},
    "ui.scn.choose": {"ja": "操作するシナリオ", "en": "Scenario to act on"},
    "ui.scn.choose_help": {
        "ja": "読み込み・名前の変更・複製・削除の対象。",
        "en": "The scenario to load, rename, duplicate or delete.",
    },
    "ui.scn.load": {"ja": "読み込む", "en": "Load"},
    "ui.scn.load_help": {
        "ja": "すべてのページの設定と計画の条件をこのシナリオに置き換えます。",
        "en": "Puts this scenario's settings and plan rules on every page.",
    },
    "ui.scn.loaded": {"ja": "「{name}」を読み込みました。", "en": "Loaded '{name}'."},
    "ui.scn.new_name": {"ja": "新しい名前", "en": "New name"},
    "ui.scn.new_name_help": {"ja": "名前の変更・複製に使います。", "en": "Used by Rename and Duplicate."},
    "ui.scn.rename": {"ja": "名前を変更", "en": "Rename"},
    "ui.scn.rename_help": {"ja": "版の履歴はそのまま引き継ぎます。", "en": "Keeps the version history."},
    "ui.scn.renamed": {"ja": "「{old}」を「{new}」に変更しました。", "en": "Renamed '{old}' to '{new}'."},
    "ui.scn.duplicate": {"ja": "複製", "en": "Duplicate"},
    "ui.scn.duplicate_help": {
        "ja": "新しい名前で版 1 として複製します。",
        "en": "Copies it under the new name as version 1.",
    },
    "ui.scn.duplicated": {"ja": "「{old}」を「{new}」として複製しました。", "en": "Duplicated '{old}' as '{new}'."},
    "ui.scn.delete_sure": {"ja": "「{name}」を削除してよい", "en": "Yes, delete '{name}'"},
    "ui.scn.delete": {"ja": "削除", "en": "Delete"},
    "ui.scn.delete_help": {
        "ja": "元に戻せません。先に JSON を書き出しておくと安心です。",
        "en": "This cannot be undone; export the JSON first to keep a copy.",
    },
    "ui.scn.deleted": {"ja": "「{name}」を削除しました。", "en": "Deleted '{name}'."},
    "ui.scn.import_title": {"ja": "JSON から読み込む", "en": "Import from JSON"},
    "ui.scn.import": {"ja": "シナリオの JSON ファイル", "en": "Scenario JSON file"},
    "ui.scn.import_help": {
        "ja": "このアプリやコマンドラインで書き出した JSON。読み込む前に内容を検査します。",
        "en": "A JSON exported by this app or the command line; it is checked before use.",
    },
    "ui.scn.import_bad": {
        "ja": "ファイル「{file}」はシナリオとして使えません。次の点を直してください:",
        "en": "File '{file}' cannot be used as a scenario. Fix the following:",
    },
    "ui.scn.import_ok": {"ja": "「{name}」を検査しました。問題はありません。", "en": "Checked '{name}': no problems."},
    "ui.scn.import_apply": {"ja": "このシナリオを適用", "en": "Apply this scenario"},
    "ui.scn.other_data": {
        "ja": "このシナリオは別のデータ版（{version}）で作られました。現在のデータ（{current}）で計算すると結果が異なる場合があります。",
        "en": "This scenario was made on another data version ({version}); on the current data ({current}) results may differ.",
    },
    "ui.scn.note.universe": {
        "ja": "注意: このシナリオの国の追加・除外の指定はサイドバーで表せないため、適用していません。",
        "en": "Note: this scenario's extra included/excluded countries cannot be set in the sidebar and were not applied.",
    },
    "ui.scn.note.exact": {
        "ja": "柱の重みはスライダーの刻み（0.5）では表せないため、そのままの値で使っています（重みの決め方：「読み込んだシナリオ」）。"
        "スライダーに切り替えると、近い刻みの値になります。",
        "en": "The pillar weights do not fit the sliders' 0.5 steps, so they are used exactly as saved (weights from: "
        "'Loaded scenario'). Switching to the sliders moves them to the nearest steps.",
    },
    "ui.scn.note.strength": {
        "ja": "注意: このシナリオの日本の強みの上書きは、アプリでは表示・編集できません（出力とコマンドラインでは使われます）。",
        "en": "Note: this scenario's overrides of Japan's strength are not shown or edited in the app (exports and the "
        "command line use them).",
    },
    "ui.scn.export_title": {"ja": "出力", "en": "Exports"},
    "ui.scn.export_caption": {
        "ja": "現在のシナリオで計算し、コマンドラインと同じファイルを作ります。CSV は Excel でそのまま開ける UTF-8（BOM付き）です。",
        "en": "Computed for the current scenario; the same files as the command line. CSV files are UTF-8 with BOM so "
        "Excel opens them as they are.",
    },
    "ui.scn.no_plan": {
        "ja": "現在の設定で解いた計画がないため、Excel と概要に計画は含まれません（④ 計画 で解くと含まれます）。",
        "en": "No plan solved on the current settings, so the workbook and brief leave the plan out (solve on ④ Plan to "
        "include it).",
    },
    "ui.scn.csv_markets": {"ja": "市場の順位（CSV）", "en": "Market ranking (CSV)"},
    "ui.scn.csv_pairs": {"ja": "市場×分野の順位（CSV）", "en": "Market × field ranking (CSV)"},
    "ui.scn.csv_help": {
        "ja": "数式として解釈されうるセル（= + - @ で始まる）は無害化しています。",
        "en": "Cells that a spreadsheet could read as a formula (starting with = + - @) are neutralised.",
    },
    "ui.scn.excel": {"ja": "Excel ブック", "en": "Excel workbook"},
    "ui.scn.excel_help": {
        "ja": "シート: 候補一覧、スコアの内訳、重みと設定、計画、出典（年・ライセンス）、使った判断データ。",
        "en": "Sheets: shortlist, score decomposition, weights and settings, plan, sources (years, licences), judgements used.",
    },
    "ui.scn.brief_country": {"ja": "国別概要（HTML）の国", "en": "Country for the brief (HTML)"},
    "ui.scn.brief_help": {
        "ja": "印刷できる1枚の概要。図は埋め込み済みで、オフラインで開けます。",
        "en": "A printable brief with its charts embedded: it opens offline.",
    },
    "ui.scn.brief": {"ja": "{country} の概要（HTML）", "en": "Brief for {country} (HTML)"},
    "ui.scn.compare_title": {"ja": "シナリオの比較", "en": "Compare scenarios"},
    "ui.scn.compare_caption": {
        "ja": "保存済みのシナリオ（と現在のシナリオ）を並べ、市場順位の変化、重みの違い、計画の違いを示します。",
        "en": "Saved scenarios (and the current one) side by side: market rank shifts, weight differences, plan differences.",
    },
    "ui.scn.compare_pick": {"ja": "比較するシナリオ（2つ以上）", "en": "Scenarios to compare (two or more)"},
    "ui.scn.compare_help": {"ja": "最初に選んだものが基準です。", "en": "The first one is the reference."},
    "ui.scn.current_label": {"ja": "現在のシナリオ", "en": "Current scenario"},
    "ui.scn.saved_label": {"ja": "保存版", "en": "saved"},
    "ui.scn.compare_need_two": {
        "ja": "比較するには2つ以上選んでください（シナリオを保存すると選べます）。",
        "en": "Choose two or more to compare (save a scenario to make it available).",
    },
    "ui.scn.slope_title": {
        "ja": "市場順位の変化（いずれかで上位{n}位以内の国）",
        "en": "Market rank shifts (countries in any top {n})",
    },
    "ui.scn.rank_hover": {"ja": "%{y}位", "en": "rank %{y}"},
    "ui.scn.rank_axis": {"ja": "順位", "en": "Rank"},
    "ui.scn.slope_caption": {
        "ja": "{moved}か国の順位が基準から変わりました（最大 {biggest}位）。",
        "en": "{moved} countries change rank from the reference (by up to {biggest} places).",
    },
    "ui.scn.weights_title": {"ja": "柱の重み（合計に占める割合）", "en": "Pillar weights (share of the total)"},
    "ui.scn.col.spread": {"ja": "最大差", "en": "Largest difference"},
    "ui.scn.weights_caption": {
        "ja": "重みは各シナリオの合計を1とした割合です（尺度の違うシナリオも比べられます）。",
        "en": "Weights are shares of each scenario's total, so scenarios on different scales compare.",
    },
    "ui.scn.plans_title": {"ja": "計画の違い", "en": "Plan differences"},
    "ui.scn.plans_caption": {
        "ja": "保存されているのは条件であって結果ではないため、各シナリオの条件で計画を解き直して比べます。",
        "en": "Scenarios keep rules, not results: each plan is solved again with its scenario's rules.",
    },
    "ui.scn.plans_run": {"ja": "各シナリオの計画を解く", "en": "Solve each scenario's plan"},
    "ui.scn.plan_status": {"ja": "状態", "en": "Status"},
    "ui.scn.plan_entries": {"ja": "参入件数", "en": "Entries"},
    "ui.scn.status.optimal": {"ja": "最適（証明済み）", "en": "optimal (proven)"},
    "ui.scn.status.feasible": {"ja": "実行可能（最適未証明）", "en": "feasible, not proven optimal"},
    "ui.scn.status.infeasible": {"ja": "条件を満たす計画なし", "en": "no plan meets the rules"},
    "ui.scn.status.no_solution": {"ja": "時間内に解なし", "en": "no solution in the time limit"},
    "ui.scn.status.heuristic": {"ja": "貪欲法", "en": "greedy"},
    "ui.scn.col.in_all": {"ja": "すべてで選択", "en": "In every plan"},
    "ui.scn.plans_diff_caption": {
        "ja": "一部の計画にしかない参入: {n}件（表の上側）。",
        "en": "Entries in some plans only: {n} (at the top of the table).",
    },
    # (end of scenarios page keys)
    # country profile and ASEAN + India comparison page keys (ui.cp.*, ui.fc.*)
    # ASEAN + India comparison (ui.fc.*)
    "ui.fc.intro": {
        "ja": "重点市場（ASEAN10か国とインド）を並べて比べます。他の国も追加できます（URL に保存され、リンクで共有できます）。"
        "スコアは左の評価設定に従います。",
        "en": "The focus markets (ASEAN-10 and India) side by side. Add any other country (kept in the URL, so a link "
        "shares the comparison). Scores follow the settings on the left.",
    },
    "ui.fc.add": {"ja": "比較に加える国", "en": "Countries to add"},
    "ui.fc.add_placeholder": {"ja": "国を選ぶ（例: 韓国、ブラジル）", "en": "Choose countries (e.g. Korea, Brazil)"},
    "ui.fc.add_help": {
        "ja": "重点11か国に加えて比べる国。下のすべての図と表に入り、URL（?add=KOR,BRA）にも保存されます。",
        "en": "Countries compared besides the 11 focus markets. They appear in every chart and table below and are "
        "kept in the URL (?add=KOR,BRA).",
    },
    "ui.fc.unknown_codes": {
        "ja": "URL の国コード {codes} はデータにないため無視しました（ISO3 の3文字コード、例: KOR）。",
        "en": "Country code(s) {codes} in the URL are not in the data and were ignored (use ISO3 codes, e.g. KOR).",
    },
    "ui.fc.highlight": {"ja": "色で強調する国", "en": "Countries to highlight"},
    "ui.fc.highlight_placeholder": {"ja": "国を選ぶ", "en": "Choose countries"},
    "ui.fc.highlight_help": {
        "ja": "レーダーと推移グラフで色を付ける国（最大{n}か国、色覚の違いに配慮した配色）。他の国は灰色で表示します。",
        "en": "Countries drawn in colour on the radar and the time charts (up to {n}, colour-blind safe); the others "
        "stay grey.",
    },
    "ui.fc.compared": {"ja": "比較する{n}か国: {names}", "en": "{n} countries compared: {names}"},
    "ui.fc.radar_title": {"ja": "評価軸別のスコア", "en": "Scores by pillar"},
    "ui.fc.radar_value": {"ja": "評価軸スコア", "en": "Pillar score"},
    "ui.fc.radar_value_rescaled": {"ja": "評価軸スコア（0〜1に換算）", "en": "Pillar score (rescaled to 0-1)"},
    "ui.fc.legend_title": {"ja": "国（凡例をクリックで表示切替）", "en": "Country (click to show/hide)"},
    "ui.fc.radar_caption": {
        "ja": "評価軸スコア（0〜1）は比較対象国全体の中での相対値で、市場スコアの内訳と同じ値です"
        "（基準年 {year}年、{age}年より古い値は不使用）。重みは左の評価設定です。",
        "en": "Pillar scores (0-1) are relative to every country in the universe and are the parts of the market "
        "score (reference year {year}; values older than {age} years are not used). Weights: settings on the left.",
    },
    "ui.fc.radar_rescaled": {
        "ja": "Zスコアで正規化しているため、レーダーでは各評価軸を比較対象国の最小〜最大で0〜1に換算して表示しています（表は元の値）。",
        "en": "With z-scores the radar rescales each pillar to 0-1 over the scored countries (the table keeps the "
        "original values).",
    },
    "ui.fc.not_scored": {
        "ja": "次の国は市場スコアがありません（対象国の範囲外か、データ不足で除外）: {names}。理由は表の注記列を参照。",
        "en": "No market score for: {names} (outside the universe, or left out for too little data); see the note "
        "column of the table.",
    },
    "ui.fc.pillar_gaps": {
        "ja": "データがないため空白の評価軸（0ではありません）: {items}",
        "en": "Pillars left blank for lack of data (not zero): {items}",
    },
    "ui.fc.col.note": {"ja": "注記", "en": "Note"},
    "ui.fc.reason.excluded": {
        "ja": "データ充足率 {pct}% のため除外（左の設定「必要なデータ充足率」）",
        "en": "left out: data coverage {pct}% (see 'Minimum coverage' on the left)",
    },
    "ui.fc.reason.outside": {
        "ja": "現在の対象国の範囲外（左の「比較する国・地域」）",
        "en": "outside the current universe ('Countries compared' on the left)",
    },
    "ui.fc.history_title": {"ja": "主要指標の推移（2000年以降）", "en": "Key indicators over time (2000 onward)"},
    "ui.fc.history_caption": {
        "ja": "{start}年以降の実測値（補完なし。線の切れ目は値のない年）。破線は重点11か国の中央値（{n}か国以上に値がある年のみ）。"
        "「対数目盛」と書いたグラフは縦軸が対数です。",
        "en": "Measured values from {start} (nothing filled in; a break in a line is a year without a value). The "
        "dashed line is the median of the 11 focus markets (years where at least {n} have a value). Panels marked "
        "'log scale' have a logarithmic vertical axis.",
    },
    "ui.fc.history_sources": {"ja": "指標ごとの単位・年・出典・ライセンス", "en": "Units, years, sources and licences"},
    "ui.fc.history_note": {
        "ja": "{name}（{unit}）: {start}〜{end}年、{sources}",
        "en": "{name} ({unit}): {start}-{end}, {sources}",
    },
    "ui.fc.history_none": {
        "ja": "{name}（{unit}）: 2000年以降のデータなし",
        "en": "{name} ({unit}): no data from 2000",
    },
    "ui.fc.median": {"ja": "重点{n}か国の中央値", "en": "Median of the {n} focus markets"},
    "ui.fc.log_axis": {"ja": "、対数目盛", "en": ", log scale"},
    "ui.fc.axis.oku_usd": {"ja": "億ドル", "en": "US$ 100 m"},
    "ui.fc.axis.man_usd": {"ja": "万ドル", "en": "US$ 10,000"},
    "ui.fc.axis.bn_usd": {"ja": "十億ドル", "en": "US$ bn"},
    "ui.fc.axis.m_usd": {"ja": "百万ドル", "en": "US$ m"},
    "ui.fc.axis.usd": {"ja": "ドル", "en": "US$"},
    "ui.fc.axis.man_people": {"ja": "万人", "en": "10,000 people"},
    "ui.fc.axis.m_people": {"ja": "百万人", "en": "million people"},
    "ui.fc.subregion.Australia and New Zealand": {
        "ja": "オーストラリア・ニュージーランド",
        "en": "Australia and New Zealand",
    },
    "ui.fc.subregion.Central Asia": {"ja": "中央アジア", "en": "Central Asia"},
    "ui.fc.subregion.Eastern Asia": {"ja": "東アジア", "en": "Eastern Asia"},
    "ui.fc.subregion.Eastern Europe": {"ja": "東ヨーロッパ", "en": "Eastern Europe"},
    "ui.fc.subregion.Latin America and the Caribbean": {
        "ja": "中南米・カリブ",
        "en": "Latin America and the Caribbean",
    },
    "ui.fc.subregion.Melanesia": {"ja": "メラネシア", "en": "Melanesia"},
    "ui.fc.subregion.Micronesia": {"ja": "ミクロネシア", "en": "Micronesia"},
    "ui.fc.subregion.Northern Africa": {"ja": "北アフリカ", "en": "Northern Africa"},
    "ui.fc.subregion.Northern America": {"ja": "北アメリカ", "en": "Northern America"},
    "ui.fc.subregion.Northern Europe": {"ja": "北ヨーロッパ", "en": "Northern Europe"},
    "ui.fc.subregion.Polynesia": {"ja": "ポリネシア", "en": "Polynesia"},
    "ui.fc.subregion.South-eastern Asia": {"ja": "東南アジア", "en": "South-eastern Asia"},
    "ui.fc.subregion.Southern Asia": {"ja": "南アジア", "en": "Southern Asia"},
    "ui.fc.subregion.Southern Europe": {"ja": "南ヨーロッパ", "en": "Southern Europe"},
    "ui.fc.subregion.Sub-Saharan Africa": {"ja": "サハラ以南アフリカ", "en": "Sub-Saharan Africa"},
    "ui.fc.subregion.Western Asia": {"ja": "西アジア", "en": "Western Asia"},
    "ui.fc.subregion.Western Europe": {"ja": "西ヨーロッパ", "en": "Western Europe"},
    "ui.fc.groups_title": {"ja": "所得区分と加盟グループ", "en": "Income group and memberships"},
    "ui.fc.col.subregion": {"ja": "地域（国連）", "en": "Region (UN)"},
    "ui.fc.col.subregion_help": {"ja": "国連 M49 の地域区分", "en": "UN M49 sub-region"},
    "ui.fc.col.member_help": {"ja": "{group} の加盟国・該当国", "en": "Member of (or classed as) {group}"},
    "ui.fc.groups_caption": {
        "ja": "所得区分: 世界銀行 CLASS（2025年度）。加盟: ASEAN・APEC ほか公開リスト（出典は「データと出典」ページ）。"
        "比較する国のどれも該当しないグループの列は省いています。",
        "en": "Income group: World Bank CLASS (FY2025). Memberships: published lists (see the Data & sources page). "
        "Groups with no member among the compared countries are left out.",
    },
    "ui.fc.ties_title": {"ja": "日本との関係", "en": "Ties with Japan"},
    "ui.fc.col.aid": {"ja": "日本の二国間純援助（最新）", "en": "Japan's net bilateral aid (latest)"},
    "ui.fc.col.aid_help": {
        "ja": "日本からの二国間純援助額（OECD DAC、世界銀行 WDI 経由、名目米ドル）。負の値は返済が新規支出を上回った年。"
        "元データは重点11か国のみです。",
        "en": "Net bilateral aid flows from Japan (OECD DAC via World Bank WDI, current US$). Negative when "
        "repayments exceed new disbursements. The source covers the 11 focus markets only.",
    },
    "ui.fc.col.aid_year": {"ja": "援助の年", "en": "Aid year"},
    "ui.fc.col.aid_year_help": {
        "ja": "援助額の年。{age}年より古い値には（古い）と表示し、評価には使いません。",
        "en": "Year of the aid value; marked (old) when older than {age} years, and then not used in the score.",
    },
    "ui.fc.old_year": {"ja": "{year}（古い）", "en": "{year} (old)"},
    "ui.fc.aid_none": {
        "ja": "記録なし（元データは重点11か国のみ）",
        "en": "none recorded (source covers the focus markets only)",
    },
    "ui.fc.col.memoranda": {"ja": "ICT覚書（閣僚級）", "en": "Ministerial ICT memoranda"},
    "ui.fc.col.memoranda_help": {
        "ja": "総務省「ICT国際競争力強化・国際展開イニシアティブ」に記載の閣僚レベルでの覚書締結等の年月（2013〜2014年の一覧）。",
        "en": "Year and month of ministerial ICT memoranda (or similar) listed in MIC's ICT international "
        "initiative (its list covers 2013-2014).",
    },
    "ui.fc.none_recorded": {"ja": "記載なし", "en": "none listed"},
    "ui.fc.col.dtt": {"ja": "地デジ方式", "en": "Digital TV standard"},
    "ui.fc.col.dtt_year": {"ja": "採用年", "en": "Year adopted"},
    "ui.fc.col.dtt_year_help": {
        "ja": "出典に採用年の記載がある場合のみ表示",
        "en": "Shown only where the cited source gives the year",
    },
    "ui.fc.col.isdbt": {"ja": "日本方式（ISDB-T）", "en": "ISDB-T (Japanese)"},
    "ui.fc.col.isdbt_help": {
        "ja": "日本方式（ISDB-T、ブラジル方式 ISDB-Tb を含む）を採用している国",
        "en": "Has adopted the Japanese standard (ISDB-T, including Brazil's ISDB-Tb)",
    },
    "ui.fc.col.dtt_source": {"ja": "方式の出典", "en": "Standard: source"},
    "ui.fc.col.dtt_source_help": {"ja": "方式の根拠として引用したページ", "en": "The page cited for the standard"},
    "ui.fc.dtt_unknown": {"ja": "記録なし", "en": "not recorded"},
    "ui.fc.ties_caption": {
        "ja": "援助額は実測値、覚書は政府資料の記載、地デジ方式は国ごとに出典付きで整理した記録です。"
        "{age}年より古い援助額には（古い）と表示しています。",
        "en": "Aid is measured, memoranda are as listed in the government document, the digital TV standard is a "
        "curated record with a cited source per country. Aid values older than {age} years are marked (old).",
    },
    "ui.fc.fit_title": {"ja": "分野の適合度（国×分野）", "en": "Field fit (country × field)"},
    "ui.fc.fit_caption": {
        "ja": "適合度（0〜1）＝ニーズ×{need}＋受入れ準備×{readiness}＋日本の強み（判断）×{strength}。空欄はニーズのデータがない組です（0ではありません）。",
        "en": "Fit (0-1) = need × {need} + readiness × {readiness} + Japan's strength (judgement) × {strength}. Blank "
        "where the need has no data (not zero).",
    },
    "ui.fc.fit_outside": {
        "ja": "対象国の範囲外のため適合度を計算していない国: {names}",
        "en": "No fit computed (outside the universe): {names}",
    },
    "ui.fc.rival_title": {"ja": "分野ごとの主要競合", "en": "Main rival per field"},
    "ui.fc.rival_caption": {
        "ja": "各セル＝脅威が最も大きい競合（脅威＝競合の強さ〔判断〕×進出度）。「–」（表では「なし」）は競合の進出の記録がない組。",
        "en": "Each cell is the rival with the highest threat (threat = rival strength [judgement] × presence). "
        "'–' (in the table: 'none') means no rival presence is recorded.",
    },
    "ui.fc.rival_table": {"ja": "表で見る（国×分野）", "en": "As a table (country × field)"},
    "ui.fc.go_profile": {"ja": "1か国を詳しく見る（国別プロファイル）", "en": "One country in depth (country profile)"},
    # country profile (ui.cp.pf.*; the rest of ui.cp.* belongs to the Competitors page)
    "ui.cp.pf.intro": {
        "ja": "1か国のすべてを1ページに: スコアと内訳、分野、競合、日本との関係、全指標（年・出典付き）、推移。"
        "書き出せる国別ブリーフ（HTML）と同じ内容です。国は URL（?iso3=VNM）に保存されます。",
        "en": "Everything about one country on one page: scores and why, fields, rivals, ties with Japan, every "
        "indicator with its year and source, history. The same content as the downloadable brief (HTML). The "
        "country is kept in the URL (?iso3=VNM).",
    },
    "ui.cp.pf.country": {"ja": "国", "en": "Country"},
    "ui.cp.pf.country_help": {
        "ja": "表示する国（重点11か国が先頭）。入力して検索できます。",
        "en": "The country to show (focus markets first). Type to search.",
    },
    "ui.cp.pf.unknown": {
        "ja": "URL の国コード「{code}」はデータにありません。{country}を表示しています（ISO3 の3文字コード、例: VNM）。",
        "en": "Country code '{code}' in the URL is not in the data; showing {country} instead (use an ISO3 code, "
        "e.g. VNM).",
    },
    "ui.cp.pf.headline_title": {"ja": "{country}の概要", "en": "{country} at a glance"},
    "ui.cp.pf.score": {"ja": "市場スコア（0〜1）", "en": "Market score (0-1)"},
    "ui.cp.pf.rank": {"ja": "順位", "en": "Rank"},
    "ui.cp.pf.rank_value": {"ja": "{rank}位/{n}", "en": "{rank} of {n}"},
    "ui.cp.pf.best_fields": {"ja": "有望分野（機会スコア順）", "en": "Best fields (by opportunity)"},
    "ui.cp.pf.best_fields_note": {
        "ja": "機会スコア＝市場・適合度・競争上の位置の加重結合（左の設定）",
        "en": "Opportunity combines market, fit and competitive position (settings on the left)",
    },
    "ui.cp.pf.main_rival": {"ja": "主要競合", "en": "Main rival"},
    "ui.cp.pf.main_rival_value": {
        "ja": "**{rival}**（{total}分野中 {n}分野で最大の脅威、うち進出の根拠データあり {measured}分野）",
        "en": "**{rival}** (highest threat in {n} of {total} fields; presence measured in {measured} of them)",
    },
    "ui.cp.pf.main_rival_note": {
        "ja": "脅威＝競合の強さ（判断）×進出度（根拠がなければ仮定値）",
        "en": "Threat = rival strength (judgement) × presence (assumed where there is no evidence)",
    },
    "ui.cp.pf.no_rival": {"ja": "進出の記録がある競合なし", "en": "no rival presence recorded"},
    "ui.cp.pf.reason.excluded": {
        "ja": "{country}はデータ充足率が {pct}% と低いため市場スコアから除外されています（左の設定「必要なデータ充足率」）。"
        "スコア・分野・競合の節は表示せず、実測データのみ表示します。",
        "en": "{country} is left out of the market score: data coverage is only {pct}% (see 'Minimum coverage' on "
        "the left). Scores, fields and rivals are not shown; the measured data below are.",
    },
    "ui.cp.pf.reason.outside": {
        "ja": "{country}は現在の対象国の範囲外です（左の「比較する国・地域」）。スコア・分野・競合の節は表示せず、実測データのみ表示します。",
        "en": "{country} is outside the current universe ('Countries compared' on the left). Scores, fields and "
        "rivals are not shown; the measured data below are.",
    },
    "ui.cp.pf.reason.territory": {
        "ja": "{country}は国以外の地域のため、現在の比較対象に入っていません（左の「国以外の地域も含める」）。"
        "スコア・分野・競合の節は表示せず、実測データのみ表示します。",
        "en": "{country} is a territory, not in the countries compared ('Include territories' on the left). Scores, "
        "fields and rivals are not shown; the measured data below are.",
    },
    "ui.cp.pf.download": {
        "ja": "{country}の国別ブリーフ（HTML）をダウンロード",
        "en": "Download the {country} brief (HTML)",
    },
    "ui.cp.pf.download_help": {
        "ja": "このページの1〜4節と同じ内容の印刷用HTML（現在の設定で作成、外部から何も読み込みません）",
        "en": "A printable HTML page with the same content as sections 1-4 below (current settings; loads nothing "
        "from the network)",
    },
    "ui.cp.pf.focus_median": {"ja": "重点11か国の中央値", "en": "Median of the focus markets"},
    "ui.cp.pf.median_note": {
        "ja": "図の黒い菱形は重点11か国（スコアのある国）の中央値です。",
        "en": "The black diamond in the chart is the median of the focus markets (those with a score).",
    },
    "ui.cp.pf.decomposition": {
        "ja": "指標ごとの内訳（値・年・出典）",
        "en": "Indicator by indicator (value, year, source)",
    },
    "ui.cp.pf.all_fields": {"ja": "全分野（適合度・主要競合）", "en": "Every field (fit, main rival)"},
    "ui.cp.pf.col.phase": {"ja": "段階", "en": "Phase"},
    "ui.cp.pf.col.field": {"ja": "分野", "en": "Field"},
    "ui.cp.pf.col.opportunity": {"ja": "機会", "en": "Opportunity"},
    "ui.cp.pf.col.pair_rank": {"ja": "全体順位", "en": "Overall rank"},
    "ui.cp.pf.col.pair_rank_help": {
        "ja": "すべての国×分野の組の中での機会スコアの順位",
        "en": "Rank of the opportunity among every (country, field) pair",
    },
    "ui.cp.pf.col.fit": {"ja": "適合度", "en": "Fit"},
    "ui.cp.pf.col.need": {"ja": "ニーズ", "en": "Need"},
    "ui.cp.pf.col.need_help": {
        "ja": "分野のニーズ指標（0〜1）。空欄はデータなし（0ではありません）。",
        "en": "The field's need indicators (0-1); blank = no data (not zero).",
    },
    "ui.cp.pf.col.readiness": {"ja": "受入れ準備", "en": "Readiness"},
    "ui.cp.pf.col.strength": {"ja": "日本の強み（判断）", "en": "Japan's strength (judgement)"},
    "ui.cp.pf.threat_title": {"ja": "競合×分野の脅威", "en": "Threat by rival and field"},
    "ui.cp.pf.threat_caption": {
        "ja": "脅威＝競合の強さ（判断、0〜1）×進出度。薄い色のセルは進出度が仮定値（根拠データなし）です。",
        "en": "Threat = rival strength (judgement, 0-1) × presence. Faded cells rest on an assumed presence (no "
        "evidence).",
    },
    "ui.cp.pf.evidence": {"ja": "進出度の根拠（出典付き）", "en": "Evidence of presence (with sources)"},
    "ui.cp.pf.ties_title": {"ja": "日本との関係と所属グループ", "en": "Ties with Japan and memberships"},
    "ui.cp.pf.aid_year": {"ja": "{year}年の値", "en": "Value for {year}"},
    "ui.cp.pf.aid_year_old": {
        "ja": "{year}年の値（{age}年前: 古いため評価には不使用）",
        "en": "Value for {year} ({age} years old: too old to be used in the score)",
    },
    "ui.cp.pf.memo_quote": {"ja": "記載: {quote}", "en": "As listed: {quote}"},
    "ui.cp.pf.isdbt_yes": {"ja": "日本方式（ISDB-T）を採用", "en": "Has adopted the Japanese standard (ISDB-T)"},
    "ui.cp.pf.isdbt_no": {
        "ja": "日本方式（ISDB-T）の採用記録なし",
        "en": "No record of adopting the Japanese standard (ISDB-T)",
    },
    "ui.cp.pf.groups_line": {
        "ja": "所得区分: **{income}**　地域: {region}　加盟・分類: {groups}",
        "en": "Income group: **{income}** · Region: {region} · Groups: {groups}",
    },
    "ui.cp.pf.indicators_title": {
        "ja": "全指標（最新値・年・出典・ライセンス）",
        "en": "Every indicator (latest value, year, source, licence)",
    },
    "ui.cp.pf.indicators_caption": {
        "ja": "最新値 {current}件、古い値 {old}件（{age}年より古く評価には不使用）、データなし {missing}件（基準年 {year}年）。"
        "「データなし」は出典にこの国の値がないことを意味し、0ではありません。",
        "en": "{current} current values, {old} old ones (older than {age} years, not used in the score), {missing} "
        "without data (reference year {year}). 'no data' means the source has no value for this country, not zero.",
    },
    "ui.cp.pf.col.pillar": {"ja": "評価軸", "en": "Pillar"},
    "ui.cp.pf.col.indicator": {"ja": "指標", "en": "Indicator"},
    "ui.cp.pf.col.value": {"ja": "値", "en": "Value"},
    "ui.cp.pf.col.value_help": {
        "ja": "最新の実測値（金額・人数は日本語の単位に換算: 億ドル、万人）",
        "en": "Latest measured value (money and people in readable units: bn, m)",
    },
    "ui.cp.pf.col.unit": {"ja": "単位", "en": "Unit"},
    "ui.cp.pf.col.year": {"ja": "年", "en": "Year"},
    "ui.cp.pf.col.year_help": {
        "ja": "値の年（基準年以前で最新）",
        "en": "Year of the value (latest up to the reference year)",
    },
    "ui.cp.pf.col.status": {"ja": "注記", "en": "Note"},
    "ui.cp.pf.col.status_help": {
        "ja": "古い: {age}年より古い値（表示のみ、評価には不使用）。データなし: 出典にこの国の値がない。",
        "en": "old: older than {age} years (shown, not used in the score). no data: the source has no value for "
        "this country.",
    },
    "ui.cp.pf.status.old": {"ja": "古い（{age}年超）", "en": "old (over {age} years)"},
    "ui.cp.pf.status.missing": {"ja": "出典に値なし", "en": "no value in the source"},
    "ui.cp.pf.col.used": {"ja": "評価に使用", "en": "In score"},
    "ui.cp.pf.col.used_help": {
        "ja": "この国の市場スコアに現在の重みで使われている指標（古い値・データなし・重み0の評価軸の指標は使われません）",
        "en": "Used in this country's market score with the current weights (an old or missing value, or a pillar "
        "weighted 0, is not)",
    },
    "ui.cp.pf.col.source": {"ja": "出典", "en": "Source"},
    "ui.cp.pf.col.licence": {"ja": "ライセンス", "en": "Licence"},
    "ui.cp.pf.history_title": {"ja": "推移（2000年以降）", "en": "History (2000 onward)"},
    "ui.cp.pf.history_indicators": {"ja": "表示する指標", "en": "Indicators to chart"},
    "ui.cp.pf.history_indicators_help": {
        "ja": "推移を表示する指標（最大12）。指標名で検索できます。",
        "en": "Indicators to chart over time (up to 12). Type to search.",
    },
    "ui.cp.pf.history_peers": {"ja": "比べる国", "en": "Compare with"},
    "ui.cp.pf.history_peers_help": {
        "ja": "同じグラフに色付きで重ねる国（任意）。破線は重点11か国の中央値です。",
        "en": "Countries drawn in colour on the same charts (optional). The dashed line is the focus-market median.",
    },
    "ui.cp.pf.history_pick": {"ja": "表示する指標を選んでください。", "en": "Choose indicators to chart."},
    "ui.cp.pf.history_missing": {
        "ja": "{country}には2000年以降のデータがない指標: {items}",
        "en": "No data from 2000 for {country}: {items}",
    },
    "ui.cp.pf.go_compare": {"ja": "ASEAN＋インドで比べる", "en": "Compare across ASEAN + India"},
    # (end of country pages keys)
    # plan robustness keys (ui.rb.*)
    "ui.rb.empty": {
        "ja": "解いた {n}標本のどれでも、参入は一つも選ばれませんでした（現在の重みでの計画も空です）。"
        "④ 計画 で予算などの条件を見直してください。",
        "en": "No entry was chosen in any of the {n} solved samples (the plan at the current weights is empty "
        "too). Revise the budget and other rules on ④ Plan.",
    },
    "ui.rb.timing": {
        "ja": "1回の解き直しの制限時間は最大 {limit}秒。実際の所要時間は平均 {mean}秒、中央値 {median}秒（再計算を含む）。",
        "en": "Each re-solve may take at most {limit} s; they took {mean} s on average, {median} s median "
        "(re-scoring included).",
    },
    # (end of plan robustness keys)
}


def t(key: str, lang: Lang = DEFAULT_LANG, /, **values: object) -> str:
    """Return the text for ``key`` in ``lang``, formatted with ``values``.

    A missing key is a programming error and raises ``KeyError`` (a test checks every key has
    both languages).
    """
    entry = TEXT[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def _three_figures(x: float) -> str:
    """At least three significant figures, never a trailing fraction on large numbers: 3.24, 45.6,
    4,088 (a budget of 3.2億ドル must not read as 3億ドル)."""
    a = abs(x)
    digits = 2 if a < 10 else 1 if a < 100 else 0
    return f"{x:,.{digits}f}"


def format_value(value: object, unit: object, language: Lang) -> str:
    """A measured value for people: large money and head counts in the language's usual units
    (億ドル / 万人 in Japanese, US$ bn / million in English); ``unit`` is the catalogue's unit code."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return t("ui.na", language)
    if not math.isfinite(v):
        return t("ui.na", language)
    a = abs(v)
    if unit == "US$":
        if language == "ja":
            for div, key in ((1e12, "ui.fmt.cho_usd"), (1e8, "ui.fmt.oku_usd"), (1e4, "ui.fmt.man_usd")):
                if a >= div:
                    return t(key, language, v=_three_figures(v / div))
            return t("ui.fmt.usd", language, v=f"{v:,.0f}")
        for div, key in ((1e12, "ui.fmt.tn_usd"), (1e9, "ui.fmt.bn_usd"), (1e6, "ui.fmt.m_usd")):
            if a >= div:
                return t(key, language, v=_three_figures(v / div))
        return t("ui.fmt.usd", language, v=f"{v:,.0f}")
    if unit == "people":
        if language == "ja":
            for div, key in ((1e8, "ui.fmt.oku_people"), (1e4, "ui.fmt.man_people")):
                if a >= div:
                    return t(key, language, v=_three_figures(v / div))
        elif a >= 1e6:
            return t("ui.fmt.m_people", language, v=_three_figures(v / 1e6))
        return f"{v:,.0f}"
    if unit == "flag":
        return t("ui.fmt.yes" if v >= 0.5 else "ui.fmt.no", language)
    digits = 0 if a >= 100 else 1 if a >= 10 else 2
    return f"{v:,.{digits}f}"
