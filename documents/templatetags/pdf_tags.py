"""`{% load pdf_tags %}`: images of the PDF templates embedded, whatever the storage."""

from django import template

from documents.renderer import embedded as embed_file

register = template.Library()


@register.filter
def embedded(file):
    """`<img src="{{ signature.image|embedded }}">`: the stored image as a data: URI."""
    return embed_file(file)
