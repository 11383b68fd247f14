"""Rich text from staff and members: keep formatting, drop anything that can run script."""

import html

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "blockquote", "code", "pre", "hr",
    "h2", "h3", "h4", "h5", "ul", "ol", "li", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "span", "div",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(value: str) -> str:
    """Sanitise rich text with nh3 (the Ammonia library): no script, style or event handlers."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def html_to_text(value: str) -> str:
    """Plain-text version of sanitised HTML for the text part of an e-mail."""
    spaced = value
    for tag in ("</p>", "<br>", "</li>", "</h2>", "</h3>", "</h4>", "</tr>", "</div>"):
        spaced = spaced.replace(tag, tag + "\n")
    text = nh3.clean(spaced, tags=set())
    lines = [line.strip() for line in html.unescape(text).splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
