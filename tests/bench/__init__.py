"""`make bench`: index, cold-start, latency and memory benchmarks (run_bench, bench_slack)."""
