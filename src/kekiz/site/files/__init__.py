"""File families: downloads, feeds, the catalogue and images (see kekiz.site.outputs)."""

