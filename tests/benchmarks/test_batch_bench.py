"""``batch_bench.py`` fails when it misses a target it prints."""

import batch_bench


def test_a_missed_target_exits_1_unless_no_fail(capsys):
    batch_bench.MISSED.clear()
    assert batch_bench.verdict("--processes 2 vs 1", 1.42, 1.6) == "MISSED"
    assert batch_bench.verdict("Dask 2 workers vs 1 process", 1.55, 1.5) == "met"
    assert batch_bench.exit_status(batch_bench.MISSED) == 1
    assert "targets missed: --processes 2 vs 1: 1.42 (target >= 1.6)" in capsys.readouterr().out
    assert batch_bench.exit_status(batch_bench.MISSED, no_fail=True) == 0
    assert batch_bench.exit_status([]) == 0
    batch_bench.MISSED.clear()
