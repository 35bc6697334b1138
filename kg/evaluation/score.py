"""Scoring predictions against gold, field by field, as GOLD.md lists the items.

Every field is a set of items per article; over the whole gold set the true positives (items in
both), false positives (predicted only: *spurious*) and false negatives (gold only: *missing*) are
summed, and precision, recall and F1 computed from the sums (micro-average).

Items and the choices GOLD.md leaves open:

- **Matching places.** A predicted attack belongs to the first gold attack of its article whose
  ``place`` is ``names.same`` as any ``rdfs:label`` of the predicted place. Items are sets: two
  predicted attacks on one gold place count once. An unmatched predicted place is one spurious
  item per folded label.
- **attack places** — (article, place).
- **casualties** — (article, place, killed, n) and (article, place, injured, n). A gold ``null``
  means the article gives no figure: a predicted figure for that gold place is *not* counted as
  spurious (the reader may have missed a figure the text half-gives; GOLD.md scores only "where
  gold gives a number"). A figure on a place the gold does not list at all *is* spurious, as
  every other item of a spurious attack is.
- **weapons** — (article, place, kind) with kinds closed upward on both sides through the
  contract hierarchy (ballistic/cruise missile → missile, glide bomb → aerial bomb), the way
  hierarchical precision/recall is usually computed: gold "ballistic missile" against a
  predicted Iskander-M gives two true positives (ballistic missile, missile), a predicted plain
  "missile" gives one and misses "ballistic missile". A predicted weapon that reaches no contract
  kind through ``kg:broader*`` is spurious under its label.
- **weapon counts** — (article, kind, count), the kind being the count's weapon's *nearest*
  contract kind (no closure: "4 ballistic and 10 cruise missiles" must not become "4 missiles").
  The qualifier is not part of the item (GOLD.md leaves it out); counts of every attack of the
  article form one set.
- **statements** — (article, speaker), speakers matched by ``names.same``.
- **quotes attributed** — one item per gold statement: true positive when a predicted statement of
  the same article and speaker has a quote that starts with ``quote_start``. Both are compared
  with white space collapsed, case and apostrophes folded, surrounding quotation marks and the
  trailing punctuation of ``quote_start`` dropped. A predicted statement that attributes no gold
  quote is spurious. Recall is the share GOLD.md asks for; precision is given as well.
- **linking** — for each gold place and each gold speaker that was *found* (matched above) and
  whose Wikidata item ``names.qid`` knows: the gold item is (article, name, QID); every Wikidata
  ``owl:sameAs`` of the matched predicted entities is a predicted item. A right link is a true
  positive; no link is a missing item; a wrong link is a spurious item and the right one missing.
  Found entities whose QID is unknown are not judged; ``Report.unjudged_links`` counts them.
  ``kind`` passed to ``names.qid`` is the gold ``place_type`` for places, and for speakers
  ``person`` / ``organization`` when the gold's ``persons`` / ``organizations`` list them, else
  ``None``.
- **no attack in no-attack articles** — outside the table: the articles whose gold has no
  attack, and those of them with predicted attacks (``Report.false_alarms``).

P = TP/(TP+FP) is ``None`` when nothing was predicted, R = TP/(TP+FN) ``None`` when the gold has
nothing, and F1 = 2TP/(2TP+FP+FN) — the harmonic mean of P and R where both exist, 0 when there
is no true positive, ``None`` only when the field is empty on both sides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kg.evaluation.gold import GoldArticle, kind_closure, kind_label
from kg.evaluation.names import Names, fold_name
from kg.evaluation.predict import Predicted, PredictedAttack

#: Field keys in report order, with their titles.
FIELDS = {
    "places": "attack places",
    "casualties": "casualties",
    "weapons": "weapons",
    "weapon_counts": "weapon counts",
    "statements": "statements",
    "quotes": "quotes attributed",
    "linking": "linking",
}


@dataclass
class FieldResult:
    """One field of one article: how many items matched, and the unmatched ones, readable."""

    tp: int = 0
    missing: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def fp(self) -> int:
        return len(self.spurious)

    @property
    def fn(self) -> int:
        return len(self.missing)


@dataclass(frozen=True)
class FieldScore:
    """A field over the whole set."""

    name: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None


@dataclass
class ArticleResult:
    identifier: str
    in_store: bool
    gold_attacks: int
    predicted_attacks: int
    fields: dict[str, FieldResult]
    unjudged_links: list[str] = field(default_factory=list)

    @property
    def false_alarm(self) -> bool:
        """Attacks predicted where the gold has none."""
        return self.gold_attacks == 0 and self.predicted_attacks > 0

    @property
    def has_errors(self) -> bool:
        return not self.in_store or any(r.missing or r.spurious for r in self.fields.values())


@dataclass
class Report:
    articles: list[ArticleResult]

    @property
    def fields(self) -> dict[str, FieldScore]:
        return {key: FieldScore(key,
                                sum(a.fields[key].tp for a in self.articles),
                                sum(a.fields[key].fp for a in self.articles),
                                sum(a.fields[key].fn for a in self.articles))
                for key in FIELDS}

    @property
    def no_attack_articles(self) -> list[str]:
        return [a.identifier for a in self.articles if a.gold_attacks == 0]

    @property
    def false_alarms(self) -> list[str]:
        return [a.identifier for a in self.articles if a.false_alarm]

    @property
    def unjudged_links(self) -> int:
        return sum(len(a.unjudged_links) for a in self.articles)


def score(gold: Iterable[GoldArticle], predicted: Mapping[str, Predicted], names: Names) -> Report:
    """Compare each gold article with its prediction (absent: nothing predicted)."""
    results = []
    for article in gold:
        prediction = predicted.get(article.identifier) or Predicted(article.identifier, False)
        results.append(_Article(article, prediction, names).result())
    return Report(results)


def _compare(gold: dict, predicted: dict) -> FieldResult:
    """Items keyed for matching, each with its readable form."""
    return FieldResult(
        tp=len(gold.keys() & predicted.keys()),
        missing=[gold[k] for k in gold if k not in predicted],
        spurious=[predicted[k] for k in predicted if k not in gold],
    )


_QUOTE_MARKS = "\"'\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb\u201a\u2039\u203a"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def quote_text(text: str) -> str:
    """A quote reduced for the prefix test."""
    text = " ".join(text.split()).strip(_QUOTE_MARKS + " ")
    return text.translate(_APOSTROPHES).casefold()


def starts_quote(quote: str, quote_start: str) -> bool:
    """Whether a predicted quote starts with a gold ``quote_start``.

    >>> starts_quote('\u201cWe will rebuild,\u201d', 'we will  rebuild,')
    True
    """
    prefix = quote_text(quote_start).rstrip(".,;:!?\u2026 ")
    return quote_text(quote).startswith(prefix)


def _short(quote: str, words: int = 8) -> str:
    parts = quote.split()
    return '"' + " ".join(parts[:words]) + (" ..." if len(parts) > words else "") + '"'


class _Article:
    def __init__(self, gold: GoldArticle, predicted: Predicted, names: Names):
        self.gold = gold
        self.predicted = predicted
        self.names = names
        # predicted attack → its key: ("gold", index of the gold attack) or ("pred", folded name)
        self.attack_keys = [self._attack_key(a) for a in predicted.attacks]
        self.place_names = {("gold", i): g.place for i, g in enumerate(gold.attacks)}
        for attack, key in zip(predicted.attacks, self.attack_keys):
            if key not in self.place_names:
                place = attack.place
                within = f" (in {place.chain[0]})" if place.chain else ""
                self.place_names[key] = place.name + within
        self.speakers: list[str] = []  # the gold speakers, each once
        for statement in gold.statements:
            if not any(names.same(statement.speaker, s) for s in self.speakers):
                self.speakers.append(statement.speaker)
        self.statement_keys = [self._speaker_key(s.speaker.labels) for s in predicted.statements]

    def _attack_key(self, attack: PredictedAttack) -> tuple:
        # a gold place of that name first; then one that has it as an alternative reading
        for readings in (lambda g: (g.place,), lambda g: g.alt_places):
            for i, g in enumerate(self.gold.attacks):
                if any(self.names.same(name, label) for name in readings(g)
                       for label in attack.place.labels):
                    return ("gold", i)
        return ("pred", fold_name(attack.place.name))

    def _speaker_key(self, labels: tuple[str, ...]) -> tuple:
        for j, speaker in enumerate(self.speakers):
            if any(self.names.same(speaker, label) for label in labels):
                return ("gold", j)
        return ("pred", fold_name(labels[0]) if labels else "")

    def result(self) -> ArticleResult:
        self.unjudged: list[str] = []
        fields = {
            "places": self.places(),
            "casualties": self.casualties(),
            "weapons": self.weapons(),
            "weapon_counts": self.weapon_counts(),
            "statements": self.statements(),
            "quotes": self.quotes(),
            "linking": self.linking(),
        }
        return ArticleResult(self.gold.identifier, self.predicted.in_store,
                             len(self.gold.attacks), len(self.predicted.attacks), fields,
                             self.unjudged)

    def places(self) -> FieldResult:
        gold = {("gold", i): g.place for i, g in enumerate(self.gold.attacks)}
        predicted = {k: self.place_names[k] for k in self.attack_keys}
        return _compare(gold, predicted)

    def casualties(self) -> FieldResult:
        gold, predicted = {}, {}
        for i, g in enumerate(self.gold.attacks):
            for what, n in (("killed", g.killed), ("injured", g.injured)):
                if n is not None:
                    gold[(("gold", i), what, n)] = f"{g.place}: {what} {n}"
        for attack, key in zip(self.predicted.attacks, self.attack_keys):
            for what, values in (("killed", attack.killed), ("injured", attack.injured)):
                if key[0] == "gold" and getattr(self.gold.attacks[key[1]], what) is None:
                    continue  # the gold gives no figure here: not scored
                for n in values:
                    predicted[(key, what, n)] = f"{self.place_names[key]}: {what} {n}"
        return _compare(gold, predicted)

    def weapons(self) -> FieldResult:
        gold, predicted = {}, {}
        for i, g in enumerate(self.gold.attacks):
            for kind in sorted(kind_closure(g.weapons)):
                gold[(("gold", i), kind)] = f"{g.place}: {kind_label(kind)}"
        for attack, key in zip(self.predicted.attacks, self.attack_keys):
            for kind in sorted(attack.weapons):
                predicted[(key, kind)] = f"{self.place_names[key]}: {kind_label(kind)}"
            for label in attack.other_weapons:
                predicted[(key, "other", fold_name(label))] = (
                    f"{self.place_names[key]}: {label} (no weapon kind)")
        return _compare(gold, predicted)

    def weapon_counts(self) -> FieldResult:
        gold = {(c.kind, c.count): f"{kind_label(c.kind)} {c.count}"
                for c in self.gold.weapon_counts}
        predicted = {(c.kind, c.quantity): f"{kind_label(c.kind)} {c.quantity}"
                     for c in self.predicted.weapon_counts}
        return _compare(gold, predicted)

    def statements(self) -> FieldResult:
        gold = {("gold", j): s for j, s in enumerate(self.speakers)}
        predicted = {}
        for statement, key in zip(self.predicted.statements, self.statement_keys):
            predicted[key] = gold.get(key) or statement.speaker.name or "(no speaker)"
        return _compare(gold, predicted)

    def quotes(self) -> FieldResult:
        gold = {}
        for s, g in enumerate(self.gold.statements):
            gold[("gold", s)] = f'{g.speaker}: "{g.quote_start} ..."'
        predicted = {}
        for statement, key in zip(self.predicted.statements, self.statement_keys):
            matched = None
            if key[0] == "gold":
                for s, g in enumerate(self.gold.statements):
                    if (self.names.same(g.speaker, self.speakers[key[1]])
                            and starts_quote(statement.quote, g.quote_start)):
                        matched = ("gold", s)
                        break
            if matched is not None:
                predicted[matched] = gold[matched]
            else:
                speaker = statement.speaker.name or "(no speaker)"
                predicted[("pred", key, quote_text(statement.quote))] = (
                    f"{speaker}: {_short(statement.quote)}")
        return _compare(gold, predicted)

    def linking(self) -> FieldResult:
        gold, predicted = {}, {}
        found: list[tuple[str, str | None, tuple, set[str]]] = []
        for i, g in enumerate(self.gold.attacks):
            mine = [a for a, k in zip(self.predicted.attacks, self.attack_keys)
                    if k == ("gold", i)]
            # a place read under the gold's own name is judged, not another reading read too
            # (Kharkiv Oblast and the city Kharkiv, its equally right reading: the oblast's link)
            exact = [a for a in mine if any(self.names.same(g.place, label)
                                            for label in a.place.labels)]
            mine = exact or mine
            qids = {q for a in mine for q in a.place.qids}
            if mine:
                labels = [label for a in mine for label in a.place.labels]
                name = g.place  # found as an equally right reading: judged as that reading
                if not any(self.names.same(g.place, label) for label in labels):
                    name = next((alt for alt in g.alt_places
                                 if any(self.names.same(alt, label) for label in labels)), name)
                found.append((name, g.place_type if name == g.place else None, ("place", i),
                              qids, g.country))
        for j, speaker in enumerate(self.speakers):
            qids = {q for s, k in zip(self.predicted.statements, self.statement_keys)
                    if k == ("gold", j) for q in s.speaker.qids}
            if ("gold", j) in self.statement_keys:
                found.append((speaker, self._speaker_kind(speaker), ("speaker", j), qids, None))
        for name, kind, key, qids, country in found:
            expected = self.names.qid(name, kind, country)
            if expected is None:
                self.unjudged.append(name)
                continue
            gold[(key, expected)] = f"{name}: wd:{expected}"
            for qid in sorted(qids):
                predicted[(key, qid)] = f"{name}: wd:{qid}"
        return _compare(gold, predicted)

    def _speaker_kind(self, speaker: str) -> str | None:
        if any(self.names.same(speaker, p) for p in self.gold.persons):
            return "person"
        if any(self.names.same(speaker, o) for o in self.gold.organizations):
            return "organization"
        return None

