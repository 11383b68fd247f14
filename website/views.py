from email.utils import parseaddr

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pagination import Paginator
from core.permissions import permission_required
from core.roles import has_permission
from core.uploads import download_response
from enrollment.models import Intake
from members.permissions import represented_members_or_404
from members.selectors import headline_figures

from . import services, sitetexts
from .forms import ArticleForm, MemberArticleForm, RejectForm, SiteProfileForm, SiteTextForm
from .models import Article, SiteProfile, SiteText

NEWS_PER_PAGE = 10

# --- Public ----------------------------------------------------------------------------------


def home(request):
    return render(
        request,
        "home.html",
        {"figures": headline_figures(), "intro": sitetexts.text(SiteText.Key.HOME_INTRO)},
    )


def news_list(request):
    articles = Article.objects.published().select_related("member")
    category = request.GET.get("category", "")
    if category in Article.Category.values:
        articles = articles.filter(category=category)
    page = Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("page"))
    # the first, the last and the two either side of this one: a link per page grew with the news
    page_numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return render(
        request,
        "website/news_list.html",
        {
            "page": page,
            "page_numbers": page_numbers,
            "category": category,
            "categories": Article.Category.choices,
        },
    )


def _visible_article(request, pk: int) -> Article:
    article = get_object_or_404(Article.objects.select_related("member"), pk=pk)
    if article.is_public or has_permission(request.user, "notices.view"):
        return article
    if article.submitted_by_id and article.submitted_by_id == request.user.pk:
        return article
    raise Http404


def news_detail(request, pk: int):
    article = _visible_article(request, pk)
    recent = Article.objects.published().exclude(pk=pk)[:5]
    return render(request, "website/news_detail.html", {"article": article, "recent": recent})


def news_cover(request, pk: int):
    article = _visible_article(request, pk)
    if not article.cover:
        raise Http404
    response = download_response(article.cover, filename=article.cover.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "public, max-age=86400"
    return response


def about(request):
    return render(
        request,
        "website/about.html",
        {"figures": headline_figures(), "text": sitetexts.text(SiteText.Key.ABOUT)},
    )


def contact(request):
    contact_email = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    now = timezone.now()
    open_intakes = Intake.objects.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")
    return render(
        request,
        "website/contact.html",
        {
            "contact_email": contact_email,
            "open_intakes": open_intakes,
            "text": sitetexts.text(SiteText.Key.CONTACT),
        },
    )


# --- Member representatives --------------------------------------------------------------------


@login_required
def member_news_list(request):
    members = represented_members_or_404(request.user)
    articles = Article.objects.filter(
        Q(submitted_by=request.user) | Q(member__in=members)
    ).select_related("member")
    return render(request, "website/member_news_list.html", {"articles": articles})


@login_required
def member_news_create(request):
    members = represented_members_or_404(request.user)
    form = MemberArticleForm(request.POST or None, request.FILES or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.article_submit(
            by=request.user,
            member=data["member"],
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            cover=data["cover"],
        )
        messages.success(
            request, _("Thank you: the secretariat will review your news item before it shows.")
        )
        return redirect("member_news_list")
    return render(request, "website/member_news_form.html", {"form": form})


# --- Staff -----------------------------------------------------------------------------------


@permission_required("notices.view")
def staff_news_list(request):
    articles = Article.objects.select_related("member", "submitted_by")
    status = request.GET.get("status", "")
    if status in Article.Status.values:
        articles = articles.filter(status=status)
    pending = Article.objects.filter(status=Article.Status.PENDING).count()
    page = Paginator(articles, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "website/staff_news_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Article.Status.choices,
            "pending": pending,
            "reject_form": RejectForm(),
        },
    )


@permission_required("notices.change")
def staff_news_create(request):
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        article = form.save()
        messages.success(request, _("The article is saved."))
        return redirect("staff_news_edit", pk=article.pk)
    return render(request, "website/staff_news_form.html", {"form": form})


@permission_required("notices.change")
def staff_news_edit(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    form = ArticleForm(request.POST or None, request.FILES or None, instance=article)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The article is saved."))
        return redirect("staff_news_edit", pk=article.pk)
    return render(
        request,
        "website/staff_news_form.html",
        {"form": form, "article": article, "reject_form": RejectForm()},
    )


@permission_required("notices.change")
@require_POST
def staff_news_approve(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    try:
        services.article_approve(article=article, by=request.user)
    except services.ArticleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The news item is published."))
    return redirect("staff_news_list")


@permission_required("notices.change")
@require_POST
def staff_news_reject(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    form = RejectForm(request.POST)
    try:
        if not form.is_valid():
            raise services.ArticleError(_("Tell the member why the news item is not approved."))
        services.article_reject(article=article, by=request.user, note=form.cleaned_data["note"])
    except services.ArticleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The member has been told that the item is not approved."))
    return redirect("staff_news_list")


# --- Site texts (the group's profile, home, about, contact, footer) ----------------------------


@permission_required("governance.view")
def staff_site(request):
    texts = {text.key: text for text in SiteText.objects.select_related("updated_by")}
    return render(
        request,
        "website/staff_site.html",
        {
            "profile": SiteProfile.objects.select_related("updated_by").first(),
            "texts": [(key, label, texts.get(key)) for key, label in SiteText.Key.choices],
            "can_change": has_permission(request.user, "governance.change"),
        },
    )


@permission_required("governance.change")
def staff_site_profile(request):
    profile = SiteProfile.objects.first() or SiteProfile(name_zh=settings.GROUP_NAME)
    form = SiteProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.site_profile_save(form=form, by=request.user)
        messages.success(request, _("The group's profile is saved."))
        return redirect("staff_site")
    return render(
        request, "website/staff_site_form.html", {"form": form, "title": _("Group profile")}
    )


@permission_required("governance.change")
def staff_site_text(request, key: str):
    if key not in SiteText.Key.values:
        raise Http404
    text = SiteText.objects.filter(key=key).first() or SiteText(key=key)
    form = SiteTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        services.site_text_save(form=form, by=request.user)
        messages.success(request, _("The text is saved and shows on the site."))
        return redirect("staff_site")
    return render(
        request,
        "website/staff_site_form.html",
        {"form": form, "title": SiteText.Key(key).label, "rich": True},
    )
