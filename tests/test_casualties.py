import pytest

from kg.extract.casualties import sentence_figures


def figures(nlp, text):
    doc = nlp(text)
    return [(f.kind, f.value, f.increment) for s in doc.sents for f in sentence_figures(s)]


@pytest.mark.parametrize("text, expected", [
    ("One woman was killed and four others were injured, officials said.",
     [("killed", 1, False), ("injured", 4, False)]),
    ("The strike killed three civilians and wounded 12, including two children.",
     [("killed", 3, False), ("injured", 12, False)]),
    ("The attack resulted in two deaths and at least nine injuries.",
     [("killed", 2, False), ("injured", 9, False)]),
    ("The death toll has risen to 14, with 52 people injured.",
     [("killed", 14, False), ("injured", 52, False)]),
    ("Two people, including a child, were injured in the town.", [("injured", 2, False)]),
    ("A 67-year-old man was killed and a woman was hospitalized.",
     [("killed", 1, False), ("injured", 1, False)]),
    ("Another death was reported in the northern district.", [("killed", 1, True)]),
    ("Seven people were wounded in the attack, three of them children.",
     [("injured", 7, False)]),
    # "hurt" covers both; "nobody was injured" means nobody killed either (the dev gold's
    # reading, d28), but only where no figure of the dead is given
    ("No one was hurt, the governor said.", [("killed", 0, False), ("injured", 0, False)]),
    ("Nobody was injured in the strike.", [("injured", 0, False), ("killed", 0, False)]),
    ("No children were hurt.", []),
    ("There were no casualties.", [("killed", 0, False), ("injured", 0, False)]),
    ("The barrage caused four fatalities and nearly 60 injuries.",
     [("killed", 4, False), ("injured", 60, False)]),  # bounded figures count (GOLD.md)
    ("Rescuers pulled 10 residents from the rubble after one person was killed.",
     [("killed", 1, False)]),
    ("Three people were injured in Bilozerka and two in Chornobaivka.",
     [("injured", 3, False), ("injured", 2, False)]),
    ("Officials raised the death toll to seven and the number of wounded to 33.",
     [("killed", 7, False), ("injured", 33, False)]),
    ("Later the number of injured in the city had risen to 11.", [("injured", 11, False)]),
    ("Two of the dead were found under the rubble.", []),
    ("Russian shelling killed a 58-year-old woman in Nikopol.", [("killed", 1, False)]),
    ("The strike left 3 dead and 12 wounded.", [("killed", 3, False), ("injured", 12, False)]),
    ("Three people, including a 16-year-old boy, sustained injuries in Beryslav.",
     [("injured", 3, False)]),
    ("In Komyshany, a woman, 37, was hurt when an FPV drone struck her car.",
     [("injured", 1, False)]),
    ("A man and a woman died at the scene from their injuries.", [("killed", 2, False)]),
    ("A 63-year-old man and a 45-year-old woman were killed.", [("killed", 2, False)]),
    ("A married couple was killed in a Russian drone strike.", [("killed", 2, False)]),
    ("The attack claimed the lives of three people.", [("killed", 3, False)]),
    ("A 9-year-old girl was among the injured.", []),
    ("An 80-year-old resident sustained injuries.", [("injured", 1, False)]),
    ("A drone struck a car, killing the driver, a 52-year-old man.", [("killed", 1, False)]),
    ("The tractor driver received shrapnel wounds to his arm.", [("injured", 1, False)]),
    ("The strike killed a woman and injured her son.",
     [("killed", 1, False), ("injured", 1, False)]),
    ("A man died at the scene. Three more people were injured.",
     [("killed", 1, False), ("injured", 3, False)]),
])
def test_sentence_figures(nlp, text, expected):
    assert figures(nlp, text) == expected


def test_numbers_of_weapons_or_buildings_are_not_casualties(nlp):
    assert figures(nlp, "Russia launched 48 drones and damaged 18 apartment buildings.") == []


@pytest.mark.parametrize("text, kinds", [
    ("No one was hurt.", {"killed", "injured"}),
    ("The attack caused no casualties.", {"killed", "injured"}),
    ("No civilians were killed.", {"killed"}),
    ("Nobody was injured, the governor said.", {"injured"}),
    ("No one was seriously injured.", set()),
    ("There is no information about casualties yet.", set()),
])
def test_zero_figures(text, kinds):
    from kg.extract.no_casualties import zero_kinds

    assert set(zero_kinds(text.lower())) == kinds
