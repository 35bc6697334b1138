"""Titles and roles around a name: the title patterns of the rule data at a token, the role a
title phrase gives ("Kharkiv Mayor" -> "Mayor of Kharkiv"), the role before a name, in an
apposition after it, or beside a lone name word, and the title classes of a role
(``TitleReader``, a part of the people finder of ``kg.extract.people``)."""

from __future__ import annotations

from kg.extract.doc_text import doc_texts, doc_tokens
from kg.extract.lexicon import cues
from kg.extract.organizations import OrganizationFinder
from kg.extract.people_model import CALENDAR, MODIFIERS, NOT_PERSON, SUBJECT_DEPS, TERMINAL
from kg.extract.people_rules import Title, _words, fold
from kg.extract.rules import rule

#: words that open a clause naming a source, not a title in apposition ("X, as reported by
#: the regional administration head", "X, according to the governor")
_SOURCE_OPENERS = frozenset(cues()["source_openers"])
_PLACE_NOUNS = frozenset(cues()["locating_place_nouns"])


class TitleReader(OrganizationFinder):
    def title_at(self, i: int) -> Title | None:
        """The longest title/rank/honorific pattern starting at token ``i``."""
        folded = self.folded()
        titles = self.lex.titles.get(folded[i])
        if not titles:
            return None
        for title in titles:
            if tuple(folded[i:i + len(title.words)]) == title.words:
                return title
        return None

    def folded(self) -> list[str]:
        """Each token's text folded, read once per article (``title_at`` asks at every word)."""
        folded = getattr(self, "_folded", None)
        if folded is None:
            texts = self.texts()
            of = {text: fold(text) for text in set(texts)}  # each distinct word folded once
            folded = self._folded = [of[text] for text in texts]
        return folded

    def texts(self) -> list[str]:
        """Each token's text, read once per article from the doc's array of word ids (not a
        ``Token.text`` per word)."""
        texts = getattr(self, "_texts", None)
        if texts is None:
            texts = self._texts = doc_texts(self.doc)  # shared with the places rules
        return texts

    # roles
    def role_phrase(self, tokens) -> str | None:
        """A role from a title phrase: "Kharkiv Mayor" -> "Mayor of Kharkiv"."""
        toks = list(tokens)
        while toks and toks[0].lower_ in ("the", "a", "an"):
            toks = toks[1:]
        i, found = 0, None
        while i < len(toks):
            title = self.title_at(toks[i].i)
            if title and title.role:
                found = (i, title)
                break
            i += len(title.words) if title else 1
        if not found:
            return None
        i, title = found
        head = self.text[toks[i].idx:toks[i + len(title.words) - 1].idx
                         + len(toks[i + len(title.words) - 1].text)]
        rest = toks[i + len(title.words):]
        if rest and rest[0].lower_ in ("of", "to", "for", "at", "in"):
            end = rest[-1]
            words = self.text[toks[i].idx:end.idx + len(end.text)]
            return words[0].upper() + words[1:]
        role = head[0].upper() + head[1:]
        qualifier = [t for t in toks[:i] if t.text not in ("'s", "’s")]
        if not qualifier:
            return role
        demonyms = [self.lex.demonyms.get(fold(t.text)) for t in qualifier if t.text[0].isupper()]
        lower = [t.text for t in qualifier if not t.text[0].isupper()]
        if lower:  # "Ukrainian military spokesperson": the lower-case words join the title
            role = " ".join(lower)[0].upper() + " ".join(lower)[1:] + " " + role.lower()
        caps = [t for t in qualifier if t.text[0].isupper()]
        if not caps:
            return role
        if len(caps) == 1 and demonyms[0]:
            return f"{role} of {demonyms[0]}"
        name = self.text[caps[0].idx:caps[-1].idx + len(caps[-1].text)]
        known = self.lex.orgs.get(fold(name))
        if known:
            return f"{role} of the {known[0]}".replace("the the ", "the ")
        if any(t.text in self.lex.org_words for t in caps):
            return f"{role} of the {name}"
        return f"{role} of {name}"

    def title_before(self, first) -> str | None:
        """The role in the words right before a name ("Kyiv Oblast Governor", "the head of
        the regional military administration,")."""
        doc, j = self.doc, first.i - 1
        _tok = doc_tokens(doc)
        if j >= 0 and _tok[j].text == "," and j >= 1:
            j -= 1  # "the Ukrainian president, Volodymyr Zelensky"
            comma = True
        else:
            comma = False
        end = j
        while j >= 0 and end - j < 12 and self.same_line(_tok[j], first):
            t = _tok[j]
            low = fold(t.text)
            ok = (low in self.lex.title_words or low in self.lex.demonyms or low in MODIFIERS
                  or t.text in ("'s", "’s", "-") or (t.text[0].isupper() and (
                      t.pos_ == "PROPN" or not t.is_sent_start and t.pos_ in ("NOUN", "ADJ")))
                  or (t.text.islower() and t.pos_ in ("NOUN", "ADJ") and end - j < 4))
            if not ok and comma and t.lower_ in ("of", "and", "for") and j + 1 <= end and \
                    _tok[j + 1].text[:1].isupper() and j > 0 and _tok[j - 1].text[:1].isupper():
                ok = bool(rule("speakers.title-portfolio"))  # "The First Deputy Minister of
                # Agrarian Policy and Food of Ukraine, Taras Vysotsky": the whole title
            if not ok:
                break
            j -= 1
        phrase = _tok[j + 1:end + 1]
        while phrase and phrase[0].lower_ in ("of", "the", "'s", "’s", "-"):
            phrase = phrase[1:]
        if not phrase:
            return None
        if comma and not (j >= 0 and _tok[j].lower_ in ("the", "a", "an")) and _tok[j + 1].lower_ != "the" \
                and not (fold(phrase[0].text) in self.lex.demonyms or len(phrase) > 1
                         and phrase[1].text in ("'s", "’s")) \
                and not (j >= 0 and phrase[0] is _tok[j + 1] and _tok[j].tag_ in ("VBD", "VBZ")
                         and _tok[j].lemma_.lower() in self.lex.speech
                         and not any(t.ent_type_ == "PERSON" or t.text in self.lex.given
                                     for t in phrase)  # "said Mayor Ihor Terekhov, X": a name
                         and rule("speakers.title-after-speech-verb")):
            return None  # but "Turkey's Foreign Minister, Hakan Fidan", "…, said head of the
            # regional administration, Serhiy Borzov"
        return self.role_phrase(phrase)

    def title_after(self, last) -> str | None:
        """The role in an apposition after a name (", head of Kyiv's military administration")."""
        doc, i = self.doc, last.i + 1
        _tok = doc_tokens(doc)
        if i >= len(doc) or _tok[i].text != "," or not self.same_line(last, _tok[i]):
            return None
        phrase = []
        for t in _tok[i + 1:i + 12]:
            if (t.is_punct and t.text not in ("'s", "’s", "-")) or t.tag_ in ("WP", "WP$", "WDT") \
                    or (t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN",) and t.lower_ not in MODIFIERS) \
                    or "\n" in t.text:
                if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" and c in phrase
                                                     for c in t.children):
                    return None  # "… in Velykyi Burluk, the governor said": his own clause
                break
            phrase.append(t)
        if phrase and phrase[0].lower_ in _SOURCE_OPENERS:
            rule("speakers.source-clause")
            return None  # "a man killed in Chasiv Yar, as stated by the head of …"
        if phrase and phrase[0].lower_ in ("a", "an", "the"):
            phrase = phrase[1:]
        if phrase and phrase[0].lower_ in _PLACE_NOUNS and rule("speakers.place-apposition"):
            return None  # "Kryvyi Rih, the hometown of President Zelenskiy": a place
        if not phrase or not any(self.title_at(t.i) for t in phrase[:5]):
            return None
        return self.role_phrase(phrase)

    def lone_name_role(self, tok) -> str | None:
        """The role of a single unknown name word given by a title right before it or by an
        apposition closed by a comma: "acting Chernihiv mayor Lomako", "Lomako, the acting mayor,";
        or by the office an administration's name ends ("the head of the Odesa Regional Military
        Administration Marchenko said"), whatever the NER took the name for."""
        if tok.pos_ != "PROPN" or tok.lower_ in CALENDAR:
            return None
        before = tok.i - 1
        if before >= 0 and self.doc[before].text in self.lex.org_words and self._speaks(tok):
            role = self.title_before(tok)  # "the head of the Odesa Regional Military
            if role:  # Administration Marchenko said": the office's holder
                return role
        if tok.ent_type_ in NOT_PERSON:
            return None
        if before >= 0 and any(self.title_at(k) and k + len(self.title_at(k).words) == tok.i
                               and self.title_at(k).role for k in range(max(0, before - 3), tok.i)):
            return self.title_before(tok)
        role = self.title_after(tok)
        if role is None or tok.i + 2 < len(self.doc) and self.doc[tok.i + 2].lower_ in (
                "its", "their"):
            return None  # "the region of Poltava, its governor, Filip Pronin,": a place's office
        k = tok.i + 2
        while k < len(self.doc) and self.doc[k].text != "," and k < tok.i + 12:
            if self.doc[k].pos_ in ("VERB", "AUX") and self.doc[k].lower_ not in MODIFIERS \
                    or self.doc[k].text in TERMINAL:
                return None
            k += 1
        return role if k < len(self.doc) and self.doc[k].text == "," else None

    def _speaks(self, tok) -> bool:
        """The name, or the title whose "of" phrase the parse hung it in, speaks."""
        node = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of":
            node = tok.head.head  # "the head of the … Administration Marchenko said"
        return node.dep_ in SUBJECT_DEPS and node.head.lemma_ in self.lex.speech

    def role_classes(self, role: str) -> set[str]:
        """Classes of the titles a role contains: "Secretary of the council and acting mayor"
        -> {"secretary", "mayor"}."""
        toks, out = _words(role), set()
        for i, word in enumerate(toks):
            for title in self.lex.titles.get(word, []):
                if tuple(toks[i:i + len(title.words)]) == title.words and title.role:
                    out.add(title.cls)
        return out
