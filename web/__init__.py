"""The Datasette site: configuration from the query files, a plugin, palmares' own pages."""
