from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member

from .codes import ETHNICITY_CHOICES, POLITICAL_STATUS_CHOICES
from .models import Answer, Application, DocumentKind, Intake, Question
from .permissions import SCHOOL_KINDS, possible_reviewers, reviewers_refused


class BootstrapMixin:
    """Bootstrap's classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-check-input")
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = css


class ApplicationForm(BootstrapMixin, forms.ModelForm):
    """The applicant's personal details: saved as a draft, finished later."""

    education = forms.ChoiceField(
        label=_("Education"), choices=[("", "—"), *Application.Education.choices]
    )
    # The student register's fields (学籍): asked of everyone, as the school registers them.
    ethnicity = forms.ChoiceField(label=_("Ethnic group"), choices=[("", "—"), *ETHNICITY_CHOICES])
    political_status = forms.ChoiceField(
        label=_("Political status"), choices=[("", "—"), *POLITICAL_STATUS_CHOICES]
    )

    class Meta:
        model = Application
        fields = [
            "full_name",
            "id_number",
            "phone",
            "education",
            "ethnicity",
            "political_status",
            "household_region",
            "previous_school",
            "employer",
            "address",
        ]
        widgets = {
            "id_number": forms.TextInput(
                attrs={"autocomplete": "off", "inputmode": "text", "maxlength": 18}
            ),
            "phone": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "tel", "maxlength": 11}
            ),
        }
        help_texts = {
            "id_number": _("18 characters; your birth date and sex are read from it."),
            "phone": _("11-digit mainland mobile number."),
            "employer": _("Where you work now, if anywhere."),
            "household_region": _(
                "Where your household is registered (户口), from the province down."
            ),
            "previous_school": _("The school of your last diploma."),
        }
        labels = {"employer": _("Current employer")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("household_region", "previous_school"):
            self.fields[name].required = True

    def clean_id_number(self) -> str:
        return self.cleaned_data["id_number"].strip().upper()

    def validate_unique(self):
        # One application per ID number and intake is checked by the service, with its message.
        pass


class DocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document type"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("JPEG, PNG or PDF, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class IntakeForm(BootstrapMixin, forms.ModelForm):
    document_kinds = forms.MultipleChoiceField(
        label=_("Required uploads"),
        choices=DocumentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Intake
        fields = [
            "programme",
            "year",
            "quota",
            "opens_at",
            "closes_at",
            "document_kinds",
            "documents_required",
            "description",
            "online_courses",
            "school",
            "reviewers",
            # the waiting list and the admission letters
            "offer_days",
            "starts_on",
            "report_place",
        ]
        widgets = {
            "reviewers": forms.CheckboxSelectMultiple,
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
            "documents_required": forms.Textarea(attrs={"rows": 2}),
            "online_courses": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Member.objects.filter(kind__in=SCHOOL_KINDS)
        self.fields["reviewers"].queryset = possible_reviewers()

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Registration must close after it opens."))
        for problem in reviewers_refused(
            school=data.get("school"), reviewers=data.get("reviewers") or []
        ):
            self.add_error("reviewers", problem)
        return data


def _question_field(question: Question, answered_file: bool) -> forms.Field:
    """The form field asking the question: its type's Django field does the checking."""
    K = Question.Kind
    common = {"label": question.label, "help_text": question.help, "required": question.required}
    if question.kind == K.SHORT_TEXT:
        return forms.CharField(max_length=200, **common)
    if question.kind == K.LONG_TEXT:
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if question.kind == K.NUMBER:
        return forms.DecimalField(
            max_digits=12,
            decimal_places=2,
            widget=forms.NumberInput(attrs={"step": "any"}),
            **common,
        )
    if question.kind == K.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if question.kind == K.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=question.choice_items(), widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind in (K.SINGLE_CHOICE, K.YES_NO):
        return forms.ChoiceField(
            choices=question.choice_items(), widget=forms.RadioSelect, **common
        )
    # A file: a required one already uploaded need not be chosen again.
    common["required"] = question.required and not answered_file
    return forms.FileField(
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
        **{**common, "help_text": question.help or _("JPEG, PNG or PDF, at most 5 MB.")},
    )


def answer_initial(answer: Answer):
    if answer.question.kind == Question.Kind.YES_NO:
        return None if answer.value is None else ("yes" if answer.value else "no")
    return answer.value


class AnswersForm(forms.Form):
    """The intake's own questions (those still asked), filled in with the answers given."""

    def __init__(
        self,
        *args,
        intake: Intake,
        application: Application | None = None,
        questions: list[Question] | None = None,
        **kwargs,
    ):
        if questions is None:
            questions = list(intake.questions.filter(active=True))
        self.questions = questions
        self.answers = (
            {a.question_id: a for a in application.answers.select_related("question")}
            if application is not None
            else {}
        )
        kwargs.setdefault(
            "initial", {f"q_{pk}": answer_initial(a) for pk, a in self.answers.items()}
        )
        super().__init__(*args, **kwargs)
        for question in self.questions:
            answer = self.answers.get(question.pk)
            field = _question_field(question, bool(answer and answer.file))
            radio = isinstance(field.widget, forms.RadioSelect)  # checkboxes too
            field.widget.attrs["class"] = "form-check-input" if radio else "form-control"
            field.question, field.answer = question, answer
            self.fields[f"q_{question.pk}"] = field

    def clean(self):
        from .questions import check_answer_file

        data = super().clean()
        for question in self.questions:
            name = f"q_{question.pk}"
            upload = data.get(name)
            if question.kind == Question.Kind.FILE and upload:
                try:
                    check_answer_file(upload)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def answers_by_question(self) -> dict[Question, object]:
        return {q: self.cleaned_data.get(f"q_{q.pk}") for q in self.questions}


class QuestionForm(BootstrapMixin, forms.ModelForm):
    """A question of the intake's own; choices one a line, 中文 | English."""

    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For single and multiple choice: one choice a line, the Chinese first, then "
            "a vertical bar and the English."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "label_zh",
            "label_en",
            "kind",
            "required",
            "help_zh",
            "help_en",
            "position",
            "active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .questions import choices_text

        if self.instance.pk:
            self.initial["choices_text"] = choices_text(self.instance)
        for name in ("required", "active"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        self.fields["kind"].choices = Question.Kind.choices

    def clean(self):
        from .questions import merged_choices, parse_choices, question_change_refused

        data = super().clean()
        kind = data.get("kind")
        rows = parse_choices(data.get("choices_text", ""))
        if kind in Question.CHOICE_KINDS:
            if len(rows) < 2:
                self.add_error("choices_text", _("Give at least two choices, one a line."))
            elif any(not zh for zh, _en in rows):
                self.add_error("choices_text", _("Every choice needs its Chinese text."))
        choices = merged_choices(self.instance, rows) if kind in Question.CHOICE_KINDS else []
        for field, problem in question_change_refused(
            self.instance, kind=kind or "", choices=choices
        ).items():
            self.add_error("choices_text" if field == "choices" else field, problem)
        self.merged_choices = choices
        return data

    def save(self, commit=True):
        self.instance.choices = self.merged_choices
        return super().save(commit)
