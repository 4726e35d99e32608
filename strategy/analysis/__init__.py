"""Analyses built on the scores and the plan: sensitivity, robustness, scenario comparison, country profiles, overview."""
