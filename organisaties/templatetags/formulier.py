"""Form rendering (templates/includes/veld.html): every widget gets the NL Design System
class of its kind, so no form on any page shows a bare browser control."""

from django import template

register = template.Library()

KLASSE = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "radioselect": "",
    "checkboxselectmultiple": "",
    "hidden": "",
}


@register.filter
def utrecht(veld):
    """The field's widget with the Utrecht class of its kind added (text-like by default);
    an invalid field also gets the --invalid modifier and aria-invalid."""
    soort = veld.widget_type
    basis = KLASSE.get(soort, "utrecht-textbox utrecht-textbox--html-input")
    if not basis:
        return veld.as_widget()
    huidig = veld.field.widget.attrs.get("class", "")
    klassen = huidig.split()
    for k in basis.split():
        if k not in klassen:
            klassen.append(k)
    attrs = {"class": " ".join(klassen)}
    if veld.errors:
        attrs["class"] += f" {basis.split()[0]}--invalid"
        attrs["aria-invalid"] = "true"
    return veld.as_widget(attrs=attrs)


@register.filter
def is_vinkje(veld) -> bool:
    return veld.widget_type == "checkbox"
