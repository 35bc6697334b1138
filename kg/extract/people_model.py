"""The records of the people finder: a mention of a person or organization, a cluster of the
mentions of one, and the word lists its rules share."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.people_rules import KnownPerson
from kg.records import Actor

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
ORG_PRONOUNS = {"they", "them", "it"}
TERMINAL = {".", "!", "?"}
POSSESSIVE = ("'s", "’s", "'", "’")
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
            "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "today", "yesterday", "tonight"}
NOT_PERSON = {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY"}
MODIFIERS = {"acting", "deputy", "former", "local", "city", "interim", "new", "then"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str  # name, surname, title, org
    in_quote: bool = False


@dataclass
class Cluster:
    """One person or organization of the article."""

    kind: str  # person or organization
    name: str
    given: str | None = None
    surname: str | None = None
    gender: str | None = None
    known: KnownPerson | None = None
    media: bool = False
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # ids of the rules that found it, beyond the usual

    @property
    def actor(self) -> Actor:
        return Actor(kind=self.kind, name=self.name)

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None

    def all_roles(self) -> list[str]:
        return self.roles + list(self.known.roles if self.known else ())
