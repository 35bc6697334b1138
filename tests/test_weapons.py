import pytest

from kg.extract.weapons import count_mentions, weapon_mentions


def mentions(nlp, text):
    doc = nlp(text)
    return doc, weapon_mentions(doc)


@pytest.mark.parametrize("text, keys", [
    ("Russia attacked with Shahed drones and Kh-101 cruise missiles.", ["shahed-136", "kh-101"]),
    ("Two Iskander-M ballistic missiles hit the port.", ["iskander-m"]),
    ("A KAB-500 glide bomb and Grad rockets struck the town.", ["kab", "grad"]),
    ("Drones and a ballistic missile were launched.", ["drone", "ballistic-missile"]),
    ("The village came under artillery fire and mortar shelling.", ["artillery", "artillery", "artillery"]),
])
def test_weapon_mentions(nlp, text, keys):
    _, found = mentions(nlp, text)
    assert [m.weapon.key for m in found] == keys


def test_model_maps_to_kind(nlp):
    _, found = mentions(nlp, "A Geran-2 drone crashed.")
    assert found[0].weapon.kind == "drone"


@pytest.mark.parametrize("text, expected", [
    ("The city was hit with 48 drones, two missiles, and four glide bombs.",
     [("drone", 48, "launched"), ("missile", 2, "launched"), ("glide-bomb", 4, "launched")]),
    ("Air defences shot down 23 of 31 Shahed drones overnight.",
     [("shahed-136", 23, "shot down"), ("shahed-136", 31, "launched")]),
    # a bounded number counts as the number (GOLD.md)
    ("An overnight assault involving more than 300 drones and seven missiles.",
     [("drone", 300, "launched"), ("missile", 7, "launched")]),
    ("The SBU launched at least 50 drones in the operation.", [("drone", 50, "launched")]),
    ("The SBU launched up to 50 drones in the operation.", [("drone", 50, "launched")]),
    ("The ministry claimed the interception of 102 Ukrainian drones.",
     [("drone", 102, "shot down")]),
    ("Russia fired two Iskander-M missiles and air defences shot down one of them.",
     [("iskander-m", 2, "launched"), ("iskander-m", 1, "shot down")]),
    ("A missile hit the block. The number of injured rose to 34. Nine of them are in serious "
     "condition.", []),
])
def test_counts(nlp, text, expected):
    doc, found = mentions(nlp, text)
    counts = count_mentions(doc, found, 0, len(doc))
    assert [(c.weapon.key, c.quantity, c.qualifier) for c in counts] == expected


def test_one_of_the_drones_is_not_a_count(nlp):
    doc, found = mentions(nlp, "One of the drones hit a house.")
    assert count_mentions(doc, found, 0, len(doc)) == []
