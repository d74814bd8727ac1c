"""The Datasette site: palmares' plugin (one entry point, this package).

Datasette serves this package's `static/` folder at /-/static-plugins/palmares/
and adds its `templates/` folder to its own template search path, as it does for
every plugin; the hooks are in `plugin.py`, the pages in `pages.py`.
"""

from .plugin import (
    asgi_wrapper,
    extra_css_urls,
    menu_links,
    prepare_connection,
    register_routes,
    render_cell,
)

__all__ = [
    "asgi_wrapper",
    "extra_css_urls",
    "menu_links",
    "prepare_connection",
    "register_routes",
    "render_cell",
]
