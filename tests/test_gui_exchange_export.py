"""File > Export Annotation Set… offers the formats for other tools and writes them."""
from __future__ import annotations

import networkx as nx

from tests.export_fixtures import build_project


def test_export_dialog_writes_the_claims_network_for_gephi(qtbot, window, tmp_path):
    ids = build_project(tmp_path / "study.recto", tmp_path / "pdfs")
    window.open_project(tmp_path / "study.recto")
    dialog = window.export_feature.open_export_dialog()
    dialog.path_edit.setText(str(tmp_path / "study-set.db"))
    formats = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert {"qdpx", "tei", "alto", "gexf", "graphml"} <= set(formats)
    dialog.format_box.setCurrentIndex(formats.index("gexf"))
    assert dialog.out_path() == tmp_path / "study-set.gexf"
    dialog.format_box.setCurrentIndex(formats.index("tei"))
    assert dialog.out_path() == tmp_path / "study-set"
    dialog.format_box.setCurrentIndex(formats.index("gexf"))
    dialog.accept()
    out = tmp_path / "study-set.gexf"
    qtbot.waitUntil(lambda: window.export_feature.last_result is not None, timeout=20000)
    graph = nx.read_gexf(out)
    assert graph.nodes[ids["claim2"]]["certainty"] == "probable"
    assert graph.edges[ids["claim2"], ids["claim"]]["kind"] == "contradicts"
