"""The demo network (`python manage.py load_demo`): its loaders and data, one module per
domain, kept out of the production apps; nothing in them imports this package."""
