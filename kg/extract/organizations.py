"""Organizations in an article: named by the rule data (``kg/data/people.jsonl``), by a noun
phrase headed by an organization word ("the Kharkiv regional prosecutor's office"), by the NER,
by an acronym given in brackets, or only described ("the regional military administration",
named from the region or country its sentence names).

``OrganizationFinder`` is the part of the people finder (``kg.extract.people._Finder``) that
reads them; it shares the finder's state (clusters, taken spans, helpers).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.doc_text import doc_ents, doc_lowers, doc_tokens, tokens_text
from kg.extract.lexicon import cues
from kg.extract.people_model import CALENDAR, POSSESSIVE, Cluster, Mention
from kg.extract.people_rules import fold
from kg.extract.rules import rule


BODY_NOUNS = frozenset(cues()["body_nouns"])  # "the energy company DTEK"


@lru_cache(maxsize=4096)
def _whole_word(text: str) -> re.Pattern:
    """``text`` as a whole word or phrase, compiled once."""
    return re.compile(r"\b" + re.escape(text) + r"\b")


class OrganizationFinder:
    def organizations(self):
        lex = self.lex
        found = []
        for match in lex.org_regex.finditer(self.text):
            key = fold(match.group()).removeprefix("the ")
            name, media = lex.orgs[key]
            if key in lex.exact and match.group() not in lex.exact[key]:
                continue  # "un", "ap" as ordinary words; "air force" of any country
            before = self.text[max(0, match.start() - 30):match.start()].split()
            if key in lex.exact and not key.replace(".", "").isupper() and key != key.upper() \
                    and not match.group().isupper() and before and before[-1][:1].isupper() \
                    and not before[-1].endswith(":") and before[-1].lower() != "the":
                continue  # "Russian Air Force": part of a longer name
            found.append((match.start(), match.end(), name, media, match.start(), 0))
        for start, end, core, name in self.org_phrases():
            found.append((start, end, name, False, core, 1))
        found += self.named_after_body_noun()
        for ent in doc_ents(self.doc):
            if ent.label_ != "ORG" or self.on_headline(ent.start_char):
                continue
            toks = [t for t in ent if t.lower_ not in ("the",)]
            title = self.title_at(toks[0].i) if toks else None
            while toks and title and title.role:  # "Head of the X Administration"
                if len(toks) > len(title.words) and \
                        toks[len(title.words)].text in ("'s", "’s") and \
                        rule("speakers.title-as-possessor"):
                    break  # "The Prosecutor's Office": the title word owns the name
                toks = toks[len(title.words):]
                while toks and toks[0].lower_ in ("of", "the"):
                    toks = toks[1:]
                title = self.title_at(toks[0].i) if toks else None
            if not toks or not any(t.text in lex.org_words for t in toks):
                continue
            if not all(t.text[0].isupper() or t.text in ("of", "for", "and", "'s", "’s") for t in toks):
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            found.append((start, end, self.text[start:end], False, start, 2))
        # names from the data and phrases first, the NER's spans only where they leave a gap
        found.sort(key=lambda f: (f[5] == 2, f[0], -(f[1] - f[0]), f[5]))
        known_here = list(dict.fromkeys(f[2] for f in found if f[2] in lex.org_names))
        for start, end, name, media, core, source in found:
            if self.is_taken(core, end):
                continue  # a phrase may hold a person's name as its possessor: "Zelensky's office"
            name = self.spelled_out(name)  # "Kherson RMA": Kherson Regional Military Administration
            cluster = next((c for c in self.clusters if c.kind == "organization"
                            and fold(c.name) == fold(name)), None)
            if cluster is None and source == 1:
                cluster = self.same_org(name)
            if cluster is None and name not in lex.org_names:  # "the General Staff" of a full name
                full = next((n for n in known_here if any(
                    _whole_word(fold(name)).search(alias) for alias in lex.org_names[n])), None)
                if full is not None:
                    name, media = full, False
                    cluster = next((c for c in self.clusters if c.kind == "organization"
                                    and c.name == name), None)
            if cluster is None:
                cluster = Cluster("organization", name, media=media)
                self.clusters.append(cluster)
            cluster.mentions.append(Mention(start, end, self.text[start:end], "org", self.in_quote(start)))
            self.taken.append((start, end))
        self.acronyms()
        self.abbreviated_bodies()

    def possessed_bodies(self):
        """A body named by "its" and the country that owns it: "Ukraine shot down all 14 drones
        launched at its territory by Russia overnight, its air force said" is Ukraine's Air
        Force. "its" stands for the country that is the subject of the sentence (or the one
        country it names before); the rule data must know the body as "<country>'s …"."""
        tokens, lowers, lex = doc_tokens(self.doc), doc_lowers(self.doc), self.lex
        for i, lower in enumerate(lowers):
            if lower != "its" or self.in_quote(tokens[i].idx):
                continue
            end = i + 1
            while end < len(tokens) and end - i <= 3 and tokens[end].text.islower() and \
                    tokens[end].pos_ in ("ADJ", "NOUN", "PROPN"):
                end += 1
            if end == i + 1 or tokens[end - 1].text.capitalize() not in lex.org_words:
                continue
            country = self.owner_country(tokens[i])
            if country is None:
                continue
            words = " ".join(lowers[i + 1:end])
            known = lex.orgs.get(fold(f"{country}'s {words}"))
            start, stop = tokens[i].idx, tokens[end - 1].idx + len(tokens[end - 1].text)
            if known is None or self.is_taken(start, stop):
                continue
            cluster = self.new_org(known[0], rule("speakers.its-body"))
            cluster.mentions.append(Mention(start, stop, self.text[start:stop], "org", False))
            self.taken.append((start, stop))

    def owner_country(self, its) -> str | None:
        """The country "its" stands for: the subject of its sentence when that names a country,
        else the one country named before it in the sentence."""
        sent = its.sent
        names = [(t, self.lex.demonyms.get(fold(t.text))) for t in sent
                 if t.i < its.i and t.ent_type_ == "GPE" and t.text[:1].isupper()]
        names = [(t, place) for t, place in names
                 if place is not None or t.text in self.country_names()]
        subjects = [(sum(1 for _ in t.ancestors), place or t.text) for t, place in names
                    if t.dep_ in ("nsubj", "nsubjpass")]
        top = {name for depth, name in subjects if depth == min(d for d, _ in subjects)}
        if len(top) == 1:  # "Ukraine downed nine drones that Russia launched at its …": Ukraine
            return top.pop()
        countries = {place or t.text for t, place in names}
        return countries.pop() if len(countries) == 1 else None

    def named_after_body_noun(self) -> list[tuple]:
        """A name right after a body noun of "the …" ("the regional energy operator
        Chernihivoblenergo said", "the energy company Zakhidenergo"): an organization, though
        the rule data lacks it; one or two capitalised words, not a place or a person."""
        tokens, lowers, out = doc_tokens(self.doc), doc_lowers(self.doc), []
        for i in range(1, len(tokens) - 1):
            if lowers[i] not in BODY_NOUNS or tokens[i].tag_ != "NN":
                continue
            k = i - 1
            while k > 0 and tokens[k].pos_ in ("ADJ", "NOUN") and tokens[k].text.islower():
                k -= 1
            if lowers[k] != "the":
                continue
            end = i + 1
            while end < len(tokens) and end - i <= 2 and tokens[end].pos_ == "PROPN" and \
                    tokens[end].text[:1].isupper() and tokens[end].ent_type_ not in (
                        "GPE", "LOC", "NORP"):
                end += 1
            if end == i + 1 or end - i > 2 or end < len(tokens) and tokens[end].pos_ == "PROPN":
                continue
            if end - i == 3 and tokens[i + 1].ent_type_ == "PERSON":
                continue  # "the company's owner Ivan Petrenko": two words the NER calls a person
            first, last = tokens[i + 1], tokens[end - 1]
            start, stop = first.idx, last.idx + len(last.text)
            if fold(self.text[start:stop]) in self.lex.orgs:
                continue  # named by the data already
            out.append((start, stop, self.text[start:stop], False, start, 1))
            rule("speakers.org-after-body-noun")
        return out

    def acronyms(self):
        """An acronym in brackets right after an organization's name stands for it wherever it
        appears: "the Operational Command of the Polish Armed Forces (DORSZ) ... DORSZ said"."""
        for cluster in [c for c in self.clusters if c.kind == "organization"]:
            for mention in list(cluster.mentions):
                found = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", self.text[mention.end:])
                if not found or fold(found.group(1)) in self.lex.orgs:
                    continue
                for hit in re.finditer(r"(?<![\w-])" + found.group(1) + r"(?![\w-])", self.text):
                    if not self.is_taken(hit.start(), hit.end()):
                        cluster.mentions.append(Mention(hit.start(), hit.end(), hit.group(), "org",
                                                        self.in_quote(hit.start())))
                        self.taken.append((hit.start(), hit.end()))

    def spelled_out(self, name: str) -> str:
        """A body's name with its abbreviated head spelled out ("Kherson RMA": "Kherson Regional
        Military Administration"), as the rule data says; other names as they are."""
        head, _, last = name.rpartition(" ")
        full = self.lex.org_abbreviations.get(last)
        return f"{head} {full}" if head and full else name

    def abbreviated_bodies(self):
        """"…, the RMA reported" after "the Kherson RMA": the bare abbreviation stands for the
        body of that kind the article named last before it."""
        for short, full in self.lex.org_abbreviations.items():
            bodies = [c for c in self.clusters if c.kind == "organization"
                      and c.name.endswith(" " + full) and c.mentions]
            if not bodies:
                continue
            for hit in re.finditer(r"(?<![\w-])%s(?![\w-])" % short, self.text):
                if self.is_taken(hit.start(), hit.end()) or \
                        self.word_after(hit.end()) in self.lex.title_words:
                    continue  # "the RMA head said": a person's title (title-of-abbreviation)
                before = [(m.start, c) for c in bodies for m in c.mentions if m.end <= hit.start()]
                if not before:
                    continue
                cluster = max(before, key=lambda pair: pair[0])[1]
                cluster.mentions.append(Mention(hit.start(), hit.end(), hit.group(), "org",
                                                self.in_quote(hit.start())))
                self.taken.append((hit.start(), hit.end()))
                if "speakers.abbreviated-body" not in cluster.rules:
                    cluster.rules.append(rule("speakers.abbreviated-body"))

    def word_after(self, end: int) -> str:
        """The word right after character ``end`` and one space, folded ("" if none)."""
        found = re.match(r" ([^\W\d_][\w'’-]*)", self.text[end:end + 40])
        return fold(found.group(1)) if found else ""

    # organizations named by a phrase
    def org_phrases(self):
        """Organizations named by a noun phrase, whatever the NER says: a head word
        (administration, office, command, ministry, ...) with the words before it that modify it
        and its "of ..." complements: "the Kharkiv regional prosecutor's office", "Poland's
        Operational Command", "the Romanian Ministry of National Defence", "the Office of the
        Prosecutor General". Only names: a word other than a sentence's first is capitalized, and
        there is more than the head. Yields (start, end, start of the part after a possessor,
        name title-cased without "the")."""
        doc, lex = doc_tokens(self.doc), self.lex  # the same tokens, made once
        lowers = doc_lowers(self.doc)
        for head in (doc[i] for i, lower in enumerate(lowers) if lower in lex.org_heads):
            if self.on_headline(head.idx) or head.i > 0 and lowers[head.i - 1] == "press":
                continue  # "the X's press service" speaks for X
            nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
            if nxt is not None and nxt.text.islower() and nxt.pos_ in ("NOUN", "PROPN") \
                    and fold(nxt.text) not in lex.title_words and self.same_line(head, nxt):
                continue  # "council members", "the administration building"
            first = head.i
            k = head.i - 1
            while k >= 0 and head.i - k <= 8 and self.same_line(doc[k], head):
                t = doc[k]
                if t.text in POSSESSIVE:
                    if k == 0 or not (doc[k - 1].text[:1].isupper() or doc[k - 1].pos_ == "NOUN") \
                            or t.text in ("'", "’") and not doc[k - 1].lower_.endswith("s"):
                        break
                elif not re.fullmatch(r"[^\W\d_][\w\-]*", t.text) or t.is_stop:
                    break
                elif t.text[0].isupper():
                    if t.pos_ not in ("PROPN", "ADJ", "NOUN") or t.lower_ in CALENDAR \
                            or t.ent_type_ in ("DATE", "TIME"):
                        break
                elif not (t.pos_ in ("ADJ", "NOUN") and t.dep_ in ("amod", "compound", "poss", "nmod")
                          and k < t.head.i <= head.i):
                    break
                first = k
                k -= 1
            last, j = head.i, head.i + 1
            while j + 1 < len(doc) and doc[j].lower_ == "of" and self.same_line(doc[j], head):
                m = j + 1
                if doc[m].lower_ == "the":
                    m += 1
                caps = m
                while m < len(doc) and re.fullmatch(r"[A-Z][\w\-]*", doc[m].text) \
                        and doc[m].pos_ in ("PROPN", "NOUN", "ADJ") and self.same_line(doc[m], head) \
                        and not self.is_taken(doc[m].idx, doc[m].idx + len(doc[m].text)):
                    m += 1
                    if m + 1 < len(doc) and doc[m].lower_ == "and" and doc[m + 1].text[:1].isupper() \
                            and doc[m + 1].pos_ in ("PROPN", "NOUN", "ADJ") and not any(
                                t.lower_ in lex.org_heads for t in doc[m + 1:m + 5]
                                if t.text[:1].isupper()):
                        m += 1  # "of Foreign Affairs and European Integration", not "and General Staff"
                if m == caps:
                    break
                last, j = m - 1, m
            toks = list(doc[first:last + 1])
            if len(self.words_of(toks)) < 2:
                continue
            if not any(t.text[0].isupper() and (t.pos_ == "PROPN" or not t.is_sent_start)
                       for t in toks if t.is_alpha):
                continue
            core = toks[0]
            for n, t in enumerate(toks):
                if t.text in POSSESSIVE:
                    core = toks[n + 1]
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            yield start, end, core.idx, self.title_cased(toks)

    @staticmethod
    def words_of(toks) -> list:
        return [t for t in toks if t.text not in POSSESSIVE and t.text != "-"]

    def title_cased(self, toks) -> str:
        out = ""
        for n, t in enumerate(toks):
            word = t.text
            if word.islower() and (n == 0 or word not in ("of", "the", "and", "for")) and word[0].isalpha():
                word = word[0].upper() + word[1:]
            out += word + (t.whitespace_ if n + 1 < len(toks) else "")
        return out

    def same_org(self, name: str) -> Cluster | None:
        """The one organization already named whose words include all of ``name``'s (countries
        by their demonyms too): "the Czech ministry" after "the Ministry of Foreign Affairs of the
        Czech Republic", "the Office of the Prosecutor General" after "the Prosecutor General's
        Office"."""
        words = self.org_key(name)
        hits = [c for c in self.clusters if c.kind == "organization" and words <= self.org_key(c.name)]
        return hits[0] if len(hits) == 1 else None

    def org_key(self, name: str) -> frozenset[str]:
        out = set()
        for word in fold(name).replace("'s", " ").split():
            word = self.lex.org_synonyms.get(word.strip("'"), word.strip("'"))
            if word in ("of", "the", "and", "for", ""):
                continue
            place = self.lex.demonyms.get(word)
            out.update(fold(place).removeprefix("the ").split() if place else [word])
        return frozenset(out)

    def unnamed_org(self, the, last) -> Cluster | None:
        """An organization the article only describes ("the regional military administration",
        "the defence ministry"), named from the region or country its sentence names, else from
        the headline and lead: "<Region> Regional Military Administration" when the description
        says "regional" and one region ("Sumy region", "Kharkiv Oblast") is named; the name the
        rule data knows for "<Country>'s <description>" when one country is named ("Romania's
        defence ministry"). A regional body with no region named is named by its description
        ("Regional Administration"). None otherwise."""
        doc = self.doc
        words = list(doc[the.i + 1:last.i + 1])
        if len(words) < 2 or any(t.text[:1].isupper() for t in words):
            return None
        scopes = [the.sent, doc[:self.lead_end()]]
        lowered = [t.lower_ for t in words]
        local = lowered[0] == "local" and "regional" not in lowered and \
            lowered[-1] == "administration"
        for n, scope in enumerate(scopes):
            if "regional" in lowered or local:
                regions = {doc[t.i - 1].text for t in scope if t.lower_ in ("region", "oblast")
                           and t.i > 0 and doc[t.i - 1].text[:1].isupper()
                           and doc[t.i - 1].pos_ == "PROPN"}
                if len(regions) == 1 and not local:
                    name = regions.pop() + " " + self.title_cased(words)
                    return self.new_org(name, rule("speakers.described-organization"))
                if len(regions) == 1 and n == 0:
                    # "… in Ukraine's northern Sumy region on Saturday, the local military
                    # administration said": the region's administration, named in the sentence
                    name = regions.pop() + " Regional " + self.title_cased(words[1:])
                    return self.new_org(name, rule("speakers.local-administration"))
                continue
            countries = {self.lex.demonyms[fold(t.text)] for t in scope
                         if fold(t.text) in self.lex.demonyms}
            named = [t for t in scope if t.ent_type_ == "GPE" and t.text in self.country_names()]
            countries |= {t.text for t in named}
            located = {t.text for t in named if t.head.lower_ == "in" and t.dep_ == "pobj"}
            if len(countries) > 1 and len(located) == 1:
                countries = located  # "… were found in NATO member Romania, the defence ministry said"
            if len(countries) == 1:
                known = self.lex.orgs.get(fold(f"{countries.pop()}'s {' '.join(w.text for w in words)}"))
                if known:
                    return self.new_org(known[0], rule("speakers.described-organization"))
        if "regional" in (t.lower_ for t in words):
            # "the regional administration said", no region named near it: the article's
            # oblast names it once the attacks are read (kg.extract.article)
            return self.new_org(self.title_cased(words), rule("speakers.regional-body"))
        return None

    def country_names(self) -> frozenset[str]:
        return frozenset(self.lex.demonyms.values())

    def lead_end(self) -> int:
        """Index of the first token after the headline and lead (the first two non-empty lines)."""
        if self._lead_end is None:
            seen, pos = 0, 0
            for line in self.text.split("\n"):
                pos += len(line) + 1
                seen += bool(line.strip())
                if seen >= 2:
                    break
            self._lead_end = next((t.i for t in self.doc if t.idx >= pos), len(self.doc))
        return self._lead_end

    def new_org(self, name: str, rule_id: str) -> Cluster:
        cluster = next((c for c in self.clusters if c.kind == "organization" and c.name == name), None)
        if cluster is None:
            cluster = Cluster("organization", name)
            self.clusters.append(cluster)
        if rule_id not in cluster.rules:
            cluster.rules.append(rule_id)
        return cluster

    def org_description(self, i: int):
        """(last token, words) of an organization described by lower-case words ending in an
        organization's head word, from token ``i`` on: "regional military administration",
        "prosecutor's office", "Polish command"."""
        doc, k = self.doc, i
        _tok = doc_tokens(doc)
        while k < len(doc) and k < i + 5 and (
                _tok[k].text in ("'s", "’s") or _tok[k].is_alpha and (
                    _tok[k].text.islower() and _tok[k].pos_ in ("ADJ", "NOUN", "PROPN")
                    or fold(_tok[k].text) in self.lex.demonyms)):
            if _tok[k].lower_ in self.lex.org_heads:
                nxt = _tok[k + 1] if k + 1 < len(doc) else None
                if nxt is None or not (nxt.text.islower() and nxt.pos_ in ("NOUN", "PROPN", "ADJ")):
                    return _tok[k], self.org_key(tokens_text(doc, i, k + 1))
            k += 1
        return None
