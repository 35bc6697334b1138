"""The lexicon's one channel pattern matches exactly where one of the channels' own does."""

from __future__ import annotations

import pytest

from kg.extract.people_rules import lexicon

TEXTS = [
    "he said on Telegram", "in a Telegram post.", "Telegrams", "telegram", "wrote on X",
    "an X post", "the X-ray", "Xpost", "in a tweet", "TWEETED", "retweeted", "on social media",
    "social-media", "Social Networks said", "on TV", "on tv", "a TV interview", "televised",
    "a NATIONAL TELETHON", "in his nightly address", "at a press conference", "a briefing,",
    "debriefing", "radio", "Radio Liberty", "radios", "nothing here", "", "(Facebook)",
    "YouTube's", "Viber-chat", "a video posted online", "evening address!", "on X.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_any_channel_matches_where_a_channel_does(text):
    lex = lexicon()
    assert bool(lex.any_channel.search(text)) == any(
        rx.search(text) for _, rx in lex.channels)


def test_every_channel_pattern_is_in_it():
    lex = lexicon()
    for _, rx in lex.channels:
        word = rx.pattern.removeprefix(r"(?<!\w)").removesuffix(r"(?!\w)").replace("\\", "")
        assert lex.any_channel.search(word)
        assert lex.any_channel.search(f"({word})")
