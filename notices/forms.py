from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import DOCUMENT_EXTENSIONS, MB, check_upload_total, validate_document
from enrollment.models import Application, Intake
from members.models import Member
from partnerships.models import Project

from .models import Kind, Notice, SavedAudience
from .sanitize import clean_html
from .selectors import SCOPE_INTAKE, SCOPE_MEMBERS, SCOPE_PROJECTS

MAX_ATTACHMENT_MB = 20
MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * MB
MAX_ATTACHMENTS = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the pattern from Django's documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def _distinct(field: str) -> list[tuple[str, str]]:
    values = (
        Member.objects.exclude(**{field: ""})
        .order_by(field)
        .values_list(field, flat=True)
        .distinct()
    )
    return [(v, v) for v in values]


class NoticeForm(forms.Form):
    SCOPES = [
        (SCOPE_MEMBERS, _("Member organisations (all, or by kind, region, industry)")),
        (SCOPE_PROJECTS, _("Participants of chosen cooperation projects")),
        (SCOPE_INTAKE, _("Applicants of a part-time intake")),
    ]

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10, "data-richtext": "1"}),
        help_text=_(
            "Paragraphs, bold, lists, links and tables are kept (HTML such as <p>, <strong>, "
            "<ul>, <a>); scripts and styles are removed."
        ),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices, initial=Kind.ANNOUNCEMENT)
    response = forms.ChoiceField(
        label=_("Response"), choices=Notice.Response.choices, initial=Notice.Response.NONE
    )
    reply_prompt = forms.CharField(
        label=_("Reply question"),
        max_length=200,
        required=False,
        help_text=_('Shown with the reply form, e.g. "Will you attend on 15 March?"'),
    )
    channels = forms.MultipleChoiceField(
        label=_("Also send by"),
        choices=[("email", _("E-mail")), ("sms", _("SMS"))],
        initial=["email"],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Everyone with an account finds the notice in the portal's inbox. SMS is a short "
            "text with a link, to verified mobile numbers of those who want texts (by default, "
            "those without an e-mail address)."
        ),
    )
    saved_audience = forms.ModelChoiceField(
        label=_("Saved audience"),
        queryset=SavedAudience.objects.all(),
        required=False,
        empty_label=_("— choose below instead —"),
    )
    scope = forms.ChoiceField(
        label=_("Audience"), choices=SCOPES, initial=SCOPE_MEMBERS, widget=forms.RadioSelect
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of member"),
        choices=Member.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all kinds."),
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions"), required=False, widget=forms.SelectMultiple(attrs={"size": 5})
    )
    industries = forms.MultipleChoiceField(
        label=_("Industries"), required=False, widget=forms.SelectMultiple(attrs={"size": 5})
    )
    representatives_only = forms.BooleanField(
        label=_("Representatives only (not the other contacts)"), required=False
    )
    projects = forms.ModelMultipleChoiceField(
        label=_("Projects"),
        queryset=Project.objects.order_by("title"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    intake = forms.ModelChoiceField(
        label=_("Intake"), queryset=Intake.objects.all(), required=False
    )
    statuses = forms.MultipleChoiceField(
        label=_("Application statuses"),
        choices=Application.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every applicant of the intake."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(DOCUMENT_EXTENSIONS)}),
        help_text=_("PDF, Word, Excel, PowerPoint, JPEG or PNG files."),
    )
    save_audience_as = forms.CharField(
        label=_("Save this audience as"),
        max_length=100,
        required=False,
        help_text=_("Give it a name to choose it again for later notices."),
    )

    def __init__(self, *args, kept: tuple[int, int] = (0, 0), **kwargs):
        """`kept`: the number and total size of the attachments the notice keeps (editing)."""
        super().__init__(*args, **kwargs)
        self.kept_count, self.kept_bytes = kept
        self.fields["regions"].choices = _distinct("region")
        self.fields["industries"].choices = _distinct("industry")
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    @classmethod
    def initial_for(cls, notice: Notice) -> dict:
        audience = notice.audience or {}
        return {
            "title": notice.title,
            "body": notice.body,
            "kind": notice.kind,
            "response": notice.response,
            "reply_prompt": notice.reply_prompt,
            "channels": [c for c, on in (("email", notice.by_email), ("sms", notice.by_sms)) if on],
            "scope": audience.get("scope", SCOPE_MEMBERS),
            "kinds": audience.get("kinds", []),
            "regions": audience.get("regions", []),
            "industries": audience.get("industries", []),
            "representatives_only": audience.get("representatives_only", False),
            "projects": audience.get("projects", []),
            "intake": audience.get("intake"),
            "statuses": audience.get("statuses", []),
        }

    def clean_body(self) -> str:
        body = clean_html(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Write the text of the notice."))
        return body

    def clean_attachments(self) -> list:
        files = self.cleaned_data.get("attachments") or []
        if len(files) + self.kept_count > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS}
            )
        check_upload_total(files, max_mb=MAX_ATTACHMENT_MB, already=self.kept_bytes)
        for f in files:
            validate_document(f)
        return files

    def clean(self):
        data = super().clean()
        scope = None if data.get("saved_audience") else data.get("scope")
        if scope == SCOPE_PROJECTS and not data.get("projects"):
            self.add_error("projects", _("Choose at least one project."))
        if scope == SCOPE_INTAKE and not data.get("intake"):
            self.add_error("intake", _("Choose the intake."))
        if data.get("response") == Notice.Response.REPLY and not data.get("reply_prompt"):
            self.add_error("reply_prompt", _("Write the question the recipients answer."))
        return data

    def channel_flags(self) -> dict[str, bool]:
        channels = self.cleaned_data.get("channels") or []
        if "channels_shown" not in self.data:  # posted by a client that predates channels
            channels = ["email"]
        return {"by_email": "email" in channels, "by_sms": "sms" in channels}

    def audience(self) -> dict:
        data = self.cleaned_data
        if data.get("saved_audience"):
            return dict(data["saved_audience"].audience)
        scope = data["scope"]
        if scope == SCOPE_PROJECTS:
            return {
                "scope": scope,
                "projects": sorted(p.pk for p in data["projects"]),
                "representatives_only": data["representatives_only"],
            }
        if scope == SCOPE_INTAKE:
            return {"scope": scope, "intake": data["intake"].pk, "statuses": data["statuses"]}
        return {
            "scope": scope,
            "kinds": data["kinds"],
            "regions": data["regions"],
            "industries": data["industries"],
            "representatives_only": data["representatives_only"],
        }


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )

    def clean_send_at(self):
        value = self.cleaned_data["send_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("The sending time must be in the future."))
        return value


class ReplyForm(forms.Form):
    reply = forms.ChoiceField(label=_("Your answer"), widget=forms.RadioSelect, choices=[])
    reply_text = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, **kwargs):
        from .models import Delivery

        super().__init__(*args, **kwargs)
        self.fields["reply"].choices = Delivery.Reply.choices


class PreferencesForm(forms.Form):
    def __init__(self, *args, current: dict[str, bool], sms_current=None, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Kind.choices:
            self.fields[value] = forms.BooleanField(
                label=label,
                required=False,
                initial=current.get(value, True),
                widget=forms.CheckboxInput(attrs={"class": "form-check-input", "role": "switch"}),
            )
        self.offers_sms = sms_current is not None
        for value, label in Kind.choices if self.offers_sms else []:
            self.fields[f"sms_{value}"] = forms.BooleanField(
                label=label,
                required=False,
                initial=sms_current.get(value, False),
                widget=forms.CheckboxInput(attrs={"class": "form-check-input", "role": "switch"}),
            )

    def email_fields(self):
        return [self[kind] for kind in Kind.values]

    def sms_fields(self):
        return [self[f"sms_{kind}"] for kind in Kind.values] if self.offers_sms else []

    def email_by_kind(self) -> dict[str, bool]:
        return {kind: bool(self.cleaned_data.get(kind)) for kind in Kind.values}

    def sms_by_kind(self) -> dict[str, bool] | None:
        if not self.offers_sms:
            return None
        return {kind: bool(self.cleaned_data.get(f"sms_{kind}")) for kind in Kind.values}
