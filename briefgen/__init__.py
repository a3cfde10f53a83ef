"""briefgen: one YAML source of research findings → audience-tailored policy briefs.

The pipeline, one subpackage per stage, each importing only the stages before it (docs/architecture.md):
content (YAML → validated Briefing) → views (Briefing → per-variant views and slide plans) → render
(views → bytes, per registered document kind and format) → build (what is stale, rendered in workers,
written once); serve, check and cli sit on top.
"""

__version__ = "0.1.0"
"""Read by pyproject.toml too; part of every output's inputs, so a new version rebuilds everything."""

