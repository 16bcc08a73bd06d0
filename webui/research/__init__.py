"""Research (调查研究): the body's research tasks, one research's page, and its proposals put into
the topic pool of the next full meeting."""

from webui.research.routes import bp

__all__ = ["bp"]
