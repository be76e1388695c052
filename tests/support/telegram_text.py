"""What a Telegram user sees of a message sent with a parse_mode, checked as strictly as Telegram.

Telegram refuses malformed HTML or MarkdownV2 with 400 "can't parse entities"; doing the same
here makes an unescaped "<" in client text, or a bare "." in MarkdownV2, fail in tests as it
would live.
"""

import html
import re

from tests.support.bot_api_rules import RULES, api_error, wording

_HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_HTML_BROKEN_TAG = re.compile(r"</?([a-zA-Z0-9-]*)")
_HTML_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_HTML_ALLOWED = frozenset(RULES["html"]["allowed_tags"])

_MD_RESERVED = frozenset(RULES["markdown_v2"]["reserved_characters"])
_MD_ENTITY_NAMES: dict[str, str] = RULES["markdown_v2"]["entity_names"]
# Longest first, so "__" is underline rather than two italics.
_MD_MARKS = sorted((mark for mark in _MD_ENTITY_NAMES if mark != "["), key=len, reverse=True)
_MD_CODE_MARKS = ("`", "```")
_MD_LINK_END = re.compile(r"\]\(((?:\\.|[^)\\])*)\)")
_MD_LEGACY_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text without markup, as the user reads it; raises BotApiError like Telegram."""
    mode = (parse_mode or "").lower()
    if not mode:
        return text
    if mode == "html":
        return _html_visible(text)
    if mode == "markdownv2":
        return _markdown_v2_visible(text)
    if mode == "markdown":
        return _MD_LEGACY_LINK.sub(r"\1", text).translate(str.maketrans("", "", "*_`"))
    raise api_error("unsupported_parse_mode")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _parse_error(name: str, **fields: object):
    return api_error("cant_parse_entities", detail=wording(name, **fields))


def _html_visible(text: str) -> str:
    shown: list[str] = []
    open_tags: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "<":
            tag = _HTML_TAG.match(text, index)
            name = tag.group(2).lower() if tag else _HTML_BROKEN_TAG.match(text, index).group(1)
            if tag is None or name not in _HTML_ALLOWED:
                raise _parse_error(
                    "html_unsupported_tag", tag=name, offset=_byte_offset(text, index)
                )
            if not tag.group(1):
                open_tags.append(name)
            elif open_tags and open_tags[-1] == name:
                open_tags.pop()
            else:
                raise _parse_error("html_unexpected_end_tag", offset=_byte_offset(text, index))
            index = tag.end()
            continue
        entity = _HTML_ENTITY.match(text, index) if char == "&" else None
        if entity:
            shown.append(html.unescape(entity.group(0)))
            index = entity.end()
            continue
        shown.append(char)
        index += 1
    if open_tags:
        raise _parse_error("html_unclosed_tag", tag=open_tags[-1])
    return "".join(shown)


def _markdown_v2_visible(text: str) -> str:
    shown: list[str] = []
    open_marks: list[tuple[str, int]] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            shown.append(text[index + 1])
            index += 2
            continue
        in_code = bool(open_marks) and open_marks[-1][0] in _MD_CODE_MARKS
        mark = next((m for m in _MD_MARKS if text.startswith(m, index)), None)
        if in_code and mark != open_marks[-1][0]:
            shown.append(char)
            index += 1
        elif mark:
            _toggle_mark(open_marks, mark, text, index)
            index += len(mark)
        elif char == "[":
            open_marks.append(("[", index))
            index += 1
        elif char == "]" and open_marks and open_marks[-1][0] == "[":
            link_end = _MD_LINK_END.match(text, index)
            if link_end is None:
                raise _parse_error("markdown_reserved", character="]")
            open_marks.pop()
            index = link_end.end()
        elif char == ">" and (index == 0 or text[index - 1] == "\n"):
            index += 1  # a block quote marker
        elif char in _MD_RESERVED:
            raise _parse_error("markdown_reserved", character=char)
        else:
            shown.append(char)
            index += 1
    if open_marks:
        mark, start = open_marks[-1]
        raise _parse_error(
            "markdown_unclosed", entity=_MD_ENTITY_NAMES[mark], offset=_byte_offset(text, start)
        )
    return "".join(shown)


def _toggle_mark(open_marks: list[tuple[str, int]], mark: str, text: str, index: int) -> None:
    if open_marks and open_marks[-1][0] == mark:
        open_marks.pop()
    elif any(open_mark == mark for open_mark, _ in open_marks):
        # Crossing entities (*bold _italic* text_) are refused by Telegram too.
        unclosed, start = open_marks[-1]
        raise _parse_error(
            "markdown_unclosed", entity=_MD_ENTITY_NAMES[unclosed], offset=_byte_offset(text, start)
        )
    else:
        open_marks.append((mark, index))
