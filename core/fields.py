"""Model fields carrying a shared rule, so every path (form, API, import, admin) applies it."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .parsers import MAX_JSON_DEPTH, nesting_exceeds
from .validators import normalize_name, validate_name


class NameFormField(forms.CharField):
    def to_python(self, value):
        return normalize_name(super().to_python(value))


class NameSerializerField(serializers.CharField):
    def to_internal_value(self, data):
        return normalize_name(super().to_internal_value(data))


class NameField(models.CharField):
    """A person's or organisation's name: stored NFKC-normalised and trimmed, and refused when it
    holds control or invisible characters or no letter (core.validators.validate_name)."""

    default_validators = [validate_name]

    def to_python(self, value):
        value = super().to_python(value)
        return value if value is None else normalize_name(value)

    def pre_save(self, model_instance, add):
        # Services that save without full_clean() store the normalised name too.
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NameFormField, **kwargs})


# Every ModelSerializer builds a NameField's serializer field normalising like the model.
serializers.ModelSerializer.serializer_field_mapping[NameField] = NameSerializerField


class JSONFormField(forms.JSONField):
    """Django's JSON form field, refusing JSON nested too deeply with a message, not a 500
    (its decoder raises RecursionError past about 1,000 levels)."""

    default_error_messages = {"too_deep": _("The JSON is nested too deeply.")}

    def to_python(self, value):
        try:
            converted = super().to_python(value)
        except RecursionError:
            converted = None
        else:
            if not nesting_exceeds(converted, MAX_JSON_DEPTH):
                return converted
        raise ValidationError(self.error_messages["too_deep"], code="too_deep")

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return InvalidJSONInput(data)


# For the admin classes of models with a JSON field: `formfield_overrides = JSON_FORM_FIELDS`.
JSON_FORM_FIELDS = {models.JSONField: {"form_class": JSONFormField}}
