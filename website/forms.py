from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import MB, check_upload
from notices.sanitize import clean_html

from .models import Article, SiteProfile, SiteText

MAX_COVER_MB = 5
MAX_COVER_BYTES = MAX_COVER_MB * MB


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "summary", "category", "cover", "body", "published_at", "status"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14, "data-richtext": "1"}),
            "published_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {
            "body": _(
                "Paragraphs, bold, lists, links, images and tables are kept (HTML such as <p>, "
                "<strong>, <ul>, <a>, <img>); scripts and styles are removed."
            ),
            "published_at": _("A future date keeps the article hidden until then."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]
        allowed = {Article.Status.DRAFT, Article.Status.PUBLISHED, self.instance.status}
        self.fields["status"].choices = [c for c in Article.Status.choices if c[0] in allowed]
        _style(self)

    def clean_body(self) -> str:
        return _clean_body(self.cleaned_data["body"])

    def clean_cover(self):
        return _check_cover(self.cleaned_data.get("cover"))


class MemberArticleForm(forms.Form):
    """What a member representative submits for approval."""

    member = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    cover = forms.ImageField(label=_("Cover image"), required=False)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12, "data-richtext": "1"}),
        help_text=_("Describe the cooperation with the group: what, when, with whom, results."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        _style(self)

    def clean_body(self) -> str:
        return _clean_body(self.cleaned_data["body"])

    def clean_cover(self):
        return _check_cover(self.cleaned_data.get("cover"))


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


def _clean_body(value: str) -> str:
    body = clean_html(value)
    if not body:
        raise forms.ValidationError(_("Write the text of the article."))
    return body


def _check_cover(cover):
    if cover and getattr(cover, "size", 0):
        check_upload(cover, max_mb=MAX_COVER_MB)
    return cover


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


RICH_TEXT_HELP = _(
    "Paragraphs, bold, lists, links, images and tables are kept (HTML such as <p>, "
    "<strong>, <ul>, <a>, <img>); scripts and styles are removed."
)


class SiteProfileForm(forms.ModelForm):
    class Meta:
        model = SiteProfile
        fields = ["name_zh", "name_en", "founded_on", "guiding_body_zh", "guiding_body_en"]
        fields += ["lead_school_zh", "lead_school_en", "accreditation_zh", "accreditation_en"]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "accreditation_zh": forms.Textarea(attrs={"rows": 3}),
            "accreditation_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class SiteTextForm(forms.ModelForm):
    """Both languages of one text; what the sanitiser keeps is what is saved and shown."""

    class Meta:
        model = SiteText
        fields = ["body_zh", "body_en"]
        widgets = {
            "body_zh": forms.Textarea(attrs={"rows": 12, "data-richtext": "1"}),
            "body_en": forms.Textarea(attrs={"rows": 12, "data-richtext": "1"}),
        }
        help_texts = {"body_zh": RICH_TEXT_HELP, "body_en": RICH_TEXT_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_body_zh(self) -> str:
        body = clean_html(self.cleaned_data["body_zh"])
        if not body:
            raise forms.ValidationError(_("Write the Chinese text: the site shows it by default."))
        return body

    def clean_body_en(self) -> str:
        return clean_html(self.cleaned_data["body_en"])
