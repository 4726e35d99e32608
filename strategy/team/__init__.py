"""Working as a team: who may do what (:mod:`strategy.team.roles`), what changed between two saved
versions of a scenario (:mod:`strategy.team.diff`), and group weight elicitation
(:mod:`strategy.team.workshop`). Pure Python, no Streamlit."""
