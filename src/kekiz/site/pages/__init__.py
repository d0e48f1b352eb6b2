"""Page families: each module makes the pages of one kind (see kekiz.site.outputs)."""

