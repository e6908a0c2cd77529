"""CI's smoke run of the benchmark: 100 problems, one run; it prints its figures."""
from conftest import ROOT, SUMMARY_LINES, kb


def test_bench_smoke_run_at_100_problems(tmp_path):
    run = kb("bench", "--sizes", "100", "--runs", "1", "--work", str(tmp_path / "bench"), cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    row = next(line for line in lines if line.startswith("| 100 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == 13
    validate, cached, generate, build, plain = (float(c) for c in cells[1:6])
    assert 0 < cached < validate < build and 0 < generate < build and plain > 0
    assert lines[0].startswith("机器：")
    # The synthetic catalogue is also built with a 40-commit git history behind it (更新记录).
    assert any(line.startswith("100 个问题、40 次提交的 git 历史：构建 ") for line in lines)
    SUMMARY_LINES.extend(["", "kb bench smoke run (100 problems, 1 run):", *lines])
