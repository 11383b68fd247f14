from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.pagination import Paginator
from core.permissions import permission_required
from core.uploads import download_response

from . import selectors, services
from .forms import DocumentForm, FolderForm, NewDocumentForm, VersionForm
from .models import Access, Document
from .permissions import get_document_or_404


def _filters(request) -> dict:
    folder = request.GET.get("folder", "")
    return {
        "query": request.GET.get("q", "").strip()[:100],
        "folder": int(folder) if folder.isdigit() and len(folder) < 10 else None,
        "kind": request.GET.get("kind", ""),
    }


def library(request):
    """Everyone's library: each sees the levels they may read (public for visitors)."""
    filters = _filters(request)
    documents = selectors.library(request.user, **filters)
    page = Paginator(documents, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/library.html",
        {
            "page": page,
            "folders": selectors.folders(),
            "kinds": Document.Kind.choices,
            **filters,
        },
    )


def document_detail(request, pk: int):
    document = get_document_or_404(request.user, pk)
    versions = document.versions.select_related("uploaded_by")
    return render(request, "documents/detail.html", {"document": document, "versions": versions})


def document_file(request, pk: int, number: int):
    document = get_document_or_404(request.user, pk)
    version = get_object_or_404(document.versions, number=number)
    response = download_response(version.file, filename=version.original_name)
    if document.access != Access.PUBLIC:
        response["Cache-Control"] = "private, no-store"
    return response


@permission_required("governance.view")
def staff_library(request):
    filters = _filters(request)
    documents = selectors.library(request.user, **filters)
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/staff_library.html",
        {"page": page, "folders": selectors.folders(), "kinds": Document.Kind.choices, **filters},
    )


@permission_required("governance.change")
def staff_document_create(request):
    form = NewDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        file, note = data.pop("file"), data.pop("note")
        try:
            document = services.document_create(fields=data, file=file, by=request.user, note=note)
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(request, _("The document is in the library."))
            return redirect("document_detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form})


@permission_required("governance.change")
def staff_document_edit(request, pk: int):
    document = get_object_or_404(Document, pk=pk)
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The document is saved."))
        return redirect("document_detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "document": document})


@permission_required("governance.change")
def staff_version_upload(request, pk: int):
    document = get_object_or_404(Document, pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_add(
                document=document,
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(
                request, _("Version %(number)d is uploaded.") % {"number": version.number}
            )
            return redirect("document_detail", pk=document.pk)
    return render(request, "documents/version_form.html", {"form": form, "document": document})


@permission_required("governance.change")
def staff_folder_create(request):
    form = FolderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The folder is created."))
        return redirect("staff_library")
    return render(request, "documents/folder_form.html", {"form": form})
