"""Property: in every shape agencies export, nothing personal survives and nothing else
changes. The ground truth comes from construction (tests/desensitize/corpus.py); leaks
are looked for with this suite's own checker, not the engine's verifier."""

from __future__ import annotations

import random

from ckanext.govopen.desensitize import desensitize_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .corpus import SHAPES, make_table, read_output, render
from .test_properties import leaks


@settings(
    max_examples=len(SHAPES) * 4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    shape=st.sampled_from(SHAPES),
    seed=st.integers(0, 2**31),
    n_rows=st.integers(1, 25),
)
def test_every_shape_masked_headers_and_other_cells_kept(tmp_path, shape, seed, n_rows):
    rng = random.Random(seed)
    table = make_table(rng, n_rows)
    rendered = render(shape, table, rng)
    src = tmp_path / rendered.filename
    dst = tmp_path / ("out" + src.suffix)
    src.write_bytes(rendered.data)
    report = desensitize_file(src, dst)
    headers, rows = read_output(dst)
    assert headers == rendered.headers, report.to_dict()["tables"][0]["reading"]
    assert len(rows) == len(table.rows)
    text = "\n".join("\t".join(r) for r in rows)
    assert [s for s in table.secrets if s and s in text] == []
    for row, flags, original in zip(rows, table.personal, table.rows):
        for cell, personal, before in zip(row, flags, original):
            assert not leaks(cell), cell
            if not personal:
                assert cell == before, (shape, cell, before)
    for f in tmp_path.iterdir():
        f.unlink()
