"""The pipeline's stages, one module each, in the order they run.

normalise → segment → recognise → detect → resolve (resolve_actors, resolve_counts)
→ merge → describe. Each is ``stage(article) -> article``; ``hadath.pipeline`` holds
the order, and ``hadath pipeline`` prints it.
"""
