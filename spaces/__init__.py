"""Each person's pages, one package per person: views, forms, urls and templates, no models."""
