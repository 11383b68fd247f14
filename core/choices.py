"""Select boxes over tables that grow: offer a short list (the open, recent or active rows)
and the one chosen, while any row of the queryset is still accepted (a bookmarked filter
keeps working). A province's thousands of rows are not written into every page."""

import django_filters
from django import forms


class OfferedChoices(forms.models.ModelChoiceIterator):
    def __iter__(self):
        yield ("", self.field.empty_label)
        offered = list(self.field.offered(self.queryset)[: self.field.limit])
        chosen = self.field.chosen
        if chosen and str(chosen).isdigit() and all(str(o.pk) != str(chosen) for o in offered):
            offered += list(self.queryset.filter(pk=int(chosen)))
        for row in offered:
            yield self.choice(row)

    def __len__(self):
        return self.field.limit + 2


class ShortModelChoiceField(forms.ModelChoiceField):
    """offered(queryset) → the ordered rows to list; set `chosen` to the submitted value."""

    iterator = OfferedChoices
    chosen = None
    limit = 60

    def __init__(self, *args, offered=None, limit: int = 60, **kwargs):
        self.offered = offered or (lambda queryset: queryset)
        self.limit = limit
        super().__init__(*args, **kwargs)


class ShortModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A django-filter filter over a ShortModelChoiceField (pass `offered=`)."""

    field_class = ShortModelChoiceField
