"""Build-time maintainer tools. Nothing here is imported by the tagger or the bot."""
