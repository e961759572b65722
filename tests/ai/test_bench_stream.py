"""scripts/bench_stream.py runs end to end (a short run) and prints its figures."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_streaming_benchmark_prints_its_percentiles():
    done = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "bench_stream.py"), "--runs", "2",
                           "--words", "12", "--delay", "0.005"], capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = re.findall(r"(time to first delta|per-delta gap|per-delta latency)\s+p50\s+[\d.]+ ms\s+p95\s+[\d.]+ ms",
                         done.stdout)
    assert figures == ["time to first delta", "per-delta gap", "time to first delta", "per-delta gap",
                       "per-delta latency"], done.stdout
