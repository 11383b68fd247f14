from django.db import models

from .sanitize import clean_html


class RichTextField(models.TextField):
    """HTML sanitised (notices.sanitize.clean_html) whenever it is saved, by any path: the
    portal's forms, the API, the admin, services and imports alike. Templates show it |safe."""

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
