"""The labelled evaluation set (questions, scenarios) and `make eval` (run_eval)."""
