"""Django admin's file input names the stored file without linking to MEDIA_URL, which no URL
serves (files go out through their own views, after an access check)."""

from django.contrib.admin.widgets import AdminFileWidget
from django.db import models


class UnlinkedFileWidget(AdminFileWidget):
    template_name = "core/widgets/unlinked_file_input.html"


FILE_FIELDS_UNLINKED = {
    models.FileField: {"widget": UnlinkedFileWidget},
    models.ImageField: {"widget": UnlinkedFileWidget},
}
