"""How the portal's forms render: every field through one template (templates/forms/field.html).

Labels without Django's trailing colon and with "(optional)" where a field may be left empty,
a checkbox inside its label (beside the words, not above them), the help text under the field
(linked with aria-describedby) and the field's errors right after it.
"""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
