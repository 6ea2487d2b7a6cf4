"""``{{ text|as_guide }}``: a municipality's guidance text as paragraphs and lists. Lines
that start with "- " become list items; other lines become paragraphs. Everything is
escaped: the text is plain text typed by a coordinator."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def as_guide(text: str) -> SafeString:
    parts: list[str] = []
    items: list[str] = []

    def close_list() -> None:
        if items:
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    for line in (text or "").splitlines():
        line = line.strip()
        if line.startswith("- "):
            items.append(escape(line[2:].strip()))
        elif line:
            close_list()
            parts.append(f"<p>{escape(line)}</p>")
    close_list()
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
