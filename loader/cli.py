import click


@click.group()
def cli():
    """palmares: cycling race results in SQLite."""
