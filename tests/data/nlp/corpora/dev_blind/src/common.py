"""Measurement constructors in the shapes of LABELLING.md section D."""


def rating(name, value, scale, previous=None):
    m = {"kind": "rating", "name": name, "value": value, "scale": scale}
    if previous is not None:
        m["previous"] = previous
    return m


def score(name, value, previous=None, flag=None):
    m = {"kind": "score", "name": name, "value": value}
    if previous is not None:
        m["previous"] = previous
    if flag:
        m["flag"] = flag
    return m


def freq(name, value, period, previous=None):
    m = {"kind": "frequency", "name": name, "value": value, "period": period}
    if previous is not None:
        m["previous"] = previous
    return m


def dur(name, value, unit, previous=None):
    m = {"kind": "duration", "name": name, "value": value, "unit": unit}
    if previous is not None:
        m["previous"] = previous
    return m
