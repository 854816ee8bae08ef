"""Actors: the dated knowledge base, the resolver and in-article coreference."""

from eventwire.actors.context import ArticleContext
from eventwire.actors.kb import KnowledgeBase, load_kb
from eventwire.actors.resolution import Resolution
from eventwire.actors.resolver import Resolver, get_resolver

__all__ = ["ArticleContext", "KnowledgeBase", "Resolution", "Resolver", "get_resolver", "load_kb"]
