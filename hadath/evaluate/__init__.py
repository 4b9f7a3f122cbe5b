"""Scoring extraction against annotated gold files (CODEBOOK §9)."""

from hadath.evaluate.scorer import ArticleScores, SentenceScores, score_articles, score_sentences

__all__ = ["ArticleScores", "SentenceScores", "score_articles", "score_sentences"]
