"""The actor network's nodes: parties an analyst can follow."""

from kronika.stories.network import NetworkRow, build_network


def test_network_leaves_out_phrases_no_entity_resolved() -> None:
    rows = [
        NetworkRow("e1", 4, "actor", "kb:RUS", "Russia", "STATE", "RUS"),
        NetworkRow("e1", 4, "recipient", "text:the route", "the route", "OTHER", None),
        NetworkRow("e1", 4, "recipient", "kb:UKR", "Ukraine", "STATE", "UKR"),
        NetworkRow("e2", 1, "actor", "text:the tajik border guards", "the Tajik border guards", "GROUP", "TJK"),
        NetworkRow("e2", 1, "recipient", "kb:RUS", "Russia", "STATE", "RUS"),
    ]
    net = build_network(rows, {"e1": "ASSAULT", "e2": "CONSULT"})
    ids = {n["id"] for n in net["nodes"]}
    assert "text:the route" not in ids  # names no one
    assert "text:the tajik border guards" in ids  # a phrase with a country is someone
    assert {(e["source"], e["target"]) for e in net["edges"]} == {
        ("kb:RUS", "kb:UKR"),
        ("text:the tajik border guards", "kb:RUS"),
    }
