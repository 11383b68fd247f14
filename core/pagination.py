"""The one paginator of every list page and API list (DRF's, and `page_of` for pages).

A page is read with a deferred join: the page's ids come from the ordering's index
(`SELECT id … ORDER BY … LIMIT n OFFSET k`, which reads no rows, only index entries), and only
those rows are then read, joined and ordered. Without it a deep page reads, joins and throws
away every row its OFFSET skips; with it a last page costs about what the first does.
It runs as one query (`WHERE id IN (SELECT id … LIMIT … OFFSET …)`), so a page's query count
does not change.
"""

from django.core.paginator import Page
from django.core.paginator import Paginator as DjangoPaginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination


def deferred_slice(object_list, bottom: int, top: int):
    """object_list[bottom:top], reading only the rows of the slice when it is a QuerySet."""
    if not _deferrable(object_list):
        return object_list[bottom:top]
    ids = object_list.values("pk")[bottom:top]
    return object_list.filter(pk__in=ids)


def _deferrable(object_list) -> bool:
    if not isinstance(object_list, QuerySet):
        return False
    query = object_list.query
    return not (query.combinator or query.is_sliced or query.distinct_fields)


class Paginator(DjangoPaginator):
    def __init__(self, *args, count: int | None = None, **kwargs):
        """count: the number of rows when it is known already (counted with other figures,
        or kept in the cache), which saves the COUNT query."""
        super().__init__(*args, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Django's count is a cached_property

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(deferred_slice(self.object_list, bottom, top), number, self)


class Pagination(PageNumberPagination):
    django_paginator_class = Paginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


PAGE_SIZE = 25


def page_of(request, queryset, *, per_page: int = PAGE_SIZE, param: str = "page") -> Page:
    """One page of a list for a page (not the API); `page.query` keeps the request's other
    parameters for the links of templates/includes/pagination.html."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    page.query = query.urlencode()
    page.param = param
    return page
