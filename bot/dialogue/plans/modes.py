"""The plan flows' modes (see bot/dialogue/modes.py), and the module answering text in each:
client (command) · problem, goal, intervention (build) · objective, direction, own_words,
target (objective) · review_date, check (finish) · edit (edit) · review, review_revise (review) ·
identity (identity) · import (transfer).
Adding to a saved plan (extend) reuses the build's modes."""

from __future__ import annotations

from bot.dialogue.modes import Mode


class PlanMode(Mode):
    CLIENT = "plan.client"
    PROBLEM = "plan.problem"
    GOAL = "plan.goal"
    INTERVENTION = "plan.intervention"
    OBJECTIVE = "plan.objective"
    DIRECTION = "plan.direction"
    OWN_WORDS = "plan.own_words"
    TARGET = "plan.target"
    REVIEW_DATE = "plan.review_date"
    CHECK = "plan.check"
    EDIT = "plan.edit"
    REVIEW = "plan.review"
    REVIEW_REVISE = "plan.review_revise"
    IDENTITY = "plan.identity"
    IMPORT = "plan.import"
