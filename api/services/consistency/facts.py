from __future__ import annotations


def fields(text, mentions, canon):
    return []


def relations(text, mentions, canon):
    return []
