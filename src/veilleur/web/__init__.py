"""The analyst's web page: Jinja2 templates, bundled static files, page routes (``pages.py``).

Everything is served from the package (no CDN), so the page works offline.
"""
