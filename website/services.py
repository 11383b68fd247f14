"""Writes for the public site: staff publish, members submit, staff approve."""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from notices.models import Kind, Notice
from notices.sanitize import clean_html
from notices.services import notice_release

from . import sitetexts
from .models import Article


class ArticleError(Exception):
    """An action the article's state does not allow; the message is for the user."""


def article_submit(*, by, member, title: str, summary: str, body: str, cover=None) -> Article:
    """A member representative proposes a news item; it shows once staff approve it."""
    return Article.objects.create(
        title=title,
        summary=summary,
        body=clean_html(body),
        cover=cover or "",
        category=Article.Category.MEMBER,
        status=Article.Status.PENDING,
        member=member,
        submitted_by=by,
    )


def article_approve(*, article: Article, by) -> None:
    with transaction.atomic():
        updated = Article.objects.filter(pk=article.pk, status=Article.Status.PENDING).update(
            status=Article.Status.PUBLISHED,
            reviewed_by=by,
            review_note="",
            published_at=timezone.now(),
        )
        if not updated:
            raise ArticleError(_("Only a news item awaiting approval can be approved."))
        _tell_submitter(
            article,
            _("Your news item is published: %(title)s") % {"title": article.title},
            _("The secretariat approved your news item; it is now on the group's website."),
        )


def article_reject(*, article: Article, by, note: str) -> None:
    if not note.strip():
        raise ArticleError(_("Tell the member why the news item is not approved."))
    with transaction.atomic():
        updated = Article.objects.filter(pk=article.pk, status=Article.Status.PENDING).update(
            status=Article.Status.REJECTED, reviewed_by=by, review_note=note.strip()
        )
        if not updated:
            raise ArticleError(_("Only a news item awaiting approval can be declined."))
        _tell_submitter(
            article,
            _("Your news item was not approved: %(title)s") % {"title": article.title},
            _("The secretariat did not approve your news item. Reason: %(note)s")
            % {"note": note.strip()},
        )


def _tell_submitter(article: Article, title: str, text: str) -> None:
    """An inbox notice (and e-mail) to the representative who submitted the item."""
    if not article.submitted_by_id:
        return
    notice = Notice.objects.create(
        title=title[:200],
        body=f"<p>{escape(text)}</p>",
        kind=Kind.ANNOUNCEMENT,
        audience={"scope": "users", "users": [article.submitted_by_id]},
    )
    notice_release(notice_id=notice.pk, statuses=[Notice.Status.DRAFT])


def site_profile_save(*, form, by) -> None:
    """Save the group's profile (its name then shows on every page)."""
    profile = form.save(commit=False)
    profile.updated_by = by
    profile.save()
    sitetexts.forget()


def site_text_save(*, form, by) -> None:
    text = form.save(commit=False)
    text.updated_by = by
    text.save()  # RichTextField sanitises again, whatever the path
    sitetexts.forget()
