"""Lists in pages: the API's paginator (DRF) and the one for pages (page_of)."""

from django.core.paginator import Page, Paginator
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
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
