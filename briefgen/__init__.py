"""briefgen: one YAML source of research findings → audience-tailored policy briefs."""

__version__ = "0.1.0"
"""Read by pyproject.toml too; part of every output's inputs, so a new version rebuilds everything."""

FORMATS = ("html", "pdf")
DOCUMENTS = ("brief", "slides")
"""What a build makes of each briefing, per audience: each document in each format."""
